/*
 * fuzzydate_de.c
 *		Unit test of the German date phrases: a table of phrases with the day
 *		they were written and the EDTF they give (compared as values: the same
 *		as the value that text parses to) or the SQLSTATE they are refused
 *		with; the words the errors name; the periods.
 */
#include "unit.h"

#define NBSP	"\xc2\xa0"		/* no-break space */
#define THIN	"\xe2\x80\x89"	/* thin space */
#define NNBSP	"\xe2\x80\xaf"	/* narrow no-break space */

typedef struct Case
{
	const char *phrase;
	const char *written;		/* YYYY-MM-DD, "MIN", "MAX" or NULL */
	const char *want;			/* canonical EDTF, or "!" and the SQLSTATE */
} Case;

static const Case cases[] = {
	/* days */
	{"25. Februar 2025", NULL, "2025-02-25"},
	{"am 25. Februar 2025", NULL, "2025-02-25"},
	{"25.02.2025", NULL, "2025-02-25"},
	{"25.2.25", NULL, "2025-02-25"},
	{"zum 1. Oktober 2023", NULL, "2023-10-01"},
	{"Zum 1. Oktober 2023", NULL, "2023-10-01"},
	{"1. Okt. 2023", NULL, "2023-10-01"},
	{"1. Okt 2023", NULL, "2023-10-01"},
	{"1 Oktober 2023", NULL, "2023-10-01"},
	{"am 3.März 2022", NULL, "2022-03-03"},
	{"3. Maerz 2022", NULL, "2022-03-03"},
	{"3. Mrz. 2022", NULL, "2022-03-03"},
	{"3. Marz 2022", NULL, "2022-03-03"},
	{"30. Sept. 2023", NULL, "2023-09-30"},
	{"30. Sep. 2023", NULL, "2023-09-30"},
	{"1. Januar 2000", NULL, "2000-01-01"},
	{"31. Dezember 1999", NULL, "1999-12-31"},
	{"15. Jänner 2024", NULL, "2024-01-15"},
	{"am 29. Februar 2024", NULL, "2024-02-29"},
	{"29.02.2000", NULL, "2000-02-29"},
	{"am 29. Februar 2023", NULL, "!22007"},
	{"29.02.1900", NULL, "!22007"},
	{"31.04.2023", NULL, "!22007"},
	{"32. Mai 2023", NULL, "!22007"},
	{"25.13.2023", NULL, "!22007"},
	{"0. Mai 2023", NULL, "!22007"},
	{"1.1.69", NULL, "1969-01-01"},
	{"1.1.68", NULL, "2068-01-01"},
	{"1.1.00", NULL, "2000-01-01"},
	{"25.02.202", NULL, "!22007"},
	{"vom 25.02.2025", NULL, "2025-02-25"},
	{"den 25.02.2025", NULL, "2025-02-25"},
	{"Freitag, 18. August 2023", NULL, "2023-08-18"},
	{"am Freitag, dem 18. August 2023", NULL, "2023-08-18"},
	{"Fr., 18.08.2023", NULL, "2023-08-18"},
	{"Montag, 18. August 2023", NULL, "!22007"},
	{"Freitag", "2023-08-18", "!22007"},
	{"  am" NBSP "25." NNBSP "Februar" THIN "2025 ", NULL, "2025-02-25"},
	{"AM 25. FEBRUAR 2025", NULL, "2025-02-25"},
	{"am 25. Februar 2025.", NULL, "2025-02-25"},
	/* days without a year: the latest such day on or before written_on */
	{"am 29. September", "2023-10-11", "2023-09-29"},
	{"am 29. September", "2023-09-29", "2023-09-29"},
	{"am 29. September", "2023-09-28", "2022-09-29"},
	{"am 29. Februar", "2024-03-01", "2024-02-29"},
	{"am 29. Februar", "2024-02-29", "2024-02-29"},
	{"am 29. Februar", "2024-02-28", "2020-02-29"},
	{"am 29. Februar", "2023-06-01", "2020-02-29"},
	{"am 29. Februar", "1904-01-01", "1896-02-29"},
	{"am 29. Februar", "1904-02-29", "1904-02-29"},
	{"am 31. Dezember", "2024-01-02", "2023-12-31"},
	{"am 1. Januar", "2024-01-01", "2024-01-01"},
	{"am 2. Januar", "2024-01-01", "2023-01-02"},
	{"25.02.", "2025-03-01", "2025-02-25"},
	{"25.2.", "2025-02-24", "2024-02-25"},
	{"am 31. April", "2023-06-01", "!22007"},
	{"am 30. Februar", "2024-06-01", "!22007"},
	{"am 29. September", NULL, "!22004"},
	{"am 29. September", "MIN", "!22008"},
	/* months and years */
	{"im September 2023", NULL, "2023-09"},
	{"September 2023", NULL, "2023-09"},
	{"Sept. 2023", NULL, "2023-09"},
	{"SEPT. 2023", NULL, "2023-09"},
	{"im Oktober", "2023-10-11", "2023-10"},
	{"im Oktober", "2023-02-01", "2023-10"},
	{"im Dezember", "2024-01-02", "2024-12"},
	{"im Oktober", NULL, "!22004"},
	{"2020", NULL, "2020"},
	{"im Jahr 2020", NULL, "2020"},
	{"im Jahre 2020", NULL, "2020"},
	{"in 2020", NULL, "2020"},
	{"Jahr 2020", NULL, "2020"},
	{"im Jahr", NULL, "!22007"},
	{"im Mai 2021", NULL, "2021-05"},
	{"Februar 2024", NULL, "2024-02"},
	{"Dez. 2023", NULL, "2023-12"},
	/* parts of a year and of a month */
	{"Anfang 2020", NULL, "[2020-01..2020-04]"},
	{"Mitte 2020", NULL, "[2020-05..2020-08]"},
	{"Ende 2020", NULL, "[2020-09..2020-12]"},
	{"Anfang September 2023", NULL, "[2023-09-01..2023-09-10]"},
	{"Mitte September 2023", NULL, "[2023-09-11..2023-09-20]"},
	{"Ende September 2023", NULL, "[2023-09-21..2023-09-30]"},
	{"Ende Februar 2024", NULL, "[2024-02-21..2024-02-29]"},
	{"Ende Februar 2023", NULL, "[2023-02-21..2023-02-28]"},
	{"Mitte September", "2023-10-11", "[2023-09-11..2023-09-20]"},
	{"Anfang Dezember 2023", NULL, "[2023-12-01..2023-12-10]"},
	{"Ende Dezember 2023", NULL, "[2023-12-21..2023-12-31]"},
	{"Mitte", NULL, "!22007"},
	{"Mitte Foo", NULL, "!22007"},
	{"Mitte September", NULL, "!22004"},
	{"Frühjahr 2021", NULL, "2021-21"},
	{"Frühling 2021", NULL, "2021-21"},
	{"im Sommer 2020", NULL, "2020-22"},
	{"Herbst 2020", NULL, "2020-23"},
	{"Winter 2020", NULL, "2020-24"},
	{"im Herbst", "2023-10-11", "2023-23"},
	{"im ersten Quartal 2020", NULL, "2020-33"},
	{"im zweiten Quartal 2020", NULL, "2020-34"},
	{"im dritten Quartal 2020", NULL, "2020-35"},
	{"im vierten Quartal 2020", NULL, "2020-36"},
	{"im 3. Quartal 2020", NULL, "2020-35"},
	{"Q3 2020", NULL, "2020-35"},
	{"Q4/2020", NULL, "2020-36"},
	{"im fünften Quartal 2020", NULL, "!22007"},
	{"im ersten Halbjahr 2020", NULL, "2020-40"},
	{"im zweiten Halbjahr 2020", NULL, "2020-41"},
	{"in der ersten Jahreshälfte 2020", NULL, "2020-40"},
	{"im 2. Halbjahr 2020", NULL, "2020-41"},
	{"H1 2020", NULL, "2020-40"},
	{"im dritten Halbjahr 2020", NULL, "!22007"},
	{"im ersten Quartal", "2023-08-18", "2023-33"},
	/* relative to written_on (Friday, 18 August 2023) */
	{"heute", "2023-08-18", "2023-08-18"},
	{"gestern", "2023-08-18", "2023-08-17"},
	{"vorgestern", "2023-08-18", "2023-08-16"},
	{"morgen", "2023-08-18", "2023-08-19"},
	{"übermorgen", "2023-08-18", "2023-08-20"},
	{"diese Woche", "2023-08-18", "[2023-08-14..2023-08-20]"},
	{"in dieser Woche", "2023-08-18", "[2023-08-14..2023-08-20]"},
	{"vergangene Woche", "2023-08-18", "[2023-08-07..2023-08-13]"},
	{"in der vergangenen Woche", "2023-08-18", "[2023-08-07..2023-08-13]"},
	{"In der vergangenen Woche", "2023-08-18", "[2023-08-07..2023-08-13]"},
	{"letzte Woche", "2023-08-18", "[2023-08-07..2023-08-13]"},
	{"in der letzten Woche", "2023-08-18", "[2023-08-07..2023-08-13]"},
	{"Vorwoche", "2023-08-18", "[2023-08-07..2023-08-13]"},
	{"in der Vorwoche", "2023-08-18", "[2023-08-07..2023-08-13]"},
	{"vorige Woche", "2023-08-18", "[2023-08-07..2023-08-13]"},
	{"vor einer Woche", "2023-08-18", "[2023-08-07..2023-08-13]"},
	{"vor zwei Wochen", "2023-08-18", "[2023-07-31..2023-08-06]"},
	{"vor 2 Wochen", "2023-08-18", "[2023-07-31..2023-08-06]"},
	{"vor zwölf Wochen", "2023-08-18", "[2023-05-22..2023-05-28]"},
	{"nächste Woche", "2023-08-18", "[2023-08-21..2023-08-27]"},
	{"vergangenen Monat", "2023-08-18", "2023-07"},
	{"im Vormonat", "2023-08-18", "2023-07"},
	{"im letzten Monat", "2023-08-18", "2023-07"},
	{"diesen Monat", "2023-08-18", "2023-08"},
	{"vor drei Monaten", "2023-08-18", "2023-05"},
	{"im vergangenen Jahr", "2023-08-18", "2022"},
	{"im Vorjahr", "2023-08-18", "2022"},
	{"letztes Jahr", "2023-08-18", "2022"},
	{"in diesem Jahr", "2023-08-18", "2023"},
	{"vor zehn Jahren", "2023-08-18", "2013"},
	{"vor 3 Tagen", "2023-08-18", "2023-08-15"},
	{"vor einem Tag", "2023-08-18", "2023-08-17"},
	/* across the turn of the year, and leap days */
	{"vergangene Woche", "2024-01-02", "[2023-12-25..2023-12-31]"},
	{"vergangene Woche", "2021-01-03", "[2020-12-21..2020-12-27]"},
	{"vergangene Woche", "2021-01-04", "[2020-12-28..2021-01-03]"},
	{"diese Woche", "2025-01-01", "[2024-12-30..2025-01-05]"},
	{"vergangene Woche", "2025-01-01", "[2024-12-23..2024-12-29]"},
	{"vergangene Woche", "2024-03-04", "[2024-02-26..2024-03-03]"},
	{"gestern", "2024-01-01", "2023-12-31"},
	{"gestern", "2024-03-01", "2024-02-29"},
	{"vorgestern", "2023-03-01", "2023-02-27"},
	{"im Vormonat", "2024-01-05", "2023-12"},
	{"im Vorjahr", "2024-01-01", "2023"},
	{"vor zwölf Monaten", "2024-02-29", "2023-02"},
	{"gestern", NULL, "!22004"},
	{"vergangene Woche", NULL, "!22004"},
	{"gestern", "MIN", "!22008"},
	{"morgen", "MAX", "!22008"},
	{"heute", "MAX", "Y5874897-12-31"},
	{"diese Woche", "MAX", "!22008"},
	/* bounds */
	{"bis zum 3. März 2022", NULL, "[..2022-03-03]"},
	{"bis 3. März 2022", NULL, "[..2022-03-03]"},
	{"spätestens am 3. März 2022", NULL, "[..2022-03-03]"},
	{"bis spätestens 3. März 2022", NULL, "[..2022-03-03]"},
	{"Stand: 3. März 2022", NULL, "[..2022-03-03]"},
	{"Stand 3. März 2022", NULL, "[..2022-03-03]"},
	{"Stand: 03.03.2022", NULL, "[..2022-03-03]"},
	{"frühestens im Juli 2020", NULL, "[2020-07..]"},
	{"frühestens am 1. Juli 2020", NULL, "[2020-07..]"},
	{"nach dem 1. Juli 2020", NULL, "[2020-07-02..]"},
	{"nach Juli 2020", NULL, "[2020-08..]"},
	{"nach 2020", NULL, "[2021..]"},
	{"vor dem 1. Juli 2020", NULL, "[..2020-06]"},
	{"vor 2020", NULL, "[..2019]"},
	{"seit 2020", NULL, "2020"},
	{"seit dem 1. Oktober 2023", NULL, "2023-10-01"},
	{"ab dem 1. Oktober 2023", NULL, "2023-10-01"},
	{"seit Mitte 2020", NULL, "[2020-05..2020-08]"},
	{"bis Ende 2020", NULL, "[..2020]"},
	{"nach Mitte 2020", NULL, "[2020-09..]"},
	{"bis gestern", "2023-08-18", "[..2023-08-17]"},
	{"nach dem 31. Dezember 9999", NULL, "[Y10000..]"},
	{"bis", NULL, "!22007"},
	{"Stand:", NULL, "!22007"},
	/* qualifiers */
	{"etwa im Juli 2020", NULL, "2020-07~"},
	{"rund 2020", NULL, "2020~"},
	{"circa 2020", NULL, "2020~"},
	{"ca. 2020", NULL, "2020~"},
	{"ungefähr im Mai 2021", NULL, "2021-05~"},
	{"vermutlich am 29. September 2023", NULL, "2023-09-29?"},
	{"voraussichtlich zum 1. Oktober 2023", NULL, "2023-10-01?"},
	{"wohl 2020", NULL, "2020?"},
	{"vermutlich etwa 2020", NULL, "2020%"},
	{"seit etwa 2020", NULL, "2020~"},
	{"vermutlich gestern", "2023-08-18", "2023-08-17?"},
	{"etwa im Sommer 2020", NULL, "2020-22~"},
	{"etwa Mitte 2020", NULL, "!22007"},
	{"etwa vergangene Woche", "2023-08-18", "!22007"},
	{"bis etwa 2020", NULL, "!22007"},
	/* EDTF as it is */
	{"2023-10-01", NULL, "2023-10-01"},
	{"2020-35", NULL, "2020-35"},
	{"[..2022-03-03]", NULL, "[..2022-03-03]"},
	{"2023-13-01", NULL, "!22007"},
	/* not a date phrase */
	{"", NULL, "!22007"},
	{"   ", NULL, "!22007"},
	{"Mitte 2020 und so", NULL, "!22007"},
	{"am 25. Februar 2025 um 10 Uhr", NULL, "!22007"},
	{"irgendwann", NULL, "!22007"},
	{"2020er", NULL, "!22007"},
	{"12345", NULL, "!22007"},
	{"99999999999999", NULL, "!22007"},
	{"Mitte 202", NULL, "!22007"},
	{"\xff\xfe", NULL, "!22007"},
	{"vor", NULL, "!22007"},
	{"vor zwei", "2023-08-18", "!22007"},
	{"Anfang Ende 2020", NULL, "!22007"},
};

static bool
written(const char *w, SikoDay *day)
{
	int			y,
				m,
				d;

	if (w == NULL)
		return false;
	if (strcmp(w, "MIN") == 0)
		*day = SIKO_MIN_DAY;
	else if (strcmp(w, "MAX") == 0)
		*day = SIKO_MAX_DAY;
	else if (sscanf(w, "%d-%d-%d", &y, &m, &d) == 3)
		*day = siko_day_from_ymd(y, m, d);
	else
		abort();
	return true;
}

static void
table(void)
{
	size_t		n = sizeof(cases) / sizeof(cases[0]);
	int			read = 0;

	for (size_t k = 0; k < n; k++)
	{
		const Case *c = &cases[k];
		SikoDay		day;
		bool		has = written(c->written, &day);
		SikoFuzzyDate fd,
					want,
					again;
		SikoError	err;
		char		buf[SIKO_FUZZYDATE_BUFLEN];
		bool		ok = siko_fuzzydate_de(c->phrase, strlen(c->phrase), has ? &day : NULL, &fd, &err);

		if (c->want[0] == '!')
		{
			if (ok)
			{
				siko_fuzzydate_format(&fd, buf, sizeof(buf));
				fprintf(stderr, "\"%s\" (%s): got %s, want error %s\n",
						c->phrase, c->written ? c->written : "-", buf, c->want + 1);
				unit_failed++;
				continue;
			}
			CHECK_STR(err.sqlstate, c->want + 1);
			/* a detail is a sentence */
			CHECK(err.detail[0] != '\0' && err.detail[strlen(err.detail) - 1] == '.');
			continue;
		}
		if (!ok)
		{
			fprintf(stderr, "\"%s\" (%s): refused: %s %s\n",
					c->phrase, c->written ? c->written : "-", err.sqlstate, err.detail);
			unit_failed++;
			continue;
		}
		read++;
		/* the value the EDTF text gives (however the bounds of a range are written) */
		siko_fuzzydate_format(&fd, buf, sizeof(buf));
		if (!siko_fuzzydate_parse(c->want, strlen(c->want), &want, NULL) ||
			memcmp(&fd, &want, sizeof(fd)) != 0)
		{
			fprintf(stderr, "\"%s\" (%s): got %s, want %s\n",
					c->phrase, c->written ? c->written : "-", buf, c->want);
			unit_failed++;
		}
		else
			unit_passed++;
		/* what a phrase gives is a fuzzydate that EDTF text gives too */
		CHECK(siko_fuzzydate_valid(&fd, NULL));
		CHECK(siko_fuzzydate_parse(buf, strlen(buf), &again, NULL) &&
			  memcmp(&fd, &again, sizeof(fd)) == 0);
	}
	CHECK(n >= 150);
	printf("phrases: %d in the table, %d read, %d refused\n", (int) n, read, (int) n - read);
}

/* the error names the word it stopped at */
static void
detail(const char *phrase, const char *w, const char *part)
{
	SikoDay		day;
	bool		has = written(w, &day);
	SikoFuzzyDate fd;
	SikoError	err;

	if (siko_fuzzydate_de(phrase, strlen(phrase), has ? &day : NULL, &fd, &err))
	{
		unit_failed++;
		fprintf(stderr, "\"%s\" accepted\n", phrase);
		return;
	}
	if (strstr(err.detail, part) == NULL)
	{
		unit_failed++;
		fprintf(stderr, "\"%s\": detail \"%s\" lacks \"%s\"\n", phrase, err.detail, part);
	}
	else
		unit_passed++;
}

static void
details(void)
{
	detail("Mitte Foo 2020", NULL, "at \"Foo\": expected a month");
	detail("am 25. Februar 2025 um 10 Uhr", NULL, "at \"um\": expected the end of the phrase");
	detail("am 25.", NULL, "The phrase ends where a month");
	detail("irgendwann", NULL, "at \"irgendwann\": expected a date");
	detail("25.13.2023", NULL, "at \"13.\": expected a month of 1 to 12");
	detail("im fünften Quartal 2020", NULL, "at \"fünften\": expected the first to fourth quarter");
	detail("gestern", NULL, "\"gestern\" is counted from the day of writing, and written_on is NULL.");
	detail("am 29. September", NULL, "\"29. September\" has no year");
	detail("Ende September", NULL, "\"Ende September\" has no year");
	detail("etwa Mitte 2020", NULL, "\"etwa\" cannot qualify a phrase read as one day of the range [2020-05..2020-08]");
	detail("bis etwa 2020", NULL, "a range carries no qualifier");
	detail("Montag, 18. August 2023", NULL, "The day 2023-08-18 is a Friday, not a Monday.");
	detail("am 29. Februar 2023", NULL, "February 2023 has 28 days");
	detail("2023-13-01", NULL, "Month 13 does not exist");
	detail("", NULL, "The phrase is empty.");
	detail("gestern", "MIN", "outside the range");
	detail("a b c d e f g h i j k l m n o p q r s t u v w x y z", NULL, "at \"y\": a date phrase has at most 24 words");
	detail("am 25. Februar \xe2\x80\x94 2025", "2025-03-01", "at \"\xe2\x80\x94\"");
}

/* siko_period_de */
static void
period(const char *phrase, const char *w, const char *want)
{
	SikoDay		day;
	bool		has = written(w, &day);
	SikoPeriod	p;
	SikoError	err;
	char		buf[SIKO_PERIOD_BUFLEN];

	if (!siko_period_de(phrase, strlen(phrase), has ? &day : NULL, &p, &err))
	{
		if (want[0] == '!')
			CHECK_STR(err.sqlstate, want + 1);
		else
		{
			unit_failed++;
			fprintf(stderr, "period \"%s\": refused: %s %s\n", phrase, err.sqlstate, err.detail);
		}
		return;
	}
	siko_period_format(&p, buf, sizeof(buf));
	CHECK_STR(buf, want);
	CHECK(siko_period_valid(&p, NULL));
}

static void
periods(void)
{
	period("seit Mitte 2020", NULL, "[2020-05..2020-08]/..");
	period("vom 1. Oktober 2023 bis zum 31. März 2025", NULL, "2023-10-01/2025-03-31");
	period("vom 1. Oktober 2023 bis einschließlich 31. März 2025", NULL, "2023-10-01/2025-03-31");
	period("1.10.2023 bis 31.3.2025", NULL, "2023-10-01/2025-03-31");
	period("seit dem 1. Oktober 2023", NULL, "2023-10-01/..");
	period("ab dem 1. Oktober 2023", NULL, "2023-10-01/..");
	period("ab 2020", NULL, "2020/..");
	period("von 2020 bis 2022", NULL, "2020/2022");
	period("seit etwa 2020", NULL, "2020~/..");
	period("seit der vergangenen Woche", "2023-08-18", "[2023-08-07..2023-08-13]/..");
	period("vom 1. Oktober bis zum 31. Dezember 2023", "2023-12-31", "2023-10-01/2023-12-31");
	period("vom 1. Oktober bis zum 31. März 2025", NULL, "2024-10-01/2025-03-31");
	period("vom 1. Oktober bis zum 31. März", "2025-06-30", "2024-10-01/2025-03-31");
	period("vom 29. Februar bis zum 31. Dezember 2023", NULL, "2020-02-29/2023-12-31");
	period("von Oktober bis Dezember 2023", NULL, "2023-10/2023-12");
	period("vom 1. Oktober bis heute", "2023-10-11", "2023-10-01/2023-10-11");
	period("vom 1. Oktober 2023 bis", NULL, "!22007");
	period("vom Foo bis 2023", NULL, "!22007");
	period("2023-10-01/..", NULL, "2023-10-01/..");
	period("bis zum 31. März 2025", NULL, "!22007");
	period("vom 1. Oktober 2023", NULL, "!22007");
	period("seit 2020 bis", NULL, "!22007");
	period("seit gestern", NULL, "!22004");
	period("vom 31. März 2025 bis zum 1. Oktober 2023", NULL, "!22000");
	period("", NULL, "!22007");
	period("seit dem 1. Oktober 2023 und so", NULL, "!22007");
}

int
main(void)
{
	table();
	details();
	periods();
	return unit_report("fuzzydate_de");
}
