/*
 * register_probe.c
 *		Answers for a cooperation, or for the index of all cooperations,
 *		that is not cached because its block would exceed
 *		siko.cache_memory: from probes of the register's indexes, one key
 *		at a time.
 *
 * A key's partner is found by partner_ags_key (the key is unique among
 * the partners), its accessions by accession_partner_idx; their periods
 * give their spans by siko_period_span, the membership rule of the core,
 * as in the cache.  As known on a moment, the history tables are scanned
 * instead (they have no such indexes): slow, and the same answers.
 */
#include "register.h"

#include "utils/builtins.h"

/* the partner with key ags: its id, and its name when name is not NULL */
static bool
probe_partner(const RegSource *src, SikoAgs ags, int32 *id, text **name)
{
	RegScan		s;
	bool		found;

	siko_reg_scan_begin(&s, src, REG_PARTNER, "ags", (int32) ags, REG_PARTNER_AGS_KEY);
	found = siko_reg_scan_next(&s);
	if (found)
	{
		*id = siko_reg_scan_int(&s, siko_reg_scan_col(&s, "id"));
		if (name != NULL)
		{
			bool		isnull;
			Datum		d = siko_reg_scan_datum(&s, siko_reg_scan_col(&s, "name"), &isnull);

			*name = isnull ? NULL : DatumGetTextPCopy(d);
			found = !isnull;
		}
	}
	siko_reg_scan_end(&s);
	return found;
}

/* a partner's accession: its cooperation and period */
typedef struct ProbeAcc
{
	int32		coop;
	SikoPeriod	period;
} ProbeAcc;

/* in the order of the cache's territorial accessions: start, then period */
static int
probe_acc_cmp(const void *a, const void *b)
{
	const SikoPeriod *x = &((const ProbeAcc *) a)->period;
	const SikoPeriod *y = &((const ProbeAcc *) b)->period;

	if (x->start.lo != y->start.lo)
		return x->start.lo < y->start.lo ? -1 : 1;
	return siko_period_cmp(x, y);
}

/* the accessions of partner pid (to cooperation coop only, if coop >= 0) */
static ProbeAcc *
probe_accessions(const RegSource *src, int32 pid, int32 coop, int *n)
{
	int			cap = 16;
	ProbeAcc   *acc = palloc(sizeof(ProbeAcc) * cap);
	RegScan		s;
	AttrNumber	a_coop,
				a_period;

	*n = 0;
	siko_reg_scan_begin(&s, src, REG_ACCESSION, "partner_id", pid, REG_ACCESSION_PARTNER_IDX);
	a_coop = siko_reg_scan_col(&s, "cooperation_id");
	a_period = siko_reg_scan_col(&s, "period");
	while (siko_reg_scan_next(&s))
	{
		int32		c = siko_reg_scan_int(&s, a_coop);
		bool		isnull;
		Datum		d;

		if (coop >= 0 && c != coop)
			continue;
		d = siko_reg_scan_datum(&s, a_period, &isnull);
		if (isnull)
			continue;			/* cannot happen: NOT NULL */
		if (*n == cap)
		{
			cap *= 2;
			acc = repalloc_huge(acc, sizeof(ProbeAcc) * cap);
		}
		acc[*n].coop = c;
		memcpy(&acc[*n].period, DatumGetSikoPeriodP(d), sizeof(SikoPeriod));
		(*n)++;
	}
	siko_reg_scan_end(&s);
	return acc;
}

int
siko_reg_probe_key(const RegCoop *coop, SikoAgs ags, text **name, SikoSpan **spans)
{
	int32		pid;
	ProbeAcc   *acc;
	int			n;
	int			i;

	*spans = NULL;
	if (!probe_partner(&coop->src, ags, &pid, name))
	{
		*name = NULL;
		return 0;
	}
	acc = probe_accessions(&coop->src, pid, coop->id, &n);
	qsort(acc, n, sizeof(ProbeAcc), probe_acc_cmp);
	*spans = palloc(sizeof(SikoSpan) * Max(n, 1));
	for (i = 0; i < n; i++)
		siko_period_span(&acc[i].period, &(*spans)[i]);
	pfree(acc);
	return n;
}

int
siko_reg_probe_at(const RegCoop *coop, SikoAgs ags, int32 d)
{
	text	   *name;
	SikoSpan   *spans;
	int			n = siko_reg_probe_key(coop, ags, &name, &spans);
	int			res = 0;
	int			i;

	for (i = 0; i < n; i++)
		res = reg_fold_at(res, siko_span_at(&spans[i], d));
	if (spans != NULL)
		pfree(spans);
	if (name != NULL)
		pfree(name);
	return res;
}

/* the number of cooperation id in the index, -1 when it has none */
static int
probe_coop_number(const RegAll *all, int32 id)
{
	const RegCoopId *ids = REG_AT(all->block, all->block->coopids, const RegCoopId);
	int			lo = 0;
	int			hi = all->ncodes;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (ids[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < all->ncodes && ids[lo].id == id) ? ids[lo].c : -1;
}

const uint64 *
siko_reg_probe_set(const RegAll *all, SikoAgs ags, int32 d, uint64 *scratch)
{
	int32		pid;
	ProbeAcc   *acc;
	int			n;
	int			i;
	bool		any = false;

	if (!probe_partner(&all->src, ags, &pid, NULL))
		return NULL;
	acc = probe_accessions(&all->src, pid, -1, &n);
	memset(scratch, 0, sizeof(uint64) * all->words);
	for (i = 0; i < n; i++)
	{
		SikoSpan	span;
		int			c;

		siko_period_span(&acc[i].period, &span);
		if (!siko_span_certain_on(&span, d))
			continue;
		c = probe_coop_number(all, acc[i].coop);
		if (c < 0)
			continue;			/* cannot happen: a foreign key */
		scratch[c >> 6] |= UINT64CONST(1) << (c & 63);
		any = true;
	}
	pfree(acc);
	return any ? scratch : NULL;
}
