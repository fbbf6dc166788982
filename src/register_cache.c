/*
 * register_cache.c
 *		Finding and keeping what register_build.c builds: the per-backend
 *		cache of the register's cooperations and of the index of all of
 *		them, for the current state and as known on past moments.
 *
 * The current state: a hash table of cooperations by code, and one index
 * of all cooperations.  As known on a moment: a small table keyed by code
 * and moment, and the index for the last moment asked; both are emptied
 * when they grow past REG_KNOWN_MAX entries (a query asking many moments
 * then rebuilds, but never holds more than that).  Everything lives under
 * siko_reg_cxt, which a flush resets (register_rel.c).
 *
 * A build reads the tables, which takes locks, which may process
 * invalidations, which may flush the cache while it is being built.  So a
 * build goes into a context of its own, and is attached to the cache only
 * if no flush happened meanwhile; otherwise it is thrown away and redone.
 */
#include "register.h"

#include "funcapi.h"
#include "portability/instr_time.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

/* the most cooperations kept as known on past moments */
#define REG_KNOWN_MAX 64

typedef struct RegKnownKey
{
	char		code[REG_CODE_MAX + 1];
	TimestampTz known_on;
} RegKnownKey;

typedef struct RegKnownEntry
{
	RegKnownKey key;
	RegCoop	   *coop;
} RegKnownEntry;

static HTAB *reg_coops = NULL;	/* code -> RegCoop */
static HTAB *reg_known = NULL;	/* (code, moment) -> RegCoop */
static RegAll *reg_all = NULL;
static RegAll *reg_all_known = NULL;	/* as known on reg_all_known_on */
static TimestampTz reg_all_known_on;

void
siko_reg_forget(void)
{
	siko_reg_shared_forget();
	reg_coops = NULL;
	reg_known = NULL;
	reg_all = NULL;
	reg_all_known = NULL;
}

void
siko_reg_unknown_cooperation(const char *code, const RegSource *src)
{
	if (src->history)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown cooperation: \"%s\"", code),
				 errdetail("No row of siko.cooperation had this code at %s.",
						   timestamptz_to_str(src->known_on)),
				 errhint("The codes and when they were recorded are listed by: SELECT code, recorded_from, recorded_until FROM siko.cooperation_history;")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown cooperation: \"%s\"", code),
			 errdetail("No row of siko.cooperation has this code."),
			 errhint("The codes are listed by: SELECT code, name FROM siko.cooperation;")));
}

static HTAB *
reg_hash(const char *name, Size keysize, Size entrysize, int flags)
{
	HASHCTL		ctl;

	ctl.keysize = keysize;
	ctl.entrysize = entrysize;
	ctl.hcxt = siko_reg_cxt;
	return hash_create(name, 64, &ctl, HASH_ELEM | HASH_CONTEXT | flags);
}

/*
 * What build() builds for code (ignored by the index of all cooperations)
 * and src, built again until no flush happened meanwhile (what was read
 * may be stale then), attached under siko_reg_cxt; NULL when build() finds
 * nothing (an unknown code).
 */
typedef void *(*RegBuilder) (const char *code, const RegSource *src, MemoryContext *cxt_out);

static void *
reg_build_settled(RegBuilder build, const char *code, const RegSource *src, RegBuilt *info)
{
	instr_time	start;

	INSTR_TIME_SET_CURRENT(start);
	for (;;)
	{
		uint64		gen = siko_reg_generation;
		MemoryContext cxt;
		void	   *built = build(code, src, &cxt);

		if (built == NULL)
			return NULL;
		if (gen == siko_reg_generation)
		{
			instr_time	end;

			INSTR_TIME_SET_CURRENT(end);
			INSTR_TIME_SUBTRACT(end, start);
			info->ms = INSTR_TIME_GET_MILLISEC(end);
			info->at = GetCurrentTimestamp();
			info->version = src->history ? -1 : siko_reg_version();
			siko_reg_ensure_context();
			MemoryContextSetParent(cxt, siko_reg_cxt);
			siko_reg_note_snapshot();
			return built;
		}
		MemoryContextDelete(cxt);
	}
}

static void *
reg_builder_coop(const char *code, const RegSource *src, MemoryContext *cxt_out)
{
	return siko_reg_build_coop(code, src, true, false, cxt_out);
}

static void *
reg_builder_whole(const char *code, const RegSource *src, MemoryContext *cxt_out)
{
	return siko_reg_build_coop(code, src, true, true, cxt_out);
}

static void *
reg_builder_all(const char *code, const RegSource *src, MemoryContext *cxt_out)
{
	return siko_reg_build_all(src, cxt_out);
}

/* the view of a shared block, made in cxt, for src as built */
static RegCoop *
reg_coop_shared_view(const RegCoopBlock *b, MemoryContext cxt, RegSource src, RegBuilt built)
{
	RegCoop    *coop = siko_reg_coop_view(b, cxt);

	coop->src = src;
	coop->built = built;
	coop->shared = true;
	return coop;
}

static RegAll *
reg_all_shared_view(const RegAllBlock *b, MemoryContext cxt, RegSource src, RegBuilt built)
{
	RegAll	   *all = siko_reg_all_view(b, cxt);

	all->src = src;
	all->built = built;
	all->shared = true;
	return all;
}

/*
 * The shared block of this kind of the cooperation at this statement's
 * register version, viewed in a context of its own; NULL when there is
 * none.
 */
static RegCoop *
reg_shared_coop(RegBlockKind kind, const char *code, const RegSource *src)
{
	RegBuilt	built;
	const RegCoopBlock *b;

	if (src->history)
		return NULL;
	b = siko_reg_shared_find(kind, code, siko_reg_version(), &built);
	if (b == NULL || strcmp(b->code, code) != 0 || b->whole != (kind == REG_BLOCK_WHOLE))
		return NULL;
	return reg_coop_shared_view(b, AllocSetContextCreate(siko_reg_cxt, "siko register cooperation",
														 ALLOCSET_SMALL_SIZES),
								*src, built);
}

/* publish a private block; the view of the shared one if published */
static RegCoop *
reg_share_coop(RegCoop *coop)
{
	const RegCoopBlock *b;
	MemoryContext cxt = coop->cxt;
	RegSource	src = coop->src;
	RegBuilt	built = coop->built;

	if (src.history || coop->block == NULL)
		return coop;
	b = siko_reg_shared_publish(coop->block->whole ? REG_BLOCK_WHOLE : REG_BLOCK_SMALL,
								coop->code, coop->block, coop->block->size, &built);
	if (b == NULL)
		return coop;
	MemoryContextReset(cxt);
	return reg_coop_shared_view(b, cxt, src, built);
}

/*
 * A block of this kind of the cooperation: the shared one, or built (and
 * published); NULL for an unknown code, a view that says probing for one
 * too large.
 */
static RegCoop *
reg_get_coop(RegBlockKind kind, const char *code, const RegSource *src)
{
	RegCoop    *built = reg_shared_coop(kind, code, src);
	RegBuilt	info;

	if (built != NULL)
		return built;
	built = reg_build_settled(kind == REG_BLOCK_WHOLE ? reg_builder_whole : reg_builder_coop,
							  code, src, &info);
	if (built == NULL)
		return NULL;
	built->built = info;
	return reg_share_coop(built);
}

/* one LOG line for a cooperation not cached (whole: cached only small) */
static void
reg_log_uncached(const char *code, bool whole)
{
	if (whole)
		ereport(LOG,
				(errmsg("siko: the accessions of cooperation \"%s\" are not cached: they would exceed siko.cache_memory (%d kB)",
						code, siko_cache_memory),
				 errdetail("is_member and is_covered answer from its cache; the functions that list its accessions read them for each call.")));
	else
		ereport(LOG,
				(errmsg("siko: cooperation \"%s\" is not cached: its cache would exceed siko.cache_memory (%d kB)",
						code, siko_cache_memory),
				 errdetail("Its answers come from probes of the register's indexes.")));
}

/* the same for the index of all cooperations */
static RegAll *
reg_shared_all(const RegSource *src)
{
	RegBuilt	built;
	const RegAllBlock *b;

	if (src->history)
		return NULL;
	b = siko_reg_shared_find(REG_BLOCK_ALL, NULL, siko_reg_version(), &built);
	if (b == NULL)
		return NULL;
	return reg_all_shared_view(b, AllocSetContextCreate(siko_reg_cxt, "siko register index",
														ALLOCSET_SMALL_SIZES),
							   *src, built);
}

static RegAll *
reg_share_all(RegAll *all)
{
	const RegAllBlock *b;
	MemoryContext cxt = GetMemoryChunkContext(all);
	RegSource	src = all->src;
	RegBuilt	built = all->built;

	if (src.history || all->probing)
		return all;
	b = siko_reg_shared_publish(REG_BLOCK_ALL, NULL, all->block, all->block->size, &built);
	if (b == NULL)
		return all;
	MemoryContextReset(cxt);
	return reg_all_shared_view(b, cxt, src, built);
}

/* the cooperation, from the cache or built of this kind (NULL: unknown) */
static RegCoop *
reg_find_coop(const char *code, const RegSource *src, RegBlockKind kind)
{
	RegKnownKey kkey;
	RegCoop    *built;

	memset(&kkey, 0, sizeof(kkey));
	strlcpy(kkey.code, code, sizeof(kkey.code));
	kkey.known_on = src->known_on;
	siko_reg_ensure_context();
	if (!src->history && reg_coops != NULL)
	{
		RegCoop    *entry = hash_search(reg_coops, code, HASH_FIND, NULL);

		if (entry != NULL)
			return entry;
	}
	if (src->history && reg_known != NULL)
	{
		RegKnownEntry *entry = hash_search(reg_known, &kkey, HASH_FIND, NULL);

		if (entry != NULL)
			return entry->coop;
	}

	built = reg_get_coop(kind, code, src);
	if (built == NULL)
		return NULL;
	if (built->probing && kind == REG_BLOCK_WHOLE)
	{
		/* too large whole: the small block may do for is_member */
		MemoryContextDelete(built->cxt);
		built = reg_get_coop(REG_BLOCK_SMALL, code, src);
		if (built == NULL)
			return NULL;
		built->whole_uncached = true;
		if (!built->probing)
			reg_log_uncached(code, true);
	}
	if (built->probing)
		reg_log_uncached(code, false);
	if (!src->history)
	{
		RegCoop    *entry;

		if (reg_coops == NULL)
			reg_coops = reg_hash("siko register cooperations", REG_CODE_MAX + 1,
								 sizeof(RegCoop), HASH_STRINGS);
		entry = hash_search(reg_coops, code, HASH_ENTER, NULL);
		*entry = *built;
		return entry;
	}
	if (reg_known != NULL && hash_get_num_entries(reg_known) >= REG_KNOWN_MAX)
	{
		HASH_SEQ_STATUS seq;
		RegKnownEntry *e;

		hash_seq_init(&seq, reg_known);
		while ((e = hash_seq_search(&seq)) != NULL)
			MemoryContextDelete(GetMemoryChunkContext(e->coop));
		hash_destroy(reg_known);
		reg_known = NULL;
		siko_reg_generation++;	/* call sites may point into what went */
	}
	if (reg_known == NULL)
		reg_known = reg_hash("siko register cooperations as known on", sizeof(RegKnownKey),
							 sizeof(RegKnownEntry), HASH_BLOBS);
	((RegKnownEntry *) hash_search(reg_known, &kkey, HASH_ENTER, NULL))->coop = built;
	return built;
}

/* the whole cooperation built for one call, in *cxt */
static RegCoop *
reg_whole_per_call(const char *code, const RegSource *src, MemoryContext *cxt)
{
	RegCoop    *whole = siko_reg_build_coop(code, src, false, true, cxt);

	if (whole == NULL)
		siko_reg_unknown_cooperation(code, src);
	return whole;
}

/*
 * The view of the whole block beside coop's small one, made in coop's
 * context (or coop->whole_uncached set when it is too large); NULL then.
 * When a flush took coop away meanwhile, the view for this call instead,
 * in *cxt (per_call: whole, else perhaps one that says probing).
 */
static RegCoop *
reg_coop_add_whole(RegCoop *coop, bool per_call, MemoryContext *cxt)
{
	uint64		gen = siko_reg_generation;
	RegSource	src = coop->src;
	char		code[REG_CODE_MAX + 1];
	RegCoop    *whole;

	strlcpy(code, coop->code, sizeof(code));
	whole = reg_get_coop(REG_BLOCK_WHOLE, code, &src);
	if (whole == NULL)
		siko_reg_unknown_cooperation(code, &src);	/* gone meanwhile */
	if (gen != siko_reg_generation)
	{
		/* coop went with the flush: this one is for the call */
		MemoryContextSetParent(whole->cxt, CurrentMemoryContext);
		if (whole->probing && per_call)
		{
			MemoryContextDelete(whole->cxt);
			return reg_whole_per_call(code, &src, cxt);
		}
		*cxt = whole->cxt;
		return whole;
	}
	if (whole->probing)
	{
		MemoryContextDelete(whole->cxt);
		coop->whole_uncached = true;
		reg_log_uncached(code, true);
		return NULL;
	}
	MemoryContextSetParent(whole->cxt, coop->cxt);
	coop->whole = whole;
	return NULL;
}

RegCoop *
siko_reg_coop_whole(RegCoop *coop, bool per_call, MemoryContext *cxt)
{
	*cxt = NULL;
	if (coop->block != NULL && coop->block->whole)
		return coop;
	if (!coop->probing && !coop->whole_uncached && coop->whole == NULL)
	{
		RegCoop    *flushed = reg_coop_add_whole(coop, per_call, cxt);

		if (flushed != NULL)
			return flushed;
	}
	if (coop->whole != NULL)
		return coop->whole;
	return per_call ? reg_whole_per_call(coop->code, &coop->src, cxt) : NULL;
}

RegCoop *
siko_reg_coop_of(RegCallCache *cc, text *code, const RegSource *src, RegBlockKind kind)
{
	int			len = VARSIZE_ANY_EXHDR(code);
	const char *p = VARDATA_ANY(code);
	char		key[REG_CODE_MAX + 1];
	RegCoop    *coop;

	if (cc->coop != NULL && cc->coop_generation == siko_reg_generation &&
		cc->coop_history == src->history &&
		(!src->history || cc->coop_known_on == src->known_on) &&
		(cc->code_stable ||
		 (cc->codelen == len && memcmp(cc->code, p, len) == 0)))
		return cc->coop;

	if (src->history)
		siko_reg_check_history(cc);
	if (len > REG_CODE_MAX || memchr(p, '\0', len) != NULL)
		siko_reg_unknown_cooperation(text_to_cstring(code), src);
	memcpy(key, p, len);
	key[len] = '\0';
	coop = reg_find_coop(key, src, kind);
	if (coop == NULL)
		siko_reg_unknown_cooperation(key, src);

	cc->coop = coop;
	cc->coop_generation = siko_reg_generation;
	cc->coop_history = src->history;
	cc->coop_known_on = src->known_on;
	cc->codelen = len;
	memcpy(cc->code, p, len);
	return coop;
}

/* the index of all cooperations, from the cache or built */
static RegAll *
reg_find_all(const RegSource *src)
{
	RegAll	   *built;
	RegBuilt	info;

	siko_reg_ensure_context();
	if (!src->history && reg_all != NULL)
		return reg_all;
	if (src->history && reg_all_known != NULL && reg_all_known_on == src->known_on)
		return reg_all_known;
	built = reg_shared_all(src);
	if (built == NULL)
	{
		built = reg_build_settled(reg_builder_all, NULL, src, &info);
		built->built = info;
		built = reg_share_all(built);
	}
	if (!src->history)
		return reg_all = built;
	if (reg_all_known != NULL)
	{
		MemoryContextDelete(GetMemoryChunkContext(reg_all_known));
		siko_reg_generation++;	/* call sites may point into what went */
	}
	reg_all_known_on = src->known_on;
	return reg_all_known = built;
}

RegAll *
siko_reg_all(RegCallCache *cc, const RegSource *src)
{
	RegAll	   *all;

	if (cc->all != NULL && cc->all_generation == siko_reg_generation &&
		cc->all_history == src->history &&
		(!src->history || cc->all_known_on == src->known_on))
		return cc->all;
	if (src->history)
		siko_reg_check_history(cc);
	all = reg_find_all(src);
	cc->all = all;
	cc->all_generation = siko_reg_generation;
	cc->all_history = src->history;
	cc->all_known_on = src->known_on;
	if (cc->scratch_words < all->words)
	{
		cc->scratch = MemoryContextAlloc(GetMemoryChunkContext(cc),
										 sizeof(uint64) * all->words);
		cc->scratch_words = all->words;
	}
	return all;
}

/* one scan of the partner table (or its versions then): only on the rare path */
bool
siko_reg_partner_exists(const char *name, const RegSource *src)
{
	size_t		len = strlen(name);
	RegScan		s;
	AttrNumber	p_name;
	bool		found = false;

	siko_reg_scan_begin(&s, src, REG_PARTNER, NULL, 0, 0);
	p_name = siko_reg_scan_col(&s, "name");
	while (!found && siko_reg_scan_next(&s))
	{
		bool		isnull;
		Datum		d = siko_reg_scan_datum(&s, p_name, &isnull);
		text	   *t;

		if (isnull)
			continue;
		t = DatumGetTextPP(d);
		found = VARSIZE_ANY_EXHDR(t) == len && memcmp(VARDATA_ANY(t), name, len) == 0;
	}
	siko_reg_scan_end(&s);
	return found;
}

/* ---------------------------------------------------------------------
 * siko.cache_status()
 *		RETURNS TABLE (cooperation text, known_on timestamptz, mode text,
 *					   bytes bigint, built_at timestamptz,
 *					   register_version bigint, build_ms double precision)
 *
 * What this backend holds: each cooperation (and, with cooperation NULL,
 * the index of all cooperations), for the current state or as known on a
 * moment; mode 'private' (a block of this backend), 'shared' or 'probing'
 * (not cached: too large for siko.cache_memory); bytes, a cooperation's
 * blocks: the small one of is_member and is_covered and the whole one a
 * function that lists its accessions needed, or either.
 * ------------------------------------------------------------------- */
PG_FUNCTION_INFO_V1(siko_cache_status);

static void
status_row(ReturnSetInfo *rsinfo, const char *code, const RegSource *src, const char *mode,
		   uint64 bytes, const RegBuilt *built)
{
	Datum		values[7];
	bool		nulls[7] = {false, false, false, false, false, false, false};

	values[0] = code != NULL ? CStringGetTextDatum(code) : (Datum) 0;
	nulls[0] = code == NULL;
	values[1] = TimestampTzGetDatum(src->known_on);
	nulls[1] = !src->history;
	values[2] = CStringGetTextDatum(mode);
	values[3] = Int64GetDatum((int64) bytes);
	values[4] = TimestampTzGetDatum(built->at);
	values[5] = Int64GetDatum(built->version);
	nulls[5] = built->version < 0;
	values[6] = Float8GetDatum(built->ms);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

static void
status_coop(ReturnSetInfo *rsinfo, const RegCoop *coop)
{
	uint64		bytes = coop->block != NULL ? coop->block->size : 0;

	if (coop->whole != NULL)
		bytes += coop->whole->block->size;
	status_row(rsinfo, coop->code, &coop->src,
			   coop->probing ? "probing" : coop->shared ? "shared" : "private",
			   bytes, &coop->built);
}

static void
status_all(ReturnSetInfo *rsinfo, const RegAll *all)
{
	status_row(rsinfo, NULL, &all->src,
			   all->probing ? "probing" : all->shared ? "shared" : "private",
			   all->block->size, &all->built);
}

Datum
siko_cache_status(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	HASH_SEQ_STATUS seq;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	/* the cache as this statement's snapshot sees the register */
	(void) siko_reg_callcache(fcinfo);
	if (reg_coops != NULL)
	{
		RegCoop    *coop;

		hash_seq_init(&seq, reg_coops);
		while ((coop = hash_seq_search(&seq)) != NULL)
			status_coop(rsinfo, coop);
	}
	if (reg_known != NULL)
	{
		RegKnownEntry *e;

		hash_seq_init(&seq, reg_known);
		while ((e = hash_seq_search(&seq)) != NULL)
			status_coop(rsinfo, e->coop);
	}
	if (reg_all != NULL)
		status_all(rsinfo, reg_all);
	if (reg_all_known != NULL)
		status_all(rsinfo, reg_all_known);
	return (Datum) 0;
}
