/*
 * calendar.c
 *		Proleptic Gregorian calendar arithmetic on astronomical years.
 *
 * A day is counted as PostgreSQL's date counts it: days since 2000-01-01.
 * The conversion works in 400-year cycles (146097 days each) on a year
 * that starts on March 1st, so that the leap day is the last day of its
 * year and the month lengths from March on follow a fixed pattern.  All
 * intermediate values are 64-bit: the years reach 5874897.
 */
#include "siko_core.h"

#define DAYS_PER_400Y	146097
/* days from 0000-03-01 to 2000-01-01 */
#define DAY0_OF_ERA0	730425

bool
siko_is_leap(int32_t year)
{
	if (year % 4 != 0)
		return false;
	if (year % 100 != 0)
		return true;
	return year % 400 == 0;
}

int
siko_days_in_month(int32_t year, int month)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && siko_is_leap(year))
		return 29;
	return len[month - 1];
}

/* floor division for a positive divisor */
static int64_t
floordiv(int64_t a, int64_t b)
{
	return (a >= 0) ? a / b : -((-a + b - 1) / b);
}

static int64_t
day_from_ymd64(int64_t year, int month, int day)
{
	int64_t		y = (month <= 2) ? year - 1 : year;	/* the March-based year */
	int64_t		era = floordiv(y, 400);
	int64_t		yoe = y - era * 400;	/* 0 .. 399 */
	int			mp = (month + 9) % 12;	/* March = 0 .. February = 11 */
	int64_t		doy = (153 * mp + 2) / 5 + (day - 1);	/* 0 .. 365 */
	int64_t		doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* 0 .. 146096 */

	return era * DAYS_PER_400Y + doe - DAY0_OF_ERA0;
}

SikoDay
siko_day_from_ymd(int32_t year, int month, int day)
{
	return (SikoDay) day_from_ymd64(year, month, day);
}

void
siko_ymd_from_day(SikoDay d, int32_t *year, int *month, int *day)
{
	int64_t		z = (int64_t) d + DAY0_OF_ERA0;	/* days since 0000-03-01 */
	int64_t		era = floordiv(z, DAYS_PER_400Y);
	int64_t		doe = z - era * DAYS_PER_400Y;	/* 0 .. 146096 */
	/* year of era: remove the leap days of the 4-, 100- and 400-year cycles */
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / (DAYS_PER_400Y - 1)) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);	/* 0 .. 365 */
	int			mp = (int) ((5 * doy + 2) / 153);	/* March = 0 */
	int			m = (mp < 10) ? mp + 3 : mp - 9;

	*day = (int) (doy - (153 * mp + 2) / 5 + 1);
	*month = m;
	*year = (int32_t) (era * 400 + yoe + (m <= 2 ? 1 : 0));
}

bool
siko_day_in_range(int64_t day)
{
	return day >= SIKO_MIN_DAY && day <= SIKO_MAX_DAY;
}

SikoDay
siko_step_day(SikoDay from, int32_t months, int32_t days, int64_t k)
{
	int64_t		d = from;

	if (months != 0)
	{
		int32_t		y;
		int			m,
					dd;
		int64_t		mm;

		siko_ymd_from_day(from, &y, &m, &dd);
		mm = (int64_t) y * 12 + (m - 1) + k * months;
		if (mm / 12 > SIKO_MAX_YEAR)
			return SIKO_DAY_NOEND;
		y = (int32_t) (mm >= 0 ? mm / 12 : -((-mm + 11) / 12));
		m = (int) (mm - (int64_t) y * 12) + 1;
		if (dd > siko_days_in_month(y, m))
			dd = siko_days_in_month(y, m);
		d = siko_day_from_ymd(y, m, dd);
	}
	d += k * days;
	return d > SIKO_MAX_DAY ? SIKO_DAY_NOEND : (SikoDay) d;
}

int
siko_weekday(SikoDay d)
{
	/* 2000-01-01 was a Saturday (5) */
	return (int) (((int64_t) d % 7 + 7 + 5) % 7);
}
