/*
 * siko.c
 *		Module magic and the shared error reporting of the fmgr glue.
 */
#include "siko.h"

#include <limits.h>

#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/timestamp.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* the settings (see _PG_init) */
char	   *siko_reason = NULL;
int			siko_cache_memory = 256 * 1024;
static char *siko_system_time = NULL;
bool		siko_system_time_set = false;
TimestampTz siko_system_time_value = 0;

/*
 * siko.system_time must be a timestamp: refused by SET, not later by the
 * change that would record it.
 */
static bool
check_system_time(char **newval, void **extra, GucSource source)
{
	TimestampTz *t;
	MemoryContext cxt = CurrentMemoryContext;
	volatile bool ok = true;
	volatile TimestampTz value = 0;

	if (*newval == NULL || (*newval)[0] == '\0')
		return true;
	PG_TRY();
	{
		value = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in,
														CStringGetDatum(*newval),
														ObjectIdGetDatum(InvalidOid),
														Int32GetDatum(-1)));
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(cxt);
		FlushErrorState();
		ok = false;
	}
	PG_END_TRY();
	if (!ok || TIMESTAMP_NOT_FINITE(value))
	{
		GUC_check_errcode(ERRCODE_INVALID_PARAMETER_VALUE);
		GUC_check_errmsg("invalid value for siko.system_time: \"%s\"", *newval);
		GUC_check_errdetail("siko.system_time is the moment recorded in the register's history: a finite timestamp with time zone, or empty for the transaction's start.");
		GUC_check_errhint("Write it as PostgreSQL reads a timestamptz, e.g. SET siko.system_time = '2024-01-10 09:00+01'.");
		return false;
	}
	t = siko_guc_malloc(sizeof(TimestampTz));	/* freed by guc.c (compat.h) */
	if (t == NULL)
		return false;
	*t = value;
	*extra = t;
	return true;
}

static void
assign_system_time(const char *newval, void *extra)
{
	siko_system_time_set = extra != NULL;
	siko_system_time_value = extra != NULL ? *(TimestampTz *) extra : 0;
}

/*
 * The settings are defined when the library is loaded, and the prefix
 * siko. is reserved for them: SET of a misspelt siko.* name is an error.
 */
void
_PG_init(void)
{
	DefineCustomStringVariable("siko.reason",
							   "Why the register is changed: kept in its history with each change.",
							   "Set it with SET LOCAL in the transaction that makes the change.",
							   &siko_reason, "", PGC_USERSET, 0,
							   NULL, NULL, NULL);
	DefineCustomStringVariable("siko.system_time",
							   "The moment recorded in the register's history instead of the transaction's start.",
							   "Empty: the start of the transaction (now()). Only superusers may set it.",
							   &siko_system_time, "", PGC_SUSET, 0,
							   check_system_time, assign_system_time, NULL);
	DefineCustomIntVariable("siko.cache_memory",
							"The most memory the register cache of one cooperation, or the index of all cooperations, may take.",
							"A larger one is not cached: its answers come from probes of the register's indexes, slower and the same. 0: nothing is cached.",
							&siko_cache_memory, 256 * 1024, 0, MAX_KILOBYTES, PGC_USERSET,
							GUC_UNIT_KB, NULL, NULL, NULL);
	MarkGUCPrefixReserved("siko");
	siko_reg_shared_preload();
	siko_citus_counts_init();
}

int
siko_recv_version(StringInfo buf, const char *typname, int newest)
{
	int			version = pq_getmsgbyte(buf);

	if (version < 1 || version > newest)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type %s", version, typname),
				 errdetail("This version of siko reads binary %s values of versions 1 to %d.",
						   typname, newest),
				 errhint("Send the value in text form, or read it with the version of siko that wrote it.")));
	return version;
}

void
siko_report_soft(const SikoError *err, const char *typname, const char *input,
				 const char *hint, Node *escontext)
{
	const char *s = err->sqlstate;
	int			code = MAKE_SQLSTATE(s[0], s[1], s[2], s[3], s[4]);
	const char *msgfmt;

	if (code == ERRCODE_DATETIME_VALUE_OUT_OF_RANGE ||
		code == ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE)
		msgfmt = "%s value out of range: \"%s\"";
	else if (code == ERRCODE_INVALID_TEXT_REPRESENTATION ||
			 code == ERRCODE_INVALID_DATETIME_FORMAT)
		msgfmt = "invalid input syntax for type %s: \"%s\"";
	else
		msgfmt = "invalid %s value: \"%s\"";

	errsave(escontext,
			(errcode(code),
			 errmsg(msgfmt, typname, input),
			 err->detail[0] ? errdetail("%s", err->detail) : 0,
			 err->hint[0] ? errhint("%s", err->hint) : hint ? errhint("%s", hint) : 0));
}

void
siko_report(const SikoError *err, const char *typname, const char *input,
			const char *hint)
{
	siko_report_soft(err, typname, input, hint, NULL);
	pg_unreachable();
}

void
siko_report_binary(const SikoError *err, const char *typname, const char *value,
				   const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary value for type %s: %s", typname, value),
			 errdetail("%s", err->detail),
			 errhint("%s", hint)));
	pg_unreachable();
}

/* a fuzzydate's stored fields, for the report of a bad binary value */
char *
siko_fuzzydate_fields_text(const SikoFuzzyDate *fd)
{
	return psprintf("(%d, %d, form %d, qualifiers %d, code %d)",
					fd->lo, fd->hi, fd->form, fd->qual, fd->sub);
}
