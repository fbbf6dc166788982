#!/usr/bin/env bash
# The register's as-of answers are the same whether a cooperation is
# cached or answered by probes of the register's indexes (a block larger
# than siko.cache_memory): every as-of function, for the current state and
# as known on a past moment, over a synthetic register of a few hundred
# accessions with fuzzy periods, districts and several accessions per
# partner; with siko.cache_memory at its default, at 0 (nothing cached)
# and at 8kB (the small cooperations cached, the large ones probed).  The
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

psql <<'SQL' >/dev/null
SET client_min_messages = warning;
SET search_path = public, siko;
SELECT setseed(0.21);
INSERT INTO siko.cooperation (code, name, founded)
SELECT 'mode-' || i, 'Modus ' || i, '2010' FROM generate_series(1, 6) i;
-- 80 municipalities and their districts
INSERT INTO siko.partner (name, kind, ags)
SELECT 'Modus ' || t.ags, CASE WHEN t.level = 'gemeinde' THEN 'municipality' ELSE 'district' END::siko.partner_kind, t.ags
  FROM (SELECT * FROM siko.territory WHERE level = 'gemeinde' ORDER BY ags LIMIT 80) g
  JOIN siko.territory t ON t.ags = g.ags OR (t.level = 'kreis' AND t.ags = siko.ags_kreis(g.ags))
 GROUP BY t.ags, t.name, t.level;
CREATE FUNCTION pg_temp.fd(d date, r double precision) RETURNS text LANGUAGE sql AS
$$ SELECT CASE WHEN r < 0.6 THEN to_char(d, 'YYYY-MM-DD') WHEN r < 0.85 THEN to_char(d, 'YYYY-MM')
			   ELSE to_char(d, 'YYYY') END $$;
-- cooperation i takes every partner with probability i / 7; two accessions each
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT c.id, p.id,
	   (CASE WHEN k = 1 THEN pg_temp.fd(date '2012-01-01' + (random() * 1500)::int, random()) || '/' ||
							 pg_temp.fd(date '2017-01-01' + (random() * 600)::int, random())
			 ELSE pg_temp.fd(date '2019-01-01' + (random() * 1500)::int, random()) || '/..' END)::siko.period
  FROM siko.cooperation c
  JOIN siko.partner p ON p.name LIKE 'Modus %'
  CROSS JOIN generate_series(1, 2) k
 WHERE c.code LIKE 'mode-%' AND hashtext(c.code || p.name) % 7 < substr(c.code, 6)::int;
SQL
moment=$(psql -c "SELECT pg_catalog.clock_timestamp()")
sleep 0.2
# a later change: the past moment must still be answered as it was
psql <<'SQL' >/dev/null
DELETE FROM siko.accession WHERE id IN (SELECT id FROM siko.accession ORDER BY id LIMIT 40);
UPDATE siko.accession SET period = '2016/..' WHERE id IN (SELECT id FROM siko.accession WHERE period::text LIKE '%/..' ORDER BY id LIMIT 20);
SQL

# every answer of every as-of function, in order, as text
answers() {	# known_on (a timestamptz, or NULL)
	psql -v k="$1" <<'SQL'
SET search_path = public, siko;
CREATE TEMP TABLE days AS SELECT d::date FROM generate_series(date '2011-06-01', date '2026-06-01', interval '173 days') d;
CREATE TEMP TABLE keys AS SELECT ags FROM siko.partner WHERE name LIKE 'Modus %' AND ags IS NOT NULL
	UNION SELECT siko.ags_land(ags) FROM siko.partner WHERE name LIKE 'Modus %' AND ags IS NOT NULL;
CREATE TEMP TABLE coops AS SELECT code FROM siko.cooperation WHERE code LIKE 'mode-%';
SELECT md5(string_agg(x, E'\n' ORDER BY x)) FROM (
	SELECT format('is_member %s %s %s %s', c.code, k.ags, d.d, siko.is_member(c.code, k.ags, d.d, NULLIF(:'k', '')::timestamptz)) AS x
	  FROM coops c, keys k, days d
	UNION ALL
	SELECT format('is_covered %s %s %s %s', c.code, k.ags, d.d, siko.is_covered(c.code, k.ags, d.d, NULLIF(:'k', '')::timestamptz))
	  FROM coops c, keys k, days d
	UNION ALL
	SELECT format('cooperations_of %s %s %s', k.ags, d.d, siko.cooperations_of(k.ags, d.d, NULLIF(:'k', '')::timestamptz))
	  FROM keys k, days d
	UNION ALL
	SELECT format('covered_by %s %s %s %s', c.code, k.ags, d.d,
				  (SELECT array_agg(format('%s %s %s %s', n, b.partner, b.ags, b.certain) ORDER BY n)
					 FROM siko.covered_by(c.code, k.ags, d.d, NULLIF(:'k', '')::timestamptz) WITH ORDINALITY AS b(partner, ags, certain, n)))
	  FROM coops c, keys k, days d
	UNION ALL
	SELECT format('members_as_of %s %s %s', c.code, d.d,
				  (SELECT array_agg(format('%s %s %s %s %s %s', n, m.partner, m.kind, m.ags, m.certain, m.period) ORDER BY n)
					 FROM siko.members_as_of(c.code, d.d, NULLIF(:'k', '')::timestamptz) WITH ORDINALITY AS m(partner, kind, ags, certain, period, n)))
	  FROM coops c, days d
	UNION ALL
	SELECT format('member_at %s %s %s %s', c.code, p.name, d.d, siko.member_at(c.code, p.name, d.d, NULLIF(:'k', '')::timestamptz))
	  FROM coops c, (SELECT name FROM siko.partner WHERE name LIKE 'Modus %' ORDER BY name LIMIT 30) p, days d
	UNION ALL
	SELECT format('growth %s %s', c.code,
				  (SELECT array_agg(format('%s %s %s', g.day, g.certain, g.possible) ORDER BY g.day)
					 FROM siko.growth(c.code, '2011-01-01', '2026-01-01', '1 month', NULLIF(:'k', '')::timestamptz) g))
	  FROM coops c
	UNION ALL
	SELECT format('cooperation_counts %s', siko.cooperation_counts(k.ags, d.d ORDER BY k.ags))
	  FROM keys k, days d WHERE :'k' = ''
) s;
SQL
}
export PGOPTIONS=""
now_cached=$(answers "")
then_cached=$(answers "$moment")
for mem in 0 8kB; do
	export PGOPTIONS="-c siko.cache_memory=$mem"
	check "current state with siko.cache_memory = $mem" "$now_cached" "$(answers "")"
	check "as known on a past moment with siko.cache_memory = $mem" "$then_cached" "$(answers "$moment")"
done
unset PGOPTIONS

# one LOG line per cooperation not cached
log=$(psql -c "SET siko.cache_memory = 8; SET client_min_messages = log;
			   SELECT siko.is_member('mode-6', '05111000', '2020-01-01');
			   SELECT siko.is_member('mode-6', '05111000', '2020-01-02');" 2>&1 | grep -c 'LOG:  siko: cooperation "mode-6" is not cached' || true)
check "one LOG line for a cooperation not cached" 1 "$log"
log=$(psql -c "SET siko.cache_memory = 0; SET client_min_messages = log;
			   SELECT siko.cooperations_of('05111000', '2020-01-01');" 2>&1 | grep -c 'LOG:  siko: the index of all cooperations is not cached' || true)
check "one LOG line for the index of all cooperations not cached" 1 "$log"

# siko.cache_status() shows what the connection holds
st=$(psql -c "SELECT siko.is_member('mode-1', '05111000', '2020-01-01');
	SET siko.cache_memory = 0;
	SELECT siko.is_member('mode-6', '05111000', '2020-01-01');
	RESET siko.cache_memory;
	SELECT siko.cooperations_of('05111000', '2020-01-01');
	SELECT string_agg(format('%s %s %s %s %s', coalesce(cooperation, '*'), mode, bytes > 0,
							 register_version = (SELECT version FROM siko.register_version),
							 built_at <= pg_catalog.clock_timestamp() AND build_ms >= 0), ', ' ORDER BY cooperation NULLS FIRST)
	  FROM siko.cache_status() WHERE known_on IS NULL;" | tail -1)
check "cache_status: one cached, one probing, the index" "* private t t t, mode-1 private t t t, mode-6 probing f t t" "$st"
st=$(psql -c "SELECT count(*) FROM siko.members_as_of('mode-1', '2020-01-01', now() - interval '1 second');
	SELECT count(*) FROM siko.cache_status() WHERE known_on IS NOT NULL AND cooperation = 'mode-1' AND register_version IS NULL;" | tail -1)
check "cache_status: a cooperation as known on a moment" 1 "$st"

# the register's pgTAP suites with nothing cached, in a database of their own
if command -v pg_prove >/dev/null 2>&1; then
	here=$(cd "$(dirname "$0")/../.." && pwd)
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
