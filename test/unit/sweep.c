/*
 * sweep.c
 *		Unit tests of the counting sweep: random periods against
 *		siko_period_member_at() day by day.
 */
#include "unit.h"

static uint64_t rng = 88172645463325252ULL;

static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t) rng;
}

/* a random fuzzydate around day c: an exact day or a span of days */
static SikoFuzzyDate
fd(int32_t c)
{
	SikoFuzzyDate f;

	memset(&f, 0, sizeof(f));
	f.lo = c;
	f.hi = c + ((next() % 3) ? 0 : (int32_t) (next() % 400));
	f.form = f.lo == f.hi ? SIKO_FD_DAY : SIKO_FD_SET;
	if (next() % 20 == 0)
		f.lo = SIKO_DAY_NOBEGIN;
	return f;
}

static void
run(size_t n, size_t ndays, int32_t first, int32_t stepdays)
{
	SikoPeriod *ps = malloc(sizeof(SikoPeriod) * (n ? n : 1));
	SikoDay    *days = malloc(sizeof(SikoDay) * ndays);
	int32_t    *cert = malloc(sizeof(int32_t) * ndays);
	int32_t    *poss = malloc(sizeof(int32_t) * ndays);
	void	   *work = malloc(siko_sweep_workspace(n));
	size_t		i,
				k,
				made = 0;
	int			bad = 0;

	while (made < n)
	{
		SikoFuzzyDate s = fd(first + (int32_t) (next() % 3000) - 200);
		SikoFuzzyDate e = fd(s.lo == SIKO_DAY_NOBEGIN ? first : s.lo + (int32_t) (next() % 1500) - 100);
		uint32_t	kind = next() % 10;

		if (kind == 0)
			e.form = SIKO_FD_OPEN;
		else if (kind == 1)
			e.form = SIKO_FD_UNKNOWN;
		if (siko_period_make(&s, &e, &ps[made], NULL))
			made++;
	}
	for (k = 0; k < ndays; k++)
		days[k] = first + (int32_t) k * stepdays;
	if (ndays > 2)
	{
		days[0] = SIKO_DAY_NOBEGIN;
		days[ndays - 1] = SIKO_DAY_NOEND;
	}
	siko_sweep_count(ps, n, days, ndays, work, cert, poss);
	for (k = 0; k < ndays; k++)
	{
		int32_t		c = 0,
					p = 0;

		for (i = 0; i < n; i++)
		{
			int			m = siko_period_member_at(&ps[i], days[k]);

			c += (m == 1);
			p += (m != 0);
		}
		if (c != cert[k] || p != poss[k] || cert[k] > poss[k])
			bad++;
	}
	CHECK(bad == 0);
	free(ps);
	free(days);
	free(cert);
	free(poss);
	free(work);
}

int
main(void)
{
	SikoPeriod	p[3];
	SikoDay		days[4] = {-10, 0, 9, 10};	/* and day 11 below */
	int32_t		c[4],
				q[4];
	char		work[1024];
	const char *txt[3] = {"2000-01-01/2000-01-11", "[1999-12-25..2000-01-05]/..", "2000-01-01/"};
	int			i;

	for (i = 0; i < 3; i++)
		CHECK(siko_period_parse(txt[i], strlen(txt[i]), &p[i], NULL));
	CHECK(siko_sweep_workspace(3) <= sizeof(work));
	siko_sweep_count(p, 3, days, 4, work, c, q);
	/* day -10 (1999-12-22): nobody */
	CHECK(c[0] == 0 && q[0] == 0);
	/* day 0 (2000-01-01): the first and third certain, the second only possible */
	CHECK(c[1] == 2 && q[1] == 3);
	/* day 9: first certain, second certain (start.hi = day 4), third possible */
	CHECK(c[2] == 2 && q[2] == 3);
	/* day 10: the last day of the first (its end 2000-01-11 is day 10) */
	CHECK(c[3] == 2 && q[3] == 3);

	/* no periods, no days */
	siko_sweep_count(p, 0, days, 4, work, c, q);
	CHECK(c[0] == 0 && q[3] == 0);
	siko_sweep_count(p, 3, days, 0, work, c, q);

	run(1, 50, 0, 1);
	run(100, 3000, -100, 1);
	run(2000, 400, -300, 7);
	run(5000, 200, 100, 30);
	return unit_report("sweep");
}
