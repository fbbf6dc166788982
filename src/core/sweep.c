/*
 * sweep.c
 *		How many periods were (certainly, possibly) running on each of a
 *		series of days: sort the start and end events once, then walk the
 *		ascending days and the sorted events together.
 *
 * The events are the bounds of the periods' spans (siko_period_span):
 * a certain part [clo, chi) starts at clo and ends at chi, a possible
 * part [plo, phi) likewise; an end of NOEND bounds nothing and makes no
 * event, so such a period still counts on the day 'infinity', as
 * siko_span_at() says.  The count on day d is the number of start events
 * on or before d minus the number of end events on or before d: after
 * the O(n) radix sort, O(n + ndays) for any number of days.
 */
#include <string.h>

#include "siko_core.h"

/* the four event lists plus the sort's scratch list */
size_t
siko_sweep_workspace(size_t n)
{
	return 5 * (n ? n : 1) * sizeof(SikoDay);
}

void
siko_sweep_events(const SikoPeriod *periods, size_t n, void *workspace,
				  SikoSweepEvents *ev)
{
	SikoDay    *lists = (SikoDay *) workspace;
	SikoDay    *scratch = lists + 4 * n;
	size_t		i;
	int			k;

	for (k = 0; k < 4; k++)
	{
		ev->day[k] = lists + k * n;
		ev->n[k] = 0;
	}
	for (i = 0; i < n; i++)
	{
		SikoSpan	s;

		siko_period_span(&periods[i], &s);
		if (siko_days_nonempty(s.clo, s.chi))
		{
			ev->day[SIKO_EV_CERTAIN_START][ev->n[SIKO_EV_CERTAIN_START]++] = s.clo;
			if (s.chi != SIKO_DAY_NOEND)
				ev->day[SIKO_EV_CERTAIN_END][ev->n[SIKO_EV_CERTAIN_END]++] = s.chi;
		}
		ev->day[SIKO_EV_POSSIBLE_START][ev->n[SIKO_EV_POSSIBLE_START]++] = s.plo;
		if (s.phi != SIKO_DAY_NOEND)
			ev->day[SIKO_EV_POSSIBLE_END][ev->n[SIKO_EV_POSSIBLE_END]++] = s.phi;
	}
	for (k = 0; k < 4; k++)
		siko_sort_days(ev->day[k], ev->n[k], scratch);
}

void
siko_sweep_merge(const SikoSweepEvents *ev, bool possible,
				 const SikoDay *days, size_t ndays, int32_t *out)
{
	const SikoDay *starts = ev->day[possible ? SIKO_EV_POSSIBLE_START : SIKO_EV_CERTAIN_START];
	const SikoDay *ends = ev->day[possible ? SIKO_EV_POSSIBLE_END : SIKO_EV_CERTAIN_END];
	size_t		ns = ev->n[possible ? SIKO_EV_POSSIBLE_START : SIKO_EV_CERTAIN_START];
	size_t		ne = ev->n[possible ? SIKO_EV_POSSIBLE_END : SIKO_EV_CERTAIN_END];
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
	SikoSweepEvents ev;

	siko_sweep_events(periods, n, workspace, &ev);
	siko_sweep_merge(&ev, false, days, ndays, certain);
	siko_sweep_merge(&ev, true, days, ndays, possible);
}
