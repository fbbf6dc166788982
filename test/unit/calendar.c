/*
 * calendar.c
 *		Unit test of the calendar core: known days, leap years, month
 *		lengths, and that day -> ymd -> day is the identity.
 */
#include "unit.h"

static void
check_ymd(SikoDay d, int32_t y, int m, int dd)
{
	int32_t		gy;
	int			gm,
				gd;

	siko_ymd_from_day(d, &gy, &gm, &gd);
	CHECK(gy == y && gm == m && gd == dd);
	CHECK(siko_day_from_ymd(y, m, dd) == d);
}

int
main(void)
{
	long		bad = 0;
	int32_t		py;
	int			pm,
				pd;

	/* fixed points (days since 2000-01-01, as PostgreSQL counts) */
	check_ymd(0, 2000, 1, 1);
	check_ymd(-1, 1999, 12, 31);
	check_ymd(-10957, 1970, 1, 1);
	check_ymd(59, 2000, 2, 29);
	check_ymd(60, 2000, 3, 1);
	check_ymd(-730485, 0, 1, 1);	/* year 0 = 1 BC */
	check_ymd(-730120, 0, 12, 31);	/* year 0 is a leap year */
	check_ymd(SIKO_MIN_DAY, -4713, 11, 24);
	check_ymd(SIKO_MAX_DAY, 5874897, 12, 31);
	check_ymd(8674, 2023, 10, 1);

	/* leap years */
	CHECK(siko_is_leap(2000));
	CHECK(siko_is_leap(2024));
	CHECK(siko_is_leap(0));
	CHECK(siko_is_leap(-4));
	CHECK(siko_is_leap(-400));
	CHECK(!siko_is_leap(1900));
	CHECK(!siko_is_leap(2100));
	CHECK(!siko_is_leap(2023));
	CHECK(!siko_is_leap(-1));
	CHECK(!siko_is_leap(-100));
	CHECK(siko_days_in_month(2023, 2) == 28);
	CHECK(siko_days_in_month(2024, 2) == 29);
	CHECK(siko_days_in_month(1900, 2) == 28);
	CHECK(siko_days_in_month(2023, 4) == 30);
	CHECK(siko_days_in_month(2023, 12) == 31);
	CHECK(siko_days_in_month(2023, 0) == 0);
	CHECK(siko_days_in_month(2023, 13) == 0);

	/* range */
	CHECK(siko_day_in_range(SIKO_MIN_DAY));
	CHECK(siko_day_in_range(SIKO_MAX_DAY));
	CHECK(!siko_day_in_range((int64_t) SIKO_MIN_DAY - 1));
	CHECK(!siko_day_in_range((int64_t) SIKO_MAX_DAY + 1));
	CHECK(!siko_day_in_range(SIKO_DAY_NOBEGIN));
	CHECK(!siko_day_in_range(SIKO_DAY_NOEND));

	/*
	 * Every day from the first day to 10000-01-01 and then every 997th day
	 * to the last: consecutive days are consecutive calendar days, and the
	 * conversion round-trips.
	 */
	siko_ymd_from_day(SIKO_MIN_DAY, &py, &pm, &pd);
	for (int64_t d = (int64_t) SIKO_MIN_DAY + 1; d <= SIKO_MAX_DAY;
		 d += (d < 2922000) ? 1 : 997)
	{
		int32_t		y;
		int			m,
					dd;

		siko_ymd_from_day((SikoDay) d, &y, &m, &dd);
		if (m < 1 || m > 12 || dd < 1 || dd > siko_days_in_month(y, m) ||
			siko_day_from_ymd(y, m, dd) != d)
			bad++;
		if (d < 2922000)
		{
			/* the next day of (py, pm, pd) */
			int			ny = py,
						nm = pm,
						nd = pd + 1;

			if (nd > siko_days_in_month(py, pm))
			{
				nd = 1;
				if (++nm > 12)
				{
					nm = 1;
					ny++;
				}
			}
			if (ny != y || nm != m || nd != dd)
				bad++;
		}
		py = y;
		pm = m;
		pd = dd;
	}
	CHECK(bad == 0);

	/* step days: calendar months keep the day of the month, clamped */
	{
		SikoDay		jan31 = siko_day_from_ymd(2024, 1, 31);

		CHECK(siko_step_day(jan31, 0, 1, 0) == jan31);
		CHECK(siko_step_day(jan31, 0, 7, 2) == jan31 + 14);
		CHECK(siko_step_day(jan31, 1, 0, 1) == siko_day_from_ymd(2024, 2, 29));
		CHECK(siko_step_day(jan31, 1, 0, 13) == siko_day_from_ymd(2025, 2, 28));
		CHECK(siko_step_day(jan31, 3, 0, 1) == siko_day_from_ymd(2024, 4, 30));
		CHECK(siko_step_day(jan31, 12, 0, 4) == jan31 + 1461);
		CHECK(siko_step_day(siko_day_from_ymd(2023, 12, 15), 1, 0, 1) ==
			  siko_day_from_ymd(2024, 1, 15));
		CHECK(siko_step_day(siko_day_from_ymd(-1, 11, 30), 1, 0, 3) ==
			  siko_day_from_ymd(0, 2, 29));
		CHECK(siko_step_day(jan31, 1, 1, 1) == siko_day_from_ymd(2024, 2, 29) + 1);
		CHECK(siko_step_day(SIKO_MAX_DAY, 0, 1, 1) == SIKO_DAY_NOEND);
		CHECK(siko_step_day(jan31, 1, 0, (int64_t) 12 * SIKO_MAX_YEAR) == SIKO_DAY_NOEND);
		CHECK(siko_step_day(jan31, 0, 1, INT32_MAX) == SIKO_DAY_NOEND);
	}
	/* days of the week, Monday 0 (Julian day 0, 4714-11-24 BC, was a Monday) */
	CHECK(siko_weekday(0) == 5);	/* 2000-01-01, a Saturday */
	CHECK(siko_weekday(-1) == 4);	/* 1999-12-31, a Friday */
	CHECK(siko_weekday(siko_day_from_ymd(2023, 8, 18)) == 4);
	CHECK(siko_weekday(siko_day_from_ymd(2024, 1, 1)) == 0);
	CHECK(siko_weekday(SIKO_MIN_DAY) == 0);
	CHECK(siko_weekday(SIKO_MAX_DAY) == (int) ((2147483494LL - 1) % 7));
	return unit_report("calendar");
}
