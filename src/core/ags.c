/*
 * ags.c
 *		The official German municipality key (Amtlicher Gemeindeschluessel)
 *		and its prefixes: parse, format, validate, and the tree relations.
 *
 * A key has 2 (Land), 3 (Regierungsbezirk), 5 (Kreis) or 8 (Gemeinde)
 * digits.  It is stored as one uint32: the digits right-padded with zeros
 * to 8 digits, times 4, plus the level.  Padding puts a key before every
 * key below it, and the level breaks the tie between a key and its first
 * descendants (05 < 050 < 05000 < 05000000), so unsigned order of the code
 * is depth-first order of the tree.
 *
 * Text input is the digits, or the digits grouped as Destatis prints them
 * (2, 1, 2 and 3 digits with single spaces between the parts: 05 5 62 020),
 * with leading and trailing whitespace ignored.
 */
#include <stdio.h>
#include <string.h>

#include "siko_core.h"

#define AGS_INVALID_TEXT	"22P02"
#define AGS_INVALID_BINARY	"22P03"

/* digits per level, and 10^(8 - digits): the size of a level's subtree */
static const int ags_level_digits[4] = {2, 3, 5, 8};
static const uint32_t ags_level_span[4] = {1000000, 100000, 1000, 1};

/* the parts of the grouped form: 2, 1, 2 and 3 digits */
static const int ags_part_digits[4] = {2, 1, 2, 3};

#define AGS_MAX_KEY		99999999u

static inline uint32_t
ags_key(SikoAgs a)
{
	return a >> 2;
}

static inline SikoAgs
ags_make(uint32_t key, int level)
{
	return (key << 2) | (uint32_t) level;
}

static inline bool
ags_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

/* the whitespace that int4 input trims (isspace in the C locale) */
static inline bool
ags_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		c == '\v' || c == '\f';
}

/*
 * Describe the character at p for an error detail: printable ASCII and
 * well-formed UTF-8 sequences quoted, whitespace named, other bytes in hex.
 * buf must hold at least 16 bytes.
 */
static void
ags_describe_char(const char *p, const char *end, char *buf, size_t buflen)
{
	unsigned char c = (unsigned char) *p;
	int			n = 0;

	switch (c)
	{
		case ' ':
			snprintf(buf, buflen, "a space");
			return;
		case '\t':
			snprintf(buf, buflen, "a tab");
			return;
		case '\n':
			snprintf(buf, buflen, "a newline");
			return;
		case '\r':
			snprintf(buf, buflen, "a carriage return");
			return;
		case '\v':
			snprintf(buf, buflen, "a vertical tab");
			return;
		case '\f':
			snprintf(buf, buflen, "a form feed");
			return;
	}
	if (c > 0x20 && c < 0x7f)
	{
		snprintf(buf, buflen, "the character '%c'", c);
		return;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	if (n > 0 && end - p >= n)
	{
		int			i;

		for (i = 1; i < n; i++)
			if (((unsigned char) p[i] & 0xc0) != 0x80)
				break;
		if (i == n)
		{
			snprintf(buf, buflen, "the character '%.*s'", n, p);
			return;
		}
	}
	snprintf(buf, buflen, "the byte 0x%02X", c);
}

bool
siko_ags_parse(const char *s, size_t len, SikoAgs *out, SikoError *err)
{
	const char *b = s;
	const char *e = s + len;
	const char *p;
	char		digits[SIKO_AGS_MAXLEN];
	int			ndigits = 0;
	int			nspaces = 0;
	uint32_t	key = 0;
	int			level;
	int			land;
	int			i;

	while (b < e && ags_isspace(*b))
		b++;
	while (e > b && ags_isspace(e[-1]))
		e--;
	if (b == e)
		return siko_fail(err, AGS_INVALID_TEXT, "The key is empty.");

	/*
	 * Characters first: digits, and spaces between digits.  Any other
	 * whitespace, or punctuation standing between two digits where the
	 * parts meet, is taken for a separator; everything else is a non-digit.
	 */
	for (p = b; p < e; p++)
	{
		char		what[32];
		int			pos = (int) (p - s) + 1;

		if (ags_isdigit(*p))
		{
			if (ndigits < SIKO_AGS_MAXLEN)
				digits[ndigits] = *p;
			ndigits++;
			continue;
		}
		if (*p == ' ')
		{
			nspaces++;
			continue;
		}
		ags_describe_char(p, e, what, sizeof(what));
		if (ags_isspace(*p) ||
			(((unsigned char) *p > 0x20 && (unsigned char) *p < 0x7f) &&
			 p > b && ags_isdigit(p[-1]) && p + 1 < e && ags_isdigit(p[1]) &&
			 (ndigits == 2 || ndigits == 3 || ndigits == 5)))
			return siko_fail(err, AGS_INVALID_TEXT,
							 "The parts of a key are separated by single spaces, not by %s (at position %d).",
							 what, pos);
		return siko_fail(err, AGS_INVALID_TEXT,
						 "Found %s at position %d where a digit was expected.",
						 what, pos);
	}

	if (nspaces == 0)
	{
		if (ndigits != 2 && ndigits != 3 && ndigits != 5 && ndigits != 8)
		{
			siko_fail(err, AGS_INVALID_TEXT,
					  "A key has 2, 3, 5 or 8 digits, not %d.", ndigits);
			/* 5512000 for 05512000: a spreadsheet took the key for a number */
			if ((ndigits == 7 || ndigits == 4) && digits[0] != '0')
				siko_fail_hint(err, "A leading zero may have been lost (a spreadsheet or an integer column drops it): the %s key would be %s%.*s.",
							   ndigits == 7 ? "Gemeinde" : "Kreis", "0", ndigits, digits);
			return false;
		}
	}
	else
	{
		/* the grouped form: parts of 2, 1, 2 and 3 digits */
		int			part = 0;
		int			plen = 0;

		for (p = b; p <= e; p++)
		{
			if (p < e && *p != ' ')
			{
				plen++;
				continue;
			}
			if (plen == 0)
				return siko_fail(err, AGS_INVALID_TEXT,
								 "The parts of a key are separated by single spaces, not by several spaces in a row (at position %d).",
								 (int) (p - s));
			if (part >= 4)
				return siko_fail(err, AGS_INVALID_TEXT,
								 "A key written in parts has at most 4 parts (2, 1, 2 and 3 digits), not more.");
			if (plen != ags_part_digits[part])
				return siko_fail(err, AGS_INVALID_TEXT,
								 "Written in parts, a key has parts of 2, 1, 2 and 3 digits; part %d has %d digit%s, not %d.",
								 part + 1, plen, plen == 1 ? "" : "s",
								 ags_part_digits[part]);
			part++;
			plen = 0;
		}
	}

	land = (digits[0] - '0') * 10 + (digits[1] - '0');
	if (land < 1 || land > 16)
		return siko_fail(err, AGS_INVALID_TEXT,
						 "There is no Land %c%c: the Land (the first two digits) is 01 to 16.",
						 digits[0], digits[1]);

	for (i = 0; i < SIKO_AGS_MAXLEN; i++)
		key = key * 10 + (uint32_t) (i < ndigits ? digits[i] - '0' : 0);
	level = ndigits == 2 ? SIKO_AGS_LAND :
		ndigits == 3 ? SIKO_AGS_RB :
		ndigits == 5 ? SIKO_AGS_KREIS : SIKO_AGS_GEMEINDE;
	*out = ags_make(key, level);
	return true;
}

int
siko_ags_format(SikoAgs a, char *buf)
{
	uint32_t	key = ags_key(a);
	int			n = ags_level_digits[a & 3];
	int			i;

	for (i = SIKO_AGS_MAXLEN - 1; i >= 0; i--)
	{
		if (i < n)
			buf[i] = (char) ('0' + key % 10);
		key /= 10;
	}
	buf[n] = '\0';
	return n;
}

bool
siko_ags_from_int(int64_t v, SikoAgs *out, SikoError *err)
{
	char		buf[24];
	int			width;

	if (v >= 1000000 && v <= 99999999)
		width = 8;
	else if (v >= 1000 && v <= 99999)
		width = 5;
	else
	{
		siko_fail(err, AGS_INVALID_TEXT,
				  "An integer is read as a key of 7 or 8 digits (a Gemeinde) or 4 or 5 digits (a Kreis), not as %lld.",
				  (long long) v);
		return siko_fail_hint(err, "Cast keys of a Land or Regierungsbezirk, and keys with their leading zero, from text: '05'::siko.ags, '055'::siko.ags.");
	}
	snprintf(buf, sizeof(buf), "%0*lld", width, (long long) v);
	return siko_ags_parse(buf, (size_t) width, out, err);
}

bool
siko_ags_check(uint32_t code, SikoError *err)
{
	uint32_t	key = code >> 2;
	int			level = (int) (code & 3);
	uint32_t	land = key / 1000000;

	if (key > AGS_MAX_KEY)
		return siko_fail(err, AGS_INVALID_BINARY,
						 "The code %u is larger than the code of any key.", code);
	if (land < 1 || land > 16)
		return siko_fail(err, AGS_INVALID_BINARY,
						 "The code %u stands for Land %02u, which does not exist.",
						 code, (unsigned) land);
	if (key % ags_level_span[level] != 0)
		return siko_fail(err, AGS_INVALID_BINARY,
						 "The code %u has %d digits (level %d) but its padding digits are not zero: %08u.",
						 code, ags_level_digits[level], level, (unsigned) key);
	return true;
}

bool
siko_ags_valid(uint32_t code)
{
	return siko_ags_check(code, NULL);
}

int
siko_ags_level(SikoAgs a)
{
	return (int) (a & 3);
}

int
siko_ags_ndigits(SikoAgs a)
{
	return ags_level_digits[a & 3];
}

SikoAgs
siko_ags_truncate(SikoAgs a, int level)
{
	uint32_t	key = ags_key(a);

	if (level >= siko_ags_level(a))
		return a;
	if (level < SIKO_AGS_LAND)
		level = SIKO_AGS_LAND;
	return ags_make(key - key % ags_level_span[level], level);
}

bool
siko_ags_parent(SikoAgs a, SikoAgs *parent)
{
	int			level = siko_ags_level(a);

	if (level == SIKO_AGS_LAND)
		return false;
	*parent = siko_ags_truncate(a, level - 1);
	return true;
}

SikoAgs
siko_ags_subtree_last(SikoAgs a)
{
	return ags_make(ags_key(a) + ags_level_span[siko_ags_level(a)] - 1,
					SIKO_AGS_GEMEINDE);
}

bool
siko_ags_contains(SikoAgs ancestor, SikoAgs a)
{
	return ancestor <= a && a <= siko_ags_subtree_last(ancestor);
}
