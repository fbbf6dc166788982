/*
 * sweep.c
 *		How many periods were (certainly, possibly) running on each of a
 *		series of days: sort the start and end events once, then walk the
 *		ascending days and the sorted events together.
 *
 * The count on day d is the number of start events on or before d minus
 * the number of end events on or before d.  Four event lists are kept
 * apart (certain starts and ends, possible starts and ends), each sorted
 * by an LSD radix sort on the day (4 passes of 8 bits; no comparisons),
 * so the whole is O(n + ndays) after the O(n) sort.  An end of NOEND
 * bounds nothing and makes no event: such a period still counts on the
 * day 'infinity', as siko_period_member_at() says.
 */
#include <string.h>

#include "siko_core.h"

/* the four event lists plus the radix sort's scratch list */
size_t
siko_sweep_workspace(size_t n)
{
	return 5 * (n ? n : 1) * sizeof(SikoDay);
}

/* sort days ascending (as signed values) using tmp of the same size */
static void
radix_sort(SikoDay *a, SikoDay *tmp, size_t n)
{
	uint32_t   *src = (uint32_t *) a;
	uint32_t   *dst = (uint32_t *) tmp;
	size_t		i;
	int			shift;

	if (n < 2)
		return;
	for (i = 0; i < n; i++)
		src[i] ^= 0x80000000u;	/* signed order as unsigned order */
	for (shift = 0; shift < 32; shift += 8)
	{
		size_t		count[256] = {0};
		size_t		pos = 0;
		uint32_t   *t;
		int			k;

		for (i = 0; i < n; i++)
			count[(src[i] >> shift) & 0xFF]++;
		if (count[(src[0] >> shift) & 0xFF] == n)
			continue;			/* every key has the same byte here */
		for (k = 0; k < 256; k++)
		{
			size_t		c = count[k];

			count[k] = pos;
			pos += c;
		}
		for (i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	if (src != (uint32_t *) a)
		memcpy(a, src, n * sizeof(uint32_t));
	for (i = 0; i < n; i++)
		((uint32_t *) a)[i] ^= 0x80000000u;
}

/*
 * For each of the ascending days, the number of starts <= day minus the
 * number of ends <= day.
 */
static void
merge(const SikoDay *starts, size_t ns, const SikoDay *ends, size_t ne,
	  const SikoDay *days, size_t ndays, int32_t *out)
{
	size_t		i = 0,
				j = 0,
				k;

	for (k = 0; k < ndays; k++)
	{
		SikoDay		d = days[k];

		while (i < ns && starts[i] <= d)
			i++;
		while (j < ne && ends[j] <= d)
			j++;
		out[k] = (int32_t) (i - j);
	}
}

void
siko_sweep_count(const SikoPeriod *periods, size_t n,
				 const SikoDay *days, size_t ndays, void *workspace,
				 int32_t *certain, int32_t *possible)
{
	SikoDay    *cs = (SikoDay *) workspace;
	SikoDay    *ce = cs + n;
	SikoDay    *ps = ce + n;
	SikoDay    *pe = ps + n;
	SikoDay    *tmp = pe + n;
	size_t		ncs = 0,
				nce = 0,
				nps = 0,
				npe = 0,
				i;

	for (i = 0; i < n; i++)
	{
		const SikoPeriod *p = &periods[i];

		/* certain: [start.hi, end.lo), if not empty */
		if (p->start.hi != SIKO_DAY_NOEND &&
			(p->end.lo == SIKO_DAY_NOEND || p->start.hi < p->end.lo))
		{
			cs[ncs++] = p->start.hi;
			if (p->end.lo != SIKO_DAY_NOEND)
				ce[nce++] = p->end.lo;
		}
		/* possible: [start.lo, end.hi), never empty in a valid period */
		if (p->end.hi == SIKO_DAY_NOEND || p->start.lo < p->end.hi)
		{
			ps[nps++] = p->start.lo;
			if (p->end.hi != SIKO_DAY_NOEND)
				pe[npe++] = p->end.hi;
		}
	}
	radix_sort(cs, tmp, ncs);
	radix_sort(ce, tmp, nce);
	radix_sort(ps, tmp, nps);
	radix_sort(pe, tmp, npe);
	merge(cs, ncs, ce, nce, days, ndays, certain);
	merge(ps, nps, pe, npe, days, ndays, possible);
}
