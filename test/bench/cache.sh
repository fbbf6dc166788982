#!/bin/bash
# Benchmark of the register cache (make bench-cache; not part of make test):
# its bytes per accession, the memory of CONNS connections that each ask
# is_member of every cooperation and cooperations_of of every municipality,
# the time to the first answer in a new connection, and is_member over
# EVENTS events.
#
#   PGHOST=... PGUSER=... SIKO_BINDIR=... test/bench/cache.sh
#
# Creates (and at the end drops) a database siko_bench_cache: the
# municipality keys of test/data/gemeindeverzeichnis.csv, COOPS
# cooperations (default 200) of PER accessions each (default 20,000: two
# per municipality of PER / 2 municipalities, dates of day, month or year
# precision), and EVENTS (default 10,000,000) events from 2000 to 2026.
# A reduced run: COOPS=50 PER=4000 EVENTS=1000000 CONNS=5.  With SIKO_PRELOAD=1
# the throwaway cluster preloads siko: the blocks are shared.
set -eu
BIN="${SIKO_BINDIR:-}"
[ -n "$BIN" ] && BIN="$BIN/"
COOPS=${COOPS:-200}
PER=${PER:-20000}
EVENTS=${EVENTS:-10000000}
CONNS=${CONNS:-20}
RUNS=${RUNS:-3}
DB=siko_bench_cache
HERE=$(cd "$(dirname "$0")/../.." && pwd)
PSQL="${BIN}psql -X -q -At -v ON_ERROR_STOP=1 -d $DB"
TMP=$(mktemp -d)
chmod 755 "$TMP"
trap 'rm -rf "$TMP"; [ -n "${KEEP:-}" ] || "${BIN}dropdb" --if-exists $DB' EXIT

"${BIN}dropdb" --if-exists $DB
"${BIN}createdb" $DB
echo "# setting up: $COOPS cooperations of $PER accessions, $EVENTS events" >&2
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
SET session_replication_role = replica;
INSERT INTO siko.partner (id, name, kind, ags)
SELECT n, 'Gemeinde ' || key, 'municipality', key::siko.ags FROM muni;
SELECT setval('siko.partner_id_seq', (SELECT max(id) FROM siko.partner));
INSERT INTO siko.cooperation (id, code, name, founded)
SELECT i, 'coop-' || lpad(i::text, 3, '0'), 'Kooperation ' || i, '1999' FROM generate_series(1, $COOPS) i;
SELECT setval('siko.cooperation_id_seq', $COOPS);
CREATE FUNCTION pg_temp.fd(d date, r double precision) RETURNS text LANGUAGE sql AS
\$\$ SELECT CASE WHEN r < 0.80 THEN to_char(d, 'YYYY-MM-DD') WHEN r < 0.95 THEN to_char(d, 'YYYY-MM')
				ELSE to_char(d, 'YYYY') END \$\$;
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT c, m.n, (CASE WHEN k = 1
			THEN pg_temp.fd(date '2000-01-01' + (random() * 3600)::int, random()) || '/' ||
				 pg_temp.fd(date '2011-01-01' + (random() * 700)::int, random())
			ELSE pg_temp.fd(date '2014-01-01' + (random() * 2100)::int, random()) || '/..' END)::siko.period
  FROM generate_series(1, $COOPS) c
  CROSS JOIN LATERAL (SELECT n FROM muni ORDER BY hashint4(n # c * 7919) LIMIT $PER / 2) m
  CROSS JOIN generate_series(1, 2) k;
RESET session_replication_role;
CREATE TABLE events AS
SELECT m.key::siko.ags AS ags, g.day
  FROM (SELECT (1 + floor(random() * (SELECT count(*) FROM muni)))::integer AS n,
			   date '2000-01-01' + floor(random() * 9862)::integer AS day
		  FROM generate_series(1, $EVENTS)) g
  JOIN muni m ON m.n = g.n;
VACUUM ANALYZE;
SQL
NACC=$($PSQL -c "SELECT count(*) FROM siko.accession")
echo "# $NACC accessions; the tables with their indexes: $($PSQL -c "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'siko' AND c.relkind = 'r'")"

# what one connection asks: every cooperation, every municipality
ASK="SELECT count(*) FROM siko.cooperation c WHERE siko.is_member(c.code, '05562020', '2020-01-01');
SELECT count(*) FROM muni m WHERE pg_catalog.cardinality(siko.cooperations_of(m.key::siko.ags, '2020-01-01')) > 0;"
# the cache's memory in this backend, by context name
MEM="SELECT coalesce(sum(total_bytes) FILTER (WHERE name = 'siko register cooperation'), 0) || ' ' ||
	coalesce(sum(total_bytes) FILTER (WHERE name = 'siko register index'), 0) || ' ' ||
	coalesce(sum(total_bytes) FILTER (WHERE name LIKE 'siko register%'), 0) || ' ' ||
	(SELECT total_bytes FROM pg_backend_memory_contexts WHERE name = 'TopMemoryContext')
  FROM pg_backend_memory_contexts;"

read -r coop idx all top <<<"$(printf '%s\n%s\n' "$ASK" "$MEM" | $PSQL | tail -1)"
echo
echo "one connection after asking every cooperation and every municipality:"
awk -v c="$coop" -v i="$idx" -v a="$all" -v n="$NACC" 'BEGIN {
	printf "  the cooperations     %12d bytes  %6.1f bytes per accession\n", c, c / n
	printf "  index of all          %12d bytes  %6.1f bytes per accession\n", i, i / n
	printf "  the whole cache       %12d bytes  %6.1f bytes per accession\n", a, a / n }'

# CONNS connections at once, each holding its cache: the sum of their caches
for i in $(seq "$CONNS"); do
	printf '%s\nSELECT pg_catalog.pg_sleep(2);\n%s\n' "$ASK" "$MEM" | $PSQL | tail -1 >"$TMP/mem.$i" &
done
wait
awk '{ s += $3 } END { printf "%d connections: their caches %.0f bytes in all (%.1f MB)\n", NR, s, s / 1048576 }' "$TMP"/mem.*
# with shared_preload_libraries = 'siko' (SIKO_PRELOAD=1 make bench-cache) the
# blocks are in shared segments, counted once
shared=$(printf '%s\n' "$ASK" "SELECT coalesce(sum(bytes), 0) FROM siko.cache_status() WHERE mode = 'shared';" | $PSQL | tail -1)
awk -v s="$shared" 'BEGIN { printf "shared segments: %.0f bytes (%.1f MB)\n", s, s / 1048576 }'

# time to the first answer in a new connection (median of RUNS)
first=$(for i in $(seq "$RUNS"); do
	printf '\\timing on\nSELECT siko.is_member(%s, %s, %s);\n' "'coop-001'" "'05562020'" "'2020-01-01'" |
		${BIN}psql -X -At -d $DB 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "time to the first answer in a new connection: $first ms"

# is_member over the events, warm (median of RUNS, each the second run in a session)
Q="SELECT count(*) FROM events e WHERE siko.is_member('coop-001', e.ags, e.day);"
warm=$(for i in $(seq "$RUNS"); do
	printf '%s\n\\timing on\n%s\n' "$Q" "$Q" | ${BIN}psql -X -At -d $DB 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "is_member over $EVENTS events: $warm ms (answer $($PSQL -c "$Q"))"
