/*
 * compat.h
 *		Every difference between the PostgreSQL major versions siko builds
 *		against (15, 16, 17 and 18), in one place.  Each block names the
 *		version that changed the API and what changed; the code elsewhere
 *		uses the names defined here and carries no version tests of its own.
 *		Included by siko.h, after postgres.h and fmgr.h.
 */
#ifndef SIKO_COMPAT_H
#define SIKO_COMPAT_H

#include "nodes/nodes.h"

#if PG_VERSION_NUM < 150000
#error "siko needs PostgreSQL 15 or later"
#endif

/*
 * 16: VARSIZE, VARDATA and the other varlena macros moved out of postgres.h
 * into varatt.h, which postgres.h no longer includes.
 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * 16: soft input errors.  An input function called with an ErrorSaveContext
 * in fcinfo->context (pg_input_is_valid(), COPY ... ON_ERROR ignore from 17
 * on) saves its error there and returns, instead of throwing it; errsave()
 * throws as ereport(ERROR) does when the context is not such a node.  Before
 * 16 there is no such context: errsave() is ereport(ERROR).
 */
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#else
#define errsave(context, ...)	ereport(ERROR, __VA_ARGS__)
#define SOFT_ERROR_OCCURRED(escontext)	false
#endif

/*
 * 16: make_range() got a last argument, the escontext for soft errors;
 * NULL throws as before.
 */
#if PG_VERSION_NUM >= 160000
#define siko_make_range(typcache, lower, upper, empty) \
	make_range((typcache), (lower), (upper), (empty), NULL)
#else
#define siko_make_range(typcache, lower, upper, empty) \
	make_range((typcache), (lower), (upper), (empty))
#endif

/*
 * 16: the settings' memory moved from malloc() into a memory context: the
 * extra data a check hook hands over is allocated with guc_malloc()
 * (exported from 16 on) and freed with pfree(); before 16, with malloc()
 * and free().  NULL when out of memory.
 */
#if PG_VERSION_NUM >= 160000
#define siko_guc_malloc(size)	guc_malloc(LOG, (size))
#else
#define siko_guc_malloc(size)	malloc(size)
#endif

/*
 * 17: PGPROC's local transaction id moved into the virtual transaction id,
 * MyProc->lxid became MyProc->vxid.lxid (storage/proc.h).
 */
#if PG_VERSION_NUM >= 170000
#define SIKO_MY_LXID	(MyProc->vxid.lxid)
#else
#define SIKO_MY_LXID	(MyProc->lxid)
#endif

/*
 * 18: pg_attribute_noreturn(), written after a declaration, gave way to
 * pg_noreturn, written before it.  Before 18 the attribute may stand in
 * front as well.
 */
#if PG_VERSION_NUM < 180000 && !defined(pg_noreturn)
#define pg_noreturn pg_attribute_noreturn()
#endif

/*
 * 18: index_beginscan() got an IndexScanInstrumentation argument after the
 * snapshot (EXPLAIN ANALYZE's index search counts); NULL counts nothing.
 */
#if PG_VERSION_NUM >= 180000
#define siko_index_beginscan(heap, index, snapshot, nkeys, norderbys) \
	index_beginscan((heap), (index), (snapshot), NULL, (nkeys), (norderbys))
#else
#define siko_index_beginscan(heap, index, snapshot, nkeys, norderbys) \
	index_beginscan((heap), (index), (snapshot), (nkeys), (norderbys))
#endif

/*
 * 17: the named DSM registry (GetNamedDSMSegment): a shared segment found by
 * name in every backend, created and initialized by the first that asks.
 * Before 17, NULL: shared memory only through shared_preload_libraries.
 */
#if PG_VERSION_NUM >= 170000
#include "storage/dsm_registry.h"
static inline void *
siko_named_shmem(const char *name, size_t size, void (*init) (void *))
{
	bool		found;

	return GetNamedDSMSegment(name, size, init, &found);
}
#else
#define siko_named_shmem(name, size, init)	((void *) NULL)
#endif

/*
 * 16: the per-object-type ACL checks (pg_proc_aclcheck and its kind) gave
 * way to object_aclcheck with the object's catalog.
 */
#if PG_VERSION_NUM >= 160000
#define siko_proc_aclcheck(proc, role, mode) \
	object_aclcheck(ProcedureRelationId, (proc), (role), (mode))
#else
#define siko_proc_aclcheck(proc, role, mode)	pg_proc_aclcheck((proc), (role), (mode))
#endif

#endif							/* SIKO_COMPAT_H */
