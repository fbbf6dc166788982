/*
 * register_build.c
 *		Building the register cache: one cooperation at a time (its
 *		accessions in name order, its territorial ones by key, the probe
 *		table of is_member; or only that table), and the index of all
 *		cooperations by key (a timeline of joins and leaves per key, for
 *		cooperations_of and cooperation_counts).
 *
 * Every build reads through the scans of register_rel.c, from the tables
 * or from their history as known on a moment: the same build serves the
 * current state and every known_on answer.  (A three-table join through
 * SPI took about 50 ms for a cooperation of 20,000 accessions, and every
 * parallel worker of a join over events pays the build again; reading the
 * tables with slots takes a fraction of that.)
 *
 * What a build keeps goes into a context of its own, a child of the
 * caller's until the caller attaches it to the cache, so that an error or
 * a cancel during the build frees it; scratch arrays stay in the caller's
 * context.
 */
#include "register.h"

#include "port/pg_bitutils.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

/* ---------------------------------------------------------------------
 * Sorting and hashing helpers
 * ------------------------------------------------------------------- */

/*
 * What the builds sort: a 64-bit key and two values.  For the timelines,
 * the start and end events of the accessions: key (ags, day), values the
 * cooperation's number and +1 or -1; for the scan of entries (many
 * cooperations), the entries: key (ags, cooperation), values clo and chi;
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
 * The core's radix sort (siko_radix_sort in src/core/sort.c) with its
 * scratch space taken from cxt and given back.
 */
void
siko_radix_sort_in(void *items, int64 n, size_t size, int lobit, int digitbits,
				   MemoryContext cxt)
{
	void	   *scratch;
	size_t	   *count;

	if (n < 2)
		return;
	scratch = MemoryContextAllocHuge(cxt, size * n);
	count = MemoryContextAlloc(cxt, sizeof(size_t) << digitbits);
	siko_radix_sort(items, (size_t) n, size, lobit, digitbits, scratch, count);
	pfree(scratch);
	pfree(count);
}

/* the RegItems sorted by key, 16 bits a pass */
static void
reg_sort_items(RegItem *items, int64 n, MemoryContext cxt)
{
	siko_radix_sort_in(items, n, sizeof(RegItem), 0, 16, cxt);
}

/* qsort() and bsearch() order of int32s, or of structs that begin with one */
int
siko_int32_cmp(const void *a, const void *b)
{
	int32		x = *(const int32 *) a;
	int32		y = *(const int32 *) b;

	return (x > y) - (x < y);
}

/*
 * Blocks (see RegOff in register.h): a part of bytes bytes, MAXALIGNed,
 * after what *size holds; returns its offset.
 */
static RegOff
reg_part(uint64 *size, uint64 bytes)
{
	RegOff		off = *size;

	*size += MAXALIGN(bytes);
	return off;
}

/* the shape of an open-addressing table of more than n * 3 / 2 slots (load <= 2/3) */
static RegShape
reg_shape(int64 n, int64 *nslots)
{
	RegShape	h;
	int			bits = 4;

	*nslots = 16;
	while (*nslots < n + n / 2)
	{
		*nslots *= 2;
		bits++;
	}
	h.shift = 32 - bits;
	h.mask = (uint32) *nslots - 1;
	return h;
}

/*
 * Fill the hash index (of shape h, zeroed slots) of the runs of equal keys
 * in an array sorted by key; each element begins with its key.
 */
static void
reg_key_fill(const RegShape *h, RegKeySlot *slots, const void *array, int n, size_t elemsize)
{
	int			i = 0;

	while (i < n)
	{
		SikoAgs		ags = *(const SikoAgs *) ((const char *) array + elemsize * i);
		int			j = i + 1;
		uint32		k;

		while (j < n && *(const SikoAgs *) ((const char *) array + elemsize * j) == ags)
			j++;
		k = reg_key_slot0(h, ags);
		while (slots[k].n != 0)
			k = (k + 1) & h->mask;
		slots[k].ags = ags;
		slots[k].first = i;
		slots[k].n = j - i;
		i = j;
	}
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
 * The shape and base of the hash table of is_member (see RegProbe) for the
 * territorial accessions terr; its number of slots, 0 for none when the
 * cooperation's finite days span more than the 16-bit window.
 */
static int64
reg_probe_layout(RegCoopBlock *b, const RegTerr *terr, int nterr)
{
	int64		lo = PG_INT64_MAX;
	int64		hi = PG_INT64_MIN;
	int64		width = REG_DAY16_MAX - REG_DAY16_MIN;
	int64		nslots;
	int			i;

	for (i = 0; i < nterr; i++)
	{
		const RegTerr *t = &terr[i];
		int32		d[4] = {t->span.plo, t->span.clo, t->span.chi, t->span.phi};
		int			k;

		for (k = 0; k < 4; k++)
			if (d[k] != SIKO_DAY_NOBEGIN && d[k] != SIKO_DAY_NOEND)
			{
				lo = Min(lo, d[k]);
				hi = Max(hi, d[k]);
			}
	}
	b->probe_base = 0;
	if (lo <= hi)
	{
		if (hi - lo > width)
			return 0;			/* answered from terr */
		/* the finite days in the middle of the window */
		b->probe_base = (int32) (lo - REG_DAY16_MIN - (width - (hi - lo)) / 2);
	}
	b->probe_shape = reg_shape(nterr, &nslots);
	return nslots;
}

/* fill the probe table (nslots slots) from terr */
static void
reg_probe_fill(const RegCoopBlock *b, RegProbe *probe, int64 nslots,
			   const RegTerr *terr, int nterr)
{
	int			i;

	memset(probe, 0xFF, sizeof(RegProbe) * nslots);	/* REG_NO_AGS */
	for (i = 0; i < nterr; i++)
	{
		const RegTerr *t = &terr[i];
		uint32		k = reg_key_slot0(&b->probe_shape, t->ags);
		RegProbe   *s;

		while (probe[k].ags != REG_NO_AGS)
			k = (k + 1) & b->probe_shape.mask;
		s = &probe[k];
		s->ags = t->ags;
		if (i + 1 < nterr && terr[i + 1].ags == t->ags)
			s->ags |= REG_PROBE_MORE;	/* terr is sorted by ags */
		s->plo = reg_day16(t->span.plo, b->probe_base);
		s->clo = reg_day16(t->span.clo, b->probe_base);
		s->chi = reg_day16(t->span.chi, b->probe_base);
		s->phi = reg_day16(t->span.phi, b->probe_base);
	}
}

/*
 * A map from the ids of a register table to small non-negative values (an
 * index, or an ags code).  Ids from the tables' sequences are dense: then an
 * array indexed by id answers (most of a build's time with a million
 * accessions went into binary searches before); else a binary search of
 * the pairs sorted by id.
 */
typedef struct RegIdVal
{
	int32		id;
	int32		val;
} RegIdVal;

typedef struct RegIdMap
{
	int32		lo;
	int64		span;
	int32	   *dense;			/* id - lo -> val + 1, 0 for none */
	RegIdVal   *pairs;			/* else: sorted by id */
	int			n;
} RegIdMap;

/* the map of n pairs (which it keeps and sorts) */
static void
idmap_build(RegIdMap *m, RegIdVal *pairs, int n)
{
	int			i;

	memset(m, 0, sizeof(*m));
	qsort(pairs, n, sizeof(RegIdVal), siko_int32_cmp);
	m->pairs = pairs;
	m->n = n;
	if (n > 0 && (int64) pairs[n - 1].id - pairs[0].id < 4 * (int64) n + 1024)
	{
		m->lo = pairs[0].id;
		m->span = (int64) pairs[n - 1].id - m->lo + 1;
		m->dense = palloc0_array(int32, m->span);
		for (i = 0; i < n; i++)
			m->dense[pairs[i].id - m->lo] = pairs[i].val + 1;
	}
}

/* the value of id, or -1 */
static inline int32
idmap_get(const RegIdMap *m, int32 id)
{
	int			lo = 0,
				hi = m->n;

	if (m->dense != NULL)
	{
		int64		k = (int64) id - m->lo;

		return (k >= 0 && k < m->span) ? m->dense[k] - 1 : -1;
	}
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (m->pairs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < m->n && m->pairs[lo].id == id) ? m->pairs[lo].val : -1;
}

static void
idmap_free(RegIdMap *m)
{
	if (m->dense != NULL)
		pfree(m->dense);
	pfree(m->pairs);
}

/* a text datum copied into cxt with a 4-byte header, zeroed padding and a NUL */
static text *
reg_copy_text(Datum d, MemoryContext cxt)
{
	text	   *src = DatumGetTextPP(d);
	int			len = VARSIZE_ANY_EXHDR(src);
	text	   *t = MemoryContextAllocZero(cxt, INTALIGN(VARHDRSZ + len + 1));

	SET_VARSIZE(t, VARHDRSZ + len);
	memcpy(VARDATA(t), VARDATA_ANY(src), len);
	if ((Pointer) src != DatumGetPointer(d))
		pfree(src);
	return t;
}

/* ---------------------------------------------------------------------
 * One cooperation
 * ------------------------------------------------------------------- */

/*
 * What the build of one cooperation collects: its accessions (the partner's
 * place in parts, then in name order) and the partners they name.
 */
typedef struct CoopAccItem
{
	int32		part;
	SikoPeriod	period;
} CoopAccItem;

typedef struct CoopPartner
{
	int32		rank;			/* place in the order of names */
	text	   *name;			/* its data followed by a NUL: also a C string */
	uint32		off;			/* where the block keeps the name */
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

/* the id of the cooperation with this code; false when there is none */
static bool
coop_find(const char *code, const RegSource *src, int32 *id)
{
	size_t		codelen = strlen(code);
	RegScan		s;
	AttrNumber	c_id,
				c_code;
	bool		found = false;

	siko_reg_scan_begin(&s, src, REG_COOPERATION, NULL, 0, 0);
	c_id = siko_reg_scan_col(&s, "id");
	c_code = siko_reg_scan_col(&s, "code");
	while (!found && siko_reg_scan_next(&s))
	{
		bool		isnull;
		Datum		d = siko_reg_scan_datum(&s, c_code, &isnull);
		text	   *t;

		if (isnull)
			continue;
		t = DatumGetTextPP(d);
		if (VARSIZE_ANY_EXHDR(t) == codelen && memcmp(VARDATA_ANY(t), code, codelen) == 0)
		{
			*id = siko_reg_scan_int(&s, c_id);
			found = true;
		}
	}
	siko_reg_scan_end(&s);
	return found;
}

/*
 * The cooperation's accessions, with the partner's id in part; NULL when
 * there are more than maxn (unless maxn < 0).
 */
static CoopAccItem *
coop_read_accessions(const RegSource *src, int32 coop_id, int64 maxn, int *n)
{
	int			cap = 256;
	CoopAccItem *items = palloc_extended(sizeof(CoopAccItem) * cap, MCXT_ALLOC_HUGE);
	RegScan		s;
	AttrNumber	a_partner,
				a_period;

	*n = 0;
	siko_reg_scan_begin(&s, src, REG_ACCESSION, "cooperation_id", coop_id,
						REG_ACCESSION_COOPERATION_IDX);
	a_partner = siko_reg_scan_col(&s, "partner_id");
	a_period = siko_reg_scan_col(&s, "period");
	while (siko_reg_scan_next(&s))
	{
		bool		isnull;
		Datum		d = siko_reg_scan_datum(&s, a_period, &isnull);

		if (isnull)
			continue;			/* cannot happen: NOT NULL */
		if (maxn >= 0 && *n >= maxn)
		{
			pfree(items);
			items = NULL;
			break;
		}
		if (*n == cap)
		{
			cap *= 2;
			items = repalloc_huge(items, sizeof(CoopAccItem) * cap);
		}
		memcpy(&items[*n].period, DatumGetSikoPeriodP(d), sizeof(SikoPeriod));
		items[*n].part = siko_reg_scan_int(&s, a_partner);
		(*n)++;
	}
	siko_reg_scan_end(&s);
	return items;
}

/*
 * The partners the accessions name, each once, read in one scan of the
 * partner table; each accession's part becomes its partner's place in the
 * returned array (-1 when the snapshot does not show the partner, which the
 * foreign key forbids: the accession is dropped, as an inner join would).
 */
static CoopPartner *
coop_read_partners(CoopAccItem *items, int nitems, const RegSource *src, int *nparts)
{
	RegIdVal   *pairs = palloc_extended(sizeof(RegIdVal) * Max(nitems, 1), MCXT_ALLOC_HUGE);
	CoopPartner *parts;
	RegIdMap	map;
	RegScan		s;
	AttrNumber	p_id,
				p_name,
				p_kind,
				p_ags;
	int			n = 0;
	int			i;

	/* the distinct ids, numbered in the order of the ids */
	for (i = 0; i < nitems; i++)
		pairs[i].id = items[i].part;
	qsort(pairs, nitems, sizeof(RegIdVal), siko_int32_cmp);
	for (i = 0; i < nitems; i++)
		if (i == 0 || pairs[i].id != pairs[n - 1].id)
		{
			pairs[n].id = pairs[i].id;
			pairs[n].val = n;
			n++;
		}
	idmap_build(&map, pairs, n);
	parts = palloc0_array(CoopPartner, Max(n, 1));
	*nparts = n;
	if (n > 0)
	{
		siko_reg_scan_begin(&s, src, REG_PARTNER, NULL, 0, 0);
		p_id = siko_reg_scan_col(&s, "id");
		p_name = siko_reg_scan_col(&s, "name");
		p_kind = siko_reg_scan_col(&s, "kind");
		p_ags = siko_reg_scan_col(&s, "ags");
		while (siko_reg_scan_next(&s))
		{
			int32		k = idmap_get(&map, siko_reg_scan_int(&s, p_id));
			bool		isnull;
			Datum		d;

			if (k < 0)
				continue;		/* no accession in this cooperation */
			d = siko_reg_scan_datum(&s, p_name, &isnull);
			if (isnull)
				continue;		/* cannot happen: NOT NULL */
			parts[k].name = reg_copy_text(d, CurrentMemoryContext);
			parts[k].kind = siko_reg_scan_datum(&s, p_kind, &isnull);
			d = siko_reg_scan_datum(&s, p_ags, &isnull);
			parts[k].has_ags = !isnull;
			parts[k].ags = isnull ? 0 : DatumGetSikoAgs(d);
		}
		siko_reg_scan_end(&s);
	}
	for (i = 0; i < nitems; i++)
	{
		int32		k = idmap_get(&map, items[i].part);

		items[i].part = (k >= 0 && parts[k].name != NULL) ? k : -1;
	}
	idmap_free(&map);
	return parts;
}

/*
 * The accessions in the order of their partners' names (byte order, as
 * member_at searches them), then by period: distributed by the partner's
 * place in name order (a counting sort), then each partner's few sorted.
 * Returns the number kept in *sorted.
 */
static int
coop_sort_accessions(CoopAccItem *items, int nitems, CoopPartner *parts, int nparts,
					 CoopAccItem **sorted, CoopPartner ***byname)
{
	int			nnamed = 0;
	int32	   *next;
	int			nacc;
	int			i;

	*byname = palloc(sizeof(CoopPartner *) * Max(nparts, 1));
	for (i = 0; i < nparts; i++)
		if (parts[i].name != NULL)
			(*byname)[nnamed++] = &parts[i];
	qsort(*byname, nnamed, sizeof(CoopPartner *), coop_partner_name_cmp);
	for (i = 0; i < nnamed; i++)
		(*byname)[i]->rank = i;

	next = palloc0(sizeof(int32) * (nnamed + 1));
	*sorted = palloc_extended(sizeof(CoopAccItem) * Max(nitems, 1), MCXT_ALLOC_HUGE);
	for (i = 0; i < nitems; i++)
		if (items[i].part >= 0)
		{
			items[i].part = parts[items[i].part].rank;
			next[items[i].part + 1]++;
		}
	for (i = 0; i < nnamed; i++)
		next[i + 1] += next[i];
	nacc = next[nnamed];
	for (i = 0; i < nitems; i++)
		if (items[i].part >= 0)
			(*sorted)[next[items[i].part]++] = items[i];
	pfree(next);
	for (i = 0; i < nacc;)
	{
		int			j = i + 1;

		while (j < nacc && (*sorted)[j].part == (*sorted)[i].part)
			j++;
		if (j - i > 1)
			qsort(&(*sorted)[i], j - i, sizeof(CoopAccItem), coop_acc_period_cmp);
		i = j;
	}
	return nacc;
}

/* the territorial accessions of sorted (nacc of them) by (ags, start) */
static RegTerr *
coop_terr(const CoopAccItem *sorted, int nacc, CoopPartner **byname, int *nterr,
		  uint32 *levels)
{
	RegItem    *items = palloc_extended(sizeof(RegItem) * Max(nacc, 1), MCXT_ALLOC_HUGE);
	RegTerr    *terr;
	int			n = 0;
	int			i;

	for (i = 0; i < nacc; i++)
	{
		const CoopPartner *p = byname[sorted[i].part];

		if (p->has_ags)
		{
			items[n].key = (uint64) p->ags << 32 | REG_DAY_KEY(sorted[i].period.start.lo);
			items[n].x = i;
			n++;
		}
	}
	/* a stable radix sort keeps the ties in the order of i */
	reg_sort_items(items, n, CurrentMemoryContext);
	terr = palloc_extended(sizeof(RegTerr) * Max(n, 1), MCXT_ALLOC_HUGE);
	*levels = 0;
	for (i = 0; i < n; i++)
	{
		RegTerr    *t = &terr[i];

		t->ags = (SikoAgs) (items[i].key >> 32);
		siko_period_span(&sorted[items[i].x].period, &t->span);
		t->acc = items[i].x;
		*levels |= 1u << siko_ags_level(t->ags);
	}
	pfree(items);
	*nterr = n;
	return terr;
}

/*
 * The cooperation's block, from its accessions in order (sorted, their
 * partners byname) and its territorial ones (terr), in cxt: the whole
 * block, or the small one (hdr->whole false: the probe table, or terr when
 * there is none); NULL when it would take more than limit bytes (unless
 * limit < 0).
 */
static RegCoopBlock *
coop_block(RegCoopBlock *hdr, const CoopAccItem *sorted, CoopPartner **byname,
		   int nnamed, const RegTerr *terr, int64 limit, MemoryContext cxt)
{
	uint64		size = MAXALIGN(sizeof(RegCoopBlock));
	int			nterr = hdr->nterr;
	int64		nslots = reg_probe_layout(hdr, terr, nterr);
	RegCoopBlock *b;
	RegAccession *acc;
	SikoPeriod *periods;
	int			i;

	if (!hdr->whole)
	{
		hdr->nacc = 0;
		nnamed = 0;
		if (nslots > 0)
			hdr->nterr = 0;		/* is_member reads the probe table */
	}
	hdr->acc = reg_part(&size, sizeof(RegAccession) * (uint64) hdr->nacc);
	hdr->periods = reg_part(&size, sizeof(SikoPeriod) * (uint64) hdr->nacc);
	hdr->terr = reg_part(&size, sizeof(RegTerr) * (uint64) hdr->nterr);
	hdr->probe = nslots > 0 ? reg_part(&size, sizeof(RegProbe) * (uint64) nslots) : 0;
	for (i = 0; i < nnamed; i++)
	{
		byname[i]->off = (uint32) size;
		size += INTALIGN(VARSIZE(byname[i]->name) + 1);
	}
	if (size > PG_UINT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the cache of cooperation \"%s\" would take %llu bytes",
						hdr->code, (unsigned long long) size),
				 errdetail("A cooperation's cache is limited to 4 GB.")));
	hdr->size = size;
	if (limit >= 0 && size > (uint64) limit)
		return NULL;
	b = MemoryContextAllocExtended(cxt, size, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	*b = *hdr;
	for (i = 0; i < nnamed; i++)
		memcpy(REG_AT(b, byname[i]->off, char), byname[i]->name, VARSIZE(byname[i]->name) + 1);
	acc = REG_AT(b, b->acc, RegAccession);
	periods = REG_AT(b, b->periods, SikoPeriod);
	for (i = 0; i < b->nacc; i++)
	{
		const CoopPartner *p = byname[sorted[i].part];

		acc[i].name = p->off;
		acc[i].kind = DatumGetObjectId(p->kind);
		acc[i].has_ags = p->has_ags;
		acc[i].ags = p->ags;
		periods[i] = sorted[i].period;
	}
	if (b->nterr > 0)
		memcpy(REG_AT(b, b->terr, RegTerr), terr, sizeof(RegTerr) * b->nterr);
	if (nslots > 0)
		reg_probe_fill(b, REG_AT(b, b->probe, RegProbe), nslots, terr, nterr);
	return b;
}

RegCoop *
siko_reg_coop_view(const RegCoopBlock *b, MemoryContext cxt)
{
	RegCoop    *coop = MemoryContextAllocZero(cxt, sizeof(RegCoop));

	strlcpy(coop->code, b->code, sizeof(coop->code));
	coop->block = b;
	coop->nacc = b->nacc;
	coop->acc = REG_AT(b, b->acc, const RegAccession);
	coop->periods = REG_AT(b, b->periods, const SikoPeriod);
	coop->nterr = b->nterr;
	coop->terr = REG_AT(b, b->terr, const RegTerr);
	coop->probe_shape = b->probe_shape;
	coop->probe = b->probe != 0 ? REG_AT(b, b->probe, const RegProbe) : NULL;
	coop->probe_base = b->probe_base;
	coop->levels = b->levels;
	coop->cxt = cxt;
	coop->id = b->id;
	return coop;
}

/*
 * A cooperation not cached, answered by probes of the register: a view
 * without a block, in a context of its own (the cache says so in the log).
 */
static RegCoop *
coop_probing(const RegCoopBlock *hdr, const RegSource *src, MemoryContext *cxt_out)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext,
											  "siko register cooperation",
											  ALLOCSET_SMALL_SIZES);
	RegCoop    *coop = MemoryContextAllocZero(cxt, sizeof(RegCoop));

	strlcpy(coop->code, hdr->code, sizeof(coop->code));
	coop->id = hdr->id;
	coop->probing = true;
	coop->src = *src;
	coop->levels = ~0u;			/* is_covered looks at every coarser key */
	coop->cxt = cxt;
	*cxt_out = cxt;
	return coop;
}

RegCoop *
siko_reg_build_coop(const char *code, const RegSource *src, bool bounded, bool whole,
					MemoryContext *cxt_out)
{
	int64		limit = bounded ? (int64) siko_cache_memory * 1024 : -1;
	MemoryContext cxt;
	RegCoop    *coop;
	RegCoopBlock hdr;
	RegCoopBlock *b;
	CoopAccItem *items;
	CoopAccItem *sorted;
	CoopPartner *parts;
	CoopPartner **byname;
	RegTerr    *terr;
	int			nitems;
	int			nparts;
	int			nnamed = 0;
	int			i;

	*cxt_out = NULL;
	memset(&hdr, 0, sizeof(hdr));
	if (!coop_find(code, src, &hdr.id))
		return NULL;
	strlcpy(hdr.code, code, sizeof(hdr.code));
	hdr.whole = whole;

	/*
	 * An accession takes at least its entry and its period in the whole
	 * block; in the small one a slot of the probe table, if territorial:
	 * what is read is bounded as if each were (more accessions than that
	 * are probed even when few are territorial).
	 */
	items = coop_read_accessions(src, hdr.id,
								 limit < 0 ? -1 :
								 limit / (int64) (whole ? sizeof(RegAccession) + sizeof(SikoPeriod) :
												  sizeof(RegProbe)),
								 &nitems);
	if (items == NULL)
		return coop_probing(&hdr, src, cxt_out);
	parts = coop_read_partners(items, nitems, src, &nparts);
	hdr.nacc = coop_sort_accessions(items, nitems, parts, nparts, &sorted, &byname);
	pfree(items);
	for (i = 0; i < nparts; i++)
		nnamed += parts[i].name != NULL;
	terr = coop_terr(sorted, hdr.nacc, byname, &hdr.nterr, &hdr.levels);

	cxt = AllocSetContextCreate(CurrentMemoryContext, "siko register cooperation",
								ALLOCSET_SMALL_SIZES);
	b = coop_block(&hdr, sorted, byname, nnamed, terr, limit, cxt);
	for (i = 0; i < nparts; i++)
		if (parts[i].name != NULL)
			pfree(parts[i].name);
	pfree(terr);
	pfree(sorted);
	pfree(byname);
	pfree(parts);
	if (b == NULL)
	{
		MemoryContextDelete(cxt);
		return coop_probing(&hdr, src, cxt_out);
	}
	*cxt_out = cxt;
	coop = siko_reg_coop_view(b, cxt);
	coop->src = *src;
	return coop;
}

/*
 * Where the timelines' events go: the block being filled, or (blocks NULL)
 * nowhere, only counted for the layout.
 */
typedef struct TlWriter
{
	RegAllBlock *b;
	char	   *blocks;			/* NULL: count only */
	int64		nblocks;
	int64		nkeys;
	int32		nev;			/* of the current key */
	uint64		state[REG_TIMELINE_MAXWORDS];	/* the set after its events so far */
} TlWriter;

/* one event of the current key: cooperation c joins or leaves on day */
static void
all_tl_event(TlWriter *w, SikoDay day, int c)
{
	const RegAllBlock *b = w->b;
	int			pos = w->nev % b->blockdays;

	if (pos == 0)
		w->nblocks++;
	if (w->blocks != NULL)
	{
		char	   *block = w->blocks + (uint64) PG_CACHE_LINE_SIZE * (w->nblocks - 1);

		if (pos == 0)
		{
			int			m;

			for (m = 0; m < b->blockdays; m++)
				((SikoDay *) block)[m] = SIKO_DAY_NOEND;	/* padding */
			memcpy(block + b->setoffset, w->state, sizeof(uint64) * b->words);
			REG_AT(b, b->tops, SikoDay)[w->nblocks - 1] = day;
		}
		((SikoDay *) block)[pos] = day;
		((uint8 *) (block + b->coopoffset))[pos] = (uint8) c;
	}
	w->state[c >> 6] ^= UINT64CONST(1) << (c & 63);
	w->nev++;
}

/*
 * The timelines' events, from the start and end events of the accessions
 * sorted by (ags, day): per key, the number of open accessions per
 * cooperation, and after each day an event for each cooperation whose
 * place in the set changed on it (none when one accession ends on the day
 * before another starts).  Written into the blocks and the slots when
 * w->blocks is set, else only counted.
 */
static void
all_tl_walk(TlWriter *w, const RegItem *ev, int64 n)
{
	RegAllBlock *b = w->b;
	int			words = b->words;
	RegTimeline *tl = REG_AT(b, b->tl, RegTimeline);
	int32	   *nopen = palloc0(sizeof(int32) * Max(b->ncodes, 1));
	uint64		cur[REG_TIMELINE_MAXWORDS];
	int64		i = 0;

	memset(cur, 0, sizeof(cur));
	while (i < n)
	{
		SikoAgs		ags = (SikoAgs) (ev[i].key >> 32);
		int32		first = (int32) w->nblocks;
		int64		first_event = i;
		int64		k;

		w->nev = 0;
		memset(w->state, 0, sizeof(w->state));
		while (i < n && (SikoAgs) (ev[i].key >> 32) == ags)
		{
			uint64		daykey = ev[i].key;
			SikoDay		day = (SikoDay) ((uint32) daykey ^ UINT32_C(0x80000000));
			int			x;

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
			for (x = 0; x < words; x++)
			{
				uint64		m;

				for (m = cur[x] ^ w->state[x]; m != 0; m &= m - 1)
					all_tl_event(w, day, x * 64 + pg_rightmost_one_pos64(m));
			}
		}
		/* open ends leave counts behind: clear them for the next key */
		for (k = first_event; k < i; k++)
			nopen[ev[k].x] = 0;
		memset(cur, 0, sizeof(cur));
		if (w->nev == 0)
			continue;
		w->nkeys++;
		if (w->blocks != NULL)
		{
			uint32		slot = reg_key_slot0(&b->tl_shape, ags);

			while (tl[slot].ags != REG_NO_AGS)
				slot = (slot + 1) & b->tl_shape.mask;
			tl[slot].ags = ags;
			tl[slot].nev = w->nev;
			tl[slot].first_block = first;
		}
	}
	pfree(nopen);
}

/*
 * The timelines' layout: the events a block holds (the most whose days,
 * set and cooperations fit in PG_CACHE_LINE_SIZE bytes), the slots of the
 * keys and the blocks, counted by a walk that writes nothing.
 */
static void
all_tl_layout(RegAllBlock *hdr, const RegItem *ev, int64 n, uint64 *size)
{
	TlWriter	w;
	int64		nslots;
	int			bd;

	for (bd = 1; MAXALIGN((bd + 1) * sizeof(SikoDay)) + hdr->words * sizeof(uint64) + bd + 1 <=
		 PG_CACHE_LINE_SIZE; bd++)
		;
	hdr->blockdays = bd;
	hdr->setoffset = MAXALIGN(bd * sizeof(SikoDay));
	hdr->coopoffset = hdr->setoffset + hdr->words * sizeof(uint64);
	memset(&w, 0, sizeof(w));
	w.b = hdr;
	all_tl_walk(&w, ev, n);
	hdr->tl_shape = reg_shape(w.nkeys, &nslots);
	hdr->tl = reg_part(size, sizeof(RegTimeline) * (uint64) nslots);
	hdr->tops = reg_part(size, sizeof(SikoDay) * (uint64) Max(w.nblocks, 1));
	*size = TYPEALIGN(PG_CACHE_LINE_SIZE, *size);
	hdr->blocks = reg_part(size, (uint64) PG_CACHE_LINE_SIZE * w.nblocks);
}

/* the timelines, from the same events */
static void
all_tl_fill(RegAllBlock *b, const RegItem *ev, int64 n)
{
	TlWriter	w;

	memset(REG_AT(b, b->tl, RegTimeline), 0xFF,
		   sizeof(RegTimeline) * ((uint64) b->tl_shape.mask + 1));	/* REG_NO_AGS */
	memset(&w, 0, sizeof(w));
	w.b = b;
	w.blocks = REG_AT(b, b->blocks, char);
	all_tl_walk(&w, ev, n);
}


/* ---------------------------------------------------------------------
 * The index of every cooperation's territorial accessions by ags
 * ------------------------------------------------------------------- */

/* a cooperation's code and its id */
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

/* the cooperations' codes in byte order (*n of them), and id -> their place */
static CodeItem *
all_read_codes(const RegSource *src, RegIdMap *coops, int *n)
{
	int			cap = 64;
	CodeItem   *codes = palloc(sizeof(CodeItem) * cap);
	RegIdVal   *pairs;
	RegScan		s;
	AttrNumber	c_id,
				c_code;
	int			i;

	*n = 0;
	siko_reg_scan_begin(&s, src, REG_COOPERATION, NULL, 0, 0);
	c_id = siko_reg_scan_col(&s, "id");
	c_code = siko_reg_scan_col(&s, "code");
	while (siko_reg_scan_next(&s))
	{
		bool		isnull;

		if (*n == cap)
		{
			cap *= 2;
			codes = repalloc(codes, sizeof(CodeItem) * cap);
		}
		codes[*n].id = siko_reg_scan_int(&s, c_id);
		/* a plain 4-byte header and zeroed padding, as an array element wants it */
		codes[*n].code = reg_copy_text(siko_reg_scan_datum(&s, c_code, &isnull),
									   CurrentMemoryContext);
		(*n)++;
	}
	siko_reg_scan_end(&s);
	qsort(codes, *n, sizeof(CodeItem), codeitem_cmp);
	pairs = palloc(sizeof(RegIdVal) * Max(*n, 1));
	for (i = 0; i < *n; i++)
	{
		pairs[i].id = codes[i].id;
		pairs[i].val = i;
	}
	idmap_build(coops, pairs, *n);
	return codes;
}

/* the territorial partners: id -> ags */
static void
all_read_partners(const RegSource *src, RegIdMap *pags)
{
	int			cap = 1024;
	int			n = 0;
	RegIdVal   *pairs = palloc(sizeof(RegIdVal) * cap);
	RegScan		s;
	AttrNumber	p_id,
				p_ags;

	siko_reg_scan_begin(&s, src, REG_PARTNER, NULL, 0, 0);
	p_id = siko_reg_scan_col(&s, "id");
	p_ags = siko_reg_scan_col(&s, "ags");
	while (siko_reg_scan_next(&s))
	{
		bool		isnull;
		Datum		ags = siko_reg_scan_datum(&s, p_ags, &isnull);

		if (isnull)
			continue;
		if (n == cap)
		{
			cap *= 2;
			pairs = repalloc_huge(pairs, sizeof(RegIdVal) * cap);
		}
		pairs[n].val = (int32) DatumGetSikoAgs(ags);
		pairs[n].id = siko_reg_scan_int(&s, p_id);
		n++;
	}
	siko_reg_scan_end(&s);
	idmap_build(pags, pairs, n);
}

/*
 * The accessions of territorial partners that are certain on some day:
 * for the timelines their start and end events, else the entries.
 */
static RegItem *
all_read_accessions(const RegSource *src, const RegIdMap *coops, const RegIdMap *pags,
					bool timelines, int64 maxitems, int64 *nitems, MemoryContext cxt)
{
	int64		icap = 1024;
	RegItem    *items = MemoryContextAllocHuge(cxt, sizeof(RegItem) * icap);
	RegScan		s;
	AttrNumber	a_coop,
				a_partner,
				a_period;

	*nitems = 0;
	siko_reg_scan_begin(&s, src, REG_ACCESSION, NULL, 0, 0);
	a_coop = siko_reg_scan_col(&s, "cooperation_id");
	a_partner = siko_reg_scan_col(&s, "partner_id");
	a_period = siko_reg_scan_col(&s, "period");
	while (siko_reg_scan_next(&s))
	{
		bool		isnull;
		Datum		d = siko_reg_scan_datum(&s, a_period, &isnull);
		SikoSpan	span;
		int32		ags;
		int32		cidx;
		uint64		key;

		if (isnull)
			continue;
		siko_period_span(DatumGetSikoPeriodP(d), &span);
		if (!siko_days_nonempty(span.clo, span.chi))
			continue;			/* never certainly a member: never listed */
		ags = idmap_get(pags, siko_reg_scan_int(&s, a_partner));
		if (ags < 0)
			continue;			/* not a territorial partner */
		cidx = idmap_get(coops, siko_reg_scan_int(&s, a_coop));
		if (cidx < 0)
			continue;			/* cannot happen: a foreign key */
		if (maxitems >= 0 && *nitems + 2 > maxitems)
		{
			pfree(items);
			items = NULL;
			break;
		}
		if (*nitems + 2 > icap)
		{
			icap *= 2;
			items = repalloc_huge(items, sizeof(RegItem) * icap);
		}
		key = (uint64) (uint32) ags << 32;
		if (!timelines)
		{
			items[*nitems].key = key | (uint32) cidx;
			items[*nitems].x = span.clo;
			items[(*nitems)++].y = span.chi;
			continue;
		}
		items[*nitems].key = key | REG_DAY_KEY(span.clo);
		items[*nitems].x = cidx;
		items[(*nitems)++].y = 1;
		if (span.chi != SIKO_DAY_NOEND)	/* an open end never ends */
		{
			items[*nitems].key = key | REG_DAY_KEY(span.chi);
			items[*nitems].x = cidx;
			items[(*nitems)++].y = -1;
		}
	}
	siko_reg_scan_end(&s);
	return items;
}

/* the entries' layout: more cooperations than the timelines take */
static void
all_entries_layout(RegAllBlock *hdr, const RegItem *items, int64 nitems, uint64 *size)
{
	int64		nslots;

	int64		nkeys = 0;
	int64		i;

	for (i = 0; i < nitems; i++)
		nkeys += (i == 0 || (items[i].key >> 32) != (items[i - 1].key >> 32));
	hdr->nentries = (int32) nitems;
	hdr->spans = reg_part(size, sizeof(RegAllSpan) * (uint64) nitems);
	hdr->index_shape = reg_shape(nkeys, &nslots);
	hdr->index = reg_part(size, sizeof(RegKeySlot) * (uint64) nslots);
}

/* each key's entries, from the items sorted by (ags, cooperation) */
static void
all_entries_fill(RegAllBlock *b, const RegItem *items)
{
	RegAllSpan *spans = REG_AT(b, b->spans, RegAllSpan);
	SikoAgs    *keys = palloc_extended(sizeof(SikoAgs) * Max(b->nentries, 1), MCXT_ALLOC_HUGE);
	int			i;

	for (i = 0; i < b->nentries; i++)
	{
		keys[i] = (SikoAgs) (items[i].key >> 32);
		spans[i].coop = (int32) (uint32) items[i].key;
		spans[i].clo = items[i].x;
		spans[i].chi = items[i].y;
	}
	reg_key_fill(&b->index_shape, REG_AT(b, b->index, RegKeySlot), keys, b->nentries,
				 sizeof(SikoAgs));
	pfree(keys);
}

RegAll *
siko_reg_all_view(const RegAllBlock *b, MemoryContext cxt)
{
	RegAll	   *all = MemoryContextAllocZero(cxt, sizeof(RegAll));

	all->block = b;
	all->ncodes = b->ncodes;
	all->codeoff = REG_AT(b, b->codeoff, const uint32);
	all->codesize = REG_AT(b, b->codesize, const int32);
	all->words = b->words;
	all->probing = b->probing;
	if (b->probing)
		return all;
	if (b->tl != 0)
	{
		all->tl_shape = b->tl_shape;
		all->tl = REG_AT(b, b->tl, const RegTimeline);
		all->blocks = REG_AT(b, b->blocks, const char);
		all->tops = REG_AT(b, b->tops, const SikoDay);
		all->blockdays = b->blockdays;
		all->setoffset = b->setoffset;
		all->coopoffset = b->coopoffset;
	}
	else
	{
		all->nentries = b->nentries;
		all->index_shape = b->index_shape;
		all->spans = REG_AT(b, b->spans, const RegAllSpan);
		all->index = REG_AT(b, b->index, const RegKeySlot);
	}
	return all;
}

/* the block: the codes, then the timelines or the entries from the sorted items */
static RegAllBlock *
all_block(RegAllBlock *hdr, const CodeItem *codes, const RegItem *items, int64 nitems,
		  int64 limit, MemoryContext cxt)
{
	uint64		size = MAXALIGN(sizeof(RegAllBlock));
	uint64		codes_at;
	uint64		codes_end;
	RegAllBlock *b;
	RegCoopId  *ids;
	int			i;

	hdr->codeoff = reg_part(&size, sizeof(uint32) * (uint64) hdr->ncodes);
	hdr->codesize = reg_part(&size, sizeof(int32) * (uint64) hdr->ncodes);
	hdr->coopids = reg_part(&size, sizeof(RegCoopId) * (uint64) hdr->ncodes);
	codes_at = size;
	for (i = 0; i < hdr->ncodes; i++)
		size += INTALIGN(VARSIZE(codes[i].code));
	size = codes_end = MAXALIGN(size);
	if (!hdr->probing && hdr->words <= REG_TIMELINE_MAXWORDS)
		all_tl_layout(hdr, items, nitems, &size);
	else if (!hdr->probing)
		all_entries_layout(hdr, items, nitems, &size);
	if (limit >= 0 && size > (uint64) limit && !hdr->probing)
	{
		/* only the codes: the sets come from probes of the register */
		RegAllBlock keep = *hdr;

		memset(hdr, 0, sizeof(*hdr));
		hdr->ncodes = keep.ncodes;
		hdr->words = keep.words;
		hdr->codeoff = keep.codeoff;
		hdr->codesize = keep.codesize;
		hdr->coopids = keep.coopids;
		hdr->probing = true;
		size = codes_end;
	}
	hdr->size = size;
	/* on a cache line: the timelines' blocks are */
	b = (RegAllBlock *) TYPEALIGN(PG_CACHE_LINE_SIZE,
								  MemoryContextAllocExtended(cxt, size + PG_CACHE_LINE_SIZE,
															 MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO));
	*b = *hdr;
	for (i = 0; i < b->ncodes; i++)
	{
		int32		sz = INTALIGN(VARSIZE(codes[i].code));

		REG_AT(b, b->codeoff, uint32)[i] = (uint32) codes_at;
		REG_AT(b, b->codesize, int32)[i] = sz;
		memcpy(REG_AT(b, codes_at, char), codes[i].code, VARSIZE(codes[i].code));
		codes_at += sz;
	}
	ids = REG_AT(b, b->coopids, RegCoopId);
	for (i = 0; i < b->ncodes; i++)
	{
		ids[i].id = codes[i].id;
		ids[i].c = i;
	}
	qsort(ids, b->ncodes, sizeof(RegCoopId), siko_int32_cmp);
	if (b->probing)
		ereport(LOG,
				(errmsg("siko: the index of all cooperations is not cached: it would exceed siko.cache_memory (%d kB)",
						siko_cache_memory),
				 errdetail("The answers of cooperations_of and cooperation_counts come from probes of the register's indexes.")));
	else if (b->tl != 0)
		all_tl_fill(b, items, nitems);
	else
		all_entries_fill(b, items);
	return b;
}

RegAll *
siko_reg_build_all(const RegSource *src, MemoryContext *cxt_out)
{
	int64		limit = (int64) siko_cache_memory * 1024;
	RegAll	   *all;
	MemoryContext cxt;
	RegAllBlock hdr;
	RegAllBlock *b;
	CodeItem   *codes;
	RegIdMap	coops;
	RegIdMap	pags;
	RegItem    *items;
	int64		nitems;
	int			i;

	memset(&hdr, 0, sizeof(hdr));
	codes = all_read_codes(src, &coops, &hdr.ncodes);
	all_read_partners(src, &pags);
	hdr.words = Max(1, (hdr.ncodes + 63) / 64);
	/*
	 * What is read is bounded too: more than limit / 8 events or entries
	 * (16 bytes each while they are sorted) are not read, and the index is
	 * probed, though a timeline's event takes 5 to 7 bytes in the block.
	 */
	items = all_read_accessions(src, &coops, &pags, hdr.words <= REG_TIMELINE_MAXWORDS,
								limit / 8, &nitems, CurrentMemoryContext);
	idmap_free(&pags);
	idmap_free(&coops);
	hdr.probing = items == NULL;
	if (items != NULL)
		reg_sort_items(items, nitems, CurrentMemoryContext);

	cxt = AllocSetContextCreate(CurrentMemoryContext, "siko register index",
								ALLOCSET_SMALL_SIZES);
	b = all_block(&hdr, codes, items, nitems, limit, cxt);
	if (items != NULL)
		pfree(items);
	for (i = 0; i < hdr.ncodes; i++)
		pfree(codes[i].code);
	pfree(codes);
	*cxt_out = cxt;
	all = siko_reg_all_view(b, cxt);
	all->src = *src;
	return all;
}
