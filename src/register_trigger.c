/*
 * register_trigger.c
 *		The triggers of the register tables: the rules a constraint cannot
 *		state with a clear message, and the relcache invalidation that keeps
 *		every backend's cache of the register current.
 *
 * The rule that accessions of one partner to one cooperation must not
 * overlap, even possibly, is guaranteed by the exclusion constraint
 * accession_no_overlap, which also sees concurrent uncommitted rows.  The
 * row trigger checks the same rule first against what is committed or
 * done by this transaction (a btree probe, cheaper than the GiST one), so that
 * the usual violation is reported with the names of the partner and the
 * cooperation and the periods involved (SQLSTATE 23P01 either way).
 */
#include "register.h"

#include "access/genam.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/fmgroids.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

PG_FUNCTION_INFO_V1(siko_register_changed);
PG_FUNCTION_INFO_V1(siko_accession_check);
PG_FUNCTION_INFO_V1(siko_cooperation_check);
PG_FUNCTION_INFO_V1(siko_partner_check);

static TriggerData *
reg_trigdata(FunctionCallInfo fcinfo, const char *fname, bool row, bool before)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function %s was not called by the trigger manager", fname)));
	if ((TRIGGER_FIRED_FOR_ROW(td->tg_event) != 0) != row ||
		(TRIGGER_FIRED_BEFORE(td->tg_event) != 0) != before)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function %s must be fired %s %s", fname,
						before ? "BEFORE" : "AFTER", row ? "FOR EACH ROW" : "FOR EACH STATEMENT")));
	return td;
}

/* the tuple a row trigger checks: the new one of an INSERT or UPDATE */
static HeapTuple
reg_newtuple(TriggerData *td)
{
	return TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
}

static int
reg_attnum(TupleDesc desc, const char *name)
{
	int			n = SPI_fnumber(desc, name);

	if (n <= 0)
		elog(ERROR, "siko register table has no column \"%s\"", name);
	return n;
}

static const SikoFuzzyDate *
reg_getfd(HeapTuple tup, TupleDesc desc, int attnum)
{
	bool		isnull;
	Datum		d = heap_getattr(tup, attnum, desc, &isnull);

	return isnull ? NULL : DatumGetSikoFuzzyDateP(d);
}

static char *
fd_text(const SikoFuzzyDate *fd)
{
	char	   *buf = palloc(SIKO_FUZZYDATE_BUFLEN);

	siko_fuzzydate_format(fd, buf, SIKO_FUZZYDATE_BUFLEN);
	return buf;
}

static char *
period_text(const SikoPeriod *p)
{
	char	   *buf = palloc(SIKO_PERIOD_BUFLEN);

	siko_period_format(p, buf, SIKO_PERIOD_BUFLEN);
	return buf;
}

/* ---------------------------------------------------------------------
 * siko.register_changed(): AFTER ... FOR EACH STATEMENT on every register
 * table.  Plain DML sends no relcache invalidation; this one tells every
 * backend's cache (at commit; and this backend's at the next command).
 * ------------------------------------------------------------------- */
Datum
siko_register_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td = reg_trigdata(fcinfo, "siko.register_changed()", false, false);

	CacheInvalidateRelcache(td->tg_relation);
	return PointerGetDatum(NULL);
}

/* ---------------------------------------------------------------------
 * The rules of an accession against its cooperation's lifetime
 * ------------------------------------------------------------------- */
static void
check_within(const SikoPeriod *p, const SikoFuzzyDate *founded,
			 const SikoFuzzyDate *dissolved, const char *partner,
			 const char *code)
{
	if (founded != NULL && p->start.hi < founded->lo)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("accession of partner \"%s\" starts before cooperation \"%s\" was founded",
						partner, code),
				 errdetail("The period %s certainly starts before the founding (%s).",
						   period_text(p), fd_text(founded)),
				 errhint("Correct the period, or the cooperation's founded date in siko.cooperation.")));

	/* members may stay up to the day of dissolution, not beyond */
	if (dissolved != NULL && (int64) p->end.lo > (int64) dissolved->hi + 1)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("accession of partner \"%s\" runs past the dissolution of cooperation \"%s\"",
						partner, code),
				 errdetail("The period %s certainly runs past the dissolution (%s).",
						   period_text(p), fd_text(dissolved)),
				 errhint("End the period by the dissolution, or correct the cooperation's dissolved date in siko.cooperation.")));
}

static void
milestone_order(const SikoFuzzyDate *a, const char *aname,
				const SikoFuzzyDate *b, const char *bname,
				const char *partner, const char *code)
{
	if (a != NULL && b != NULL && a->lo > b->hi)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("milestones of partner \"%s\" in cooperation \"%s\" are out of order",
						partner, code),
				 errdetail("The %s (%s) is certainly later than the %s (%s).",
						   aname, fd_text(a), bname, fd_text(b)),
				 errhint("Milestones run decided, signed, effective, and the announcement does not precede the signing; correct the dates, or widen the uncertain one.")));
}

/* ---------------------------------------------------------------------
 * siko.accession_check(): BEFORE INSERT OR UPDATE FOR EACH ROW
 *
 * Reads the cooperation, the partner and the accessions of the same
 * partner to the same cooperation through their btree indexes (no SPI:
 * it runs once per row of a bulk load).  The snapshot is SnapshotSelf:
 * what is committed plus what this transaction did so far, including the
 * rows this very statement inserted before; rows of transactions still
 * in progress are the exclusion constraint's business.
 * ------------------------------------------------------------------- */

/* the Oid of an index of the register (schema siko) */
static Oid
reg_index_oid(const char *name)
{
	Oid			oid = siko_reg_relid(name);

	if (!OidIsValid(oid))
		elog(ERROR, "index \"siko.%s\" does not exist", name);
	return oid;
}

/*
 * The row of relname whose integer column "id" equals id, through index
 * indexname (a copy in the current memory context), or NULL.
 */
static HeapTuple
reg_fetch_by_id(const char *relname, const char *indexname, int32 id,
				TupleDesc *desc_out)
{
	Oid			relid = siko_reg_relid(relname);
	Relation	rel;
	SysScanDesc scan;
	ScanKeyData key;
	HeapTuple	tup;

	if (!OidIsValid(relid))
		elog(ERROR, "relation \"siko.%s\" does not exist", relname);
	rel = table_open(relid, AccessShareLock);
	ScanKeyInit(&key, reg_attnum(RelationGetDescr(rel), "id"),
				BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(id));
	scan = systable_beginscan(rel, reg_index_oid(indexname), true,
							  SnapshotSelf, 1, &key);
	tup = systable_getnext(scan);
	if (tup != NULL)
		tup = heap_copytuple(tup);
	systable_endscan(scan);
	*desc_out = CreateTupleDescCopy(RelationGetDescr(rel));
	table_close(rel, AccessShareLock);
	return tup;
}

Datum
siko_accession_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = reg_trigdata(fcinfo, "siko.accession_check()", true, true);
	HeapTuple	tup = reg_newtuple(td);
	Relation	accrel = td->tg_relation;
	TupleDesc	desc = RelationGetDescr(accrel);
	int			a_id = reg_attnum(desc, "id");
	int			a_coop = reg_attnum(desc, "cooperation_id");
	int			a_partner = reg_attnum(desc, "partner_id");
	int			a_period = reg_attnum(desc, "period");
	bool		isnull;
	bool		has_id;
	int32		coop_id;
	int32		partner_id;
	int32		id = 0;
	Datum		d;
	const SikoPeriod *period;
	const SikoFuzzyDate *decided;
	const SikoFuzzyDate *signed_;
	const SikoFuzzyDate *effective;
	const SikoFuzzyDate *announced;
	HeapTuple	ctup;
	HeapTuple	ptup;
	TupleDesc	cdesc;
	TupleDesc	pdesc;
	char	   *code;
	char	   *partner;
	SikoPeriod	other;
	bool		has_other = false;
	ScanKeyData keys[2];
	SysScanDesc scan;
	HeapTuple	x;

	d = heap_getattr(tup, a_coop, desc, &isnull);
	if (isnull)
		return PointerGetDatum(tup);	/* NOT NULL reports it */
	coop_id = DatumGetInt32(d);
	d = heap_getattr(tup, a_partner, desc, &isnull);
	if (isnull)
		return PointerGetDatum(tup);
	partner_id = DatumGetInt32(d);
	d = heap_getattr(tup, a_period, desc, &isnull);
	if (isnull)
		return PointerGetDatum(tup);
	period = DatumGetSikoPeriodP(d);
	d = heap_getattr(tup, a_id, desc, &isnull);
	has_id = !isnull;
	if (has_id)
		id = DatumGetInt32(d);
	decided = reg_getfd(tup, desc, reg_attnum(desc, "decided"));
	signed_ = reg_getfd(tup, desc, reg_attnum(desc, "signed"));
	effective = reg_getfd(tup, desc, reg_attnum(desc, "effective"));
	announced = reg_getfd(tup, desc, reg_attnum(desc, "announced"));

	ctup = reg_fetch_by_id("cooperation", "cooperation_pkey", coop_id, &cdesc);
	ptup = reg_fetch_by_id("partner", "partner_pkey", partner_id, &pdesc);
	if (ctup == NULL || ptup == NULL)
		return PointerGetDatum(tup);	/* the foreign keys report it */
	code = TextDatumGetCString(heap_getattr(ctup, reg_attnum(cdesc, "code"), cdesc, &isnull));
	partner = TextDatumGetCString(heap_getattr(ptup, reg_attnum(pdesc, "name"), pdesc, &isnull));

	milestone_order(decided, "decision", signed_, "signing", partner, code);
	milestone_order(signed_, "signing", effective, "effective date", partner, code);
	milestone_order(decided, "decision", effective, "effective date", partner, code);
	milestone_order(signed_, "signing", announced, "announcement", partner, code);
	check_within(period, reg_getfd(ctup, cdesc, reg_attnum(cdesc, "founded")),
				 reg_getfd(ctup, cdesc, reg_attnum(cdesc, "dissolved")), partner, code);

	/* the other accessions of this partner to this cooperation */
	ScanKeyInit(&keys[0], a_partner, BTEqualStrategyNumber, F_INT4EQ,
				Int32GetDatum(partner_id));
	ScanKeyInit(&keys[1], a_coop, BTEqualStrategyNumber, F_INT4EQ,
				Int32GetDatum(coop_id));
	scan = systable_beginscan(accrel, reg_index_oid("accession_partner_idx"), true,
							  SnapshotSelf, 2, keys);
	while ((x = systable_getnext(scan)) != NULL)
	{
		const SikoPeriod *xp;

		d = heap_getattr(x, a_id, desc, &isnull);
		if (has_id && !isnull && DatumGetInt32(d) == id)
			continue;			/* the row itself, on UPDATE */
		d = heap_getattr(x, a_period, desc, &isnull);
		if (isnull)
			continue;
		xp = DatumGetSikoPeriodP(d);
		if (siko_period_overlaps(xp, period))
		{
			other = *xp;
			has_other = true;
			break;
		}
	}
	systable_endscan(scan);

	if (has_other)
		ereport(ERROR,
				(errcode(ERRCODE_EXCLUSION_VIOLATION),
				 errmsg("accession of partner \"%s\" to cooperation \"%s\" may overlap another one",
						partner, code),
				 errdetail("The period %s may overlap the period %s of an existing accession.",
						   period_text(period), period_text(&other)),
				 errhint("A partner's accessions of one cooperation must not overlap, even possibly: end the existing one first, or give dates that tell them apart."),
				 errtableconstraint(td->tg_relation, "accession_no_overlap")));
	return PointerGetDatum(tup);
}

/* ---------------------------------------------------------------------
 * siko.cooperation_check(): AFTER UPDATE OF founded, dissolved FOR EACH
 * ROW: the existing accessions must still lie within the cooperation.
 * ------------------------------------------------------------------- */
Datum
siko_cooperation_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = reg_trigdata(fcinfo, "siko.cooperation_check()", true, false);
	HeapTuple	tup = reg_newtuple(td);
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	const SikoFuzzyDate *founded = reg_getfd(tup, desc, reg_attnum(desc, "founded"));
	const SikoFuzzyDate *dissolved = reg_getfd(tup, desc, reg_attnum(desc, "dissolved"));
	char	   *code = SPI_getvalue(tup, desc, reg_attnum(desc, "code"));
	bool		isnull;
	Oid			argtypes[1] = {INT4OID};
	Datum		args[1];
	uint64		i;

	args[0] = heap_getattr(tup, reg_attnum(desc, "id"), desc, &isnull);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args("SELECT p.name, a.period FROM siko.accession a"
							  " JOIN siko.partner p ON p.id OPERATOR(pg_catalog.=) a.partner_id"
							  " WHERE a.cooperation_id OPERATOR(pg_catalog.=) $1"
							  " ORDER BY p.name COLLATE pg_catalog.\"C\", a.id",
							  1, argtypes, args, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_with_args failed");
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	r = SPI_tuptable->vals[i];
		Datum		d = SPI_getbinval(r, SPI_tuptable->tupdesc, 2, &isnull);

		/* the error, if any, is raised inside SPI: it unwinds it */
		check_within(DatumGetSikoPeriodP(d), founded, dissolved,
					 SPI_getvalue(r, SPI_tuptable->tupdesc, 1), code);
	}
	SPI_finish();
	return PointerGetDatum(NULL);
}

/* ---------------------------------------------------------------------
 * siko.partner_check(): BEFORE INSERT OR UPDATE FOR EACH ROW: territorial
 * partners have a key of their level, the others none.
 * ------------------------------------------------------------------- */
Datum
siko_partner_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = reg_trigdata(fcinfo, "siko.partner_check()", true, true);
	HeapTuple	tup = reg_newtuple(td);
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	char	   *name = SPI_getvalue(tup, desc, reg_attnum(desc, "name"));
	char	   *kind = SPI_getvalue(tup, desc, reg_attnum(desc, "kind"));
	bool		isnull;
	Datum		d = heap_getattr(tup, reg_attnum(desc, "ags"), desc, &isnull);
	int			want;

	if (name == NULL || kind == NULL)
		return PointerGetDatum(tup);	/* NOT NULL reports it */

	if (strcmp(kind, "city") == 0 || strcmp(kind, "municipality") == 0)
		want = 8;
	else if (strcmp(kind, "district") == 0)
		want = 5;
	else
		want = 0;

	if (want == 0 && !isnull)
	{
		char		buf[SIKO_AGS_MAXLEN + 1];

		siko_ags_format(DatumGetSikoAgs(d), buf);
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("partner \"%s\" of kind %s cannot have an ags", name, kind),
				 errdetail("The ags \"%s\" was given; only cities, municipalities and districts have one.", buf),
				 errhint("Set ags to NULL, or choose the kind city, municipality or district.")));
	}
	if (want != 0 && isnull)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("partner \"%s\" of kind %s needs an ags", name, kind),
				 errdetail("No ags was given; a %s has %s key.", kind,
						   want == 8 ? "an 8-digit" : "a 5-digit"),
				 errhint("Give the official key, for example '05562020' for a municipality or '05562' for a district.")));
	if (want != 0 && siko_ags_ndigits(DatumGetSikoAgs(d)) != want)
	{
		char		buf[SIKO_AGS_MAXLEN + 1];

		siko_ags_format(DatumGetSikoAgs(d), buf);
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("partner \"%s\" of kind %s needs a %d-digit ags", name, kind, want),
				 errdetail("The ags \"%s\" has %d digits.", buf, siko_ags_ndigits(DatumGetSikoAgs(d))),
				 errhint("A city or municipality has an 8-digit key (Gemeinde), a district a 5-digit one (Kreis).")));
	}
	return PointerGetDatum(tup);
}
