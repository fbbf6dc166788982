/*
 * fuzzydate_de.c
 *		fmgr glue of siko.fuzzydate_de and siko.period_de: German date
 *		phrases.  The work is done in core/fuzzydate_de.c.
 */
#include "siko.h"

#include "utils/builtins.h"

static const char *const phrase_hint =
"Write a day (25. Februar 2025, 25.02.2025, am 29. September), a month or a year "
"(im September 2023, im Jahr 2020), a part of a year (Anfang, Mitte or Ende 2020, "
"Anfang September 2023, Sommer 2020, im dritten Quartal 2020, im ersten Halbjahr 2020), "
"a phrase relative to written_on (heute, gestern, vergangene Woche, vor zwei Wochen, "
"im Vormonat, im Vorjahr) or a bound (bis zum, spätestens, Stand:, frühestens, nach dem, "
"vor dem, seit), optionally after etwa, circa, ca., vermutlich or voraussichtlich; "
"or an EDTF date (2023-10-01).";

static const char *const period_hint =
"Write the start of a membership after seit or ab (seit Mitte 2020, seit dem 1. Oktober 2023), "
"or its first and last day (vom 1. Oktober 2023 bis zum 31. März 2025), each a German "
"date phrase as siko.fuzzydate_de reads it; or an EDTF period (2023-10-01/..).";

static const char *const written_on_hint =
"Pass the day the phrase was written as written_on, for example "
"siko.fuzzydate_de('in der vergangenen Woche', date '2023-08-18').";

/* the phrase's bytes, and written_on (NULL when not given) */
static void
get_args(FunctionCallInfo fcinfo, text **phrase, SikoDay *day, SikoDay **written_on)
{
	*phrase = PG_GETARG_TEXT_PP(0);
	*written_on = NULL;
	if (PG_NARGS() > 1 && !PG_ARGISNULL(1))
	{
		*day = PG_GETARG_DATEADT(1);
		*written_on = day;
	}
}

static const char *const range_hint =
"PostgreSQL's dates run from 4714-11-24 BC to 5874897-12-31.";

static void
report(const SikoError *err, const char *typname, text *phrase, const char *hint)
{
	if (strcmp(err->sqlstate, "22004") == 0)
		hint = written_on_hint;
	else if (strcmp(err->sqlstate, "22008") == 0)
		hint = range_hint;
	siko_report(err, typname, text_to_cstring(phrase), hint);
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_de_sql);
Datum
siko_fuzzydate_de_sql(PG_FUNCTION_ARGS)
{
	text	   *phrase;
	SikoDay		day,
			   *written_on;
	SikoFuzzyDate *fd;
	SikoError	err;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	get_args(fcinfo, &phrase, &day, &written_on);
	fd = palloc(sizeof(SikoFuzzyDate));
	if (!siko_fuzzydate_de(VARDATA_ANY(phrase), VARSIZE_ANY_EXHDR(phrase), written_on, fd, &err))
		report(&err, "fuzzydate", phrase, phrase_hint);
	PG_RETURN_SIKO_FUZZYDATE_P(fd);
}

PG_FUNCTION_INFO_V1(siko_period_de_sql);
Datum
siko_period_de_sql(PG_FUNCTION_ARGS)
{
	text	   *phrase;
	SikoDay		day,
			   *written_on;
	SikoPeriod *p;
	SikoError	err;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	get_args(fcinfo, &phrase, &day, &written_on);
	p = palloc(sizeof(SikoPeriod));
	if (!siko_period_de(VARDATA_ANY(phrase), VARSIZE_ANY_EXHDR(phrase), written_on, p, &err))
		report(&err, "period", phrase, period_hint);
	PG_RETURN_SIKO_PERIOD_P(p);
}
