/*
 * fuzzydate.c
 *		siko.fuzzydate without the server: EDTF parsing and formatting,
 *		validation of stored values, order and three-valued comparison.
 *
 * A fuzzydate is the closed range of days [lo, hi] that the written date
 * covers, plus what is needed to write it again: the form, the
 * qualifiers and the sub-year code.  Accepted (see README.md):
 *
 *   level 0   2023   2023-10   2023-10-01   -0044   (and Y12345)
 *   level 1   a final ? ~ %   202X  20XX  2023-XX  2023-XX-XX  2023-10-XX
 *             seasons 2023-21 .. 2023-24
 *   level 2   sub-year groupings 2023-25 .. 2023-41
 *             one day of a range: [2023-08-07..2023-08-13] [..2022-03-03] [2020-07..]
 *
 * Seasons are the meteorological ones of the northern hemisphere (spring
 * is March to May); the edtf JavaScript library puts spring in January to
 * March, i.e. it reads seasons as quarters.  Qualifiers never move lo/hi.
 *
 * Years of more than four digits carry the prefix Y (EDTF); siko also
 * accepts and writes a month or day after such a year (Y12345-06-01), so
 * that every day of PostgreSQL's date range can be written.
 */
#include <stdio.h>
#include <string.h>

#include "siko_core.h"

#define Max_int(a, b) ((a) > (b) ? (a) : (b))

#define SQL_BAD		"22007"		/* invalid_datetime_format */
#define SQL_RANGE	"22008"		/* datetime_field_overflow */

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* sub-year groupings 21..41: first month and length in months */
static const struct
{
	uint8_t		month;
	uint8_t		nmonths;
}			subyear_def[41 - 21 + 1] = {
	{3, 3}, {6, 3}, {9, 3}, {12, 3},	/* 21-24 seasons */
	{3, 3}, {6, 3}, {9, 3}, {12, 3},	/* 25-28 seasons, northern hemisphere */
	{9, 3}, {12, 3}, {3, 3}, {6, 3},	/* 29-32 seasons, southern hemisphere */
	{1, 3}, {4, 3}, {7, 3}, {10, 3},	/* 33-36 quarters */
	{1, 4}, {5, 4}, {9, 4},		/* 37-39 quadrimesters */
	{1, 6}, {7, 6}				/* 40-41 semesters */
};

/* what each stored form code is (see SikoFdForm: append only) */
static const SikoFdFormInfo form_info[SIKO_FD_NFORMS] = {
	[SIKO_FD_DAY] = {"day", true, false, false},
	[SIKO_FD_MONTH] = {"month", true, false, false},
	[SIKO_FD_YEAR] = {"year", true, false, false},
	[SIKO_FD_DAY_X] = {"month", true, false, false},
	[SIKO_FD_MONTH_X] = {"year", true, false, false},
	[SIKO_FD_MONTHDAY_X] = {"year", true, false, false},
	[SIKO_FD_DECADE_X] = {"decade", true, false, false},
	[SIKO_FD_CENTURY_X] = {"century", true, false, false},
	[SIKO_FD_SUBYEAR] = {"season", true, false, false}, /* see precision() */
	[SIKO_FD_SET] = {"range", true, true, false},
	[SIKO_FD_OPEN] = {"open", false, false, true},
	[SIKO_FD_UNKNOWN] = {"unknown", false, false, true},
};

const SikoFdFormInfo *
siko_fd_form_info(int form)
{
	return (form >= 0 && form < SIKO_FD_NFORMS) ? &form_info[form] : NULL;
}

bool
siko_fd_is_date(int form)
{
	const SikoFdFormInfo *fi = siko_fd_form_info(form);

	return fi != NULL && fi->is_date;
}

/* ------------------------------------------------------------------
 * Building a value from its parts
 * ---------------------------------------------------------------- */

/* the first day of month m (1..12, may exceed 12 by carrying) of year y */
static int64_t
month_start(int64_t y, int m)
{
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	return siko_day_from_ymd((int32_t) y, m, 1);
}

/*
 * The days [lo, hi] of a dated form; year has been checked to lie in
 * SIKO_MIN_YEAR .. SIKO_MAX_YEAR, month and day to be valid, so the
 * arithmetic cannot overflow.  Not range-checked.
 */
static void
form_days(int form, int32_t year, int month, int day, int sub,
		  int64_t *lo, int64_t *hi)
{
	switch (form)
	{
		case SIKO_FD_DAY:
			*lo = *hi = siko_day_from_ymd(year, month, day);
			break;
		case SIKO_FD_MONTH:
		case SIKO_FD_DAY_X:
			*lo = month_start(year, month);
			*hi = month_start(year, month + 1) - 1;
			break;
		case SIKO_FD_DECADE_X:
			*lo = month_start(year, 1);
			*hi = month_start((int64_t) year + 10, 1) - 1;
			break;
		case SIKO_FD_CENTURY_X:
			*lo = month_start(year, 1);
			*hi = month_start((int64_t) year + 100, 1) - 1;
			break;
		case SIKO_FD_SUBYEAR:
			{
				int			m = subyear_def[sub - 21].month;

				*lo = month_start(year, m);
				*hi = month_start(year, m + subyear_def[sub - 21].nmonths) - 1;
			}
			break;
		default:				/* YEAR, MONTH_X, MONTHDAY_X */
			*lo = month_start(year, 1);
			*hi = month_start((int64_t) year + 1, 1) - 1;
			break;
	}
}

static bool
year_fits(int64_t year, SikoError *err)
{
	if (year < SIKO_MIN_YEAR || year > SIKO_MAX_YEAR)
		return siko_fail(err, SQL_RANGE,
						 "The year %lld lies outside the range of PostgreSQL's date type (4714 BC to 5874897 AD, astronomical years -4713 to 5874897).",
						 (long long) year);
	return true;
}

static bool
day_fits(int64_t d, SikoError *err)
{
	if (d < SIKO_MIN_DAY)
		return siko_fail(err, SQL_RANGE,
						 "The date begins before 4714-11-24 BC (-4713-11-24), the first day of PostgreSQL's date type.");
	if (d > SIKO_MAX_DAY)
		return siko_fail(err, SQL_RANGE,
						 "The date ends after 5874897-12-31, the last day of PostgreSQL's date type.");
	return true;
}

/* check month/day of the level 0 forms */
static bool
check_month_day(int64_t year, int month, bool has_day, int day, SikoError *err)
{
	if (month < 1 || month > 12)
		return siko_fail(err, SQL_BAD,
						 "Month %02d does not exist: months are 01 to 12, seasons and other sub-year groupings 21 to 41.",
						 month);
	if (has_day)
	{
		int			ndays = siko_days_in_month((int32_t) year, month);

		if (day < 1 || day > ndays)
		{
			if (month == 2 && day == 29)
				return siko_fail(err, SQL_BAD,
								 "February %lld has 28 days: %lld is not a leap year.",
								 (long long) year, (long long) year);
			return siko_fail(err, SQL_BAD,
							 "Day %02d does not exist in %s %lld, which has %d days.",
							 day, month_names[month - 1], (long long) year, ndays);
		}
	}
	return true;
}

static bool
make_dated(int form, int64_t year, int month, int day, int sub, int qual,
		   SikoFuzzyDate *out, SikoError *err)
{
	int64_t		lo,
				hi;

	if (!year_fits(year, err))
		return false;
	form_days(form, (int32_t) year, month, day, sub, &lo, &hi);
	if (!day_fits(lo, err) || !day_fits(hi, err))
		return false;
	out->lo = (int32_t) lo;
	out->hi = (int32_t) hi;
	out->form = (uint8_t) form;
	out->qual = (uint8_t) qual;
	out->sub = (uint8_t) (form == SIKO_FD_SUBYEAR ? sub : 0);
	out->pad = 0;
	return true;
}

bool
siko_fuzzydate_make(int form, int64_t year, int month, int day, int sub, int qual,
					SikoFuzzyDate *out, SikoError *err)
{
	if (!year_fits(year, err))
		return false;
	if ((form == SIKO_FD_DAY || form == SIKO_FD_MONTH || form == SIKO_FD_DAY_X) &&
		!check_month_day(year, month, form == SIKO_FD_DAY, day, err))
		return false;
	if (form == SIKO_FD_SUBYEAR && (sub < 21 || sub > 41))
		return siko_fail(err, SQL_BAD, "The sub-year code %d is not one of 21 to 41.", sub);
	if (form >= SIKO_FD_SET)
		return siko_fail(err, SQL_BAD, "The form %d is not a dated form.", form);
	return make_dated(form, year, month < 1 ? 1 : month, day < 1 ? 1 : day, sub, qual,
					  out, err);
}

bool
siko_fuzzydate_make_set(int64_t lo, int64_t hi, SikoFuzzyDate *out, SikoError *err)
{
	if (lo == SIKO_DAY_NOBEGIN && hi == SIKO_DAY_NOEND)
		return siko_fail(err, SQL_BAD, "A range needs at least one bound ([a..], [..b] or [a..b]).");
	if ((lo != SIKO_DAY_NOBEGIN && !day_fits(lo, err)) ||
		(hi != SIKO_DAY_NOEND && !day_fits(hi, err)))
		return false;
	if (lo > hi)
		return siko_fail(err, SQL_BAD, "The range ends before it begins.");
	out->lo = (int32_t) lo;
	out->hi = (int32_t) hi;
	out->form = SIKO_FD_SET;
	out->qual = 0;
	out->sub = 0;
	out->pad = 0;
	return true;
}

void
siko_fuzzydate_from_day(SikoDay d, SikoFuzzyDate *out)
{
	out->lo = d;
	out->hi = d;
	out->form = SIKO_FD_DAY;
	out->qual = 0;
	out->sub = 0;
	out->pad = 0;
}

/* ------------------------------------------------------------------
 * Parsing
 * ---------------------------------------------------------------- */

typedef struct Scan
{
	const char *p;
	const char *end;
	const char *start;
} Scan;

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* describe the character at p for an error detail */
static const char *
describe(const Scan *sc, char *buf, size_t buflen)
{
	unsigned char c;

	if (sc->p >= sc->end)
		return "the end of the input";
	c = (unsigned char) *sc->p;
	if (c > 0x20 && c < 0x7f && c != '"')
		snprintf(buf, buflen, "\"%c\" at position %d", c, (int) (sc->p - sc->start) + 1);
	else
		snprintf(buf, buflen, "byte 0x%02x at position %d", c, (int) (sc->p - sc->start) + 1);
	return buf;
}

static bool
unexpected(const Scan *sc, const char *what, SikoError *err)
{
	char		buf[48];

	return siko_fail(err, SQL_BAD, "Expected %s, found %s.", what, describe(sc, buf, sizeof(buf)));
}

/* count the digits at p */
static int
ndigits(const Scan *sc)
{
	const char *q = sc->p;

	while (q < sc->end && is_digit(*q))
		q++;
	return (int) (q - sc->p);
}

/* Kinds of year */
#define YEAR_PLAIN	0			/* DDDD, -DDDD, YDDDDD.. */
#define YEAR_DECADE 1			/* DDDX */
#define YEAR_CENTURY 2			/* DDXX */

/*
 * A year: 4 digits, a minus and 4 digits, or Y, an optional minus and more
 * than 4 digits; with allow_x also DDDX and DDXX.
 */
static bool
scan_year(Scan *sc, bool allow_x, int64_t *year, int *kind, SikoError *err)
{
	bool		neg = false;
	int			n;
	int64_t		v = 0;

	*kind = YEAR_PLAIN;
	if (sc->p < sc->end && *sc->p == 'Y')
	{
		sc->p++;
		if (sc->p < sc->end && *sc->p == '-')
		{
			neg = true;
			sc->p++;
		}
		n = ndigits(sc);
		if (n == 0)
			return unexpected(sc, "the digits of the year after Y", err);
		if (n <= 4 || sc->p[0] == '0')
			return siko_fail(err, SQL_BAD,
							 "The prefix Y is for years of more than four digits, written without leading zeros; write shorter years with four digits (0044, -0044).");
		if (n > 10)
			return siko_fail(err, SQL_RANGE,
							 "The year %s%.*s lies outside the range of PostgreSQL's date type (4714 BC to 5874897 AD, astronomical years -4713 to 5874897).",
							 neg ? "-" : "", n, sc->p);
		for (int i = 0; i < n; i++)
			v = v * 10 + (sc->p[i] - '0');
		sc->p += n;
		*year = neg ? -v : v;
		if (sc->p < sc->end && *sc->p == 'X')
			return siko_fail(err, SQL_BAD,
							 "Unspecified digits (X) are accepted only in years of four digits.");
		return year_fits(*year, err);
	}
	if (sc->p < sc->end && *sc->p == '-')
	{
		neg = true;
		sc->p++;
	}
	n = ndigits(sc);
	if (n > 4)
		return siko_fail(err, SQL_BAD,
						 "A year of more than four digits must be written with the prefix Y (Y%.*s).",
						 n, sc->p);
	if (n < 4 && sc->p + n < sc->end && sc->p[n] == 'X' && allow_x && !neg)
	{
		/* 202X or 20XX */
		int			nx = 0;

		while (sc->p + n + nx < sc->end && sc->p[n + nx] == 'X')
			nx++;
		if (n + nx != 4 || (nx != 1 && nx != 2) ||
			(sc->p + 4 < sc->end && is_digit(sc->p[4])))
			return siko_fail(err, SQL_BAD,
							 "Only the last one or two digits of a year may be unspecified (202X, 20XX).");
		for (int i = 0; i < n; i++)
			v = v * 10 + (sc->p[i] - '0');
		for (int i = 0; i < nx; i++)
			v *= 10;
		sc->p += 4;
		*year = v;
		*kind = (nx == 1) ? YEAR_DECADE : YEAR_CENTURY;
		return true;
	}
	if (n < 4)
	{
		if (n == 0 && sc->p == sc->start)
			return siko_fail(err, SQL_BAD,
							 "A date starts with a year of four digits (2023), a minus sign (-0044) or the prefix Y (Y12345).");
		if (sc->p + n < sc->end && sc->p[n] == 'X')
			return siko_fail(err, SQL_BAD, neg ?
							 "Unspecified digits (X) are not accepted in negative years." :
							 "Unspecified digits (X) are not accepted in the bounds of a range.");
		if (n > 0)
			return siko_fail(err, SQL_BAD,
							 "A date starts with a year of four digits (2023-10-01), but \"%.*s\" has %d.",
							 n, sc->p, n);
		return unexpected(sc, "the four digits of a year", err);
	}
	for (int i = 0; i < 4; i++)
		v = v * 10 + (sc->p[i] - '0');
	sc->p += 4;
	if (neg && v == 0)
		return siko_fail(err, SQL_BAD, "The year zero is written 0000, without a minus sign.");
	*year = neg ? -v : v;
	return year_fits(*year, err);
}

/*
 * Two characters after a '-': digits, or XX when allow_x.  Returns the
 * number, or -1 for XX.
 */
static bool
scan_two(Scan *sc, const char *what, bool allow_x, int *val, SikoError *err)
{
	int			n;

	if (allow_x && sc->end - sc->p >= 2 && sc->p[0] == 'X' && sc->p[1] == 'X')
	{
		sc->p += 2;
		*val = -1;
		return true;
	}
	n = ndigits(sc);
	if (n == 2)
	{
		if (sc->p + 2 < sc->end && sc->p[2] == 'X')
			return siko_fail(err, SQL_BAD,
							 "Only a whole month or a whole day may be unspecified (XX).");
		*val = (sc->p[0] - '0') * 10 + (sc->p[1] - '0');
		sc->p += 2;
		return true;
	}
	if (n == 1 && sc->p + 1 < sc->end && sc->p[1] == 'X')
		return siko_fail(err, SQL_BAD,
						 "Only a whole month or a whole day may be unspecified (XX).");
	if (n == 0 && sc->p < sc->end && *sc->p == 'X')
		return siko_fail(err, SQL_BAD,
						 "Only a whole month or a whole day may be unspecified (XX).");
	if (n > 0)
		return siko_fail(err, SQL_BAD, "The %s must have two digits.", what);
	{
		char		buf[64];

		snprintf(buf, sizeof(buf), "the two digits of the %s", what);
		return unexpected(sc, buf, err);
	}
}

static int
scan_qualifier(Scan *sc)
{
	if (sc->p < sc->end)
	{
		switch (*sc->p)
		{
			case '?':
				sc->p++;
				return SIKO_FD_UNCERTAIN;
			case '~':
				sc->p++;
				return SIKO_FD_APPROX;
			case '%':
				sc->p++;
				return SIKO_FD_UNCERTAIN | SIKO_FD_APPROX;
		}
	}
	return 0;
}

static bool
expect_end(Scan *sc, SikoError *err)
{
	char		buf[48];

	if (sc->p >= sc->end)
		return true;
	if (*sc->p == '?' || *sc->p == '~' || *sc->p == '%')
		return siko_fail(err, SQL_BAD,
						 "A qualifier (? ~ %%) is accepted only once, at the end of the whole date.");
	if (*sc->p == '/')
		return siko_fail(err, SQL_BAD,
						 "An interval (a/b) is not a single date; a day somewhere within a range is written [a..b].");
	return siko_fail(err, SQL_BAD, "Unexpected %s after the end of the date.",
					 describe(sc, buf, sizeof(buf)));
}

/* one date of the non-range forms */
static bool
parse_date(Scan *sc, SikoFuzzyDate *out, SikoError *err)
{
	int64_t		year;
	int			kind;
	int			month = 0,
				day = 0;
	int			form;
	int			qual;

	if (!scan_year(sc, true, &year, &kind, err))
		return false;
	if (kind != YEAR_PLAIN)
	{
		if (sc->p < sc->end && *sc->p == '-')
			return siko_fail(err, SQL_BAD,
							 "A year with unspecified digits (202X, 20XX) cannot have a month or day.");
		form = (kind == YEAR_DECADE) ? SIKO_FD_DECADE_X : SIKO_FD_CENTURY_X;
	}
	else if (sc->p < sc->end && *sc->p == '-')
	{
		sc->p++;
		if (!scan_two(sc, "month", true, &month, err))
			return false;
		if (month >= 21 && month <= 41)
		{
			form = SIKO_FD_SUBYEAR;
			if (sc->p < sc->end && *sc->p == '-')
				return siko_fail(err, SQL_BAD,
								 "A season or other sub-year grouping (21 to 41) cannot have a day.");
		}
		else if (month != -1 && !check_month_day(year, month, false, 0, err))
			return false;
		else if (sc->p < sc->end && *sc->p == '-')
		{
			sc->p++;
			if (!scan_two(sc, "day", true, &day, err))
				return false;
			if (month == -1 && day != -1)
				return siko_fail(err, SQL_BAD,
								 "A day cannot be given when the month is unspecified (write 2023-XX-XX).");
			if (month == -1)
				form = SIKO_FD_MONTHDAY_X;
			else if (day == -1)
				form = SIKO_FD_DAY_X;
			else
			{
				if (!check_month_day(year, month, true, day, err))
					return false;
				form = SIKO_FD_DAY;
			}
		}
		else
			form = (month == -1) ? SIKO_FD_MONTH_X : SIKO_FD_MONTH;
	}
	else
		form = SIKO_FD_YEAR;

	if ((form == SIKO_FD_MONTH_X || form == SIKO_FD_MONTHDAY_X || form == SIKO_FD_DAY_X) &&
		(year < 0 || year > 9999))
		return siko_fail(err, SQL_BAD,
						 "Unspecified digits (X) are accepted only in the years 0000 to 9999.");
	qual = scan_qualifier(sc);
	if (!expect_end(sc, err))
		return false;
	if (month < 0)
		month = 1;
	if (day < 0)
		day = 1;
	return make_dated(form, year, month, day, form == SIKO_FD_SUBYEAR ? month : 0,
					  qual, out, err);
}

/* a bound of a range: a level 0 date; upper selects hi over lo */
static bool
parse_bound(Scan *sc, bool upper, int64_t *result, SikoError *err)
{
	int64_t		year;
	int			kind;
	int			month = 0,
				day = 0;
	int			form = SIKO_FD_YEAR;
	int64_t		lo,
				hi;

	if (!scan_year(sc, false, &year, &kind, err))
		return false;
	if (sc->p < sc->end && *sc->p == '-')
	{
		sc->p++;
		if (!scan_two(sc, "month", false, &month, err))
			return false;
		if (month >= 21 && month <= 41)
			return siko_fail(err, SQL_BAD,
							 "The bounds of a range must be years, months or days (2020, 2020-07, 2020-07-01).");
		if (!check_month_day(year, month, false, 0, err))
			return false;
		form = SIKO_FD_MONTH;
		if (sc->p < sc->end && *sc->p == '-')
		{
			sc->p++;
			if (!scan_two(sc, "day", false, &day, err))
				return false;
			if (!check_month_day(year, month, true, day, err))
				return false;
			form = SIKO_FD_DAY;
		}
	}
	if (sc->p < sc->end && (*sc->p == '?' || *sc->p == '~' || *sc->p == '%' || *sc->p == 'X'))
		return siko_fail(err, SQL_BAD,
						 "The bounds of a range must be years, months or days, without qualifiers or unspecified digits.");
	form_days(form, (int32_t) year, month ? month : 1, day ? day : 1, 0, &lo, &hi);
	*result = upper ? hi : lo;
	return day_fits(*result, err);
}

static bool
no_lists(SikoError *err)
{
	return siko_fail(err, SQL_BAD,
					 "Lists of dates ([a,b] and {a,b}) are not accepted; a range is written [a..b].");
}

static bool
parse_range(Scan *sc, SikoFuzzyDate *out, SikoError *err)
{
	int64_t		lo = SIKO_DAY_NOBEGIN,
				hi = SIKO_DAY_NOEND;
	bool		have_lo = false,
				have_hi = false;
	int			qual;

	sc->p++;					/* '[' */
	if (!(sc->end - sc->p >= 2 && sc->p[0] == '.' && sc->p[1] == '.'))
	{
		if (!parse_bound(sc, false, &lo, err))
			return false;
		have_lo = true;
	}
	if (sc->p < sc->end && *sc->p == ',')
		return no_lists(err);
	if (!(sc->end - sc->p >= 2 && sc->p[0] == '.' && sc->p[1] == '.'))
		return unexpected(sc, "\"..\" between the bounds of the range", err);
	sc->p += 2;
	if (sc->p < sc->end && *sc->p != ']')
	{
		if (!parse_bound(sc, true, &hi, err))
			return false;
		have_hi = true;
	}
	if (sc->p < sc->end && *sc->p == ',')
		return no_lists(err);
	if (sc->p >= sc->end || *sc->p != ']')
		return unexpected(sc, "\"]\" at the end of the range", err);
	sc->p++;
	if (!have_lo && !have_hi)
		return siko_fail(err, SQL_BAD, "A range needs at least one bound ([a..], [..b] or [a..b]).");
	/* a qualifier on the whole range: siko's extension of EDTF (doc/edtf.md) */
	qual = scan_qualifier(sc);
	if (!expect_end(sc, err) || !siko_fuzzydate_make_set(lo, hi, out, err))
		return false;
	out->qual = (uint8_t) qual;
	return true;
}


bool
siko_fuzzydate_parse(const char *s, size_t len, SikoFuzzyDate *out, SikoError *err)
{
	Scan		sc;

	while (len > 0 && siko_is_space((unsigned char) *s))
		s++, len--;
	while (len > 0 && siko_is_space((unsigned char) s[len - 1]))
		len--;
	sc.p = sc.start = s;
	sc.end = s + len;
	if (len == 0)
		return siko_fail(err, SQL_BAD, "The input is empty.");
	if (*s == '{')
		return no_lists(err);
	if (*s == '[')
		return parse_range(&sc, out, err);
	return parse_date(&sc, out, err);
}

/* ------------------------------------------------------------------
 * Formatting
 * ---------------------------------------------------------------- */

typedef struct Out
{
	char	   *buf;
	size_t		len;
	size_t		cap;
} Out;

static void
put(Out *o, const char *fmt, long long a, long long b)
{
	int			n;

	if (o->len >= o->cap)
		return;
	n = snprintf(o->buf + o->len, o->cap - o->len, fmt, a, b);
	if (n > 0)
		o->len += (size_t) n;
	if (o->len >= o->cap)
		o->len = o->cap - 1;
}

static void
put_year(Out *o, int32_t y)
{
	if (y > 9999)
		put(o, "Y%lld", y, 0);
	else if (y < 0)
		put(o, "-%04lld", -(long long) y, 0);
	else
		put(o, "%04lld", y, 0);
}

/* precisions of a range bound */
#define PREC_YEAR	0
#define PREC_MONTH	1
#define PREC_DAY	2

/* the coarsest precision at which d is the first (upper: last) day */
static int
bound_precision(SikoDay d, bool upper)
{
	int32_t		y;
	int			m,
				dd;

	siko_ymd_from_day(d, &y, &m, &dd);
	if (!(upper ? dd == siko_days_in_month(y, m) : dd == 1))
		return PREC_DAY;
	return (upper ? m == 12 : m == 1) ? PREC_YEAR : PREC_MONTH;
}

/* a range bound at the given precision (never coarser than its own) */
static void
put_bound(Out *o, SikoDay d, int prec)
{
	int32_t		y;
	int			m,
				dd;

	siko_ymd_from_day(d, &y, &m, &dd);
	put_year(o, y);
	if (prec >= PREC_MONTH)
		put(o, "-%02lld", m, 0);
	if (prec >= PREC_DAY)
		put(o, "-%02lld", dd, 0);
}

static void put_qualifier(Out *o, int qual);

/*
 * A one-of range, both bounds at one precision: the finer of the two that
 * each needs ([2020-07-01..2022-03-03], not [2020-07..2022-03-03]), as
 * EDTF writes the two ends of a range.
 */
static void
put_range(Out *o, const SikoFuzzyDate *fd)
{
	int			prec = PREC_YEAR;

	if (fd->lo != SIKO_DAY_NOBEGIN)
		prec = Max_int(prec, bound_precision(fd->lo, false));
	if (fd->hi != SIKO_DAY_NOEND)
		prec = Max_int(prec, bound_precision(fd->hi, true));
	put(o, "[", 0, 0);
	if (fd->lo != SIKO_DAY_NOBEGIN)
		put_bound(o, fd->lo, prec);
	put(o, "..", 0, 0);
	if (fd->hi != SIKO_DAY_NOEND)
		put_bound(o, fd->hi, prec);
	put(o, "]", 0, 0);
	put_qualifier(o, fd->qual);
}

static void
put_qualifier(Out *o, int qual)
{
	if ((qual & 3) == (SIKO_FD_UNCERTAIN | SIKO_FD_APPROX))
		put(o, "%%", 0, 0);
	else if (qual & SIKO_FD_UNCERTAIN)
		put(o, "?", 0, 0);
	else if (qual & SIKO_FD_APPROX)
		put(o, "~", 0, 0);
}

size_t
siko_fuzzydate_format(const SikoFuzzyDate *fd, char *buf, size_t buflen)
{
	Out			o = {buf, 0, buflen};
	int32_t		y = 0;
	int			m = 0,
				d = 0;

	if (buflen == 0)
		return 0;
	buf[0] = '\0';
	if (fd->form == SIKO_FD_SET)
	{
		put_range(&o, fd);
		return o.len;
	}
	if (fd->form == SIKO_FD_OPEN)
	{
		put(&o, "..", 0, 0);
		return o.len;
	}
	if (!siko_fd_is_date(fd->form))
		return 0;				/* an unknown end is written as nothing */
	siko_ymd_from_day(fd->lo, &y, &m, &d);
	switch (fd->form)
	{
		case SIKO_FD_DAY:
			put_year(&o, y);
			put(&o, "-%02lld-%02lld", m, d);
			break;
		case SIKO_FD_MONTH:
			put_year(&o, y);
			put(&o, "-%02lld", m, 0);
			break;
		case SIKO_FD_YEAR:
			put_year(&o, y);
			break;
		case SIKO_FD_DAY_X:
			put_year(&o, y);
			put(&o, "-%02lld-XX", m, 0);
			break;
		case SIKO_FD_MONTH_X:
			put_year(&o, y);
			put(&o, "-XX", 0, 0);
			break;
		case SIKO_FD_MONTHDAY_X:
			put_year(&o, y);
			put(&o, "-XX-XX", 0, 0);
			break;
		case SIKO_FD_DECADE_X:
			put(&o, "%03lldX", y / 10, 0);
			break;
		case SIKO_FD_CENTURY_X:
			put(&o, "%02lldXX", y / 100, 0);
			break;
		case SIKO_FD_SUBYEAR:
			put_year(&o, y);
			put(&o, "-%02lld", fd->sub, 0);
			break;
	}
	put_qualifier(&o, fd->qual);
	return o.len;
}

/* ------------------------------------------------------------------
 * Validation of stored values (binary input)
 * ---------------------------------------------------------------- */

bool
siko_fuzzydate_valid(const SikoFuzzyDate *fd, SikoError *err)
{
	SikoFuzzyDate want;
	int32_t		y;
	int			m,
				d;
	bool		ok;

	if (fd->pad != 0)
		return siko_fail(err, SQL_BAD, "The padding byte is not zero.");
	if (!siko_fd_is_date(fd->form))
		return siko_fail(err, SQL_BAD, "The form %d is not a form of a fuzzydate.", fd->form);
	if (fd->qual > (SIKO_FD_UNCERTAIN | SIKO_FD_APPROX))
		return siko_fail(err, SQL_BAD, "The qualifier bits %d are not valid.", fd->qual);
	if (fd->form != SIKO_FD_SUBYEAR && fd->sub != 0)
		return siko_fail(err, SQL_BAD, "A sub-year code is set on a date that is no sub-year grouping.");

	if (fd->form == SIKO_FD_SET)
	{
		if (fd->lo == SIKO_DAY_NOBEGIN && fd->hi == SIKO_DAY_NOEND)
			return siko_fail(err, SQL_BAD, "A range needs at least one bound ([a..], [..b] or [a..b]).");
		if ((fd->lo != SIKO_DAY_NOBEGIN && !day_fits(fd->lo, err)) ||
			(fd->hi != SIKO_DAY_NOEND && !day_fits(fd->hi, err)))
			return false;
		if (fd->lo > fd->hi)
			return siko_fail(err, SQL_BAD, "The range ends before it begins.");
		return true;
	}

	if (!day_fits(fd->lo, err))
		return false;
	siko_ymd_from_day(fd->lo, &y, &m, &d);
	switch (fd->form)
	{
		case SIKO_FD_DAY:
			ok = true;
			break;
		case SIKO_FD_MONTH:
		case SIKO_FD_DAY_X:
			ok = (d == 1) && (fd->form == SIKO_FD_MONTH || (y >= 0 && y <= 9999));
			break;
		case SIKO_FD_DECADE_X:
			ok = (m == 1 && d == 1 && y >= 0 && y <= 9999 && y % 10 == 0);
			break;
		case SIKO_FD_CENTURY_X:
			ok = (m == 1 && d == 1 && y >= 0 && y <= 9999 && y % 100 == 0);
			break;
		case SIKO_FD_SUBYEAR:
			ok = (fd->sub >= 21 && fd->sub <= 41 &&
				  m == subyear_def[fd->sub - 21].month && d == 1);
			break;
		case SIKO_FD_YEAR:
			ok = (m == 1 && d == 1);
			break;
		default:				/* MONTH_X, MONTHDAY_X */
			ok = (m == 1 && d == 1 && y >= 0 && y <= 9999);
			break;
	}
	if (!ok)
		return siko_fail(err, SQL_BAD,
						 "The earliest day does not begin a date of the stored form.");
	if (!make_dated(fd->form, y, m, d, fd->sub, fd->qual, &want, err))
		return false;
	if (want.hi != fd->hi)
		return siko_fail(err, SQL_BAD,
						 "The latest day does not end a date of the stored form.");
	return true;
}

/* ------------------------------------------------------------------
 * Order and comparison with days
 * ---------------------------------------------------------------- */

#define CMP(a, b) do { if ((a) != (b)) return ((a) < (b)) ? -1 : 1; } while (0)

int
siko_fuzzydate_cmp(const SikoFuzzyDate *a, const SikoFuzzyDate *b)
{
	CMP(a->lo, b->lo);
	CMP(a->hi, b->hi);
	CMP(a->qual, b->qual);
	CMP(a->form, b->form);
	CMP(a->sub, b->sub);
	return 0;
}

const char *
siko_fuzzydate_precision(const SikoFuzzyDate *fd)
{
	const SikoFdFormInfo *fi = siko_fd_form_info(fd->form);

	if (fi == NULL)
		return "unknown";
	if (fd->form != SIKO_FD_SUBYEAR || fd->sub <= 32)
		return fi->precision;
	if (fd->sub <= 36)
		return "quarter";
	if (fd->sub <= 39)
		return "quadrimester";
	return "semester";
}

/*
 * Whatever the day is, it is a finite day: it lies after -infinity and
 * before infinity.
 */
int
siko_fuzzydate_before(const SikoFuzzyDate *fd, SikoDay d)
{
	if (d == SIKO_DAY_NOEND)
		return 1;
	if (d == SIKO_DAY_NOBEGIN)
		return 0;
	if (fd->hi < d)
		return 1;
	if (fd->lo >= d)
		return 0;
	return -1;
}

int
siko_fuzzydate_after(const SikoFuzzyDate *fd, SikoDay d)
{
	if (d == SIKO_DAY_NOBEGIN)
		return 1;
	if (d == SIKO_DAY_NOEND)
		return 0;
	if (fd->lo > d)
		return 1;
	if (fd->hi <= d)
		return 0;
	return -1;
}
