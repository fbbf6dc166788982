#!/usr/bin/env bash
# A reporting replica fed by logical replication answers from the
# replicated register: a session of the subscriber that was open before a
# change answers from it at its next statement.
#
# Two databases of the throwaway cluster (wal_level = logical): the
# publisher keeps SiKo Ruhr's register; the subscriber receives the register
# tables.  Bottrop joins on the publisher; the subscriber's open session,
# which had answered "no" and n members, then answers "yes" and n + 1.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"
psql() { "$SIKO_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
[ "$(psql -At -c 'SHOW wal_level')" = logical ] ||
	{ echo "SKIP: the cluster runs with wal_level $(psql -At -c 'SHOW wal_level'), not logical"; exit 77; }
pub="${PGDATABASE}_pub" sub="${PGDATABASE}_sub"
tmp=$(mktemp -d)
cleanup() {
	[ -z "${reader:-}" ] || kill "$reader" 2>/dev/null || true
	psql -d "$sub" -c "DROP SUBSCRIPTION IF EXISTS siko_sub" >/dev/null 2>&1 || true
	psql -d "$pub" -c "SELECT pg_drop_replication_slot('siko_sub') FROM pg_replication_slots WHERE slot_name = 'siko_sub'" >/dev/null 2>&1 || true
	for d in "$sub" "$pub"; do "$SIKO_BINDIR/dropdb" --if-exists "$d" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT
tables="siko.cooperation, siko.partner, siko.accession, siko.source, siko.accession_source"
for d in "$pub" "$sub"; do
	"$SIKO_BINDIR/createdb" "$d"
	PGOPTIONS='-c client_min_messages=warning' psql -d "$d" -c "CREATE EXTENSION siko"
done
psql -d "$pub" -c "SELECT siko.load_register('siko-ruhr')" >/dev/null
psql -d "$pub" -c "CREATE PUBLICATION siko_pub FOR TABLE $tables" \
	-c "SELECT pg_create_logical_replication_slot('siko_sub', 'pgoutput')" >/dev/null
psql -d "$sub" -c "CREATE SUBSCRIPTION siko_sub CONNECTION 'host=$PGHOST port=$PGPORT user=$PGUSER dbname=$pub'
	PUBLICATION siko_pub WITH (create_slot = false, slot_name = 'siko_sub')" >/dev/null

wait_for() { # SQL on the subscriber that must become 't'
	local i
	for i in $(seq 1 120); do
		[ "$(psql -d "$sub" -At -c "$1")" = t ] && return 0
		sleep 0.5
	done
	grep -E "ERROR|FATAL" "$PGHOST/server.log" | tail -n 10 || true
	echo "the subscriber did not get there: $1"; exit 1
}
npub=$(psql -d "$pub" -At -c "SELECT count(*) FROM siko.accession")
wait_for "SELECT bool_and(srsubstate = 'r') AND count(*) = 5 FROM pg_subscription_rel"
wait_for "SELECT count(*) = $npub FROM siko.accession"

# a session of the subscriber, open before the change, asking twice
mkfifo "$tmp/in"
psql -d "$sub" -At <"$tmp/in" >"$tmp/out" 2>&1 &
reader=$!
exec 3>"$tmp/in"
ask="SELECT 'answer ' || coalesce(siko.is_member('siko-ruhr', '05512000', current_date)::text, 'null') || ' '
	|| (SELECT count(*) FROM siko.members_as_of('siko-ruhr', current_date) WHERE certain);"
echo "$ask" >&3
for i in $(seq 1 60); do grep -q '^answer' "$tmp/out" && break; sleep 0.5; done
before=$(grep '^answer' "$tmp/out" | tail -n 1)

# Bottrop joins on the publisher
psql -d "$pub" -c "SELECT siko.add_partner('Bottrop', 'city', '05512000')" \
	-c "SELECT siko.add_accession('siko-ruhr', 'Bottrop', '2024-01-01/..')" >/dev/null
wait_for "SELECT count(*) = $((npub + 1)) FROM siko.accession"

echo "$ask" >&3
exec 3>&-
wait "$reader" || true
reader=""
after=$(grep '^answer' "$tmp/out" | tail -n 1)
n=$(psql -d "$pub" -At -c "SELECT count(*) - 1 FROM siko.members_as_of('siko-ruhr', current_date) WHERE certain")
[ "$before" = "answer false $n" ] || { cat "$tmp/out"; echo "before the change the open session said: $before (want: answer false $n)"; exit 1; }
[ "$after" = "answer true $((n + 1))" ] ||
	{ cat "$tmp/out"; echo "after the change arrived, the session opened before it said: $after (want: answer true $((n + 1)))"; exit 1; }
echo "logical_replication: the subscriber's open session answered '$before', then '$after'"
