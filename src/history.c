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
 * The as-of functions of the register are declared in SQL with these
 * entry points, which hand a call without known_on, unchanged, to the
 * current-state functions of register_api.c (answered from the cache).
 * The known_on answers read the history tables through SPI, with plans
 * kept for the backend; they use no cache, so they are always exact and
 * cost a query per call.
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

static char *history_reason = NULL;
static char *history_system_time = NULL;
static bool history_gucs_defined = false;

/* set while this file writes history rows itself */
static bool history_writing = false;

/* the columns the history tables add to those of the register tables */
static const char *const history_syscols[] = {
	"recorded_from", "recorded_until", "recorded_by", "recorded_reason",
	"recorded_change", "ended_by", "ended_reason", "ended_change", "version"
};

static void
history_define_gucs(void)
{
	if (history_gucs_defined)
		return;
	DefineCustomStringVariable("siko.reason",
							   "Why the register is changed: kept in its history with each change.",
							   "Set it with SET LOCAL in the transaction that makes the change.",
							   &history_reason, "", PGC_USERSET, 0,
							   NULL, NULL, NULL);
	DefineCustomStringVariable("siko.system_time",
							   "The moment recorded in the register's history instead of the transaction's start.",
							   "Empty: the start of the transaction (now()). Only superusers may set it.",
							   &history_system_time, "", PGC_SUSET, 0,
							   NULL, NULL, NULL);
	history_gucs_defined = true;
}

/* the moment a change is recorded at */
static TimestampTz
history_clock(void)
{
	history_define_gucs();
	if (history_system_time != NULL && history_system_time[0] != '\0')
		return DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in,
													   CStringGetDatum(history_system_time),
													   ObjectIdGetDatum(InvalidOid),
													   Int32GetDatum(-1)));
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
Datum
siko_history_record(PG_FUNCTION_ARGS)
{
	TriggerData *td = history_trigdata(fcinfo, "siko.history_record");
	Trigger    *tg = td->tg_trigger;
	Relation	rel = td->tg_relation;
	TupleDesc	desc = RelationGetDescr(rel);
	TriggerEvent ev = td->tg_event;
	Oid			nsp = RelationGetNamespace(rel);
	char	   *hname = psprintf("%s_history", RelationGetRelationName(rel));
	Oid			hrelid = get_relname_relid(hname, nsp);
	const char *qh;
	HeapTuple	ctup;
	Oid			owner;
	Oid			save_userid;
	int			save_sec;
	Oid			types[3] = {TIMESTAMPTZOID, TEXTOID, TEXTOID};
	Datum		values[3];
	char		nulls[3] = {' ', ' ', ' '};
	const char *cols = history_cols(desc, NULL);

	if (!OidIsValid(hrelid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"%s.%s\" does not exist", get_namespace_name(nsp), hname),
				 errdetail("The history of %s is kept in that table.", RelationGetRelationName(rel))));
	qh = quote_qualified_identifier(get_namespace_name(nsp), hname);
	ctup = SearchSysCache1(RELOID, ObjectIdGetDatum(hrelid));
	if (!HeapTupleIsValid(ctup))
		elog(ERROR, "cache lookup failed for relation %u", hrelid);
	owner = ((Form_pg_class) GETSTRUCT(ctup))->relowner;
	ReleaseSysCache(ctup);

	values[0] = TimestampTzGetDatum(history_clock());
	values[1] = CStringGetTextDatum(GetUserNameFromId(GetUserId(), false));
	if (history_reason != NULL && history_reason[0] != '\0')
		values[2] = CStringGetTextDatum(history_reason);
	else
		nulls[2] = 'n';

	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(owner, save_sec | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_NOFORCE_RLS);
	history_writing = true;
	PG_TRY();
	{
		bool		closes = TRIGGER_FIRED_BY_UPDATE(ev) || TRIGGER_FIRED_BY_DELETE(ev) ||
			TRIGGER_FIRED_BY_TRUNCATE(ev);

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (!TRIGGER_FIRED_BY_TRUNCATE(ev) && SPI_register_trigger_data(td) != SPI_OK_TD_REGISTER)
			elog(ERROR, "SPI_register_trigger_data failed");

		if (closes)
		{
			/* a current version recorded after our start: no order exists */
			const char *scope = TRIGGER_FIRED_BY_TRUNCATE(ev) ? "true" :
				psprintf("EXISTS (SELECT FROM o WHERE %s)", history_keymatch(tg, "o", "h"));

			history_spi_exec(psprintf("SELECT FROM %s h WHERE h.recorded_until IS NULL"
									  " AND h.recorded_from OPERATOR(pg_catalog.>) $1 AND %s LIMIT 1",
									  qh, scope),
							 3, types, values, nulls, SPI_OK_SELECT);
			if (SPI_processed > 0)
				ereport(ERROR,
						(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
						 errmsg("could not record the change of %s in its history",
								RelationGetRelationName(rel)),
						 errdetail("A transaction that began after this one at %s has recorded a newer version of a row this one changes.",
								   timestamptz_to_str(DatumGetTimestampTz(values[0]))),
						 errhint("Retry the transaction.")));

			if (TRIGGER_FIRED_BY_TRUNCATE(ev))
				history_spi_exec(psprintf("UPDATE %s h SET recorded_until = $1, ended_by = $2,"
										  " ended_reason = $3, ended_change = 'delete'"
										  " WHERE h.recorded_until IS NULL", qh),
								 3, types, values, nulls, SPI_OK_UPDATE);
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
										  qh, newkey, scope, unchanged),
								 3, types, values, nulls, SPI_OK_UPDATE);
			}
		}
		if (TRIGGER_FIRED_BY_INSERT(ev) || TRIGGER_FIRED_BY_UPDATE(ev))
		{
			const char *change = TRIGGER_FIRED_BY_UPDATE(ev) ?
				psprintf("CASE WHEN EXISTS (SELECT FROM o WHERE %s) THEN 'update' ELSE 'insert' END",
						 history_keymatch(tg, "o", "n")) :
				"'insert'";

			/*
			 * Rows whose current version already says the same are not
			 * recorded again: an UPDATE that changes nothing, and a restore
			 * of the register table after its history (pg_restore).
			 */
			history_spi_exec(psprintf("INSERT INTO %s (%s, recorded_from, recorded_by,"
									  " recorded_reason, recorded_change)"
									  " SELECT %s, $1, $2, $3, %s FROM n"
									  " WHERE NOT EXISTS (SELECT FROM %s h WHERE h.recorded_until IS NULL"
									  " AND %s AND %s)",
									  qh, cols, history_cols(desc, "n"), change, qh,
									  history_keymatch(tg, "h", "n"), history_same(desc, "h", "n")),
							 3, types, values, nulls, SPI_OK_INSERT);
		}
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

/* ---------------------------------------------------------------------
 * The as-of functions as known on a moment
 *
 * In every query $1 is the moment; a version is live then when
 * recorded_from <= $1 < recorded_until (or recorded_until is NULL).
 * ------------------------------------------------------------------- */

#define LIVE(a) \
	" " a ".recorded_from OPERATOR(pg_catalog.<=) $1 AND (" a ".recorded_until IS NULL" \
	" OR " a ".recorded_until OPERATOR(pg_catalog.>) $1) "

/* the accessions of cooperation c live at $1, with their live partners */
#define ACCESSIONS \
	" siko.accession_history a JOIN siko.partner_history p" \
	" ON p.id OPERATOR(pg_catalog.=) a.partner_id AND" LIVE("p") \
	" WHERE a.cooperation_id OPERATOR(pg_catalog.=) c.id AND" LIVE("a")

/* true if any is true, NULL if any is NULL, else false (also for none) */
#define TRIVALUE(m) \
	" CASE WHEN pg_catalog.bool_or(" m ") THEN true" \
	" WHEN pg_catalog.bool_or((" m ") IS NULL) THEN NULL ELSE false END "

#define COOP_LIVE \
	" FROM siko.cooperation_history c WHERE c.code OPERATOR(pg_catalog.=) $2 AND" LIVE("c")

enum
{
	HQ_COOP,
	HQ_IS_MEMBER,
	HQ_IS_COVERED,
	HQ_MEMBER_AT,
	HQ_COOPERATIONS_OF,
	HQ_MEMBERS_AS_OF,
	HQ_COVERED_BY,
	HQ_GROWTH,
	HQ_COUNT
};

static const char *const history_queries[HQ_COUNT] = {
	/* HQ_COOP ($1 known_on, $2 code) */
	"SELECT c.id" COOP_LIVE,
	/* HQ_IS_MEMBER ($3 ags, $4 day) */
	"SELECT (SELECT" TRIVALUE("siko.member_at(a.period, $4)") "FROM" ACCESSIONS
	" AND p.ags OPERATOR(siko.=) $3)" COOP_LIVE,
	/* HQ_IS_COVERED ($3 ags, $4 day) */
	"SELECT (SELECT" TRIVALUE("siko.member_at(a.period, $4)") "FROM" ACCESSIONS
	" AND p.ags OPERATOR(siko.@>) $3)" COOP_LIVE,
	/* HQ_MEMBER_AT ($3 partner, $4 day) */
	"SELECT (SELECT" TRIVALUE("siko.member_at(a.period, $4)") "FROM" ACCESSIONS
	" AND p.name OPERATOR(pg_catalog.=) $3),"
	" EXISTS (SELECT FROM siko.partner_history p WHERE p.name OPERATOR(pg_catalog.=) $3 AND" LIVE("p") ")"
	COOP_LIVE,
	/* HQ_COOPERATIONS_OF ($2 ags, $3 day) */
	"SELECT pg_catalog.array_agg(DISTINCT c.code COLLATE pg_catalog.\"C\""
	" ORDER BY c.code COLLATE pg_catalog.\"C\")"
	" FROM siko.cooperation_history c, " ACCESSIONS
	" AND p.ags OPERATOR(siko.=) $2 AND siko.member_at(a.period, $3) AND" LIVE("c"),
	/* HQ_MEMBERS_AS_OF ($2 code, $3 day) */
	"SELECT x.name, x.kind, x.ags, x.m, x.period FROM"
	" (SELECT p.name, p.kind, p.ags, siko.member_at(a.period, $3) AS m, a.period"
	" FROM siko.cooperation_history c, " ACCESSIONS
	" AND c.code OPERATOR(pg_catalog.=) $2 AND" LIVE("c") ") x"
	" WHERE x.m IS DISTINCT FROM false"
	" ORDER BY x.name COLLATE pg_catalog.\"C\", x.period",
	/* HQ_COVERED_BY ($2 code, $3 ags, $4 day) */
	"SELECT x.name, x.ags, x.m FROM"
	" (SELECT p.name, p.ags, siko.member_at(a.period, $4) AS m, a.period"
	" FROM siko.cooperation_history c, " ACCESSIONS
	" AND p.ags OPERATOR(siko.@>) $3"
	" AND c.code OPERATOR(pg_catalog.=) $2 AND" LIVE("c") ") x"
	" WHERE x.m IS DISTINCT FROM false"
	" ORDER BY pg_catalog.length(x.ags::pg_catalog.text) DESC, x.ags, x.period",
	/* HQ_GROWTH ($2 code, $3 from, $4 to, $5 step) */
	"SELECT g.day, g.certain, g.possible FROM siko.count_members(ARRAY("
	" SELECT a.period FROM siko.cooperation_history c, " ACCESSIONS
	" AND c.code OPERATOR(pg_catalog.=) $2 AND" LIVE("c") "), $3, $4, $5) g"
};

static SPIPlanPtr history_plans[HQ_COUNT];

/*
 * Run query q with the function's arguments after the first nargs ones
 * shifted: $1 is the last argument (known_on), $2.. the first nargs.
 */
static void
history_run(FunctionCallInfo fcinfo, int q, int nargs)
{
	Oid			types[FUNC_MAX_ARGS];
	Datum		values[FUNC_MAX_ARGS];
	int			known_on = PG_NARGS() - 1;
	int			i;
	int			ret;

	history_rls_gate();
	types[0] = TIMESTAMPTZOID;
	values[0] = PG_GETARG_DATUM(known_on);
	for (i = 0; i < nargs; i++)
	{
		types[i + 1] = get_fn_expr_argtype(fcinfo->flinfo, i);
		values[i + 1] = PG_GETARG_DATUM(i);
	}
	if (history_plans[q] == NULL)
	{
		SPIPlanPtr	plan = SPI_prepare(history_queries[q], nargs + 1, types);

		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		history_plans[q] = plan;
	}
	ret = SPI_execute_plan(history_plans[q], values, NULL, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(ret));
}

static void
history_unknown_cooperation(FunctionCallInfo fcinfo, int codearg)
{
	TimestampTz t = PG_GETARG_TIMESTAMPTZ(PG_NARGS() - 1);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown cooperation: \"%s\"", text_to_cstring(PG_GETARG_TEXT_PP(codearg))),
			 errdetail("No row of siko.cooperation had this code at %s.", timestamptz_to_str(t)),
			 errhint("The codes and when they were recorded are listed by: SELECT code, recorded_from, recorded_until FROM siko.cooperation_history;")));
}

/* the cooperation must be known then (before the rows of a set answer) */
static void
history_check_cooperation(FunctionCallInfo fcinfo)
{
	history_run(fcinfo, HQ_COOP, 1);
	if (SPI_processed == 0)
		history_unknown_cooperation(fcinfo, 0);
}

static Datum
history_getbool(int row, int col, bool *isnull)
{
	return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, isnull);
}

/* a boolean answer of one of the queries whose rows are the cooperation's */
static Datum
history_trivalue(FunctionCallInfo fcinfo, int q, int nargs)
{
	bool		isnull;
	Datum		res;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	history_run(fcinfo, q, nargs);
	if (SPI_processed == 0)
		history_unknown_cooperation(fcinfo, 0);
	if (q == HQ_MEMBER_AT && !DatumGetBool(history_getbool(0, 2, &isnull)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown partner: \"%s\"", text_to_cstring(PG_GETARG_TEXT_PP(1))),
				 errdetail("No row of siko.partner had this name at %s.",
						   timestamptz_to_str(PG_GETARG_TIMESTAMPTZ(PG_NARGS() - 1))),
				 errhint("The names and when they were recorded are listed by: SELECT name, recorded_from, recorded_until FROM siko.partner_history;")));
	res = history_getbool(0, 1, &isnull);
	SPI_finish();
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_BOOL(DatumGetBool(res));
}

static Datum
siko_history_is_member(FunctionCallInfo fcinfo)
{
	return history_trivalue(fcinfo, HQ_IS_MEMBER, 3);
}

static Datum
siko_history_is_covered(FunctionCallInfo fcinfo)
{
	return history_trivalue(fcinfo, HQ_IS_COVERED, 3);
}

static Datum
siko_history_member_at(FunctionCallInfo fcinfo)
{
	return history_trivalue(fcinfo, HQ_MEMBER_AT, 3);
}

static Datum
siko_history_cooperations_of(FunctionCallInfo fcinfo)
{
	bool		isnull;
	Datum		res;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	history_run(fcinfo, HQ_COOPERATIONS_OF, 2);
	res = history_getbool(0, 1, &isnull);
	if (!isnull)
		res = SPI_datumTransfer(res, false, -1);
	SPI_finish();
	if (isnull)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(TEXTOID));
	return res;
}

/* a set answer: the cooperation checked, then the query's rows */
static Datum
history_set(FunctionCallInfo fcinfo, int q, int nargs)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	uint64		i;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	history_check_cooperation(fcinfo);
	history_run(fcinfo, q, nargs);
	for (i = 0; i < SPI_processed; i++)
	{
		Datum		values[FUNC_MAX_ARGS];
		bool		nulls[FUNC_MAX_ARGS];
		int			natts = rsinfo->setDesc->natts;
		int			j;

		for (j = 0; j < natts; j++)
			values[j] = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc,
									  j + 1, &nulls[j]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	SPI_finish();
	return (Datum) 0;
}

static Datum
siko_history_members_as_of(FunctionCallInfo fcinfo)
{
	return history_set(fcinfo, HQ_MEMBERS_AS_OF, 2);
}

static Datum
siko_history_covered_by(FunctionCallInfo fcinfo)
{
	return history_set(fcinfo, HQ_COVERED_BY, 3);
}

static Datum
siko_history_growth(FunctionCallInfo fcinfo)
{
	return history_set(fcinfo, HQ_GROWTH, 4);
}

static Datum
siko_history_empty_set(FunctionCallInfo fcinfo)
{
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * The entry points of the as-of functions: NULL in any argument but
 * known_on gives NULL (no rows for a set), no known_on the current state
 * ------------------------------------------------------------------- */

/* the current-state functions (register_api.c) */
extern Datum siko_members_as_of(PG_FUNCTION_ARGS);
extern Datum siko_member_at_partner(PG_FUNCTION_ARGS);
extern Datum siko_is_member(PG_FUNCTION_ARGS);
extern Datum siko_is_covered(PG_FUNCTION_ARGS);
extern Datum siko_covered_by(PG_FUNCTION_ARGS);
extern Datum siko_growth(PG_FUNCTION_ARGS);
extern Datum siko_cooperations_of(PG_FUNCTION_ARGS);

static inline bool
history_args_null(FunctionCallInfo fcinfo, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		if (PG_ARGISNULL(i))
			return true;
	return false;
}

#define AS_KNOWN_ON(entry, nargs, current, known, set) \
PG_FUNCTION_INFO_V1(entry); \
Datum \
entry(PG_FUNCTION_ARGS) \
{ \
	if (history_args_null(fcinfo, nargs)) \
	{ \
		if (set) \
			return siko_history_empty_set(fcinfo); \
		PG_RETURN_NULL(); \
	} \
	if (PG_ARGISNULL(nargs)) \
		return current(fcinfo); \
	return known(fcinfo); \
}

AS_KNOWN_ON(siko_members_as_of_known_on, 2, siko_members_as_of, siko_history_members_as_of, true)
AS_KNOWN_ON(siko_member_at_known_on, 3, siko_member_at_partner, siko_history_member_at, false)
AS_KNOWN_ON(siko_is_member_known_on, 3, siko_is_member, siko_history_is_member, false)
AS_KNOWN_ON(siko_is_covered_known_on, 3, siko_is_covered, siko_history_is_covered, false)
AS_KNOWN_ON(siko_covered_by_known_on, 3, siko_covered_by, siko_history_covered_by, true)
AS_KNOWN_ON(siko_growth_known_on, 4, siko_growth, siko_history_growth, true)
AS_KNOWN_ON(siko_cooperations_of_known_on, 2, siko_cooperations_of, siko_history_cooperations_of, false)
