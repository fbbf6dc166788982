/*
 * register_rel.c
 *		Finding the register's relations, invalidating the cache, the
 *		privilege gate of the as-of functions, and the scans the cache
 *		builds read the tables (or their history) with.
 *
 * The register tables and the indexes the cache and the row triggers
 * use are looked up by name once after each flush.  Everything cached
 * lives under one memory context, "siko register cache", which a relcache
 * invalidation of any register or history table resets.  Plain DML sends
 * no relcache invalidation, so the register tables carry a statement-level
 * trigger that does (siko_register_changed in register_trigger.c): at
 * commit the message reaches every backend, after a rollback no other
 * backend sees it, and the changing backend itself processes it at the
 * next command.
 *
 * Under REPEATABLE READ or SERIALIZABLE a build sees the transaction's
 * snapshot, which may be older than the last invalidation; such a cache is
 * good for that transaction only and is dropped when the next one uses it.
 */
#include "register.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relscan.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_am_d.h"
#include "catalog/pg_class.h"
#include "catalog/pg_index.h"
#include "catalog/pg_opfamily_d.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "parser/parse_relation.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

uint64		siko_reg_generation = 1;
MemoryContext siko_reg_cxt = NULL;

static bool reg_callback_registered = false;

/* in the order of enum RegRel */
static const char *const reg_relnames[REG_NRELS] = {
	"cooperation", "partner", "accession", "source", "accession_source",
	"cooperation_history", "partner_history", "accession_history",
	"source_history", "accession_source_history",
	"cooperation_pkey", "partner_pkey", "accession_partner_idx",
	"accession_cooperation_idx", "register_version", "partner_ags_key"
};
static Oid	reg_relids[REG_NRELS];
/* the tables themselves, when reg_relids are their Citus placements */
static Oid	reg_table_relids[REG_NRELS];
static bool reg_relids_valid = false;

/*
 * The register's version (siko.register_version) the cache was built for.
 * Every statement that changes the register bumps it, in its transaction;
 * the first call of each execution reads it with the statement's snapshot
 * and flushes a cache built for another one.  An invalidation message
 * alone is not enough: a commit becomes visible to new snapshots a moment
 * before its invalidation is sent, so a statement could otherwise answer
 * from a cache older than its snapshot, and rebuild it mid-statement when
 * the message arrives (two answers to one question in one statement).
 */
static bool reg_version_known = false;
static int64 reg_version = 0;
static bool reg_version_own = false;	/* written by this transaction */
static int64 reg_read_version(void);

/* a cache built under a transaction snapshot is good for that transaction */
static bool reg_xact_bound = false;
static LocalTransactionId reg_xact_lxid = InvalidLocalTransactionId;

/* what the cache files forget at a flush (register_cache.c) */
static void
reg_flush(void)
{
	if (siko_reg_cxt != NULL)
		MemoryContextReset(siko_reg_cxt);
	siko_reg_forget();
	reg_relids_valid = false;
	reg_xact_bound = false;
	reg_version_known = false;
	siko_reg_generation++;
}

static void
reg_relcache_callback(Datum arg, Oid relid)
{
	if (OidIsValid(relid) && reg_relids_valid)
	{
		int			i;

		for (i = 0; i < REG_NRELS; i++)
			if (reg_relids[i] == relid || reg_table_relids[i] == relid)
				break;
		if (i == REG_NRELS)
			return;
	}
	reg_flush();
}

Oid
siko_reg_relid(const char *relname)
{
	Oid			nsp = get_namespace_oid("siko", true);

	if (!OidIsValid(nsp))
		return InvalidOid;
	return get_relname_relid(relname, nsp);
}

/*
 * The Oid of a register table or index, kept until the next flush (which a
 * relcache invalidation of any of them causes, so a dropped and recreated
 * index is found again); InvalidOid before CREATE EXTENSION.  On a Citus
 * node, that of this node's placement of the reference table.
 */
Oid
siko_reg_rel(RegRel which)
{
	Assert(which >= 0 && which < REG_NRELS);
	if (!reg_callback_registered)
	{
		CacheRegisterRelcacheCallback(reg_relcache_callback, (Datum) 0);
		reg_callback_registered = true;
	}
	if (!reg_relids_valid)
	{
		int			i;

		for (i = 0; i < REG_NRELS; i++)
		{
			reg_table_relids[i] = siko_reg_relid(reg_relnames[i]);
			reg_relids[i] = siko_citus_placement(reg_table_relids[i]);
		}
		reg_relids_valid = true;
	}
	return reg_relids[which];
}

/* the cache's context, and the callback that flushes it */
void
siko_reg_ensure_context(void)
{
	(void) siko_reg_rel(REG_COOPERATION);
	if (siko_reg_cxt == NULL)
		siko_reg_cxt = AllocSetContextCreate(CacheMemoryContext,
											 "siko register cache",
											 ALLOCSET_DEFAULT_SIZES);
}

int64
siko_reg_version(void)
{
	return reg_version_known ? reg_version : -1;
}

bool
siko_reg_version_own(void)
{
	return reg_version_own;
}

/* remember that what was just built holds for this transaction only */
void
siko_reg_note_snapshot(void)
{
	if (IsolationUsesXactSnapshot())
	{
		reg_xact_bound = true;
		reg_xact_lxid = SIKO_MY_LXID;
	}
}

/*
 * May the current user read this table through the cache?  SELECT on it,
 * and no row policy in force: the cache holds every row and cannot apply
 * row policies.
 */
static void
reg_check_readable(RegRel which)
{
	Oid			relid = siko_reg_rel(which);
	const char *name = reg_relnames[which];
	AclResult	aclresult;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"siko.%s\" does not exist", name),
				 errhint("The register is damaged: reinstall it with DROP EXTENSION siko and CREATE EXTENSION siko, after a dump of its rows.")));
	aclresult = pg_class_aclcheck(relid, GetUserId(), ACL_SELECT);
	if (aclresult != ACLCHECK_OK)
		aclcheck_error(aclresult, OBJECT_TABLE, get_rel_name(relid));
	if (check_enable_rls(relid, InvalidOid, true) == RLS_ENABLED)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("siko's as-of functions cannot answer under row-level security on \"siko.%s\"",
						name),
				 errdetail("They answer from a cache of the whole register, which row policies cannot filter."),
				 errhint("Query the tables or siko.timeline instead, or disable row-level security with ALTER TABLE siko.%s DISABLE ROW LEVEL SECURITY.",
						 name)));
}

/* the same for the history, before the first answer as known on a moment */
void
siko_reg_check_history(RegCallCache *cc)
{
	if (cc->history_checked)
		return;
	reg_check_readable(REG_COOPERATION_HISTORY);
	reg_check_readable(REG_PARTNER_HISTORY);
	reg_check_readable(REG_ACCESSION_HISTORY);
	cc->history_checked = true;
}

RegCallCache *
siko_reg_callcache(FunctionCallInfo fcinfo)
{
	RegCallCache *cc = (RegCallCache *) fcinfo->flinfo->fn_extra;

	if (cc == NULL)
	{
		cc = siko_reg_callcache_in(fcinfo, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = cc;
	}
	return cc;
}

RegCallCache *
siko_reg_callcache_in(FunctionCallInfo fcinfo, MemoryContext cxt)
{
	RegCallCache *cc;
	int64		version;

	/* a new execution: take in what other backends committed since */
	AcceptInvalidationMessages();
	if (reg_xact_bound && reg_xact_lxid != SIKO_MY_LXID)
		reg_flush();
	/* the register as this statement's snapshot sees it */
	version = reg_read_version();
	if (reg_version_known && version != reg_version)
		reg_flush();
	siko_reg_ensure_context();
	reg_version = version;
	reg_version_known = true;
	reg_check_readable(REG_COOPERATION);
	reg_check_readable(REG_PARTNER);
	reg_check_readable(REG_ACCESSION);

	cc = MemoryContextAllocZero(cxt, sizeof(RegCallCache));
	/* a constant code (the usual call) needs no comparison per row */
	cc->code_stable = fcinfo->flinfo->fn_expr != NULL &&
		get_fn_expr_arg_stable(fcinfo->flinfo, 0);
	return cc;
}

/* ---------------------------------------------------------------------
 * Scans of the register for the builds
 *
 * The cache is read straight from the tables, not through SPI: each
 * parallel worker of a query builds its own, and a scan with a slot reads
 * the few columns it needs at a fraction of the cost of planning and
 * executing a join and copying its rows.  The rows are those the active
 * snapshot sees, as a query of the statement would see; from a history
 * table, the versions live at the moment asked for.
 * ------------------------------------------------------------------- */

static Snapshot
reg_snapshot(void)
{
	return ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot();
}

/* siko.register_version as the active snapshot sees it; -1 without it */
static int64
reg_read_version(void)
{
	Oid			relid = siko_reg_rel(REG_VERSION);
	Relation	rel;
	TableScanDesc scan;
	TupleTableSlot *slot;
	int64		version = -1;

	if (!OidIsValid(relid))
		return -1;
	rel = table_open(relid, AccessShareLock);
	slot = table_slot_create(rel, NULL);
	scan = table_beginscan(rel, reg_snapshot(), 0, NULL);
	reg_version_own = false;
	if (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		bool		should_free;
		Datum		d = slot_getattr(slot, 1, &isnull);
		HeapTuple	tup = ExecFetchSlotHeapTuple(slot, false, &should_free);

		if (!isnull)
			version = DatumGetInt64(d);
		reg_version_own = TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(tup->t_data));
		if (should_free)
			heap_freetuple(tup);
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, AccessShareLock);
	return version;
}

/*
 * One more version of the register, in the changing transaction: as the
 * table's owner (the writers of the register need no privilege on it).
 */
void
siko_reg_bump_version(void)
{
	Oid			relid = siko_reg_rel(REG_VERSION);
	Oid			save_userid;
	int			save_sec;
	HeapTuple	tup;
	Oid			owner;

	if (!OidIsValid(relid))
		return;
	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);
	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(owner, save_sec | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_NOFORCE_RLS);
	PG_TRY();
	{
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (SPI_execute(psprintf("UPDATE siko.%s SET version = version OPERATOR(pg_catalog.+) 1",
								 quote_identifier(get_rel_name(relid))),
						false, 0) != SPI_OK_UPDATE)
			elog(ERROR, "SPI_execute failed");
		SPI_finish();
	}
	PG_FINALLY();
	{
		SetUserIdAndSecContext(save_userid, save_sec);
	}
	PG_END_TRY();
}

AttrNumber
siko_reg_scan_col(RegScan *s, const char *name)
{
	AttrNumber	n = attnameAttNum(s->rel, name, false);

	if (n <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of the register table \"siko.%s\" does not exist",
						name, RelationGetRelationName(s->rel)),
				 errdetail("siko reads the register by its column names; this one has been dropped or renamed."),
				 errhint("Rename the column back, or reinstall the register with DROP EXTENSION siko and CREATE EXTENSION siko after a dump of its rows.")));
	return n;
}

/*
 * The equality function of a valid btree index whose first column is the
 * table's column att, compared as that column's type, on every row; then an
 * equality scan on it finds all the rows with a value.  The extension
 * creates accession_cooperation_idx and partner_ags_key so, but a user may
 * have replaced them.  InvalidOid otherwise: the builds scan the table.
 */
static RegProcedure
reg_index_leads_with(Relation rel, Relation idx, AttrNumber att)
{
	Oid			type = TupleDescAttr(RelationGetDescr(rel), att - 1)->atttypid;
	Oid			op;

	if (idx->rd_rel->relam != BTREE_AM_OID ||
		!idx->rd_index->indisvalid ||
		idx->rd_index->indnatts < 1 ||
		idx->rd_index->indkey.values[0] != att ||
		idx->rd_opcintype[0] != type ||
		!heap_attisnull(idx->rd_indextuple, Anum_pg_index_indpred, NULL))
		return InvalidOid;
	op = get_opfamily_member(idx->rd_opfamily[0], type, type, BTEqualStrategyNumber);
	return OidIsValid(op) ? get_opcode(op) : InvalidOid;
}

/*
 * Begin a scan of a register table: 'which' in the current state, or its
 * history table (which + the distance to the history tables) as known on
 * src->known_on.  With keycol set, only the rows whose column keycol (of a
 * 4-byte type passed by value: integer, siko.ags) equals key, through
 * index 'index' when it can serve.
 */
void
siko_reg_scan_begin(RegScan *s, const RegSource *src, RegRel which,
					const char *keycol, int32 key, RegRel index)
{
	RegRel		rel = src->history ? which + REG_HISTORY_OFFSET : which;
	Oid			relid = siko_reg_rel(rel);

	memset(s, 0, sizeof(*s));
	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"siko.%s\" does not exist", reg_relnames[rel]),
				 errhint("The register is damaged: reinstall it with DROP EXTENSION siko and CREATE EXTENSION siko, after a dump of its rows.")));
	s->rel = table_open(relid, AccessShareLock);
	s->slot = table_slot_create(s->rel, NULL);
	s->history = src->history;
	s->at = src->known_on;
	if (s->history)
	{
		s->from = siko_reg_scan_col(s, "recorded_from");
		s->until = siko_reg_scan_col(s, "recorded_until");
	}
	if (keycol != NULL)
	{
		Oid			idxid = src->history ? InvalidOid : siko_reg_rel(index);

		s->keycol = siko_reg_scan_col(s, keycol);
		s->key = key;
		s->keyed = true;
		if (OidIsValid(idxid))
		{
			RegProcedure eq;

			s->idx = index_open(idxid, AccessShareLock);
			eq = reg_index_leads_with(s->rel, s->idx, s->keycol);
			if (OidIsValid(eq))
			{
				ScanKeyData sk;

				ScanKeyInit(&sk, 1, BTEqualStrategyNumber, eq, Int32GetDatum(key));
				s->iscan = siko_index_beginscan(s->rel, s->idx, reg_snapshot(), 1, 0);
				index_rescan(s->iscan, &sk, 1, NULL, 0);
				return;
			}
		}
	}
	s->scan = table_beginscan(s->rel, reg_snapshot(), 0, NULL);
}

/* the next row (or live version), in s->slot; false at the end */
bool
siko_reg_scan_next(RegScan *s)
{
	for (;;)
	{
		bool		isnull;
		Datum		d;

		CHECK_FOR_INTERRUPTS();
		if (s->iscan != NULL ? !index_getnext_slot(s->iscan, ForwardScanDirection, s->slot)
			: !table_scan_getnextslot(s->scan, ForwardScanDirection, s->slot))
			return false;
		if (s->keyed && s->iscan == NULL &&
			(DatumGetInt32(slot_getattr(s->slot, s->keycol, &isnull)) != s->key || isnull))
			continue;
		if (!s->history)
			return true;
		/* a version is live at t when recorded_from <= t < recorded_until */
		d = slot_getattr(s->slot, s->from, &isnull);
		if (isnull || DatumGetTimestampTz(d) > s->at)
			continue;
		d = slot_getattr(s->slot, s->until, &isnull);
		if (isnull || DatumGetTimestampTz(d) > s->at)
			return true;
	}
}

void
siko_reg_scan_end(RegScan *s)
{
	if (s->iscan != NULL)
		index_endscan(s->iscan);
	if (s->scan != NULL)
		table_endscan(s->scan);
	if (s->idx != NULL)
		index_close(s->idx, AccessShareLock);
	ExecDropSingleTupleTableSlot(s->slot);
	table_close(s->rel, AccessShareLock);
}

/* column att of the current row as int4, text, or a Datum; isnull optional */
int32
siko_reg_scan_int(RegScan *s, AttrNumber att)
{
	bool		isnull;
	Datum		d = slot_getattr(s->slot, att, &isnull);

	return isnull ? 0 : DatumGetInt32(d);
}

Datum
siko_reg_scan_datum(RegScan *s, AttrNumber att, bool *isnull)
{
	return slot_getattr(s->slot, att, isnull);
}
