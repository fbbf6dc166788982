#!/usr/bin/env bash
# The register's history survives pg_dump and pg_restore: every version
# comes back once, with its times, authors and reasons, none is recorded
# anew by the restore, and the restored register answers as known on a
# past moment as the original does.  Both orders of loading are tried:
# pg_restore's own (the register tables before their history) and the
# history first.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"

tmp=$(mktemp -d)
r1="${PGDATABASE}_hist1" r2="${PGDATABASE}_hist2"
trap 'rm -rf "$tmp"; for d in "$r1" "$r2"; do "$SIKO_BINDIR/dropdb" --if-exists "$d" 2>/dev/null || true; done' EXIT
sql() { "$SIKO_BINDIR/psql" -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

# recorded on 10 January 2024, corrected the next day with a reason,
# a source deleted on the 12th
"$SIKO_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -d "$PGDATABASE" >/dev/null <<'SQL'
BEGIN;
SET LOCAL siko.system_time = '2024-01-10 09:00+01';
SELECT siko.load_register('siko-ruhr');
COMMIT;
BEGIN;
SET LOCAL siko.system_time = '2024-01-11 09:00+01';
SET LOCAL siko.reason = 'joined on 2 October';
UPDATE siko.accession SET period = '2023-10-02/..', effective = '2023-10-02'
 WHERE partner_id = (SELECT id FROM siko.partner WHERE name = 'Herten');
COMMIT;
BEGIN;
SET LOCAL siko.system_time = '2024-01-12 09:00+01';
DELETE FROM siko.accession_source WHERE accession_id = (SELECT a.id FROM siko.accession a
  JOIN siko.partner p ON p.id = a.partner_id WHERE p.name = 'Herten');
COMMIT;
SQL

# everything of the history, in one text per database
all="SELECT string_agg(t, E'\n' ORDER BY t) FROM (
  SELECT 'c ' || h::text AS t FROM siko.cooperation_history h
  UNION ALL SELECT 'p ' || h::text FROM siko.partner_history h
  UNION ALL SELECT 'a ' || h::text FROM siko.accession_history h
  UNION ALL SELECT 's ' || h::text FROM siko.source_history h
  UNION ALL SELECT 'x ' || h::text FROM siko.accession_source_history h) v"
asked="SELECT siko.member_at('siko-ruhr', 'Herten', '2023-10-01') || ' '
  || siko.member_at('siko-ruhr', 'Herten', '2023-10-01', '2024-01-10 12:00+01') || ' '
  || (SELECT count(*) FROM siko.history('siko-ruhr', 'Herten')) || ' '
  || (SELECT count(*) FROM siko.timeline_as_known_on('2024-01-11 12:00+01') WHERE sources IS NULL)"
sql "$PGDATABASE" "$all" >"$tmp/want"
want_asked=$(sql "$PGDATABASE" "$asked")
[ "$want_asked" = "false true 6 0" ] || { echo "before the dump: $want_asked, want 'false true 6 0'"; exit 1; }
[ "$(wc -l <"$tmp/want")" -gt 50 ] || { echo "too little history: $(wc -l <"$tmp/want") versions"; exit 1; }

"$SIKO_BINDIR/pg_dump" -Fc -f "$tmp/dump" "$PGDATABASE"

check() {
	local db=$1 how=$2
	sql "$db" "$all" >"$tmp/got"
	if ! diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
		echo "$how: the restored history differs:"; head -20 "$tmp/diff"; exit 1
	fi
	got=$(sql "$db" "$asked")
	[ "$got" = "$want_asked" ] || { echo "$how: answers $got, want $want_asked"; exit 1; }
}

# 1. pg_restore in its own order
"$SIKO_BINDIR/createdb" "$r1"
"$SIKO_BINDIR/pg_restore" --exit-on-error -d "$r1" "$tmp/dump"
check "$r1" "pg_restore"

# 2. the history tables first, then the register tables
"$SIKO_BINDIR/createdb" "$r2"
"$SIKO_BINDIR/pg_restore" --exit-on-error --section=pre-data -d "$r2" "$tmp/dump"
"$SIKO_BINDIR/pg_restore" -l "$tmp/dump" | grep 'TABLE DATA' >"$tmp/data"
{ grep '_history ' "$tmp/data"; grep -v '_history ' "$tmp/data"; } >"$tmp/order"
"$SIKO_BINDIR/pg_restore" -l "$tmp/dump" | grep -v 'TABLE DATA' | grep -E 'SEQUENCE SET' >>"$tmp/order" || true
"$SIKO_BINDIR/pg_restore" --exit-on-error -L "$tmp/order" -d "$r2" "$tmp/dump"
"$SIKO_BINDIR/pg_restore" --exit-on-error --section=post-data -d "$r2" "$tmp/dump"
check "$r2" "history first"

# a change after the restore is recorded as usual, after what came back
sql "$r1" "UPDATE siko.cooperation SET note = 'moved' WHERE code = 'siko-ruhr'"
n=$(sql "$r1" "SELECT count(*) FROM siko.history('siko-ruhr') WHERE change = 'update' AND \"table\" = 'cooperation'")
[ "$n" = 1 ] || { echo "a change after the restore: $n updates of the cooperation, want 1"; exit 1; }
echo "the history survives pg_dump and pg_restore in either order: $(wc -l <"$tmp/want") versions, none twice, none re-stamped"
