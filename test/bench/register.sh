#!/bin/bash
# Benchmark of the register against what plain PostgreSQL does with
# daterange + btree_gist, side by side in one run (not part of make test).
#
#   PGHOST=... PGUSER=... SIKO_BINDIR=... test/bench/register.sh
#
# Creates (and at the end drops) a database siko_bench: the municipality
# keys of test/data/gemeindeverzeichnis.csv, 50 cooperations with 20,000
# accessions each (two per municipality, 1,000,000 in all; dates of day,
# month or year precision), one cooperation of 500 members, and EVENTS
# (default 10,000,000) events (key, day) from 2000 to 2026.  Prints the
# median of RUNS (default 3) runs of each query, and the ratios.
# KEEP=1 keeps the database; REUSE=1 measures on a kept one; NO_UNNEST=1
# leaves out the slow unnest forms over all events (minutes, for reference).
# On PostgreSQL 18 and later the bulk load and the point query also run
# against a daterange table with 18's temporal primary key (WITHOUT
# OVERLAPS); on 18 in a chroot: make bench-versions (test/versions.sh).
set -eu
BIN="${SIKO_BINDIR:-}"
[ -n "$BIN" ] && BIN="$BIN/"
EVENTS=${EVENTS:-10000000}
RUNS=${RUNS:-3}
PGB_SECONDS=${PGB_SECONDS:-20}
DB=siko_bench
HERE=$(cd "$(dirname "$0")/../.." && pwd)
PSQL="${BIN}psql -X -q -At -v ON_ERROR_STOP=1 -d $DB"
TMP=$(mktemp -d)
chmod 755 "$TMP"
trap 'rm -rf "$TMP"; [ -n "${KEEP:-}${REUSE:-}" ] || "${BIN}dropdb" --if-exists $DB' EXIT

# REUSE=1: measure on the database a run with KEEP=1 left behind
if [ -z "${REUSE:-}" ]; then
"${BIN}dropdb" --if-exists $DB
"${BIN}createdb" $DB
echo "# setting up: $EVENTS events, 1,000,000 accessions (a few minutes)" >&2
$PSQL <<SQL
CREATE EXTENSION siko CASCADE;
CREATE TABLE gv (satzart text, tk text, land text, rb text, kreis text, vb text, gemeinde text,
	name text, f9 text, f10 text, f11 text, f12 text, f13 text, f14 text, f15 text, f16 text,
	f17 text, f18 text, f19 text, f20 text);
\copy gv FROM '$HERE/test/data/gemeindeverzeichnis.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE muni AS
SELECT row_number() OVER (ORDER BY k)::integer AS n, k AS key
  FROM (SELECT DISTINCT land || rb || kreis || gemeinde AS k FROM gv WHERE satzart = '60') s;
SELECT setseed(0.42);

SET session_replication_role = replica;   -- bulk set-up: the rules are satisfied by construction
INSERT INTO siko.partner (id, name, kind, ags)
SELECT n, 'Gemeinde ' || key, 'municipality', key::siko.ags FROM muni;
SELECT setval('siko.partner_id_seq', (SELECT max(id) FROM siko.partner));
INSERT INTO siko.cooperation (id, code, name, founded)
SELECT i, 'coop-' || lpad(i::text, 2, '0'), 'Kooperation ' || i, '1999' FROM generate_series(1, 51) i;
SELECT setval('siko.cooperation_id_seq', 51);

-- in each of the 50 cooperations, 10,000 municipalities with two accessions:
-- one from 2000..2009 to 2011..2012, one from 2014..2019 still running
CREATE FUNCTION pg_temp.fd(d date, r double precision) RETURNS text LANGUAGE sql AS
\$\$ SELECT CASE WHEN r < 0.80 THEN to_char(d, 'YYYY-MM-DD') WHEN r < 0.95 THEN to_char(d, 'YYYY-MM')
				ELSE to_char(d, 'YYYY') END \$\$;
CREATE TABLE acc_src AS
SELECT c, m.n AS partner, k,
	   CASE WHEN k = 1
			THEN pg_temp.fd(date '2000-01-01' + (random() * 3600)::int, random()) || '/' ||
				 pg_temp.fd(date '2011-01-01' + (random() * 700)::int, random())
			ELSE pg_temp.fd(date '2014-01-01' + (random() * 2100)::int, random()) || '/..' END AS period
  FROM generate_series(1, 50) c
  CROSS JOIN LATERAL (SELECT n FROM muni ORDER BY hashint4(n # c * 7919) LIMIT 10000) m
  CROSS JOIN generate_series(1, 2) k;
-- the cooperation of 500 members (coop-51)
INSERT INTO acc_src SELECT 51, n, 1, pg_temp.fd(date '2010-01-01' + (random() * 3000)::int, random()) || '/..'
  FROM muni WHERE n <= 500;
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT c, partner, period::siko.period FROM acc_src;
RESET session_replication_role;

-- plain PostgreSQL: the same register as dateranges of possible membership
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE plain_acc (coop integer NOT NULL, key text NOT NULL, valid daterange NOT NULL,
	EXCLUDE USING gist (coop WITH =, key WITH =, valid WITH &&));
INSERT INTO plain_acc SELECT a.cooperation_id, p.ags::text, siko.possible(a.period)
  FROM siko.accession a JOIN siko.partner p ON p.id = a.partner_id;

CREATE TABLE events (key text, ags siko.ags, day date);
INSERT INTO events SELECT m.key, m.key::siko.ags, g.day
  FROM (SELECT (1 + floor(random() * (SELECT count(*) FROM muni)))::integer AS n,
			   date '2000-01-01' + floor(random() * 9862)::integer AS day
		  FROM generate_series(1, $EVENTS)) g
  JOIN muni m ON m.n = g.n;
CREATE TABLE events_1m AS SELECT * FROM events LIMIT 1000000;
VACUUM ANALYZE;
SQL
fi

# PostgreSQL 18 and later: the same register under the server's own temporal
# primary key (WITHOUT OVERLAPS), beside siko's rule and the exclusion
# constraint.
TEMPORAL=""
[ "$($PSQL -c "SHOW server_version_num")" -lt 180000 ] || TEMPORAL=1
if [ -n "$TEMPORAL" ] && [ -z "${REUSE:-}" ]; then
$PSQL <<SQL
CREATE TABLE temporal_acc (coop integer NOT NULL, key text NOT NULL, valid daterange NOT NULL,
	PRIMARY KEY (coop, key, valid WITHOUT OVERLAPS));
INSERT INTO temporal_acc SELECT coop, key, valid FROM plain_acc;
VACUUM ANALYZE temporal_acc;
SQL
fi

# Median of RUNS timings of one query, in milliseconds.  Each run is a new
# session that runs the query twice and times the second run: siko's cache
# is then warm (as in any session that asks more than once); the cold
# figures (first query of a session, cache built) are printed apart.
timeit() {
	local q="$1" i t
	for i in $(seq "$RUNS"); do
		t=$(printf '%s\n\\timing on\n%s\n' "$q" "$q" | ${BIN}psql -X -At -d $DB 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
		echo "$t"
	done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
timecold() {
	local q="$1" i t
	for i in $(seq "$RUNS"); do
		t=$(printf '\\timing on\n%s\n' "$q" | ${BIN}psql -X -At -d $DB 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
		echo "$t"
	done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
row() {	# label siko_ms plain_ms
	awk -v l="$1" -v s="$2" -v p="$3" 'BEGIN { printf "%-44s %10.1f ms %10.1f ms %8.2fx\n", l, s, p, p / s }'
}
echo
printf '%-44s %13s %13s %9s\n' "query (median of $RUNS)" "siko" "plain SQL" "plain/siko"

bare=$(timeit "SELECT count(*) FROM events;")
mem=$(timeit "SELECT count(*) FROM events e WHERE siko.is_member('coop-01', e.ags, e.day);")
plain=$(timeit "SELECT count(*) FROM events e JOIN plain_acc a ON a.key = e.key AND a.valid @> e.day WHERE a.coop = 1;")
row "count events of members of one cooperation" "$mem" "$plain"
awk -v b="$bare" -v m="$mem" 'BEGIN { printf "%-44s %10.1f ms   (is_member / bare = %.2fx)\n", "  bare count(*) of the events", b, m / b }'
# the floor of any filter on the event's key and day: a built-in one
flt=$(timeit "SELECT count(*) FROM events e WHERE e.ags IS NOT NULL AND e.day > date '1900-01-01';")
awk -v b="$bare" -v f="$flt" -v m="$mem" 'BEGIN { printf "%-44s %10.1f ms   (/ bare = %.2fx; is_member / it = %.2fx)\n", "  built-in filter on the same columns", f, f / b, m / f }'
echo "  answers: siko $($PSQL -c "SELECT count(*) FROM events e WHERE siko.is_member('coop-01', e.ags, e.day)") certain," \
	"plain $($PSQL -c "SELECT count(*) FROM events e JOIN plain_acc a ON a.key = e.key AND a.valid @> e.day WHERE a.coop = 1") possible"

memc=$(timecold "SELECT count(*) FROM events e WHERE siko.is_member('coop-01', e.ags, e.day);")
awk -v m="$memc" 'BEGIN { printf "%-44s %10.1f ms\n", "  is_member, cold (first query of a session)", m }'
cov=$(timeit "SELECT count(*) FROM events e WHERE siko.is_covered('coop-01', e.ags, e.day);")
awk -v b="$bare" -v m="$cov" 'BEGIN { printf "%-44s %10.1f ms   (is_covered / bare = %.2fx)\n", "is_covered, same events", m, m / b }'

co1=$(timeit "SELECT c, count(*) FROM events_1m e CROSS JOIN LATERAL unnest(siko.cooperations_of(e.ags, e.day)) c GROUP BY c;")
plainco1=$(timeit "SET enable_nestloop = off; SELECT a.coop, count(*) FROM events_1m e JOIN plain_acc a ON a.key = e.key AND a.valid @> e.day GROUP BY a.coop;")
row "events per cooperation, all 50 (1M events)" "$co1" "$plainco1"
if [ -z "${NO_UNNEST:-}" ]; then
co=$(timeit "SELECT c, count(*) FROM events e CROSS JOIN LATERAL unnest(siko.cooperations_of(e.ags, e.day)) c GROUP BY c;")
awk -v b="$bare" -v m="$co" 'BEGIN { printf "%-44s %10.1f ms   (cooperations_of / bare = %.2fx)\n", "events per cooperation, all 50 (all events)", m, m / b }'

# the same count with unnest() in the select list (a ProjectSet node
# instead of a function scan per event) and the function alone
cops=$(timeit "SELECT c, count(*) FROM (SELECT unnest(siko.cooperations_of(e.ags, e.day)) AS c FROM events e) s GROUP BY c;")
awk -v b="$bare" -v m="$cops" 'BEGIN { printf "%-44s %10.1f ms   (/ bare = %.2fx)\n", "  the same, unnest in the select list", m, m / b }'
coonly=$(timeit "SELECT sum(pg_catalog.cardinality(siko.cooperations_of(e.ags, e.day))) FROM events e;")
awk -v b="$bare" -v m="$coonly" 'BEGIN { printf "%-44s %10.1f ms   (/ bare = %.2fx)\n", "  cooperations_of alone (sum of cardinality)", m, m / b }'
echo "  rows to aggregate: $($PSQL -c "SELECT sum(pg_catalog.cardinality(siko.cooperations_of(e.ags, e.day))) FROM events e")"
fi

# the same counts by the aggregate siko.cooperation_counts, in one pass
agg1=$(timeit "SELECT count(*) FROM unnest((SELECT siko.cooperation_counts(e.ags, e.day) FROM events_1m e));")
row "events per cooperation, 1M, cooperation_counts" "$agg1" "$plainco1"
agg=$(timeit "SELECT count(*) FROM unnest((SELECT siko.cooperation_counts(e.ags, e.day) FROM events e));")
awk -v b="$bare" -v m="$agg" -v u="${co:-0}" 'BEGIN { printf "%-44s %10.1f ms   (cooperation_counts / bare = %.2fx", "events per cooperation, all, cooperation_counts", m, m / b
	if (u > 0) printf "; %.1fx faster than unnest", u / m
	print ")" }'
aggc=$(timecold "SELECT count(*) FROM unnest((SELECT siko.cooperation_counts(e.ags, e.day) FROM events e));")
awk -v b="$bare" -v m="$aggc" 'BEGIN { printf "%-44s %10.1f ms   (/ bare = %.2fx)\n", "  cooperation_counts, cold", m, m / b }'
echo "  answers equal: $($PSQL -c "SELECT (SELECT array_agg(x.cooperation || '=' || x.events ORDER BY x.cooperation COLLATE \"C\") FROM unnest((SELECT siko.cooperation_counts(e.ags, e.day) FROM events_1m e)) x) = (SELECT array_agg(c || '=' || n ORDER BY c COLLATE \"C\") FROM (SELECT c, count(*) AS n FROM events_1m e CROSS JOIN LATERAL unnest(siko.cooperations_of(e.ags, e.day)) c GROUP BY c) s)")"

if [ -z "${NO_UNNEST:-}" ]; then
coc=$(timecold "SELECT c, count(*) FROM events e CROSS JOIN LATERAL unnest(siko.cooperations_of(e.ags, e.day)) c GROUP BY c;")
awk -v m="$coc" 'BEGIN { printf "%-44s %10.1f ms\n", "  cooperations_of, all events, cold", m }'
fi

# growth over 27 years of days, one cooperation of 20,000 accessions
gr=$(timeit "SELECT count(*) FROM siko.growth('coop-01', '2000-01-01', '2026-12-31');")
win=$(timeit "WITH ev AS (
	SELECT greatest(lower(valid), date '2000-01-01') AS d, 1 AS delta FROM plain_acc WHERE coop = 1
	UNION ALL SELECT upper(valid), -1 FROM plain_acc WHERE coop = 1 AND NOT upper_inf(valid)),
  c AS (SELECT d, sum(delta) AS delta FROM ev GROUP BY d)
SELECT count(*) FROM (
  SELECT g.d, sum(coalesce(c.delta, 0)) OVER (ORDER BY g.d) AS members
	FROM generate_series(date '2000-01-01', date '2026-12-31', '1 day') g(d) LEFT JOIN c ON c.d = g.d) s;")
row "growth, 27 years of days (window SQL)" "$gr" "$win"
grc=$(timecold "SELECT count(*) FROM siko.growth('coop-01', '2000-01-01', '2026-12-31');")
awk -v m="$grc" 'BEGIN { printf "%-44s %10.1f ms\n", "  growth, cold", m }' 

# members_as_of for a cooperation of 500 members under pgbench, 2 clients
echo "SELECT 1;" > "$TMP/one.sql"
echo "SELECT count(*) FROM siko.members_as_of('coop-51', '2020-06-01');" > "$TMP/siko.sql"
echo "SELECT count(*) FROM plain_acc WHERE coop = 51 AND valid @> date '2020-06-01';" > "$TMP/plain.sql"
tps() { "${BIN}pgbench" -n -c 2 -j 2 -T "$PGB_SECONDS" -f "$1" $DB 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p'; }
# the floor: PostgreSQL's own simplest set-returning function of 500 rows
echo "SELECT count(*) FROM generate_series(1, 500);" > "$TMP/series.sql"
t1=$(tps "$TMP/one.sql"); ts=$(tps "$TMP/siko.sql"); tp=$(tps "$TMP/plain.sql"); tg=$(tps "$TMP/series.sql")
if [ -n "$TEMPORAL" ]; then
	echo "SELECT count(*) FROM temporal_acc WHERE coop = 51 AND valid @> date '2020-06-01';" > "$TMP/temporal.sql"
	tt=$(tps "$TMP/temporal.sql")
fi
awk -v a="$t1" -v s="$ts" -v p="$tp" -v g="$tg" -v t="${tt:-}" 'BEGIN {
	printf "%-44s %10.0f tps %9.0f tps %8.2fx\n", "members_as_of, 500 members (pgbench -c 2)", s, p, s / p
	if (t != "") printf "%-44s %10s %13.0f tps %8.2fx\n", "  the same, 18'"'"'s temporal primary key", "", t, s / t
	printf "%-44s %10.0f tps   (members_as_of / SELECT 1 = %.0f%%)\n", "  SELECT 1", a, 100 * s / a
	printf "%-44s %10.0f tps   (%.0f%% of SELECT 1; members_as_of = %.0f%% of it)\n", "  count(*) FROM generate_series(1, 500)", g, 100 * g / a, 100 * s / g }'

# bulk load of 100,000 accessions with the no-overlap rule, into the full tables
$PSQL -c "INSERT INTO siko.cooperation (id, code, name, founded) SELECT i, 'load-' || i, 'Ladetest ' || i, '1999' FROM generate_series(60, 69) i ON CONFLICT DO NOTHING;"
P="WITH p AS (SELECT array_agg(period) AS a FROM (SELECT period FROM acc_src WHERE c = 1 AND k = 1 LIMIT 100) s)"
$PSQL -c "\copy ($P SELECT 60 + i / 10000, 1 + i % 10000, a[1 + i % 100] FROM generate_series(0, 99999) i, p) TO '$TMP/load.csv' CSV"
$PSQL -c "\copy ($P SELECT 60 + i / 10000, m.key, siko.possible(a[1 + i % 100]::siko.period) FROM generate_series(0, 99999) i CROSS JOIN p JOIN muni m ON m.n = 1 + i % 10000) TO '$TMP/load_plain.csv' CSV"
loads=(); loadp=(); loadt=()
for i in $(seq "$RUNS"); do
	# each run on vacuumed tables: the deleted rows' index entries gone
	$PSQL -c "DELETE FROM siko.accession WHERE cooperation_id >= 60" -c "DELETE FROM plain_acc WHERE coop >= 60" \
		-c "VACUUM siko.accession" -c "VACUUM siko.accession_history" -c "VACUUM plain_acc"
	if [ -n "$TEMPORAL" ]; then
		$PSQL -c "DELETE FROM temporal_acc WHERE coop >= 60" -c "VACUUM temporal_acc"
		loadt+=("$(printf '\\timing on\n\\copy temporal_acc (coop, key, valid) FROM %s CSV\n' "'$TMP/load_plain.csv'" | ${BIN}psql -X -At -d $DB 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)")
	fi
	s=$(printf '\\timing on\n\\copy siko.accession (cooperation_id, partner_id, period) FROM %s CSV\n' "'$TMP/load.csv'" | ${BIN}psql -X -At -d $DB 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
	p=$(printf '\\timing on\n\\copy plain_acc (coop, key, valid) FROM %s CSV\n' "'$TMP/load_plain.csv'" | ${BIN}psql -X -At -d $DB 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
	loads+=("$s"); loadp+=("$p")
done
ls=$(printf '%s\n' "${loads[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
lp=$(printf '%s\n' "${loadp[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
row "COPY 100,000 accessions, no-overlap rule" "$ls" "$lp"
if [ -n "$TEMPORAL" ]; then
	lt=$(printf '%s\n' "${loadt[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	row "  the same, 18's temporal primary key" "$ls" "$lt"
	echo "  loaded under the temporal key: $($PSQL -c "SELECT count(*) FROM temporal_acc WHERE coop >= 60")"
fi
echo "  loaded: $($PSQL -c "SELECT count(*) FROM siko.accession WHERE cooperation_id >= 60") siko, $($PSQL -c "SELECT count(*) FROM plain_acc WHERE coop >= 60") plain"
