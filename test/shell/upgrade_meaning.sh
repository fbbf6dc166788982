#!/usr/bin/env bash
# The update from 0.3 keeps the meaning of every stored period.
#
# siko 0.3 read a period's end as the first day without membership; 0.4
# reads it as EDTF does, as the last day.  This test builds the released
# 0.3 library from the project's history into a copy of the private
# server, keeps a register there with every kind of end (exact, month,
# year, season, one-of range, qualified, open, unknown) and a user table
# of period columns (plain, array, domain), records every as-of answer,
# then installs this tree's library, runs ALTER EXTENSION siko UPDATE and
# asks again: every answer must be the same, and the update must say in a
# NOTICE how many values it rewrote.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"

# siko 0.3 builds on PostgreSQL 15 only: on a later server there is no 0.3
# to update from
major=$("$SIKO_BINDIR/pg_config" --version | sed -n 's/^PostgreSQL \([0-9]*\).*/\1/p')
[ "${major:-0}" -le 15 ] || { echo "SKIP: siko 0.3 builds on PostgreSQL 15 only (this is $major)"; exit 77; }

# the last commit of siko 0.3 (its library and install script)
RELEASE_03=73e052d
root=$(pwd)
git -C "$root" cat-file -e "$RELEASE_03^{commit}" 2>/dev/null || {
	echo "this test needs the project's git history (commit $RELEASE_03, siko 0.3)"; exit 1; }

tmp=$(mktemp -d)
chmod 755 "$tmp"
pgc="$SIKO_BINDIR/pg_config"
pg2=$tmp/pg
sock=$tmp/sock
bin2=$pg2$("$pgc" --bindir)
# the server runs as postgres when we are root (it refuses root), else as us
owner=$(id -un)
[ "$(id -u)" != 0 ] || owner=postgres
as_owner() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi; }
cleanup() {
	[ -f "$sock/data/postmaster.pid" ] && as_owner "$bin2/pg_ctl" -D "$sock/data" -m immediate -w stop >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT

# a copy of the private server, laid out as it is, so that its pg_config
# points into the copy and the installs below touch nothing else
for d in "$("$pgc" --bindir)" "$("$pgc" --pkglibdir)" "$("$pgc" --sharedir)"; do
	mkdir -p "$pg2$(dirname "$d")" && cp -a "$d" "$pg2$d"
done
inc=$("$pgc" --pkgincludedir)
mkdir -p "$pg2$(dirname "$inc")" && ln -s "$(readlink -f "$inc")" "$pg2$inc"
[ "$("$bin2/pg_config" --sharedir)" = "$pg2$("$pgc" --sharedir)" ] ||
	{ echo "the copied pg_config does not point into its copy"; exit 1; }
rm -f "$pg2$("$pgc" --sharedir)"/extension/siko*

# siko 0.3, built from the history
mkdir -p "$tmp/old" "$sock"
chmod 700 "$sock"
git -C "$root" archive "$RELEASE_03" | tar -x -C "$tmp/old"
make -s -C "$tmp/old" PG_CONFIG="$bin2/pg_config" >"$tmp/old.log" 2>&1 &&
	make -s -C "$tmp/old" PG_CONFIG="$bin2/pg_config" install >>"$tmp/old.log" 2>&1 ||
	{ cat "$tmp/old.log"; echo "building siko 0.3 failed"; exit 1; }

[ "$(id -u)" != 0 ] || chown "$owner" "$sock"
as_owner "$bin2/initdb" -D "$sock/data" -A trust -U siko_owner --no-sync --locale=C -E UTF8 >"$tmp/initdb.log" 2>&1 ||
	{ cat "$tmp/initdb.log"; echo "initdb failed"; exit 1; }
printf "listen_addresses = ''\nunix_socket_directories = '%s'\nport = 5432\nfsync = off\n" "$sock" >>"$sock/data/postgresql.conf"
start() { as_owner "$bin2/pg_ctl" -D "$sock/data" -w -l "$sock/server.log" start >/dev/null ||
	{ cat "$sock/server.log"; echo "the cluster did not start"; exit 1; }; }
stop() { as_owner "$bin2/pg_ctl" -D "$sock/data" -w stop >/dev/null; }
psql2() { "$bin2/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p 5432 -U siko_owner "$@"; }

start
psql2 -d postgres -c "CREATE DATABASE m"
psql2 -d m >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION siko VERSION '0.3' CASCADE;
BEGIN;
SET LOCAL siko.system_time = '2024-01-10 09:00+01';
INSERT INTO siko.cooperation (code, name, founded) VALUES ('net', 'A network', '2000');
INSERT INTO siko.partner (name, kind, ags)
SELECT 'p' || i, 'municipality', ('0551' || lpad(i::text, 4, '0'))::siko.ags
  FROM generate_series(1, 14) AS i;
-- every kind of end, as 0.3 read them (the end: the first day without)
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT c.id, p.id, v.period::siko.period
  FROM siko.cooperation c, (VALUES
	('p1', '2015/2018-01-01'), ('p2', '2015-03/2018-03'), ('p3', '2015/2018'),
	('p4', '2015/2018-21'), ('p5', '2015/[2017-11..2018-02-03]'), ('p6', '2015/2018-06-15?'),
	('p7', '2015/2018~'), ('p8', '2015/..'), ('p9', '2015-03-01/'), ('p10', '2015/'),
	('p11', '[2014..2016]/2018-XX'), ('p12', '2016-05-01/2016-05-02'), ('p13', '2015/[..2018-03-03]'),
	('p14', '2015/2018-33%')) AS v(partner, period)
  JOIN siko.partner p ON p.name = v.partner;
COMMIT;
BEGIN;
SET LOCAL siko.system_time = '2024-01-11 09:00+01';
UPDATE siko.accession SET period = '2015/2019-07-01'
 WHERE partner_id = (SELECT id FROM siko.partner WHERE name = 'p1');
COMMIT;
CREATE DOMAIN my_period AS siko.period;
CREATE FUNCTION days(a date, b date) RETURNS SETOF date LANGUAGE sql
	AS $$ SELECT d::date FROM generate_series(a, b, '1 day') AS d $$;
CREATE TABLE mine (id int PRIMARY KEY, p siko.period, ps siko.period[], pd my_period);
INSERT INTO mine SELECT a.id, a.period, ARRAY[a.period, '2010/2011'::siko.period], a.period
  FROM siko.accession a;
SQL

# every as-of answer, in one text
answers() {
	psql2 -d m -A -t <<'SQL'
SELECT 'members ' || d || ' ' || string_agg(partner || '=' || certain, ',' ORDER BY partner)
  FROM days('2014-12-25', '2020-01-05') AS d
  CROSS JOIN LATERAL siko.members_as_of('net', d) GROUP BY d ORDER BY d;
SELECT 'is_member ' || p.name || ' ' || d || ' ' || coalesce(siko.is_member('net', p.ags, d)::text, 'null')
     || ' ' || coalesce(siko.is_covered('net', p.ags, d)::text, 'null')
  FROM siko.partner p, days('2014-12-25', '2020-01-05') AS d
 WHERE siko.is_member('net', p.ags, d) IS DISTINCT FROM false ORDER BY p.name, d;
SELECT 'growth ' || g.day || ' ' || g.certain || ' ' || g.possible
  FROM siko.growth('net', '2014-12-01', '2020-02-01', '1 day') AS g ORDER BY g.day;
SELECT 'known ' || k || ' ' || d || ' ' || coalesce(siko.is_member('net', '05510001', d, k)::text, 'null')
  FROM unnest(ARRAY['2024-01-10 12:00+01', '2024-01-11 12:00+01']::timestamptz[]) AS k,
       days('2017-12-25', '2019-07-05') AS d ORDER BY k, d;
SELECT 'growth_known ' || k || ' ' || g.day || ' ' || g.certain || ' ' || g.possible
  FROM unnest(ARRAY['2024-01-10 12:00+01', '2024-01-11 12:00+01']::timestamptz[]) AS k
 CROSS JOIN LATERAL siko.growth('net', '2017-12-01', '2019-08-01', '1 day', k) AS g ORDER BY k, g.day;
SELECT 'mine ' || m.id || ' ' || d || ' ' || coalesce(siko.member_at(m.p, d)::text, 'null')
     || ' ' || coalesce(siko.member_at(m.ps[1], d)::text, 'null') || ' ' || coalesce(siko.member_at(m.pd, d)::text, 'null')
     || ' ' || coalesce(siko.member_at(m.ps[2], d)::text, 'null')
  FROM mine m, days('2009-12-30', '2020-01-05') AS d
 WHERE siko.member_at(m.p, d) IS DISTINCT FROM false OR siko.member_at(m.ps[2], d) IS DISTINCT FROM false
 ORDER BY m.id, d;
SELECT 'ranges ' || m.id || ' ' || siko.certain(m.p) || ' ' || siko.possible(m.p) FROM mine m ORDER BY m.id;
SQL
}
answers >"$tmp/before"
[ "$(grep -c . "$tmp/before")" -gt 5000 ] || { echo "too few answers recorded under 0.3"; exit 1; }
# the values the update must rewrite: all but the open ones
closed="period::text !~ '/\\.\\.\$'"
want=$(psql2 -d m -A -t -c "SELECT (SELECT count(*) FROM siko.accession WHERE $closed)
	+ (SELECT count(*) FROM siko.accession_history WHERE $closed)
	+ 2 * (SELECT count(*) FROM mine WHERE p::text !~ '/\\.\\.\$') + (SELECT count(*) FROM mine)")
stop

# this tree's library and scripts, then the update
make -s -C "$root" PG_CONFIG="$bin2/pg_config" install >"$tmp/new.log" 2>&1 ||
	{ cat "$tmp/new.log"; echo "installing this tree failed"; exit 1; }
start
psql2 -d m -c "ALTER EXTENSION siko UPDATE" 2>"$tmp/notice"
grep -q "siko 0.4: a period's end is now its last day of membership; $want stored value(s) in 5 column(s) rewritten" "$tmp/notice" ||
	{ cat "$tmp/notice" >&2; echo "the update did not say how many values it rewrote (want $want in 5 columns)"; exit 1; }
answers >"$tmp/after"
if ! diff "$tmp/before" "$tmp/after" >"$tmp/diff"; then
	head -n 20 "$tmp/diff"
	echo "an answer changed across the update ($(grep -c '^[<>]' "$tmp/diff") lines differ)"
	exit 1
fi
psql2 -d m -A -t -c "SELECT string_agg(period::text, ' ' ORDER BY id) FROM siko.accession" >"$tmp/values"
grep -q "2015/\[2017-12-31..2018-12-30\] " "$tmp/values" ||
	{ cat "$tmp/values"; echo "2015/2018 was not rewritten as the one-of range of its last days"; exit 1; }
echo "upgrade_meaning: $(grep -c . "$tmp/before") answers identical under 0.3 and after the update to 0.4"
