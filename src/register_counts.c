/*
 * register_counts.c
 *		siko.cooperation_counts with a state of type bytea, which Citus can
 *		compute in the workers and combine on the coordinator.
 *
 * An aggregate whose state is internal cannot be split by Citus: every row
 * goes to the coordinator.  With a bytea state it can, but a bytea rebuilt
 * for every row would cost the aggregate its speed.  So the state is an
 * expanded object: in memory the counting state of register_api.c (which
 * counts, combines, serializes and reads it as before), flattened into the
 * (code, count) pairs of siko.cooperation_counts_serial only when a flat
 * value is needed (the partial result of a Citus worker, a parallel
 * worker's partial state).  A flat state, from wherever it comes, is read
 * back with the checks of siko.cooperation_counts_deserial; a pointer never
 * leaves the backend.
 *
 * The functions here call those of register_api.c with the same call
 * information, the state argument replaced by the counting state.
 */
#include "siko.h"

#include "fmgr.h"
#include "nodes/execnodes.h"
#include "nodes/primnodes.h"
#include "utils/lsyscache.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

extern Datum siko_cooperation_counts_trans(PG_FUNCTION_ARGS);
extern Datum siko_cooperation_counts_combine(PG_FUNCTION_ARGS);
extern Datum siko_cooperation_counts_serial(PG_FUNCTION_ARGS);
extern Datum siko_cooperation_counts_deserial(PG_FUNCTION_ARGS);
extern Datum siko_cooperation_counts_final(PG_FUNCTION_ARGS);

typedef struct CountsEO
{
	ExpandedObjectHeader hdr;
	void	   *state;			/* register_api.c's counting state */
	fmNodePtr	aggnode;		/* the aggregate's node, for the serial function */
	bytea	   *flat;			/* the state flattened; NULL when changed since */
} CountsEO;

static Size counts_flat_size(ExpandedObjectHeader *eohptr);
static void counts_flatten(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods counts_methods = {
	counts_flat_size,
	counts_flatten
};

/* call f (a function of register_api.c) with one or two state arguments */
static Datum
counts_call(PGFunction f, fmNodePtr aggnode, Datum a0, bool n0, Datum a1, bool n1)
{
	LOCAL_FCINFO(fc, 2);
	FmgrInfo	flinfo;
	Datum		result;

	memset(&flinfo, 0, sizeof(flinfo));
	flinfo.fn_mcxt = CurrentMemoryContext;
	flinfo.fn_nargs = 2;
	InitFunctionCallInfoData(*fc, &flinfo, 2, InvalidOid, aggnode, NULL);
	fc->args[0].value = a0;
	fc->args[0].isnull = n0;
	fc->args[1].value = a1;
	fc->args[1].isnull = n1;
	result = f(fc);
	if (fc->isnull)
		elog(ERROR, "siko.cooperation_counts: a state function returned NULL");
	return result;
}

static Size
counts_flat_size(ExpandedObjectHeader *eohptr)
{
	CountsEO   *eo = (CountsEO *) eohptr;

	if (eo->flat == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(eo->hdr.eoh_context);

		if (eo->state != NULL)
			eo->flat = DatumGetByteaP(counts_call(siko_cooperation_counts_serial, eo->aggnode,
												  PointerGetDatum(eo->state), false, (Datum) 0, true));
		else
		{
			/* no counts: the serial form of none, a count of 0 pairs */
			eo->flat = palloc0(VARHDRSZ + sizeof(int32));
			SET_VARSIZE(eo->flat, VARHDRSZ + sizeof(int32));
		}
		MemoryContextSwitchTo(old);
	}
	return VARSIZE(eo->flat);
}

static void
counts_flatten(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	CountsEO   *eo = (CountsEO *) eohptr;

	Assert(eo->flat != NULL && allocated_size == VARSIZE(eo->flat));
	memcpy(result, eo->flat, allocated_size);
}

/*
 * A new expanded object in the aggregate's context, its counting state
 * read from the flat state d (none for NULL).
 */
static CountsEO *
counts_new(FunctionCallInfo fcinfo, MemoryContext aggcxt, Datum d, bool isnull)
{
	CountsEO   *eo;
	MemoryContext old;

	eo = MemoryContextAllocZero(AllocSetContextCreate(aggcxt, "siko.cooperation_counts state",
													  ALLOCSET_DEFAULT_SIZES),
								sizeof(CountsEO));
	EOH_init_header(&eo->hdr, &counts_methods, GetMemoryChunkContext(eo));
	eo->aggnode = fcinfo->context;
	/* the counting state lives in the aggregate's context of this call */
	old = MemoryContextSwitchTo(eo->hdr.eoh_context);
	if (!isnull)
		eo->state = DatumGetPointer(counts_call(siko_cooperation_counts_deserial, fcinfo->context,
												PointerGetDatum(PG_DETOAST_DATUM(d)), false,
												(Datum) 0, true));
	MemoryContextSwitchTo(old);
	return eo;
}

/*
 * The expanded object of argument argno: ours, or a new one (counts_new).
 * The argument becomes its counting state, as the functions of
 * register_api.c take it.
 */
static CountsEO *
counts_arg(FunctionCallInfo fcinfo, int argno)
{
	MemoryContext aggcxt;
	CountsEO   *eo;
	Datum		d = fcinfo->args[argno].value;
	bool		isnull = fcinfo->args[argno].isnull;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("a function of siko.cooperation_counts called in a non-aggregate context"),
				 errhint("Call the aggregate siko.cooperation_counts(ags, day).")));
	if (!isnull && VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)) &&
		DatumGetEOHP(d)->eoh_methods == &counts_methods)
		eo = (CountsEO *) DatumGetEOHP(d);
	else
		eo = counts_new(fcinfo, aggcxt, d, isnull);
	fcinfo->args[argno].value = PointerGetDatum(eo->state);
	fcinfo->args[argno].isnull = eo->state == NULL;
	return eo;
}

/* the new counting state of eo: its flat form, if any, no longer holds */
static Datum
counts_changed(CountsEO *eo, Datum state)
{
	eo->state = DatumGetPointer(state);
	if (eo->flat != NULL)
	{
		pfree(eo->flat);
		eo->flat = NULL;
	}
	return EOHPGetRWDatum(&eo->hdr);
}

PG_FUNCTION_INFO_V1(siko_cooperation_counts_btrans);
Datum
siko_cooperation_counts_btrans(PG_FUNCTION_ARGS)
{
	CountsEO   *eo = counts_arg(fcinfo, 0);

	PG_RETURN_DATUM(counts_changed(eo, siko_cooperation_counts_trans(fcinfo)));
}

PG_FUNCTION_INFO_V1(siko_cooperation_counts_bcombine);
Datum
siko_cooperation_counts_bcombine(PG_FUNCTION_ARGS)
{
	CountsEO   *a;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(EOHPGetRWDatum(&counts_arg(fcinfo, 0)->hdr));
	}
	a = counts_arg(fcinfo, 0);
	(void) counts_arg(fcinfo, 1);
	PG_RETURN_DATUM(counts_changed(a, siko_cooperation_counts_combine(fcinfo)));
}

PG_FUNCTION_INFO_V1(siko_cooperation_counts_bfinal);
Datum
siko_cooperation_counts_bfinal(PG_FUNCTION_ARGS)
{
	(void) counts_arg(fcinfo, 0);

	/*
	 * Citus's final step on the coordinator calls this without the call's
	 * expression, from which the result type is taken: the declared one
	 */
	if (!OidIsValid(get_fn_expr_rettype(fcinfo->flinfo)) && OidIsValid(fcinfo->flinfo->fn_oid))
	{
		FuncExpr   *fe = (FuncExpr *) MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(FuncExpr));

		fe->xpr.type = T_FuncExpr;
		fe->funcid = fcinfo->flinfo->fn_oid;
		fe->funcresulttype = get_func_rettype(fcinfo->flinfo->fn_oid);
		fcinfo->flinfo->fn_expr = (Node *) fe;
	}
	return siko_cooperation_counts_final(fcinfo);
}
