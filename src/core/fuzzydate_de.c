/*
 * fuzzydate_de.c
 *		German date phrases, as press releases and minutes write them, read
 *		into a fuzzydate or a period (the table of phrases: doc/edtf-de.md).
 *
 * The phrase is cut into at most DE_MAXTOK tokens: words (lower case,
 * umlauts and sharp s written ae oe ue ss, an abbreviation's dot kept as
 * a flag), numbers (with the ordinal dot as a flag) and punctuation.
 * Thin, narrow and non-breaking spaces separate like spaces.  A small
 * recursive-descent parser then reads
 *
 *   phrase  := qualifier* [bound] qualifier* [preposition] [article] date
 *   date    := day | month | year | part of a year | relative phrase
 *
 * and builds the value with the fuzzydate core's own constructors, so a
 * phrase can only give what an EDTF text could have given.  A phrase that
 * is already EDTF (2023-10-01, 2020-35, [..2022-03-03]) is read as such.
 *
 * Days and months without a year, and phrases relative to the day of
 * writing, need written_on; without it they are refused (22004).
 */
#include <string.h>

#include "siko_core.h"

#define SQL_BAD		"22007"		/* invalid_datetime_format */
#define SQL_RANGE	"22008"		/* datetime_field_overflow */
#define SQL_NOREF	"22004"		/* null_value_not_allowed: written_on */

#define DE_MAXTOK	24
#define DE_WORDLEN	20

enum
{
	TK_WORD, TK_NUM, TK_COLON, TK_COMMA, TK_SLASH, TK_OTHER
};

typedef struct DeTok
{
	uint8_t		kind;
	bool		dot;			/* a '.' follows directly */
	uint8_t		ndig;			/* digits of a number (capped at 10) */
	int32_t		num;			/* its value, if ndig <= 9 */
	uint32_t	pos;			/* bytes of the original phrase */
	uint32_t	len;
	char		w[DE_WORDLEN];	/* normalized word, NUL-terminated */
} DeTok;

typedef struct De
{
	const char *s;
	DeTok		t[DE_MAXTOK];
	int			n;
	int			i;
	bool		has_ref;		/* written_on given, or the end of vom ... bis */
	SikoDay		ref;
	int32_t		ry;				/* ref as year, month, day */
	int			rm,
				rd;
	SikoError  *err;
} De;

/* ------------------------------------------------------------------
 * Tokens
 * ---------------------------------------------------------------- */

/* bytes of a space at p (ASCII, no-break, thin, narrow no-break ...), or 0 */
static int
space_len(const unsigned char *p, const unsigned char *end)
{
	if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		return 1;
	if (end - p >= 2 && p[0] == 0xc2 && p[1] == 0xa0)
		return 2;
	if (end - p >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
		((p[2] >= 0x80 && p[2] <= 0x8a) || p[2] == 0xaf))
		return 3;
	if (end - p >= 3 && p[0] == 0xe2 && p[1] == 0x81 && p[2] == 0x9f)
		return 3;
	return 0;
}

/*
 * A letter at p: its bytes, and its lower-case ASCII spelling in *spell
 * (Ä ä -> ae, Ö ö -> oe, Ü ü -> ue, ß ẞ -> ss); 0 if p is no letter.
 */
static int
letter_len(const unsigned char *p, const unsigned char *end, const char **spell)
{
	static char ascii[2];

	if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
	{
		ascii[0] = (char) (*p | 0x20);
		ascii[1] = '\0';
		*spell = ascii;
		return 1;
	}
	if (end - p >= 2 && p[0] == 0xc3)
	{
		switch (p[1])
		{
			case 0x84:
			case 0xa4:
				*spell = "ae";
				return 2;
			case 0x96:
			case 0xb6:
				*spell = "oe";
				return 2;
			case 0x9c:
			case 0xbc:
				*spell = "ue";
				return 2;
			case 0x9f:
				*spell = "ss";
				return 2;
		}
	}
	if (end - p >= 3 && p[0] == 0xe1 && p[1] == 0xba && p[2] == 0x9e)
	{
		*spell = "ss";
		return 3;
	}
	return 0;
}

/* the bytes of the (possibly invalid) UTF-8 character at p */
static int
char_len(const unsigned char *p, const unsigned char *end)
{
	int			n = (*p < 0xc0) ? 1 : (*p < 0xe0) ? 2 : (*p < 0xf0) ? 3 : 4;

	for (int k = 1; k < n; k++)
		if (p + k >= end || (p[k] & 0xc0) != 0x80)
			return k;
	return n;
}

/* cut s into tokens; a final '.' ends a sentence and is no ordinal dot */
static bool
tokenize(De *de, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *) s;
	const unsigned char *end = p + len;

	de->n = 0;
	while (p < end)
	{
		DeTok	   *t;
		int			k;
		const char *spell;

		if ((k = space_len(p, end)) > 0)
		{
			p += k;
			continue;
		}
		if (de->n == DE_MAXTOK)
			return siko_fail(de->err, SQL_BAD,
							 "The phrase could not be read at \"%.*s\": a date phrase has at most %d words, numbers and signs.",
							 char_len(p, end), (const char *) p, DE_MAXTOK);
		t = &de->t[de->n++];
		memset(t, 0, sizeof(*t));
		t->pos = (uint32_t) ((const char *) p - s);
		if (*p >= '0' && *p <= '9')
		{
			t->kind = TK_NUM;
			for (; p < end && *p >= '0' && *p <= '9'; p++)
			{
				if (t->ndig < 10)
					t->ndig++;
				if (t->ndig <= 9)
					t->num = t->num * 10 + (*p - '0');
			}
		}
		else if (letter_len(p, end, &spell) > 0)
		{
			size_t		wl = 0;

			t->kind = TK_WORD;
			while (p < end)
			{
				if (*p >= '0' && *p <= '9')
					spell = (const char *) p, k = 1;	/* Q3, H1 */
				else if ((k = letter_len(p, end, &spell)) == 0)
					break;
				for (int j = 0; j < (k == 1 ? 1 : 2); j++)
					if (wl < DE_WORDLEN - 1)
						t->w[wl++] = spell[j];
					else
						t->w[0] = '#';	/* too long for any known word */
				p += k;
			}
			t->w[wl] = '\0';
		}
		else
		{
			t->kind = (*p == ':') ? TK_COLON : (*p == ',') ? TK_COMMA :
				(*p == '/') ? TK_SLASH : TK_OTHER;
			p += char_len(p, end);
		}
		if ((t->kind == TK_WORD || t->kind == TK_NUM) && p < end && *p == '.')
		{
			t->dot = true;
			p++;
		}
		t->len = (uint32_t) ((const char *) p - s) - t->pos;
	}
	if (de->n > 0 && de->t[de->n - 1].dot)
		de->t[de->n - 1].dot = false;
	return true;
}

/* ------------------------------------------------------------------
 * Reading tokens
 * ---------------------------------------------------------------- */

/* the quoted token k for a message, or "the end of the phrase" */
static bool
fail_at(De *de, int k, const char *what)
{
	if (k >= de->n)
		return siko_fail(de->err, SQL_BAD, "The phrase ends where %s was expected.", what);
	return siko_fail(de->err, SQL_BAD, "The phrase could not be read at \"%.*s\": expected %s.",
					 (int) (de->t[k].len > 40 ? 40 : de->t[k].len), de->s + de->t[k].pos,
					 what);
}

static const DeTok *
tok(const De *de, int ahead)
{
	int			k = de->i + ahead;

	return (k < de->n) ? &de->t[k] : NULL;
}

/* the word ahead equals one of the NULL-terminated list; its index or -1 */
static int
word_of(const De *de, int ahead, const char *const *list)
{
	const DeTok *t = tok(de, ahead);

	if (t == NULL || t->kind != TK_WORD)
		return -1;
	for (int k = 0; list[k]; k++)
		if (strcmp(t->w, list[k]) == 0)
			return k;
	return -1;
}

static bool
is_word(const De *de, int ahead, const char *w)
{
	const char *const list[] = {w, NULL};

	return word_of(de, ahead, list) == 0;
}

/* an adjective: stem plus a German ending (vergangene, letzten, dieser ...) */
static bool
is_adjective(const De *de, int ahead, const char *stem)
{
	const DeTok *t = tok(de, ahead);
	size_t		n = strlen(stem);
	const char *rest;

	if (t == NULL || t->kind != TK_WORD || strncmp(t->w, stem, n) != 0)
		return false;
	rest = t->w + n;
	return strcmp(rest, "e") == 0 || strcmp(rest, "en") == 0 || strcmp(rest, "er") == 0 ||
		strcmp(rest, "es") == 0 || strcmp(rest, "em") == 0 ||
		(rest[0] == '\0' && strcmp(stem, "dies") == 0);
}

/* 1..12 as a word: ein(e,en,er,em), zwei .. zwoelf; 0 if none */
static int
count_word(const De *de, int ahead)
{
	static const char *const words[] = {
		"zwei", "drei", "vier", "fuenf", "sechs", "sieben", "acht", "neun",
		"zehn", "elf", "zwoelf", NULL
	};
	static const char *const one[] = {"ein", "eins", "eine", "einen", "einer", "einem", NULL};
	int			k;

	if (word_of(de, ahead, one) >= 0)
		return 1;
	k = word_of(de, ahead, words);
	return k < 0 ? 0 : k + 2;
}

/* 1..12 as an ordinal word (erste, zweiten, dritter ...) or "3."; 0 if none */
static int
ordinal(const De *de, int ahead)
{
	static const char *const stems[] = {
		"erst", "zweit", "dritt", "viert", "fuenft", "sechst", "siebt", "acht",
		"neunt", "zehnt", "elft", "zwoelft", NULL
	};
	const DeTok *t = tok(de, ahead);

	if (t && t->kind == TK_NUM && t->dot && t->ndig <= 2 && t->num >= 1 && t->num <= 12)
		return t->num;
	for (int k = 0; stems[k]; k++)
		if (is_adjective(de, ahead, stems[k]))
			return k + 1;
	return 0;
}

/* a month name or abbreviation: 1..12, or 0 */
static int
month_word(const De *de, int ahead)
{
	static const struct
	{
		const char *w;
		int			m;
	}			names[] = {
		{"januar", 1}, {"jan", 1}, {"jaenner", 1}, {"februar", 2}, {"feb", 2},
		{"febr", 2}, {"maerz", 3}, {"marz", 3}, {"maer", 3}, {"mrz", 3},
		{"april", 4}, {"apr", 4}, {"mai", 5}, {"juni", 6}, {"jun", 6},
		{"juli", 7}, {"jul", 7}, {"august", 8}, {"aug", 8}, {"september", 9},
		{"sep", 9}, {"sept", 9}, {"oktober", 10}, {"okt", 10}, {"november", 11},
		{"nov", 11}, {"dezember", 12}, {"dez", 12}
	};
	const DeTok *t = tok(de, ahead);

	if (t == NULL || t->kind != TK_WORD)
		return 0;
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (strcmp(t->w, names[k].w) == 0)
			return names[k].m;
	return 0;
}

/* a year of four digits ahead (not a day: no ordinal dot) */
static bool
year_ahead(const De *de, int ahead)
{
	const DeTok *t = tok(de, ahead);

	return t && t->kind == TK_NUM && t->ndig == 4 && !t->dot;
}

/* ------------------------------------------------------------------
 * Building values
 * ---------------------------------------------------------------- */

/* the words k to the last one read, for a message */
static int
span_len(const De *de, int k)
{
	int			last = (de->i - 1 > k) ? de->i - 1 : k;
	uint32_t	n = de->t[last].pos + de->t[last].len - de->t[k].pos;

	return (int) (n > 60 ? 60 : n);
}

static bool
need_ref(De *de, int k, const char *why)
{
	if (de->has_ref)
		return true;
	return siko_fail(de->err, SQL_NOREF, "\"%.*s\" %s, and written_on is NULL.",
					 span_len(de, k), de->s + de->t[k].pos, why);
}

/* an optional year of four digits; without it, written_on's year */
static bool
opt_year(De *de, int from, int64_t *year)
{
	if (year_ahead(de, 0))
	{
		*year = tok(de, 0)->num;
		de->i++;
		return true;
	}
	if (!need_ref(de, from, "has no year, which is then taken from the day of writing"))
		return false;
	*year = de->ry;
	return true;
}

static bool
make_days(De *de, int64_t lo, int64_t hi, SikoFuzzyDate *out)
{
	if (lo == hi)
	{
		if (!siko_day_in_range(lo))
			return siko_fail(de->err, SQL_RANGE,
							 "The day lies outside the range of PostgreSQL's date type.");
		siko_fuzzydate_from_day((SikoDay) lo, out);
		return true;
	}
	return siko_fuzzydate_make_set(lo, hi, out, de->err);
}

/*
 * One day of a part (0 Anfang, 1 Mitte, 2 Ende) of a month (1-10, 11-20,
 * 21 to the last day) or, month 0, of a year (January-April, May-August,
 * September-December).
 */
static bool
make_part(De *de, int part, int64_t year, int month, SikoFuzzyDate *out)
{
	SikoFuzzyDate first,
				last;

	if (month == 0)
	{
		if (!siko_fuzzydate_make(SIKO_FD_MONTH, year, 1 + 4 * part, 1, 0, 0, &first, de->err) ||
			!siko_fuzzydate_make(SIKO_FD_MONTH, year, 4 + 4 * part, 1, 0, 0, &last, de->err))
			return false;
		return siko_fuzzydate_make_set(first.lo, last.hi, out, de->err);
	}
	if (!siko_fuzzydate_make(SIKO_FD_MONTH, year, month, 1, 0, 0, &first, de->err))
		return false;
	return siko_fuzzydate_make_set((int64_t) first.lo + 10 * part,
								   part == 2 ? first.hi : (int64_t) first.lo + 10 * part + 9,
								   out, de->err);
}

/* the day d.m of year, or (no year) the latest d.m on or before written_on */
static bool
make_day(De *de, int from, int day, int month, bool has_year, int64_t year,
		 SikoFuzzyDate *out)
{
	if (has_year)
		return siko_fuzzydate_make(SIKO_FD_DAY, year, month, day, 0, 0, out, de->err);
	if (!need_ref(de, from, "has no year, so it is read as the latest such day on or before the day of writing"))
		return false;
	if (month >= 1 && month <= 12 && day >= 1 && day <= siko_days_in_month(2000, month))
	{
		/* 29 February comes round at least every eight years */
		for (int64_t y = de->ry; y >= (int64_t) de->ry - 8 && y >= SIKO_MIN_YEAR; y--)
			if (day <= siko_days_in_month((int32_t) y, month) &&
				(y < de->ry || month < de->rm || (month == de->rm && day <= de->rd)))
				return siko_fuzzydate_make(SIKO_FD_DAY, y, month, day, 0, 0, out, de->err);
	}
	return siko_fuzzydate_make(SIKO_FD_DAY, de->ry, month, day, 0, 0, out, de->err);
}

/* ------------------------------------------------------------------
 * Phrases relative to the day of writing
 * ---------------------------------------------------------------- */

enum
{
	U_DAY, U_WEEK, U_MONTH, U_YEAR
};

/* the day, week (Monday to Sunday), month or year 'back' units before written_on */
static bool
make_relative(De *de, int from, int unit, int64_t back, SikoFuzzyDate *out)
{
	int64_t		monday,
				mm,
				y;

	if (!need_ref(de, from, "is counted from the day of writing"))
		return false;
	switch (unit)
	{
		case U_DAY:
			return make_days(de, (int64_t) de->ref - back, (int64_t) de->ref - back, out);
		case U_WEEK:
			monday = (int64_t) de->ref - siko_weekday(de->ref) - 7 * back;
			return make_days(de, monday, monday + 6, out);
		case U_MONTH:
			mm = (int64_t) de->ry * 12 + (de->rm - 1) - back;
			y = (mm >= 0) ? mm / 12 : -((-mm + 11) / 12);
			return siko_fuzzydate_make(SIKO_FD_MONTH, y, (int) (mm - y * 12) + 1, 1, 0, 0,
									   out, de->err);
		default:
			return siko_fuzzydate_make(SIKO_FD_YEAR, (int64_t) de->ry - back, 1, 1, 0, 0,
									   out, de->err);
	}
}

/* a unit word (Tag, Wochen, Monats, Jahre ...): its U_*, or -1 */
static int
unit_word(const De *de, int ahead)
{
	static const char *const words[] = {
		"tag", "tage", "tagen", "woche", "wochen", "monat", "monate", "monaten", "monats",
		"jahr", "jahre", "jahren", "jahres", NULL
	};
	static const int unit[] = {
		U_DAY, U_DAY, U_DAY, U_WEEK, U_WEEK, U_MONTH, U_MONTH, U_MONTH, U_MONTH,
		U_YEAR, U_YEAR, U_YEAR, U_YEAR
	};
	int			k = word_of(de, ahead, words);

	return k < 0 ? -1 : unit[k];
}

/* "vor" and a count (zwei, 2) and a unit ahead: the count, else 0 */
static int
ago_count(const De *de)
{
	const DeTok *t = tok(de, 1);
	int			n;

	if (!is_word(de, 0, "vor") || t == NULL)
		return 0;
	n = (t->kind == TK_NUM && !t->dot && t->ndig <= 4) ? t->num : count_word(de, 1);
	return (n > 0 && unit_word(de, 2) >= 0) ? n : 0;
}

/*
 * heute, gestern, vorgestern, morgen, uebermorgen; Vorwoche, Vormonat,
 * Vorjahr; diese/vergangene/letzte/vorige/naechste/kommende Woche (Monat,
 * Jahr); vor zwei Wochen.  *found is false when none of them is ahead.
 */
static bool
relative(De *de, SikoFuzzyDate *out, bool *found)
{
	static const char *const days[] = {"heute", "gestern", "vorgestern", "morgen", "uebermorgen", NULL};
	static const int day_back[] = {0, 1, 2, -1, -2};
	static const char *const prev[] = {"vorwoche", "vormonat", "vorjahr", NULL};
	static const char *const stems[] = {"dies", "vergangen", "letzt", "vorig", "naechst", "kommend", NULL};
	static const int stem_back[] = {0, 1, 1, 1, -1, -1};
	int			from = de->i;
	int			k,
				n;

	*found = true;
	if ((k = word_of(de, 0, days)) >= 0)
	{
		de->i++;
		return make_relative(de, from, U_DAY, day_back[k], out);
	}
	if ((k = word_of(de, 0, prev)) >= 0)
	{
		de->i++;
		return make_relative(de, from, U_WEEK + k, 1, out);
	}
	if ((n = ago_count(de)) > 0)
	{
		k = unit_word(de, 2);
		de->i += 3;
		return make_relative(de, from, k, n, out);
	}
	for (k = 0; stems[k]; k++)
		if (is_adjective(de, 0, stems[k]) && unit_word(de, 1) > U_DAY)
		{
			n = unit_word(de, 1);
			de->i += 2;
			return make_relative(de, from, n, stem_back[k], out);
		}
	*found = false;
	return true;
}

/* ------------------------------------------------------------------
 * Parts of a year: Anfang/Mitte/Ende, seasons, quarters, halves
 * ---------------------------------------------------------------- */

static bool
part_of_year(De *de, SikoFuzzyDate *out, bool *found)
{
	static const char *const parts[] = {"anfang", "mitte", "ende", NULL};
	static const char *const seasons[] = {"fruehjahr", "fruehling", "sommer", "herbst", "winter", NULL};
	static const int season_code[] = {21, 21, 22, 23, 24};
	static const char *const codes[] = {"q1", "q2", "q3", "q4", "h1", "h2", NULL};
	static const char *const halves[] = {"halbjahr", "halbjahres", "jahreshaelfte", NULL};
	int			from = de->i;
	int			k,
				sub = 0,
				month;
	int64_t		year;

	*found = true;
	if ((k = word_of(de, 0, parts)) >= 0)
	{
		de->i++;
		if ((month = month_word(de, 0)) > 0)
			de->i++;
		else if (!year_ahead(de, 0))
			return fail_at(de, de->i, "a month (September) or a year (2020) after Anfang, Mitte or Ende");
		return opt_year(de, from, &year) && make_part(de, k, year, month, out);
	}
	if ((k = word_of(de, 0, seasons)) >= 0)
		sub = season_code[k], de->i++;
	else if ((k = word_of(de, 0, codes)) >= 0)
	{
		sub = (k < 4) ? 33 + k : 40 + k - 4;
		de->i++;
		if (tok(de, 0) && tok(de, 0)->kind == TK_SLASH && year_ahead(de, 1))
			de->i++;
	}
	else if ((k = ordinal(de, 0)) > 0 && is_word(de, 1, "quartal"))
	{
		if (k > 4)
			return fail_at(de, de->i, "the first to fourth quarter");
		sub = 32 + k, de->i += 2;
	}
	else if (k > 0 && word_of(de, 1, halves) >= 0)
	{
		if (k > 2)
			return fail_at(de, de->i, "the first or second half of a year");
		sub = 39 + k, de->i += 2;
	}
	else
	{
		*found = false;
		return true;
	}
	return opt_year(de, from, &year) &&
		siko_fuzzydate_make(SIKO_FD_SUBYEAR, year, 0, 0, sub, 0, out, de->err);
}

/* ------------------------------------------------------------------
 * Days, months and years
 * ---------------------------------------------------------------- */

/* a year written with two digits (25.2.25): 00-68 are 2000-2068, 69-99 1969-1999 */
static int64_t
two_digit_year(int yy)
{
	return yy < 69 ? 2000 + yy : 1900 + yy;
}

/* Montag .. Sonntag: 0..6, or -1 */
static int
weekday_word(const De *de)
{
	static const char *const names[] = {
		"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", NULL
	};
	static const char *const abbr[] = {"mo", "di", "mi", "do", "fr", "sa", "so", NULL};
	int			k = word_of(de, 0, names);

	if (k < 0 && tok(de, 0)->dot)
		k = word_of(de, 0, abbr);
	if (k < 0 && is_word(de, 0, "sonnabend"))
		k = 5;
	return k;
}

/* 25.02.2025, 25.2.25, 25.02. (the first number has been checked) */
static bool
numeric_day(De *de, SikoFuzzyDate *out)
{
	const DeTok *d = tok(de, 0),
			   *m = tok(de, 1),
			   *y;
	int			from = de->i;
	int64_t		year = 0;

	if (m->ndig > 2 || m->num < 1 || m->num > 12)
		return fail_at(de, de->i + 1, "a month of 1 to 12 (25.02.2025)");
	de->i += 2;
	y = tok(de, 0);
	if (m->dot && y && y->kind == TK_NUM)
	{
		if (y->ndig == 4)
			year = y->num;
		else if (y->ndig == 2)
			year = two_digit_year(y->num);
		else
			return fail_at(de, de->i, "a year of four or two digits (2025, 25)");
		de->i++;
	}
	return make_day(de, from, d->num, m->num, y && de->i > from + 2, year, out);
}

static bool
day_month_year(De *de, SikoFuzzyDate *out)
{
	const DeTok *t = tok(de, 0);
	int			from = de->i;
	int			month;
	int64_t		year = 0;
	bool		has_year;

	if ((month = month_word(de, 0)) > 0)
	{
		de->i++;
		return opt_year(de, from, &year) &&
			siko_fuzzydate_make(SIKO_FD_MONTH, year, month, 1, 0, 0, out, de->err);
	}
	if (t == NULL || t->kind != TK_NUM)
		return fail_at(de, de->i, "a date (25. Februar 2025, 25.02.2025, September 2023, 2020, Mitte 2020, gestern)");
	if (year_ahead(de, 0))
	{
		de->i++;
		return siko_fuzzydate_make(SIKO_FD_YEAR, t->num, 1, 1, 0, 0, out, de->err);
	}
	if (t->ndig > 2)
		return fail_at(de, de->i, "a day of one or two digits or a year of four");
	if (t->dot && tok(de, 1) && tok(de, 1)->kind == TK_NUM)
		return numeric_day(de, out);
	if ((month = month_word(de, 1)) == 0)
		return fail_at(de, de->i + 1, "a month (Februar, Feb., 02.) after the day");
	de->i += 2;
	has_year = year_ahead(de, 0);
	if (has_year)
		year = tok(de, 0)->num, de->i++;
	return make_day(de, from, t->num, month, has_year, year, out);
}

/* [Freitag,] [den] a day: the day of the week must be the day's */
static bool
weekday_day(De *de, SikoFuzzyDate *out)
{
	static const char *const en[] = {
		"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
	};
	int			wd = (tok(de, 0) != NULL) ? weekday_word(de) : -1;
	int32_t		y;
	int			m,
				d;

	if (wd < 0)
		return day_month_year(de, out);
	de->i++;
	if (tok(de, 0) && tok(de, 0)->kind == TK_COMMA)
		de->i++;
	if (is_word(de, 0, "den") || is_word(de, 0, "dem"))
		de->i++;
	if (!day_month_year(de, out))
		return false;
	if (out->form != SIKO_FD_DAY)
		return siko_fail(de->err, SQL_BAD, "A day of the week must be followed by a day (Freitag, 18. August 2023).");
	if (siko_weekday(out->lo) != wd)
	{
		siko_ymd_from_day(out->lo, &y, &m, &d);
		return siko_fail(de->err, SQL_BAD, "The day %04d-%02d-%02d is a %s, not a %s.",
						 (int) y, m, d, en[siko_weekday(out->lo)], en[wd]);
	}
	return true;
}

/* ------------------------------------------------------------------
 * Phrases
 * ---------------------------------------------------------------- */

/* etwa, rund, circa, ca. ... (~); vermutlich, voraussichtlich, wohl (?) */
static int
qualifiers(De *de, int *first)
{
	static const char *const approx[] = {"etwa", "rund", "circa", "zirka", "ca", "ungefaehr", NULL};
	static const char *const uncertain[] = {"vermutlich", "voraussichtlich", "wohl", "wahrscheinlich", NULL};
	int			q = 0;

	for (;;)
	{
		if (word_of(de, 0, approx) >= 0)
			q |= SIKO_FD_APPROX;
		else if (word_of(de, 0, uncertain) >= 0)
			q |= SIKO_FD_UNCERTAIN;
		else
			return q;
		if (*first < 0)
			*first = de->i;
		de->i++;
	}
}

/* am, im, in, zum, zur, vom; then der, dem, den */
static void
fillers(De *de)
{
	static const char *const prep[] = {"am", "im", "in", "zum", "zur", "vom", NULL};
	static const char *const art[] = {"der", "dem", "den", NULL};

	if (word_of(de, 0, prep) >= 0)
		de->i++;
	if (word_of(de, 0, art) >= 0)
		de->i++;
}

/* a date, with qualifiers and a preposition before it */
static bool
date(De *de, int q, int first, SikoFuzzyDate *out)
{
	bool		found;
	char		buf[SIKO_FUZZYDATE_BUFLEN];

	q |= qualifiers(de, &first);
	fillers(de);
	if (is_word(de, 0, "jahr") || is_word(de, 0, "jahre") || is_word(de, 0, "jahres"))
	{
		de->i++;
		if (!year_ahead(de, 0))
			return fail_at(de, de->i, "a year of four digits (im Jahr 2020)");
	}
	if (!relative(de, out, &found))
		return false;
	if (!found && !part_of_year(de, out, &found))
		return false;
	if (!found && !weekday_day(de, out))
		return false;
	if (q != 0 && out->form == SIKO_FD_SET)
	{
		siko_fuzzydate_format(out, buf, sizeof(buf));
		return siko_fail(de->err, SQL_BAD,
						 "\"%.*s\" cannot qualify a phrase read as one day of the range %s: in EDTF a range carries no qualifier.",
						 (int) (de->t[first].len > 40 ? 40 : de->t[first].len),
						 de->s + de->t[first].pos, buf);
	}
	out->qual = (uint8_t) q;
	return true;
}

enum
{
	B_NONE, B_UNTIL, B_FROM, B_AFTER, B_BEFORE, B_SINCE
};

/* bis (zum), spaetestens, Stand:, fruehestens, nach (dem), vor (dem), seit, ab */
static int
bound(De *de)
{
	static const char *const words[] = {
		"bis", "spaetestens", "stand", "fruehestens", "nach", "vor", "seit", "ab", NULL
	};
	static const int kind[] = {B_UNTIL, B_UNTIL, B_UNTIL, B_FROM, B_AFTER, B_BEFORE, B_SINCE, B_SINCE};
	int			k = word_of(de, 0, words);

	if (k < 0 || (kind[k] == B_BEFORE && ago_count(de) > 0))
		return B_NONE;
	de->i++;
	if (k == 0 && is_word(de, 0, "spaetestens"))
		de->i++;
	if (k == 2 && tok(de, 0) && tok(de, 0)->kind == TK_COLON)
		de->i++;
	return kind[k];
}

static bool
apply_bound(De *de, int b, SikoFuzzyDate *fd)
{
	int64_t		lo = fd->lo,
				hi = fd->hi;

	if (b != B_NONE && b != B_SINCE && fd->qual != 0)
		return siko_fail(de->err, SQL_BAD,
						 "A bound (bis, spätestens, Stand:, frühestens, nach, vor) gives one day of a range, and in EDTF a range carries no qualifier.");
	switch (b)
	{
		case B_UNTIL:
			return siko_fuzzydate_make_set(SIKO_DAY_NOBEGIN, hi, fd, de->err);
		case B_FROM:
			return siko_fuzzydate_make_set(lo, SIKO_DAY_NOEND, fd, de->err);
		case B_AFTER:
			return siko_fuzzydate_make_set(hi + 1, SIKO_DAY_NOEND, fd, de->err);
		case B_BEFORE:
			return siko_fuzzydate_make_set(SIKO_DAY_NOBEGIN, lo - 1, fd, de->err);
		default:
			return true;
	}
}

static bool
at_end(De *de)
{
	return de->i >= de->n || fail_at(de, de->i, "the end of the phrase");
}

/* set up de for s; false (err filled) when written_on is no day or s too long */
static bool
de_start(De *de, const char *s, size_t len, const SikoDay *written_on, SikoError *err)
{
	de->s = s;
	de->i = 0;
	de->err = err;
	de->has_ref = (written_on != NULL);
	if (written_on)
	{
		if (!siko_day_in_range(*written_on))
			return siko_fail(err, SQL_RANGE,
							 "The day of writing (written_on) must be a day of the calendar, not infinity or -infinity.");
		de->ref = *written_on;
		siko_ymd_from_day(de->ref, &de->ry, &de->rm, &de->rd);
	}
	if (!tokenize(de, s, len))
		return false;
	if (de->n == 0)
		return siko_fail(err, SQL_BAD, "The phrase is empty.");
	return true;
}

/* an EDTF text failed, German as well: the EDTF error when it looks like EDTF */
static bool
prefer_edtf(const De *de, const char *s, size_t len)
{
	for (int k = 0; k < de->n; k++)
		if (de->t[k].kind == TK_WORD && de->t[k].w[0] != 'x' && de->t[k].w[0] != 'y')
			return false;
	return memchr(s, '-', len) != NULL || memchr(s, '[', len) != NULL;
}

bool
siko_fuzzydate_de(const char *s, size_t len, const SikoDay *written_on,
				  SikoFuzzyDate *out, SikoError *err)
{
	De			de;
	SikoError	edtf;
	int			first = -1,
				b,
				q;

	if (siko_fuzzydate_parse(s, len, out, &edtf))
		return true;
	if (!de_start(&de, s, len, written_on, err))
		return false;
	q = qualifiers(&de, &first);
	b = bound(&de);
	if (!date(&de, q, first, out) || !at_end(&de) || !apply_bound(&de, b, out))
	{
		if (err && strcmp(err->sqlstate, SQL_BAD) == 0 && prefer_edtf(&de, s, len))
			*err = edtf;
		return false;
	}
	return true;
}

/*
 * The end of "vom ... bis ...", read first: a start written without its
 * year (vom 1. Oktober bis zum 31. März 2025) is then the latest such day
 * on or before the end's last day.  *until is the index of "bis", or -1.
 */
static bool
period_end(De *de, int *until, SikoFuzzyDate *end)
{
	static const char *const incl[] = {"einschliesslich", "einschl", "inklusive", "inkl", NULL};
	int			from = de->i;

	for (*until = -1; de->i < de->n; de->i++)
		if (is_word(de, 0, "bis"))
		{
			*until = de->i++;
			if (word_of(de, 0, incl) >= 0)
				de->i++;
			if (!date(de, 0, -1, end) || !at_end(de))
				return false;
			if (end->hi != SIKO_DAY_NOEND)
			{
				de->has_ref = true;
				de->ref = end->hi;
				siko_ymd_from_day(de->ref, &de->ry, &de->rm, &de->rd);
			}
			break;
		}
	de->i = from;
	return true;
}

bool
siko_period_de(const char *s, size_t len, const SikoDay *written_on,
			   SikoPeriod *out, SikoError *err)
{
	static const char *const open_words[] = {"seit", "ab", NULL};
	static const char *const from_words[] = {"vom", "von", NULL};
	De			de;
	SikoFuzzyDate start,
				end;
	bool		open;
	int			k,
				until;

	if (siko_period_parse(s, len, out, NULL))
		return true;
	if (!de_start(&de, s, len, written_on, err))
		return false;
	k = bound(&de);
	if (k != B_NONE && k != B_SINCE)
		return fail_at(&de, 0, "the start of the membership (seit Mitte 2020, vom 1. Oktober 2023 bis zum 31. März 2025)");
	de.i = 0;
	open = word_of(&de, 0, open_words) >= 0;
	if (open || word_of(&de, 0, from_words) >= 0)
		de.i++;
	if (!period_end(&de, &until, &end) || !date(&de, 0, -1, &start))
		return false;
	if (until >= 0)
		return (de.i == until || fail_at(&de, de.i, "\"bis\"")) &&
			siko_period_make(&start, &end, out, err);
	if (!open)
		return fail_at(&de, de.i, "\"bis\" and the last day of membership (vom 1. Oktober 2023 bis zum 31. März 2025), or a start after \"seit\"");
	return at_end(&de) && siko_period_make(&start, NULL, out, err);
}
