/*
 * register_trigger.c
 *		The triggers of the register tables: the rules a constraint cannot
 *		state with a clear message, and the relcache invalidation that keeps
 *		every backend's cache of the register current.
 *
 * The rule that accessions of one partner to one cooperation must not
 * overlap, even possibly, is kept by the constraint trigger
 * accession_no_overlap (see siko_accession_no_overlap): one btree probe
 * per row, safe under concurrency, with an error that names the partner,
 * the cooperation and both periods (SQLSTATE 23P01).
 */
#include "register.h"

#include "access/genam.h"
#include "access/xact.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "storage/lmgr.h"
#include "storage/proc.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

PG_FUNCTION_INFO_V1(siko_register_changed);
PG_FUNCTION_INFO_V1(siko_accession_rules);
PG_FUNCTION_INFO_V1(siko_accession_no_overlap);
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
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of a register table of siko does not exist", name),
				 errdetail("siko's rules read the register by its column names; this one has been dropped or renamed."),
				 errhint("Rename the column back, or reinstall the register with DROP EXTENSION siko and CREATE EXTENSION siko after a dump of its rows.")));
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
	siko_reg_bump_version();
	return PointerGetDatum(NULL);
}

/*
 * siko.register_changed_row(): the same, AFTER ... FOR EACH ROW, enabled
 * for replicas only (ENABLE REPLICA TRIGGER): a logical-replication
 * subscriber's apply worker fires row triggers, not statement triggers.
 * Once per transaction and table is enough.
 */
PG_FUNCTION_INFO_V1(siko_register_changed_row);
Datum
siko_register_changed_row(PG_FUNCTION_ARGS)
{
	static TransactionId last_xid = InvalidTransactionId;
	static Oid	last_rel = InvalidOid;
	TriggerData *td = reg_trigdata(fcinfo, "siko.register_changed_row()", true, false);
	TransactionId xid = GetTopTransactionId();

	if (xid == last_xid && RelationGetRelid(td->tg_relation) == last_rel)
		return PointerGetDatum(NULL);
	CacheInvalidateRelcache(td->tg_relation);
	siko_reg_bump_version();
	last_xid = xid;
	last_rel = RelationGetRelid(td->tg_relation);
	return PointerGetDatum(NULL);
}

/* ---------------------------------------------------------------------
 * The rules of an accession against its cooperation's lifetime
 * ------------------------------------------------------------------- */
/*
 * The names a broken rule's message quotes: the cooperation's code, and
 * the partner's name, looked up only when a message needs it.
 */
typedef struct AccNames
{
	const char *code;
	const char *partner;		/* NULL until looked up */
	int32		partner_id;
} AccNames;

static const char *reg_partner_name(int32 partner_id);

static const char *
acc_partner(AccNames *n)
{
	if (n->partner == NULL)
		n->partner = reg_partner_name(n->partner_id);
	return n->partner;
}

static void
check_within(const SikoPeriod *p, const SikoFuzzyDate *founded,
			 const SikoFuzzyDate *dissolved, AccNames *n)
{
	/* (the partner's name is looked up before the report, not inside it) */
	if (founded != NULL && p->start.hi < founded->lo && acc_partner(n) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("accession of partner \"%s\" starts before cooperation \"%s\" was founded",
						n->partner, n->code),
				 errdetail("The period %s certainly starts before the founding (%s).",
						   period_text(p), fd_text(founded)),
				 errhint("Correct the period, or the cooperation's founded date in siko.cooperation.")));

	/* members may stay up to the day of dissolution, not beyond */
	if (dissolved != NULL && siko_period_last_day_lo(p) > dissolved->hi && acc_partner(n) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("accession of partner \"%s\" runs past the dissolution of cooperation \"%s\"",
						n->partner, n->code),
				 errdetail("The period %s certainly runs past the dissolution (%s).",
						   period_text(p), fd_text(dissolved)),
				 errhint("End the period by the dissolution, or correct the cooperation's dissolved date in siko.cooperation.")));
}

static void
milestone_order(const SikoFuzzyDate *a, const char *aname,
				const SikoFuzzyDate *b, const char *bname, AccNames *n)
{
	if (a != NULL && b != NULL && a->lo > b->hi && acc_partner(n) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("milestones of partner \"%s\" in cooperation \"%s\" are out of order",
						n->partner, n->code),
				 errdetail("The %s (%s) is certainly later than the %s (%s).",
						   aname, fd_text(a), bname, fd_text(b)),
				 errhint("Milestones run decided, signed, effective, and the announcement does not precede the signing; correct the dates, or widen the uncertain one.")));
}

/* the effective date is the period's first day: the two must share a day */
static void
effective_agrees(const SikoFuzzyDate *effective, const SikoPeriod *p, AccNames *n)
{
	if (effective != NULL &&
		(effective->hi < p->start.lo || effective->lo > p->start.hi) && acc_partner(n) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("effective date of partner \"%s\" in cooperation \"%s\" does not agree with its period",
						n->partner, n->code),
				 errdetail("The effective date %s cannot be the first day of the period %s, which starts %s.",
						   fd_text(effective), period_text(p), fd_text(&p->start)),
				 errhint("The effective date is the first day of membership: correct the date or the period's start, or widen the uncertain one.")));
}

/* ---------------------------------------------------------------------
 * The row triggers of siko.accession
 *
 * They read the cooperation, the partner and the accessions of the same
 * partner to the same cooperation through their btree indexes, with no
 * SPI: they run once per row of a bulk load.
 *
 * siko 0.3 on: accession_check (BEFORE, siko_accession_rules) checks the
 * milestones and the cooperation's lifetime; the constraint trigger
 * accession_no_overlap (AFTER, siko_accession_no_overlap) the overlap.
 * siko 0.1 and 0.2: accession_check (siko_accession_check) checks all
 * three, and an exclusion constraint guards the overlap against
 * concurrent transactions; that entry point stays for databases not yet
 * updated.
 * ------------------------------------------------------------------- */

static Oid
reg_rel_oid(RegRel which, const char *name)
{
	Oid			oid = siko_reg_rel(which);

	if (!OidIsValid(oid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("index \"siko.%s\" of the register does not exist", name),
				 errdetail("siko's rules find the register's rows through this index; it has been dropped or renamed."),
				 errhint("Rename it back, or recreate it as the extension's install script defines it (see \\d siko.accession in a fresh database).")));
	return oid;
}

/* the partner's name, for a message (SnapshotSelf, as the checks read) */
static const char *
reg_partner_name(int32 partner_id)
{
	Relation	rel = table_open(reg_rel_oid(REG_PARTNER, "partner"), AccessShareLock);
	TupleDesc	desc = RelationGetDescr(rel);
	SysScanDesc scan;
	ScanKeyData key;
	HeapTuple	tup;
	char	   *name;

	ScanKeyInit(&key, reg_attnum(desc, "id"), BTEqualStrategyNumber, F_INT4EQ,
				Int32GetDatum(partner_id));
	scan = systable_beginscan(rel, reg_rel_oid(REG_PARTNER_PKEY, "partner_pkey"), true,
							  SnapshotSelf, 1, &key);
	tup = systable_getnext(scan);
	name = tup != NULL ? SPI_getvalue(tup, desc, reg_attnum(desc, "name")) : NULL;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return name != NULL ? name : psprintf("with id %d", partner_id);
}

/* what the rules read of a cooperation */
typedef struct CoopRow
{
	int32		id;
	bool		exists;
	bool		has_f;
	bool		has_d;
	char	   *code;
	SikoFuzzyDate f;			/* founded, if has_f */
	SikoFuzzyDate d;			/* dissolved, if has_d */
} CoopRow;

/* read the cooperation k->id into *k (the code in the current context) */
static void
reg_cooperation_fetch(CoopRow *k)
{
	Relation	rel = table_open(reg_rel_oid(REG_COOPERATION, "cooperation"), AccessShareLock);
	TupleDesc	desc = RelationGetDescr(rel);
	SysScanDesc scan;
	ScanKeyData key;
	HeapTuple	tup;

	ScanKeyInit(&key, reg_attnum(desc, "id"), BTEqualStrategyNumber, F_INT4EQ,
				Int32GetDatum(k->id));
	scan = systable_beginscan(rel, reg_rel_oid(REG_COOPERATION_PKEY, "cooperation_pkey"), true,
							  SnapshotSelf, 1, &key);
	tup = systable_getnext(scan);
	k->exists = tup != NULL;
	k->has_f = k->has_d = false;
	k->code = NULL;
	if (tup != NULL)
	{
		const SikoFuzzyDate *x;

		k->code = SPI_getvalue(tup, desc, reg_attnum(desc, "code"));
		if ((x = reg_getfd(tup, desc, reg_attnum(desc, "founded"))) != NULL)
		{
			k->f = *x;
			k->has_f = true;
		}
		if ((x = reg_getfd(tup, desc, reg_attnum(desc, "dissolved"))) != NULL)
		{
			k->d = *x;
			k->has_d = true;
		}
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
}

/*
 * The cooperations the rows of the current command name, kept for that
 * command: a bulk load names a few cooperations in 100,000 rows.  What is
 * kept holds while the transaction, its command counter and the register
 * cache's generation stay the same; a change of siko.cooperation, even by
 * a trigger within this command, sends a relcache invalidation that bumps
 * the generation (see register_cache.c) before the next row is checked.
 */
#define COOP_KEPT 8

static CoopRow coop_kept[COOP_KEPT];
static int	coop_nkept = 0;
static LocalTransactionId coop_lxid = InvalidLocalTransactionId;
static CommandId coop_cid = InvalidCommandId;
static uint64 coop_generation = 0;

/*
 * The cooperation with this id, valid until the next call (its code for
 * the whole transaction).
 */
static const CoopRow *
reg_cooperation(int32 coop_id)
{
	CommandId	cid = GetCurrentCommandId(false);
	CoopRow    *k;
	MemoryContext old;
	int			i;

	/* the relids first: looking them up may flush the cache */
	(void) siko_reg_rel(REG_COOPERATION);
	if (coop_lxid != SIKO_MY_LXID || coop_cid != cid || coop_generation != siko_reg_generation)
	{
		coop_nkept = 0;
		coop_lxid = SIKO_MY_LXID;
		coop_cid = cid;
		coop_generation = siko_reg_generation;
	}
	for (i = 0; i < coop_nkept; i++)
		if (coop_kept[i].id == coop_id)
			return &coop_kept[i];

	k = &coop_kept[coop_nkept < COOP_KEPT ? coop_nkept : COOP_KEPT - 1];
	k->id = coop_id;
	old = MemoryContextSwitchTo(TopTransactionContext);
	reg_cooperation_fetch(k);
	MemoryContextSwitchTo(old);
	/* kept only if reading it changed nothing that keeps it valid */
	if (coop_nkept < COOP_KEPT && coop_generation == siko_reg_generation)
		coop_nkept++;
	return k;
}

/* the columns of an accession the rules read */
typedef struct AccRow
{
	int32		coop_id;
	int32		partner_id;
	const SikoPeriod *period;
	int			a_id;
	int			a_coop;
	int			a_partner;
	int			a_period;
} AccRow;

static void
acc_cols(TupleDesc desc, AccRow *r)
{
	r->a_id = reg_attnum(desc, "id");
	r->a_coop = reg_attnum(desc, "cooperation_id");
	r->a_partner = reg_attnum(desc, "partner_id");
	r->a_period = reg_attnum(desc, "period");
}

/* the values of tup into r (its columns set); false if one is NULL */
static bool
acc_values(HeapTuple tup, TupleDesc desc, AccRow *r)
{
	bool		isnull;
	Datum		d;

	d = heap_getattr(tup, r->a_coop, desc, &isnull);
	if (isnull)
		return false;			/* NOT NULL reports it */
	r->coop_id = DatumGetInt32(d);
	d = heap_getattr(tup, r->a_partner, desc, &isnull);
	if (isnull)
		return false;
	r->partner_id = DatumGetInt32(d);
	d = heap_getattr(tup, r->a_period, desc, &isnull);
	if (isnull)
		return false;
	r->period = DatumGetSikoPeriodP(d);
	return true;
}

static bool
acc_row(HeapTuple tup, TupleDesc desc, AccRow *r)
{
	acc_cols(desc, r);
	return acc_values(tup, desc, r);
}

/*
 * The milestones in order, and the period within the cooperation's
 * lifetime.  Returns false, checking nothing, when the cooperation does
 * not exist (its foreign key reports that).
 */
static bool
acc_rules(HeapTuple tup, TupleDesc desc, const AccRow *r, AccNames *n)
{
	const SikoFuzzyDate *decided = reg_getfd(tup, desc, reg_attnum(desc, "decided"));
	const SikoFuzzyDate *signed_ = reg_getfd(tup, desc, reg_attnum(desc, "signed"));
	const SikoFuzzyDate *effective = reg_getfd(tup, desc, reg_attnum(desc, "effective"));
	const SikoFuzzyDate *announced = reg_getfd(tup, desc, reg_attnum(desc, "announced"));
	const CoopRow *c = reg_cooperation(r->coop_id);

	if (!c->exists)
		return false;
	n->code = c->code;
	n->partner = NULL;
	n->partner_id = r->partner_id;
	milestone_order(decided, "decision", signed_, "signing", n);
	milestone_order(signed_, "signing", effective, "effective date", n);
	milestone_order(decided, "decision", effective, "effective date", n);
	milestone_order(signed_, "signing", announced, "announcement", n);
	effective_agrees(effective, r->period, n);
	check_within(r->period, c->has_f ? &c->f : NULL, c->has_d ? &c->d : NULL, n);
	return true;
}

/*
 * The first other accession of r's partner to r's cooperation whose period
 * may overlap r's (copied into *other), read through accession_partner_idx
 * under snap.  The row itself is skipped: by its TID (self) once stored,
 * else by its id (self_id, if it has one).  Under a dirty snapshot,
 * *xwait is the transaction in progress that stores or deletes the row
 * found, and *ctid that row; else *xwait is invalid.
 */
static bool
acc_overlap(Relation accrel, const AccRow *r, ItemPointer self, const int32 *self_id,
			Snapshot snap, SikoPeriod *other, TransactionId *xwait, ItemPointer ctid)
{
	TupleDesc	desc = RelationGetDescr(accrel);
	ScanKeyData keys[2];
	SysScanDesc scan;
	HeapTuple	x;
	bool		found = false;

	*xwait = InvalidTransactionId;
	ScanKeyInit(&keys[0], r->a_partner, BTEqualStrategyNumber, F_INT4EQ,
				Int32GetDatum(r->partner_id));
	ScanKeyInit(&keys[1], r->a_coop, BTEqualStrategyNumber, F_INT4EQ,
				Int32GetDatum(r->coop_id));
	scan = systable_beginscan(accrel, reg_rel_oid(REG_ACCESSION_PARTNER_IDX, "accession_partner_idx"),
							  true, snap, 2, keys);
	while ((x = systable_getnext(scan)) != NULL)
	{
		bool		isnull;
		Datum		d;

		if (self != NULL && ItemPointerEquals(&x->t_self, self))
			continue;
		if (self_id != NULL)
		{
			d = heap_getattr(x, r->a_id, desc, &isnull);
			if (!isnull && DatumGetInt32(d) == *self_id)
				continue;
		}
		d = heap_getattr(x, r->a_period, desc, &isnull);
		if (isnull || !siko_period_overlaps(DatumGetSikoPeriodP(d), r->period))
			continue;
		*other = *DatumGetSikoPeriodP(d);
		*ctid = x->t_self;
		if (snap->snapshot_type == SNAPSHOT_DIRTY)
			*xwait = TransactionIdIsValid(snap->xmin) ? snap->xmin : snap->xmax;
		found = true;
		break;
	}
	systable_endscan(scan);
	return found;
}

static void
report_overlap(Relation accrel, const SikoPeriod *period, const SikoPeriod *other,
			   AccNames *n)
{
	const char *partner = acc_partner(n);

	ereport(ERROR,
			(errcode(ERRCODE_EXCLUSION_VIOLATION),
			 errmsg("accession of partner \"%s\" to cooperation \"%s\" may overlap another one",
					partner, n->code),
			 errdetail("The period %s may overlap the period %s of an existing accession.",
					   period_text(period), period_text(other)),
			 errhint("A partner's accessions of one cooperation must not overlap, even possibly: end the existing one first, or give dates that tell them apart."),
			 errtableconstraint(accrel, "accession_no_overlap")));
}

/* ---------------------------------------------------------------------
 * siko.accession_check() in siko 0.3 on: BEFORE INSERT OR UPDATE FOR EACH
 * ROW, the milestones and the lifetime (SnapshotSelf: what is committed
 * plus what this transaction did so far).
 * ------------------------------------------------------------------- */
Datum
siko_accession_rules(PG_FUNCTION_ARGS)
{
	TriggerData *td = reg_trigdata(fcinfo, "siko.accession_check()", true, true);
	HeapTuple	tup = reg_newtuple(td);
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	AccRow		r;
	AccNames	n;

	if (acc_row(tup, desc, &r))
		(void) acc_rules(tup, desc, &r, &n);
	return PointerGetDatum(tup);
}

/* ---------------------------------------------------------------------
 * siko.accession_no_overlap(): the constraint trigger accession_no_overlap,
 * AFTER INSERT OR UPDATE FOR EACH ROW, NOT DEFERRABLE: it runs at the end
 * of the statement, on the rows as they were stored.  (Not UPDATE OF the
 * three columns: a BEFORE trigger may change them when the statement sets
 * others.  An update that leaves them as they were is passed over.)
 *
 * It keeps the no-overlap rule under concurrency the way PostgreSQL checks
 * an exclusion constraint, with the btree index on (partner_id,
 * cooperation_id) instead of a GiST index on the periods.  The row is in
 * the table and its index before the check runs, and the check reads the
 * index with a dirty snapshot, which also shows rows of transactions in
 * progress.  Of two transactions storing rows that may overlap, the later
 * one's check therefore sees the other's row; when that row's transaction
 * (or one deleting it) is still in progress, the check waits for it to end
 * and looks again.  Two that both stored their rows before either checked
 * wait for each other: the deadlock detector breaks that up (40P01), as it
 * does for an exclusion constraint, and the survivor's second look decides.
 * Rows that cannot overlap never wait for each other.
 *
 * This costs one btree probe per row, where an exclusion constraint costs
 * a GiST search and a GiST insertion; and it sees the row after every
 * BEFORE trigger, so a trigger of the user's that changes the row later
 * cannot slip past it.
 * ------------------------------------------------------------------- */
Datum
siko_accession_no_overlap(PG_FUNCTION_ARGS)
{
	TriggerData *td = reg_trigdata(fcinfo, "siko.accession_no_overlap()", true, false);
	HeapTuple	tup = reg_newtuple(td);
	Relation	accrel = td->tg_relation;
	TupleDesc	desc = RelationGetDescr(accrel);
	AccRow		r;
	SikoPeriod	other;
	bool		found;

	if (!acc_row(tup, desc, &r))
		return PointerGetDatum(NULL);
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		AccRow		o = r;

		if (acc_values(td->tg_trigtuple, desc, &o) && o.coop_id == r.coop_id &&
			o.partner_id == r.partner_id && memcmp(o.period, r.period, sizeof(SikoPeriod)) == 0)
			return PointerGetDatum(NULL);	/* what the rule reads is unchanged */
	}
	for (;;)
	{
		SnapshotData dirty;
		TransactionId xwait;
		ItemPointerData ctid;

		InitDirtySnapshot(dirty);
		found = acc_overlap(accrel, &r, &tup->t_self, NULL, &dirty, &other, &xwait, &ctid);
		if (!found || !TransactionIdIsValid(xwait))
			break;
		/* a transaction storing or deleting that row is in progress */
		XactLockTableWait(xwait, accrel, &ctid, XLTW_RecheckExclusionConstr);
	}

	if (found)
	{
		const CoopRow *c = reg_cooperation(r.coop_id);
		AccNames	n;

		n.code = c->exists ? c->code : psprintf("with id %d", r.coop_id);
		n.partner = NULL;
		n.partner_id = r.partner_id;
		report_overlap(accrel, r.period, &other, &n);
	}
	return PointerGetDatum(NULL);
}

/* ---------------------------------------------------------------------
 * siko.accession_check() in siko 0.1 and 0.2: BEFORE INSERT OR UPDATE FOR
 * EACH ROW, all three rules; the overlap against what is committed or done
 * by this transaction (rows of transactions in progress were the exclusion
 * constraint's business).
 * ------------------------------------------------------------------- */
Datum
siko_accession_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = reg_trigdata(fcinfo, "siko.accession_check()", true, true);
	HeapTuple	tup = reg_newtuple(td);
	Relation	accrel = td->tg_relation;
	TupleDesc	desc = RelationGetDescr(accrel);
	AccRow		r;
	AccNames	n;
	bool		isnull;
	Datum		d;
	int32		id;
	SikoPeriod	other;
	TransactionId xwait;
	ItemPointerData ctid;

	if (!acc_row(tup, desc, &r))
		return PointerGetDatum(tup);
	if (!acc_rules(tup, desc, &r, &n))
		return PointerGetDatum(tup);	/* the foreign key reports it */
	d = heap_getattr(tup, r.a_id, desc, &isnull);
	id = isnull ? 0 : DatumGetInt32(d);
	if (acc_overlap(accrel, &r, NULL, isnull ? NULL : &id, SnapshotSelf, &other, &xwait, &ctid))
		report_overlap(accrel, r.period, &other, &n);
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

		AccNames	n;

		n.code = code;
		n.partner = SPI_getvalue(r, SPI_tuptable->tupdesc, 1);
		n.partner_id = 0;
		/* the error, if any, is raised inside SPI: it unwinds it */
		check_within(DatumGetSikoPeriodP(d), founded, dissolved, &n);
	}
	SPI_finish();
	return PointerGetDatum(NULL);
}

/*
 * Does siko.territory (in namespace nsp) hold this key?  Read as the rules
 * read the register, with no privilege on it needed.  No territory table:
 * true.
 */
static bool
territory_holds(Oid nsp, SikoAgs ags)
{
	Oid			relid = get_relname_relid("territory", nsp);
	Oid			idxid = get_relname_relid("territory_pkey", nsp);
	Relation	rel;
	Relation	idx;
	Oid			eqop;
	SysScanDesc scan;
	ScanKeyData key;
	bool		found;

	if (!OidIsValid(relid) || !OidIsValid(idxid))
		return true;
	rel = table_open(relid, AccessShareLock);
	idx = index_open(idxid, AccessShareLock);
	eqop = get_opfamily_member(idx->rd_opfamily[0], idx->rd_opcintype[0],
							   idx->rd_opcintype[0], BTEqualStrategyNumber);
	index_close(idx, AccessShareLock);
	ScanKeyInit(&key, reg_attnum(RelationGetDescr(rel), "ags"), BTEqualStrategyNumber,
				get_opcode(eqop), SikoAgsGetDatum(ags));
	scan = systable_beginscan(rel, idxid, true, SnapshotSelf, 1, &key);
	found = systable_getnext(scan) != NULL;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return found;
}

/*
 * A key of a Land the territory covers must be one of its territories: a
 * partner with another key would never cover anything.
 */
static void
partner_in_territory(TriggerData *td, const char *name, SikoAgs ags)
{
	Oid			nsp = RelationGetNamespace(td->tg_relation);
	char		buf[SIKO_AGS_MAXLEN + 1];
	char		land[SIKO_AGS_MAXLEN + 1];

	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		bool		oldnull;
		Datum		d = heap_getattr(td->tg_trigtuple,
									 reg_attnum(RelationGetDescr(td->tg_relation), "ags"),
									 RelationGetDescr(td->tg_relation), &oldnull);

		if (!oldnull && DatumGetSikoAgs(d) == ags)
			return;				/* the key is not changed */
	}
	if (!territory_holds(nsp, siko_ags_truncate(ags, SIKO_AGS_LAND)) || territory_holds(nsp, ags))
		return;
	siko_ags_format(ags, buf);
	siko_ags_format(siko_ags_truncate(ags, SIKO_AGS_LAND), land);
	ereport(ERROR,
			(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
			 errmsg("partner \"%s\" has the key %s, which is not in siko.territory", name, buf),
			 errdetail("siko.territory holds Land %s but no territory with the key %s; a partner with it would never cover anything.",
					   land, buf),
			 errhint("Check the key in siko.territory; territories of a newer Gemeindeverzeichnis are loaded with siko.load_territory().")));
}

/* ---------------------------------------------------------------------
 * siko.partner_check(): BEFORE INSERT OR UPDATE FOR EACH ROW: territorial
 * partners have a key of their level, the others none, and a key of a
 * Land that siko.territory covers is one of its territories.
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
	if (want != 0)
		partner_in_territory(td, name, DatumGetSikoAgs(d));
	return PointerGetDatum(tup);
}
