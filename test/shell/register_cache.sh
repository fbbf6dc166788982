#!/bin/bash
# The per-backend cache of the register across sessions: a change committed
# in one session is seen by the next statement of another; a rolled-back
# change is never seen; the changing session sees its own change at once;
# a REPEATABLE READ transaction keeps its snapshot and sees the change after.
#
# Needs PGHOST, PGPORT, PGUSER, PGDATABASE (siko installed) and SIKO_BINDIR.
set -u
PSQL="${SIKO_BINDIR:-}/psql"
[ -x "$PSQL" ] || PSQL=psql
command -v "$PSQL" >/dev/null || exit 77

fail=0
check() {	# name expected got
	if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "not ok - $1: expected '$2', got '$3'"; fail=1; fi
}
a() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

# session B: one backend for the whole test, fed through a coprocess
coproc SESSB { "$PSQL" -X -q -At -v ON_ERROR_STOP=0 2>&1; }
b() {	# run one statement in session B and print its one line of output
	local line
	printf '%s\n\\echo __end__\n' "$1" >&"${SESSB[1]}"
	local out=""
	while IFS= read -r -t 30 line <&"${SESSB[0]}"; do
		[ "$line" = "__end__" ] && break
		out="$line"
	done
	printf '%s' "$out"
}
cleanup() {
	a "DELETE FROM siko.accession WHERE cooperation_id IN (SELECT id FROM siko.cooperation WHERE code = 'cache-test');
	   DELETE FROM siko.partner WHERE name = 'Cache-Stadt';
	   DELETE FROM siko.cooperation WHERE code = 'cache-test';" >/dev/null 2>&1
}
trap cleanup EXIT
cleanup

a "INSERT INTO siko.cooperation (code, name, founded) VALUES ('cache-test', 'Cache-Test', '2020');
   INSERT INTO siko.partner (name, kind, ags) VALUES ('Cache-Stadt', 'municipality', '05562020');" || exit 1
Q="SELECT siko.is_member('cache-test', '05562020', '2023-10-01');"
ADD="INSERT INTO siko.accession (cooperation_id, partner_id, period)
     SELECT c.id, p.id, '2023-10-01/..' FROM siko.cooperation c, siko.partner p
      WHERE c.code = 'cache-test' AND p.name = 'Cache-Stadt';"
DEL="DELETE FROM siko.accession WHERE cooperation_id = (SELECT id FROM siko.cooperation WHERE code = 'cache-test');"

check "B builds its cache: not a member" f "$(b "$Q")"
a "$ADD" || exit 1
check "B's next statement sees A's committed insert" t "$(b "$Q")"
check "and so does cooperations_of in B" "{cache-test}" "$(b "SELECT siko.cooperations_of('05562020', '2023-10-01');")"

# A deletes in an open transaction, sees its own change, then rolls back
# while B keeps asking
"$PSQL" -X -q -At -v ON_ERROR_STOP=1 >"${TMPDIR:-/tmp}/siko_cache_a.$$" 2>&1 <<SQL &
BEGIN;
$DEL
$Q
SELECT pg_catalog.pg_sleep(2);
ROLLBACK;
$Q
SQL
apid=$!
sleep 1
check "B does not see A's uncommitted delete" t "$(b "$Q")"
wait $apid
check "A saw its own delete, then after rollback the row again" "f
t" "$(grep -v '^$' "${TMPDIR:-/tmp}/siko_cache_a.$$")"
rm -f "${TMPDIR:-/tmp}/siko_cache_a.$$"
check "B never sees the rolled-back delete" t "$(b "$Q")"

# inside an explicit READ COMMITTED transaction of B, the next statement
# sees what A commits meanwhile
b "BEGIN;" >/dev/null
check "B in a transaction: member" t "$(b "$Q")"
a "$DEL" || exit 1
check "B in the same transaction, next statement: A's commit seen" f "$(b "$Q")"
b "COMMIT;" >/dev/null

# REPEATABLE READ keeps its snapshot, and the cache does not outlive it
b "BEGIN ISOLATION LEVEL REPEATABLE READ;" >/dev/null
check "B repeatable read: not a member" f "$(b "$Q")"
a "$ADD" || exit 1
check "B repeatable read: still its snapshot" f "$(b "$Q")"
b "COMMIT;" >/dev/null
check "B after the repeatable read transaction: A's insert seen" t "$(b "$Q")"

# a change of a partner (not of an accession) invalidates too
a "UPDATE siko.partner SET ags = '05562024' WHERE name = 'Cache-Stadt';" || exit 1
check "B: the partner's old key is no longer a member" f "$(b "SELECT siko.is_member('cache-test', '05562020', '2023-10-01');")"
check "B: its new key is" t "$(b "SELECT siko.is_member('cache-test', '05562024', '2023-10-01');")"
check "B sees it in cooperations_of" "{cache-test}" "$(b "SELECT siko.cooperations_of('05562024', '2023-10-01');")"

eval "exec ${SESSB[1]}>&-"
wait
exit $fail
