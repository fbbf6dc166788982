/*
 * period.c
 *		Unit tests of the period core: text forms, errors, order and the
 *		three-valued interval logic.
 */
#include "unit.h"

static SikoPeriod
P(const char *s)
{
	SikoPeriod	p;
	SikoError	err;

	memset(&p, 0, sizeof(p));
	if (!siko_period_parse(s, strlen(s), &p, &err))
	{
		fprintf(stderr, "cannot parse \"%s\": %s %s\n", s, err.sqlstate, err.detail);
		unit_failed++;
	}
	return p;
}

static SikoDay
D(int y, int m, int d)
{
	return siko_day_from_ymd(y, m, d);
}

/* formats canonically, and the canonical form reads back to the same value */
static void
roundtrip(const char *in, const char *want)
{
	SikoPeriod	p = P(in),
				q;
	char		buf[SIKO_PERIOD_BUFLEN];
	size_t		n = siko_period_format(&p, buf, sizeof(buf));

	CHECK(n == strlen(buf));
	if (want)
		CHECK_STR(buf, want);
	CHECK(siko_period_parse(buf, n, &q, NULL));
	CHECK(memcmp(&p, &q, sizeof(p)) == 0);
	CHECK(siko_period_cmp(&p, &q) == 0);
	CHECK(siko_period_valid(&p, NULL));
}

static void
rejects(const char *in, const char *sqlstate)
{
	SikoPeriod	p;
	SikoError	err;

	memset(&err, 0, sizeof(err));
	CHECK(!siko_period_parse(in, strlen(in), &p, &err));
	CHECK_STR(err.sqlstate, sqlstate);
	CHECK(err.detail[0] != '\0');
	CHECK(!siko_period_parse(in, strlen(in), &p, NULL));
}

int
main(void)
{
	SikoPeriod	p,
				q;
	SikoError	err;
	char		buf[SIKO_PERIOD_BUFLEN];

	/* text forms */
	roundtrip("2023-10-01/..", "2023-10-01/..");
	roundtrip("2015/2018", "2015/2018");
	roundtrip("2015/", "2015/");
	roundtrip("  2015/2018 ", "2015/2018");
	roundtrip("2020-06~/2024-12-31", "2020-06~/2024-12-31");
	roundtrip("[2020-07..2022-03-03]/..", NULL);
	roundtrip("[2023-08-07..2023-08-13]/..", NULL);
	roundtrip("2015-03-01/", "2015-03-01/");
	roundtrip("[..2015]/2018", NULL);

	/* representation of the ends */
	p = P("2015/..");
	CHECK(p.end.form == SIKO_FD_OPEN);
	CHECK(p.end.lo == SIKO_DAY_NOEND && p.end.hi == SIKO_DAY_NOEND);
	p = P("2015/");
	CHECK(p.end.form == SIKO_FD_UNKNOWN);
	CHECK(p.end.lo == D(2015, 1, 1) && p.end.hi == SIKO_DAY_NOEND);

	/* errors */
	rejects("", "22007");
	rejects("2015", "22007");
	rejects("/2015", "22007");
	rejects("../2015", "22007");
	rejects("2015/2016/2017", "22007");
	rejects("2015//", "22007");
	rejects("garbage/..", "22007");
	rejects("2015/garbage", "22007");
	rejects("2015/...", "22007");
	rejects("2018/2015", "22000");
	rejects("2015-06-02/2015-06-01", "22000");
	rejects("2015-07/2015-06-30", "22000");
	/* an end equal to the start: a membership of one day */
	CHECK(siko_period_parse("2015-06-01/2015-06-01", 21, &p, &err));
	CHECK(siko_period_member_at(&p, D(2015, 6, 1)) == 1);
	CHECK(siko_period_member_at(&p, D(2015, 6, 2)) == 0);
	CHECK(siko_period_parse("2015-06/2015-06-01", 18, &p, &err));
	CHECK(siko_period_parse("2015-06-02/2015-06-03", 21, &p, &err));
	/* an end that may, but need not, lie before the start is fine */
	CHECK(siko_period_parse("2015/2015-06", 12, &p, &err));

	/* make */
	{
		SikoFuzzyDate s,
					e;

		CHECK(siko_fuzzydate_parse("2020", 4, &s, NULL));
		CHECK(siko_fuzzydate_parse("2019", 4, &e, NULL));
		CHECK(!siko_period_make(&s, &e, &p, &err));
		CHECK_STR(err.sqlstate, "22000");
		CHECK(siko_period_make(&s, NULL, &p, &err));
		siko_period_format(&p, buf, sizeof(buf));
		CHECK_STR(buf, "2020/..");
		e.form = SIKO_FD_UNKNOWN;
		CHECK(siko_period_make(&s, &e, &p, &err));
		siko_period_format(&p, buf, sizeof(buf));
		CHECK_STR(buf, "2020/");
		s.form = SIKO_FD_OPEN;
		CHECK(!siko_period_make(&s, NULL, &p, &err));
		CHECK_STR(err.sqlstate, "22007");
	}

	/* the examples */
	p = P("[2020-07..2022-03-03]/..");
	CHECK(siko_period_member_at(&p, D(2020, 6, 30)) == 0);
	CHECK(siko_period_member_at(&p, D(2020, 7, 1)) == -1);
	CHECK(siko_period_member_at(&p, D(2021, 6, 30)) == -1);
	CHECK(siko_period_member_at(&p, D(2022, 3, 2)) == -1);
	CHECK(siko_period_member_at(&p, D(2022, 3, 3)) == 1);
	CHECK(siko_period_member_at(&p, SIKO_DAY_NOEND) == 1);
	CHECK(siko_period_member_at(&p, SIKO_DAY_NOBEGIN) == 0);
	p = P("2023-10-01/..");
	CHECK(siko_period_member_at(&p, D(2023, 9, 30)) == 0);
	CHECK(siko_period_member_at(&p, D(2023, 10, 1)) == 1);
	p = P("[2023-08-07..2023-08-13]/..");
	CHECK(siko_period_member_at(&p, D(2023, 8, 10)) == -1);
	CHECK(siko_period_member_at(&p, D(2023, 8, 14)) == 1);
	p = P("2015/2018");
	q = P("2018-06/..");
	CHECK(siko_period_overlaps(&p, &q) && siko_period_overlaps(&q, &p));
	p = P("2015/2017-12-31");
	q = P("2018-01-01/..");
	CHECK(!siko_period_overlaps(&p, &q) && !siko_period_overlaps(&q, &p));
	q = P("2017-12-30/..");
	CHECK(siko_period_overlaps(&p, &q));

	/* 2015/2018: certain 2015-12-31 .. 2018-01-01, possible 2015-01-01 .. 2018-12-31 */
	p = P("2015/2018");
	CHECK(siko_period_member_at(&p, D(2014, 12, 31)) == 0);
	CHECK(siko_period_member_at(&p, D(2015, 1, 1)) == -1);
	CHECK(siko_period_member_at(&p, D(2015, 12, 31)) == 1);
	CHECK(siko_period_member_at(&p, D(2017, 12, 31)) == 1);
	CHECK(siko_period_member_at(&p, D(2018, 1, 1)) == 1);
	CHECK(siko_period_member_at(&p, D(2018, 1, 2)) == -1);
	CHECK(siko_period_member_at(&p, D(2018, 12, 31)) == -1);
	CHECK(siko_period_member_at(&p, D(2019, 1, 1)) == 0);

	/* EDTF's own example: the end day belongs to the interval */
	p = P("2004-02-01/2005-02-08");
	CHECK(siko_period_member_at(&p, D(2005, 2, 8)) == 1);
	CHECK(siko_period_member_at(&p, D(2005, 2, 9)) == 0);

	/* adjacency: the day after the last day is free, the last day is not */
	p = P("2015/2017-12-31");
	q = P("2018-01-01/..");
	CHECK(!siko_period_overlaps(&p, &q));
	p = P("2015/2018-01-01");
	CHECK(siko_period_overlaps(&p, &q) && siko_period_overlaps(&q, &p));

	/* a period of 0.3 (end = first day without) as the same meaning now */
	{
		static const char *const conv[][2] = {
			{"2015/2018-01-01", "2015/2017-12-31"},
			{"2015/2018", "2015/[2017-12-31..2018-12-30]"},
			{"2015/2018?", "2015/[2017-12-31..2018-12-30]?"},
			{"2015/2018-03-01~", "2015/2018-02-28~"},
			{"2015/2018-21", "2015/[2018-02-28..2018-05-30]"},
			{"2015/[..2018-03-03]", "2015/[..2018-03-02]"},
			{"2015/[2017..]", "2015/[2016-12-31..]"},
			{"2015/..", "2015/.."},
			{"2015-03-01/", "2015-03-01/"},
		};
		size_t		i;

		for (i = 0; i < sizeof(conv) / sizeof(*conv); i++)
		{
			SikoPeriod	old = P(conv[i][0]),
						now;
			SikoDay		d;

			/* P() reads with today's meaning: make old's end the 0.3 representation */
			if (old.end.form == SIKO_FD_UNKNOWN)
				old.end.lo = old.start.lo + 1;
			siko_period_from_exclusive_end(&old, &now);
			siko_period_format(&now, buf, sizeof(buf));
			CHECK_STR(buf, conv[i][1]);
			CHECK(siko_period_valid(&now, NULL));
			/* the same answers as 0.3 gave: certain [start.hi, end.lo), possible [start.lo, end.hi) */
			for (d = D(2014, 12, 30); d < D(2019, 1, 3); d++)
			{
				int			want;

				if (old.start.hi <= d && (old.end.lo == SIKO_DAY_NOEND || d < old.end.lo))
					want = 1;
				else if (old.start.lo <= d && (old.end.hi == SIKO_DAY_NOEND || d < old.end.hi))
					want = -1;
				else
					want = 0;
				if (siko_period_member_at(&now, d) != want)
				{
					fprintf(stderr, "%s on day %d: %d, 0.3 said %d\n", conv[i][0], d,
							siko_period_member_at(&now, d), want);
					unit_failed++;
					break;
				}
			}
		}
	}

	/* an unknown end: certain only on an exact start day, possible forever */
	p = P("2015-03-01/");
	CHECK(siko_period_member_at(&p, D(2015, 2, 28)) == 0);
	CHECK(siko_period_member_at(&p, D(2015, 3, 1)) == 1);
	CHECK(siko_period_member_at(&p, D(2015, 3, 2)) == -1);
	CHECK(siko_period_member_at(&p, D(2099, 3, 2)) == -1);
	CHECK(p.end.lo == D(2015, 3, 1));
	p = P("2015/");
	CHECK(siko_period_member_at(&p, D(2015, 1, 1)) == -1);
	CHECK(siko_period_member_at(&p, D(2015, 12, 31)) == -1);

	/* order: by start, then end; open ends last */
	{
		static const char *const sorted[] = {
			"2015/", "2015/2017", "2015/2018", "2015/..", "2015-06/2016",
			"2016/2017",
		};
		size_t		i,
					j;

		for (i = 0; i < sizeof(sorted) / sizeof(*sorted); i++)
			for (j = 0; j < sizeof(sorted) / sizeof(*sorted); j++)
			{
				p = P(sorted[i]);
				q = P(sorted[j]);
				CHECK((siko_period_cmp(&p, &q) > 0) == (i > j));
				CHECK((siko_period_cmp(&p, &q) == 0) == (i == j));
			}
	}

	/* valid() on broken values */
	p = P("2015/2018");
	CHECK(siko_period_valid(&p, &err));
	q = p;
	q.end.lo = q.end.hi = D(2014, 1, 1);
	CHECK(!siko_period_valid(&q, &err));
	q = p;
	q.start.form = SIKO_FD_OPEN;
	CHECK(!siko_period_valid(&q, &err));
	q = P("2015/..");
	q.end.lo = 5;
	CHECK(!siko_period_valid(&q, &err));
	q = P("2015/");
	q.end.lo++;
	CHECK(!siko_period_valid(&q, &err));
	q = P("2015/");
	q.end.pad = 1;
	CHECK(!siko_period_valid(&q, &err));
	q = p;
	q.end.form = SIKO_FD_NFORMS;
	CHECK(!siko_period_valid(&q, &err));

	/* format into a short buffer */
	p = P("2015/2018");
	CHECK(siko_period_format(&p, buf, 4) == 9 && buf[0] == '\0');

	return unit_report("period");
}
