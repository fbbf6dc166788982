#!/usr/bin/env bash
# siko.period_agg and siko.cooperation_counts executed in parallel workers
# give what they give serially: the partial states are serialized by the
# workers, deserialized and combined by the leader.  psql runs the queries
# directly, because PostgreSQL never runs a query read through a cursor in
# parallel (so pgTAP's results_eq cannot check this); EXPLAIN ANALYZE shows
# that workers were launched.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"
sql() { "$SIKO_BINDIR/psql" -X -A -t -q -v ON_ERROR_STOP=1 -c "$1"; }
PARALLEL="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0;
	SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
SERIAL="SET max_parallel_workers_per_gather = 0;"

sql "SELECT siko.load_register('siko-ruhr'), siko.load_register('herne-bochum')" >/dev/null
sql "CREATE TABLE par_periods AS
	 SELECT (CASE g % 4 WHEN 0 THEN '2019-03/..' WHEN 1 THEN '[2018..2019-06-30]/2022-XX'
					   WHEN 2 THEN '2020-05-04/2021-01-01' ELSE '2021~/' END)::siko.period AS p
	   FROM generate_series(1, 40000) g;
	 CREATE TABLE par_events AS
	 SELECT t.ags, DATE '2019-01-01' + (g * 7 + t.n) % 2500 AS day
	   FROM (SELECT ags, row_number() OVER (ORDER BY ags)::integer AS n FROM siko.territory
			  WHERE level = 'gemeinde') AS t, generate_series(1, 100) g;
	 ANALYZE par_periods; ANALYZE par_events;"

check() { # NAME QUERY: the same answer serially and in parallel, with workers launched
	local plan serial parallel
	plan=$(sql "$PARALLEL EXPLAIN (ANALYZE, COSTS OFF) $2")
	grep -q -E 'Workers Launched: [1-9]' <<<"$plan" ||
		{ echo "$plan"; echo "FAIL: $1: no parallel workers were launched"; exit 1; }
	grep -q -E 'Partial (Group|Hash)?Aggregate' <<<"$plan" || { echo "$plan"; echo "FAIL: $1: no partial aggregation"; exit 1; }
	serial=$(sql "$SERIAL $2" | tr -d '{}' | tr ',' '\n' | sort | md5sum)
	parallel=$(sql "$PARALLEL $2" | tr -d '{}' | tr ',' '\n' | sort | md5sum)
	[ "$serial" = "$parallel" ] || { echo "FAIL: $1: serially and in parallel the answers differ"; exit 1; }
	echo "ok: $1: the same answer in $(grep -o -E 'Workers Launched: [0-9]+' <<<"$plan" | head -1 | cut -d' ' -f3) parallel workers as serially"
}
check period_agg "SELECT siko.period_agg(p) FROM par_periods"
check cooperation_counts "SELECT siko.cooperation_counts(e.ags, e.day) FROM par_events e"
check "cooperation_counts by year" "SELECT date_part('year', e.day), siko.cooperation_counts(e.ags, e.day) FROM par_events e GROUP BY 1 ORDER BY 1"
# the parallel answer is also the right one: the counts of cooperations_of
[ "$(sql "$PARALLEL SELECT siko.cooperation_counts(e.ags, e.day)::text FROM par_events e")" = \
  "$(sql "SELECT array_agg(ROW(x.code, x.n)::siko.cooperation_count ORDER BY x.code COLLATE \"C\")::text
	FROM (SELECT c.code, count(*) AS n FROM par_events e, unnest(siko.cooperations_of(e.ags, e.day)) AS c(code)
		   GROUP BY c.code) AS x")" ] || { echo "FAIL: cooperation_counts in parallel differs from cooperations_of"; exit 1; }
echo "ok: cooperation_counts in parallel equals unnest(cooperations_of) grouped by code"
