/*
 * register_cache.c
 *		The per-backend cache of the register.
 *
 * Built lazily, straight from the tables: one cooperation at a time (a
 * hash table keyed by code; see reg_build_coop), and the index of all
 * cooperations, a timeline of sets per key for siko.cooperations_of() and
 * siko.cooperation_counts() (see reg_build_all).  Everything lives under one memory
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
 * Until it is attached, that context is a child of the caller's, so an
 * error or a cancel during the build frees it.
 *
 * Under REPEATABLE READ or SERIALIZABLE a build sees the transaction's
 * snapshot, which may be older than the last invalidation; such a cache is
 * good for that transaction only and is dropped when the next one uses it.
 */
#include "register.h"

#include "access/genam.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "executor/tuptable.h"
#include "parser/parse_relation.h"
#include "utils/snapmgr.h"
#include "catalog/namespace.h"
#include "catalog/pg_am_d.h"
#include "catalog/pg_index.h"
#include "catalog/pg_opfamily_d.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
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
 * cache and the row triggers read (in the order of enum RegRel).  Their Oids are looked
 * up by name once after each flush.
 */
static const char *const reg_relnames[REG_NRELS] = {
	"cooperation", "partner", "accession", "source", "accession_source",
	"cooperation_pkey", "partner_pkey", "accession_partner_idx",
	"accession_cooperation_idx"
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
		reg_xact_lxid = SIKO_MY_LXID;
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
		if (reg_xact_bound && reg_xact_lxid != SIKO_MY_LXID)
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

/*
 * The cache is read straight from the tables, not through SPI: each parallel
 * worker of a query builds its own, and a scan with a slot reads the few
 * columns it needs at a fraction of the cost of planning and executing a
 * join and copying its rows.  The rows are those the active snapshot sees,
 * as a query of the statement would see.  The callers have checked SELECT
 * on the tables (siko_reg_callcache), and no register table has row-level
 * security in force for the current user: the cache holds the whole
 * register.
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


/* is [shi, elo) certain on some day (as siko_period_member_at decides)? */
static inline bool
reg_ever_certain(int32 shi, int32 elo)
{
	return shi != SIKO_DAY_NOEND && (elo == SIKO_DAY_NOEND || shi < elo);
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
 * What the builds sort: a 64-bit key and two values.  For the timelines,
 * the start and end events of the accessions: key (ags, day), values the
 * cooperation's number and +1 or -1; for the scan of entries (many
 * cooperations), the entries: key (ags, cooperation), values shi and elo;
 * for one cooperation, its territorial accessions: key (ags, start), value
 * the accession's place.
 */
typedef struct RegItem
{
	uint64		key;			/* first, for siko_radix_sort */
	int32		x;
	int32		y;
} RegItem;
StaticAssertDecl(sizeof(RegItem) == 16 && offsetof(RegItem, key) == 0,
				 "siko_radix_sort sorts RegItems as 16-byte elements keyed in front");

/* a day as an unsigned number in the same order */
#define REG_DAY_KEY(d)	((uint32) (d) ^ UINT32_C(0x80000000))

/*
 * One pass of siko_radix_sort: elements of size bytes (a constant where it
 * is inlined, so the copies are plain moves) by the digit at shift.
 */
static pg_attribute_always_inline void
radix_pass(const char *from, char *to, int64 n, size_t size, int shift,
		   uint64 mask, int64 *count)
{
	int64		i;

	for (i = 0; i < n; i++)
	{
		const char *e = from + i * size;

		memcpy(to + count[(*(const uint64 *) e >> shift) & mask]++ * size, e, size);
	}
}

/*
 * A least-significant-digit radix sort of n elements of size bytes (8 or
 * 16, beginning with a uint64 key) by the key's bits lobit and up,
 * digitbits bits a pass, skipping the passes in which every element has the
 * same digit.  Stable.  Two million elements sort in a few tens of
 * milliseconds, several times faster than qsort(); the scratch space is
 * taken from cxt and given back.
 */
void
siko_radix_sort(void *items, int64 n, size_t size, int lobit, int digitbits,
				MemoryContext cxt)
{
	int64		ndigits = INT64CONST(1) << digitbits;
	uint64		mask = (uint64) ndigits - 1;
	char	   *from = items;
	char	   *to;
	char	   *tmp;
	int64	   *count;
	int			shift;

	Assert(size == 8 || size == 16);
	if (n < 2)
		return;
	tmp = MemoryContextAllocHuge(cxt, size * n);
	count = MemoryContextAlloc(cxt, sizeof(int64) * ndigits);
	to = tmp;
	for (shift = lobit; shift < 64; shift += digitbits)
	{
		int64		sum = 0;
		int64		i;
		int64		d;

		memset(count, 0, sizeof(int64) * ndigits);
		for (i = 0; i < n; i++)
			count[(*(const uint64 *) (from + i * size) >> shift) & mask]++;
		if (count[(*(const uint64 *) from >> shift) & mask] == n)
			continue;			/* one digit for all: nothing to do */
		for (d = 0; d < ndigits; d++)
		{
			int64		c = count[d];

			count[d] = sum;
			sum += c;
		}
		if (size == 8)
			radix_pass(from, to, n, 8, shift, mask, count);
		else
			radix_pass(from, to, n, 16, shift, mask, count);
		{
			char	   *t = from;

			from = to;
			to = t;
		}
	}
	if (from != (char *) items)
		memcpy(items, from, size * n);
	pfree(tmp);
	pfree(count);
}

/* the RegItems sorted by key, 16 bits a pass */
static void
reg_sort_items(RegItem *items, int64 n, MemoryContext cxt)
{
	siko_radix_sort(items, n, sizeof(RegItem), 0, 16, cxt);
}

/* qsort() and bsearch() order of int32s, or of structs that begin with one */
int
siko_int32_cmp(const void *a, const void *b)
{
	int32		x = *(const int32 *) a;
	int32		y = *(const int32 *) b;

	return (x > y) - (x < y);
}

/* a day as a 16-bit offset from base (see RegProbe) */
static int16
reg_day16(int32 d, int32 base)
{
	if (d == SIKO_DAY_NOBEGIN)
		return REG_DAY16_NOBEGIN;
	if (d == SIKO_DAY_NOEND)
		return REG_DAY16_NOEND;
	Assert((int64) d - base >= REG_DAY16_MIN && (int64) d - base <= REG_DAY16_MAX);
	return (int16) (d - base);
}

/*
 * The hash table of is_member (see RegProbe), from terr; none when the
 * cooperation's finite days span more than the 16-bit window.
 */
static void
reg_build_probe(RegCoop *coop, MemoryContext cxt)
{
	int64		lo = PG_INT64_MAX;
	int64		hi = PG_INT64_MIN;
	int64		width = REG_DAY16_MAX - REG_DAY16_MIN;
	int			nslots = 16;
	int			bits = 4;
	int			i;

	for (i = 0; i < coop->nterr; i++)
	{
		const RegTerr *t = &coop->terr[i];
		int32		b[4] = {t->slo, t->shi, t->elo, t->ehi};
		int			k;

		for (k = 0; k < 4; k++)
			if (b[k] != SIKO_DAY_NOBEGIN && b[k] != SIKO_DAY_NOEND)
			{
				lo = Min(lo, b[k]);
				hi = Max(hi, b[k]);
			}
	}
	coop->probe = NULL;
	coop->probe_base = 0;
	if (lo <= hi)
	{
		if (hi - lo > width)
			return;				/* answered from terr */
		/* the finite days in the middle of the window */
		coop->probe_base = (int32) (lo - REG_DAY16_MIN - (width - (hi - lo)) / 2);
	}

	while (nslots < coop->nterr + coop->nterr / 2)	/* load <= 2/3 */
	{
		nslots *= 2;
		bits++;
	}
	coop->probe_shape.shift = 32 - bits;
	coop->probe_shape.mask = (uint32) nslots - 1;
	coop->probe = MemoryContextAllocHuge(cxt, sizeof(RegProbe) * nslots);
	memset(coop->probe, 0xFF, sizeof(RegProbe) * nslots);	/* REG_NO_AGS */
	for (i = 0; i < coop->nterr; i++)
	{
		const RegTerr *t = &coop->terr[i];
		uint32		k = reg_key_slot0(&coop->probe_shape, t->ags);
		RegProbe   *s;

		while (coop->probe[k].ags != REG_NO_AGS)
			k = (k + 1) & coop->probe_shape.mask;
		s = &coop->probe[k];
		s->ags = t->ags;
		if (i + 1 < coop->nterr && coop->terr[i + 1].ags == t->ags)
			s->ags |= REG_PROBE_MORE;	/* terr is sorted by ags */
		s->slo = reg_day16(t->slo, coop->probe_base);
		s->shi = reg_day16(t->shi, coop->probe_base);
		s->elo = reg_day16(t->elo, coop->probe_base);
		s->ehi = reg_day16(t->ehi, coop->probe_base);
	}
}

/*
 * What the build of one cooperation collects: its accessions (the partner's
 * id, replaced by the partner's place in name order once the partners are
 * read) and the partners they name, in the order of their ids.
 */
typedef struct CoopAccItem
{
	int32		part;
	SikoPeriod	period;
} CoopAccItem;

typedef struct CoopPartner
{
	int32		id;
	int32		rank;			/* place in the order of names */
	text	   *name;			/* its data followed by a NUL: also a C string */
	Datum		kind;
	SikoAgs		ags;
	bool		has_ags;
} CoopPartner;

static int
coop_acc_period_cmp(const void *a, const void *b)
{
	return siko_period_cmp(&((const CoopAccItem *) a)->period,
						   &((const CoopAccItem *) b)->period);
}

static int
coop_partner_name_cmp(const void *a, const void *b)
{
	return strcmp(VARDATA((*(CoopPartner *const *) a)->name),
				  VARDATA((*(CoopPartner *const *) b)->name));
}

/*
 * The partner with this id, or NULL: through pmap if there is one, else by
 * binary search in parts (then sorted by id).
 */
static inline CoopPartner *
coop_partner_find(CoopPartner *parts, int nparts,
				  const int32 *pmap, int32 plo, int64 pspan, int32 id)
{
	int			lo = 0;
	int			hi = nparts;

	if (pmap != NULL)
	{
		int64		k = (int64) id - plo;

		return k >= 0 && k < pspan && pmap[k] != 0 ? &parts[pmap[k] - 1] : NULL;
	}
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (parts[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nparts && parts[lo].id == id ? &parts[lo] : NULL;
}

/*
 * Is idx a valid btree index whose first column is the table's column att,
 * compared as integer, on every row?  Then an equality scan on it finds all
 * the rows with that value; the extension creates accession_cooperation_idx
 * so, but a user may have replaced it.
 */
static bool
reg_index_leads_with(Relation idx, AttrNumber att)
{
	return idx->rd_rel->relam == BTREE_AM_OID &&
		idx->rd_index->indisvalid &&
		idx->rd_index->indnatts >= 1 &&
		idx->rd_index->indkey.values[0] == att &&
		idx->rd_opfamily[0] == INTEGER_BTREE_FAM_OID &&
		heap_attisnull(idx->rd_indextuple, Anum_pg_index_indpred, NULL);
}

/*
 * Read one cooperation into a new context (see "What is kept" below);
 * returns NULL, with *cxt_out set to NULL, when the code is unknown.
 *
 * Its row in siko.cooperation; its accessions through
 * accession_cooperation_idx; the partners they name in one scan of
 * siko.partner.  (A three-table join through SPI took about 50 ms for a
 * cooperation of 20,000 accessions, and every parallel worker of a join
 * over events pays the build again; this takes a fraction of that.)
 */
static RegCoop *
reg_build_coop(const char *code, MemoryContext *cxt_out)
{
	Snapshot	snap = reg_snapshot();
	size_t		codelen = strlen(code);
	MemoryContext cxt;
	RegCoop    *coop;
	bool		found = false;
	int32		coop_id = 0;
	CoopAccItem *items;
	int			nitems = 0;
	int			icap;
	CoopAccItem *sorted;
	CoopPartner *parts;
	int			nparts;
	int32	   *pmap = NULL;	/* partner id - plo -> index in parts + 1 */
	int32		plo = 0;
	int64		pspan = 0;
	CoopPartner **byname;
	int			nnamed = 0;
	int			nacc;
	RegItem    *terr;
	int			i;
	Relation	rel;
	Oid			idxid;
	TableScanDesc scan;
	TupleTableSlot *slot;
	AttrNumber	c_id,
				c_code,
				p_id,
				p_name,
				p_kind,
				p_ags,
				a_coop,
				a_partner,
				a_period;

	*cxt_out = NULL;

	/* the cooperation's id */
	rel = reg_open("cooperation");
	c_id = reg_col(rel, "id");
	c_code = reg_col(rel, "code");
	slot = table_slot_create(rel, NULL);
	scan = table_beginscan(rel, snap, 0, NULL);
	while (!found && table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		Datum		d = slot_getattr(slot, c_code, &isnull);
		text	   *t;

		if (isnull)
			continue;
		t = DatumGetTextPP(d);
		if (VARSIZE_ANY_EXHDR(t) == codelen && memcmp(VARDATA_ANY(t), code, codelen) == 0)
		{
			coop_id = DatumGetInt32(slot_getattr(slot, c_id, &isnull));
			found = true;
		}
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, AccessShareLock);
	if (!found)
		return NULL;

	/*
	 * What is kept goes into cxt, a child of the caller's context until the
	 * caller attaches it to the cache, so that an error or a cancel during
	 * the build frees it; the scans and the scratch arrays stay in the
	 * caller's context.
	 */
	cxt = AllocSetContextCreate(CurrentMemoryContext, "siko register cooperation",
								ALLOCSET_DEFAULT_SIZES);
	coop = MemoryContextAllocZero(cxt, sizeof(RegCoop));
	strlcpy(coop->code, code, sizeof(coop->code));
	coop->id = coop_id;

	/* its accessions: (partner id, period) */
	rel = reg_open("accession");
	a_coop = reg_col(rel, "cooperation_id");
	a_partner = reg_col(rel, "partner_id");
	a_period = reg_col(rel, "period");
	icap = 256;
	items = palloc_extended(sizeof(CoopAccItem) * icap, MCXT_ALLOC_HUGE);
	slot = table_slot_create(rel, NULL);
	idxid = siko_reg_rel(REG_ACCESSION_COOPERATION_IDX);
	{
		Relation	idx = OidIsValid(idxid) ? index_open(idxid, AccessShareLock) : NULL;
		bool		use_index = idx != NULL && reg_index_leads_with(idx, a_coop);
		IndexScanDesc iscan = NULL;
		ScanKeyData key;

		if (use_index)
		{
			ScanKeyInit(&key, 1, BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(coop_id));
			iscan = siko_index_beginscan(rel, idx, snap, 1, 0);
			index_rescan(iscan, &key, 1, NULL, 0);
		}
		else
			scan = table_beginscan(rel, snap, 0, NULL);
		for (;;)
		{
			bool		isnull;
			Datum		d;

			if (use_index ? !index_getnext_slot(iscan, ForwardScanDirection, slot)
				: !table_scan_getnextslot(scan, ForwardScanDirection, slot))
				break;
			CHECK_FOR_INTERRUPTS();
			if (!use_index &&
				DatumGetInt32(slot_getattr(slot, a_coop, &isnull)) != coop_id)
				continue;
			d = slot_getattr(slot, a_period, &isnull);
			if (isnull)
				continue;		/* cannot happen: NOT NULL */
			if (nitems == icap)
			{
				icap *= 2;
				items = repalloc_huge(items, sizeof(CoopAccItem) * icap);
			}
			memcpy(&items[nitems].period, DatumGetSikoPeriodP(d), sizeof(SikoPeriod));
			items[nitems].part = DatumGetInt32(slot_getattr(slot, a_partner, &isnull));
			nitems++;
		}
		if (use_index)
			index_endscan(iscan);
		else
			table_endscan(scan);
		if (idx != NULL)
			index_close(idx, AccessShareLock);
	}
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, AccessShareLock);

	/*
	 * The partners they name, each once: parts[] in the order of first
	 * mention.  Ids from the sequence are dense, and then an array indexed
	 * by id finds a partner; else parts[] is sorted by id and searched.
	 */
	parts = palloc_extended(sizeof(CoopPartner) * Max(nitems, 1), MCXT_ALLOC_HUGE);
	nparts = 0;
	if (nitems > 0)
	{
		int32		hi = items[0].part;

		plo = items[0].part;
		for (i = 1; i < nitems; i++)
		{
			plo = Min(plo, items[i].part);
			hi = Max(hi, items[i].part);
		}
		if ((int64) hi - plo < 4 * (int64) nitems + 1024)
		{
			pspan = (int64) hi - plo + 1;
			pmap = palloc0(sizeof(int32) * pspan);
			for (i = 0; i < nitems; i++)
			{
				int32	   *m = &pmap[items[i].part - plo];

				if (*m == 0)
				{
					parts[nparts].id = items[i].part;
					parts[nparts].name = NULL;
					*m = ++nparts;
				}
			}
		}
		else
		{
			int32	   *ids = palloc_extended(sizeof(int32) * nitems, MCXT_ALLOC_HUGE);

			for (i = 0; i < nitems; i++)
				ids[i] = items[i].part;
			qsort(ids, nitems, sizeof(int32), siko_int32_cmp);
			for (i = 0; i < nitems; i++)
				if (i == 0 || ids[i] != ids[i - 1])
				{
					parts[nparts].id = ids[i];
					parts[nparts].name = NULL;
					nparts++;
				}
			pfree(ids);
		}
	}
	if (nparts > 0)
	{
		rel = reg_open("partner");
		p_id = reg_col(rel, "id");
		p_name = reg_col(rel, "name");
		p_kind = reg_col(rel, "kind");
		p_ags = reg_col(rel, "ags");
		slot = table_slot_create(rel, NULL);
		scan = table_beginscan(rel, snap, 0, NULL);
		while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
		{
			bool		isnull;
			Datum		d;
			CoopPartner *p;
			text	   *src;
			int			len;

			CHECK_FOR_INTERRUPTS();
			p = coop_partner_find(parts, nparts, pmap, plo, pspan,
								  DatumGetInt32(slot_getattr(slot, p_id, &isnull)));
			if (p == NULL)
				continue;		/* no accession in this cooperation */
			d = slot_getattr(slot, p_name, &isnull);
			if (isnull)
				continue;		/* cannot happen: NOT NULL */
			src = DatumGetTextPP(d);
			len = VARSIZE_ANY_EXHDR(src);
			p->name = MemoryContextAlloc(cxt, VARHDRSZ + len + 1);
			SET_VARSIZE(p->name, VARHDRSZ + len);
			memcpy(VARDATA(p->name), VARDATA_ANY(src), len);
			VARDATA(p->name)[len] = '\0';
			if ((Pointer) src != DatumGetPointer(d))
				pfree(src);
			p->kind = slot_getattr(slot, p_kind, &isnull);
			d = slot_getattr(slot, p_ags, &isnull);
			p->has_ags = !isnull;
			p->ags = isnull ? 0 : DatumGetSikoAgs(d);
		}
		table_endscan(scan);
		ExecDropSingleTupleTableSlot(slot);
		table_close(rel, AccessShareLock);
	}

	/*
	 * The partners in the order of their names (byte order, as member_at
	 * searches them).  A partner the snapshot does not show (the foreign key
	 * forbids it) drops its accessions, as an inner join would.
	 */
	byname = palloc(sizeof(CoopPartner *) * Max(nparts, 1));
	for (i = 0; i < nparts; i++)
		if (parts[i].name != NULL)
			byname[nnamed++] = &parts[i];
	qsort(byname, nnamed, sizeof(CoopPartner *), coop_partner_name_cmp);
	for (i = 0; i < nnamed; i++)
		byname[i]->rank = i;

	/*
	 * The accessions in that order, then by period: distributed by the
	 * partner's place (a counting sort), then each partner's few sorted.
	 */
	{
		int32	   *next = palloc0(sizeof(int32) * (nnamed + 1));

		sorted = palloc_extended(sizeof(CoopAccItem) * Max(nitems, 1), MCXT_ALLOC_HUGE);
		for (i = 0; i < nitems; i++)
		{
			CoopPartner *p = coop_partner_find(parts, nparts, pmap, plo, pspan, items[i].part);

			if (p == NULL || p->name == NULL)
			{
				items[i].part = -1;
				continue;
			}
			items[i].part = p->rank;
			next[p->rank + 1]++;
		}
		for (i = 0; i < nnamed; i++)
			next[i + 1] += next[i];
		nacc = next[nnamed];
		for (i = 0; i < nitems; i++)
			if (items[i].part >= 0)
				sorted[next[items[i].part]++] = items[i];
		pfree(next);
		for (i = 0; i < nacc;)
		{
			int			j = i + 1;

			while (j < nacc && sorted[j].part == sorted[i].part)
				j++;
			if (j - i > 1)
				qsort(&sorted[i], j - i, sizeof(CoopAccItem), coop_acc_period_cmp);
			i = j;
		}
	}
	pfree(items);

	coop->nacc = nacc;
	coop->acc = MemoryContextAllocHuge(cxt, sizeof(RegAccession) * Max(nacc, 1));
	coop->periods = MemoryContextAllocHuge(cxt, sizeof(SikoPeriod) * Max(nacc, 1));
	terr = palloc_extended(sizeof(RegItem) * Max(nacc, 1), MCXT_ALLOC_HUGE);
	for (i = 0; i < nacc; i++)
	{
		const CoopPartner *p = byname[sorted[i].part];
		const SikoPeriod *per = &sorted[i].period;
		RegAccession *a = &coop->acc[i];

		a->partner_text = p->name;
		a->partner = VARDATA(p->name);
		a->kind = p->kind;
		a->has_ags = p->has_ags;
		a->ags = p->ags;
		coop->periods[i] = *per;
		if (p->has_ags)
		{
			/* the territorial ones, to be sorted by (ags, start), then i */
			terr[coop->nterr].key = (uint64) p->ags << 32 | REG_DAY_KEY(per->start.lo);
			terr[coop->nterr].x = i;
			coop->nterr++;
		}
	}
	pfree(sorted);
	pfree(byname);
	if (pmap != NULL)
		pfree(pmap);

	/* a stable radix sort keeps the ties in the order of i */
	reg_sort_items(terr, coop->nterr, CurrentMemoryContext);
	coop->terr = MemoryContextAllocHuge(cxt, sizeof(RegTerr) * Max(coop->nterr, 1));
	for (i = 0; i < coop->nterr; i++)
	{
		const SikoPeriod *per = &coop->periods[terr[i].x];
		RegTerr    *t = &coop->terr[i];

		t->ags = coop->acc[terr[i].x].ags;
		t->slo = per->start.lo;
		t->shi = per->start.hi;
		t->elo = per->end.lo;
		t->ehi = per->end.hi;
		if (!reg_ever_certain(t->shi, t->elo))
		{
			t->shi = SIKO_DAY_NOEND;	/* never certain */
			t->elo = SIKO_DAY_NOBEGIN;
		}
		t->acc = terr[i].x;
	}
	pfree(terr);
	pfree(parts);
	for (i = 0; i < coop->nterr; i++)
		coop->levels |= 1u << siko_ags_level(coop->terr[i].ags);
	reg_key_build(&coop->terr_index, coop->terr, coop->nterr, sizeof(RegTerr), cxt);
	reg_build_probe(coop, cxt);
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

/* (ordered by id through siko_int32_cmp: id comes first) */
typedef struct IdIdx
{
	int32		id;
	int32		idx;
} IdIdx;

/* partner id -> ags, for the territorial partners, sorted by id */
typedef struct IdAgs
{
	int32		id;
	SikoAgs		ags;
} IdAgs;

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

	/* a child of the caller's context until attached: an error frees it */
	cxt = AllocSetContextCreate(CurrentMemoryContext, "siko register index",
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
	qsort(ids, all->ncodes, sizeof(IdIdx), siko_int32_cmp);
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
	qsort(pags, npags, sizeof(IdAgs), siko_int32_cmp);

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
			p = bsearch(&pkey, pags, npags, sizeof(IdAgs), siko_int32_cmp);
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
			c = bsearch(&ckey, ids, all->ncodes, sizeof(IdIdx), siko_int32_cmp);
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
