/*
 * ags.c
 *		Unit tests of the pure ags core: every accepted form, every error,
 *		the order, and the tree relations checked exhaustively on samples.
 */
#include "unit.h"

static SikoAgs
P(const char *s)
{
	SikoAgs		a = 0;
	SikoError	err;

	if (!siko_ags_parse(s, strlen(s), &a, &err))
	{
		fprintf(stderr, "unexpected parse error for \"%s\": %s\n", s, err.detail);
		unit_failed++;
	}
	return a;
}

static const char *
F(SikoAgs a)
{
	static char buf[4][SIKO_AGS_MAXLEN + 1];
	static int	i;

	i = (i + 1) % 4;
	siko_ags_format(a, buf[i]);
	return buf[i];
}

/* parse s, which must fail with 22P02 and exactly this detail */
static void
check_error(const char *s, size_t len, const char *detail)
{
	SikoAgs		a = 12345;
	SikoError	err;

	memset(&err, 0, sizeof(err));
	CHECK(!siko_ags_parse(s, len, &a, &err));
	CHECK(a == 12345);
	CHECK_STR(err.sqlstate, "22P02");
	CHECK_STR(err.detail, detail);
}

#define ERR(s, detail) check_error((s), strlen(s), (detail))

/* a sample of keys at every level, in ascending order */
static const char *const sorted[] = {
	"01", "010", "01001", "01001000", "01002", "01002000", "01999999",
	"03", "031", "03101", "03101000", "03102", "032",
	"05", "050", "055", "05500", "05562", "05562000", "05562004",
	"05562020", "05562036", "05562999", "05563", "05566", "05566004",
	"059", "05913", "05913000", "05999", "05999999",
	"09", "099", "09999", "09999999", "10", "11", "11000", "11000000",
	"16", "160", "16077", "16077001", "16999", "16999999",
};
#define NSORTED ((int) (sizeof(sorted) / sizeof(sorted[0])))

/* the textbook definition of ancestor-or-self: a digit prefix */
static bool
prefix_contains(const char *anc, const char *a)
{
	return strlen(anc) <= strlen(a) && strncmp(anc, a, strlen(anc)) == 0;
}

int
main(void)
{
	SikoAgs		a,
				b;
	int			i,
				j;
	char		buf[SIKO_AGS_MAXLEN + 1];

	/* every form */
	CHECK_STR(F(P("05")), "05");
	CHECK_STR(F(P("055")), "055");
	CHECK_STR(F(P("05562")), "05562");
	CHECK_STR(F(P("05562020")), "05562020");
	CHECK_STR(F(P("05 5")), "055");
	CHECK_STR(F(P("05 5 62")), "05562");
	CHECK_STR(F(P("05 5 62 020")), "05562020");
	CHECK_STR(F(P("  05562020\t\n")), "05562020");
	CHECK_STR(F(P("\r\v\f 05 5 62 020 ")), "05562020");
	CHECK_STR(F(P("01")), "01");
	CHECK_STR(F(P("16")), "16");
	CHECK_STR(F(P("16999999")), "16999999");
	CHECK_STR(F(P("01000000")), "01000000");
	CHECK(P("05") == (5000000u << 2 | 0));
	CHECK(P("055") == (5500000u << 2 | 1));
	CHECK(P("05562") == (5562000u << 2 | 2));
	CHECK(P("05562020") == (5562020u << 2 | 3));
	CHECK(siko_ags_format(P("05562"), buf) == 5 && strcmp(buf, "05562") == 0);
	/* len is honoured: no terminating NUL needed */
	CHECK(siko_ags_parse("05562020xyz", 8, &a, NULL) && a == P("05562020"));
	CHECK(siko_ags_parse("0556", 2, &a, NULL) && a == P("05"));

	/* every error */
	ERR("", "The key is empty.");
	ERR("   ", "The key is empty.");
	ERR(" \t\n ", "The key is empty.");
	ERR("0", "A key has 2, 3, 5 or 8 digits, not 1.");
	ERR("0556", "A key has 2, 3, 5 or 8 digits, not 4.");
	ERR("055620", "A key has 2, 3, 5 or 8 digits, not 6.");
	ERR("0556202", "A key has 2, 3, 5 or 8 digits, not 7.");
	ERR("055620200", "A key has 2, 3, 5 or 8 digits, not 9.");
	ERR("0556202000000000000000", "A key has 2, 3, 5 or 8 digits, not 22.");
	ERR("0556x", "Found the character 'x' at position 5 where a digit was expected.");
	ERR("x", "Found the character 'x' at position 1 where a digit was expected.");
	ERR("  abc", "Found the character 'a' at position 3 where a digit was expected.");
	ERR("-05", "Found the character '-' at position 1 where a digit was expected.");
	ERR("05562-", "Found the character '-' at position 6 where a digit was expected.");
	ERR("0556-2", "Found the character '-' at position 5 where a digit was expected.");
	ERR("05\xc3\xa4" "62", "Found the character '\xc3\xa4' at position 3 where a digit was expected.");
	ERR("05\xe2\x82\xac", "Found the character '\xe2\x82\xac' at position 3 where a digit was expected.");
	ERR("05\xff" "62", "Found the byte 0xFF at position 3 where a digit was expected.");
	ERR("05\xc3" "62", "Found the byte 0xC3 at position 3 where a digit was expected.");
	check_error("05\0" "62", 5, "Found the byte 0x00 at position 3 where a digit was expected.");
	ERR("00", "There is no Land 00: the Land (the first two digits) is 01 to 16.");
	ERR("17", "There is no Land 17: the Land (the first two digits) is 01 to 16.");
	ERR("99999999", "There is no Land 99: the Land (the first two digits) is 01 to 16.");
	ERR("00 5 62 020", "There is no Land 00: the Land (the first two digits) is 01 to 16.");
	ERR("05-5-62-020", "The parts of a key are separated by single spaces, not by the character '-' (at position 3).");
	ERR("05.5.62.020", "The parts of a key are separated by single spaces, not by the character '.' (at position 3).");
	ERR("05 5/62 020", "The parts of a key are separated by single spaces, not by the character '/' (at position 5).");
	ERR("05562/020", "The parts of a key are separated by single spaces, not by the character '/' (at position 6).");
	ERR("05\t5 62 020", "The parts of a key are separated by single spaces, not by a tab (at position 3).");
	ERR("05 5\n62", "The parts of a key are separated by single spaces, not by a newline (at position 5).");
	ERR("05\r5", "The parts of a key are separated by single spaces, not by a carriage return (at position 3).");
	ERR("05\v5", "The parts of a key are separated by single spaces, not by a vertical tab (at position 3).");
	ERR("05\f5", "The parts of a key are separated by single spaces, not by a form feed (at position 3).");
	ERR("05  5", "The parts of a key are separated by single spaces, not by several spaces in a row (at position 3).");
	ERR("05 5 62   020", "The parts of a key are separated by single spaces, not by several spaces in a row (at position 8).");
	ERR("055 62", "Written in parts, a key has parts of 2, 1, 2 and 3 digits; part 1 has 3 digits, not 2.");
	ERR("05 562", "Written in parts, a key has parts of 2, 1, 2 and 3 digits; part 2 has 3 digits, not 1.");
	ERR("05 5 62020", "Written in parts, a key has parts of 2, 1, 2 and 3 digits; part 3 has 5 digits, not 2.");
	ERR("05 5 62 02", "Written in parts, a key has parts of 2, 1, 2 and 3 digits; part 4 has 2 digits, not 3.");
	ERR("05562 020", "Written in parts, a key has parts of 2, 1, 2 and 3 digits; part 1 has 5 digits, not 2.");
	ERR("0 5", "Written in parts, a key has parts of 2, 1, 2 and 3 digits; part 1 has 1 digit, not 2.");
	ERR("05 5 62 020 1", "A key written in parts has at most 4 parts (2, 1, 2 and 3 digits), not more.");
	/* errors without a place to report them */
	CHECK(!siko_ags_parse("", 0, &a, NULL));
	CHECK(!siko_ags_parse("17", 2, &a, NULL));

	/* the order of the issue, and of the sorted sample */
	CHECK(P("05") < P("055"));
	CHECK(P("055") < P("05562"));
	CHECK(P("05562") < P("05562004"));
	CHECK(P("05562004") < P("05562036"));
	CHECK(P("05562036") < P("05566"));
	for (i = 0; i < NSORTED; i++)
		for (j = 0; j < NSORTED; j++)
		{
			int			want = (i > j) - (i < j);

			CHECK(siko_ags_cmp(P(sorted[i]), P(sorted[j])) == want);
		}

	/* the tree, against the digit-prefix definition, on every pair */
	for (i = 0; i < NSORTED; i++)
	{
		const char *s = sorted[i];
		size_t		n = strlen(s);
		SikoAgs		x = P(s);
		SikoAgs		parent;
		static const size_t lens[4] = {2, 3, 5, 8};
		int			level;

		CHECK(siko_ags_valid(x));
		CHECK(siko_ags_ndigits(x) == (int) n);
		CHECK(siko_ags_level(x) == (n == 2 ? 0 : n == 3 ? 1 : n == 5 ? 2 : 3));
		CHECK_STR(F(x), s);

		/* truncate to every level */
		for (level = 0; level < 4; level++)
		{
			char		want[SIKO_AGS_MAXLEN + 1];
			size_t		wl = lens[level] < n ? lens[level] : n;

			memcpy(want, s, wl);
			want[wl] = '\0';
			CHECK_STR(F(siko_ags_truncate(x, level)), want);
		}
		CHECK(siko_ags_truncate(x, -1) == siko_ags_truncate(x, 0));

		/* the parent is the truncation one level up */
		if (n == 2)
			CHECK(!siko_ags_parent(x, &parent));
		else
		{
			char		want[SIKO_AGS_MAXLEN + 1];
			size_t		pl = n == 3 ? 2 : n == 5 ? 3 : 5;

			memcpy(want, s, pl);
			want[pl] = '\0';
			CHECK(siko_ags_parent(x, &parent));
			CHECK_STR(F(parent), want);
			CHECK(siko_ags_contains(parent, x));
			CHECK(parent < x);
		}

		/* subtree_last: the last Gemeinde under x, padded with nines */
		{
			char		want[SIKO_AGS_MAXLEN + 1];

			memcpy(want, s, n);
			memset(want + n, '9', SIKO_AGS_MAXLEN - n);
			want[SIKO_AGS_MAXLEN] = '\0';
			CHECK_STR(F(siko_ags_subtree_last(x)), want);
			CHECK(siko_ags_level(siko_ags_subtree_last(x)) == SIKO_AGS_GEMEINDE);
		}

		for (j = 0; j < NSORTED; j++)
		{
			SikoAgs		y = P(sorted[j]);
			bool		want = prefix_contains(s, sorted[j]);

			CHECK(siko_ags_contains(x, y) == want);
			/* a <@ x  <=>  x <= a <= last(x) */
			CHECK((x <= y && y <= siko_ags_subtree_last(x)) == want);
			/* contains <=> truncating y to x's level gives x */
			CHECK((siko_ags_level(y) >= siko_ags_level(x) &&
				   siko_ags_truncate(y, siko_ags_level(x)) == x) == want);
		}
	}

	/* validity of raw codes: every code near the sample keys */
	for (i = 0; i < NSORTED; i++)
	{
		uint32_t	base = P(sorted[i]);
		uint32_t	d;

		for (d = 0; d < 64; d++)
		{
			uint32_t	code = base - 32 + d;
			char		text[SIKO_AGS_MAXLEN + 1];
			bool		ok;

			siko_ags_format(code, text);
			ok = siko_ags_parse(text, strlen(text), &b, NULL) && b == code;
			CHECK(siko_ags_valid(code) == ok);
		}
	}
	CHECK(!siko_ags_valid(0));
	CHECK(!siko_ags_valid(UINT32_MAX));
	CHECK(!siko_ags_valid((100000000u << 2) | 3));
	CHECK(!siko_ags_valid((17000000u << 2) | 0));
	CHECK(!siko_ags_valid((5562020u << 2) | 2));	/* a Kreis with Gemeinde digits */
	CHECK(siko_ags_valid((5562020u << 2) | 3));

	/* what check says about bad codes (binary recv) */
	{
		SikoError	err;

		CHECK(siko_ags_check((5562020u << 2) | 3, &err));
		CHECK(!siko_ags_check((17000000u << 2), &err));
		CHECK_STR(err.sqlstate, "22P03");
		CHECK_STR(err.detail, "The code 68000000 stands for Land 17, which does not exist.");
		CHECK(!siko_ags_check(0, &err));
		CHECK_STR(err.detail, "The code 0 stands for Land 00, which does not exist.");
		CHECK(!siko_ags_check(UINT32_MAX, &err));
		CHECK_STR(err.detail, "The code 4294967295 is larger than the code of any key.");
		CHECK(!siko_ags_check((5562020u << 2) | 2, &err));
		CHECK_STR(err.detail, "The code 22248082 has 5 digits (level 2) but its padding digits are not zero: 05562020.");
		CHECK(!siko_ags_check((5500001u << 2) | 1, &err));
		CHECK_STR(err.detail, "The code 22000005 has 3 digits (level 1) but its padding digits are not zero: 05500001.");
	}

	/* every valid code of Land 05 at levels 0-2, and a stripe of Gemeinden */
	{
		int			nvalid = 0;
		uint32_t	code;

		for (code = 5000000u << 2; code < 6000000u << 2; code++)
		{
			if ((code & 3) == 3 && (code >> 2) % 997 != 0)
				continue;
			if (siko_ags_valid(code))
			{
				char		text[SIKO_AGS_MAXLEN + 1];

				nvalid += (code & 3) != 3;
				siko_ags_format(code, text);
				if (!siko_ags_parse(text, strlen(text), &b, NULL) || b != code)
					CHECK(false);
			}
		}
		/* 1 Land + 10 Regierungsbezirke + 1000 Kreise */
		CHECK(nvalid == 1 + 10 + 1000);
	}

	/* a lost leading zero: the hint names the key; other lengths have none */
	{
		SikoError	err;
		SikoAgs		x;

		CHECK(!siko_ags_parse("5512000", 7, &x, &err));
		CHECK_STR(err.detail, "A key has 2, 3, 5 or 8 digits, not 7.");
		CHECK_STR(err.hint, "A leading zero may have been lost (a spreadsheet or an integer column drops it): the Gemeinde key would be 05512000.");
		CHECK(!siko_ags_parse("5562", 4, &x, &err));
		CHECK_STR(err.hint, "A leading zero may have been lost (a spreadsheet or an integer column drops it): the Kreis key would be 05562.");
		CHECK(!siko_ags_parse("0551200", 7, &x, &err));
		CHECK_STR(err.hint, "");
		CHECK(!siko_ags_parse("556202", 6, &x, &err));
		CHECK_STR(err.hint, "");

		/* integers: 7 or 8 digits a Gemeinde, 4 or 5 a Kreis */
		CHECK(siko_ags_from_int(5512000, &x, &err) && x == P("05512000"));
		CHECK(siko_ags_from_int(11000000, &x, &err) && x == P("11000000"));
		CHECK(siko_ags_from_int(5562, &x, &err) && x == P("05562"));
		CHECK(siko_ags_from_int(16077, &x, &err) && x == P("16077"));
		CHECK(!siko_ags_from_int(5, &x, &err));
		CHECK_STR(err.sqlstate, "22P02");
		CHECK_STR(err.detail, "An integer is read as a key of 7 or 8 digits (a Gemeinde) or 4 or 5 digits (a Kreis), not as 5.");
		CHECK(err.hint[0] != '\0');
		CHECK(!siko_ags_from_int(555, &x, NULL));
		CHECK(!siko_ags_from_int(-5512000, &x, NULL));
		CHECK(!siko_ags_from_int(100000000, &x, NULL));
		CHECK(!siko_ags_from_int(INT64_MIN, &x, NULL));
		CHECK(!siko_ags_from_int(17000000, &x, &err));
		CHECK_STR(err.detail, "There is no Land 17: the Land (the first two digits) is 01 to 16.");
	}

	return unit_report("ags");
}
