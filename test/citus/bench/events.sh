#!/usr/bin/env bash
# The register's answers over distributed events against the same on one
# machine: SIKO_CITUS_BENCH_ROWS events (default 2,000,000) over the
# municipalities of the synthetic register, distributed by place over 32
# shards on the two workers, and the same rows in a plain table of the
# local copy.  Best of three runs of each query in one session; the ratio
# distributed / local, and first that of a bare count(*) (what Citus
# itself costs on this machine).  Run by make test-citus with SIKO_CITUS_BENCH=1.
. "$(dirname "$0")/../lib.sh"
rows=${SIKO_CITUS_BENCH_ROWS:-2000000}
mk="CREATE TABLE public.bench_events AS
SELECT i AS id, t.ags AS place, date '2000-01-01' + (i % 9000) AS day
  FROM generate_series(1, $rows) i
  JOIN (SELECT row_number() OVER (ORDER BY p.ags::text) AS n, p.ags FROM siko.partner p WHERE p.ags IS NOT NULL) t
    ON t.n = 1 + i % (SELECT count(*) FROM siko.partner p WHERE p.ags IS NOT NULL)"
qlocal -c "DROP TABLE IF EXISTS public.bench_events" -c "$mk" -c "ANALYZE public.bench_events" >/dev/null
q "$COORD" -c "DROP TABLE IF EXISTS public.bench_events" -c "CREATE TABLE public.bench_events (id int, place siko.ags, day date)" \
	-c "SET citus.shard_count = 32" -c "SET client_min_messages = warning" \
	-c "SELECT create_distributed_table('public.bench_events', 'place')" >/dev/null
# the same rows: copied over from the local copy
qlocal -c "COPY public.bench_events TO STDOUT" | q "$COORD" -c "COPY public.bench_events FROM STDIN"
q "$COORD" -c "ANALYZE public.bench_events" >/dev/null
best() { # FUNCTION SQL: the best of three runs in one session, in ms (the
	# register cache of each backend, and Citus's connections to the workers,
	# kept as an application's pooled sessions keep them)
	$1 -c "SET citus.max_cached_conns_per_worker = 16" -c '\timing on' -c "$2" -c "$2" -c "$2" 2>/dev/null |
		sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -n | sed -n 1p
}
coord() { q "$COORD" "$@"; }
printf '%-18s %12s %14s %7s\n' query "local ms" "distributed ms" ratio
for name in "count(*)" is_member is_covered cooperation_counts; do
	case $name in
		"count(*)") sql="SELECT count(*) FROM public.bench_events" ;;
		is_member) sql="SELECT count(*) FILTER (WHERE siko.is_member('synthetic', place, day)) FROM public.bench_events" ;;
		is_covered) sql="SELECT count(*) FILTER (WHERE siko.is_covered('siko-ruhr', place, day)) FROM public.bench_events" ;;
		cooperation_counts) sql="SELECT siko.cooperation_counts(place, day) FROM public.bench_events" ;;
	esac
	l=$(best qlocal "$sql")
	d=$(best coord "$sql")
	check "$name: the same answer" "$(qlocal -c "$sql")" "$(q "$COORD" -c "$sql")"
	printf '%-18s %12.0f %14.0f %6.2fx\n' "$name" "$l" "$d" "$(awk -v l="$l" -v d="$d" 'BEGIN { print d / l }')"
done
qlocal -c "DROP TABLE public.bench_events" >/dev/null
q "$COORD" -c "DROP TABLE public.bench_events" >/dev/null
finish
