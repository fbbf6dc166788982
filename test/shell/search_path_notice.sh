#!/usr/bin/env bash
# CREATE EXTENSION siko (and ALTER EXTENSION siko UPDATE) say, in a NOTICE,
# when siko is not on the database's search_path, with the exact ALTER
# DATABASE command; with siko on the path they say nothing.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"
psql() { "$SIKO_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
dbs=()
trap 'for db in "${dbs[@]}"; do "$SIKO_BINDIR/dropdb" --if-exists "$db" 2>/dev/null || true; done' EXIT
fail() { echo "search_path_notice: $*" >&2; exit 1; }
newdb() { dbs+=("$1"); "$SIKO_BINDIR/createdb" "$1"; }

# without siko on the path: the notice, with the command for this database
newdb siko_notice_plain
out=$(psql -d siko_notice_plain -c 'CREATE EXTENSION siko CASCADE' 2>&1)
want='HINT:  Run ALTER DATABASE siko_notice_plain SET search_path = "$user", public, siko; and reconnect'
case "$out" in *'NOTICE:  siko is not on the search_path of database "siko_notice_plain"'*"$want"*) ;;
	*) fail "CREATE EXTENSION without siko on the path said: $out" ;; esac

# the command it gives works: afterwards = on siko.ags needs no qualification
psql -d siko_notice_plain -c 'ALTER DATABASE siko_notice_plain SET search_path = "$user", public, siko;'
got=$(psql -d siko_notice_plain -At -c "SELECT count(*) FROM siko.territory WHERE ags = '05512000'")
[ "$got" = 1 ] || fail "with the path set, WHERE ags = '05512000' found $got rows"

# with siko on the database's path: no notice
newdb siko_notice_set
psql -d siko_notice_set -c 'ALTER DATABASE siko_notice_set SET search_path = public, siko' 2>/dev/null
out=$(psql -d siko_notice_set -c 'CREATE EXTENSION siko CASCADE' 2>&1)
case "$out" in *"search_path"*) fail "CREATE EXTENSION with siko on the path said: $out" ;; esac

# (that ALTER EXTENSION siko UPDATE says it too is checked by upgrade.sh,
# which installs the released versions from the project's history)
echo "search_path_notice: ok"
