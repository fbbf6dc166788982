/*
 * register_citus.c
 *		The register on a Citus node: the placement of each reference table
 *		on this node, the table a placement belongs to, the system time of
 *		the distributed transaction, and the refusal of writes that do not
 *		come from the coordinator.
 *
 * siko.distribute_register() makes every register table a Citus reference
 * table: its rows live in one placement on every node, a table named
 * <table>_<shardid> (its indexes <index>_<shardid>), while the table of the
 * extension is left empty on the workers and stale on the coordinator.
 * Citus's metadata says which shard a table has and which nodes hold it
 * (pg_dist_shard, pg_dist_placement, pg_dist_local_group); they are read
 * here with plain scans, without SPI and without Citus's headers, so siko
 * neither links with Citus nor needs it.  register_rel.c keeps what is
 * found until its next flush, which a relcache invalidation of the table
 * or of the placement causes (Citus sends one for the table whenever its
 * metadata changes).
 */
#include "register.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_namespace_d.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "parser/parse_relation.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

/* Citus's metadata table 'name' of pg_catalog, InvalidOid without Citus */
static Oid
citus_catalog(const char *name)
{
	if (!OidIsValid(get_extension_oid("citus", true)))
		return InvalidOid;
	return get_relname_relid(name, PG_CATALOG_NAMESPACE);
}

/*
 * Scan Citus's metadata table 'name' for the rows whose column col equals
 * key (an int8, int4 or oid, as int64; col NULL: every row); return column
 * outcol of the first such row in *out.  The number of rows found, -1
 * without Citus.
 */
static int
citus_lookup(const char *name, const char *col, int64 key,
			 const char *outcol, int64 *out)
{
	Oid			relid = citus_catalog(name);
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	AttrNumber	keyatt,
				outatt = InvalidAttrNumber;
	Oid			keytype;
	int			n = 0;

	if (!OidIsValid(relid))
		return -1;
	rel = table_open(relid, AccessShareLock);
	keyatt = col != NULL ? attnameAttNum(rel, col, false) : InvalidAttrNumber;
	keytype = keyatt > 0 ? TupleDescAttr(RelationGetDescr(rel), keyatt - 1)->atttypid : InvalidOid;
	if (outcol != NULL)
		outatt = attnameAttNum(rel, outcol, false);
	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		bool		isnull;
		Datum		d;
		int64		v;

		if (keyatt > 0)
		{
			d = heap_getattr(tup, keyatt, RelationGetDescr(rel), &isnull);
			if (isnull)
				continue;
			v = keytype == INT8OID ? DatumGetInt64(d) :
				keytype == INT4OID ? DatumGetInt32(d) : (int64) DatumGetObjectId(d);
			if (v != key)
				continue;
		}
		if (n++ == 0 && outatt > 0)
		{
			Form_pg_attribute a = TupleDescAttr(RelationGetDescr(rel), outatt - 1);

			d = heap_getattr(tup, outatt, RelationGetDescr(rel), &isnull);
			*out = isnull ? 0 : a->atttypid == INT8OID ? DatumGetInt64(d) :
				a->atttypid == INT4OID ? DatumGetInt32(d) : (int64) DatumGetObjectId(d);
		}
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return n;
}

/* this node's group: 0 on the coordinator; -1 without Citus */
static int64
citus_local_group(void)
{
	int64		group = -1;

	if (citus_lookup("pg_dist_local_group", NULL, 0, "groupid", &group) <= 0)
		return -1;
	return group;
}

/*
 * The placement on this node of a register table or index (an index of a
 * placement is the index's name with the shard's id), or relid itself when
 * the table is not a Citus table.  A Citus table without a placement here
 * is an error: its rows are elsewhere.
 */
Oid
siko_citus_placement(Oid relid)
{
	Oid			table;
	int64		shardid = 0;
	int64		group;
	char	   *name;
	Oid			placement;

	if (!OidIsValid(relid) || !OidIsValid(citus_catalog("pg_dist_shard")))
		return relid;
	table = get_rel_relkind(relid) == RELKIND_INDEX ? IndexGetRelation(relid, false) : relid;
	if (citus_lookup("pg_dist_shard", "logicalrelid", table, "shardid", &shardid) <= 0)
		return relid;
	group = citus_local_group();
	name = psprintf("%s_" INT64_FORMAT, get_rel_name(relid), shardid);
	placement = get_relname_relid(name, get_rel_namespace(relid));
	if (!OidIsValid(placement) || !siko_citus_placement_here(shardid, group))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the register table \"siko.%s\" has no placement on this node", get_rel_name(table)),
				 errdetail("siko reads the register from this node's placement of the Citus reference table (%s), which is missing.", name),
				 errhint("Put the coordinator into Citus's metadata with citus_set_coordinator_host() before siko.distribute_register(), or copy the reference tables to every node with SELECT replicate_reference_tables();")));
	return placement;
}

/* does pg_dist_placement list shard shardid on group 'group'? */
bool
siko_citus_placement_here(int64 shardid, int64 group)
{
	Oid			relid = citus_catalog("pg_dist_placement");
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	AttrNumber	sa,
				ga;
	bool		found = false;

	if (!OidIsValid(relid))
		return false;
	rel = table_open(relid, AccessShareLock);
	sa = attnameAttNum(rel, "shardid", false);
	ga = attnameAttNum(rel, "groupid", false);
	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while (!found && HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		bool		n1,
					n2;
		Datum		s = heap_getattr(tup, sa, RelationGetDescr(rel), &n1);
		Datum		g = heap_getattr(tup, ga, RelationGetDescr(rel), &n2);

		found = !n1 && !n2 && DatumGetInt64(s) == shardid && DatumGetInt32(g) == group;
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return found;
}

/*
 * The Citus table whose placement relid is (siko.cooperation for
 * siko.cooperation_102008), or relid itself.
 */
Oid
siko_citus_table(Oid relid)
{
	const char *name = get_rel_name(relid);
	const char *us = name != NULL ? strrchr(name, '_') : NULL;
	int64		shardid;
	int64		table = InvalidOid;
	char	   *end;

	if (us == NULL || us[1] == '\0' || !OidIsValid(citus_catalog("pg_dist_shard")))
		return relid;
	errno = 0;
	shardid = strtoi64(us + 1, &end, 10);
	if (*end != '\0' || errno != 0 ||
		citus_lookup("pg_dist_shard", "shardid", shardid, "logicalrelid", &table) <= 0 ||
		get_rel_name((Oid) table) == NULL ||
		strcmp(psprintf("%s_" INT64_FORMAT, get_rel_name((Oid) table), shardid), name) != 0)
		return relid;
	return (Oid) table;
}

/*
 * The Citus transaction this backend is in: the node group that began it
 * into *initiator (this node's own outside one) and its moment into
 * *stamp; false outside one or without Citus (group -1).
 */
static bool
citus_xact(int64 *initiator, TimestampTz *stamp)
{
	int64		group = citus_local_group();
	bool		found = false;

	*initiator = group;
	if (group < 0)
		return false;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute("SELECT initiator_node_identifier, transaction_stamp"
					" FROM pg_catalog.get_current_transaction_id()"
					" WHERE transaction_number OPERATOR(pg_catalog.<>) 0", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed");
	if (SPI_processed == 1)
	{
		bool		n1,
					n2;
		Datum		i = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &n1);
		Datum		t = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &n2);

		if (!n1 && !n2)
		{
			*initiator = DatumGetInt32(i);
			*stamp = DatumGetTimestampTz(t);
			found = true;
		}
	}
	SPI_finish();
	return found;
}

/*
 * In a Citus transaction: its system time (the moment the coordinator
 * began it, the same on every node) into *stamp, true; false outside one
 * (or without Citus).
 */
bool
siko_citus_write_time(TimestampTz *stamp)
{
	int64		initiator;

	return citus_xact(&initiator, stamp);
}

/*
 * siko.register_write_check(): the statement trigger, BEFORE any change
 * of a register table, that refuses a change another node than the
 * coordinator began: the rules, the ids and the history are kept through
 * the coordinator.  Without Citus it does nothing.
 */
PG_FUNCTION_INFO_V1(siko_register_write_check);
Datum
siko_register_write_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	int64		initiator;
	TimestampTz stamp;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("siko.register_write_check() was not called as a trigger"),
				 errdetail("It is the statement trigger of the register tables."),
				 errhint("Do not call it directly.")));
	(void) citus_xact(&initiator, &stamp);
	if (initiator > 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("siko's register is changed through the Citus coordinator only"),
				 errdetail("This change of \"siko.%s\" began on node group " INT64_FORMAT ", not on the coordinator.",
						   get_rel_name(siko_citus_table(RelationGetRelid(td->tg_relation))), initiator),
				 errhint("Connect to the coordinator and make the change there: it applies the register's rules, numbers the rows and records their history once for every node.")));
	return PointerGetDatum(NULL);
}
