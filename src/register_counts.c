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
 * The counting state of argument argno: that of our expanded object, or a
 * new one in an expanded object of the aggregate's context (read from a
 * flat state, or empty for NULL).  *eo_out gets the expanded object.
 */
static void *
counts_arg(FunctionCallInfo fcinfo, int argno, CountsEO **eo_out)
{
	MemoryContext aggcxt;
	MemoryContext old;
	CountsEO   *eo;
	Datum		d = fcinfo->args[argno].value;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("a function of siko.cooperation_counts called in a non-aggregate context"),
				 errhint("Call the aggregate siko.cooperation_counts(ags, day).")));
	if (!fcinfo->args[argno].isnull && VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)) &&
		DatumGetEOHP(d)->eoh_methods == &counts_methods)
	{
		eo = (CountsEO *) DatumGetEOHP(d);
		*eo_out = eo;
		return eo->state;
	}
	eo = MemoryContextAllocZero(AllocSetContextCreate(aggcxt, "siko.cooperation_counts state",
													  ALLOCSET_DEFAULT_SIZES),
								sizeof(CountsEO));
	EOH_init_header(&eo->hdr, &counts_methods, GetMemoryChunkContext(eo));
	eo->aggnode = fcinfo->context;
	/* the counting state lives in the aggregate's context of this call */
	old = MemoryContextSwitchTo(eo->hdr.eoh_context);
	if (fcinfo->args[argno].isnull)
		eo->state = NULL;
	else
		eo->state = DatumGetPointer(counts_call(siko_cooperation_counts_deserial, fcinfo->context,
												PointerGetDatum(PG_DETOAST_DATUM(d)), false,
												(Datum) 0, true));
	MemoryContextSwitchTo(old);
	*eo_out = eo;
	return eo->state;
}

PG_FUNCTION_INFO_V1(siko_cooperation_counts_btrans);
Datum
siko_cooperation_counts_btrans(PG_FUNCTION_ARGS)
{
	CountsEO   *eo;
	void	   *state = counts_arg(fcinfo, 0, &eo);

	fcinfo->args[0].value = PointerGetDatum(state);
	fcinfo->args[0].isnull = state == NULL;
	eo->state = DatumGetPointer(siko_cooperation_counts_trans(fcinfo));
	if (eo->flat != NULL)
	{
		pfree(eo->flat);
		eo->flat = NULL;
	}
	PG_RETURN_DATUM(EOHPGetRWDatum(&eo->hdr));
}

PG_FUNCTION_INFO_V1(siko_cooperation_counts_bcombine);
Datum
siko_cooperation_counts_bcombine(PG_FUNCTION_ARGS)
{
	CountsEO   *a;
	CountsEO   *b;
	void	   *sa;
	void	   *sb;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		(void) counts_arg(fcinfo, 0, &a);
		PG_RETURN_DATUM(EOHPGetRWDatum(&a->hdr));
	}
	sa = counts_arg(fcinfo, 0, &a);
	sb = counts_arg(fcinfo, 1, &b);
	fcinfo->args[0].value = PointerGetDatum(sa);
	fcinfo->args[0].isnull = sa == NULL;
	fcinfo->args[1].value = PointerGetDatum(sb);
	fcinfo->args[1].isnull = sb == NULL;
	a->state = DatumGetPointer(siko_cooperation_counts_combine(fcinfo));
	if (a->flat != NULL)
	{
		pfree(a->flat);
		a->flat = NULL;
	}
	PG_RETURN_DATUM(EOHPGetRWDatum(&a->hdr));
}

PG_FUNCTION_INFO_V1(siko_cooperation_counts_bfinal);
Datum
siko_cooperation_counts_bfinal(PG_FUNCTION_ARGS)
{
	CountsEO   *eo;
	void	   *state = counts_arg(fcinfo, 0, &eo);

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
	fcinfo->args[0].value = PointerGetDatum(state);
	fcinfo->args[0].isnull = state == NULL;
	return siko_cooperation_counts_final(fcinfo);
}
