/*
 * sort.c
 *		A least-significant-digit radix sort: the one sort of siko's large
 *		arrays (the sweep's events, the register cache's entries, the rows
 *		of cooperation_counts).
 *
 * Elements are 4, 8 or 16 bytes and begin with their unsigned key (a
 * uint32 for 4-byte elements, a uint64 otherwise).  The sort is stable and
 * skips the passes in which every element has the same digit, so sorting
 * keys that differ only in their low bits costs one or two passes.  Two
 * million elements sort several times faster than with qsort().  The
 * caller provides the scratch space, so the core never allocates.
 */
#include <string.h>

#include "siko_core.h"

static inline uint64_t
key_of(const char *e, size_t size)
{
	uint32_t	k32;
	uint64_t	k64;

	if (size == 4)
	{
		memcpy(&k32, e, 4);
		return k32;
	}
	memcpy(&k64, e, 8);
	return k64;
}

/*
 * One pass by the digit at shift; inlined with a constant size, so the
 * copies are plain moves.
 */
static inline __attribute__((always_inline)) void
radix_pass(const char *from, char *to, size_t n, size_t size, int shift,
		   uint64_t mask, size_t *count)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		const char *e = from + i * size;

		memcpy(to + count[(key_of(e, size) >> shift) & mask]++ * size, e, size);
	}
}

void
siko_radix_sort(void *items, size_t n, size_t size, int lobit, int digitbits,
				void *scratch, size_t *count)
{
	size_t		ndigits = (size_t) 1 << digitbits;
	uint64_t	mask = (uint64_t) ndigits - 1;
	int			keybits = (size == 4) ? 32 : 64;
	char	   *from = items;
	char	   *to = scratch;
	int			shift;

	if (n < 2)
		return;
	for (shift = lobit; shift < keybits; shift += digitbits)
	{
		size_t		sum = 0;
		size_t		i;
		size_t		d;
		char	   *t;

		memset(count, 0, sizeof(size_t) * ndigits);
		for (i = 0; i < n; i++)
			count[(key_of(from + i * size, size) >> shift) & mask]++;
		if (count[(key_of(from, size) >> shift) & mask] == n)
			continue;			/* one digit for all: nothing to do */
		for (d = 0; d < ndigits; d++)
		{
			size_t		c = count[d];

			count[d] = sum;
			sum += c;
		}
		if (size == 4)
			radix_pass(from, to, n, 4, shift, mask, count);
		else if (size == 8)
			radix_pass(from, to, n, 8, shift, mask, count);
		else
			radix_pass(from, to, n, 16, shift, mask, count);
		t = from;
		from = to;
		to = t;
	}
	if (from != (char *) items)
		memcpy(items, from, size * n);
}

void
siko_sort_days(SikoDay *days, size_t n, SikoDay *scratch)
{
	size_t		count[256];
	size_t		i;

	for (i = 0; i < n; i++)
		days[i] = (SikoDay) ((uint32_t) days[i] ^ UINT32_C(0x80000000));
	siko_radix_sort(days, n, sizeof(SikoDay), 0, 8, scratch, count);
	for (i = 0; i < n; i++)
		days[i] = (SikoDay) ((uint32_t) days[i] ^ UINT32_C(0x80000000));
}
