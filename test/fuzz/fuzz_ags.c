/*
 * fuzz_ags.c
 *		libFuzzer target of the ags core.
 *
 * Text path: whatever parses formats to a canonical text that parses back
 * to the same code, and the code is one that siko_ags_valid accepts.
 * Binary path: the first 4 bytes as a raw code (what recv receives);
 * siko_ags_valid must accept it exactly when formatting and parsing it
 * gives it back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "siko_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	SikoAgs		a,
				b;
	SikoError	err;
	char		buf[SIKO_AGS_MAXLEN + 1];
	int			n;

	/* text path: no terminating NUL, the length is all the parser gets */
	if (siko_ags_parse((const char *) data, size, &a, &err))
	{
		if (!siko_ags_valid(a))
			abort();
		n = siko_ags_format(a, buf);
		if (n != siko_ags_ndigits(a) || strlen(buf) != (size_t) n)
			abort();
		if (!siko_ags_parse(buf, (size_t) n, &b, &err) || b != a)
			abort();
		if (!siko_ags_contains(siko_ags_truncate(a, SIKO_AGS_LAND), a) ||
			siko_ags_subtree_last(a) < a)
			abort();
	}
	else if (strcmp(err.sqlstate, "22P02") != 0 || err.detail[0] == '\0' ||
			 strlen(err.detail) >= sizeof(err.detail) - 1)
		abort();

	/* binary path */
	if (size >= 4)
	{
		uint32_t	code;
		bool		roundtrip;

		memcpy(&code, data, 4);
		siko_ags_format(code, buf);
		roundtrip = siko_ags_parse(buf, strlen(buf), &b, NULL) && b == code;
		if (siko_ags_valid(code) != roundtrip)
			abort();
		if (siko_ags_check(code, &err) != roundtrip ||
			(!roundtrip && strcmp(err.sqlstate, "22P03") != 0))
			abort();
	}
	return 0;
}
