/*
 * fuzz_period.c
 *		libFuzzer target of the period core.
 *
 * As text: whatever parses formats canonically, the canonical text parses
 * back to the same value, and the value is valid.  As 24 raw bytes: valid()
 * accepts exactly what formatting and parsing reproduce, and the
 * predicates agree with each other on accepted values.
 */
#include <stdlib.h>
#include <string.h>

#include "siko_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_value(const SikoPeriod *p)
{
	char		buf[SIKO_PERIOD_BUFLEN];
	size_t		n = siko_period_format(p, buf, sizeof(buf));
	SikoPeriod	q;
	SikoError	err;
	int			k;

	if (n >= sizeof(buf) || strlen(buf) != n)
		abort();
	if (!siko_period_parse(buf, n, &q, &err))
		abort();
	if (memcmp(p, &q, sizeof(q)) != 0 || siko_period_cmp(p, &q) != 0)
		abort();
	if (!siko_period_overlaps(p, p))
		abort();
	/* a value of the old meaning, converted, is a valid value */
	{
		SikoPeriod	c;

		siko_period_from_exclusive_end(p, &c);
		if (p->end.form != SIKO_FD_UNKNOWN && !siko_period_valid(&c, NULL) &&
			p->end.hi != SIKO_DAY_NOEND && p->start.lo < p->end.hi)
			abort();
	}
	for (k = -3; k <= 3; k++)
	{
		int64_t		d = (int64_t) p->start.hi + k;
		int			m;

		if (d < INT32_MIN || d > INT32_MAX)
			continue;
		m = siko_period_member_at(p, (SikoDay) d);
		if (m < -1 || m > 1)
			abort();
		/* certain implies possible: a certain day lies within the possible days */
		if (m == 1 && (d < p->start.lo || (p->end.hi != SIKO_DAY_NOEND && d > p->end.hi)))
			abort();
		/* the span says the same as member_at */
		{
			SikoSpan	s;

			siko_period_span(p, &s);
			if (siko_span_at(&s, d) != m)
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	SikoPeriod	p;
	SikoError	err;

	if (siko_period_parse((const char *) data, size, &p, &err))
	{
		if (!siko_period_valid(&p, &err))
			abort();
		check_value(&p);
	}
	else if (strlen(err.detail) == 0 || strlen(err.sqlstate) != 5)
		abort();

	if (size >= sizeof(SikoPeriod))
	{
		memcpy(&p, data, sizeof(p));
		if (siko_period_valid(&p, &err))
			check_value(&p);
	}
	return 0;
}
