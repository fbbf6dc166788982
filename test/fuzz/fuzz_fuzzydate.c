/*
 * fuzz_fuzzydate.c
 *		libFuzzer target of the fuzzydate core.
 *
 * 1. Any input is parsed; what parses formats to text that parses to the
 *    identical struct, formats identically, and is valid().
 * 2. The first 12 bytes, taken as a stored struct: whatever valid() accepts
 *    formats and re-parses to itself (binary input is as strict as text).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "siko_core.h"

static void
roundtrip(const SikoFuzzyDate *fd)
{
	char		buf[SIKO_FUZZYDATE_BUFLEN],
				buf2[SIKO_FUZZYDATE_BUFLEN];
	size_t		n = siko_fuzzydate_format(fd, buf, sizeof(buf));
	SikoFuzzyDate again;
	SikoError	err;

	if (n == 0 || n >= sizeof(buf) - 1 || strlen(buf) != n)
		abort();
	if (!siko_fuzzydate_parse(buf, n, &again, &err))
		abort();
	if (memcmp(fd, &again, sizeof(again)) != 0)
		abort();
	siko_fuzzydate_format(&again, buf2, sizeof(buf2));
	if (strcmp(buf, buf2) != 0)
		abort();
	if (fd->lo > fd->hi)
		abort();
	(void) siko_fuzzydate_precision(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	SikoFuzzyDate fd;
	SikoError	err;

	if (siko_fuzzydate_parse((const char *) data, size, &fd, &err))
	{
		if (!siko_fuzzydate_valid(&fd, NULL))
			abort();
		roundtrip(&fd);
	}
	else if (strlen(err.detail) == 0 ||
			 (strcmp(err.sqlstate, "22007") != 0 && strcmp(err.sqlstate, "22008") != 0))
		abort();

	if (size >= sizeof(fd))
	{
		uint16_t	delta;

		memcpy(&fd, data, sizeof(fd));
		if (siko_fuzzydate_valid(&fd, NULL))
			roundtrip(&fd);

		/*
		 * The same bytes, nudged towards plausible values so that valid()
		 * has something to accept: a latest day close to the earliest, small
		 * codes.
		 */
		memcpy(&delta, data + 4, sizeof(delta));
		fd.lo = (int32_t) (fd.lo % 4000000);
		fd.hi = (data[6] & 1) ? fd.lo + delta % 40000 : fd.lo + delta % 400;
		if (data[7] == 0xff)
			fd.lo = SIKO_DAY_NOBEGIN;
		if (data[7] == 0xfe)
			fd.hi = SIKO_DAY_NOEND;
		fd.form %= SIKO_FD_NFORMS + 1;
		fd.qual %= 5;
		fd.sub %= 45;
		fd.pad = data[11] > 250;
		if (siko_fuzzydate_valid(&fd, NULL))
			roundtrip(&fd);
	}
	return 0;
}
