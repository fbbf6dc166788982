/*
 * ags.c
 *		fmgr glue of siko.ags: I/O, comparison, hashing, containment with
 *		its planner support, and the tree functions.  The logic lives in
 *		core/ags.c.
 */
#include "siko.h"

#include "access/stratnum.h"
#include "catalog/pg_am_d.h"
#include "catalog/pg_type_d.h"
#include "commands/defrem.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/sortsupport.h"

StaticAssertDecl(sizeof(SikoAgs) == sizeof(int32), "ags is stored like int4");

#define AGS_HINT "An ags is the 2, 3, 5 or 8 digits of a Land, Regierungsbezirk, Kreis or Gemeinde, e.g. 05562020, or the same digits in parts as Destatis prints them, e.g. 05 5 62 020; the Land is 01 to 16."

#define AGS_BINARY_HINT "A binary ags is the version byte 1 and a 4-byte code: the digits right-padded with zeros to 8 digits, times 4, plus the level (0 Land, 1 Regierungsbezirk, 2 Kreis, 3 Gemeinde)."

/* the first byte of the binary form */

PG_FUNCTION_INFO_V1(ags_in);
Datum
ags_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	SikoAgs		a;
	SikoError	err;

	if (!siko_ags_parse(s, strlen(s), &a, &err))
	{
		siko_report_soft(&err, "ags", s, AGS_HINT, fcinfo->context);
		return (Datum) 0;
	}
	PG_RETURN_SIKO_AGS(a);
}

PG_FUNCTION_INFO_V1(ags_out);
Datum
ags_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(SIKO_AGS_MAXLEN + 1);

	siko_ags_format(PG_GETARG_SIKO_AGS(0), buf);
	PG_RETURN_CSTRING(buf);
}

/* binary form: a version byte, then the code as a 4-byte integer */
PG_FUNCTION_INFO_V1(ags_recv);
Datum
ags_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	uint32		code;
	SikoError	err;

	siko_recv_version(buf, "ags", SIKO_WIRE_VERSION);
	code = (uint32) pq_getmsgint(buf, 4);
	if (!siko_ags_check(code, &err))
		siko_report_binary(&err, "ags", psprintf("%u", code), AGS_BINARY_HINT);
	PG_RETURN_SIKO_AGS(code);
}

PG_FUNCTION_INFO_V1(ags_send);
Datum
ags_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SIKO_WIRE_VERSION);
	pq_sendint32(&buf, PG_GETARG_SIKO_AGS(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------
 * Order and hashing
 * ------------------------------------------------------------------- */

#define AGS_CMP_FUNCTION(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_SIKO_AGS(0) op PG_GETARG_SIKO_AGS(1)); \
}

AGS_CMP_FUNCTION(ags_eq, ==)
AGS_CMP_FUNCTION(ags_ne, !=)
AGS_CMP_FUNCTION(ags_lt, <)
AGS_CMP_FUNCTION(ags_le, <=)
AGS_CMP_FUNCTION(ags_gt, >)
AGS_CMP_FUNCTION(ags_ge, >=)

PG_FUNCTION_INFO_V1(ags_cmp);
Datum
ags_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(siko_ags_cmp(PG_GETARG_SIKO_AGS(0), PG_GETARG_SIKO_AGS(1)));
}

/*
 * The Datum of an ags is its code zero-extended, so comparing Datums as
 * unsigned integers is the btree order; tuplesort has a specialised sort
 * for this comparator.
 */
PG_FUNCTION_INFO_V1(ags_sortsupport);
Datum
ags_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = ssup_datum_unsigned_cmp;
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(ags_hash);
Datum
ags_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32(PG_GETARG_SIKO_AGS(0));
}

PG_FUNCTION_INFO_V1(ags_hash_extended);
Datum
ags_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended(PG_GETARG_SIKO_AGS(0), PG_GETARG_INT64(1));
}

/* ---------------------------------------------------------------------
 * Containment: ancestor-or-self
 * ------------------------------------------------------------------- */

/* a @> b: a is b or one of its ancestors */
PG_FUNCTION_INFO_V1(ags_contains);
Datum
ags_contains(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(siko_ags_contains(PG_GETARG_SIKO_AGS(0), PG_GETARG_SIKO_AGS(1)));
}

/* a <@ b: b is a or one of its ancestors */
PG_FUNCTION_INFO_V1(ags_contained);
Datum
ags_contained(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(siko_ags_contains(PG_GETARG_SIKO_AGS(1), PG_GETARG_SIKO_AGS(0)));
}

static Expr *
ags_const(Oid agstype, SikoAgs a)
{
	return (Expr *) makeConst(agstype, -1, InvalidOid, sizeof(SikoAgs),
							  SikoAgsGetDatum(a), false, true);
}

/*
 * Index conditions for a containment test whose other argument is the
 * constant c, on an index of ags's default btree operator class:
 *	key inside c:	key >= c AND key <= subtree_last(c)
 *	key around c:	key = ANY (c and its ancestors)
 * Both are exact.
 */
static List *
ags_index_conditions(SupportRequestIndexCondition *req, Node *indexkey,
					 Node *other, bool key_is_descendant)
{
	Oid			agstype = exprType(indexkey);
	Oid			opclass;
	SikoAgs		c;

	if (!IsA(other, Const) || ((Const *) other)->constisnull ||
		exprType(other) != agstype)
		return NIL;
	/* only ags's own btree family (which is btree) has the order we need */
	opclass = GetDefaultOpClass(agstype, BTREE_AM_OID);
	if (!OidIsValid(opclass) || get_opclass_family(opclass) != req->opfamily)
		return NIL;
	c = DatumGetSikoAgs(((Const *) other)->constvalue);

	if (key_is_descendant)
	{
		Oid			ge = get_opfamily_member(req->opfamily, agstype, agstype,
											 BTGreaterEqualStrategyNumber);
		Oid			le = get_opfamily_member(req->opfamily, agstype, agstype,
											 BTLessEqualStrategyNumber);

		if (!OidIsValid(ge) || !OidIsValid(le))
			return NIL;
		req->lossy = false;
		return list_make2(make_opclause(ge, BOOLOID, false, (Expr *) indexkey,
										ags_const(agstype, c),
										InvalidOid, InvalidOid),
						  make_opclause(le, BOOLOID, false, (Expr *) indexkey,
										ags_const(agstype, siko_ags_subtree_last(c)),
										InvalidOid, InvalidOid));
	}
	else
	{
		Oid			eq = get_opfamily_member(req->opfamily, agstype, agstype,
											 BTEqualStrategyNumber);
		Oid			arraytype = get_array_type(agstype);
		Datum		elems[4];
		int			n = 0;
		int			level;
		ArrayType  *arr;
		ScalarArrayOpExpr *saop;

		if (!OidIsValid(eq) || !OidIsValid(arraytype))
			return NIL;
		for (level = SIKO_AGS_LAND; level <= siko_ags_level(c); level++)
			elems[n++] = SikoAgsGetDatum(siko_ags_truncate(c, level));
		arr = construct_array(elems, n, agstype, sizeof(SikoAgs), true,
							  TYPALIGN_INT);

		saop = makeNode(ScalarArrayOpExpr);
		saop->opno = eq;
		saop->opfuncid = get_opcode(eq);
		saop->hashfuncid = InvalidOid;
		saop->negfuncid = InvalidOid;
		saop->useOr = true;
		saop->inputcollid = InvalidOid;
		saop->args = list_make2(indexkey,
								makeConst(arraytype, -1, InvalidOid, -1,
										  PointerGetDatum(arr), false, false));
		saop->location = -1;
		req->lossy = false;
		return list_make1(saop);
	}
}

/*
 * Planner support of @> and <@ (ags_contains_support for @>, whose first
 * argument is the ancestor; ags_contained_support for <@, whose second is).
 */
static Node *
ags_containment_support(Node *rawreq, bool first_is_ancestor)
{
	SupportRequestIndexCondition *req;
	List	   *args;
	Node	   *indexkey;
	Node	   *other;
	bool		key_is_descendant;

	if (!IsA(rawreq, SupportRequestIndexCondition))
		return NULL;
	req = (SupportRequestIndexCondition *) rawreq;
	if (is_opclause(req->node))
		args = ((OpExpr *) req->node)->args;
	else if (is_funcclause(req->node))
		args = ((FuncExpr *) req->node)->args;
	else
		return NULL;
	if (list_length(args) != 2 || req->indexarg < 0 || req->indexarg > 1)
		return NULL;
	indexkey = (Node *) list_nth(args, req->indexarg);
	other = (Node *) list_nth(args, 1 - req->indexarg);
	/* the index key is the descendant when it is not the ancestor argument */
	key_is_descendant = (req->indexarg == 1) == first_is_ancestor;
	return (Node *) ags_index_conditions(req, indexkey, other, key_is_descendant);
}

PG_FUNCTION_INFO_V1(ags_contains_support);
Datum
ags_contains_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(ags_containment_support((Node *) PG_GETARG_POINTER(0), true));
}

PG_FUNCTION_INFO_V1(ags_contained_support);
Datum
ags_contained_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(ags_containment_support((Node *) PG_GETARG_POINTER(0), false));
}

/* ---------------------------------------------------------------------
 * The tree
 * ------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(ags_level);
Datum
ags_level(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"land", "regierungsbezirk", "kreis", "gemeinde"};

	PG_RETURN_TEXT_P(cstring_to_text(names[siko_ags_level(PG_GETARG_SIKO_AGS(0))]));
}

PG_FUNCTION_INFO_V1(ags_parent);
Datum
ags_parent(PG_FUNCTION_ARGS)
{
	SikoAgs		parent;

	if (!siko_ags_parent(PG_GETARG_SIKO_AGS(0), &parent))
		PG_RETURN_NULL();
	PG_RETURN_SIKO_AGS(parent);
}

PG_FUNCTION_INFO_V1(ags_kreis);
Datum
ags_kreis(PG_FUNCTION_ARGS)
{
	SikoAgs		a = PG_GETARG_SIKO_AGS(0);

	if (siko_ags_level(a) < SIKO_AGS_KREIS)
		PG_RETURN_NULL();
	PG_RETURN_SIKO_AGS(siko_ags_truncate(a, SIKO_AGS_KREIS));
}

PG_FUNCTION_INFO_V1(ags_land);
Datum
ags_land(PG_FUNCTION_ARGS)
{
	PG_RETURN_SIKO_AGS(siko_ags_truncate(PG_GETARG_SIKO_AGS(0), SIKO_AGS_LAND));
}

/* ---------------------------------------------------------------------
 * Casts from integer and bigint: a key that a spreadsheet or an integer
 * column stored as a number, its leading zero lost
 * ------------------------------------------------------------------- */
static Datum
ags_from_int(int64 v)
{
	SikoAgs		a;
	SikoError	err;

	if (!siko_ags_from_int(v, &a, &err))
		siko_report(&err, "ags", psprintf(INT64_FORMAT, v), AGS_HINT);
	PG_RETURN_SIKO_AGS(a);
}

PG_FUNCTION_INFO_V1(ags_from_int4);
Datum
ags_from_int4(PG_FUNCTION_ARGS)
{
	return ags_from_int(PG_GETARG_INT32(0));
}

PG_FUNCTION_INFO_V1(ags_from_int8);
Datum
ags_from_int8(PG_FUNCTION_ARGS)
{
	return ags_from_int(PG_GETARG_INT64(0));
}
