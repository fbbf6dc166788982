/*
 * fuzz_fuzzydate_de.c
 *		libFuzzer target of the German date phrases.
 *
 * The first byte chooses the day of writing: none (even), or (odd) one
 * of the extreme days or a day around 2023 taken from the next two bytes.
 * The rest is the phrase.  Whatever is read, as a fuzzydate or a period,
 * is valid and formats to EDTF text that parses back to the same value;
 * what is refused is refused with a SQLSTATE of class 22 and a sentence.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "siko_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_error(const SikoError *err)
{
	size_t		n = strlen(err->detail);

	/* a sentence, unless cut at the size of the buffer */
	if (n == 0 || (err->detail[n - 1] != '.' && n < sizeof(err->detail) - 1) ||
		(strcmp(err->sqlstate, "22007") != 0 && strcmp(err->sqlstate, "22008") != 0 &&
		 strcmp(err->sqlstate, "22004") != 0 && strcmp(err->sqlstate, "22000") != 0))
		abort();
}

static void
check_fuzzydate(const SikoFuzzyDate *fd)
{
	char		buf[SIKO_FUZZYDATE_BUFLEN];
	size_t		n = siko_fuzzydate_format(fd, buf, sizeof(buf));
	SikoFuzzyDate again;

	if (!siko_fuzzydate_valid(fd, NULL) || fd->lo > fd->hi)
		abort();
	if (n == 0 || !siko_fuzzydate_parse(buf, n, &again, NULL) ||
		memcmp(fd, &again, sizeof(again)) != 0)
		abort();
}

static void
check_period(const SikoPeriod *p)
{
	char		buf[SIKO_PERIOD_BUFLEN];
	size_t		n = siko_period_format(p, buf, sizeof(buf));
	SikoPeriod	again;

	if (!siko_period_valid(p, NULL))
		abort();
	if (!siko_period_parse(buf, n, &again, NULL) || memcmp(p, &again, sizeof(again)) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	SikoDay		day,
			   *written_on = NULL;
	SikoFuzzyDate fd;
	SikoPeriod	p;
	SikoError	err;
	const char *s;

	if (size < 3)
		return 0;
	if (data[0] & 1)
	{
		switch (data[0] >> 6)
		{
			case 0:
				day = SIKO_MIN_DAY + data[1];
				break;
			case 1:
				day = SIKO_MAX_DAY - data[1];
				break;
			default:
				/* 2023-01-01 plus or minus about 90 years */
				day = 8401 + (int32_t) (((uint32_t) data[1] << 8 | data[2]) - 32768);
				break;
		}
		written_on = &day;
	}
	s = (const char *) data + 3;
	size -= 3;

	if (siko_fuzzydate_de(s, size, written_on, &fd, &err))
		check_fuzzydate(&fd);
	else
		check_error(&err);
	if (siko_period_de(s, size, written_on, &p, &err))
		check_period(&p);
	else
		check_error(&err);
	return 0;
}
