/*
 * register_shared.c
 *		The register cache shared by the backends of a server: the blocks
 *		of register_build.c, each in a dynamic shared memory segment of its
 *		own, found through a small directory under one LWLock.
 *
 * The directory lives in the main shared memory when siko is in
 * shared_preload_libraries, else (PostgreSQL 17 and later) in a segment of
 * the named DSM registry; without either, each backend keeps its private
 * cache.  An entry names a database, a cooperation (or the index of all
 * cooperations; a cooperation's small block and its whole one are two
 * entries) and the register version (siko.register_version) its
 * block was built for, with the Oid of that table: a DROP and CREATE
 * EXTENSION starts the count again at 0, and the new table's Oid keeps a
 * block of the old register from passing for one of the new.  A statement that sees that version attaches the
 * segment and reads the block where it is mapped, without a copy; one that
 * sees another version builds privately, and publishes its block as a new
 * segment when its version is newer than the entry's: the entry is
 * replaced under the lock and the old segment unpinned (it goes away when
 * its last reader detaches), so no reader ever sees a block change.  A
 * transaction that changed the register itself neither attaches nor
 * publishes: the version it sees is not committed.
 */
#include "register.h"

#include "miscadmin.h"
#include "storage/dsm.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/memutils.h"

/* the most blocks shared at once (a new one evicts the least recent) */
#define REG_SHARED_MAX 1024

typedef struct RegSharedEntry
{
	Oid			db;				/* InvalidOid: a free entry */
	RegBlockKind kind;
	char		code[REG_CODE_MAX + 1];	/* "" for the index of all */
	Oid			verrel;			/* siko.register_version, whose count built.version is */
	dsm_handle	handle;
	uint64		size;
	RegBuilt	built;			/* built.version: the register version */
} RegSharedEntry;

typedef struct RegSharedDir
{
	int			tranche;
	LWLock		lock;
	RegSharedEntry e[REG_SHARED_MAX];
} RegSharedDir;

static RegSharedDir *reg_dir = NULL;
static bool reg_dir_looked = false;

/* the segments this backend has mapped, detached at a flush */
static dsm_segment **reg_segs = NULL;
static int	reg_nsegs = 0;
static int	reg_capsegs = 0;

static shmem_request_hook_type prev_shmem_request = NULL;
static shmem_startup_hook_type prev_shmem_startup = NULL;

static void
reg_dir_init(void *ptr)
{
	RegSharedDir *d = (RegSharedDir *) ptr;

	memset(d, 0, sizeof(RegSharedDir));
	d->tranche = LWLockNewTrancheId();
	LWLockInitialize(&d->lock, d->tranche);
}

static void
reg_shmem_request(void)
{
	if (prev_shmem_request)
		prev_shmem_request();
	RequestAddinShmemSpace(MAXALIGN(sizeof(RegSharedDir)));
}

static void
reg_shmem_startup(void)
{
	bool		found;

	if (prev_shmem_startup)
		prev_shmem_startup();
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	reg_dir = ShmemInitStruct("siko register cache", sizeof(RegSharedDir), &found);
	if (!found)
		reg_dir_init(reg_dir);
	LWLockRelease(AddinShmemInitLock);
}

void
siko_reg_shared_preload(void)
{
	if (!process_shared_preload_libraries_in_progress)
		return;
	prev_shmem_request = shmem_request_hook;
	shmem_request_hook = reg_shmem_request;
	prev_shmem_startup = shmem_startup_hook;
	shmem_startup_hook = reg_shmem_startup;
}

/* the directory, or NULL when blocks are not shared */
static RegSharedDir *
reg_directory(void)
{
	if (!reg_dir_looked)
	{
		reg_dir_looked = true;
		if (reg_dir == NULL)
			reg_dir = siko_named_shmem("siko register cache", sizeof(RegSharedDir),
									   reg_dir_init);
		if (reg_dir != NULL)
			LWLockRegisterTranche(reg_dir->tranche, "siko register cache");
	}
	return reg_dir;
}

/* the entry of this block (code NULL: the index) in this database, or -1 */
static int
reg_entry(RegSharedDir *d, RegBlockKind kind, const char *code)
{
	int			i;

	for (i = 0; i < REG_SHARED_MAX; i++)
	{
		const RegSharedEntry *e = &d->e[i];

		if (e->db == MyDatabaseId && e->kind == kind &&
			(code == NULL || strcmp(e->code, code) == 0))
			return i;
	}
	return -1;
}

static void
reg_keep(dsm_segment *seg)
{
	if (reg_nsegs == reg_capsegs)
	{
		reg_capsegs = Max(16, 2 * reg_capsegs);
		reg_segs = reg_segs == NULL ?
			MemoryContextAlloc(TopMemoryContext, sizeof(dsm_segment *) * reg_capsegs) :
			repalloc(reg_segs, sizeof(dsm_segment *) * reg_capsegs);
	}
	reg_segs[reg_nsegs++] = seg;
}

void
siko_reg_shared_forget(void)
{
	while (reg_nsegs > 0)
		dsm_detach(reg_segs[--reg_nsegs]);
}

/* may this statement use the shared blocks at its register version? */
static bool
reg_shareable(int64 version)
{
	return version >= 0 && !siko_reg_version_own() && reg_directory() != NULL;
}

const void *
siko_reg_shared_find(RegBlockKind kind, const char *code, int64 version, RegBuilt *built)
{
	RegSharedDir *d;
	dsm_handle	handle = DSM_HANDLE_INVALID;
	uint64		size = 0;
	dsm_segment *seg;
	int			i;
	Oid			verrel = siko_reg_rel(REG_VERSION);

	if (!reg_shareable(version))
		return NULL;
	d = reg_directory();
	LWLockAcquire(&d->lock, LW_SHARED);
	i = reg_entry(d, kind, code);
	/* siko.cache_memory bounds what this connection reads, shared or not */
	if (i >= 0 && d->e[i].verrel == verrel && d->e[i].built.version == version &&
		d->e[i].size <= (uint64) siko_cache_memory * 1024)
	{
		handle = d->e[i].handle;
		size = d->e[i].size;
		*built = d->e[i].built;
	}
	LWLockRelease(&d->lock);
	if (size == 0)
		return NULL;
	seg = dsm_attach(handle);
	if (seg == NULL)
		return NULL;			/* replaced and gone meanwhile */
	/* a block begins with its size (RegCoopBlock, RegAllBlock) */
	if (dsm_segment_map_length(seg) < size ||
		*(const uint64 *) dsm_segment_address(seg) != size)
	{
		dsm_detach(seg);
		return NULL;
	}
	dsm_pin_mapping(seg);
	reg_keep(seg);
	return dsm_segment_address(seg);
}

/* a free entry, else the one used least recently (its segment in *old) */
static int
reg_free_entry(RegSharedDir *d, dsm_handle *old)
{
	int			best = 0;
	int			i;

	for (i = 0; i < REG_SHARED_MAX; i++)
	{
		if (d->e[i].db == InvalidOid)
			return i;
		if (d->e[i].built.at < d->e[best].built.at)
			best = i;
	}
	*old = d->e[best].handle;
	return best;
}

/* does entry i (-1: none) hold a block of this register as new as built? */
static bool
reg_newer(const RegSharedDir *d, int i, Oid verrel, const RegBuilt *built)
{
	return i >= 0 && d->e[i].verrel == verrel && d->e[i].built.version >= built->version;
}

const void *
siko_reg_shared_publish(RegBlockKind kind, const char *code, const void *block, uint64 size,
						const RegBuilt *built)
{
	RegSharedDir *d;
	dsm_segment *seg;
	dsm_handle	old = DSM_HANDLE_INVALID;
	bool		newer;
	int			i;
	Oid			verrel = siko_reg_rel(REG_VERSION);

	if (!reg_shareable(built->version))
		return NULL;
	d = reg_directory();
	LWLockAcquire(&d->lock, LW_SHARED);
	i = reg_entry(d, kind, code);
	newer = reg_newer(d, i, verrel, built);
	LWLockRelease(&d->lock);
	if (newer)
		return NULL;

	seg = dsm_create(size, DSM_CREATE_NULL_IF_MAXSEGMENTS);
	if (seg == NULL)
		return NULL;
	memcpy(dsm_segment_address(seg), block, size);
	dsm_pin_mapping(seg);
	dsm_pin_segment(seg);

	LWLockAcquire(&d->lock, LW_EXCLUSIVE);
	i = reg_entry(d, kind, code);
	if (reg_newer(d, i, verrel, built))
	{
		/* another backend was quicker */
		LWLockRelease(&d->lock);
		dsm_unpin_segment(dsm_segment_handle(seg));
		dsm_detach(seg);
		return NULL;
	}
	if (i >= 0)
		old = d->e[i].handle;
	else
		i = reg_free_entry(d, &old);
	d->e[i].db = MyDatabaseId;
	d->e[i].kind = kind;
	d->e[i].verrel = verrel;
	strlcpy(d->e[i].code, code != NULL ? code : "", sizeof(d->e[i].code));
	d->e[i].handle = dsm_segment_handle(seg);
	d->e[i].size = size;
	d->e[i].built = *built;
	LWLockRelease(&d->lock);
	if (old != DSM_HANDLE_INVALID)
		dsm_unpin_segment(old);
	reg_keep(seg);
	return dsm_segment_address(seg);
}
