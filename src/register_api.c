/*
 * register_api.c
 *		The as-of functions of the register, answered from the per-backend
 *		cache (register_cache.c): the current state, or the register as
 *		known on a past moment (the last argument, known_on), from one code.
 *
 * The functions are not STRICT (known_on defaults to NULL, the current
 * state): a NULL in any other argument gives NULL, or no rows.
 *
 * is_member, is_covered and cooperations_of are called once per row of
 * large event tables: after the first call of an execution they hash no
 * text and allocate nothing (cooperations_of allocates its result only),
 * and find the key by one probe of an open-addressing hash table.
 */
#include "register.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(siko_members_as_of);
PG_FUNCTION_INFO_V1(siko_member_at_partner);
PG_FUNCTION_INFO_V1(siko_is_member);
PG_FUNCTION_INFO_V1(siko_is_covered);
PG_FUNCTION_INFO_V1(siko_covered_by);
PG_FUNCTION_INFO_V1(siko_growth);
PG_FUNCTION_INFO_V1(siko_cooperations_of);

/* is any of the first n arguments NULL? */
static inline bool
args_null(FunctionCallInfo fcinfo, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		if (PG_ARGISNULL(i))
			return true;
	return false;
}

/* three-valued membership of the partner with exactly this key, from terr */
static int
coop_ags_at_terr(const RegCoop *coop, SikoAgs ags, int32 d)
{
	int			n;
	int			i;
	int			end;
	int			res = 0;

	if (coop->probing)
		return siko_reg_probe_at(coop, ags, d);
	i = reg_terr_find(coop, ags, &n);
	for (end = i + n; i < end; i++)
		res = reg_fold_at(res, siko_span_at(&coop->terr[i].span, d));
	return res;
}

/*
 * The same from the probe table (see RegProbe).  A day before the window
 * reads as PG_INT16_MIN, after it as REG_DAY16_MAX: every finite bound
 * lies inside the window, so it compares with them as the day does, and
 * with the infinite ones too (REG_DAY16_NOBEGIN is not after it, nor
 * REG_DAY16_NOEND before it); so do the infinite days themselves.
 */
static inline int
coop_ags_at(const RegCoop *coop, SikoAgs ags, int32 d)
{
	int64		rel = (int64) d - coop->probe_base;
	uint32		i;
	int16		d16;
	int			res = 0;

	if (unlikely(coop->probe == NULL))
		return coop_ags_at_terr(coop, ags, d);
	d16 = (int16) (rel < REG_DAY16_MIN ? PG_INT16_MIN : Min(rel, REG_DAY16_MAX));
	for (i = reg_key_slot0(&coop->probe_shape, ags);; i = (i + 1) & coop->probe_shape.mask)
	{
		const RegProbe *t = &coop->probe[i];
		uint32		a = t->ags;

		if ((a & ~REG_PROBE_MORE) == ags)
		{
			/*
			 * A finite day: below REG_DAY16_NOEND, above REG_DAY16_NOBEGIN.
			 * Bitwise, not logical, conjunctions: the outcomes are as good as
			 * random in a join, and a mispredicted branch costs more than
			 * the comparisons.
			 */
			res |= ((t->clo <= d16) & (d16 < t->chi)) << 1 |
				((t->plo <= d16) & (d16 < t->phi));
			if ((a & REG_PROBE_MORE) == 0)
				break;			/* the key's last accession */
		}
		else if (a == REG_NO_AGS)
			break;
	}
	return (res & 2) ? 1 : -(res & 1);
}

/*
 * The key and the territories containing it, finest first: the key, its
 * Kreis, its Regierungsbezirk, its Land (each only once).
 */
static int
ags_chain(SikoAgs ags, SikoAgs *chain)
{
	int			n = 0;
	int			level;

	chain[n++] = ags;
	for (level = siko_ags_level(ags) - 1; level >= SIKO_AGS_LAND; level--)
	{
		SikoAgs		up = siko_ags_truncate(ags, level);

		if (up != chain[n - 1])
			chain[n++] = up;
	}
	return n;
}

/* ---------------------------------------------------------------------
 * siko.is_member(cooperation text, ags siko.ags, day date) -> boolean
 * ------------------------------------------------------------------- */
Datum
siko_is_member(PG_FUNCTION_ARGS)
{
	RegCallCache *cc;
	RegCoop    *coop;

	if (args_null(fcinfo, 3))
		PG_RETURN_NULL();
	cc = reg_callcache_fast(fcinfo);
	coop = reg_coop_fast(cc, fcinfo, 0, 3);

	PG_RETURN_SIKO_TRIVALUE(coop_ags_at(coop, PG_GETARG_SIKO_AGS(1),
										PG_GETARG_DATEADT(2)));
}

/* ---------------------------------------------------------------------
 * siko.is_covered(cooperation text, ags siko.ags, day date) -> boolean
 * ------------------------------------------------------------------- */
Datum
siko_is_covered(PG_FUNCTION_ARGS)
{
	RegCallCache *cc;
	RegCoop    *coop;
	SikoAgs		ags;
	int32		d;
	SikoAgs		chain[4];
	int			n;
	int			res = 0;
	int			i;

	if (args_null(fcinfo, 3))
		PG_RETURN_NULL();
	cc = reg_callcache_fast(fcinfo);
	coop = reg_coop_fast(cc, fcinfo, 0, 3);
	ags = PG_GETARG_SIKO_AGS(1);
	d = PG_GETARG_DATEADT(2);

	/* the usual case: no member is a territory coarser than this key */
	if ((coop->levels & ((1u << siko_ags_level(ags)) - 1)) == 0)
		PG_RETURN_SIKO_TRIVALUE(coop_ags_at(coop, ags, d));

	n = ags_chain(ags, chain);
	for (i = 0; i < n; i++)
	{
		int			v = coop_ags_at(coop, chain[i], d);

		if (v > 0)
			PG_RETURN_BOOL(true);
		if (v < 0)
			res = -1;
	}
	PG_RETURN_SIKO_TRIVALUE(res);
}

/* ---------------------------------------------------------------------
 * siko.cooperations_of(ags siko.ags, day date) -> text[]
 * ------------------------------------------------------------------- */
Datum
siko_cooperations_of(PG_FUNCTION_ARGS)
{
	RegCallCache *cc;
	RegSource	src;
	RegAll	   *all;
	const uint64 *set;
	int32		size = 0;
	int			nfound = 0;
	int32		hdr;
	ArrayType  *result;
	char	   *p;
	int			w;

	if (args_null(fcinfo, 2))
		PG_RETURN_NULL();
	cc = reg_callcache_fast(fcinfo);
	src = reg_source_of(fcinfo, 2);
	all = siko_reg_all(cc, &src);
	set = reg_all_set(all, PG_GETARG_SIKO_AGS(0), PG_GETARG_DATEADT(1), cc->scratch);
	if (set != NULL)
		for (w = 0; w < all->words; w++)
		{
			uint64		m = set[w];

			nfound += pg_popcount64(m);
			for (; m != 0; m &= m - 1)
				size += all->codesize[w * 64 + pg_rightmost_one_pos64(m)];
		}
	if (nfound == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(TEXTOID));

	/*
	 * A one-dimensional text[] without nulls, laid out as construct_array
	 * does; the codes in the order of their numbers, which is byte order.
	 */
	hdr = MAXALIGN(sizeof(ArrayType) + 2 * sizeof(int));	/* ARR_OVERHEAD_NONULLS(1) */
	result = (ArrayType *) palloc(hdr + size);
	SET_VARSIZE(result, hdr + size);
	result->ndim = 1;
	result->dataoffset = 0;
	result->elemtype = TEXTOID;
	ARR_DIMS(result)[0] = nfound;
	ARR_LBOUND(result)[0] = 1;
	p = (char *) result + hdr;
	for (w = 0; w < all->words; w++)
	{
		uint64		m;

		for (m = set[w]; m != 0; m &= m - 1)
		{
			int			c = w * 64 + pg_rightmost_one_pos64(m);
			int32		sz = all->codesize[c];

			memcpy(p, reg_all_code(all, c), sz);
			p += sz;
		}
	}
	PG_RETURN_ARRAYTYPE_P(result);
}

/* ---------------------------------------------------------------------
 * siko.member_at(cooperation text, partner text, day date) -> boolean
 * ------------------------------------------------------------------- */
Datum
siko_member_at_partner(PG_FUNCTION_ARGS)
{
	RegCallCache *cc;
	RegSource	src;
	RegCoop    *coop;
	char	   *name;
	int32		d;
	int			lo = 0;
	int			hi;
	int			res = 0;
	bool		any = false;
	MemoryContext whole;

	if (args_null(fcinfo, 3))
		PG_RETURN_NULL();
	cc = siko_reg_callcache(fcinfo);
	src = reg_source_of(fcinfo, 3);
	coop = siko_reg_coop_whole(siko_reg_coop_of(cc, PG_GETARG_TEXT_PP(0), &src, REG_BLOCK_WHOLE),
								true, &whole);
	name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	d = PG_GETARG_DATEADT(2);
	hi = coop->nacc;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (strcmp(reg_acc_cname(coop, &coop->acc[mid]), name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < coop->nacc && strcmp(reg_acc_cname(coop, &coop->acc[lo]), name) == 0; lo++)
	{
		int			v = siko_period_member_at(&coop->periods[lo], d);

		any = true;
		if (v > 0)
		{
			res = 1;
			break;
		}
		if (v < 0)
			res = -1;
	}
	if (whole != NULL)
		MemoryContextDelete(whole);
	if (!any && !siko_reg_partner_exists(name, &src))
	{
		if (src.history)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown partner: \"%s\"", name),
					 errdetail("No row of siko.partner had this name at %s.",
							   timestamptz_to_str(src.known_on)),
					 errhint("The names and when they were recorded are listed by: SELECT name, recorded_from, recorded_until FROM siko.partner_history;")));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown partner: \"%s\"", name),
				 errdetail("No row of siko.partner has this name."),
				 errhint("The names are listed by: SELECT name, kind FROM siko.partner;")));
	}
	PG_RETURN_SIKO_TRIVALUE(res);
}

/* ---------------------------------------------------------------------
 * siko.members_as_of(cooperation text, day date)
 *		RETURNS TABLE (partner text, kind siko.partner_kind, ags siko.ags,
 *					   certain boolean, period siko.period)
 * ------------------------------------------------------------------- */
Datum
siko_members_as_of(PG_FUNCTION_ARGS)
{
	RegCallCache *cc;
	RegSource	src;
	RegCoop    *coop;
	int32		d;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;
	MemoryContext whole;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (args_null(fcinfo, 2))
		return (Datum) 0;
	cc = siko_reg_callcache(fcinfo);
	src = reg_source_of(fcinfo, 2);
	coop = siko_reg_coop_whole(siko_reg_coop_of(cc, PG_GETARG_TEXT_PP(0), &src, REG_BLOCK_WHOLE),
								true, &whole);
	d = PG_GETARG_DATEADT(1);

	/*
	 * The rows are formed once per cooperation, in the cache (its memory
	 * goes with it), and copied into the tuplestore as they are.
	 */
	if (coop->mrows == NULL && coop->nacc > 0)
	{
		MemoryContext old = MemoryContextSwitchTo(coop->cxt);
		HeapTuple  *rows = palloc(sizeof(HeapTuple) * 2 * coop->nacc);

		for (i = 0; i < coop->nacc; i++)
		{
			const RegAccession *a = &coop->acc[i];
			Datum		values[5];
			bool		nulls[5] = {false, false, false, false, false};
			int			c;

			values[0] = PointerGetDatum(reg_acc_name(coop, a));
			values[1] = ObjectIdGetDatum(a->kind);
			values[2] = SikoAgsGetDatum(a->ags);
			nulls[2] = !a->has_ags;
			values[4] = PointerGetDatum(&coop->periods[i]);
			for (c = 0; c < 2; c++)
			{
				values[3] = BoolGetDatum(c == 0);
				rows[2 * i + c] = heap_form_tuple(rsinfo->setDesc, values, nulls);
			}
		}
		coop->mrows = rows;
		MemoryContextSwitchTo(old);
	}
	for (i = 0; i < coop->nacc; i++)
	{
		int			v = siko_period_member_at(&coop->periods[i], d);

		if (v == 0)
			continue;
		tuplestore_puttuple(rsinfo->setResult, coop->mrows[2 * i + (v > 0 ? 0 : 1)]);
	}
	if (whole != NULL)
		MemoryContextDelete(whole);
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * siko.covered_by(cooperation text, ags siko.ags, day date)
 *		RETURNS TABLE (partner text, ags siko.ags, certain boolean)
 * ------------------------------------------------------------------- */
/* one row of covered_by: v is the accession's membership on the day */
static void
covered_row(ReturnSetInfo *rsinfo, text *partner, SikoAgs ags, int v)
{
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (v == 0)
		return;
	values[0] = PointerGetDatum(partner);
	values[1] = SikoAgsGetDatum(ags);
	values[2] = BoolGetDatum(v > 0);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

Datum
siko_covered_by(PG_FUNCTION_ARGS)
{
	RegCallCache *cc;
	RegSource	src;
	RegCoop    *coop;
	SikoAgs		chain[4];
	int			n;
	int32		d;
	RegCoop    *wholecoop;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			k;
	MemoryContext whole;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (args_null(fcinfo, 3))
		return (Datum) 0;
	cc = siko_reg_callcache(fcinfo);
	src = reg_source_of(fcinfo, 3);
	coop = siko_reg_coop_of(cc, PG_GETARG_TEXT_PP(0), &src, REG_BLOCK_WHOLE);
	wholecoop = siko_reg_coop_whole(coop, false, &whole);
	/* not cached whole: the probes below read one key each, not the whole */
	if (wholecoop != NULL)
		coop = wholecoop;
	n = ags_chain(PG_GETARG_SIKO_AGS(1), chain);
	d = PG_GETARG_DATEADT(2);
	for (k = 0; k < n; k++)
	{
		int			nk;
		int			i;

		if (coop->block == NULL || !coop->block->whole)
		{
			text	   *name;
			SikoSpan   *spans;

			nk = siko_reg_probe_key(coop, chain[k], &name, &spans);
			for (i = 0; i < nk; i++)
				covered_row(rsinfo, name, chain[k], siko_span_at(&spans[i], d));
			continue;
		}
		i = reg_terr_find(coop, chain[k], &nk);
		for (nk += i; i < nk; i++)
		{
			const RegTerr *t = &coop->terr[i];

			covered_row(rsinfo, reg_acc_name(coop, &coop->acc[t->acc]), t->ags,
						siko_span_at(&t->span, d));
		}
	}
	if (whole != NULL)
		MemoryContextDelete(whole);
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * siko.growth(cooperation text, from_day date, to_day date, step interval)
 *		RETURNS TABLE (day date, certain integer, possible integer)
 * ------------------------------------------------------------------- */

/* no more step days than this in one call (about 2,700 years of days) */

/*
 * The sweep's sorted start and end events of the cooperation's periods
 * (siko_sweep_events), made once per cache, so that each call is a merge.
 */
static void
growth_events(RegCoop *coop)
{
	void	   *ws = MemoryContextAllocHuge(coop->cxt,
											siko_sweep_workspace(coop->nacc));

	siko_sweep_events(coop->periods, coop->nacc, ws, &coop->ev);
	coop->has_ev = true;
}

Datum
siko_growth(PG_FUNCTION_ARGS)
{
	RegCallCache *cc;
	RegSource	src;
	RegCoop    *coop;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	SikoDay    *days;
	int32	   *certain;
	int32	   *possible;
	int			ndays;
	int			i;
	MemoryContext whole;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (args_null(fcinfo, 4))
		return (Datum) 0;
	cc = siko_reg_callcache(fcinfo);
	src = reg_source_of(fcinfo, 4);
	coop = siko_reg_coop_of(cc, PG_GETARG_TEXT_PP(0), &src, REG_BLOCK_WHOLE);

	days = siko_step_days(PG_GETARG_DATEADT(1), PG_GETARG_DATEADT(2),
						  PG_GETARG_INTERVAL_P(3), "growth", &ndays);
	if (ndays == 0)
		return (Datum) 0;

	/* nothing below looks up the cache again, so it stays put */
	coop = siko_reg_coop_whole(coop, true, &whole);
	if (!coop->has_ev)
		growth_events(coop);
	certain = palloc(sizeof(int32) * ndays);
	possible = palloc(sizeof(int32) * ndays);
	siko_sweep_merge(&coop->ev, false, days, ndays, certain);
	siko_sweep_merge(&coop->ev, true, days, ndays, possible);
	for (i = 0; i < ndays; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = DateADTGetDatum(days[i]);
		values[1] = Int32GetDatum(certain[i]);
		values[2] = Int32GetDatum(possible[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	if (whole != NULL)
		MemoryContextDelete(whole);
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * siko.cooperation_counts(ags siko.ags, day date) aggregate
 *		-> siko.cooperation_count[] (cooperation text, events bigint)
 *
 * For each cooperation, the number of rows whose key was certainly a
 * member on the row's day: the counts of
 *   SELECT c, count(*) FROM t CROSS JOIN LATERAL unnest(siko.cooperations_of(t.ags, t.day)) c GROUP BY c
 * in one pass, without forming a row per event and cooperation.
 *
 * The transition function only keeps the row's (key, day) in a buffer.
 * When the buffer is full, and before the state is serialized, combined
 * or finished, the buffer is sorted by key (a radix sort) and each key's
 * rows are looked up in its timeline in the index of all cooperations (as
 * cooperations_of does), adding one to a counter per cooperation of the
 * set.  Looked up one row at a time, in the order of the table, every row
 * would wait for a few cache misses in an index of tens of megabytes; in
 * key order, a key is found once per batch and its timeline stays in the
 * cache for all its rows.  The buffer grows with the rows, from a few
 * kilobytes to half of work_mem, so that the states of many small groups
 * stay small.
 *
 * The state is partial-aggregated in parallel workers: it is serialized
 * as (code, count) pairs, and merged by code.
 * ------------------------------------------------------------------- */
PG_FUNCTION_INFO_V1(siko_cooperation_counts_trans);
PG_FUNCTION_INFO_V1(siko_cooperation_counts_combine);
PG_FUNCTION_INFO_V1(siko_cooperation_counts_serial);
PG_FUNCTION_INFO_V1(siko_cooperation_counts_deserial);
PG_FUNCTION_INFO_V1(siko_cooperation_counts_final);

/* a row not yet counted: its key in the high half, its day in the low */
typedef uint64 CoopEvent;

#define CC_EVENT(ags, day)	((uint64) (ags) << 32 | (uint32) (day))
#define CC_EVENT_AGS(e)		((SikoAgs) ((e) >> 32))
#define CC_EVENT_DAY(e)		((int32) (uint32) (e))

typedef struct CoopCounts
{
	int			n;				/* codes counted so far */
	int			cap;
	text	  **codes;			/* plain 4-byte headers, in the state's context */
	int64	   *counts;
	/* the cache index whose code numbers the counters follow */
	RegAll	   *src;
	uint64		src_generation;
	int32	   *map;			/* src's code number -> counter; NULL: the same */
	/* the rows not yet counted */
	MemoryContext cxt;			/* the aggregate's context, which holds all this */
	RegCallCache *cc;			/* the transition's call-site cache */
	CoopEvent  *ev;
	int			nev;
	int			evcap;
	/* per key of a batch: rows per count of the key's events up to their day */
	int32	   *after;
	int			aftercap;
} CoopCounts;

/* the first buffer's rows; it doubles up to half of work_mem */
#define CC_EV_FIRST 1024

/* the counter of code, added (at zero) when the state has none yet */
static int
cc_counter(CoopCounts *s, const text *code)
{
	int			i;

	for (i = 0; i < s->n; i++)
		if (reg_code_cmp(s->codes[i], code) == 0)
			return i;
	if (s->n == s->cap)
	{
		s->cap = Max(16, s->cap * 2);
		s->codes = s->codes ? repalloc(s->codes, sizeof(text *) * s->cap)
			: palloc(sizeof(text *) * s->cap);
		s->counts = s->counts ? repalloc(s->counts, sizeof(int64) * s->cap)
			: palloc(sizeof(int64) * s->cap);
	}
	s->codes[s->n] = (text *) pg_detoast_datum_copy((struct varlena *) code);
	s->counts[s->n] = 0;
	return s->n++;
}

/*
 * Follow the cache's current index: its code numbers -> the counters.  A
 * new state takes the index's codes in their order, so the map is the
 * identity and is dropped; it stays only when the register changed during
 * the query.
 */
static void
cc_follow(CoopCounts *s, RegAll *all, uint64 generation)
{
	int32	   *map = palloc(sizeof(int32) * Max(all->ncodes, 1));
	bool		identity = true;
	int			i;

	for (i = 0; i < all->ncodes; i++)
	{
		map[i] = cc_counter(s, reg_all_code(all, i));
		identity &= (map[i] == i);
	}
	if (s->map)
		pfree(s->map);
	if (identity)
	{
		pfree(map);
		map = NULL;
	}
	s->map = map;
	s->src = all;
	s->src_generation = generation;
}

static MemoryContext
cc_aggcontext(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggcxt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function %s called in a non-aggregate context", fname),
				 errhint("Call the aggregate siko.cooperation_counts(ags, day).")));
	return aggcxt;
}

/* add one to the counter of each cooperation in set */
static inline void
cc_add_set(CoopCounts *s, const RegAll *all, const uint64 *set)
{
	int64	   *counts = s->counts;
	const int32 *map = s->map;
	int			w;

	for (w = 0; w < all->words; w++)
	{
		uint64		m;

		for (m = set[w]; m != 0; m &= m - 1)
		{
			int			c = w * 64 + pg_rightmost_one_pos64(m);

			counts[map ? map[c] : c]++;
		}
	}
}

/*
 * Count the n rows ev of one key against the key's timeline t without
 * forming each row's set: a cooperation is counted for the rows after
 * each of its joins, and the rows after each of its leaves are taken off
 * again.  So the rows are only placed among the events (how many events
 * are on or before each row's day), and then one walk over the key's
 * events adds up; a row's set had to be composed and its bits visited.
 */
static void
cc_count_key(CoopCounts *s, const RegAll *all, const RegTimeline *t, const CoopEvent *ev,
			 int n)
{
	int64	   *counts = s->counts;
	const int32 *map = s->map;
	int			nev = t->nev;
	int32	   *after;
	uint64		state[REG_TIMELINE_MAXWORDS];
	int			i;

	if (s->aftercap < nev + 1)
	{
		if (s->after != NULL)
			pfree(s->after);
		s->aftercap = Max(nev + 1, 2 * s->aftercap);
		s->after = MemoryContextAllocHuge(s->cxt, sizeof(int32) * s->aftercap);
	}
	after = s->after;
	memset(after, 0, sizeof(int32) * (nev + 1));
	for (i = 0; i < n; i++)
		after[reg_timeline_count(all, t, CC_EVENT_DAY(ev[i]))]++;
	/* after[i + 1]: the rows whose day is on or after event i */
	for (i = nev - 1; i >= 0; i--)
		after[i] += after[i + 1];
	memset(state, 0, sizeof(state));
	for (i = 0; i < nev;)
	{
		const uint8 *coops = (const uint8 *) (reg_timeline_block(all, t, i / all->blockdays) +
											  all->coopoffset);
		int			end = Min(i + all->blockdays, nev);

		for (; i < end; i++, coops++)
		{
			int			c = *coops;
			uint64		bit = UINT64CONST(1) << (c & 63);

			state[c >> 6] ^= bit;
			counts[map ? map[c] : c] += (state[c >> 6] & bit) ? after[i + 1] : -after[i + 1];
		}
	}
}

/* count the buffered rows against the cache's current index */
static void
cc_flush(CoopCounts *s)
{
	RegAll	   *all;
	int			i;

	if (s->nev == 0)
		return;
	all = siko_reg_all(s->cc, &(RegSource) {false, 0});
	if (s->src != all || s->src_generation != s->cc->all_generation)
	{
		MemoryContext old = MemoryContextSwitchTo(s->cxt);

		cc_follow(s, all, s->cc->all_generation);
		MemoryContextSwitchTo(old);
	}
	/* by key only: 11-bit digits, whose counts stay in the L1 cache */
	siko_radix_sort_in(s->ev, s->nev, sizeof(CoopEvent), 32, 11, CurrentMemoryContext);
	for (i = 0; i < s->nev;)
	{
		SikoAgs		ags = CC_EVENT_AGS(s->ev[i]);
		int			j;

		for (j = i + 1; j < s->nev && CC_EVENT_AGS(s->ev[j]) == ags; j++)
			;
		if (all->tl != NULL)
		{
			const RegTimeline *t = reg_all_timeline(all, ags);

			if (t != NULL)
				cc_count_key(s, all, t, &s->ev[i], j - i);
		}
		else
			for (; i < j; i++)
			{
				const uint64 *set = reg_all_set(all, ags, CC_EVENT_DAY(s->ev[i]), s->cc->scratch);

				if (set != NULL)
					cc_add_set(s, all, set);
			}
		i = j;
	}
	s->nev = 0;
}

Datum
siko_cooperation_counts_trans(PG_FUNCTION_ARGS)
{
	CoopCounts *s = PG_ARGISNULL(0) ? NULL : (CoopCounts *) PG_GETARG_POINTER(0);

	if (s == NULL)
	{
		MemoryContext aggcxt = cc_aggcontext(fcinfo, "siko.cooperation_counts_trans");

		s = MemoryContextAllocZero(aggcxt, sizeof(CoopCounts));
		s->cxt = aggcxt;
	}
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(s);	/* a row without key or day counts nowhere */

	if (s->nev == s->evcap)
	{
		int64		cap = (int64) work_mem * 1024 / 2 / (int64) sizeof(CoopEvent);

		cap = Min(cap, (int64) (MaxAllocSize / sizeof(CoopEvent)));
		cap = Max(cap, CC_EV_FIRST);

		/*
		 * the first row also checks that the user may read the register;
		 * the call-site cache lives as long as the state
		 */
		if (s->cc == NULL)
			s->cc = siko_reg_callcache_in(fcinfo, s->cxt);
		if (s->evcap >= cap)
			cc_flush(s);
		else
		{
			int			newcap = s->evcap == 0 ? CC_EV_FIRST :
				(int) Min((int64) s->evcap * 2, cap);

			s->ev = s->ev == NULL ? MemoryContextAlloc(s->cxt, sizeof(CoopEvent) * newcap) :
				repalloc(s->ev, sizeof(CoopEvent) * newcap);
			s->evcap = newcap;
		}
	}
	s->ev[s->nev] = CC_EVENT(PG_GETARG_SIKO_AGS(1), PG_GETARG_DATEADT(2));
	s->nev++;
	PG_RETURN_POINTER(s);
}

Datum
siko_cooperation_counts_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = cc_aggcontext(fcinfo, "siko.cooperation_counts_combine");
	CoopCounts *a = PG_ARGISNULL(0) ? NULL : (CoopCounts *) PG_GETARG_POINTER(0);
	CoopCounts *b = PG_ARGISNULL(1) ? NULL : (CoopCounts *) PG_GETARG_POINTER(1);
	MemoryContext old;
	int			i;

	if (b == NULL)
		PG_RETURN_POINTER(a);
	cc_flush(b);
	if (a != NULL)
		cc_flush(a);
	old = MemoryContextSwitchTo(aggcxt);
	if (a == NULL)
	{
		a = palloc0(sizeof(CoopCounts));
		a->cxt = aggcxt;
	}
	for (i = 0; i < b->n; i++)
	{
		if (b->counts[i] != 0)
		{
			int			k = cc_counter(a, b->codes[i]);

			a->counts[k] += b->counts[i];
		}
	}
	/* the counters of a may have moved: a's map stays valid (indexes) */
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(a);
}

/* (code, count) pairs: int32 n, then per pair int64 count, int32 length, bytes */
Datum
siko_cooperation_counts_serial(PG_FUNCTION_ARGS)
{
	CoopCounts *s = (CoopCounts *) PG_GETARG_POINTER(0);
	StringInfoData buf;
	int			i;
	int			n = 0;

	(void) cc_aggcontext(fcinfo, "siko.cooperation_counts_serial");
	cc_flush(s);
	for (i = 0; i < s->n; i++)
		n += s->counts[i] != 0;
	pq_begintypsend(&buf);
	pq_sendint32(&buf, n);
	for (i = 0; i < s->n; i++)
	{
		int			len = VARSIZE(s->codes[i]) - VARHDRSZ;

		if (s->counts[i] == 0)
			continue;
		pq_sendint64(&buf, s->counts[i]);
		pq_sendint32(&buf, len);
		pq_sendbytes(&buf, VARDATA(s->codes[i]), len);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
siko_cooperation_counts_deserial(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	MemoryContext aggcxt = cc_aggcontext(fcinfo, "siko.cooperation_counts_deserial");
	MemoryContext old = MemoryContextSwitchTo(aggcxt);
	CoopCounts *s = palloc0(sizeof(CoopCounts));
	StringInfoData buf;
	int			n;
	int			i;

	/* a read-only view of the bytes (PostgreSQL 15 has no helper for it) */
	buf.data = VARDATA_ANY(b);
	buf.len = VARSIZE_ANY_EXHDR(b);
	buf.maxlen = 0;
	buf.cursor = 0;
	s->cxt = aggcxt;
	n = pq_getmsgint(&buf, 4);
	for (i = 0; i < n; i++)
	{
		int64		count = pq_getmsgint64(&buf);
		int			len = pq_getmsgint(&buf, 4);
		union
		{
			int32		align;
			char		bytes[VARHDRSZ + REG_CODE_MAX];
		}			buf_code;
		text	   *code = (text *) buf_code.bytes;
		int			k;

		if (len < 0 || len > REG_CODE_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid siko.cooperation_counts state: a code of %d bytes", len)));
		SET_VARSIZE(code, VARHDRSZ + len);
		memcpy(VARDATA(code), pq_getmsgbytes(&buf, len), len);
		k = cc_counter(s, code);	/* copies the code; may move s->counts */
		s->counts[k] += count;
	}
	pq_getmsgend(&buf);
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(s);
}

typedef struct CodeCount
{
	text	   *code;
	int64		count;
} CodeCount;

static int
codecount_cmp(const void *a, const void *b)
{
	return reg_code_cmp(((const CodeCount *) a)->code, ((const CodeCount *) b)->code);
}

Datum
siko_cooperation_counts_final(PG_FUNCTION_ARGS)
{
	CoopCounts *s = PG_ARGISNULL(0) ? NULL : (CoopCounts *) PG_GETARG_POINTER(0);
	Oid			arraytype = get_fn_expr_rettype(fcinfo->flinfo);
	Oid			elemtype = OidIsValid(arraytype) ? get_element_type(arraytype) : InvalidOid;
	TupleDesc	desc;
	CodeCount  *items;
	Datum	   *elems;
	int			n = 0;
	int			i;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	(void) cc_aggcontext(fcinfo, "siko.cooperation_counts_final");
	if (s != NULL)
		cc_flush(s);
	if (!OidIsValid(elemtype))
		elog(ERROR, "siko.cooperation_counts: cannot determine its result type");
	if (s == NULL || s->n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(elemtype));

	/* in byte order of the codes, as cooperations_of lists them; no zeros */
	items = palloc(sizeof(CodeCount) * s->n);
	for (i = 0; i < s->n; i++)
		if (s->counts[i] != 0)
		{
			items[n].code = s->codes[i];
			items[n].count = s->counts[i];
			n++;
		}
	if (n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(elemtype));
	qsort(items, n, sizeof(CodeCount), codecount_cmp);

	desc = lookup_rowtype_tupdesc(elemtype, -1);
	elems = palloc(sizeof(Datum) * n);
	for (i = 0; i < n; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = PointerGetDatum(items[i].code);
		values[1] = Int64GetDatum(items[i].count);
		elems[i] = HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
	}
	ReleaseTupleDesc(desc);
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, elemtype, typlen, typbyval, typalign));
}

/* ---------------------------------------------------------------------
 * The names siko 0.3's install script gives these functions' symbols
 * (an installation of 0.3, kept for its update path, calls them until it
 * is updated): the same functions.
 * ------------------------------------------------------------------- */
PG_FUNCTION_INFO_V1(siko_members_as_of_known_on);
Datum
siko_members_as_of_known_on(PG_FUNCTION_ARGS)
{
	return siko_members_as_of(fcinfo);
}

PG_FUNCTION_INFO_V1(siko_member_at_known_on);
Datum
siko_member_at_known_on(PG_FUNCTION_ARGS)
{
	return siko_member_at_partner(fcinfo);
}

PG_FUNCTION_INFO_V1(siko_is_member_known_on);
Datum
siko_is_member_known_on(PG_FUNCTION_ARGS)
{
	return siko_is_member(fcinfo);
}

PG_FUNCTION_INFO_V1(siko_is_covered_known_on);
Datum
siko_is_covered_known_on(PG_FUNCTION_ARGS)
{
	return siko_is_covered(fcinfo);
}

PG_FUNCTION_INFO_V1(siko_covered_by_known_on);
Datum
siko_covered_by_known_on(PG_FUNCTION_ARGS)
{
	return siko_covered_by(fcinfo);
}

PG_FUNCTION_INFO_V1(siko_growth_known_on);
Datum
siko_growth_known_on(PG_FUNCTION_ARGS)
{
	return siko_growth(fcinfo);
}

PG_FUNCTION_INFO_V1(siko_cooperations_of_known_on);
Datum
siko_cooperations_of_known_on(PG_FUNCTION_ARGS)
{
	return siko_cooperations_of(fcinfo);
}
