/*
 * siko.h
 *		What the fmgr glue files share: the Datum conversions of siko's types
 *		and the one function that turns a SikoError into an ereport().
 */
#ifndef SIKO_H
#define SIKO_H

#include "postgres.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "compat.h"

#include "core/siko_core.h"

StaticAssertDecl(SIKO_DAY_NOBEGIN == DATEVAL_NOBEGIN, "siko's -infinity must be PostgreSQL's");
StaticAssertDecl(SIKO_DAY_NOEND == DATEVAL_NOEND, "siko's infinity must be PostgreSQL's");
StaticAssertDecl(SIKO_EPOCH_JDATE == POSTGRES_EPOCH_JDATE, "siko counts days from 2000-01-01");
StaticAssertDecl(sizeof(SikoFuzzyDate) == 12, "fuzzydate is 12 bytes on disk");
StaticAssertDecl(sizeof(SikoPeriod) == 24, "period is 24 bytes on disk");

/* ags: passed by value, as an int4-sized Datum */
#define DatumGetSikoAgs(X)		((SikoAgs) DatumGetUInt32(X))
#define SikoAgsGetDatum(X)		UInt32GetDatum(X)
#define PG_GETARG_SIKO_AGS(n)	DatumGetSikoAgs(PG_GETARG_DATUM(n))
#define PG_RETURN_SIKO_AGS(x)	return SikoAgsGetDatum(x)

/* fuzzydate and period: fixed length, passed by reference */
#define DatumGetSikoFuzzyDateP(X)	((SikoFuzzyDate *) DatumGetPointer(X))
#define PG_GETARG_SIKO_FUZZYDATE_P(n) DatumGetSikoFuzzyDateP(PG_GETARG_DATUM(n))
#define PG_RETURN_SIKO_FUZZYDATE_P(x) PG_RETURN_POINTER(x)
#define DatumGetSikoPeriodP(X)		((SikoPeriod *) DatumGetPointer(X))
#define PG_GETARG_SIKO_PERIOD_P(n)	DatumGetSikoPeriodP(PG_GETARG_DATUM(n))
#define PG_RETURN_SIKO_PERIOD_P(x)	PG_RETURN_POINTER(x)

/*
 * Report a failed core call: the SQLSTATE and detail come from err, the
 * message quotes the input, the hint says what would have been accepted.
 * typname is the user-visible name ("ags", "fuzzydate", "period").
 * siko_report_soft() saves the error in escontext when that is an
 * ErrorSaveContext (an input function's fcinfo->context on 16 and later)
 * and returns; otherwise, and always in siko_report(), it is thrown.
 */
extern void siko_report_soft(const SikoError *err, const char *typname,
							 const char *input, const char *hint, Node *escontext);
pg_noreturn extern void siko_report(const SikoError *err, const char *typname,
									const char *input, const char *hint);

/*
 * Report a binary value that fails validation, in one style for the three
 * types: 22P03, the stored fields in the message (value), the core's
 * detail, and a hint naming the text form.
 */
pg_noreturn extern void siko_report_binary(const SikoError *err, const char *typname,
							   const char *value, const char *hint);
extern char *siko_fuzzydate_fields_text(const SikoFuzzyDate *fd);

/*
 * Binary send/recv: every siko type's wire form starts with a version byte,
 * so that the format can change.  siko_recv_version() reads it, rejects a
 * version this build does not know (above newest) and returns it.
 * period is at version 2 since siko 0.4: version 1 values were written
 * when a period's end was the first day without membership, and are read
 * as the period of the same meaning (siko_period_from_exclusive_end).
 */
#define SIKO_WIRE_VERSION 1
#define SIKO_PERIOD_WIRE_VERSION 2
extern int	siko_recv_version(StringInfo buf, const char *typname, int newest);

/*
 * A fuzzydate's fields on the wire (after the version byte) and as a hash
 * key: lo, hi, form, qual, sub in a fixed big-endian order, so that a
 * period (two fuzzydates) uses the same encoding (src/fuzzydate.c).
 */
#define SIKO_FUZZYDATE_HASHKEY 11
extern void siko_fuzzydate_send_fields(StringInfo buf, const SikoFuzzyDate *fd);
extern void siko_fuzzydate_recv_fields(StringInfo buf, SikoFuzzyDate *fd);
extern void siko_fuzzydate_hashkey(const SikoFuzzyDate *fd, unsigned char *k);

/*
 * The step days of siko.count_members and siko.growth: from_day, then every
 * step (days and calendar months, no time) up to to_day, at most
 * SIKO_MAX_STEP_DAYS.  Errors (22023, 54000) name the function: 'what' is
 * "counting members" or "growth".  Returns a palloc'd array of *ndays days.
 */
#define SIKO_MAX_STEP_DAYS 1000000
extern SikoDay *siko_step_days(DateADT from, DateADT to, const Interval *step,
							   const char *what, int *ndays);

/*
 * The settings (src/siko.c, defined in _PG_init): siko.reason,
 * siko.system_time as checked and read by SET, siko.cache_memory (kB).
 */
extern char *siko_reason;
extern int	siko_cache_memory;
/* the shared register cache's hooks, when preloaded (register_shared.c) */
extern void siko_reg_shared_preload(void);
/* the planner hook of cooperation_counts on Citus workers (register_citus_counts.c) */
extern void siko_citus_counts_init(void);
extern bool siko_system_time_set;
extern TimestampTz siko_system_time_value;

/* Three-valued result of a core predicate: 1, 0 or -1 (NULL). */
#define PG_RETURN_SIKO_TRIVALUE(v) \
	do { int v_ = (v); if (v_ < 0) PG_RETURN_NULL(); PG_RETURN_BOOL(v_ != 0); } while (0)

#endif							/* SIKO_H */
