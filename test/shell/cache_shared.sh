#!/usr/bin/env bash
# The shared register cache: a cluster of its own started with
# shared_preload_libraries = 'siko'.  A block is built once and attached by
# the next connection (siko.cache_status() says shared, with the first
# connection's build); the answers of every as-of function are those of
# the probes of the register (siko.cache_memory = 0), which
# test/shell/cache_modes.sh compares with the private cache; a commit is
# seen by the next statement of another session, a rolled-back change
# never, a REPEATABLE READ transaction keeps its snapshot
# (test/shell/register_cache.sh against this cluster); a block of a dropped
# and recreated extension never answers for the new register.
set -eu -o pipefail
: "${SIKO_BINDIR:?}"
here=$(cd "$(dirname "$0")/../.." && pwd)
own=()
if [ "$(id -u)" = 0 ]; then
	command -v runuser >/dev/null || { echo "skipped: runuser is missing"; exit 77; }
	own=(runuser -u postgres --)
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/siko-shared.XXXXXX")
chmod 777 "$dir"
cleanup() {
	"${own[@]}" "$SIKO_BINDIR/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap cleanup EXIT
"${own[@]}" "$SIKO_BINDIR/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1 ||
	{ cat "$dir/initdb.log"; exit 1; }
cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir'
port = 5499
fsync = off
lc_messages = 'C'
shared_preload_libraries = 'siko'
EOF
"${own[@]}" "$SIKO_BINDIR/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
	{ cat "$dir/server.log"; exit 1; }
export PGHOST=$dir PGPORT=5499 PGUSER=postgres PGDATABASE=siko_shared
unset PGOPTIONS
psql() { "$SIKO_BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
fail=0
check() {	# name expected got
	if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "not ok - $1: expected '$2', got '$3'"; fail=1; fi
}

psql -d postgres -c "CREATE DATABASE siko_shared"
PGOPTIONS='-c client_min_messages=warning' psql -c "CREATE EXTENSION siko CASCADE"
psql -f "$here/test/shell/cache_register.sql" >/dev/null

STATUS="SELECT string_agg(format('%s %s', coalesce(cooperation, '*'), mode), ', ' ORDER BY cooperation NULLS FIRST)
	FROM siko.cache_status() WHERE known_on IS NULL"
ASK="SELECT siko.is_member('mode-3', '05111000', '2020-01-01'); SELECT siko.cooperations_of('05111000', '2020-01-01');"
first=$(psql -c "$ASK $STATUS; SELECT built_at FROM siko.cache_status() WHERE cooperation = 'mode-3'" | tail -2)
check "the first connection builds and shares" "* shared, mode-3 shared" "$(printf '%s\n' "$first" | head -1)"
second=$(psql -c "$ASK $STATUS; SELECT built_at FROM siko.cache_status() WHERE cooperation = 'mode-3'" | tail -2)
check "the next connection attaches the same block" "$first" "$second"

# a new register version: a new block, the old one replaced
psql -c "INSERT INTO siko.cooperation (code, name, founded) VALUES ('mode-new', 'Neu', '2020')"
third=$(psql -c "$ASK SELECT built_at > '$(printf '%s\n' "$first" | tail -1)' FROM siko.cache_status() WHERE cooperation = 'mode-3'" | tail -1)
check "after a change, a block built for the new version" t "$third"

# a transaction that changed the register answers from a private build
own_tx=$(psql -c "BEGIN; INSERT INTO siko.cooperation (code, name, founded) VALUES ('mode-tx', 'Tx', '2020');
	$ASK $STATUS; ROLLBACK;" | tail -1)
check "the changing transaction builds privately" "* private, mode-3 private" "$own_tx"

shared=$(psql -v k= -f "$here/test/shell/cache_answers.sql")
probed=$(PGOPTIONS="-c siko.cache_memory=0" psql -v k= -f "$here/test/shell/cache_answers.sql")
check "every answer shared equals every answer probed" "$probed" "$shared"
check "the answers were shared" "* shared, mode-1 shared, mode-2 shared, mode-3 shared, mode-4 shared, mode-5 shared, mode-6 shared, mode-new shared" \
	"$(psql -v k= -f "$here/test/shell/cache_answers.sql" -c "$STATUS" 2>/dev/null | tail -1)"

psql -d postgres -c "CREATE DATABASE siko_shared2"
PGOPTIONS='-c client_min_messages=warning' psql -d siko_shared2 -c "CREATE EXTENSION siko CASCADE"
out=$(PGDATABASE=siko_shared2 bash "$here/test/shell/register_cache.sh" 2>&1) || true
check "test/shell/register_cache.sh with the shared cache" "" "$(printf '%s\n' "$out" | grep -v '^ok' || true)"
# DROP and CREATE EXTENSION count the register's versions from 0 again: a
# block of the old register, of the same cooperation and version, must not
# answer for the new one (one partner, the first or the second municipality)
psql -d postgres -c "CREATE DATABASE siko_shared3"
REG="INSERT INTO siko.cooperation (code, name, founded) VALUES ('again', 'Wieder', '2010');
	INSERT INTO siko.partner (name, kind, ags)
	SELECT 'Wieder', 'municipality', ags FROM siko.territory WHERE level = 'gemeinde' ORDER BY ags LIMIT 1 OFFSET :n;
	INSERT INTO siko.accession (cooperation_id, partner_id, period)
	SELECT c.id, p.id, '2015/..' FROM siko.cooperation c, siko.partner p;"
ASK3="SELECT v.version || ' ' || siko.is_member('again', t.ags, '2020-01-01')
	FROM siko.register_version v, (SELECT ags FROM siko.territory WHERE level = 'gemeinde' ORDER BY ags LIMIT 1) t;"
PGOPTIONS='-c client_min_messages=warning' psql -d siko_shared3 -c "CREATE EXTENSION siko"
before=$(printf '%s\n' "$REG" "$ASK3" | psql -d siko_shared3 -v n=0 | tail -1)
PGOPTIONS='-c client_min_messages=warning' psql -d siko_shared3 -c "DROP EXTENSION siko CASCADE" -c "CREATE EXTENSION siko"
after=$(printf '%s\n' "$REG" "$ASK3" | psql -d siko_shared3 -v n=1 | tail -1)
check "after DROP and CREATE EXTENSION, the same version answers from the new register" \
	"${before% *} true, ${before% *} false" "$before, $after"

exit $fail
