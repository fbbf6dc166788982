/*
 * register_cache.c
 *		The per-backend cache of the register.
 *
 * Built lazily from the tables through SPI, one cooperation at a time (a
 * hash table keyed by code), plus one index of all territorial accessions
 * by ags for siko.cooperations_of().  Everything lives under one memory
 * context, "siko register cache", which a relcache invalidation of any
 * register table resets.  Plain DML sends no relcache invalidation, so the
 * register tables carry a statement-level trigger that does
 * (siko_register_changed in register_trigger.c): at commit the message
 * reaches every backend, after a rollback no other backend sees it, and
 * the changing backend itself processes it at the next command.
 *
 * A build reads the tables with SPI, which takes locks, which may process
 * invalidations, which may flush the cache while it is being built.  So a
 * build goes into a context of its own, and is attached to the cache only
 * if no flush happened meanwhile; otherwise it is thrown away and redone.
 *
 * Under REPEATABLE READ or SERIALIZABLE a build sees the transaction's
 * snapshot, which may be older than the last invalidation; such a cache is
 * good for that transaction only and is dropped when the next one uses it.
 */
#include "register.h"

#include "access/xact.h"
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

uint64		siko_reg_generation = 1;

static MemoryContext reg_cxt = NULL;	/* everything cached lives below */
static HTAB *reg_coops = NULL;	/* code -> RegCoop */
static RegAll *reg_all = NULL;
static bool reg_callback_registered = false;

/* the register tables, for the invalidation callback */
#define REG_NRELS 5
static const char *const reg_relnames[REG_NRELS] = {
	"cooperation", "partner", "accession", "source", "accession_source"
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

static void
reg_ensure_context(void)
{
	if (!reg_callback_registered)
	{
		CacheRegisterRelcacheCallback(reg_relcache_callback, (Datum) 0);
		reg_callback_registered = true;
	}
	if (reg_cxt == NULL)
		reg_cxt = AllocSetContextCreate(CacheMemoryContext,
										"siko register cache",
										ALLOCSET_DEFAULT_SIZES);
	if (!reg_relids_valid)
		reg_lookup_relids();
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

static int
allentry_cmp(const void *a, const void *b)
{
	const RegAllEntry *x = (const RegAllEntry *) a;
	const RegAllEntry *y = (const RegAllEntry *) b;

	if (x->ags != y->ags)
		return x->ags < y->ags ? -1 : 1;
	return (x->coop > y->coop) - (x->coop < y->coop);
}

static RegAll *
reg_build_all(MemoryContext *cxt_out)
{
	static const char *const sql_codes =
		"SELECT c.id, c.code FROM siko.cooperation c"
		" ORDER BY c.code COLLATE pg_catalog.\"C\"";
	static const char *const sql_terr =
		"SELECT a.cooperation_id, p.ags, a.period"
		" FROM siko.accession a JOIN siko.partner p"
		" ON p.id OPERATOR(pg_catalog.=) a.partner_id"
		" WHERE p.ags IS NOT NULL";
	MemoryContext cxt;
	MemoryContext oldcxt;
	RegAll	   *all;
	RegAllEntry *entries;
	IdIdx	   *ids;
	int64		cap;
	uint64		i;
	Portal		portal;
	int			ret;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute(sql_codes, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(ret));

	cxt = AllocSetContextCreate(CacheMemoryContext, "siko register index",
								ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(cxt);
	all = palloc0(sizeof(RegAll));
	all->ncodes = (int) SPI_processed;
	all->codes = palloc(sizeof(Datum) * Max(all->ncodes, 1));
	all->codesize = palloc(sizeof(int32) * Max(all->ncodes, 1));
	ids = palloc(sizeof(IdIdx) * Max(all->ncodes, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		HeapTuple	tup = SPI_tuptable->vals[i];

		ids[i].id = DatumGetInt32(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
		ids[i].idx = (int32) i;
		/* a plain 4-byte header, as an array element wants it */
		{
			char	   *code = TextDatumGetCString(SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &isnull));
			int			len = strlen(code);
			text	   *t;

			all->codesize[i] = INTALIGN(VARHDRSZ + len);
			t = palloc0(all->codesize[i]);	/* the padding zeroed */
			SET_VARSIZE(t, VARHDRSZ + len);
			memcpy(VARDATA(t), code, len);
			all->codes[i] = PointerGetDatum(t);
		}
	}
	qsort(ids, all->ncodes, sizeof(IdIdx), idix_cmp);
	MemoryContextSwitchTo(oldcxt);

	cap = 1024;
	entries = MemoryContextAllocHuge(cxt, sizeof(RegAllEntry) * cap);
	portal = SPI_cursor_open_with_args(NULL, sql_terr, 0, NULL, NULL, NULL, true,
									   CURSOR_OPT_NO_SCROLL);
	for (;;)
	{
		SPI_cursor_fetch(portal, true, 10000);
		if (SPI_processed == 0)
			break;
		for (i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			IdIdx		key;
			IdIdx	   *found;
			const SikoPeriod *per;
			RegAllEntry *e;

			per = (const SikoPeriod *) DatumGetPointer(SPI_getbinval(tup, desc, 3, &isnull));
			if (per->start.hi >= per->end.lo)
				continue;		/* never certainly a member: never listed */
			key.id = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
			found = bsearch(&key, ids, all->ncodes, sizeof(IdIdx), idix_cmp);
			if (found == NULL)
				continue;		/* cannot happen: a foreign key */
			if (all->nentries == cap)
			{
				cap *= 2;
				entries = repalloc_huge(entries, sizeof(RegAllEntry) * cap);
			}
			e = &entries[all->nentries++];
			e->ags = DatumGetSikoAgs(SPI_getbinval(tup, desc, 2, &isnull));
			e->shi = per->start.hi;
			e->elo = per->end.lo;
			e->coop = found->idx;
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	SPI_finish();
	pfree(ids);
	qsort(entries, all->nentries, sizeof(RegAllEntry), allentry_cmp);
	reg_key_build(&all->index, entries, all->nentries, sizeof(RegAllEntry), cxt);
	all->spans = MemoryContextAllocHuge(cxt, sizeof(RegAllSpan) * Max(all->nentries, 1));
	for (i = 0; i < (uint64) all->nentries; i++)
	{
		all->spans[i].shi = entries[i].shi;
		all->spans[i].elo = entries[i].elo;
		all->spans[i].coop = entries[i].coop;
	}
	pfree(entries);
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
