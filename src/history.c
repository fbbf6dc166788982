/*
 * history.c
 *		The register's own history (system time) and the answers of the
 *		as-of functions as the register stood at a past moment.
 *
 * Every register table T has a history table T_history with T's columns
 * and the system time of each version.  siko_history_record is the
 * statement trigger of T (AFTER INSERT, UPDATE and DELETE with transition
 * tables, BEFORE TRUNCATE): one statement changing 100,000 rows costs two
 * set-based statements here, not 100,000 trigger calls.  It is written in
 * C rather than PL/pgSQL because it writes the history as the owner of
 * the history table, the way PostgreSQL's foreign key triggers check as
 * the owner of the referenced table: writers of the register need no
 * privilege on the history, so nobody but its owner can forge it, and no
 * function is SECURITY DEFINER.
 *
 * System time is transaction time: a change is recorded at the start of
 * its transaction (now()), so all of a transaction's changes share one
 * moment and a version lives from recorded_from (inclusive) to
 * recorded_until (exclusive).  A row changed twice by one transaction
 * leaves an empty version [t, t): the change is in the history, but no
 * moment ever saw it.  When a row's current version was recorded by a
 * transaction that began after the one now changing it, the two overlap
 * and the history cannot be ordered: the change fails with 40001 and can
 * be retried.
 *
 * Settings: siko.reason (anyone: why the change is made, kept with it) and
 * siko.system_time (superusers only: the moment to record instead of the
 * transaction start, for tests and for loading a history kept elsewhere).
 *
 * The as-of functions answer as known on a moment from the history tables
 * with the same code as for the current state (register_api.c; the cache
 * builds of register_build.c read a history table's versions live then).
 */
#include "register.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(siko_history_record);
PG_FUNCTION_INFO_V1(siko_history_restored);


/* set while this file writes history rows itself */
static bool history_writing = false;

/* the columns the history tables add to those of the register tables */
static const char *const history_syscols[] = {
	"recorded_from", "recorded_until", "recorded_by", "recorded_reason",
	"recorded_change", "ended_by", "ended_reason", "ended_change", "version"
};

/* the moment a change is recorded at */
static TimestampTz
history_clock(void)
{
	if (siko_system_time_set)
		return siko_system_time_value;
	return GetCurrentTransactionStartTimestamp();
}

static bool
history_is_syscol(const char *name)
{
	int			i;

	for (i = 0; i < (int) lengthof(history_syscols); i++)
		if (strcmp(name, history_syscols[i]) == 0)
			return true;
	return false;
}

/* "a.c1, a.c2, ..." over the register columns of desc (alias NULL: none) */
static char *
history_cols(TupleDesc desc, const char *alias)
{
	StringInfoData buf;
	int			i;
	bool		first = true;

	initStringInfo(&buf);
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped || history_is_syscol(NameStr(att->attname)))
			continue;
		appendStringInfo(&buf, "%s%s%s%s", first ? "" : ", ",
						 alias ? alias : "", alias ? "." : "",
						 quote_identifier(NameStr(att->attname)));
		first = false;
	}
	return buf.data;
}

/* "a.k1 = b.k1 AND ..." over the key columns (the trigger's arguments) */
static char *
history_keymatch(Trigger *tg, const char *a, const char *b)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	for (i = 0; i < tg->tgnargs; i++)
	{
		const char *k = quote_identifier(tg->tgargs[i]);

		appendStringInfo(&buf, "%s%s.%s OPERATOR(pg_catalog.=) %s.%s",
						 i ? " AND " : "", a, k, b, k);
	}
	return buf.data;
}

/*
 * Same register columns: compared as text, which every column type has.
 * A function call, not the operator: the planner then cannot make it a
 * hash key of a join and format every row of both sides; it compares the
 * rows whose keys already match.
 */
static char *
history_same(TupleDesc desc, const char *a, const char *b)
{
	return psprintf("pg_catalog.texteq((ROW(%s))::pg_catalog.text, (ROW(%s))::pg_catalog.text)",
					history_cols(desc, a), history_cols(desc, b));
}

static TriggerData *
history_trigdata(FunctionCallInfo fcinfo, const char *fname)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function %s was not called by the trigger manager", fname)));
	if (!TRIGGER_FIRED_FOR_STATEMENT(td->tg_event) || td->tg_trigger->tgnargs < 1)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function %s must be fired FOR EACH STATEMENT with the key columns as arguments",
						fname)));
	return td;
}

static void
history_spi_exec(const char *sql, int nargs, Oid *types, Datum *values,
				 const char *nulls, int expect)
{
	int			ret = SPI_execute_with_args(sql, nargs, types, values, nulls, false, 0);

	if (ret != expect)
		elog(ERROR, "siko history: SPI_execute_with_args failed: %s",
			 SPI_result_code_string(ret));
}

/* ---------------------------------------------------------------------
 * siko.history_record(): the statement trigger of the register tables
 * ------------------------------------------------------------------- */
/* what the steps of siko_history_record share: the moment, author, reason */
typedef struct HistChange
{
	TriggerData *td;
	const char *qh;				/* the history table, quoted */
	Oid			types[4];
	Datum		values[4];		/* $1 moment, $2 author, $3 reason, */
	char		nulls[4];		/* $4 the keys history_open leaves out */
} HistChange;

/* the current versions that a change closes: ended now */
static void
history_close(HistChange *h)
{
	TriggerEvent ev = h->td->tg_event;
	Trigger    *tg = h->td->tg_trigger;
	TupleDesc	desc = RelationGetDescr(h->td->tg_relation);
	const char *scope = TRIGGER_FIRED_BY_TRUNCATE(ev) ? "true" :
		psprintf("EXISTS (SELECT FROM o WHERE %s)", history_keymatch(tg, "o", "h"));

	/* a current version recorded after our start: no order exists */
	history_spi_exec(psprintf("SELECT FROM %s h WHERE h.recorded_until IS NULL"
							  " AND h.recorded_from OPERATOR(pg_catalog.>) $1 AND %s LIMIT 1",
							  h->qh, scope),
					 3, h->types, h->values, h->nulls, SPI_OK_SELECT);
	if (SPI_processed > 0)
		ereport(ERROR,
				(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
				 errmsg("could not record the change of %s in its history",
						RelationGetRelationName(h->td->tg_relation)),
				 errdetail("A transaction that began after this one at %s has recorded a newer version of a row this one changes.",
						   timestamptz_to_str(DatumGetTimestampTz(h->values[0]))),
				 errhint("Retry the transaction.")));

	if (TRIGGER_FIRED_BY_TRUNCATE(ev))
		history_spi_exec(psprintf("UPDATE %s h SET recorded_until = $1, ended_by = $2,"
								  " ended_reason = $3, ended_change = 'delete'"
								  " WHERE h.recorded_until IS NULL", h->qh),
						 3, h->types, h->values, h->nulls, SPI_OK_UPDATE);
	else
	{
		const char *newkey = TRIGGER_FIRED_BY_UPDATE(ev) ?
			psprintf("EXISTS (SELECT FROM n WHERE %s)", history_keymatch(tg, "n", "h")) :
			"false";
		const char *unchanged = TRIGGER_FIRED_BY_UPDATE(ev) ?
			psprintf("EXISTS (SELECT FROM n WHERE %s AND %s)",
					 history_keymatch(tg, "n", "h"), history_same(desc, "h", "n")) :
			"false";

		history_spi_exec(psprintf("UPDATE %s h SET recorded_until = $1, ended_by = $2,"
								  " ended_reason = $3,"
								  " ended_change = CASE WHEN %s THEN 'update' ELSE 'delete' END"
								  " WHERE h.recorded_until IS NULL AND %s AND NOT %s",
								  h->qh, newkey, scope, unchanged),
						 3, h->types, h->values, h->nulls, SPI_OK_UPDATE);
	}
}

/* "ROW(a.k1, ...)::text" over the key columns: one text per key */
static char *
history_keytext(Trigger *tg, const char *a)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	appendStringInfoString(&buf, "(ROW(");
	for (i = 0; i < tg->tgnargs; i++)
		appendStringInfo(&buf, "%s%s.%s", i ? ", " : "", a, quote_identifier(tg->tgargs[i]));
	appendStringInfoString(&buf, "))::pg_catalog.text");
	return buf.data;
}

/*
 * The keys (history_keytext) of the new rows whose current version says
 * the same already, as a text[] in *keys; false if there are none.
 */
static bool
history_unchanged_keys(HistChange *h, Datum *keys)
{
	Trigger    *tg = h->td->tg_trigger;
	bool		isnull = true;

	history_spi_exec(psprintf("SELECT pg_catalog.array_agg(%s) FROM n"
							  " WHERE EXISTS (SELECT FROM %s h WHERE h.recorded_until IS NULL"
							  " AND %s AND %s)",
							  history_keytext(tg, "n"), h->qh, history_keymatch(tg, "h", "n"),
							  history_same(RelationGetDescr(h->td->tg_relation), "h", "n")),
					 3, h->types, h->values, h->nulls, SPI_OK_SELECT);
	if (SPI_processed == 1)
		*keys = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		return false;
	*keys = PointerGetDatum(DatumGetArrayTypePCopy(*keys));
	return true;
}

/*
 * The new versions of inserted and updated rows: recorded now.
 *
 * Rows whose current version already says the same are not recorded
 * again: an UPDATE that changes nothing, and a restore of the register
 * table after its history (pg_restore).  Those rows are found first, by a
 * statement of their own, and the INSERT then leaves out their keys: had
 * the INSERT looked for them itself, in a NOT EXISTS over the history
 * table it is writing, a plan made while that table was empty (a nested
 * loop over a scan of it, estimated to find nothing) would read every
 * version written so far again for each row, and a COPY of 100,000
 * accessions into a new register would take minutes instead of seconds.
 * Usually there are no such rows, and the INSERT reads only the new rows.
 */
static void
history_open(HistChange *h)
{
	Trigger    *tg = h->td->tg_trigger;
	TupleDesc	desc = RelationGetDescr(h->td->tg_relation);
	const char *change = TRIGGER_FIRED_BY_UPDATE(h->td->tg_event) ?
		psprintf("CASE WHEN EXISTS (SELECT FROM o WHERE %s) THEN 'update' ELSE 'insert' END",
				 history_keymatch(tg, "o", "n")) :
		"'insert'";
	bool		isnull = !history_unchanged_keys(h, &h->values[3]);

	/*
	 * The version is given, not left to the column's default: a Citus
	 * placement has no defaults (the coordinator fills them in).
	 */
	h->nulls[3] = isnull ? 'n' : ' ';
	history_spi_exec(psprintf("INSERT INTO %s (%s, recorded_from, recorded_by,"
							  " recorded_reason, recorded_change, version)"
							  " SELECT %s, $1, $2, $3, %s,"
							  " pg_catalog.nextval('siko.history_version_seq'::pg_catalog.regclass)"
							  " FROM n%s",
							  h->qh, history_cols(desc, NULL), history_cols(desc, "n"), change,
							  isnull ? "" :
							  psprintf(" WHERE %s OPERATOR(pg_catalog.<>) ALL ($4)",
									   history_keytext(tg, "n"))),
					 4, h->types, h->values, h->nulls, SPI_OK_INSERT);
}

Datum
siko_history_record(PG_FUNCTION_ARGS)
{
	TriggerData *td = history_trigdata(fcinfo, "siko.history_record");
	Relation	rel = td->tg_relation;
	TriggerEvent ev = td->tg_event;
	Oid			nsp = RelationGetNamespace(rel);

	/* on a Citus node rel is a placement: the history is its table's */
	char	   *hname = psprintf("%s_history", get_rel_name(siko_citus_table(RelationGetRelid(rel))));
	Oid			hrelid = get_relname_relid(hname, nsp);
	TimestampTz moment;
	HeapTuple	ctup;
	Oid			owner;
	Oid			save_userid;
	int			save_sec;
	HistChange	h = {td, NULL, {TIMESTAMPTZOID, TEXTOID, TEXTOID, TEXTARRAYOID}, {0}, {' ', ' ', ' ', 'n'}};

	if (!OidIsValid(hrelid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"%s.%s\" does not exist", get_namespace_name(nsp), hname),
				 errdetail("The history of %s is kept in that table.", RelationGetRelationName(rel))));
	hrelid = siko_citus_placement(hrelid);
	h.qh = quote_qualified_identifier(get_namespace_name(nsp), get_rel_name(hrelid));
	ctup = SearchSysCache1(RELOID, ObjectIdGetDatum(hrelid));
	if (!HeapTupleIsValid(ctup))
		elog(ERROR, "cache lookup failed for relation %u", hrelid);
	owner = ((Form_pg_class) GETSTRUCT(ctup))->relowner;
	ReleaseSysCache(ctup);

	/* in a Citus transaction, the coordinator's moment on every node */
	if (siko_system_time_set || !siko_citus_write_time(&moment))
		moment = history_clock();
	h.values[0] = TimestampTzGetDatum(moment);
	h.values[1] = CStringGetTextDatum(GetUserNameFromId(GetUserId(), false));
	if (siko_reason != NULL && siko_reason[0] != '\0')
		h.values[2] = CStringGetTextDatum(siko_reason);
	else
		h.nulls[2] = 'n';

	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(owner, save_sec | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_NOFORCE_RLS);
	history_writing = true;
	PG_TRY();
	{
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (!TRIGGER_FIRED_BY_TRUNCATE(ev) && SPI_register_trigger_data(td) != SPI_OK_TD_REGISTER)
			elog(ERROR, "SPI_register_trigger_data failed");
		if (TRIGGER_FIRED_BY_UPDATE(ev) || TRIGGER_FIRED_BY_DELETE(ev) ||
			TRIGGER_FIRED_BY_TRUNCATE(ev))
			history_close(&h);
		if (TRIGGER_FIRED_BY_INSERT(ev) || TRIGGER_FIRED_BY_UPDATE(ev))
			history_open(&h);
		SPI_finish();
	}
	PG_FINALLY();
	{
		history_writing = false;
		SetUserIdAndSecContext(save_userid, save_sec);
	}
	PG_END_TRY();

	return PointerGetDatum(NULL);
}

/* ---------------------------------------------------------------------
 * siko.history_restored(): the statement trigger of the history tables
 *
 * pg_restore loads the register tables and their history tables in an
 * order of its own.  When a register table came first, its rows were
 * recorded anew, at the time of the restore; when the history then
 * arrives with the same current versions, recorded earlier, those
 * re-recordings are dropped.  (When the history comes first, the trigger
 * above records nothing: the current versions already say the same.)
 * ------------------------------------------------------------------- */
Datum
siko_history_restored(PG_FUNCTION_ARGS)
{
	TriggerData *td = history_trigdata(fcinfo, "siko.history_restored");
	Relation	rel = td->tg_relation;
	const char *qh;

	if (history_writing || !TRIGGER_FIRED_BY_INSERT(td->tg_event))
		return PointerGetDatum(NULL);

	qh = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
									RelationGetRelationName(rel));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_register_trigger_data(td) != SPI_OK_TD_REGISTER)
		elog(ERROR, "SPI_register_trigger_data failed");
	history_spi_exec(psprintf("DELETE FROM %s h USING n WHERE %s"
							  " AND h.recorded_until IS NULL AND n.recorded_until IS NULL"
							  " AND h.recorded_from OPERATOR(pg_catalog.>) n.recorded_from AND %s",
							  qh, history_keymatch(td->tg_trigger, "h", "n"),
							  history_same(RelationGetDescr(rel), "h", "n")),
					 0, NULL, NULL, NULL, SPI_OK_DELETE);
	SPI_finish();
	return PointerGetDatum(NULL);
}

/* ---------------------------------------------------------------------
 * Row-level security and the history
 *
 * The history tables keep every version of every row of the register
 * tables, so a row policy on a register table hides nothing from what
 * reads the history unless a policy protects the history table too.  The
 * readers of the history (the known_on answers, siko.history() and
 * siko.timeline_as_known_on()) read it with the caller's rights, so the
 * history tables' own policies apply to them; where a register table has
 * row-level security in force for the caller and its history table has
 * not, they refuse (0A000, as the as-of functions do under row-level
 * security) instead of showing the rows the policy hides.
 * ------------------------------------------------------------------- */
static const char *const history_tables[] = {
	"cooperation", "partner", "accession", "source", "accession_source"
};

static void
history_rls_gate(void)
{
	int			i;

	for (i = 0; i < (int) lengthof(history_tables); i++)
	{
		Oid			relid = siko_reg_relid(history_tables[i]);
		Oid			hrelid = siko_reg_relid(psprintf("%s_history", history_tables[i]));

		if (!OidIsValid(relid) || !OidIsValid(hrelid))
			continue;
		if (check_enable_rls(relid, InvalidOid, true) == RLS_ENABLED &&
			check_enable_rls(hrelid, InvalidOid, true) != RLS_ENABLED)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("siko's history cannot answer under row-level security on \"siko.%s\"",
							history_tables[i]),
					 errdetail("Row policies filter siko.%s for the current user, but none filter siko.%s_history, which keeps every version of its rows.",
							   history_tables[i], history_tables[i]),
					 errhint("Protect the history too (ALTER TABLE siko.%s_history ENABLE ROW LEVEL SECURITY, with a policy like that of siko.%s), or query siko.%s instead.",
							 history_tables[i], history_tables[i], history_tables[i])));
	}
}

PG_FUNCTION_INFO_V1(siko_history_readable);
Datum
siko_history_readable(PG_FUNCTION_ARGS)
{
	history_rls_gate();
	PG_RETURN_BOOL(true);
}
