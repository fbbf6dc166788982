/*
 * period.c
 *		fmgr glue of siko.period: I/O, constructor, the three-valued as-of
 *		functions, operators, btree and hash support, and the counting
 *		engine (siko.count_members).
 */
#include "siko.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
#include "utils/typcache.h"


static const char *const period_hint =
"Write start/end in EDTF, e.g. 2023-10-01/.. (still running), 2015/2018, "
"[2020-07..2022-03-03]/.. or 2015/ (ended, when unknown).";

static SikoPeriod *
period_copy(const SikoPeriod *p)
{
	SikoPeriod *r = palloc(sizeof(SikoPeriod));

	*r = *p;
	return r;
}

/* ---------------------------------------------------------------------
 * I/O
 * ------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(siko_period_in);
Datum
siko_period_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	SikoPeriod	p;
	SikoError	err;

	if (!siko_period_parse(str, strlen(str), &p, &err))
	{
		siko_report_soft(&err, "period", str, period_hint, fcinfo->context);
		return (Datum) 0;
	}
	PG_RETURN_SIKO_PERIOD_P(period_copy(&p));
}

PG_FUNCTION_INFO_V1(siko_period_out);
Datum
siko_period_out(PG_FUNCTION_ARGS)
{
	SikoPeriod *p = PG_GETARG_SIKO_PERIOD_P(0);
	char	   *buf = palloc(SIKO_PERIOD_BUFLEN);

	siko_period_format(p, buf, SIKO_PERIOD_BUFLEN);
	PG_RETURN_CSTRING(buf);
}

/*
 * Wire format: a version byte (SIKO_PERIOD_WIRE_VERSION), then start and end, each as lo, hi (int4)
 * and form, qual, sub (one byte each).  recv rebuilds the value and checks
 * it with siko_period_valid(), the same rules text input obeys.
 */
PG_FUNCTION_INFO_V1(siko_period_send);
Datum
siko_period_send(PG_FUNCTION_ARGS)
{
	SikoPeriod *p = PG_GETARG_SIKO_PERIOD_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SIKO_PERIOD_WIRE_VERSION);
	siko_fuzzydate_send_fields(&buf, &p->start);
	siko_fuzzydate_send_fields(&buf, &p->end);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(siko_period_recv);
Datum
siko_period_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = siko_recv_version(buf, "period", SIKO_PERIOD_WIRE_VERSION);
	SikoPeriod	p;
	SikoError	err;

	siko_fuzzydate_recv_fields(buf, &p.start);
	siko_fuzzydate_recv_fields(buf, &p.end);
	if (version == 1)
	{
		SikoPeriod	old = p;

		siko_period_from_exclusive_end(&old, &p);
	}
	if (!siko_period_valid(&p, &err))
		siko_report_binary(&err, "period",
						   psprintf("start %s, end %s", siko_fuzzydate_fields_text(&p.start),
									siko_fuzzydate_fields_text(&p.end)),
						   "Send the value in text form, e.g. 2023-10-01/.. or [2020-07..2022-03-03]/..");
	PG_RETURN_SIKO_PERIOD_P(period_copy(&p));
}

/* siko.period(start, finish DEFAULT NULL): not STRICT, a NULL finish is open */
PG_FUNCTION_INFO_V1(siko_period_make_sql);
Datum
siko_period_make_sql(PG_FUNCTION_ARGS)
{
	SikoFuzzyDate *start;
	SikoFuzzyDate *end;
	SikoPeriod	p;
	SikoError	err;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the start of a period cannot be null"),
				 errdetail("A period needs a start; only its end may be open."),
				 errhint("Pass the start as a fuzzydate, e.g. '2020-07'.")));
	start = PG_GETARG_SIKO_FUZZYDATE_P(0);
	end = PG_ARGISNULL(1) ? NULL : PG_GETARG_SIKO_FUZZYDATE_P(1);
	if (!siko_period_make(start, end, &p, &err))
	{
		char		sbuf[SIKO_FUZZYDATE_BUFLEN];
		char		ebuf[SIKO_FUZZYDATE_BUFLEN];
		char	   *input;

		siko_fuzzydate_format(start, sbuf, sizeof(sbuf));
		if (end)
			siko_fuzzydate_format(end, ebuf, sizeof(ebuf));
		else
			strcpy(ebuf, "..");
		input = psprintf("%s/%s", sbuf, ebuf);
		siko_report(&err, "period", input, period_hint);
	}
	PG_RETURN_SIKO_PERIOD_P(period_copy(&p));
}

PG_FUNCTION_INFO_V1(siko_period_start);
Datum
siko_period_start(PG_FUNCTION_ARGS)
{
	SikoPeriod *p = PG_GETARG_SIKO_PERIOD_P(0);
	SikoFuzzyDate *r = palloc(sizeof(SikoFuzzyDate));

	*r = p->start;
	PG_RETURN_SIKO_FUZZYDATE_P(r);
}

/* the end as a fuzzydate; NULL when open or unknown */
PG_FUNCTION_INFO_V1(siko_period_finish);
Datum
siko_period_finish(PG_FUNCTION_ARGS)
{
	SikoPeriod *p = PG_GETARG_SIKO_PERIOD_P(0);
	SikoFuzzyDate *r;

	if (p->end.form == SIKO_FD_OPEN || p->end.form == SIKO_FD_UNKNOWN)
		PG_RETURN_NULL();
	r = palloc(sizeof(SikoFuzzyDate));
	*r = p->end;
	PG_RETURN_SIKO_FUZZYDATE_P(r);
}

PG_FUNCTION_INFO_V1(siko_period_is_open);
Datum
siko_period_is_open(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_SIKO_PERIOD_P(0)->end.form == SIKO_FD_OPEN);
}

/* ---------------------------------------------------------------------
 * As-of
 * ------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(siko_period_member_at_sql);
Datum
siko_period_member_at_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_SIKO_TRIVALUE(siko_period_member_at(PG_GETARG_SIKO_PERIOD_P(0),
												  PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(siko_period_contains_date);
Datum
siko_period_contains_date(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(siko_period_member_at(PG_GETARG_SIKO_PERIOD_P(0),
										 PG_GETARG_DATEADT(1)) == 1);
}

PG_FUNCTION_INFO_V1(siko_date_contained_period);
Datum
siko_date_contained_period(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(siko_period_member_at(PG_GETARG_SIKO_PERIOD_P(1),
										 PG_GETARG_DATEADT(0)) == 1);
}

PG_FUNCTION_INFO_V1(siko_period_overlaps_sql);
Datum
siko_period_overlaps_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(siko_period_overlaps(PG_GETARG_SIKO_PERIOD_P(0),
										PG_GETARG_SIKO_PERIOD_P(1)));
}

/* [lo, hi) as a daterange; NOBEGIN / NOEND make an unbounded side */
static Datum
make_daterange(int32 lo, int32 hi, bool empty)
{
	TypeCacheEntry *typcache = lookup_type_cache(DATERANGEOID, TYPECACHE_RANGE_INFO);
	RangeBound	lower,
				upper;

	lower.val = DateADTGetDatum(lo);
	lower.infinite = (lo == DATEVAL_NOBEGIN);
	lower.inclusive = true;
	lower.lower = true;
	upper.val = DateADTGetDatum(hi);
	upper.infinite = (hi == DATEVAL_NOEND);
	upper.inclusive = false;
	upper.lower = false;
	return RangeTypePGetDatum(siko_make_range(typcache, &lower, &upper, empty));
}

PG_FUNCTION_INFO_V1(siko_period_certain);
Datum
siko_period_certain(PG_FUNCTION_ARGS)
{
	SikoSpan	s;

	siko_period_span(PG_GETARG_SIKO_PERIOD_P(0), &s);
	PG_RETURN_DATUM(make_daterange(s.clo, s.chi, !siko_days_nonempty(s.clo, s.chi)));
}

PG_FUNCTION_INFO_V1(siko_period_possible);
Datum
siko_period_possible(PG_FUNCTION_ARGS)
{
	SikoSpan	s;

	siko_period_span(PG_GETARG_SIKO_PERIOD_P(0), &s);
	PG_RETURN_DATUM(make_daterange(s.plo, s.phi, !siko_days_nonempty(s.plo, s.phi)));
}

/* ---------------------------------------------------------------------
 * btree and hash
 * ------------------------------------------------------------------- */

#define PERIOD_CMP(fcinfo) \
	siko_period_cmp(PG_GETARG_SIKO_PERIOD_P(0), PG_GETARG_SIKO_PERIOD_P(1))

PG_FUNCTION_INFO_V1(siko_period_cmp_sql);
Datum
siko_period_cmp_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PERIOD_CMP(fcinfo));
}

PG_FUNCTION_INFO_V1(siko_period_eq);
Datum
siko_period_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PERIOD_CMP(fcinfo) == 0);
}

PG_FUNCTION_INFO_V1(siko_period_ne);
Datum
siko_period_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PERIOD_CMP(fcinfo) != 0);
}

PG_FUNCTION_INFO_V1(siko_period_lt);
Datum
siko_period_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PERIOD_CMP(fcinfo) < 0);
}

PG_FUNCTION_INFO_V1(siko_period_le);
Datum
siko_period_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PERIOD_CMP(fcinfo) <= 0);
}

PG_FUNCTION_INFO_V1(siko_period_gt);
Datum
siko_period_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PERIOD_CMP(fcinfo) > 0);
}

PG_FUNCTION_INFO_V1(siko_period_ge);
Datum
siko_period_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PERIOD_CMP(fcinfo) >= 0);
}

/*
 * Hashing: equal periods have equal fields, so hash the field values laid
 * out in a fixed (big-endian) byte order, the same on every machine.
 * hash_bytes_extended() with seed 0 agrees with hash_bytes() in its low
 * 32 bits, as hash support function 2 must.
 */
#define PERIOD_HASH_BYTES (2 * SIKO_FUZZYDATE_HASHKEY)

static void
period_hash_key(const SikoPeriod *p, unsigned char *b)
{
	siko_fuzzydate_hashkey(&p->start, b);
	siko_fuzzydate_hashkey(&p->end, b + SIKO_FUZZYDATE_HASHKEY);
}

PG_FUNCTION_INFO_V1(siko_period_hash);
Datum
siko_period_hash(PG_FUNCTION_ARGS)
{
	unsigned char b[PERIOD_HASH_BYTES];

	period_hash_key(PG_GETARG_SIKO_PERIOD_P(0), b);
	PG_RETURN_UINT32(hash_bytes(b, PERIOD_HASH_BYTES));
}

PG_FUNCTION_INFO_V1(siko_period_hash_extended);
Datum
siko_period_hash_extended(PG_FUNCTION_ARGS)
{
	unsigned char b[PERIOD_HASH_BYTES];

	period_hash_key(PG_GETARG_SIKO_PERIOD_P(0), b);
	PG_RETURN_UINT64(hash_bytes_extended(b, PERIOD_HASH_BYTES, (uint64) PG_GETARG_INT64(1)));
}

/* ---------------------------------------------------------------------
 * Counting: siko.count_members(periods, from_day, to_day, step)
 * ------------------------------------------------------------------- */

SikoDay *
siko_step_days(DateADT from, DateADT to, const Interval *step, const char *what,
			   int *ndays)
{
	SikoDay    *days;
	int			n = 0;
	int			cap = 64;

	if (DATE_NOT_FINITE(from) || DATE_NOT_FINITE(to))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the days for %s must be finite", what),
				 errdetail("from_day is %s and to_day is %s.",
						   DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(from))),
						   DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(to)))),
				 errhint("Pass two finite dates.")));
	if (step->time != 0 || step->month < 0 || step->day < 0 ||
		(step->month == 0 && step->day == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid step for %s: \"%s\"", what,
						DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(step)))),
				 errdetail("The step must be a positive number of days, weeks or months, without hours."),
				 errhint("Use e.g. '1 day', '7 days', '1 month' or '3 months'.")));

	days = palloc(sizeof(SikoDay) * cap);
	for (;;)
	{
		SikoDay		d = siko_step_day(from, step->month, step->day, n);

		if (d > to)
			break;
		if (n == SIKO_MAX_STEP_DAYS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s over too many steps", what),
					 errdetail("At most %d step days are computed in one call.", SIKO_MAX_STEP_DAYS),
					 errhint("Use a longer step or a shorter range.")));
		if (n == cap)
		{
			CHECK_FOR_INTERRUPTS();
			cap *= 2;
			days = repalloc(days, sizeof(SikoDay) * cap);
		}
		days[n++] = d;
	}
	*ndays = n;
	return days;
}

PG_FUNCTION_INFO_V1(siko_count_members);
Datum
siko_count_members(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	DateADT		from = PG_GETARG_DATEADT(1);
	DateADT		to = PG_GETARG_DATEADT(2);
	Interval   *step = PG_GETARG_INTERVAL_P(3);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const SikoPeriod *periods;
	size_t		n;
	void	   *work;
	SikoDay    *days;
	int32	   *certain;
	int32	   *possible;
	int			ndays;
	int			i;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("the periods must be a one-dimensional array"),
				 errdetail("The array has %d dimensions.", ARR_NDIM(arr)),
				 errhint("Pass array_agg(period) or an ARRAY[...] of periods.")));

	InitMaterializedSRF(fcinfo, 0);

	n = ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));
	if (!ARR_HASNULL(arr))
		periods = (const SikoPeriod *) ARR_DATA_PTR(arr);	/* no copy */
	else
	{
		/* NULL elements are skipped, as count(x) skips them */
		SikoPeriod *copy = palloc(sizeof(SikoPeriod) * (n ? n : 1));
		bits8	   *bitmap = ARR_NULLBITMAP(arr);
		const SikoPeriod *src = (const SikoPeriod *) ARR_DATA_PTR(arr);
		size_t		i,
					m = 0;

		for (i = 0; i < n; i++)
			if (bitmap[i / 8] & (1 << (i % 8)))
				copy[m++] = *src++;
		periods = copy;
		n = m;
	}

	days = siko_step_days(from, to, step, "counting members", &ndays);
	work = palloc(siko_sweep_workspace(n));
	certain = palloc(sizeof(int32) * (ndays ? ndays : 1));
	possible = palloc(sizeof(int32) * (ndays ? ndays : 1));
	siko_sweep_count(periods, n, days, ndays, work, certain, possible);
	for (i = 0; i < ndays; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		values[0] = DateADTGetDatum(days[i]);
		values[1] = Int32GetDatum(certain[i]);
		values[2] = Int32GetDatum(possible[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * siko.period_agg(period) -> period[]: collect periods for counting
 *
 * Like array_agg, but the periods are appended to one growing buffer
 * (no allocation per row), NULLs are skipped, and no rows give an empty
 * array, so that count_members() reports zeros rather than nothing.
 * ------------------------------------------------------------------- */

typedef struct PeriodAggState
{
	int64		n;
	int64		cap;
	SikoPeriod *items;
} PeriodAggState;

static PeriodAggState *
agg_state(FunctionCallInfo fcinfo, PeriodAggState *st, int64 more)
{
	MemoryContext aggcxt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "period_agg support function called in a non-aggregate context");
	if (st == NULL)
	{
		st = MemoryContextAlloc(aggcxt, sizeof(PeriodAggState));
		st->n = 0;
		st->cap = Max(64, more);
		st->items = MemoryContextAllocHuge(aggcxt, st->cap * sizeof(SikoPeriod));
	}
	else if (st->n + more > st->cap)
	{
		st->cap = Max(st->cap * 2, st->n + more);
		st->items = repalloc_huge(st->items, st->cap * sizeof(SikoPeriod));
	}
	return st;
}

PG_FUNCTION_INFO_V1(siko_period_agg_transfn);
Datum
siko_period_agg_transfn(PG_FUNCTION_ARGS)
{
	PeriodAggState *st = PG_ARGISNULL(0) ? NULL : (PeriodAggState *) PG_GETARG_POINTER(0);

	if (PG_ARGISNULL(1))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	st = agg_state(fcinfo, st, 1);
	st->items[st->n++] = *PG_GETARG_SIKO_PERIOD_P(1);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(siko_period_agg_combinefn);
Datum
siko_period_agg_combinefn(PG_FUNCTION_ARGS)
{
	PeriodAggState *a = PG_ARGISNULL(0) ? NULL : (PeriodAggState *) PG_GETARG_POINTER(0);
	PeriodAggState *b = PG_ARGISNULL(1) ? NULL : (PeriodAggState *) PG_GETARG_POINTER(1);

	if (b == NULL || b->n == 0)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	a = agg_state(fcinfo, a, b->n);
	memcpy(a->items + a->n, b->items, b->n * sizeof(SikoPeriod));
	a->n += b->n;
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(siko_period_agg_serialfn);
Datum
siko_period_agg_serialfn(PG_FUNCTION_ARGS)
{
	PeriodAggState *st = (PeriodAggState *) PG_GETARG_POINTER(0);
	Size		len = st->n * sizeof(SikoPeriod);
	bytea	   *r = palloc(VARHDRSZ + len);

	SET_VARSIZE(r, VARHDRSZ + len);
	memcpy(VARDATA(r), st->items, len);
	PG_RETURN_BYTEA_P(r);
}

PG_FUNCTION_INFO_V1(siko_period_agg_deserialfn);
Datum
siko_period_agg_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	Size		len = VARSIZE_ANY_EXHDR(b);
	int64		n = len / sizeof(SikoPeriod);
	PeriodAggState *st;

	if (len % sizeof(SikoPeriod) != 0)
		elog(ERROR, "period_agg state of %zu bytes is not a whole number of periods", len);
	st = agg_state(fcinfo, NULL, n);
	memcpy(st->items, VARDATA_ANY(b), len);
	st->n = n;
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(siko_period_agg_finalfn);
Datum
siko_period_agg_finalfn(PG_FUNCTION_ARGS)
{
	PeriodAggState *st = PG_ARGISNULL(0) ? NULL : (PeriodAggState *) PG_GETARG_POINTER(0);
	Oid			elemtype = get_element_type(get_fn_expr_rettype(fcinfo->flinfo));
	int64		n = st ? st->n : 0;
	Size		nbytes;
	ArrayType  *r;

	if (!OidIsValid(elemtype))
		elog(ERROR, "could not determine the element type of period_agg");
	if (n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(elemtype));
	if (n > (int64) MaxArraySize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many periods to collect: %lld", (long long) n),
				 errdetail("An array holds at most %d elements.", (int) MaxArraySize),
				 errhint("Count fewer periods at a time.")));
	nbytes = ARR_OVERHEAD_NONULLS(1) + n * sizeof(SikoPeriod);
	if (!AllocSizeIsValid(nbytes))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many periods to collect: %lld", (long long) n),
				 errdetail("The array would take %zu bytes, more than one value may.", nbytes),
				 errhint("Count fewer periods at a time.")));
	r = palloc0(nbytes);
	SET_VARSIZE(r, nbytes);
	r->ndim = 1;
	r->dataoffset = 0;
	r->elemtype = elemtype;
	ARR_DIMS(r)[0] = (int) n;
	ARR_LBOUND(r)[0] = 1;
	memcpy(ARR_DATA_PTR(r), st->items, n * sizeof(SikoPeriod));
	PG_RETURN_ARRAYTYPE_P(r);
}

/*
 * siko.period_from_exclusive_end(old siko.period): a period written when
 * siko read the end as the first day without membership (0.3 and before),
 * as the period of the same meaning (the update to 0.4 rewrites stored
 * values with it).
 */
PG_FUNCTION_INFO_V1(siko_period_from_exclusive_end_sql);
Datum
siko_period_from_exclusive_end_sql(PG_FUNCTION_ARGS)
{
	SikoPeriod	p;

	siko_period_from_exclusive_end(PG_GETARG_SIKO_PERIOD_P(0), &p);
	PG_RETURN_SIKO_PERIOD_P(period_copy(&p));
}
