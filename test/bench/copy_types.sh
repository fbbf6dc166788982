#!/usr/bin/env bash
# test/bench/copy_types.sh: how fast COPY reads siko's types, beside date and int8.
#
# A benchmark, not a test: `make bench-copy` runs it against a throwaway
# cluster (see test/run.sh).  To run it against a server of your own:
#
#   PGDATABASE=db SIKO_BENCH_DIR=dir bash test/bench/copy_types.sh
#
# where db has siko installed, you may COPY from server files (superuser or
# pg_read_server_files) and dir is a directory on the server's machine that
# the server can read.  It writes one input file per type into dir (10
# million rows each: SIKO_BENCH_ROWS), then times COPY FROM of each file
# into an unlogged one-column table, SIKO_BENCH_REPS (3) rounds, each round
# over every type in turn, and prints the median time of each type and its
# ratio to date.  A siko type that the installed version lacks is left out.
#
# The inputs:
#   int8                 numbers up to 10^12
#   date                 days of 1990-2029, in ISO form
#   siko.ags             the keys of the Destatis municipality register
#                        (test/data): 8-digit Gemeinde keys, 5-digit Kreis keys,
#                        Regierungsbezirk and Land keys, in their share there
#   siko.fuzzydate       the same days; one in four in another EDTF form
#                        (month, year, qualifier, season, one-of-a-range)
#   siko.fuzzydate, days the same input as date
#   siko.period          start/end: the fuzzydate mix, a later day or ".."
set -eu -o pipefail

rows=${SIKO_BENCH_ROWS:-10000000}
reps=${SIKO_BENCH_REPS:-3}
dir=${SIKO_BENCH_DIR:?set SIKO_BENCH_DIR to a directory the server can read}
top=$(cd "$(dirname "$0")/../.." && pwd -P)
psql() { PGOPTIONS="-c client_min_messages=warning" command psql -X -q -v ON_ERROR_STOP=1 "$@"; }

have_type() {
	[ "$(psql -A -t -c "SELECT pg_catalog.to_regtype('$1') IS NOT NULL")" = t ]
}

# The days 1990-01-01 .. 2029-12-31 as an awk array d[0..nd-1], visited in a
# scattered order (i * 7919 modulo a prime larger than the count).
AWK_DAYS='
function pad(n) { return (n < 10 ? "0" : "") n }
function days_init(   y, m, dd, ml) {
	split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " ")
	nd = 0
	for (y = 1990; y <= 2029; y++)
		for (m = 1; m <= 12; m++)
			for (dd = 1; dd <= ml[m] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)); dd++)
				d[nd++] = y "-" pad(m) "-" pad(dd)
}
function day(i) { return d[(i * 7919) % 14621 % nd] }
function fuzzy(i,   k, s, e) {
	k = i % 32
	s = day(i)
	if (k < 24) return s
	if (k == 24) return substr(s, 1, 7)
	if (k == 25) return substr(s, 1, 4)
	if (k == 26) return s "?"
	if (k == 27) return substr(s, 1, 7) "~"
	if (k == 28) return substr(s, 1, 4) "-2" (1 + i % 4)
	if (k == 29) { e = d[((i * 7919) % 14621 % nd + 6) % nd]; return (e > s) ? "[" s ".." e "]" : s }
	if (k == 30) return "[.." s "]"
	return substr(s, 1, 3) "X"
}
'

gen() { # TYPE FILE
	local n=$rows
	case $1 in
		int8) awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "%d\n", (i * 104729) % 999999999989 }' ;;
		date | fuzzydate-days) awk -v n="$n" "$AWK_DAYS"'BEGIN { days_init(); for (i = 0; i < n; i++) print day(i) }' ;;
		fuzzydate) awk -v n="$n" "$AWK_DAYS"'BEGIN { days_init(); for (i = 0; i < n; i++) print fuzzy(i) }' ;;
		period) awk -v n="$n" "$AWK_DAYS"'BEGIN { days_init()
			for (i = 0; i < n; i++) {
				s = fuzzy(i); k = i % 3
				if (k == 0) { print s "/.."; continue }
				e = d[((i * 7919) % 14621 % nd + 400 + i % 1000) % nd]
				print (e > s && substr(s, 1, 1) != "[") ? s "/" e : s "/.."
			} }' ;;
		ags) tail -n +2 "$top/test/data/gemeindeverzeichnis.csv" | awk -F, -v n="$n" '
			$1 == 10 { k[m++] = $3 }
			$1 == 20 { k[m++] = $3 $4 }
			$1 == 40 { k[m++] = $3 $4 $5 }
			$1 == 60 { k[m++] = $3 $4 $5 $7 }
			END { for (i = 0; i < n; i++) print k[(i * 7919) % m] }' ;;
	esac >"$2"
}

# name, SQL type, input
cases=("int8|pg_catalog.int8|int8" "date|pg_catalog.date|date")
have_type siko.ags && cases+=("siko.ags|siko.ags|ags")
if have_type siko.fuzzydate; then
	cases+=("siko.fuzzydate|siko.fuzzydate|fuzzydate" "siko.fuzzydate, days only|siko.fuzzydate|fuzzydate-days")
fi
have_type siko.period && cases+=("siko.period|siko.period|period")
for t in siko.ags siko.fuzzydate siko.period; do
	have_type "$t" || echo "($t is not in this build: left out)"
done

echo "== generating $rows rows per input in $dir"
for c in "${cases[@]}"; do
	IFS='|' read -r name type input <<<"$c"
	f=$dir/$input.txt
	[ -s "$f" ] || gen "$input" "$f"
	chmod 644 "$f"
done

i=0
for c in "${cases[@]}"; do
	IFS='|' read -r name type input <<<"$c"
	psql -c "DROP TABLE IF EXISTS bench_copy_$i; CREATE UNLOGGED TABLE bench_copy_$i (v $type)"
	i=$((i + 1))
done

declare -A times
echo "== COPY FROM, $reps rounds"
for r in $(seq "$reps"); do
	i=0
	for c in "${cases[@]}"; do
		IFS='|' read -r name type input <<<"$c"
		psql -c "TRUNCATE bench_copy_$i" -c "CHECKPOINT"
		ms=$(psql -c '\timing on' -c "COPY bench_copy_$i FROM '$dir/$input.txt'" |
			sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
		[ -n "$ms" ] || { echo "COPY of $name gave no time"; exit 1; }
		times[$i]="${times[$i]:-} $ms"
		printf '  round %d  %-28s %10.0f ms\n' "$r" "$name" "$ms"
		i=$((i + 1))
	done
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
date_ms=$(median <<<"${times[1]}")

echo
echo "COPY FROM of $rows rows into an unlogged table (median of $reps; PostgreSQL $(psql -A -t -c 'SHOW server_version'))"
printf '%-28s %12s %12s %14s\n' type "median (s)" "rows/s" "ratio to date"
i=0
for c in "${cases[@]}"; do
	IFS='|' read -r name type input <<<"$c"
	m=$(median <<<"${times[$i]}")
	awk -v name="$name" -v m="$m" -v d="$date_ms" -v n="$rows" \
		'BEGIN { printf "%-28s %12.2f %12.0f %13.2fx\n", name, m / 1000, n / (m / 1000), m / d }'
	psql -c "DROP TABLE bench_copy_$i"
	i=$((i + 1))
done
echo "(goal: siko's types at most 1.30x of date)"
