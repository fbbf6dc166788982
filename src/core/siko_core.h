/*
 * siko_core.h
 *		The pure C cores of siko: parse, format, compare and interval logic
 *		for the types ags, fuzzydate and period.
 *
 * Nothing declared here depends on the PostgreSQL server: these files are
 * compiled into the extension, into the unit tests (test/unit) and into
 * the libFuzzer targets (test/fuzz).  The fmgr wrappers (src/, one level up) turn a
 * SikoError into an ereport().
 *
 * Days are counted as PostgreSQL's DateADT counts them: days since
 * 2000-01-01, with INT32_MIN and INT32_MAX standing for -infinity and
 * infinity.  The glue checks at compile time that these agree.
 */
#ifndef SIKO_CORE_H
#define SIKO_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------------
 * Days and errors
 * ------------------------------------------------------------------- */

typedef int32_t SikoDay;

#define SIKO_DAY_NOBEGIN	INT32_MIN	/* -infinity */
#define SIKO_DAY_NOEND		INT32_MAX	/* infinity */
#define SIKO_EPOCH_JDATE	2451545 /* Julian day number of 2000-01-01 */

/*
 * The dates PostgreSQL's date type accepts: 4714-11-24 BC (astronomical
 * year -4713) to 5874897-12-31.  Years here are astronomical (0 is 1 BC),
 * as in EDTF and in PostgreSQL's struct pg_tm.
 */
#define SIKO_MIN_YEAR		(-4713)
#define SIKO_MAX_YEAR		5874897
#define SIKO_MIN_DAY		(-SIKO_EPOCH_JDATE)	/* 4714-11-24 BC */
#define SIKO_MAX_DAY		(2147483494 - 1 - SIKO_EPOCH_JDATE)	/* 5874897-12-31 */

/*
 * What went wrong, for the caller to report.  sqlstate is the five
 * characters of the SQLSTATE (e.g. "22P02"); detail is one full sentence
 * ending with a period, saying what is wrong with the input.
 */
typedef struct SikoError
{
	char		sqlstate[6];
	char		detail[240];
} SikoError;

/* Fill err (if not NULL) and return false; printf-style detail. */
extern bool siko_fail(SikoError *err, const char *sqlstate, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));

/* Calendar (src/core/calendar.c): proleptic Gregorian, astronomical years */
extern bool siko_is_leap(int32_t year);
extern int	siko_days_in_month(int32_t year, int month);
/* ymd -> day; the caller has checked that y/m/d is a valid calendar day */
extern SikoDay siko_day_from_ymd(int32_t year, int month, int day);
extern void siko_ymd_from_day(SikoDay d, int32_t *year, int *month, int *day);
/* true when the day lies within PostgreSQL's date range */
extern bool siko_day_in_range(int64_t day);
/*
 * The k-th day of a series from 'from' in steps of 'months' calendar months
 * plus 'days' days (both >= 0): month steps count from from's month and
 * keep its day of the month, clamped to the month's length (31 Jan + 1
 * month = 28/29 Feb).  SIKO_DAY_NOEND past PostgreSQL's last date.
 */
extern SikoDay siko_step_day(SikoDay from, int32_t months, int32_t days, int64_t k);
/* the day of the week: 0 Monday .. 6 Sunday (ISO 8601, as in Germany) */
extern int	siko_weekday(SikoDay d);

/* ---------------------------------------------------------------------
 * ags: the Amtlicher Gemeindeschluessel and its prefixes
 *
 * The 2, 3, 5 or 8 digits, right-padded with zeros to 8 digits, times 4,
 * plus the level (0 Land, 1 Regierungsbezirk, 2 Kreis, 3 Gemeinde).
 * Plain unsigned comparison of this code is the required order: a key
 * sorts directly before its descendants, siblings by their digits.
 * ------------------------------------------------------------------- */

typedef uint32_t SikoAgs;

#define SIKO_AGS_LAND		0
#define SIKO_AGS_RB			1
#define SIKO_AGS_KREIS		2
#define SIKO_AGS_GEMEINDE	3
#define SIKO_AGS_MAXLEN		8	/* digits, without the terminating NUL */

extern bool siko_ags_parse(const char *s, size_t len, SikoAgs *out, SikoError *err);
/* buf must hold SIKO_AGS_MAXLEN + 1 bytes; returns the number of digits */
extern int	siko_ags_format(SikoAgs a, char *buf);
/* is this a code that siko_ags_parse could have produced? (binary recv) */
extern bool siko_ags_valid(uint32_t code);
/* the same, saying in err (SQLSTATE 22P03) what is wrong with the code */
extern bool siko_ags_check(uint32_t code, SikoError *err);
extern int	siko_ags_level(SikoAgs a);
extern int	siko_ags_ndigits(SikoAgs a);
/* ancestor-or-self */
extern bool siko_ags_contains(SikoAgs ancestor, SikoAgs a);
/* the key of the given (coarser or equal) level; a itself if level >= a's */
extern SikoAgs siko_ags_truncate(SikoAgs a, int level);
/* the parent; false for a Land */
extern bool siko_ags_parent(SikoAgs a, SikoAgs *parent);
/* the greatest code in a's subtree: a <@ x  <=>  x <= a' <= last(x) */
extern SikoAgs siko_ags_subtree_last(SikoAgs a);

static inline int
siko_ags_cmp(SikoAgs a, SikoAgs b)
{
	return (a > b) - (a < b);
}

/* ---------------------------------------------------------------------
 * fuzzydate: a day known only to lie between lo and hi (EDTF)
 * ------------------------------------------------------------------- */

typedef enum SikoFdForm
{
	SIKO_FD_DAY = 0,			/* 2023-10-01 */
	SIKO_FD_MONTH,				/* 2023-10 */
	SIKO_FD_YEAR,				/* 2023 */
	SIKO_FD_DAY_X,				/* 2023-10-XX */
	SIKO_FD_MONTH_X,			/* 2023-XX */
	SIKO_FD_MONTHDAY_X,			/* 2023-XX-XX */
	SIKO_FD_DECADE_X,			/* 202X */
	SIKO_FD_CENTURY_X,			/* 20XX */
	SIKO_FD_SUBYEAR,			/* 2020-21 .. 2020-41, code in 'sub' */
	SIKO_FD_SET,				/* [a..b], [..b], [a..]: lo/hi only */
	/* only as the end of a period: */
	SIKO_FD_OPEN,				/* ".." still running: lo = hi = NOEND */
	SIKO_FD_UNKNOWN,			/* "" ended, when unknown */
	SIKO_FD_NFORMS
} SikoFdForm;

/* qualifiers, applying to the whole date */
#define SIKO_FD_UNCERTAIN	0x01	/* ? */
#define SIKO_FD_APPROX		0x02	/* ~ ; both: % */

typedef struct SikoFuzzyDate
{
	int32_t		lo;				/* earliest possible day, or NOBEGIN */
	int32_t		hi;				/* latest possible day, or NOEND */
	uint8_t		form;			/* SikoFdForm */
	uint8_t		qual;			/* SIKO_FD_UNCERTAIN | SIKO_FD_APPROX */
	uint8_t		sub;			/* 21..41 for SIKO_FD_SUBYEAR, else 0 */
	uint8_t		pad;			/* always 0 */
} SikoFuzzyDate;				/* 12 bytes, stored by reference */

#define SIKO_FUZZYDATE_BUFLEN 64	/* enough for any formatted fuzzydate */

extern bool siko_fuzzydate_parse(const char *s, size_t len, SikoFuzzyDate *out,
								 SikoError *err);
/* writes canonical EDTF and a NUL; returns its length */
extern size_t siko_fuzzydate_format(const SikoFuzzyDate *fd, char *buf, size_t buflen);
/* an exact day */
extern void siko_fuzzydate_from_day(SikoDay d, SikoFuzzyDate *out);
/*
 * A dated form (DAY to SUBYEAR) from its parts: checks the year, month
 * and day (22007) and the range of the date type (22008).  month and day
 * are ignored (give 1) where the form has none; sub only for SUBYEAR.
 */
extern bool siko_fuzzydate_make(int form, int64_t year, int month, int day, int sub,
								int qual, SikoFuzzyDate *out, SikoError *err);
/* one day of [lo..hi]; SIKO_DAY_NOBEGIN / SIKO_DAY_NOEND for an open side */
extern bool siko_fuzzydate_make_set(int64_t lo, int64_t hi, SikoFuzzyDate *out,
									SikoError *err);
/* does fd hold a value that parse could have produced? (binary recv) */
extern bool siko_fuzzydate_valid(const SikoFuzzyDate *fd, SikoError *err);
/* btree order: lo, hi, qual, form, sub */
extern int	siko_fuzzydate_cmp(const SikoFuzzyDate *a, const SikoFuzzyDate *b);
/* 'day', 'month', 'year', 'decade', 'century', 'season', 'quarter', ... */
extern const char *siko_fuzzydate_precision(const SikoFuzzyDate *fd);
/* three-valued: 1 true, 0 false, -1 unknown */
extern int	siko_fuzzydate_before(const SikoFuzzyDate *fd, SikoDay d);
extern int	siko_fuzzydate_after(const SikoFuzzyDate *fd, SikoDay d);

/* ---------------------------------------------------------------------
 * German date phrases (src/core/fuzzydate_de.c, doc/edtf-de.md)
 *
 * "Mitte 2020", "am 29. September", "in der vergangenen Woche", "Stand:
 * 3. März 2022" read into a fuzzydate; "seit Mitte 2020", "vom 1. Oktober
 * 2023 bis zum 31. März 2025" into a period.  s is UTF-8; written_on (NULL:
 * not given) is the day the phrase was written, needed by relative
 * phrases and by days and months without a year (else 22004).  Errors
 * 22007 (the detail names the word it stopped at), 22008, 22000 (a period
 * whose end precedes its start).
 * ------------------------------------------------------------------- */

extern bool siko_fuzzydate_de(const char *s, size_t len, const SikoDay *written_on,
							  SikoFuzzyDate *out, SikoError *err);

/* ---------------------------------------------------------------------
 * period: membership from an imprecise start to an imprecise end
 *
 * The start day is the first day of membership, the end day the first
 * day without it.  end.form is SIKO_FD_OPEN ("..": still a member),
 * SIKO_FD_UNKNOWN (empty: ended at an unknown time) or a date form.
 * For UNKNOWN, end.lo = start.lo + 1 (saturating) and end.hi = NOEND.
 *
 *   certainly a member on d:  start.hi <= d  and  d < end.lo
 *   possibly a member on d:   start.lo <= d  and  d < end.hi
 * ------------------------------------------------------------------- */

typedef struct SikoPeriod
{
	SikoFuzzyDate start;
	SikoFuzzyDate end;
} SikoPeriod;					/* 24 bytes, stored by reference */

#define SIKO_PERIOD_BUFLEN (2 * SIKO_FUZZYDATE_BUFLEN + 2)

extern bool siko_period_parse(const char *s, size_t len, SikoPeriod *out, SikoError *err);
extern size_t siko_period_format(const SikoPeriod *p, char *buf, size_t buflen);
/* end == NULL: open.  Checks that the end does not certainly precede the start. */
extern bool siko_period_make(const SikoFuzzyDate *start, const SikoFuzzyDate *end,
							 SikoPeriod *out, SikoError *err);
extern bool siko_period_valid(const SikoPeriod *p, SikoError *err);
extern int	siko_period_cmp(const SikoPeriod *a, const SikoPeriod *b);
/* a German phrase stating a membership (see siko_fuzzydate_de above) */
extern bool siko_period_de(const char *s, size_t len, const SikoDay *written_on,
						   SikoPeriod *out, SikoError *err);
/* three-valued: 1 certainly a member on d, 0 certainly not, -1 unknown */
extern int	siko_period_member_at(const SikoPeriod *p, SikoDay d);
/* may the two overlap? (their possible days intersect) */
extern bool siko_period_overlaps(const SikoPeriod *a, const SikoPeriod *b);

/* ---------------------------------------------------------------------
 * sweep: how many were members on each day (src/core/sweep.c)
 *
 * One pass over the sorted start and end events of n periods, then one
 * pass over the days: O(n log n + ndays), not one scan per day.
 * days must be ascending; certain[i] and possible[i] receive the number
 * of periods certainly / possibly running on days[i] (certain <= possible).
 * The caller provides siko_sweep_workspace(n) bytes of scratch memory
 * (palloc in the server, malloc outside), so the core never allocates.
 * ------------------------------------------------------------------- */

extern size_t siko_sweep_workspace(size_t n);
extern void siko_sweep_count(const SikoPeriod *periods, size_t n,
							 const SikoDay *days, size_t ndays, void *workspace,
							 int32_t *certain, int32_t *possible);

#endif							/* SIKO_CORE_H */
