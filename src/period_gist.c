/*
 * period_gist.c
 *		GiST operator class for siko.period: "period @> date" (certainly a
 *		member on that day) and "period && period" (may overlap).
 *
 * The key is the period's span (siko_period_span in the core: the
 * first possible and certain days and the first days no longer certain
 * and possible), and for an inner key the union of its children's:
 *
 *   plo, clo: the least;   chi, phi: the greatest (NOEND is the greatest)
 *
 * For a leaf the span is all the two operators look at, so leaf answers
 * are exact (no recheck).  For an inner key the same test is a necessary
 * condition for some entry below: a period below certainly contains d
 * only if clo <= d < chi, and may overlap q only if the union's possible
 * days meet q's.  A never-certain span (clo = NOEND, chi = NOBEGIN) adds
 * nothing to a union's certain days.
 *
 * The key cannot give the period back (forms and qualifiers are lost),
 * so there is no fetch function and no index-only scan.
 */
#include "siko.h"

#include "access/gist.h"
#include "access/stratnum.h"

/* strategies, as the range types number them */
#define PERIOD_OVERLAPS_STRATEGY	RTOverlapStrategyNumber	/* && period */
#define PERIOD_CONTAINS_DAY_STRATEGY RTContainsElemStrategyNumber	/* @> date */

typedef SikoSpan PeriodKey;

StaticAssertDecl(sizeof(PeriodKey) == 16, "the GiST key of period is 16 bytes");

#define DatumGetPeriodKeyP(X) ((PeriodKey *) DatumGetPointer(X))

static bool
key_consistent(const PeriodKey *k, StrategyNumber strategy, Datum query)
{
	switch (strategy)
	{
		case PERIOD_CONTAINS_DAY_STRATEGY:
			return siko_span_certain_on(k, DatumGetDateADT(query));
		case PERIOD_OVERLAPS_STRATEGY:
			{
				SikoSpan	q;

				siko_period_span(DatumGetSikoPeriodP(query), &q);
				return siko_spans_overlap(k, &q);
			}
		default:
			elog(ERROR, "unrecognized strategy number %d for period", strategy);
			return false;
	}
}

/* larger of two upper bounds, where NOEND is the largest */
static inline int32
max_upper(int32 a, int32 b)
{
	return a > b ? a : b;		/* NOEND is INT32_MAX */
}

static void
key_union(PeriodKey *into, const PeriodKey *k)
{
	into->plo = Min(into->plo, k->plo);
	into->clo = Min(into->clo, k->clo);
	into->chi = max_upper(into->chi, k->chi);
	into->phi = max_upper(into->phi, k->phi);
}

PG_FUNCTION_INFO_V1(siko_period_gist_consistent);
Datum
siko_period_gist_consistent(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	Datum		query = PG_GETARG_DATUM(1);
	StrategyNumber strategy = (StrategyNumber) PG_GETARG_UINT16(2);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(4);

	*recheck = false;			/* exact at the leaves, see above */
	PG_RETURN_BOOL(key_consistent(DatumGetPeriodKeyP(entry->key), strategy, query));
}

PG_FUNCTION_INFO_V1(siko_period_gist_compress);
Datum
siko_period_gist_compress(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);

	if (entry->leafkey)
	{
		SikoPeriod *p = DatumGetSikoPeriodP(entry->key);
		PeriodKey  *k = palloc(sizeof(PeriodKey));
		GISTENTRY  *r = palloc(sizeof(GISTENTRY));

		siko_period_span(p, k);
		gistentryinit(*r, PointerGetDatum(k), entry->rel, entry->page,
					  entry->offset, false);
		PG_RETURN_POINTER(r);
	}
	PG_RETURN_POINTER(entry);
}

PG_FUNCTION_INFO_V1(siko_period_gist_union);
Datum
siko_period_gist_union(PG_FUNCTION_ARGS)
{
	GistEntryVector *v = (GistEntryVector *) PG_GETARG_POINTER(0);
	int		   *size = (int *) PG_GETARG_POINTER(1);
	PeriodKey  *out = palloc(sizeof(PeriodKey));
	int			i;

	*out = *DatumGetPeriodKeyP(v->vector[0].key);
	for (i = 1; i < v->n; i++)
		key_union(out, DatumGetPeriodKeyP(v->vector[i].key));
	*size = sizeof(PeriodKey);
	PG_RETURN_POINTER(out);
}

/*
 * extent of [lo, hi) in days, with the infinite bounds as far-away days;
 * an empty one (a never-certain span) has none
 */
static inline double
extent(int32 lo, int32 hi)
{
	return hi > lo ? (double) hi - (double) lo : 0.0;
}

/*
 * How much the key would have to grow: the growth of the possible
 * extent [plo, phi] plus that of the certain extent [clo, chi].
 */
PG_FUNCTION_INFO_V1(siko_period_gist_penalty);
Datum
siko_period_gist_penalty(PG_FUNCTION_ARGS)
{
	GISTENTRY  *origentry = (GISTENTRY *) PG_GETARG_POINTER(0);
	GISTENTRY  *newentry = (GISTENTRY *) PG_GETARG_POINTER(1);
	float	   *penalty = (float *) PG_GETARG_POINTER(2);
	PeriodKey  *o = DatumGetPeriodKeyP(origentry->key);
	PeriodKey	u = *o;

	key_union(&u, DatumGetPeriodKeyP(newentry->key));
	*penalty = (float) ((extent(u.plo, u.phi) - extent(o->plo, o->phi)) +
						(extent(u.clo, u.chi) - extent(o->clo, o->chi)));
	PG_RETURN_POINTER(penalty);
}

typedef struct SortItem
{
	double		centre;
	double		centre2;
	OffsetNumber off;
} SortItem;

static int
sortitem_cmp(const void *a, const void *b)
{
	const SortItem *x = a;
	const SortItem *y = b;

	if (x->centre != y->centre)
		return x->centre < y->centre ? -1 : 1;
	if (x->centre2 != y->centre2)
		return x->centre2 < y->centre2 ? -1 : 1;
	return (x->off > y->off) - (x->off < y->off);
}

/*
 * Periods are intervals on one axis.  Guttman's quadratic split seeds the
 * two pages with the pair that wastes most and then fills them greedily,
 * which for intervals tends to leave one page with almost everything and
 * ranges that overlap a lot.  Sorting the entries by the centre of their
 * possible extent and giving the lower half to the left page, the upper
 * half to the right, keeps pages balanced and their keys narrow, in
 * O(n log n).  Ties (many periods share a start, and open ones share the
 * infinite end) are broken by the centre of the certain extent.
 */
PG_FUNCTION_INFO_V1(siko_period_gist_picksplit);
Datum
siko_period_gist_picksplit(PG_FUNCTION_ARGS)
{
	GistEntryVector *entryvec = (GistEntryVector *) PG_GETARG_POINTER(0);
	GIST_SPLITVEC *v = (GIST_SPLITVEC *) PG_GETARG_POINTER(1);
	OffsetNumber maxoff = entryvec->n - 1;
	int			n = maxoff - FirstOffsetNumber + 1;
	SortItem   *items = palloc(sizeof(SortItem) * n);
	PeriodKey  *left = palloc(sizeof(PeriodKey));
	PeriodKey  *right = palloc(sizeof(PeriodKey));
	OffsetNumber i;
	int			j,
				half = n / 2;

	for (i = FirstOffsetNumber; i <= maxoff; i = OffsetNumberNext(i))
	{
		PeriodKey  *k = DatumGetPeriodKeyP(entryvec->vector[i].key);

		items[i - FirstOffsetNumber].centre = ((double) k->plo + (double) k->phi) / 2;
		items[i - FirstOffsetNumber].centre2 = ((double) k->clo + (double) k->chi) / 2;
		items[i - FirstOffsetNumber].off = i;
	}
	qsort(items, n, sizeof(SortItem), sortitem_cmp);

	v->spl_left = palloc(sizeof(OffsetNumber) * (n + 1));
	v->spl_right = palloc(sizeof(OffsetNumber) * (n + 1));
	v->spl_nleft = 0;
	v->spl_nright = 0;
	for (j = 0; j < n; j++)
	{
		OffsetNumber off = items[j].off;
		PeriodKey  *k = DatumGetPeriodKeyP(entryvec->vector[off].key);

		if (j < half)
		{
			if (v->spl_nleft == 0)
				*left = *k;
			else
				key_union(left, k);
			v->spl_left[v->spl_nleft++] = off;
		}
		else
		{
			if (v->spl_nright == 0)
				*right = *k;
			else
				key_union(right, k);
			v->spl_right[v->spl_nright++] = off;
		}
	}
	v->spl_ldatum = PointerGetDatum(left);
	v->spl_rdatum = PointerGetDatum(right);
	PG_RETURN_POINTER(v);
}

PG_FUNCTION_INFO_V1(siko_period_gist_same);
Datum
siko_period_gist_same(PG_FUNCTION_ARGS)
{
	PeriodKey  *a = DatumGetPeriodKeyP(PG_GETARG_DATUM(0));
	PeriodKey  *b = DatumGetPeriodKeyP(PG_GETARG_DATUM(1));
	bool	   *result = (bool *) PG_GETARG_POINTER(2);

	*result = memcmp(a, b, sizeof(PeriodKey)) == 0;
	PG_RETURN_POINTER(result);
}

/* ---------------------------------------------------------------------
 * The key's own type (siko.period_gist_key): text form for inspection
 * ------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(siko_period_gist_key_out);
Datum
siko_period_gist_key_out(PG_FUNCTION_ARGS)
{
	PeriodKey  *k = DatumGetPeriodKeyP(PG_GETARG_DATUM(0));

	PG_RETURN_CSTRING(psprintf("(%d,%d,%d,%d)", k->plo, k->clo, k->chi, k->phi));
}

PG_FUNCTION_INFO_V1(siko_period_gist_key_in);
Datum
siko_period_gist_key_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	PeriodKey  *k = palloc(sizeof(PeriodKey));
	int			used = 0;

	if (sscanf(str, " (%d,%d,%d,%d)%n", &k->plo, &k->clo, &k->chi, &k->phi, &used) != 4 ||
		str[used] != '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type period_gist_key: \"%s\"", str),
				 errdetail("The key is four day numbers in parentheses."),
				 errhint("This type only serves the GiST index of period; write e.g. (0,0,10,10).")));
	PG_RETURN_POINTER(k);
}
