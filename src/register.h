/*
 * register.h
 *		The per-backend cache of the register (siko.cooperation, siko.partner,
 *		siko.accession) and what the as-of functions and the triggers share.
 *
 * The cache is built lazily, one cooperation at a time, plus one index of
 * every territorial accession of every cooperation (for cooperations_of).
 * It lives in its own memory context and is flushed by a relcache
 * invalidation callback; the register tables carry a statement-level
 * trigger that sends that invalidation (see register_trigger.c).
 */
#ifndef SIKO_REGISTER_H
#define SIKO_REGISTER_H

#include "siko.h"

#include "access/htup.h"
#include "executor/tuptable.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

/* longest cooperation code (the table's CHECK constraint says the same) */
#define REG_CODE_MAX	63

/* one accession of a cooperation, in the order of partner name, then start */
typedef struct RegAccession
{
	const char *partner;		/* partner name, in the cache's context */
	text	   *partner_text;	/* the same as a text datum */
	Datum		kind;			/* siko.partner_kind value (an enum Oid) */
	SikoAgs		ags;
	bool		has_ags;
} RegAccession;

/*
 * A territorial accession, in the order of ags, then start, with the span
 * of its period (siko_period_span: the membership rule of the core).
 */
typedef struct RegTerr
{
	SikoAgs		ags;
	SikoSpan	span;
	int32		acc;			/* index into RegCoop.acc */
} RegTerr;

/*
 * An open-addressing hash table from ags to the run of entries with that
 * key in a sorted array: one probe, usually, instead of a binary search.
 * A slot with n == 0 is empty.
 */
typedef struct RegKeySlot
{
	SikoAgs		ags;
	int32		first;
	int32		n;
} RegKeySlot;

typedef struct RegKeyHash
{
	int			shift;			/* 32 - log2(number of slots) */
	uint32		mask;
	RegKeySlot *slots;
} RegKeyHash;

static inline uint32
reg_key_slot0(const RegKeyHash *h, SikoAgs ags)
{
	return (uint32) (((uint64) ags * UINT64CONST(0x9E3779B97F4A7C15)) >> 32) >> h->shift;
}

/* the run of entries with key ags: *n of them from the returned index */
static inline int
reg_key_find(const RegKeyHash *h, SikoAgs ags, int *n)
{
	uint32		i = reg_key_slot0(h, ags);

	for (;;)
	{
		const RegKeySlot *s = &h->slots[i];

		if (s->n == 0)
		{
			*n = 0;
			return 0;
		}
		if (s->ags == ags)
		{
			*n = s->n;
			return s->first;
		}
		i = (i + 1) & h->mask;
	}
}

/*
 * For is_member: every territorial accession in an open-addressing hash
 * table of its own, keyed by ags with linear probing, so that a key's
 * accessions sit in neighbouring slots and a lookup usually touches one
 * cache line.  An empty slot has ags REG_NO_AGS (no valid key has it).
 *
 * A key's accessions are inserted one after the other, so in the order of
 * probing no other slot with that key follows the last of them: every one
 * but the last carries REG_PROBE_MORE in its ags (a bit no valid key
 * uses, as codes stay below 2^29), and a lookup stops at the last one
 * instead of going on to an empty slot.
 *
 * The days are 16-bit offsets from the cooperation's probe_base, so a slot
 * takes 12 bytes instead of 20.  In a join over a large table this table
 * competes for the CPU caches with the pages streaming past (and in a
 * parallel join with the tables of the other processes on the core): a
 * cooperation of 20,000 accessions takes 384 kB instead of 640 kB, and the
 * join runs about a quarter faster.  The infinities stay infinities
 * (REG_DAY16_NOBEGIN, REG_DAY16_NOEND) and every finite day lies within
 * [REG_DAY16_MIN, REG_DAY16_MAX]; so for a finite day within that window
 * the 16-bit comparisons answer as the 32-bit ones do, and an open end
 * needs no test of its own.  A day outside the window, or an infinite one,
 * is answered from terr; so is every day of a cooperation whose finite
 * days span more than the window (about 179 years), which has no probe
 * table (probe is NULL).
 */
#define REG_NO_AGS	UINT32_MAX
#define REG_PROBE_MORE	UINT32_C(0x80000000)
StaticAssertDecl(UINT64CONST(99999999) * 4 + 3 < REG_PROBE_MORE,
				 "no ags code has the bit REG_PROBE_MORE");

#define REG_DAY16_NOBEGIN	PG_INT16_MIN
#define REG_DAY16_NOEND		PG_INT16_MAX
#define REG_DAY16_MIN		(PG_INT16_MIN + 1)
#define REG_DAY16_MAX		(PG_INT16_MAX - 1)

typedef struct RegProbe
{
	SikoAgs		ags;
	int16		plo;			/* the span's days (SikoSpan) as offsets */
	int16		clo;
	int16		chi;
	int16		phi;
} RegProbe;

typedef struct RegCoop
{
	char		code[REG_CODE_MAX + 1]; /* hash key: the cooperation's code */
	int32		id;
	int			nacc;
	RegAccession *acc;			/* sorted by partner name, then start */
	SikoPeriod *periods;		/* periods[i] belongs to acc[i] */
	int			nterr;
	RegTerr    *terr;			/* sorted by ags, then start */
	RegKeyHash	terr_index;		/* ags -> its run in terr */
	RegKeyHash	probe_shape;	/* shift and mask of probe (slots unused) */
	RegProbe   *probe;			/* the hash table for is_member, or NULL */
	int32		probe_base;		/* its days are offsets from this day */
	/* members_as_of's rows, formed on its first call: [2i] certain, [2i+1] not */
	HeapTuple  *mrows;
	/* growth's sorted sweep events, made on its first call */
	SikoSweepEvents ev;
	bool		has_ev;
	uint32		levels;			/* bit 1 << level for each level in terr */
} RegCoop;

/*
 * what the scan of a key's entries reads: the certain part of the span,
 * 12 bytes, a key's run contiguous
 */
typedef struct RegAllSpan
{
	int32		clo;
	int32		chi;
	int32		coop;
} RegAllSpan;

/*
 * A key's timeline: the nb days on which the set of cooperations it
 * certainly belongs to changes, sorted, and after each day the set that
 * holds from it (before the first day the set is empty).  Days and sets
 * are stored in blocks of one 64-byte cache line each: blockdays days
 * (the last block of a key padded with SIKO_DAY_NOEND), then the sets that
 * start on them, so that a lookup reads one line of the timeline beyond
 * tops[b], the first day of block b (a key's blocks are first_block on).
 * With up to 64 cooperations a block holds 5 days.  The hash table of the
 * slots is keyed by ags, linear probing; an empty slot has ags REG_NO_AGS.
 */
typedef struct RegTimeline
{
	SikoAgs		ags;
	int32		nb;
	int32		first_block;
} RegTimeline;

/* the most 64-bit words of a set for which timelines are built */
#define REG_TIMELINE_MAXWORDS 4

typedef struct RegAll
{
	int			ncodes;
	Datum	   *codes;			/* text Datums (4-byte headers), in byte order */
	int32	   *codesize;		/* INTALIGN(VARSIZE(codes[i])) */
	int			words;			/* a set of cooperations: this many uint64 */

	/* up to REG_TIMELINE_MAXWORDS words: the timelines */
	RegKeyHash	tl_shape;		/* shift and mask of tl (its slots unused) */
	RegTimeline *tl;
	char	   *blocks;			/* 64-byte aligned, in blocks_mem */
	void	   *blocks_mem;
	int			blockdays;		/* days in a block */
	int			setoffset;		/* where a block's sets start */
	SikoDay    *tops;

	/* more cooperations than that: each key's entries, scanned per call */
	int			nentries;
	RegAllSpan *spans;			/* the entries, sorted by ags, then cooperation */
	RegKeyHash	index;			/* ags -> its run in spans */
} RegAll;

/* the set that holds on day d in the key's timeline t, NULL if empty */
static inline const uint64 *
reg_timeline_set(const RegAll *all, const RegTimeline *t, int32 d)
{
	const SikoDay *tops = all->tops + t->first_block;
	const char *block;
	const SikoDay *days;
	int			bd = all->blockdays;
	int			ntop = (t->nb + bd - 1) / bd;
	int			k = 0;
	int			n = 0;
	int			i;

	if (ntop <= 16)
	{
		for (i = 0; i < ntop; i++)
			k += (tops[i] <= d);
	}
	else
	{
		/* a branchless upper bound */
		const SikoDay *base = tops;
		int			len = ntop;

		while (len > 1)
		{
			int			half = len / 2;

			base = (base[half] <= d) ? base + half : base;
			len -= half;
		}
		k = (int) (base - tops) + (*base <= d);
	}
	if (k == 0)
		return NULL;			/* before the first day */
	block = all->blocks + (size_t) (t->first_block + k - 1) * PG_CACHE_LINE_SIZE;
	days = (const SikoDay *) block;
	for (i = 0; i < bd; i++)
		n += (days[i] <= d);
	/* the padding (NOEND) counts only for d = infinity: not past nb */
	n = Min(n, t->nb - (k - 1) * bd);
	return (const uint64 *) (block + all->setoffset) + (size_t) (n - 1) * all->words;
}

/*
 * The set of cooperations in which the partner with key ags certainly was
 * a member on day d: all->words words, bit i for all->codes[i]; NULL when
 * empty.  scratch (all->words words) is used when there are no timelines.
 */
/* the key's timeline, NULL if the key has none (all->tl must be set) */
static inline const RegTimeline *
reg_all_timeline(const RegAll *all, SikoAgs ags)
{
	uint32		i = reg_key_slot0(&all->tl_shape, ags);

	for (;; i = (i + 1) & all->tl_shape.mask)
	{
		const RegTimeline *t = &all->tl[i];

		if (t->ags == ags)
			return t;
		if (t->ags == REG_NO_AGS)
			return NULL;
	}
}

static inline const uint64 *
reg_all_set(const RegAll *all, SikoAgs ags, int32 d, uint64 *scratch)
{
	if (all->tl != NULL)
	{
		const RegTimeline *t = reg_all_timeline(all, ags);

		return t != NULL ? reg_timeline_set(all, t, d) : NULL;
	}
	else
	{
		int			n;
		int			i = reg_key_find(&all->index, ags, &n);
		const RegAllSpan *e = &all->spans[i];
		int			k;

		if (n == 0)
			return NULL;
		memset(scratch, 0, sizeof(uint64) * all->words);
		for (k = 0; k < n; k++)
			if (siko_days_hold(e[k].clo, e[k].chi, d))
				scratch[e[k].coop >> 6] |= UINT64CONST(1) << (e[k].coop & 63);
		return scratch;
	}
}

/*
 * What a call site keeps in fn_extra: the last cooperation it looked up,
 * and the cache generations those pointers belong to.
 */
typedef struct RegCallCache
{
	uint64		coop_generation;	/* of coop */
	uint64		all_generation; /* of all */
	RegCoop    *coop;
	RegAll	   *all;
	bool		coop_history;	/* coop is as known on coop_known_on */
	TimestampTz coop_known_on;
	bool		all_history;	/* the same for all */
	TimestampTz all_known_on;
	bool		history_checked;	/* siko_reg_check_history() passed */
	uint64	   *scratch;		/* all->words words for reg_all_set, without timelines */
	int			scratch_words;
	bool		code_stable;	/* the code argument is a constant of the execution */
	int			codelen;
	char		code[REG_CODE_MAX + 1];
} RegCallCache;

/*
 * Cooperation codes (text with 4-byte headers) in byte order, as
 * ORDER BY code COLLATE "C" sorts them: the order of RegAll.codes and of
 * what cooperations_of and cooperation_counts list.
 */
static inline int
reg_code_cmp(const text *x, const text *y)
{
	int			lx = VARSIZE(x) - VARHDRSZ;
	int			ly = VARSIZE(y) - VARHDRSZ;
	int			c = memcmp(VARDATA(x), VARDATA(y), Min(lx, ly));

	return c != 0 ? c : (lx > ly) - (lx < ly);
}

/* bumped whenever the cache is flushed; pointers of older ones are stale */
extern uint64 siko_reg_generation;

/*
 * Where the cache reads the register: the tables as the statement's
 * snapshot sees them, or their history tables as known on a moment (the
 * known_on argument of the as-of functions).  Every as-of function answers
 * both from the same code, from a RegCoop or RegAll built from either.
 */
typedef struct RegSource
{
	bool		history;
	TimestampTz known_on;
} RegSource;

/*
 * The call-site cache for fcinfo, created on the first call of a query's
 * execution.  That first call also takes in pending invalidations and
 * checks that the current user may read the register (42501 otherwise,
 * 0A000 under row-level security); siko_reg_check_history() does the same
 * for the history tables before the first answer as known on a moment.
 */
extern RegCallCache *siko_reg_callcache(FunctionCallInfo fcinfo);
extern void siko_reg_check_history(RegCallCache *cc);

/*
 * The source of an as-of function's call: argument argno is known_on,
 * NULL (or absent, as in the install scripts of 0.1 and 0.2) for the
 * current state.
 */
static inline RegSource
reg_source_of(FunctionCallInfo fcinfo, int argno)
{
	RegSource	src = {false, 0};

	if (PG_NARGS() > argno && !PG_ARGISNULL(argno))
	{
		src.history = true;
		src.known_on = PG_GETARG_TIMESTAMPTZ(argno);
	}
	return src;
}

/* The cooperation with this code; 22023 when there is none. */
extern RegCoop *siko_reg_coop(RegCallCache *cc, text *code, const RegSource *src);

/*
 * The two above for functions called once per row: after the first call
 * of an execution, with a constant code and no known_on, neither a call
 * nor a look at the code argument (argument argno of fcinfo).
 */
static inline RegCallCache *
reg_callcache_fast(FunctionCallInfo fcinfo)
{
	RegCallCache *cc = (RegCallCache *) fcinfo->flinfo->fn_extra;

	return cc != NULL ? cc : siko_reg_callcache(fcinfo);
}

static inline RegCoop *
reg_coop_fast(RegCallCache *cc, FunctionCallInfo fcinfo, int argno, int known_on_argno)
{
	RegSource	src;

	if (cc->code_stable && cc->coop != NULL && !cc->coop_history &&
		cc->coop_generation == siko_reg_generation &&
		(PG_NARGS() <= known_on_argno || PG_ARGISNULL(known_on_argno)))
		return cc->coop;
	src = reg_source_of(fcinfo, known_on_argno);
	return siko_reg_coop(cc, PG_GETARG_TEXT_PP(argno), &src);
}

/* The index of all cooperations by ags. */
extern RegAll *siko_reg_all(RegCallCache *cc, const RegSource *src);

/* Was there a partner of this name (in the register, or then)? */
extern bool siko_reg_partner_exists(const char *name, const RegSource *src);

/* 22023 for a cooperation code that the register has not (or had not then) */
pg_noreturn extern void siko_reg_unknown_cooperation(const char *code, const RegSource *src);

/*
 * Sorting for the cache and the aggregate: the core's radix sort
 * (siko_radix_sort) with its scratch space from cxt, and the order of
 * int32s (or of structs beginning with one).
 */
extern void siko_radix_sort_in(void *items, int64 n, size_t size, int lobit,
							   int digitbits, MemoryContext cxt);
extern int	siko_int32_cmp(const void *a, const void *b);

/* The Oid of a register table, or InvalidOid before CREATE EXTENSION */
extern Oid	siko_reg_relid(const char *relname);

/*
 * The same for the tables and the indexes the cache and the row triggers
 * use, cached.  A history table is its table's number plus
 * REG_HISTORY_OFFSET.
 */
typedef enum RegRel
{
	REG_COOPERATION,
	REG_PARTNER,
	REG_ACCESSION,
	REG_SOURCE,
	REG_ACCESSION_SOURCE,
	REG_COOPERATION_HISTORY,
	REG_PARTNER_HISTORY,
	REG_ACCESSION_HISTORY,
	REG_SOURCE_HISTORY,
	REG_ACCESSION_SOURCE_HISTORY,
	REG_COOPERATION_PKEY,
	REG_PARTNER_PKEY,
	REG_ACCESSION_PARTNER_IDX,
	REG_ACCESSION_COOPERATION_IDX,
	REG_VERSION,				/* siko.register_version */
	REG_NRELS
} RegRel;
#define REG_HISTORY_OFFSET (REG_COOPERATION_HISTORY - REG_COOPERATION)
extern Oid	siko_reg_rel(RegRel which);

/* the register on a Citus node (register_citus.c) */
extern Oid	siko_citus_placement(Oid relid);
extern bool siko_citus_placement_here(int64 shardid, int64 group);
extern Oid	siko_citus_table(Oid relid);
extern bool siko_citus_write_time(TimestampTz *stamp);

/* ---------------------------------------------------------------------
 * Between the cache's files: register_rel.c (relations, invalidation,
 * scans), register_build.c (building), register_cache.c (finding and
 * keeping what was built)
 * ------------------------------------------------------------------- */

/* the context everything cached lives under, and what to forget at a flush */
extern MemoryContext siko_reg_cxt;
extern void siko_reg_ensure_context(void);
/* bump siko.register_version (the statement trigger of the register) */
extern void siko_reg_bump_version(void);
extern void siko_reg_note_snapshot(void);
extern void siko_reg_forget(void);

/* a scan of a register table, or of its history's versions live at a moment */
typedef struct RegScan
{
	Relation	rel;
	TupleTableSlot *slot;
	struct TableScanDescData *scan;
	struct IndexScanDescData *iscan;
	Relation	idx;
	bool		history;
	TimestampTz at;
	AttrNumber	from;			/* recorded_from, recorded_until */
	AttrNumber	until;
	bool		keyed;			/* only rows whose keycol equals key */
	AttrNumber	keycol;
	int32		key;
} RegScan;

extern void siko_reg_scan_begin(RegScan *s, const RegSource *src, RegRel which,
								const char *keycol, int32 key, RegRel index);
extern bool siko_reg_scan_next(RegScan *s);
extern void siko_reg_scan_end(RegScan *s);
/* a column by name: 42703 naming it when it is missing */
extern AttrNumber siko_reg_scan_col(RegScan *s, const char *name);
extern int32 siko_reg_scan_int(RegScan *s, AttrNumber att);
extern Datum siko_reg_scan_datum(RegScan *s, AttrNumber att, bool *isnull);

/*
 * The builds (register_build.c): into a new context, a child of the
 * caller's until attached (so that an error frees it), returned in
 * *cxt_out.  reg_build_coop returns NULL when the code is unknown.
 */
extern RegCoop *siko_reg_build_coop(const char *code, const RegSource *src,
									MemoryContext *cxt_out);
extern RegAll *siko_reg_build_all(const RegSource *src, MemoryContext *cxt_out);

#endif							/* SIKO_REGISTER_H */
