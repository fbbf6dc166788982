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
 * ending with a period, saying what is wrong with the input; hint, when
 * not empty, says what the input was probably meant to be (the caller's
 * general hint otherwise).
 */
typedef struct SikoError
{
	char		sqlstate[6];
	char		detail[240];
	char		hint[240];
} SikoError;

/* Fill err (if not NULL, its hint empty) and return false; printf-style detail. */
extern bool siko_fail(SikoError *err, const char *sqlstate, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));
/* Set the hint of a failed err (if not NULL); printf-style; returns false. */
extern bool siko_fail_hint(SikoError *err, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));

/* white space as PostgreSQL's input functions skip it around a value */
static inline bool
siko_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

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
/*
 * The key of an integer that lost its leading zero: 7 or 8 digits are a
 * Gemeinde, 4 or 5 digits a Kreis; anything else fails (22P02).
 */
extern bool siko_ags_from_int(int64_t v, SikoAgs *out, SikoError *err);

static inline int
siko_ags_cmp(SikoAgs a, SikoAgs b)
{
	return (a > b) - (a < b);
}

/* ---------------------------------------------------------------------
 * fuzzydate: a day known only to lie between lo and hi (EDTF)
 * ------------------------------------------------------------------- */

/*
 * The forms of a fuzzydate.  STORED ON DISK (the form byte of every
 * fuzzydate and period, and btree order): the numbers are fixed, append
 * only.  What a form is (a date, a one-of set, an end marker) is read from
 * siko_fd_form_info(), never from comparisons of these numbers.
 */
typedef enum SikoFdForm
{
	SIKO_FD_DAY = 0,			/* 2023-10-01 */
	SIKO_FD_MONTH = 1,			/* 2023-10 */
	SIKO_FD_YEAR = 2,			/* 2023 */
	SIKO_FD_DAY_X = 3,			/* 2023-10-XX */
	SIKO_FD_MONTH_X = 4,		/* 2023-XX */
	SIKO_FD_MONTHDAY_X = 5,		/* 2023-XX-XX */
	SIKO_FD_DECADE_X = 6,		/* 202X */
	SIKO_FD_CENTURY_X = 7,		/* 20XX */
	SIKO_FD_SUBYEAR = 8,		/* 2020-21 .. 2020-41, code in 'sub' */
	SIKO_FD_SET = 9,			/* [a..b], [..b], [a..]: lo/hi only */
	/* only as the end of a period: */
	SIKO_FD_OPEN = 10,			/* ".." still running: lo = hi = NOEND */
	SIKO_FD_UNKNOWN = 11,		/* "" ended, when unknown */
	SIKO_FD_NFORMS = 12			/* not a form: the number of forms */
} SikoFdForm;

/* What a form is: one row per stored form code (src/core/fuzzydate.c). */
typedef struct SikoFdFormInfo
{
	const char *precision;		/* as siko.precision() says it */
	bool		is_date;		/* a value of siko.fuzzydate (not an end marker) */
	bool		is_set;			/* a one-of set of days, lo/hi only */
	bool		is_end_marker;	/* open or unknown: only as a period's end */
} SikoFdFormInfo;

/* the row of form, or NULL for a number that is no form */
extern const SikoFdFormInfo *siko_fd_form_info(int form);
/* is form a date form (a value of siko.fuzzydate)? */
extern bool siko_fd_is_date(int form);

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
 * The start day is the first day of membership, the end day the last
 * (EDTF: an interval includes its end).  end.form is SIKO_FD_OPEN ("..":
 * still a member), SIKO_FD_UNKNOWN (empty: ended at an unknown time) or a
 * date form.  For UNKNOWN, end.lo = start.lo and end.hi = NOEND.
 *
 * What a period says about days is its span (below): every question of
 * membership, overlap, counting, indexing and caching is answered from
 * the span, and siko_period_span() is the one place that reads the
 * period's bounds as days of membership.
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
/* the earliest possible last day of membership (NOEND: none, still running) */
extern SikoDay siko_period_last_day_lo(const SikoPeriod *p);
/*
 * A period stored under siko 0.3, which read the end as the first day
 * without membership, as the period of the same meaning now: an exact end
 * one day earlier, an imprecise one the one-of range of the same possible
 * last days (qualifiers kept).  Used by the update to 0.4 and by binary
 * input of wire version 1.
 */
extern void siko_period_from_exclusive_end(const SikoPeriod *old, SikoPeriod *out);

/*
 * The span of a period: its days of membership as two half-open day
 * intervals,
 *
 *   certainly a member on d:  clo <= d < chi
 *   possibly a member on d:   plo <= d < phi
 *
 * where an upper bound of SIKO_DAY_NOEND bounds nothing (the day
 * 'infinity' then lies inside, as it does for a daterange with an
 * unbounded upper end).  A period that is never certainly a member has
 * clo = SIKO_DAY_NOEND and chi = SIKO_DAY_NOBEGIN, so that a minimum of
 * clo and a maximum of chi over many spans (GiST, timelines) ignore it.
 * The possible part of a valid period is never empty.
 */
typedef struct SikoSpan
{
	int32_t		plo;			/* first possible day */
	int32_t		clo;			/* first certain day */
	int32_t		chi;			/* first day no longer certain */
	int32_t		phi;			/* first day certainly not a member */
} SikoSpan;

/* d < bound, where a bound of NOEND bounds nothing */
static inline bool
siko_day_before(int64_t d, int32_t bound)
{
	return bound == SIKO_DAY_NOEND || d < bound;
}

/* lo <= d < hi, with hi as siko_day_before() reads it */
static inline bool
siko_days_hold(int32_t lo, int32_t hi, int64_t d)
{
	return lo <= d && siko_day_before(d, hi);
}

/* does [lo, hi) hold any day, with lo = NOEND holding none? */
static inline bool
siko_days_nonempty(int32_t lo, int32_t hi)
{
	return lo != SIKO_DAY_NOEND && siko_day_before(lo, hi);
}

/* the day after a last day: the first day without; the infinities stay */
static inline int32_t
siko_day_after(int32_t d)
{
	return (d == SIKO_DAY_NOEND || d == SIKO_DAY_NOBEGIN) ? d : d + 1;
}

static inline void
siko_period_span(const SikoPeriod *p, SikoSpan *s)
{
	s->plo = p->start.lo;
	s->phi = siko_day_after(p->end.hi);
	s->clo = p->start.hi;
	s->chi = siko_day_after(p->end.lo);
	if (!siko_days_nonempty(s->clo, s->chi))
	{
		s->clo = SIKO_DAY_NOEND;
		s->chi = SIKO_DAY_NOBEGIN;
	}
}

/* certainly a member on d (clo = NOEND: never, whatever chi says) */
static inline bool
siko_span_certain_on(const SikoSpan *s, int64_t d)
{
	return s->clo != SIKO_DAY_NOEND && siko_days_hold(s->clo, s->chi, d);
}

/* three-valued: 1 certainly a member on d, 0 certainly not, -1 possibly */
static inline int
siko_span_at(const SikoSpan *s, int64_t d)
{
	if (siko_span_certain_on(s, d))
		return 1;
	return siko_days_hold(s->plo, s->phi, d) ? -1 : 0;
}

/* may two spans share a day? */
static inline bool
siko_spans_overlap(const SikoSpan *a, const SikoSpan *b)
{
	return siko_day_before(a->plo, b->phi) && siko_day_before(b->plo, a->phi);
}

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

/*
 * The same in two steps, for a caller that keeps the events of a set of
 * periods and counts them on many series of days (siko.growth): the four
 * sorted event lists (in workspace, which must outlive ev), then the count
 * of the certain (possible = false) or possible members on each day.
 */
enum
{
	SIKO_EV_CERTAIN_START, SIKO_EV_CERTAIN_END,
	SIKO_EV_POSSIBLE_START, SIKO_EV_POSSIBLE_END
};
typedef struct SikoSweepEvents
{
	SikoDay    *day[4];			/* each ascending */
	size_t		n[4];
} SikoSweepEvents;

extern void siko_sweep_events(const SikoPeriod *periods, size_t n, void *workspace,
							  SikoSweepEvents *ev);
extern void siko_sweep_merge(const SikoSweepEvents *ev, bool possible,
							 const SikoDay *days, size_t ndays, int32_t *out);

/* ---------------------------------------------------------------------
 * sort (src/core/sort.c)
 *
 * A stable LSD radix sort of n elements of size 4, 8 or 16 bytes by the
 * unsigned key each begins with (uint32 for size 4, else uint64), its bits
 * lobit and up, digitbits bits a pass.  scratch holds n * size bytes,
 * count (1 << digitbits) entries.
 * ------------------------------------------------------------------- */

extern void siko_radix_sort(void *items, size_t n, size_t size, int lobit,
							int digitbits, void *scratch, size_t *count);
/* days ascending (signed order); scratch holds n days */
extern void siko_sort_days(SikoDay *days, size_t n, SikoDay *scratch);

#endif							/* SIKO_CORE_H */
