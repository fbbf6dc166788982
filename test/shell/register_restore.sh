#!/usr/bin/env bash
# The registers loaded by siko.load_register() are user rows: pg_dump keeps
# them, a restore brings them back once (not twice), and loading again in
# the restored database is refused.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"

tmp=$(mktemp -d)
restored="${PGDATABASE}_restored"
trap 'rm -rf "$tmp"; "$SIKO_BINDIR/dropdb" --if-exists "$restored" 2>/dev/null || true' EXIT
sql() { "$SIKO_BINDIR/psql" -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
counts="SELECT (SELECT count(*) FROM siko.cooperation) || ' ' || (SELECT count(*) FROM siko.partner)
          || ' ' || (SELECT count(*) FROM siko.accession) || ' ' || (SELECT count(*) FROM siko.source)
          || ' ' || (SELECT count(*) FROM siko.accession_source) || ' ' || (SELECT count(*) FROM siko.territory)"

sql "$PGDATABASE" "SELECT siko.load_register('siko-ruhr') + siko.load_register('herne-bochum')" >/dev/null
want=$(sql "$PGDATABASE" "$counts")
[ "$want" = "2 26 27 5 33 455" ] || { echo "after loading: $want, want 2 26 27 5 33 455"; exit 1; }

"$SIKO_BINDIR/pg_dump" -Fc -f "$tmp/dump" "$PGDATABASE"
"$SIKO_BINDIR/createdb" "$restored"
"$SIKO_BINDIR/pg_restore" --exit-on-error -d "$restored" "$tmp/dump"
got=$(sql "$restored" "$counts")
[ "$got" = "$want" ] || { echo "restored: $got, want $want"; exit 1; }

day="SELECT string_agg(partner || ':' || certain, ',' ORDER BY partner) FROM siko.members_as_of('siko-ruhr', '2023-10-01')"
[ "$(sql "$restored" "$day")" = "$(sql "$PGDATABASE" "$day")" ] ||
	{ echo "the restored register answers differently on 2023-10-01"; exit 1; }

if out=$(sql "$restored" "SELECT siko.load_register('siko-ruhr')" 2>&1); then
	echo "loading siko-ruhr again after the restore succeeded: $out"; exit 1
fi
case $out in
*'cooperation "siko-ruhr" is already in the register'*) ;;
*) echo "unexpected error: $out"; exit 1 ;;
esac
echo "the loaded registers survive pg_dump and pg_restore once ($got), and are not loaded twice"
