/*
 * fuzzydate.c
 *		Unit test of the fuzzydate core: every form with its canonical text,
 *		days and precision; every error; validation of stored values; order;
 *		three-valued comparison; and the reference corpus of the edtf library
 *		(test/edtf/corpus.tsv, read from the project root).
 */
#include "unit.h"

#define D(y, m, d) siko_day_from_ymd((y), (m), (d))
#define NOB SIKO_DAY_NOBEGIN
#define NOE SIKO_DAY_NOEND

static bool
parse(const char *s, SikoFuzzyDate *fd, SikoError *err)
{
	return siko_fuzzydate_parse(s, strlen(s), fd, err);
}

/* s parses, prints as out, covers [lo, hi], has the precision, is valid */
static void
ok(const char *s, const char *out, SikoDay lo, SikoDay hi, const char *prec)
{
	SikoFuzzyDate fd,
				again;
	SikoError	err;
	char		buf[SIKO_FUZZYDATE_BUFLEN];

	if (!parse(s, &fd, &err))
	{
		unit_failed++;
		fprintf(stderr, "\"%s\" rejected: %s %s\n", s, err.sqlstate, err.detail);
		return;
	}
	siko_fuzzydate_format(&fd, buf, sizeof(buf));
	CHECK_STR(buf, out);
	if (fd.lo != lo || fd.hi != hi)
		fprintf(stderr, "\"%s\": days %d..%d, want %d..%d\n", s, fd.lo, fd.hi, lo, hi);
	CHECK(fd.lo == lo && fd.hi == hi);
	CHECK_STR(siko_fuzzydate_precision(&fd), prec);
	CHECK(siko_fuzzydate_valid(&fd, NULL));
	CHECK(fd.pad == 0);
	CHECK(parse(buf, &again, NULL) && memcmp(&fd, &again, sizeof(fd)) == 0);
}

/* s is rejected with the SQLSTATE and a detail containing part */
static void
bad(const char *s, const char *sqlstate, const char *part)
{
	SikoFuzzyDate fd;
	SikoError	err;

	if (parse(s, &fd, &err))
	{
		unit_failed++;
		fprintf(stderr, "\"%s\" accepted\n", s);
		return;
	}
	CHECK_STR(err.sqlstate, sqlstate);
	if (strstr(err.detail, part) == NULL)
	{
		unit_failed++;
		fprintf(stderr, "\"%s\": detail \"%s\" lacks \"%s\"\n", s, err.detail, part);
	}
	else
		unit_passed++;
	/* a detail is a sentence */
	CHECK(err.detail[0] >= 'A' && err.detail[0] <= 'Z' && err.detail[strlen(err.detail) - 1] == '.');
}

static SikoDay
iso_day(const char *s)
{
	int			y,
				m,
				d;

	if (strcmp(s, "infinity") == 0)
		return NOE;
	if (strcmp(s, "-infinity") == 0)
		return NOB;
	if (sscanf(s, "%d-%d-%d", &y, &m, &d) != 3)
		return NOB;
	/* a negative year: sscanf reads "-0044-03-15" as -44, -3, -15 */
	return D(y, m < 0 ? -m : m, d < 0 ? -d : d);
}

/*
 * The corpus (test/edtf/corpus.tsv, written by gen-corpus.mjs): input,
 * siko's output (or the SQLSTATE of its refusal), earliest and latest day,
 * what the edtf library makes of the output.  The dates are checked here,
 * the periods (rows with a '/') in SQL by test/shell/edtf_corpus.sh.
 */
static void
corpus(void)
{
	FILE	   *f = fopen("test/edtf/corpus.tsv", "r");
	char		line[512];
	int			rows = 0,
				refusals = 0,
				failing = 0;

	if (f == NULL)
	{
		unit_failed++;
		fprintf(stderr, "cannot open test/edtf/corpus.tsv (run from the project root)\n");
		return;
	}
	while (fgets(line, sizeof(line), f))
	{
		char	   *in = strtok(line, "\t\n"),
				   *out = strtok(NULL, "\t\n"),
				   *e,
				   *l;
		SikoFuzzyDate fd;
		SikoError	err;
		char		buf[SIKO_FUZZYDATE_BUFLEN];

		if (!in || !out || strcmp(in, "input") == 0 || strchr(in, '/'))
			continue;
		rows++;
		if (strlen(out) == 5 && strspn(out, "0123456789") == 5)
		{
			/* refused, with this SQLSTATE */
			refusals++;
			if (parse(in, &fd, &err) || strcmp(err.sqlstate, out) != 0)
			{
				failing++;
				fprintf(stderr, "corpus: \"%s\" not refused with %s\n", in, out);
			}
			continue;
		}
		e = strtok(NULL, "\t\n");
		l = strtok(NULL, "\t\n");
		if (!e || !l || !parse(in, &fd, &err))
		{
			failing++;
			fprintf(stderr, "corpus: \"%s\" rejected: %s\n", in, e && l ? err.detail : "(short row)");
			continue;
		}
		siko_fuzzydate_format(&fd, buf, sizeof(buf));
		if (fd.lo != iso_day(e) || fd.hi != iso_day(l) || strcmp(buf, out) != 0)
		{
			failing++;
			fprintf(stderr, "corpus: \"%s\" -> \"%s\" %d..%d, want \"%s\" %d..%d\n",
					in, buf, fd.lo, fd.hi, out, iso_day(e), iso_day(l));
		}
	}
	fclose(f);
	CHECK(rows > 5000);
	CHECK(refusals > 5);
	CHECK(failing == 0);
	printf("corpus: %d dates (%d refused), %d failing\n", rows, refusals, failing);
}

static void
forms(void)
{
	/* level 0 */
	ok("2023", "2023", D(2023, 1, 1), D(2023, 12, 31), "year");
	ok("2023-10", "2023-10", D(2023, 10, 1), D(2023, 10, 31), "month");
	ok("2023-10-01", "2023-10-01", D(2023, 10, 1), D(2023, 10, 1), "day");
	ok("2024-02", "2024-02", D(2024, 2, 1), D(2024, 2, 29), "month");
	ok("2000-02-29", "2000-02-29", D(2000, 2, 29), D(2000, 2, 29), "day");
	ok("0000", "0000", D(0, 1, 1), D(0, 12, 31), "year");
	ok("-0044-03-15", "-0044-03-15", D(-44, 3, 15), D(-44, 3, 15), "day");
	ok("-0044", "-0044", D(-44, 1, 1), D(-44, 12, 31), "year");
	ok("  2023-10-01\n", "2023-10-01", D(2023, 10, 1), D(2023, 10, 1), "day");
	/* long years */
	ok("Y12345", "Y12345", D(12345, 1, 1), D(12345, 12, 31), "year");
	ok("Y5874897", "Y5874897", D(5874897, 1, 1), SIKO_MAX_DAY, "year");
	ok("Y12345-06-01", "Y12345-06-01", D(12345, 6, 1), D(12345, 6, 1), "day");
	ok("-4713-11-24", "-4713-11-24", SIKO_MIN_DAY, SIKO_MIN_DAY, "day");
	ok("-4713-12", "-4713-12", D(-4713, 12, 1), D(-4713, 12, 31), "month");
	/* level 1 qualifiers */
	ok("2023?", "2023?", D(2023, 1, 1), D(2023, 12, 31), "year");
	ok("2023-10~", "2023-10~", D(2023, 10, 1), D(2023, 10, 31), "month");
	ok("2023-10-01%", "2023-10-01%", D(2023, 10, 1), D(2023, 10, 1), "day");
	ok("202X?", "202X?", D(2020, 1, 1), D(2029, 12, 31), "decade");
	/* unspecified digits */
	ok("202X", "202X", D(2020, 1, 1), D(2029, 12, 31), "decade");
	ok("20XX", "20XX", D(2000, 1, 1), D(2099, 12, 31), "century");
	ok("000X", "000X", D(0, 1, 1), D(9, 12, 31), "decade");
	ok("99XX", "99XX", D(9900, 1, 1), D(9999, 12, 31), "century");
	ok("2023-XX", "2023-XX", D(2023, 1, 1), D(2023, 12, 31), "year");
	ok("2023-XX-XX", "2023-XX-XX", D(2023, 1, 1), D(2023, 12, 31), "year");
	ok("2023-10-XX", "2023-10-XX", D(2023, 10, 1), D(2023, 10, 31), "month");
	ok("2024-02-XX~", "2024-02-XX~", D(2024, 2, 1), D(2024, 2, 29), "month");
	/* seasons, northern hemisphere, meteorological */
	ok("2020-21", "2020-21", D(2020, 3, 1), D(2020, 5, 31), "season");
	ok("2020-22", "2020-22", D(2020, 6, 1), D(2020, 8, 31), "season");
	ok("2020-23", "2020-23", D(2020, 9, 1), D(2020, 11, 30), "season");
	ok("2020-24", "2020-24", D(2020, 12, 1), D(2021, 2, 28), "season");
	ok("2023-24?", "2023-24?", D(2023, 12, 1), D(2024, 2, 29), "season");
	/* level 2 sub-year groupings */
	ok("2020-25", "2020-25", D(2020, 3, 1), D(2020, 5, 31), "season");
	ok("2020-26", "2020-26", D(2020, 6, 1), D(2020, 8, 31), "season");
	ok("2020-27", "2020-27", D(2020, 9, 1), D(2020, 11, 30), "season");
	ok("2020-28", "2020-28", D(2020, 12, 1), D(2021, 2, 28), "season");
	ok("2020-29", "2020-29", D(2020, 9, 1), D(2020, 11, 30), "season");
	ok("2020-30", "2020-30", D(2020, 12, 1), D(2021, 2, 28), "season");
	ok("2020-31", "2020-31", D(2020, 3, 1), D(2020, 5, 31), "season");
	ok("2020-32", "2020-32", D(2020, 6, 1), D(2020, 8, 31), "season");
	ok("2020-33", "2020-33", D(2020, 1, 1), D(2020, 3, 31), "quarter");
	ok("2020-34", "2020-34", D(2020, 4, 1), D(2020, 6, 30), "quarter");
	ok("2020-35", "2020-35", D(2020, 7, 1), D(2020, 9, 30), "quarter");
	ok("2020-36", "2020-36", D(2020, 10, 1), D(2020, 12, 31), "quarter");
	ok("2020-37", "2020-37", D(2020, 1, 1), D(2020, 4, 30), "quadrimester");
	ok("2020-38", "2020-38", D(2020, 5, 1), D(2020, 8, 31), "quadrimester");
	ok("2020-39", "2020-39", D(2020, 9, 1), D(2020, 12, 31), "quadrimester");
	ok("2020-40", "2020-40", D(2020, 1, 1), D(2020, 6, 30), "semester");
	ok("2020-41", "2020-41", D(2020, 7, 1), D(2020, 12, 31), "semester");
	ok("-0044-24", "-0044-24", D(-44, 12, 1), D(-43, 2, 28), "season");
	ok("-4713-24", "-4713-24", D(-4713, 12, 1), D(-4712, 2, 29), "season");
	/* ranges */
	ok("[2023-08-07..2023-08-13]", "[2023-08-07..2023-08-13]", D(2023, 8, 7), D(2023, 8, 13), "range");
	ok("[..2022-03-03]", "[..2022-03-03]", NOB, D(2022, 3, 3), "range");
	ok("[2020-07..]", "[2020-07..]", D(2020, 7, 1), NOE, "range");
	ok("[2020-07..2022-03-03]", "[2020-07-01..2022-03-03]", D(2020, 7, 1), D(2022, 3, 3), "range");
	ok("[2020-01-01..2020-12-31]", "[2020..2020]", D(2020, 1, 1), D(2020, 12, 31), "range");
	ok("[2020-07-01..2021-02-28]", "[2020-07..2021-02]", D(2020, 7, 1), D(2021, 2, 28), "range");
	ok("[2020..2021]", "[2020..2021]", D(2020, 1, 1), D(2021, 12, 31), "range");
	ok("[2020-02..2020-02]", "[2020-02..2020-02]", D(2020, 2, 1), D(2020, 2, 29), "range");
	ok("[2020-03-01..2020-03-01]", "[2020-03-01..2020-03-01]", D(2020, 3, 1), D(2020, 3, 1), "range");
	ok("[-4713-11-24..Y5874897]", "[-4713-11-24..Y5874897-12-31]", SIKO_MIN_DAY, SIKO_MAX_DAY, "range");
	/* both bounds at one precision, the finer of the two (issue: EDTF ranges) */
	ok("[2020-07-01..2022-03-03]", "[2020-07-01..2022-03-03]", D(2020, 7, 1), D(2022, 3, 3), "range");
	ok("[2020..2022-03-03]", "[2020-01-01..2022-03-03]", D(2020, 1, 1), D(2022, 3, 3), "range");
	ok("[2020-01..2020-08]", "[2020-01..2020-08]", D(2020, 1, 1), D(2020, 8, 31), "range");
	ok("[2020..2020-08]", "[2020-01..2020-08]", D(2020, 1, 1), D(2020, 8, 31), "range");
	ok("[2020..2021]", "[2020..2021]", D(2020, 1, 1), D(2021, 12, 31), "range");
	/* a qualified range: siko's extension, for ends carried over from 0.3 */
	ok("[2017-12-31..2018-12-30]?", "[2017-12-31..2018-12-30]?", D(2017, 12, 31), D(2018, 12, 30), "range");
	ok("[2020..2021]%", "[2020..2021]%", D(2020, 1, 1), D(2021, 12, 31), "range");
	ok("[..-4713]", "[..-4713]", NOB, D(-4713, 12, 31), "range");
	ok("[Y5874897..]", "[Y5874897..]", D(5874897, 1, 1), NOE, "range");
}

static void
errors(void)
{
	bad("", "22007", "empty");
	bad("   ", "22007", "empty");
	bad("2023-13", "22007", "Month 13 does not exist");
	bad("2023-00", "22007", "Month 00 does not exist");
	bad("2023-20", "22007", "Month 20 does not exist");
	bad("2023-42", "22007", "Month 42 does not exist");
	bad("2023-02-30", "22007", "Day 30 does not exist in February 2023, which has 28 days");
	bad("2023-04-31", "22007", "Day 31 does not exist in April 2023");
	bad("2023-10-00", "22007", "Day 00 does not exist");
	bad("2021-02-29", "22007", "2021 is not a leap year");
	bad("1900-02-29", "22007", "1900 is not a leap year");
	bad("2023-1", "22007", "month must have two digits");
	bad("2023-10-1", "22007", "day must have two digits");
	bad("2023-001", "22007", "month must have two digits");
	bad("01.10.2023", "22007", "year of four digits");
	bad("202", "22007", "year of four digits");
	bad("hello", "22007", "starts with a year");
	bad("yesterday", "22007", "starts with a year");
	bad("12345", "22007", "prefix Y (Y12345)");
	bad("Y1234", "22007", "more than four digits");
	bad("Y", "22007", "digits of the year after Y");
	bad("-0000", "22007", "year zero");
	bad("-44", "22007", "four digits");
	bad("2023?~", "22007", "only once");
	bad("2023?-10", "22007", "Unexpected \"-\" at position 6");
	bad("2023-10-01T10:00", "22007", "Unexpected \"T\"");
	bad("2023/2024", "22007", "interval");
	bad("2023-10-01 x", "22007", "Unexpected");
	bad("1XXX", "22007", "last one or two digits");
	bad("XXXX", "22007", "last one or two digits");
	bad("2X23", "22007", "last one or two digits");
	bad("202XX", "22007", "last one or two digits");
	bad("-004X", "22007", "negative years");
	bad("Y1234X", "22007", "more than four digits");
	bad("Y12345X", "22007", "years of four digits");
	bad("202X-10", "22007", "cannot have a month");
	bad("2023-1X", "22007", "whole month");
	bad("2023-X1", "22007", "whole month");
	bad("2023-10-1X", "22007", "whole month or a whole day");
	bad("2023-XX-15", "22007", "month is unspecified");
	bad("-0044-XX", "22007", "0000 to 9999");
	bad("Y12345-XX", "22007", "0000 to 9999");
	bad("2020-21-01", "22007", "cannot have a day");
	bad("[2021..2020]", "22007", "ends before it begins");
	bad("[2020-05..2020-03]", "22007", "ends before it begins");
	bad("[2020,2021]", "22007", "Lists of dates");
	bad("[2020..2021,2022]", "22007", "Lists of dates");
	bad("{2020,2021}", "22007", "Lists of dates");
	bad("[..]", "22007", "at least one bound");
	bad("[2020]", "22007", "\"..\"");
	bad("[2020..2021", "22007", "\"]\"");
	bad("[2020-21..2021]", "22007", "years, months or days");
	bad("[2020?..2021]", "22007", "without qualifiers");
	bad("[202X..2021]", "22007", "bounds of a range");
	bad("[2020..2021]??", "22007", "only once");
	/* the prefix Y only for years of more than four digits */
	bad("Y00001", "22007", "more than four digits");
	bad("Y-00001", "22007", "more than four digits");
	bad("Y09999", "22007", "more than four digits");
	bad("Y-12345", "22008", "outside the range");
	bad("[2020..2021]x", "22007", "Unexpected \"x\"");
	bad("2023\001", "22007", "byte 0x01");
	/* out of range */
	bad("-4714", "22008", "-4714 lies outside");
	bad("-4713", "22008", "begins before 4714-11-24 BC");
	bad("-4713-11", "22008", "begins before");
	bad("-4713-11-23", "22008", "begins before");
	bad("Y5874898", "22008", "5874898 lies outside");
	bad("Y-12345", "22008", "-12345 lies outside");
	bad("Y99999999999999999999", "22008", "99999999999999999999 lies outside");
	bad("[-4713..2020]", "22008", "begins before");
	bad("[2020..Y5874898]", "22008", "lies outside");
}

static void
validation(void)
{
	SikoFuzzyDate fd;
	SikoError	err;

	/* from_day is an exact day */
	siko_fuzzydate_from_day(D(2023, 10, 1), &fd);
	CHECK(fd.lo == fd.hi && fd.form == SIKO_FD_DAY && fd.qual == 0 && fd.sub == 0 && fd.pad == 0);
	CHECK(siko_fuzzydate_valid(&fd, NULL));

	/* tampered values */
	parse("2023-10", &fd, NULL);
	fd.hi++;
	CHECK(!siko_fuzzydate_valid(&fd, &err) && strcmp(err.sqlstate, "22007") == 0);
	parse("2023-10", &fd, NULL);
	fd.lo++;
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	parse("2023-10", &fd, NULL);
	fd.pad = 1;
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	parse("2023-10", &fd, NULL);
	fd.qual = 4;
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	parse("2023-10", &fd, NULL);
	fd.sub = 21;
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	parse("2023-10", &fd, NULL);
	fd.form = SIKO_FD_OPEN;
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	fd.form = 200;
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	parse("2023-21", &fd, NULL);
	fd.sub = 22;
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	fd.sub = 33;				/* quarter 1 starts in January, not March */
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	parse("2023-XX", &fd, NULL);
	CHECK(siko_fuzzydate_valid(&fd, NULL));
	parse("-0044", &fd, NULL);
	fd.form = SIKO_FD_MONTH_X;	/* -0044-XX cannot be written */
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	parse("2021", &fd, NULL);
	fd.form = SIKO_FD_DECADE_X;	/* 2021 starts no decade */
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	parse("[2020..2021]", &fd, NULL);
	fd.qual = 4;
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	fd.qual = 1;
	CHECK(siko_fuzzydate_valid(&fd, NULL));
	fd.qual = 0;
	fd.lo = fd.hi + 1;
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	fd.lo = NOB;
	fd.hi = NOE;
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	fd.lo = SIKO_MIN_DAY - 1;
	fd.hi = 0;
	CHECK(!siko_fuzzydate_valid(&fd, &err) && strcmp(err.sqlstate, "22008") == 0);
	siko_fuzzydate_from_day(SIKO_MAX_DAY + 1, &fd);
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
	siko_fuzzydate_from_day(NOE, &fd);
	CHECK(!siko_fuzzydate_valid(&fd, NULL));
}

static void
order(void)
{
	/* ascending in btree order: lo, hi, qual, form, sub */
	static const char *const sorted[] = {
		"[..2019-12-31]", "[..2020]", "20XX", "2020-01-01", "2020-01-01?",
		"2020-01", "2020-01-XX", "2020-33", "2020-37", "2020-40", "2020",
		"2020-XX", "2020-XX-XX", "[2020..2020]", "2020~", "2020%", "202X",
		"[2020..]", "2020-03-01", "2020-21", "2020-25", "2020-31",
	};
	size_t		n = sizeof(sorted) / sizeof(sorted[0]);
	SikoFuzzyDate a,
				b;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
		{
			int			c,
						want = (i < j) ? -1 : (i > j);

			parse(sorted[i], &a, NULL);
			parse(sorted[j], &b, NULL);
			c = siko_fuzzydate_cmp(&a, &b);
			if (c != want)
				fprintf(stderr, "cmp(%s, %s) = %d, want %d\n", sorted[i], sorted[j], c, want);
			CHECK(c == want);
		}
}

static void
before_after(void)
{
	SikoFuzzyDate fd;

	parse("2023-10", &fd, NULL);
	CHECK(siko_fuzzydate_before(&fd, D(2023, 11, 1)) == 1);
	CHECK(siko_fuzzydate_before(&fd, D(2023, 10, 31)) == -1);
	CHECK(siko_fuzzydate_before(&fd, D(2023, 10, 2)) == -1);
	CHECK(siko_fuzzydate_before(&fd, D(2023, 10, 1)) == 0);
	CHECK(siko_fuzzydate_before(&fd, D(2023, 9, 30)) == 0);
	CHECK(siko_fuzzydate_after(&fd, D(2023, 9, 30)) == 1);
	CHECK(siko_fuzzydate_after(&fd, D(2023, 10, 1)) == -1);
	CHECK(siko_fuzzydate_after(&fd, D(2023, 10, 30)) == -1);
	CHECK(siko_fuzzydate_after(&fd, D(2023, 10, 31)) == 0);
	CHECK(siko_fuzzydate_after(&fd, D(2023, 11, 1)) == 0);
	CHECK(siko_fuzzydate_before(&fd, NOE) == 1);
	CHECK(siko_fuzzydate_before(&fd, NOB) == 0);
	CHECK(siko_fuzzydate_after(&fd, NOB) == 1);
	CHECK(siko_fuzzydate_after(&fd, NOE) == 0);

	parse("2023-10-05", &fd, NULL);
	CHECK(siko_fuzzydate_before(&fd, D(2023, 10, 6)) == 1);
	CHECK(siko_fuzzydate_before(&fd, D(2023, 10, 5)) == 0);
	CHECK(siko_fuzzydate_after(&fd, D(2023, 10, 4)) == 1);
	CHECK(siko_fuzzydate_after(&fd, D(2023, 10, 5)) == 0);

	parse("[..2022-03-03]", &fd, NULL);
	CHECK(siko_fuzzydate_before(&fd, D(2022, 3, 4)) == 1);
	CHECK(siko_fuzzydate_before(&fd, D(1900, 1, 1)) == -1);
	CHECK(siko_fuzzydate_after(&fd, D(2022, 3, 3)) == 0);
	CHECK(siko_fuzzydate_after(&fd, SIKO_MIN_DAY) == -1);
	parse("[2020-07..]", &fd, NULL);
	CHECK(siko_fuzzydate_after(&fd, D(2020, 6, 30)) == 1);
	CHECK(siko_fuzzydate_after(&fd, D(2030, 1, 1)) == -1);
	CHECK(siko_fuzzydate_before(&fd, D(2020, 7, 1)) == 0);
	CHECK(siko_fuzzydate_before(&fd, SIKO_MAX_DAY) == -1);
}

int
main(void)
{
	forms();
	errors();
	validation();
	order();
	before_after();
	corpus();
	return unit_report("fuzzydate");
}
