#!/usr/bin/env bash
# The register as Citus reference tables: distributed by
# siko.distribute_register(), read on every node from that node's
# placement, its answers the same as those of a local copy; changed through
# the coordinator only, with one system time on every node.
#
# The database of test/upgrade/data.sql (both shipped registers, a
# synthetic register with a history of changes, 1000 events) is loaded
# into the coordinator and into the local copy; on the cluster the register
# is distributed and the events are distributed by place over 32 shards.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
q "$COORD" -f "$top/test/upgrade/data.sql" >/dev/null
qlocal -f "$top/test/upgrade/data.sql" >/dev/null
check "siko.distribute_register() converts 12 tables" 12 "$(q "$COORD" -c "SELECT count(*) FROM siko.distribute_register()")"
check "every register table is a reference table" 12 \
	"$(q "$COORD" -c "SELECT count(*) FROM pg_dist_partition WHERE partmethod = 'n' AND repmodel = 't' AND logicalrelid::regclass::text LIKE 'siko.%'")"
check "a placement of each on all three nodes" 36 \
	"$(q "$COORD" -c "SELECT count(*) FROM pg_dist_placement p JOIN pg_dist_shard s USING (shardid) WHERE s.logicalrelid::regclass::text LIKE 'siko.%'")"
check "a second call changes nothing" 0 "$(q "$COORD" -c "SELECT count(*) FROM siko.distribute_register()" 2>/dev/null)"
q "$COORD" -c "ALTER TABLE public.events DROP CONSTRAINT events_pkey" -c "SET citus.shard_count = 32" \
	-c "SET client_min_messages = warning" -c "SELECT create_distributed_table('public.events', 'place')" >/dev/null

# every answer, on every node, the same as the local copy's: the questions
# of the upgrade test (but for count_members over ARRAY(SELECT ...) of the
# events, which Citus answers shard by shard: test/citus/questions.sql asks
# it so that Citus collects the array first), and those of test/citus
grep -v 'count_members' "$top/test/upgrade/questions.sql" >"$TMPDIR_CITUS/questions.sql"
cat "$top/test/citus/questions.sql" >>"$TMPDIR_CITUS/questions.sql"
qlocal -f "$TMPDIR_CITUS/questions.sql" >"$TMPDIR_CITUS/local" 2>&1 || true
check "the local copy answers every question" 0 "$(grep -c ERROR "$TMPDIR_CITUS/local")"
for port in $SIKO_CITUS_PORTS; do
	q "$port" -f "$TMPDIR_CITUS/questions.sql" >"$TMPDIR_CITUS/node$port" 2>&1 || true
	if cmp -s "$TMPDIR_CITUS/local" "$TMPDIR_CITUS/node$port"; then
		check "the answers of port $port ($(wc -l <"$TMPDIR_CITUS/local") lines) are the local copy's" same same
	else
		check "the answers of port $port are the local copy's" same differ
		diff -u "$TMPDIR_CITUS/local" "$TMPDIR_CITUS/node$port" | head -n 30
	fi
done
check "the events are in 32 shards" 32 "$(q "$COORD" -c "SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'public.events'::regclass")"
check "the as-of functions go down to the workers" 1 \
	"$(q "$COORD" -c "EXPLAIN SELECT count(*) FROM public.events WHERE siko.is_member('synthetic', place, '2015-06-01')" | grep -c 'Task Count: 32')"

check "siko.cooperation_counts combines in the workers (a partial aggregate per shard)" 1 \
	"$(q "$COORD" -c "EXPLAIN (COSTS OFF) SELECT siko.cooperation_counts(place, '2015-06-01') FROM public.events" |
		tr '\n' ' ' | grep -c 'Task Count: 32 .*->  Aggregate')"
# siko's planner hook on the workers: once a worker's connection has loaded
# siko (the first run), cooperation_counts_partial instead of Citus's wrapper
check "the workers run siko.cooperation_counts_partial, not Citus's generic wrapper" 1 \
	"$(q "$COORD" -c "SELECT siko.cooperation_counts(place, '2015-06-01') FROM public.events" \
		-c "EXPLAIN (VERBOSE, COSTS OFF) SELECT siko.cooperation_counts(place, '2015-06-01') FROM public.events" |
		grep -c 'Output: siko.cooperation_counts_partial(')"

# a session of each worker answers, then a new partner (a municipality of
# the territory that is none yet) joins through the coordinator, then the
# same sessions answer again
ags=$(q "$COORD" -c "SELECT t.ags FROM siko.territory t WHERE t.level OPERATOR(pg_catalog.=) siko.ags_level('05562020')
	AND NOT EXISTS (SELECT FROM siko.partner p WHERE p.ags OPERATOR(siko.=) t.ags) ORDER BY t.ags::text DESC LIMIT 1")
ask="SELECT 'answer ' || siko.is_member('siko-ruhr', '$ags', '2025-06-01')::text;"
# (each session waits between its two questions until the change is made)
declare -A pid
for port in $WORKERS; do
	printf '%s\n\\! while [ ! -f %s ]; do sleep 0.2; done\n%s\n' "$ask" "$TMPDIR_CITUS/changed" "$ask" |
		q "$port" >"$TMPDIR_CITUS/out$port" 2>&1 &
	pid[$port]=$!
done
for port in $WORKERS; do
	for i in $(seq 1 100); do grep -q '^answer' "$TMPDIR_CITUS/out$port" && break; sleep 0.2; done
done
# (one transaction: one moment)
q "$COORD" -c "SELECT siko.add_partner('Bottrop', 'city', '$ags'); SELECT siko.add_accession('siko-ruhr', 'Bottrop', '2024-01-01/..')" >/dev/null
touch "$TMPDIR_CITUS/changed"
for port in $WORKERS; do
	wait "${pid[$port]}" || true
	check "an open session of port $port sees Bottrop join at its next statement" "answer false,answer true" \
		"$(grep '^answer' "$TMPDIR_CITUS/out$port" | paste -sd,)"
done
check "one version of Bottrop's accession, the same moment on every node" 1 \
	"$(for port in $SIKO_CITUS_PORTS; do q "$port" -c "SELECT a.recorded_from, a.recorded_change FROM siko.accession_history a JOIN siko.partner p ON p.id = a.partner_id WHERE p.name = 'Bottrop'"; done | sort -u | wc -l)"
check "one moment for the whole transaction: the accession recorded with the partner" 1 \
	"$(q "$COORD" -c "SELECT count(DISTINCT recorded_from) FROM (SELECT recorded_from FROM siko.accession_history a JOIN siko.partner p ON p.id = a.partner_id WHERE p.name = 'Bottrop' UNION ALL SELECT recorded_from FROM siko.partner_history WHERE name = 'Bottrop') v" | tr -d ' ')" 
known="SELECT siko.is_member('siko-ruhr', '$ags', '2025-06-01', (SELECT max(recorded_from) FROM siko.partner_history) - interval '1 microsecond')::text || ' ' || siko.is_member('siko-ruhr', '$ags', '2025-06-01', (SELECT max(recorded_from) FROM siko.accession_history))::text"
for port in $SIKO_CITUS_PORTS; do
	check "known_on before and at the change on port $port" "false true" "$(q "$port" -c "$known")"
done

# the rules once, through the coordinator: an overlapping accession refused
out=$(q "$COORD" -c "SELECT siko.add_accession('siko-ruhr', 'Bottrop', '2024-06-01/..')" 2>&1 || true)
check "an overlapping accession is refused on the coordinator" 1 "$(grep -c 'ERROR: .*may overlap another one' <<<"$out")"
# the overlap race: two sessions of the coordinator, each in an open
# transaction, add accessions of one partner that may overlap; one wins.
# The other is refused with 23P01 when its check waited for the winner,
# or with 40P01 when the two checks waited for each other on different
# nodes and Citus's distributed deadlock detection cancelled one (an error
# a PL/pgSQL handler cannot catch, so the SQLSTATE is read from psql)
race() { # PERIOD N: add it, wait a moment, commit; print the SQLSTATE or OK
	if printf '%s\n' '\set VERBOSITY verbose' 'BEGIN;' \
		"SELECT siko.add_accession('herne-bochum', 'Bottrop', '$1');" \
		'SELECT pg_catalog.pg_sleep(1);' 'COMMIT;' | q "$COORD" >"$TMPDIR_CITUS/race-$2.log" 2>&1; then
		echo OK
	else
		sed -n 's/.*ERROR:  \([0-9A-Z]\{5\}\): .*/\1/p' "$TMPDIR_CITUS/race-$2.log" | head -n 1
	fi
}
race '2024/2025' 1 >"$TMPDIR_CITUS/race1" &
race '2025/..' 2 >"$TMPDIR_CITUS/race2" &
wait
outcome=$(cat "$TMPDIR_CITUS/race1" "$TMPDIR_CITUS/race2" | sort | paste -sd' ')
case $outcome in
	"23P01 OK" | "40P01 OK") check "the overlap race: one wins, the other is refused ($outcome)" "$outcome" "$outcome" ;;
	*)	check "the overlap race: one wins, the other is refused" "23P01 OK or 40P01 OK" "$outcome"
		cat "$TMPDIR_CITUS/race-1.log" "$TMPDIR_CITUS/race-2.log" ;;
esac
check "the winner's accession on every node" "1 1 1" \
	"$(for port in $SIKO_CITUS_PORTS; do q "$port" -c "SELECT count(*) FROM siko.members_as_of('herne-bochum', '2025-06-01') WHERE partner = 'Bottrop'"; done | paste -sd' ')"
# a change on a worker: refused
for port in $WORKERS; do
	out=$(q "$port" -c "DELETE FROM siko.accession WHERE partner_id = (SELECT id FROM siko.partner WHERE name = 'Bottrop')" 2>&1 || true)
	check "a change on port $port is refused" 1 "$(grep -c 'changed through the Citus coordinator only' <<<"$out")"
done
check "Bottrop still a member on every node" "t t t" \
	"$(for port in $SIKO_CITUS_PORTS; do q "$port" -c "SELECT siko.is_member('siko-ruhr', '$ags', '2025-06-01')"; done | paste -sd' ')"
finish
