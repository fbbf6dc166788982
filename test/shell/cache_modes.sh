#!/usr/bin/env bash
# The register's as-of answers are the same whether a cooperation is
# cached or answered by probes of the register's indexes (a block larger
# than siko.cache_memory): every as-of function, for the current state and
# as known on a past moment, over a synthetic register of a few hundred
# accessions with fuzzy periods, districts and several accessions per
# partner; with siko.cache_memory at its default, at 0 (nothing cached),
# at 2kB (the small cooperations cached, the large ones probed) and at 8kB
# (every cooperation cached for is_member and is_covered, the accessions
# of the large ones read for each call of a function that lists them).  The
# register's pgTAP suites and test/shell/register_cache.sh (a commit seen by
# the next statement of another session, REPEATABLE READ keeping its
# snapshot) pass with nothing cached.  A cooperation not cached says so in
# one LOG line; siko.cache_status() shows what a connection holds.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"
psql() { "$SIKO_BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
fail=0
check() {	# name expected got
	if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "not ok - $1: expected '$2', got '$3'"; fail=1; fi
}

here=$(cd "$(dirname "$0")/../.." && pwd)
psql -f "$here/test/shell/cache_register.sql" >/dev/null
moment=$(psql -c "SELECT pg_catalog.clock_timestamp()")
sleep 0.2
# a later change: the past moment must still be answered as it was
psql <<'SQL' >/dev/null
DELETE FROM siko.accession WHERE id IN (SELECT id FROM siko.accession ORDER BY id LIMIT 40);
UPDATE siko.accession SET period = '2016/..' WHERE id IN (SELECT id FROM siko.accession WHERE period::text LIKE '%/..' ORDER BY id LIMIT 20);
SQL

# every answer of every as-of function, in order, as one md5
answers() {	# known_on (a timestamptz, or empty)
	psql -v k="$1" -f "$here/test/shell/cache_answers.sql"
}
export PGOPTIONS=""
now_cached=$(answers "")
then_cached=$(answers "$moment")
for mem in 0 2kB 8kB; do
	export PGOPTIONS="-c siko.cache_memory=$mem"
	check "current state with siko.cache_memory = $mem" "$now_cached" "$(answers "")"
	check "as known on a past moment with siko.cache_memory = $mem" "$then_cached" "$(answers "$moment")"
done
unset PGOPTIONS

# one LOG line per cooperation not cached, or cached without its accessions
log=$(psql -c "SET siko.cache_memory = 2; SET client_min_messages = log;
			   SELECT siko.is_member('mode-6', '05111000', '2020-01-01');
			   SELECT siko.is_member('mode-6', '05111000', '2020-01-02');" 2>&1 | grep -c 'LOG:  siko: cooperation "mode-6" is not cached' || true)
check "one LOG line for a cooperation not cached" 1 "$log"
log=$(psql -c "SET siko.cache_memory = 8; SET client_min_messages = log;
			   SELECT siko.is_member('mode-6', '05111000', '2020-01-01');
			   SELECT count(*) FROM siko.members_as_of('mode-6', '2020-01-01');
			   SELECT count(*) FROM siko.covered_by('mode-6', '05111000', '2020-01-01');" 2>&1)
check "one LOG line for a cooperation cached without its accessions" "1 0" \
	"$(printf '%s\n' "$log" | grep -c 'LOG:  siko: the accessions of cooperation "mode-6" are not cached' || true) $(printf '%s\n' "$log" | grep -c 'is not cached' || true)"
log=$(psql -c "SET siko.cache_memory = 0; SET client_min_messages = log;
			   SELECT siko.cooperations_of('05111000', '2020-01-01');" 2>&1 | grep -c 'LOG:  siko: the index of all cooperations is not cached' || true)
check "one LOG line for the index of all cooperations not cached" 1 "$log"

# siko.cache_status() shows what the connection holds: blocks of its own,
# or shared ones when the server preloads siko (and on PostgreSQL 17 and
# later always, through the named DSM registry)
m=private
case "$(psql -c "SHOW shared_preload_libraries")" in *siko*) m=shared ;; esac
[ "$(psql -c "SHOW server_version_num")" -lt 170000 ] || m=shared
st=$(psql -c "SELECT siko.is_member('mode-1', '05111000', '2020-01-01');
	SET siko.cache_memory = 0;
	SELECT siko.is_member('mode-6', '05111000', '2020-01-01');
	RESET siko.cache_memory;
	SELECT siko.cooperations_of('05111000', '2020-01-01');
	SELECT string_agg(format('%s %s %s %s %s', coalesce(cooperation, '*'), mode, bytes > 0,
							 register_version = (SELECT version FROM siko.register_version),
							 built_at <= pg_catalog.clock_timestamp() AND build_ms >= 0), ', ' ORDER BY cooperation NULLS FIRST)
	  FROM siko.cache_status() WHERE known_on IS NULL;" | tail -1)
check "cache_status: one cached, one probing, the index" "* $m t t t, mode-1 $m t t t, mode-6 probing f t t" "$st"
# the whole block beside the small one once a function lists the accessions
st=$(psql -c "SELECT siko.is_member('mode-1', '05111000', '2020-01-01');
	CREATE TEMP TABLE b AS SELECT bytes FROM siko.cache_status() WHERE cooperation = 'mode-1' AND known_on IS NULL;
	SELECT count(*) FROM siko.members_as_of('mode-1', '2020-01-01');
	SELECT s.bytes > 2 * b.bytes FROM siko.cache_status() s, b WHERE s.cooperation = 'mode-1' AND s.known_on IS NULL;" | tail -1)
check "cache_status: the whole block beside the small one" t "$st"
st=$(psql -c "SELECT count(*) FROM siko.members_as_of('mode-1', '2020-01-01', now() - interval '1 second');
	SELECT count(*) FROM siko.cache_status() WHERE known_on IS NOT NULL AND cooperation = 'mode-1' AND register_version IS NULL;" | tail -1)
check "cache_status: a cooperation as known on a moment" 1 "$st"

# the register's pgTAP suites with nothing cached, in a database of their own
if command -v pg_prove >/dev/null 2>&1; then
	db="${PGDATABASE}_tap"
	psql -d postgres -c "DROP DATABASE IF EXISTS \"$db\"" -c "CREATE DATABASE \"$db\""
	PGOPTIONS='-c client_min_messages=warning' psql -d "$db" -c "CREATE EXTENSION siko CASCADE"
	for f in register cooperation_counts history keeping; do
		out=$(PGOPTIONS="-c siko.cache_memory=0" pg_prove -d "$db" "$here/test/pgtap/$f.sql" 2>&1) || true
		check "test/pgtap/$f.sql with siko.cache_memory = 0" "Result: PASS" "$(printf '%s\n' "$out" | tail -1)"
		[ "$fail" = 0 ] || printf '%s\n' "$out" | grep -v '^ok' | head -20
	done
	# a change committed in one session is seen by the next statement of another,
	# and a REPEATABLE READ transaction keeps its snapshot, with nothing cached
	out=$(PGOPTIONS="-c siko.cache_memory=0" PGDATABASE="$db" bash "$here/test/shell/register_cache.sh" 2>&1) || true
	check "test/shell/register_cache.sh with siko.cache_memory = 0" "" "$(printf '%s\n' "$out" | grep -v '^ok' || true)"
	psql -d postgres -c "DROP DATABASE \"$db\""
fi
exit $fail
