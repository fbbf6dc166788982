/*
 * period.c
 *		The period type's pure core: EDTF interval text ("start/end"),
 *		validation, order and the three-valued interval logic.
 *
 * A period is a start fuzzydate and an end that is a fuzzydate, open
 * ("..", still running) or unknown (empty: ended, when is not known).
 * As in EDTF, both ends belong to the period: the start day is the first
 * day of membership and the end day the last (2004-02-01/2005-02-08 is
 * from 1 February 2004 through 8 February 2005).  With each side only
 * known to lie in [lo, hi]:
 *
 *   certainly a member on d:  start.hi <= d  and  d <= end.lo
 *   possibly a member on d:   start.lo <= d  and  d <= end.hi
 *
 * siko_period_span() (siko_core.h) turns this into half-open day
 * intervals, the one form every other part of siko reads.  An end.hi of
 * SIKO_DAY_NOEND means "no upper bound": the day 'infinity' itself then
 * lies inside, as it does for a daterange with an unbounded upper end.
 */
#include <string.h>

#include "siko_core.h"

/*
 * The end.lo of an unknown end: the earliest possible last day, which is
 * the earliest start (a membership holds at least its first day).
 */
static int32_t
unknown_end_lo(int32_t start_lo)
{
	return start_lo;
}

static void
set_open(SikoFuzzyDate *end)
{
	memset(end, 0, sizeof(*end));
	end->lo = SIKO_DAY_NOEND;
	end->hi = SIKO_DAY_NOEND;
	end->form = SIKO_FD_OPEN;
}

static void
set_unknown(SikoFuzzyDate *end, const SikoFuzzyDate *start)
{
	memset(end, 0, sizeof(*end));
	end->lo = unknown_end_lo(start->lo);
	end->hi = SIKO_DAY_NOEND;
	end->form = SIKO_FD_UNKNOWN;
}

/* The check shared by make and valid: the end may not certainly precede the start. */
static bool
check_order(const SikoPeriod *p, SikoError *err)
{
	char		sbuf[SIKO_FUZZYDATE_BUFLEN];
	char		ebuf[SIKO_FUZZYDATE_BUFLEN];

	if (!siko_fd_is_date(p->end.form))
		return true;
	if (p->end.hi == SIKO_DAY_NOEND || p->start.lo <= p->end.hi)
		return true;
	siko_fuzzydate_format(&p->start, sbuf, sizeof(sbuf));
	siko_fuzzydate_format(&p->end, ebuf, sizeof(ebuf));
	return siko_fail(err, "22000",
					 "The end %s lies before the start %s, so the period holds no day.",
					 ebuf, sbuf);
}

bool
siko_period_make(const SikoFuzzyDate *start, const SikoFuzzyDate *end,
				 SikoPeriod *out, SikoError *err)
{
	SikoPeriod	p;

	if (!siko_fd_is_date(start->form))
		return siko_fail(err, "22007",
						 "The start of a period must be a date: an open or unknown start is not allowed.");
	p.start = *start;
	if (end == NULL || end->form == SIKO_FD_OPEN)
		set_open(&p.end);
	else if (end->form == SIKO_FD_UNKNOWN)
		set_unknown(&p.end, start);
	else
		p.end = *end;
	if (!check_order(&p, err))
		return false;
	*out = p;
	return true;
}

bool
siko_period_parse(const char *s, size_t len, SikoPeriod *out, SikoError *err)
{
	const char *slash = NULL;
	size_t		b = 0,
				e = len,
				i;
	SikoFuzzyDate start,
				end;
	const char *es;
	size_t		elen;

	while (b < e && siko_is_space((unsigned char) s[b]))
		b++;
	while (e > b && siko_is_space((unsigned char) s[e - 1]))
		e--;
	for (i = b; i < e; i++)
	{
		if (s[i] == '\0')
			return siko_fail(err, "22007", "The text contains a NUL byte.");
		if (s[i] == '/')
		{
			if (slash)
				return siko_fail(err, "22007",
								 "A period has exactly one \"/\" between its start and its end.");
			slash = s + i;
		}
	}
	if (!slash)
		return siko_fail(err, "22007",
						 "A period is written start/end, with a \"/\" between start and end.");
	if (slash == s + b)
		return siko_fail(err, "22007",
						 "The start is empty: an open or unknown start is not allowed.");
	if (slash - (s + b) == 2 && s[b] == '.' && s[b + 1] == '.')
		return siko_fail(err, "22007",
						 "The start is \"..\": an open or unknown start is not allowed.");
	if (!siko_fuzzydate_parse(s + b, slash - (s + b), &start, err))
	{
		if (err)
		{
			char		inner[sizeof(err->detail)];

			memcpy(inner, err->detail, sizeof(inner));
			siko_fail(err, err->sqlstate, "The start is not a valid date: %s", inner);
		}
		return false;
	}
	es = slash + 1;
	elen = (s + e) - es;
	if (elen == 0)
		return siko_period_make(&start, &(SikoFuzzyDate) {.form = SIKO_FD_UNKNOWN}, out, err);
	if (elen == 2 && es[0] == '.' && es[1] == '.')
		return siko_period_make(&start, NULL, out, err);
	if (!siko_fuzzydate_parse(es, elen, &end, err))
	{
		if (err)
		{
			char		inner[sizeof(err->detail)];

			memcpy(inner, err->detail, sizeof(inner));
			siko_fail(err, err->sqlstate, "The end is not a valid date: %s", inner);
		}
		return false;
	}
	return siko_period_make(&start, &end, out, err);
}

size_t
siko_period_format(const SikoPeriod *p, char *buf, size_t buflen)
{
	char		sbuf[SIKO_FUZZYDATE_BUFLEN];
	char		ebuf[SIKO_FUZZYDATE_BUFLEN];
	size_t		sl,
				el,
				n;

	sl = siko_fuzzydate_format(&p->start, sbuf, sizeof(sbuf));
	if (p->end.form == SIKO_FD_OPEN)
	{
		memcpy(ebuf, "..", 3);
		el = 2;
	}
	else if (p->end.form == SIKO_FD_UNKNOWN)
	{
		ebuf[0] = '\0';
		el = 0;
	}
	else
		el = siko_fuzzydate_format(&p->end, ebuf, sizeof(ebuf));
	n = sl + 1 + el;
	if (buflen == 0)
		return n;
	if (n >= buflen)
	{
		buf[0] = '\0';
		return n;
	}
	memcpy(buf, sbuf, sl);
	buf[sl] = '/';
	memcpy(buf + sl + 1, ebuf, el);
	buf[n] = '\0';
	return n;
}

bool
siko_period_valid(const SikoPeriod *p, SikoError *err)
{
	const SikoFuzzyDate *e = &p->end;

	if (!siko_fd_is_date(p->start.form))
		return siko_fail(err, "22007",
						 "The start of a period must be a date: an open or unknown start is not allowed.");
	if (!siko_fuzzydate_valid(&p->start, err))
		return false;
	if (e->form == SIKO_FD_OPEN || e->form == SIKO_FD_UNKNOWN)
	{
		SikoFuzzyDate want;

		if (e->form == SIKO_FD_OPEN)
			set_open(&want);
		else
			set_unknown(&want, &p->start);
		if (memcmp(&want, e, sizeof(want)) != 0)
			return siko_fail(err, "22000",
							 "An open or unknown end carries no day, qualifier or code.");
		return true;
	}
	if (!siko_fd_is_date(e->form))
		return siko_fail(err, "22000", "The end has an unknown form %d.", (int) e->form);
	if (!siko_fuzzydate_valid(e, err))
		return false;
	return check_order(p, err);
}

int
siko_period_cmp(const SikoPeriod *a, const SikoPeriod *b)
{
	int			c = siko_fuzzydate_cmp(&a->start, &b->start);

	return c ? c : siko_fuzzydate_cmp(&a->end, &b->end);
}

int
siko_period_member_at(const SikoPeriod *p, SikoDay d)
{
	SikoSpan	s;

	siko_period_span(p, &s);
	return siko_span_at(&s, d);
}

bool
siko_period_overlaps(const SikoPeriod *a, const SikoPeriod *b)
{
	SikoSpan	sa,
				sb;

	siko_period_span(a, &sa);
	siko_period_span(b, &sb);
	return siko_spans_overlap(&sa, &sb);
}

SikoDay
siko_period_last_day_lo(const SikoPeriod *p)
{
	return p->end.lo;			/* the end is the last day */
}

/* the day before d; the infinities and the first day stay as they are */
static int32_t
day_before(int32_t d)
{
	if (d == SIKO_DAY_NOEND || d == SIKO_DAY_NOBEGIN)
		return d;
	return d == SIKO_MIN_DAY ? SIKO_DAY_NOBEGIN : d - 1;
}

void
siko_period_from_exclusive_end(const SikoPeriod *old, SikoPeriod *out)
{
	const SikoFuzzyDate *e = &old->end;

	*out = *old;
	if (e->form == SIKO_FD_OPEN)
		return;
	if (e->form == SIKO_FD_UNKNOWN)
	{
		set_unknown(&out->end, &old->start);
		return;
	}
	if (!siko_fd_is_date(e->form))
		return;					/* no value: left for validation to refuse */
	out->end.lo = day_before(e->lo);
	out->end.hi = day_before(e->hi);
	if (e->form != SIKO_FD_DAY)
	{
		/* the same possible last days, as a one-of range */
		out->end.form = SIKO_FD_SET;
		out->end.sub = 0;
	}
}
