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
 * The cache's blocks.  Each cooperation's cache, and the index of all
 * cooperations, is one contiguous block of memory that holds no pointer:
 * its parts are found by byte offsets from the block's start (RegOff), so
 * that a block can be placed anywhere (in this backend's memory, or in a
 * shared segment mapped at another address in each process) and read as
 * it is.  A reader makes a view of a block (RegCoop, RegAll below): the
 * same parts as pointers for this process, a few dozen bytes.
 */
typedef uint64 RegOff;

/* when and for which register version a block was built (siko.cache_status) */
typedef struct RegBuilt
{
	TimestampTz at;
	int64		version;
	double		ms;				/* the build's time */
} RegBuilt;

#define REG_AT(block, off, type)	((type *) ((char *) (block) + (off)))

/* the shift and mask of an open-addressing table of a power-of-two size */
typedef struct RegShape
{
	int32		shift;			/* 32 - log2(number of slots) */
	uint32		mask;
} RegShape;

/* one accession of a cooperation, in the order of partner name, then start */
typedef struct RegAccession
{
	uint32		name;			/* offset of the partner's name (a text, then a NUL) */
	Oid			kind;			/* siko.partner_kind value (an enum Oid) */
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
	int32		acc;			/* index into the accessions */
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

static inline uint32
reg_key_slot0(const RegShape *h, SikoAgs ags)
{
	return (uint32) (((uint64) ags * UINT64CONST(0x9E3779B97F4A7C15)) >> 32) >> h->shift;
}

/* the run of entries with key ags: *n of them from the returned index */
static inline int
reg_key_find(const RegShape *h, const RegKeySlot *slots, SikoAgs ags, int *n)
{
	uint32		i = reg_key_slot0(h, ags);

	for (;;)
	{
		const RegKeySlot *s = &slots[i];

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

/*
 * One cooperation's block: this header, then (each MAXALIGNed) its
 * accessions (RegAccession, sorted by partner name, then start), their
 * periods (the same order), its territorial accessions (RegTerr, sorted by
 * ags, then start), the probe table of is_member (RegProbe; none when
 * probe is 0) and the partners' names (texts with 4-byte headers, each
 * followed by a NUL, INTALIGNed).
 *
 * A block comes in two sizes.  The whole one has all of that, for the
 * functions that list or search the accessions (members_as_of, member_at,
 * covered_by, growth).  The one is_member and is_covered build, which is
 * all they read, has only the probe table (nacc and nterr 0), or the
 * territorial accessions instead when there is no probe table: about 20
 * bytes per territorial accession where the whole block takes about 100.
 * A cooperation holds the whole block, or the small one and (after the
 * first listing) the whole one beside it.
 */
typedef struct RegCoopBlock
{
	uint64		size;			/* of the whole block, in bytes */
	char		code[REG_CODE_MAX + 1];
	int32		id;
	bool		whole;			/* the accessions, names and terr are here */
	int32		nacc;
	int32		nterr;
	uint32		levels;			/* bit 1 << level for each level of the keys */
	int32		probe_base;		/* the probe's days are offsets from this day */
	RegShape	probe_shape;
	RegOff		acc;
	RegOff		periods;
	RegOff		terr;
	RegOff		probe;			/* 0: no probe table */
} RegCoopBlock;

/*
 * A view of a cooperation's block (see RegOff), and what one process makes
 * from it on demand.  The hash key of the cache's table is the code.
 */
typedef struct RegCoop
{
	char		code[REG_CODE_MAX + 1];
	const RegCoopBlock *block;
	int			nacc;
	const RegAccession *acc;
	const SikoPeriod *periods;	/* periods[i] belongs to acc[i] */
	int			nterr;
	const RegTerr *terr;
	RegShape	probe_shape;
	const RegProbe *probe;		/* the hash table for is_member, or NULL */
	int32		probe_base;
	uint32		levels;
	MemoryContext cxt;			/* where what is made on demand goes */
	/* not cached (block NULL): answered by probes of the register */
	bool		probing;
	int32		id;
	RegSource	src;
	RegBuilt	built;
	bool		shared;			/* the block is in a shared segment */
	/* a small block: the view of the whole one once made, or too large to keep */
	struct RegCoop *whole;
	bool		whole_uncached;
	/* members_as_of's rows, formed on its first call: [2i] certain, [2i+1] not */
	HeapTuple  *mrows;
	/* growth's sorted sweep events, made on its first call */
	SikoSweepEvents ev;
	bool		has_ev;
} RegCoop;

/* the view of block b, made in cxt (which also takes what is made on demand) */
extern RegCoop *siko_reg_coop_view(const RegCoopBlock *b, MemoryContext cxt);

/*
 * The blocks shared by the backends (register_shared.c): the block of a
 * kind (of a cooperation, or the index of all) built for this register
 * version, mapped, NULL when none (or not shared); a private block
 * published as a new shared one, NULL when not (another is newer); and
 * the detaching of every segment at a flush.
 */
typedef enum RegBlockKind
{
	REG_BLOCK_SMALL,			/* a cooperation's block for is_member and is_covered */
	REG_BLOCK_WHOLE,			/* a cooperation's whole block */
	REG_BLOCK_ALL				/* the index of all cooperations (code NULL) */
} RegBlockKind;

extern const void *siko_reg_shared_find(RegBlockKind kind, const char *code, int64 version,
										RegBuilt *built);
extern const void *siko_reg_shared_publish(RegBlockKind kind, const char *code,
										   const void *block, uint64 size,
										   const RegBuilt *built);
extern void siko_reg_shared_forget(void);
/* did this transaction itself change the register (its version uncommitted)? */
extern bool siko_reg_version_own(void);

/*
 * Three-valued membership over a key's accessions: one certainly a member
 * makes it certain, else one possibly a member makes it unknown.
 */
static inline int
reg_fold_at(int res, int v)
{
	return (res > 0 || v > 0) ? 1 : ((res < 0 || v < 0) ? -1 : 0);
}

/*
 * Probing (register_probe.c), for a cooperation not cached: the spans of
 * the accessions of the partner with key ags, in the order of the cache's
 * territorial accessions, and the partner's name (NULL: no such partner);
 * the membership on day d of that key.
 */
extern int	siko_reg_probe_key(const RegCoop *coop, SikoAgs ags, text **name,
							   SikoSpan **spans);
extern int	siko_reg_probe_at(const RegCoop *coop, SikoAgs ags, int32 d);

/* the partner name of an accession, as a text and as a C string */
static inline text *
reg_acc_name(const RegCoop *coop, const RegAccession *a)
{
	return (text *) REG_AT(coop->block, a->name, char);
}

static inline const char *
reg_acc_cname(const RegCoop *coop, const RegAccession *a)
{
	return VARDATA(reg_acc_name(coop, a));
}

/* the run of territorial accessions with key ags: *n from the returned index */
static inline int
reg_terr_find(const RegCoop *coop, SikoAgs ags, int *n)
{
	int			lo = 0;
	int			hi = coop->nterr;
	int			i;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (coop->terr[mid].ags < ags)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < coop->nterr && coop->terr[i].ags == ags; i++)
		;
	*n = i - lo;
	return lo;
}

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
 * A key's timeline: its events, the days on which a cooperation joins or
 * leaves the set of those the key certainly belongs to (one event per
 * cooperation and day, in the order of days), nev of them, stored in
 * blocks of PG_CACHE_LINE_SIZE (128) bytes, a key's blocks first_block on.
 * A block holds blockdays events: their days (the last block of a key
 * padded with SIKO_DAY_NOEND), then at setoffset the set that holds before
 * its first event (empty in a key's first block), then at coopoffset the
 * number of each event's cooperation (a byte: timelines are built for up
 * to 256 cooperations).  The set on day d is the set of the last block
 * whose first day (tops[b]) is not after d, with the cooperations of that
 * block's events up to d toggled: one block read, and an event costs about
 * 7 bytes where a copy of the whole set after each day took 36.  With up
 * to 64 cooperations a block holds 24 events, with 256 of them 18.  The
 * hash table of the slots is keyed by ags, linear probing; an empty slot
 * has ags REG_NO_AGS.
 */
typedef struct RegTimeline
{
	SikoAgs		ags;
	int32		nev;
	int32		first_block;
} RegTimeline;

/* the most 64-bit words of a set for which timelines are built */
#define REG_TIMELINE_MAXWORDS 4

/*
 * The index of all cooperations as one block (see RegOff): this header,
 * then each MAXALIGNed the codes' offsets (uint32, each a text with a
 * 4-byte header, in byte order) and sizes (INTALIGN(VARSIZE)), the codes,
 * and either the timelines (the slots, the tops, and the blocks of
 * PG_CACHE_LINE_SIZE bytes, which lie on cache lines when the block itself
 * does) or the entries and
 * their index.  A block starts on a cache line (PG_CACHE_LINE_SIZE).
 */
typedef struct RegAllBlock
{
	uint64		size;			/* of the whole block, in bytes */
	int32		ncodes;
	int32		words;			/* a set of cooperations: this many uint64 */
	RegOff		codeoff;
	RegOff		codesize;
	RegOff		coopids;		/* RegCoopId[ncodes], sorted by id */
	bool		probing;		/* only the codes: too large to cache the rest */
	/* up to REG_TIMELINE_MAXWORDS words: the timelines (tl 0: none) */
	RegShape	tl_shape;
	RegOff		tl;
	RegOff		blocks;
	RegOff		tops;
	int32		blockdays;		/* events in a block */
	int32		setoffset;		/* where a block's set starts */
	int32		coopoffset;		/* where its events' cooperations start */
	/* more cooperations than that: each key's entries, scanned per call */
	int32		nentries;
	RegShape	index_shape;
	RegOff		spans;			/* the entries, sorted by ags, then cooperation */
	RegOff		index;			/* ags -> its run in spans */
} RegAllBlock;

/* a cooperation's id and its number in the index (the place of its code) */
typedef struct RegCoopId
{
	int32		id;
	int32		c;
} RegCoopId;

/* a view of the index's block */
typedef struct RegAll
{
	const RegAllBlock *block;
	/* only the codes cached: the sets are answered by probes of the register */
	bool		probing;
	RegSource	src;
	RegBuilt	built;
	bool		shared;			/* the block is in a shared segment */
	int			ncodes;
	const uint32 *codeoff;
	const int32 *codesize;
	int			words;
	RegShape	tl_shape;
	const RegTimeline *tl;		/* NULL: no timelines */
	const char *blocks;
	const SikoDay *tops;
	int			blockdays;
	int			setoffset;
	int			coopoffset;
	int			nentries;
	RegShape	index_shape;
	const RegAllSpan *spans;
	const RegKeySlot *index;
} RegAll;

/* the view of block b, made in cxt */
extern RegAll *siko_reg_all_view(const RegAllBlock *b, MemoryContext cxt);

/* reg_all_set by probes of the register (register_probe.c) */
extern const uint64 *siko_reg_probe_set(const RegAll *all, SikoAgs ags, int32 d,
										uint64 *scratch);

/* cooperation number c's code (a text with a 4-byte header) */
static inline const text *
reg_all_code(const RegAll *all, int c)
{
	return REG_AT(all->block, all->codeoff[c], const text);
}

/* a key's block b of its timeline t */
static inline const char *
reg_timeline_block(const RegAll *all, const RegTimeline *t, int b)
{
	return all->blocks + (size_t) (t->first_block + b) * PG_CACHE_LINE_SIZE;
}

/* the number of events of the key's timeline t on or before day d */
static inline int
reg_timeline_count(const RegAll *all, const RegTimeline *t, int32 d)
{
	const SikoDay *tops = all->tops + t->first_block;
	const SikoDay *days;
	int			bd = all->blockdays;
	int			ntop = (t->nev + bd - 1) / bd;
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
		return 0;				/* before the first day */
	days = (const SikoDay *) reg_timeline_block(all, t, k - 1);
	for (i = 0; i < bd; i++)
		n += (days[i] <= d);
	/* the padding (NOEND) counts only for d = infinity: not past nev */
	return Min((k - 1) * bd + n, t->nev);
}

/*
 * The set that holds on day d in the key's timeline t, composed in set
 * (all->words words): the set of the block of the last event on or before
 * d, with the cooperations of that block's events up to it toggled; NULL
 * before the key's first event.
 */
static inline const uint64 *
reg_timeline_set(const RegAll *all, const RegTimeline *t, int32 d, uint64 *set)
{
	int			m = reg_timeline_count(all, t, d);
	int			b;
	const char *block;
	const uint8 *coops;
	int			i;

	if (m == 0)
		return NULL;
	b = (m - 1) / all->blockdays;
	block = reg_timeline_block(all, t, b);
	memcpy(set, block + all->setoffset, sizeof(uint64) * all->words);
	coops = (const uint8 *) (block + all->coopoffset);
	for (i = b * all->blockdays; i < m; i++, coops++)
		set[*coops >> 6] ^= UINT64CONST(1) << (*coops & 63);
	return set;
}

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

/*
 * The set of cooperations in which the partner with key ags certainly was
 * a member on day d: all->words words, bit i for all->codes[i], composed
 * in scratch (all->words words); NULL when empty.
 */
static inline const uint64 *
reg_all_set(const RegAll *all, SikoAgs ags, int32 d, uint64 *scratch)
{
	if (unlikely(all->probing))
		return siko_reg_probe_set(all, ags, d, scratch);
	if (all->tl != NULL)
	{
		const RegTimeline *t = reg_all_timeline(all, ags);

		return t != NULL ? reg_timeline_set(all, t, d, scratch) : NULL;
	}
	else
	{
		int			n;
		int			i = reg_key_find(&all->index_shape, all->index, ags, &n);
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
	uint64	   *scratch;		/* all->words words for reg_all_set */
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
 * The call-site cache for fcinfo, created on the first call of a query's
 * execution.  That first call also takes in pending invalidations and
 * checks that the current user may read the register (42501 otherwise,
 * 0A000 under row-level security); siko_reg_check_history() does the same
 * for the history tables before the first answer as known on a moment.
 */
extern RegCallCache *siko_reg_callcache(FunctionCallInfo fcinfo);

/*
 * The same, made anew in cxt and not kept in fn_extra: for an aggregate's
 * state, which must not point into the memory of an FmgrInfo that may not
 * outlive the row (Citus's worker_partial_agg looks the transition
 * function up again for every row, in the row's memory).
 */
extern RegCallCache *siko_reg_callcache_in(FunctionCallInfo fcinfo, MemoryContext cxt);
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

/*
 * The cooperation with this code; 22023 when there is none.  Not yet
 * cached, its block is built of the kind asked (REG_BLOCK_SMALL for
 * is_member and is_covered, REG_BLOCK_WHOLE before siko_reg_coop_whole).
 */
extern RegCoop *siko_reg_coop_of(RegCallCache *cc, text *code, const RegSource *src,
								 RegBlockKind kind);

static inline RegCoop *
siko_reg_coop(RegCallCache *cc, text *code, const RegSource *src)
{
	return siko_reg_coop_of(cc, code, src, REG_BLOCK_SMALL);
}

/*
 * The same with its whole block: coop itself, or the view of its whole
 * block (kept beside the small one).  When that would exceed
 * siko.cache_memory, or coop is not cached (probing): with per_call, one
 * built for this call, else NULL.  What is built for this call goes in
 * *cxt, which the caller deletes after the call (NULL otherwise); the
 * caller uses coop no more after this call.
 */
extern RegCoop *siko_reg_coop_whole(RegCoop *coop, bool per_call, MemoryContext *cxt);

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
	REG_PARTNER_AGS_KEY,
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
/* the register version of the cache (-1 when not yet read) */
extern int64 siko_reg_version(void);
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
 * *cxt_out.  reg_build_coop returns NULL when the code is unknown, and
 * builds the whole block or the small one (whole).  A block larger than
 * siko.cache_memory (bounded, for a cooperation) is not built: the view
 * says probing.
 */
extern RegCoop *siko_reg_build_coop(const char *code, const RegSource *src, bool bounded,
									bool whole, MemoryContext *cxt_out);
extern RegAll *siko_reg_build_all(const RegSource *src, MemoryContext *cxt_out);

#endif							/* SIKO_REGISTER_H */
