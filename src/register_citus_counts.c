/*
 * register_citus_counts.c
 *		siko.cooperation_counts on a Citus worker, called by the executor
 *		directly instead of through Citus's generic wrapper.
 *
 * Citus splits an aggregate of an extension that has a combine function
 * and a state that is not internal (siko.cooperation_counts: bytea) by
 * sending each worker, for each shard,
 *
 *	 SELECT pg_catalog.worker_partial_agg(
 *			'siko.cooperation_counts(siko.ags,date)'::regprocedure,
 *			ROW(place, day)) FROM events_102008 ...
 *
 * and combining the text forms of the workers' states on the coordinator
 * (pg_catalog.coord_combine_agg: the state type's input function, then the
 * combine function).  worker_partial_agg calls the aggregate's transition
 * function through a generic wrapper that, for every row, looks the
 * aggregate and its transition function up in the catalogs again and takes
 * the arguments apart from the row value formed for it: about twice the
 * cost of the counting itself.
 *
 * siko's planner hook rewrites exactly that call, and no other, into
 * siko.cooperation_counts_partial(place, day): an aggregate of the same
 * transition function and state, called by the executor directly, whose
 * final function is the state type's output function, which is what
 * worker_partial_agg's final function returns.  The worker's result is the
 * same text, byte for byte, and the coordinator combines it as before.
 * Any other shape (another aggregate, a changed Citus) is left alone and
 * answered by the wrapper, slower and the same.
 *
 * The hook is in place once siko's library is loaded in the worker's
 * backend: from the start with siko in shared_preload_libraries (or
 * session_preload_libraries), else from the first query of that backend
 * that calls siko.  Only the target list and HAVING of the top query are
 * looked at, where Citus puts the call, and the catalogs only for a call
 * of that shape, so other queries pay a walk of their target list.
 */
#include "siko.h"

#include "catalog/namespace.h"
#include "catalog/pg_aggregate_d.h"
#include "catalog/pg_namespace_d.h"
#include "catalog/pg_proc_d.h"
#include "catalog/pg_type_d.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/planner.h"
#include "parser/parse_func.h"
#include "utils/acl.h"
#include "utils/lsyscache.h"

static planner_hook_type prev_planner = NULL;

/* is proc pg_catalog.<name>? */
static bool
proc_is(Oid proc, Oid nsp, const char *name)
{
	char	   *n;
	bool		is;

	if (get_func_namespace(proc) != nsp)
		return false;
	n = get_func_name(proc);
	is = n != NULL && strcmp(n, name) == 0;
	if (n != NULL)
		pfree(n);
	return is;
}

/*
 * The aggregate that replaces worker_partial_agg(agg, ROW(a, b)), when agg
 * is siko.cooperation_counts and a, b are of its argument types (types[]);
 * else InvalidOid.  Only for a caller who may execute
 * siko.cooperation_counts, which the wrapper checks and the rewritten call
 * would not.
 */
static Oid
partial_counts_for(Oid agg, const Oid types[2])
{
	Oid			nsp = get_namespace_oid("siko", true);
	Oid		   *argtypes;
	int			nargs;
	Oid			partial;
	List	   *name;

	if (!OidIsValid(nsp) || !proc_is(agg, nsp, "cooperation_counts"))
		return InvalidOid;
	(void) get_func_signature(agg, &argtypes, &nargs);
	if (nargs != 2 || types[0] != argtypes[0] || types[1] != argtypes[1] ||
		siko_proc_aclcheck(agg, GetUserId(), ACL_EXECUTE) != ACLCHECK_OK)
		return InvalidOid;
	name = list_make2(makeString("siko"), makeString("cooperation_counts_partial"));
	partial = LookupFuncName(name, 2, argtypes, true);
	list_free_deep(name);
	return partial;
}

/* rewrite a: see the head of this file */
static void
rewrite_aggref(Aggref *a)
{
	Node	   *agg;
	Node	   *row;
	List	   *args;
	Oid			types[2];
	Oid			partial;

	if (list_length(a->args) != 2 || a->aggtype != CSTRINGOID ||
		a->aggorder != NIL || a->aggdistinct != NIL || a->aggstar ||
		a->aggvariadic || a->aggkind != AGGKIND_NORMAL)
		return;
	agg = (Node *) linitial_node(TargetEntry, a->args)->expr;
	while (agg != NULL && IsA(agg, RelabelType))
		agg = (Node *) ((RelabelType *) agg)->arg;
	row = (Node *) lsecond_node(TargetEntry, a->args)->expr;
	if (agg == NULL || !IsA(agg, Const) || ((Const *) agg)->constisnull ||
		(((Const *) agg)->consttype != OIDOID &&
		 ((Const *) agg)->consttype != REGPROCEDUREOID) ||
		row == NULL || !IsA(row, RowExpr) || list_length(((RowExpr *) row)->args) != 2)
		return;
	/* the shape matches: now the catalogs */
	if (!proc_is(a->aggfnoid, PG_CATALOG_NAMESPACE, "worker_partial_agg"))
		return;
	args = ((RowExpr *) row)->args;
	types[0] = exprType(linitial(args));
	types[1] = exprType(lsecond(args));
	partial = partial_counts_for(DatumGetObjectId(((Const *) agg)->constvalue), types);
	if (!OidIsValid(partial))
		return;
	a->aggfnoid = partial;
	a->aggargtypes = list_make2_oid(types[0], types[1]);
	a->args = list_make2(makeTargetEntry(linitial(args), 1, NULL, false),
						 makeTargetEntry(lsecond(args), 2, NULL, false));
	a->aggtranstype = InvalidOid;	/* the planner's to fill in */
	a->inputcollid = InvalidOid;
}

static bool
rewrite_walker(Node *node, void *context)
{
	if (node == NULL)
		return false;
	if (IsA(node, Aggref))
	{
		rewrite_aggref((Aggref *) node);
		return false;			/* no aggregate within an aggregate */
	}
	if (IsA(node, Query))
		return false;			/* a sublink's query: not Citus's place */
	return expression_tree_walker(node, rewrite_walker, context);
}

static PlannedStmt *
siko_planner(Query *parse, const char *query_string, int cursorOptions,
			 ParamListInfo boundParams)
{
	if (parse->commandType == CMD_SELECT && parse->hasAggs)
	{
		(void) rewrite_walker((Node *) parse->targetList, NULL);
		(void) rewrite_walker(parse->havingQual, NULL);
	}
	if (prev_planner != NULL)
		return prev_planner(parse, query_string, cursorOptions, boundParams);
	return standard_planner(parse, query_string, cursorOptions, boundParams);
}

void
siko_citus_counts_init(void)
{
	prev_planner = planner_hook;
	planner_hook = siko_planner;
}
