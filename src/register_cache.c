/*
 * register_cache.c
 *		The per-backend cache of the register.
 *
 * Built lazily: one cooperation at a time through SPI (a hash table keyed
 * by code), and the index of all cooperations, a timeline of sets per key
 * for siko.cooperations_of() and siko.cooperation_counts(), by sequential
 * scans of the tables (see reg_build_all).  Everything lives under one memory
 * context, "siko register cache", which a relcache invalidation of any
 * register table resets.  Plain DML sends no relcache invalidation, so the
 * register tables carry a statement-level trigger that does
 * (siko_register_changed in register_trigger.c): at commit the message
 * reaches every backend, after a rollback no other backend sees it, and
 * the changing backend itself processes it at the next command.
 *
 * A build reads the tables, which takes locks, which may process
 * invalidations, which may flush the cache while it is being built.  So a
 * build goes into a context of its own, and is attached to the cache only
 * if no flush happened meanwhile; otherwise it is thrown away and redone.
 *
 * Under REPEATABLE READ or SERIALIZABLE a build sees the transaction's
 * snapshot, which may be older than the last invalidation; such a cache is
 * good for that transaction only and is dropped when the next one uses it.
 */
#include "register.h"

#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "executor/tuptable.h"
#include "parser/parse_relation.h"
#include "utils/snapmgr.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rls.h"

uint64		siko_reg_generation = 1;

static MemoryContext reg_cxt = NULL;	/* everything cached lives below */
static HTAB *reg_coops = NULL;	/* code -> RegCoop */
static RegAll *reg_all = NULL;
static bool reg_callback_registered = false;

/*
 * The register tables, for the invalidation callback, and the indexes the
 * row triggers read (in the order of enum RegRel).  Their Oids are looked
 * up by name once after each flush.
 */
static const char *const reg_relnames[REG_NRELS] = {
	"cooperation", "partner", "accession", "source", "accession_source",
	"cooperation_pkey", "partner_pkey", "accession_partner_idx"
};
static Oid	reg_relids[REG_NRELS];
static bool reg_relids_valid = false;

/* a cache built under a transaction snapshot is good for that transaction */
static bool reg_xact_bound = false;
static LocalTransactionId reg_xact_lxid = InvalidLocalTransactionId;

static void
reg_flush(void)
{
	if (reg_cxt != NULL)
		MemoryContextReset(reg_cxt);
	reg_coops = NULL;
	reg_all = NULL;
	reg_relids_valid = false;
	reg_xact_bound = false;
	siko_reg_generation++;
}

static void
reg_relcache_callback(Datum arg, Oid relid)
{
	if (OidIsValid(relid) && reg_relids_valid)
	{
		int			i;

		for (i = 0; i < REG_NRELS; i++)
			if (reg_relids[i] == relid)
				break;
		if (i == REG_NRELS)
			return;
	}
	reg_flush();
}

Oid
siko_reg_relid(const char *relname)
{
	Oid			nsp = get_namespace_oid("siko", true);

	if (!OidIsValid(nsp))
		return InvalidOid;
	return get_relname_relid(relname, nsp);
}

static void
reg_lookup_relids(void)
{
	int			i;

	for (i = 0; i < REG_NRELS; i++)
		reg_relids[i] = siko_reg_relid(reg_relnames[i]);
	reg_relids_valid = true;
}

/*
 * The Oid of a register table or index, kept until the next flush (which a
 * relcache invalidation of any of them causes, so a dropped and recreated
 * index is found again); InvalidOid before CREATE EXTENSION.
 */
Oid
siko_reg_rel(RegRel which)
{
	Assert(which >= 0 && which < REG_NRELS);
	if (!reg_callback_registered)
	{
		CacheRegisterRelcacheCallback(reg_relcache_callback, (Datum) 0);
		reg_callback_registered = true;
	}
	if (!reg_relids_valid)
		reg_lookup_relids();
	return reg_relids[which];
}

static void
reg_ensure_context(void)
{
	(void) siko_reg_rel(REG_COOPERATION);	/* the callback and the relids */
	if (reg_cxt == NULL)
		reg_cxt = AllocSetContextCreate(CacheMemoryContext,
										"siko register cache",
										ALLOCSET_DEFAULT_SIZES);
}

/* remember that what was just built holds for this transaction only */
static void
reg_note_snapshot(void)
{
	if (IsolationUsesXactSnapshot())
	{
		reg_xact_bound = true;
		reg_xact_lxid = MyProc->lxid;
	}
}

RegCallCache *
siko_reg_callcache(FunctionCallInfo fcinfo)
{
	RegCallCache *cc = (RegCallCache *) fcinfo->flinfo->fn_extra;

	if (cc == NULL)
	{
		static const char *const readable[] = {"cooperation", "partner", "accession"};
		int			i;

		/* a new execution: take in what other backends committed since */
		AcceptInvalidationMessages();
		if (reg_xact_bound && reg_xact_lxid != MyProc->lxid)
			reg_flush();
		reg_ensure_context();

		/* the cache answers only those who may read the tables */
		for (i = 0; i < (int) lengthof(readable); i++)
		{
			Oid			relid = reg_relids[i];	/* the first three, by name */
			AclResult	aclresult;

			if (!OidIsValid(relid))
				ereport(ERROR,
						(errcode(ERRCODE_UNDEFINED_TABLE),
						 errmsg("relation \"siko.%s\" does not exist", readable[i])));
			aclresult = pg_class_aclcheck(relid, GetUserId(), ACL_SELECT);
			if (aclresult != ACLCHECK_OK)
				aclcheck_error(aclresult, OBJECT_TABLE, get_rel_name(relid));
			/* the cache holds every row: it cannot apply row policies */
			if (check_enable_rls(relid, InvalidOid, true) == RLS_ENABLED)
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("siko's as-of functions cannot answer under row-level security on \"siko.%s\"",
								readable[i]),
						 errdetail("They answer from a cache of the whole register, which row policies cannot filter."),
						 errhint("Query the tables or siko.timeline instead, or disable row-level security with ALTER TABLE siko.%s DISABLE ROW LEVEL SECURITY.",
								 readable[i])));
		}

		cc = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(RegCallCache));
		/* a constant code (the usual call) needs no comparison per row */
		cc->code_stable = fcinfo->flinfo->fn_expr != NULL &&
			get_fn_expr_arg_stable(fcinfo->flinfo, 0);
		fcinfo->flinfo->fn_extra = cc;
	}
	return cc;
}

/* ---------------------------------------------------------------------
 * Building
 * ------------------------------------------------------------------- */

/* is [shi, elo) certain on some day (as siko_period_member_at decides)? */
static inline bool
reg_ever_certain(int32 shi, int32 elo)
{
	return shi != SIKO_DAY_NOEND && (elo == SIKO_DAY_NOEND || shi < elo);
}

typedef struct AccSortItem
{
	RegAccession acc;
	SikoPeriod	period;
} AccSortItem;

static int
reg_accitem_cmp(const void *a, const void *b)
{
	const AccSortItem *x = (const AccSortItem *) a;
	const AccSortItem *y = (const AccSortItem *) b;
	int			c = strcmp(x->acc.partner, y->acc.partner);

	if (c != 0)
		return c;
	return siko_period_cmp(&x->period, &y->period);
}

static int
reg_terr_cmp(const void *a, const void *b)
{
	const RegTerr *x = (const RegTerr *) a;
	const RegTerr *y = (const RegTerr *) b;

	if (x->ags != y->ags)
		return x->ags < y->ags ? -1 : 1;
	if (x->slo != y->slo)
		return x->slo < y->slo ? -1 : 1;
	return (x->acc > y->acc) - (x->acc < y->acc);
}

/*
 * Build the hash index of the runs of equal keys in an array sorted by key;
 * key_at(array, i) gives the key of element i.  At most half the slots are
 * used, so a probe is short.
 */
static void
reg_key_build(RegKeyHash *h, const void *array, int n, size_t elemsize,
			  MemoryContext cxt)
{
	int			nslots = 16;
	int			bits = 4;
	int			i;

	while (nslots < 2 * n)
	{
		nslots *= 2;
		bits++;
	}
	h->shift = 32 - bits;
	h->mask = (uint32) nslots - 1;
	h->slots = MemoryContextAllocExtended(cxt, sizeof(RegKeySlot) * nslots,
										  MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	i = 0;
	while (i < n)
	{
		SikoAgs		ags = *(const SikoAgs *) ((const char *) array + elemsize * i);
		int			j = i + 1;
		uint32		k;

		while (j < n && *(const SikoAgs *) ((const char *) array + elemsize * j) == ags)
			j++;
		k = reg_key_slot0(h, ags);
		while (h->slots[k].n != 0)
			k = (k + 1) & h->mask;
		h->slots[k].ags = ags;
		h->slots[k].first = i;
		h->slots[k].n = j - i;
		i = j;
	}
}

static void
reg_unknown_cooperation(const char *code)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown cooperation: \"%s\"", code),
			 errdetail("No row of siko.cooperation has this code."),
			 errhint("The codes are listed by: SELECT code, name FROM siko.cooperation;")));
}

/*
 * Read one cooperation into a new context (a child of CacheMemoryContext);
 * returns NULL, with *cxt_out set to NULL, when the code is unknown.
 */
static RegCoop *
reg_build_coop(const char *code, MemoryContext *cxt_out)
{
	static const char *const sql =
		"SELECT c.id, p.name, p.kind, p.ags, a.period"
		" FROM siko.cooperation c"
		" LEFT JOIN (siko.accession a JOIN siko.partner p"
		"   ON p.id OPERATOR(pg_catalog.=) a.partner_id)"
		" ON a.cooperation_id OPERATOR(pg_catalog.=) c.id"
		" WHERE c.code OPERATOR(pg_catalog.=) $1";
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	MemoryContext cxt;
	MemoryContext oldcxt;
	RegCoop    *coop = NULL;
	AccSortItem *items;
	uint64		n;
	uint64		i;
	int			nacc = 0;
	int			ret;

	*cxt_out = NULL;
	args[0] = CStringGetTextDatum(code);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute_with_args(sql, 1, argtypes, args, NULL, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_with_args failed: %s", SPI_result_code_string(ret));
	n = SPI_processed;
	if (n == 0)
	{
		SPI_finish();
		return NULL;
	}

	cxt = AllocSetContextCreate(CacheMemoryContext, "siko register cooperation",
								ALLOCSET_SMALL_SIZES);
	oldcxt = MemoryContextSwitchTo(cxt);
	coop = palloc0(sizeof(RegCoop));
	strlcpy(coop->code, code, sizeof(coop->code));
	items = palloc_extended(sizeof(AccSortItem) * n, MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		d;
		AccSortItem *it = &items[nacc];

		coop->id = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
		d = SPI_getbinval(tup, desc, 2, &isnull);
		if (isnull)
			continue;			/* the cooperation has no accession */
		it->acc.partner_text = DatumGetTextPCopy(d);
		it->acc.partner = text_to_cstring(it->acc.partner_text);
		it->acc.kind = SPI_getbinval(tup, desc, 3, &isnull);
		d = SPI_getbinval(tup, desc, 4, &isnull);
		it->acc.has_ags = !isnull;
		it->acc.ags = isnull ? 0 : DatumGetSikoAgs(d);
		memcpy(&it->period, DatumGetPointer(SPI_getbinval(tup, desc, 5, &isnull)),
			   sizeof(SikoPeriod));
		nacc++;
	}
	qsort(items, nacc, sizeof(AccSortItem), reg_accitem_cmp);

	coop->nacc = nacc;
	coop->acc = palloc_extended(sizeof(RegAccession) * Max(nacc, 1), MCXT_ALLOC_HUGE);
	coop->periods = palloc_extended(sizeof(SikoPeriod) * Max(nacc, 1), MCXT_ALLOC_HUGE);
	coop->terr = palloc_extended(sizeof(RegTerr) * Max(nacc, 1), MCXT_ALLOC_HUGE);
	for (i = 0; i < (uint64) nacc; i++)
	{
		coop->acc[i] = items[i].acc;
		coop->periods[i] = items[i].period;
		if (items[i].acc.has_ags)
		{
			RegTerr    *t = &coop->terr[coop->nterr++];

			t->ags = items[i].acc.ags;
			t->slo = items[i].period.start.lo;
			t->shi = items[i].period.start.hi;
			t->elo = items[i].period.end.lo;
			t->ehi = items[i].period.end.hi;
			if (!reg_ever_certain(t->shi, t->elo))
			{
				t->shi = SIKO_DAY_NOEND;	/* never certain */
				t->elo = SIKO_DAY_NOBEGIN;
			}
			t->acc = (int32) i;
		}
	}
	pfree(items);
	qsort(coop->terr, coop->nterr, sizeof(RegTerr), reg_terr_cmp);
	for (i = 0; i < (uint64) coop->nterr; i++)
		coop->levels |= 1u << siko_ags_level(coop->terr[i].ags);
	reg_key_build(&coop->terr_index, coop->terr, coop->nterr, sizeof(RegTerr), cxt);
	{
		int			nslots = 16;
		int			bits = 4;

		while (nslots < coop->nterr + coop->nterr / 2)	/* load <= 2/3 */
		{
			nslots *= 2;
			bits++;
		}
		coop->probe_shape.shift = 32 - bits;
		coop->probe_shape.mask = (uint32) nslots - 1;
		coop->probe = MemoryContextAllocHuge(cxt, sizeof(RegProbe) * nslots);
		memset(coop->probe, 0xFF, sizeof(RegProbe) * nslots);	/* REG_NO_AGS */
		for (i = 0; i < (uint64) coop->nterr; i++)
		{
			const RegTerr *t = &coop->terr[i];
			uint32		k = reg_key_slot0(&coop->probe_shape, t->ags);

			while (coop->probe[k].ags != REG_NO_AGS)
				k = (k + 1) & coop->probe_shape.mask;
			coop->probe[k].ags = t->ags;
			if (i + 1 < (uint64) coop->nterr && coop->terr[i + 1].ags == t->ags)
				coop->probe[k].ags |= REG_PROBE_MORE;	/* terr is sorted by ags */
			coop->probe[k].slo = t->slo;
			coop->probe[k].shi = t->shi;
			coop->probe[k].elo = t->elo;
			coop->probe[k].ehi = t->ehi;
		}
	}
	MemoryContextSwitchTo(oldcxt);
	SPI_finish();
	*cxt_out = cxt;
	return coop;
}

RegCoop *
siko_reg_coop(RegCallCache *cc, text *code)
{
	int			len = VARSIZE_ANY_EXHDR(code);
	const char *p = VARDATA_ANY(code);
	char		key[REG_CODE_MAX + 1];
	RegCoop    *entry;

	if (cc->coop != NULL && cc->coop_generation == siko_reg_generation &&
		(cc->code_stable ||
		 (cc->codelen == len && memcmp(cc->code, p, len) == 0)))
		return cc->coop;

	if (len > REG_CODE_MAX || memchr(p, '\0', len) != NULL)
		reg_unknown_cooperation(text_to_cstring(code));
	memcpy(key, p, len);
	key[len] = '\0';

	for (;;)
	{
		uint64		gen;
		RegCoop    *built;
		MemoryContext cxt;

		reg_ensure_context();
		if (reg_coops != NULL)
		{
			entry = hash_search(reg_coops, key, HASH_FIND, NULL);
			if (entry != NULL)
				break;
		}

		gen = siko_reg_generation;
		built = reg_build_coop(key, &cxt);
		if (built == NULL)
			reg_unknown_cooperation(key);
		if (gen != siko_reg_generation)
		{
			/* flushed while building: what was read may be stale */
			MemoryContextDelete(cxt);
			continue;
		}
		if (reg_coops == NULL)
		{
			HASHCTL		ctl;

			ctl.keysize = REG_CODE_MAX + 1;
			ctl.entrysize = sizeof(RegCoop);
			ctl.hcxt = reg_cxt;
			reg_coops = hash_create("siko register cooperations", 64, &ctl,
									HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
		}
		MemoryContextSetParent(cxt, reg_cxt);
		entry = hash_search(reg_coops, key, HASH_ENTER, NULL);
		*entry = *built;
		reg_note_snapshot();
		break;
	}

	cc->coop = entry;
	cc->coop_generation = siko_reg_generation;
	cc->codelen = len;
	memcpy(cc->code, p, len);
	return entry;
}

/* ---------------------------------------------------------------------
 * The index of every cooperation's territorial accessions by ags
 * ------------------------------------------------------------------- */

typedef struct IdIdx
{
	int32		id;
	int32		idx;
} IdIdx;

static int
idix_cmp(const void *a, const void *b)
{
	int32		x = ((const IdIdx *) a)->id;
	int32		y = ((const IdIdx *) b)->id;

	return (x > y) - (x < y);
}


/*
 * The index of all cooperations is read straight from the heap, not
 * through SPI: it holds every territorial accession (a million in a large
 * register), each parallel worker of a query builds its own, and a plain
 * sequential scan with a slot reads the three columns it needs at a
 * fraction of the cost of executing and copying a join.  The rows are
 * those the active snapshot sees, as a query of the statement would see.
 * The callers have checked SELECT on the tables (siko_reg_callcache), and
 * no register table has row-level security in force for the current user
 * (reg_check_rls): the cache holds the whole register.
 */

/* a register table, opened for reading; the column numbers by name */
static Relation
reg_open(const char *relname)
{
	Oid			relid = siko_reg_relid(relname);

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"siko.%s\" does not exist", relname)));
	return table_open(relid, AccessShareLock);
}

static AttrNumber
reg_col(Relation rel, const char *name)
{
	AttrNumber	n = attnameAttNum(rel, name, false);

	if (n <= 0)
		elog(ERROR, "siko register table \"%s\" has no column \"%s\"",
			 RelationGetRelationName(rel), name);
	return n;
}

static Snapshot
reg_snapshot(void)
{
	return ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot();
}

/* partner id -> ags, for the territorial partners, sorted by id */
typedef struct IdAgs
{
	int32		id;
	SikoAgs		ags;
} IdAgs;

static int
idags_cmp(const void *a, const void *b)
{
	int32		x = ((const IdAgs *) a)->id;
	int32		y = ((const IdAgs *) b)->id;

	return (x > y) - (x < y);
}

/* a cooperation's code and its place in byte order */
typedef struct CodeItem
{
	int32		id;
	text	   *code;
} CodeItem;

static int
codeitem_cmp(const void *a, const void *b)
{
	return reg_code_cmp(((const CodeItem *) a)->code, ((const CodeItem *) b)->code);
}

/*
 * What the build sorts: a 64-bit key and two values.  For the timelines,
 * the start and end events of the accessions: key (ags, day), values the
 * cooperation's number and +1 or -1; for the scan of entries (many
 * cooperations), the entries: key (ags, cooperation), values shi and elo.
 */
typedef struct RegItem
{
	uint64		key;
	int32		x;
	int32		y;
} RegItem;

/* a day as an unsigned number in the same order */
#define REG_DAY_KEY(d)	((uint32) (d) ^ UINT32_C(0x80000000))

/*
 * A least-significant-digit radix sort on the key, 16 bits a pass,
 * skipping the passes in which every key has the same digit: two million
 * items sort in a few tens of milliseconds, several times faster than
 * qsort().
 */
static void
reg_sort_items(RegItem *items, int64 n, MemoryContext cxt)
{
	RegItem    *tmp;
	RegItem    *from = items;
	RegItem    *to;
	int64	   *count;
	int			pass;

	if (n < 2)
		return;
	tmp = MemoryContextAllocHuge(cxt, sizeof(RegItem) * n);
	count = MemoryContextAlloc(cxt, sizeof(int64) * 65536);
	to = tmp;
	for (pass = 0; pass < 4; pass++)
	{
		int			shift = 16 * pass;
		int64		sum = 0;
		int64		i;
		int			d;

		memset(count, 0, sizeof(int64) * 65536);
		for (i = 0; i < n; i++)
			count[(from[i].key >> shift) & 0xFFFF]++;
		if (count[(from[0].key >> shift) & 0xFFFF] == n)
			continue;			/* one digit for all: nothing to do */
		for (d = 0; d < 65536; d++)
		{
			int64		c = count[d];

			count[d] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			to[count[(from[i].key >> shift) & 0xFFFF]++] = from[i];
		{
			RegItem    *t = from;

			from = to;
			to = t;
		}
	}
	if (from != items)
		memcpy(items, from, sizeof(RegItem) * n);
	pfree(tmp);
	pfree(count);
}

/*
 * The timelines, from the start and end events sorted by (ags, day): one
 * pass that keeps, per key, the number of open accessions per cooperation
 * and the set of those with one, and writes the set after each distinct
 * day into the key's blocks.
 */
static void
reg_build_timelines(RegAll *all, const RegItem *ev, int64 n, MemoryContext cxt)
{
	int			words = all->words;
	int			bd;
	int64		nkeys = 0;
	int64		maxblocks;
	int64		nblocks = 0;
	int			nslots = 16;
	int			bits = 4;
	int32	   *nopen;
	uint64		cur[REG_TIMELINE_MAXWORDS];
	int64		i;

	/* days per 64-byte block: the days, then (8-byte aligned) their sets */
	for (bd = 1; MAXALIGN((bd + 1) * sizeof(SikoDay)) + (bd + 1) * words * sizeof(uint64) <= PG_CACHE_LINE_SIZE; bd++)
		;
	all->blockdays = bd;
	all->setoffset = MAXALIGN(bd * sizeof(SikoDay));

	for (i = 0; i < n; i++)
		nkeys += (i == 0 || (ev[i].key >> 32) != (ev[i - 1].key >> 32));
	while (nslots < nkeys + nkeys / 2)	/* load <= 2/3 */
	{
		nslots *= 2;
		bits++;
	}
	all->tl_shape.shift = 32 - bits;
	all->tl_shape.mask = (uint32) nslots - 1;
	all->tl = MemoryContextAllocHuge(cxt, sizeof(RegTimeline) * nslots);
	memset(all->tl, 0xFF, sizeof(RegTimeline) * nslots);	/* REG_NO_AGS */

	maxblocks = n / bd + nkeys + 1;
	all->blocks_mem = MemoryContextAllocHuge(cxt, PG_CACHE_LINE_SIZE * (maxblocks + 1));
	all->blocks = (char *) TYPEALIGN(PG_CACHE_LINE_SIZE, all->blocks_mem);
	all->tops = MemoryContextAllocHuge(cxt, sizeof(SikoDay) * maxblocks);
	nopen = MemoryContextAllocZero(cxt, sizeof(int32) * Max(all->ncodes, 1));
	memset(cur, 0, sizeof(cur));

	i = 0;
	while (i < n)
	{
		SikoAgs		ags = (SikoAgs) (ev[i].key >> 32);
		int32		first = (int32) nblocks;
		int64		first_event = i;
		int64		k;
		int			nb = 0;
		uint32		slot;

		while (i < n && (SikoAgs) (ev[i].key >> 32) == ags)
		{
			uint64		daykey = ev[i].key;
			SikoDay		day = (SikoDay) ((uint32) daykey ^ UINT32_C(0x80000000));
			char	   *block;
			int			pos = nb % bd;

			/* every event of this key on this day */
			for (; i < n && ev[i].key == daykey; i++)
			{
				int			c = ev[i].x;

				nopen[c] += ev[i].y;
				if (nopen[c] > 0)
					cur[c >> 6] |= UINT64CONST(1) << (c & 63);
				else
					cur[c >> 6] &= ~(UINT64CONST(1) << (c & 63));
			}
			if (pos == 0)
			{
				int			m;

				block = all->blocks + PG_CACHE_LINE_SIZE * nblocks;
				for (m = 0; m < bd; m++)
					((SikoDay *) block)[m] = SIKO_DAY_NOEND;	/* padding */
				memset(block + all->setoffset, 0, PG_CACHE_LINE_SIZE - all->setoffset);
				all->tops[nblocks] = day;
				nblocks++;
			}
			block = all->blocks + PG_CACHE_LINE_SIZE * (nblocks - 1);
			((SikoDay *) block)[pos] = day;
			memcpy((uint64 *) (block + all->setoffset) + pos * words, cur, sizeof(uint64) * words);
			nb++;
		}
		/* open ends leave counts behind: clear them for the next key */
		for (k = first_event; k < i; k++)
			nopen[ev[k].x] = 0;
		memset(cur, 0, sizeof(cur));

		slot = reg_key_slot0(&all->tl_shape, ags);
		while (all->tl[slot].ags != REG_NO_AGS)
			slot = (slot + 1) & all->tl_shape.mask;
		all->tl[slot].ags = ags;
		all->tl[slot].nb = nb;
		all->tl[slot].first_block = first;
	}
	pfree(nopen);
}

static RegAll *
reg_build_all(MemoryContext *cxt_out)
{
	Snapshot	snap = reg_snapshot();
	MemoryContext cxt;
	MemoryContext oldcxt;
	RegAll	   *all;
	RegItem    *items;
	int64		nitems = 0;
	int64		icap;
	bool		timelines;
	CodeItem   *codes;
	IdIdx	   *ids;
	SikoAgs    *pmap = NULL;	/* partner id - plo -> ags, if dense */
	int32		plo = 0;
	int64		pspan = 0;
	int32	   *cmap = NULL;	/* cooperation id - clo -> index + 1, if dense */
	int32		clo = 0;
	int64		cspan = 0;
	IdAgs	   *pags;
	int			npags = 0;
	int			cap;
	int			i;
	Relation	rel;
	TableScanDesc scan;
	TupleTableSlot *slot;
	AttrNumber	c_id,
				c_code,
				p_id,
				p_ags,
				a_coop,
				a_partner,
				a_period;

	cxt = AllocSetContextCreate(CacheMemoryContext, "siko register index",
								ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(cxt);
	all = palloc0(sizeof(RegAll));

	/* the cooperations: ids and codes, the codes in byte order */
	rel = reg_open("cooperation");
	c_id = reg_col(rel, "id");
	c_code = reg_col(rel, "code");
	cap = 64;
	codes = palloc(sizeof(CodeItem) * cap);
	slot = table_slot_create(rel, NULL);
	scan = table_beginscan(rel, snap, 0, NULL);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		Datum		code;

		if (all->ncodes == cap)
		{
			cap *= 2;
			codes = repalloc(codes, sizeof(CodeItem) * cap);
		}
		codes[all->ncodes].id = DatumGetInt32(slot_getattr(slot, c_id, &isnull));
		code = slot_getattr(slot, c_code, &isnull);
		/* a plain 4-byte header and zeroed padding, as an array element wants it */
		{
			text	   *src = DatumGetTextPP(code);
			int			len = VARSIZE_ANY_EXHDR(src);
			text	   *t = palloc0(INTALIGN(VARHDRSZ + len));

			SET_VARSIZE(t, VARHDRSZ + len);
			memcpy(VARDATA(t), VARDATA_ANY(src), len);
			codes[all->ncodes].code = t;
		}
		all->ncodes++;
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, AccessShareLock);
	qsort(codes, all->ncodes, sizeof(CodeItem), codeitem_cmp);
	all->codes = palloc(sizeof(Datum) * Max(all->ncodes, 1));
	all->codesize = palloc(sizeof(int32) * Max(all->ncodes, 1));
	ids = palloc(sizeof(IdIdx) * Max(all->ncodes, 1));
	for (i = 0; i < all->ncodes; i++)
	{
		all->codes[i] = PointerGetDatum(codes[i].code);
		all->codesize[i] = INTALIGN(VARSIZE(codes[i].code));
		ids[i].id = codes[i].id;
		ids[i].idx = i;
	}
	pfree(codes);
	qsort(ids, all->ncodes, sizeof(IdIdx), idix_cmp);
	MemoryContextSwitchTo(oldcxt);

	/* the territorial partners: id -> ags */
	rel = reg_open("partner");
	p_id = reg_col(rel, "id");
	p_ags = reg_col(rel, "ags");
	cap = 1024;
	pags = palloc(sizeof(IdAgs) * cap);
	slot = table_slot_create(rel, NULL);
	scan = table_beginscan(rel, snap, 0, NULL);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		Datum		ags = slot_getattr(slot, p_ags, &isnull);

		if (isnull)
			continue;
		if (npags == cap)
		{
			cap *= 2;
			pags = repalloc_huge(pags, sizeof(IdAgs) * cap);
		}
		pags[npags].ags = DatumGetSikoAgs(ags);
		pags[npags].id = DatumGetInt32(slot_getattr(slot, p_id, &isnull));
		npags++;
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, AccessShareLock);
	qsort(pags, npags, sizeof(IdAgs), idags_cmp);

	/*
	 * Ids from the tables' sequences are dense: then an array indexed by id
	 * replaces the two binary searches per accession below (most of the
	 * build's time with a million accessions).
	 */
	if (npags > 0 && (int64) pags[npags - 1].id - pags[0].id < 4 * (int64) npags + 1024)
	{
		plo = pags[0].id;
		pspan = (int64) pags[npags - 1].id - plo + 1;
		pmap = palloc(sizeof(SikoAgs) * pspan);
		memset(pmap, 0xFF, sizeof(SikoAgs) * pspan);	/* REG_NO_AGS */
		for (i = 0; i < npags; i++)
			pmap[pags[i].id - plo] = pags[i].ags;
	}
	if (all->ncodes > 0 && (int64) ids[all->ncodes - 1].id - ids[0].id < 4 * (int64) all->ncodes + 1024)
	{
		clo = ids[0].id;
		cspan = (int64) ids[all->ncodes - 1].id - clo + 1;
		cmap = palloc0(sizeof(int32) * cspan);
		for (i = 0; i < all->ncodes; i++)
			cmap[ids[i].id - clo] = ids[i].idx + 1;
	}

	/*
	 * The accessions of territorial partners that are certain on some day:
	 * for the timelines their start and end events, else the entries.
	 */
	all->words = Max(1, (all->ncodes + 63) / 64);
	timelines = all->words <= REG_TIMELINE_MAXWORDS;
	rel = reg_open("accession");
	a_coop = reg_col(rel, "cooperation_id");
	a_partner = reg_col(rel, "partner_id");
	a_period = reg_col(rel, "period");
	icap = 1024;
	items = MemoryContextAllocHuge(cxt, sizeof(RegItem) * icap);
	slot = table_slot_create(rel, NULL);
	scan = table_beginscan(rel, snap, 0, NULL);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		Datum		d;
		const SikoPeriod *per;
		IdAgs		pkey;
		IdAgs	   *p;
		IdIdx		ckey;
		IdIdx	   *c;
		uint64		ags;
		SikoAgs		pags_of;
		int32		cidx;

		CHECK_FOR_INTERRUPTS();
		d = slot_getattr(slot, a_period, &isnull);
		if (isnull)
			continue;
		per = DatumGetSikoPeriodP(d);
		if (!reg_ever_certain(per->start.hi, per->end.lo))
			continue;			/* never certainly a member: never listed */
		pkey.id = DatumGetInt32(slot_getattr(slot, a_partner, &isnull));
		if (pmap != NULL)
		{
			int64		k = (int64) pkey.id - plo;

			if (k < 0 || k >= pspan || pmap[k] == REG_NO_AGS)
				continue;		/* not a territorial partner */
			pags_of = pmap[k];
		}
		else
		{
			p = bsearch(&pkey, pags, npags, sizeof(IdAgs), idags_cmp);
			if (p == NULL)
				continue;		/* not a territorial partner */
			pags_of = p->ags;
		}
		ckey.id = DatumGetInt32(slot_getattr(slot, a_coop, &isnull));
		if (cmap != NULL)
		{
			int64		k = (int64) ckey.id - clo;

			if (k < 0 || k >= cspan || cmap[k] == 0)
				continue;		/* cannot happen: a foreign key */
			cidx = cmap[k] - 1;
		}
		else
		{
			c = bsearch(&ckey, ids, all->ncodes, sizeof(IdIdx), idix_cmp);
			if (c == NULL)
				continue;		/* cannot happen: a foreign key */
			cidx = c->idx;
		}
		if (nitems + 2 > icap)
		{
			icap *= 2;
			items = repalloc_huge(items, sizeof(RegItem) * icap);
		}
		ags = (uint64) pags_of << 32;
		if (timelines)
		{
			items[nitems].key = ags | REG_DAY_KEY(per->start.hi);
			items[nitems].x = cidx;
			items[nitems++].y = 1;
			if (per->end.lo != SIKO_DAY_NOEND)	/* an open end never ends */
			{
				items[nitems].key = ags | REG_DAY_KEY(per->end.lo);
				items[nitems].x = cidx;
				items[nitems++].y = -1;
			}
		}
		else
		{
			items[nitems].key = ags | (uint32) cidx;
			items[nitems].x = per->start.hi;
			items[nitems++].y = per->end.lo;
		}
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, AccessShareLock);
	pfree(pags);
	pfree(ids);
	if (pmap != NULL)
		pfree(pmap);
	if (cmap != NULL)
		pfree(cmap);

	reg_sort_items(items, nitems, cxt);
	if (timelines)
		reg_build_timelines(all, items, nitems, cxt);
	else
	{
		SikoAgs    *keys = MemoryContextAllocHuge(cxt, sizeof(SikoAgs) * Max(nitems, 1));

		all->nentries = (int) nitems;
		all->spans = MemoryContextAllocHuge(cxt, sizeof(RegAllSpan) * Max(nitems, 1));
		for (i = 0; i < all->nentries; i++)
		{
			keys[i] = (SikoAgs) (items[i].key >> 32);
			all->spans[i].coop = (int32) (uint32) items[i].key;
			all->spans[i].shi = items[i].x;
			all->spans[i].elo = items[i].y;
		}
		reg_key_build(&all->index, keys, all->nentries, sizeof(SikoAgs), cxt);
		pfree(keys);
	}
	pfree(items);
	*cxt_out = cxt;
	return all;
}

RegAll *
siko_reg_all(RegCallCache *cc)
{
	if (cc->all != NULL && cc->all_generation == siko_reg_generation)
		return cc->all;

	for (;;)
	{
		uint64		gen;
		RegAll	   *built;
		MemoryContext cxt;

		reg_ensure_context();
		if (reg_all != NULL)
			break;
		gen = siko_reg_generation;
		built = reg_build_all(&cxt);
		if (gen != siko_reg_generation)
		{
			MemoryContextDelete(cxt);
			continue;
		}
		MemoryContextSetParent(cxt, reg_cxt);
		reg_all = built;
		reg_note_snapshot();
		break;
	}
	cc->all = reg_all;
	cc->all_generation = siko_reg_generation;
	if (reg_all->tl == NULL && cc->scratch_words < reg_all->words)
	{
		cc->scratch = MemoryContextAlloc(GetMemoryChunkContext(cc),
										 sizeof(uint64) * reg_all->words);
		cc->scratch_words = reg_all->words;
	}
	return reg_all;
}

bool
siko_reg_partner_exists(const char *name)
{
	static const char *const sql =
		"SELECT 1 FROM siko.partner p WHERE p.name OPERATOR(pg_catalog.=) $1";
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	bool		found;

	args[0] = CStringGetTextDatum(name);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args(sql, 1, argtypes, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_with_args failed");
	found = SPI_processed > 0;
	SPI_finish();
	return found;
}
