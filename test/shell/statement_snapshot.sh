#!/usr/bin/env bash
# Every answer of an as-of function within one statement comes from the
# register as that statement's snapshot sees it, at every isolation level.
#
# A writer flips the start of 20 accessions between 2020-01-01 and
# 2020-01-02 (so that membership on 2020-01-01 flips) while two readers
# ask, in one statement, siko.is_member for each of the 20 keys (twice:
# in the filter and in the output) and siko.member_at of the period the
# same statement reads from siko.accession.  A disagreement divides by
# zero, which aborts the reader: pgbench then fails.  At least 20,000
# reader statements at each of READ COMMITTED, REPEATABLE READ and
# SERIALIZABLE.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"
[ -x "$SIKO_BINDIR/pgbench" ] || { echo "pgbench is missing in $SIKO_BINDIR"; exit 77; }
psql() { "$SIKO_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
tmp=$(mktemp -d)
writers=""
trap '[ -z "$writers" ] || kill $writers 2>/dev/null || true; rm -rf "$tmp"' EXIT

psql <<'SQL' >/dev/null
SET client_min_messages = warning;
INSERT INTO siko.cooperation (code, name, founded) VALUES ('snap-net', 'Snapshot network', '2019');
INSERT INTO siko.partner (name, kind, ags)
SELECT 'Snap ' || t.name, 'municipality', t.ags
  FROM (SELECT * FROM siko.territory WHERE level = 'gemeinde' ORDER BY ags LIMIT 20) AS t;
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT c.id, p.id, '2020-01-01/..'
  FROM siko.cooperation c, siko.partner p WHERE c.code = 'snap-net' AND p.name LIKE 'Snap %';
SQL
ids=$(psql -At -c "SELECT min(a.id) || ' ' || max(a.id) FROM siko.accession a
	JOIN siko.cooperation c ON c.id = a.cooperation_id WHERE c.code = 'snap-net'")
set -- $ids
cat >"$tmp/writer.sql" <<SQL
\set id random($1, $2)
UPDATE siko.accession SET period = CASE WHEN siko.earliest(siko.start(period)) = '2020-01-01'
	THEN '2020-01-02/..'::siko.period ELSE '2020-01-01/..'::siko.period END WHERE id = :id;
SQL
cat >"$tmp/reader.sql" <<'SQL'
SELECT 1 / (count(*) FILTER (WHERE siko.is_member('snap-net', p.ags, '2020-01-01') IS DISTINCT FROM
							siko.member_at(a.period, '2020-01-01')) = 0)::int
  FROM siko.accession a
  JOIN siko.partner p ON p.id = a.partner_id
  JOIN siko.cooperation c ON c.id = a.cooperation_id
 WHERE c.code = 'snap-net' AND siko.is_member('snap-net', p.ags, '2020-01-01') IS NOT NULL;
SQL

"$SIKO_BINDIR/pgbench" -n -c 1 -j 1 -T 600 --max-tries=100 -f "$tmp/writer.sql" >"$tmp/writers.log" 2>&1 &
writers=$!
sleep 1
total=0
for level in "read committed" "repeatable read" "serializable"; do
	if ! PGOPTIONS="-c default_transaction_isolation=${level// /\\ }" "$SIKO_BINDIR/pgbench" -n -c 2 -j 1 \
		-t 10000 -f "$tmp/reader.sql" >"$tmp/reader.log" 2>&1; then
		tail -n 12 "$tmp/reader.log"
		echo "$level: an as-of answer disagreed with the statement's own reading of the register"
		exit 1
	fi
	n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$tmp/reader.log")
	[ "${n:-0}" -ge 20000 ] || { cat "$tmp/reader.log"; echo "$level: only ${n:-0} reader statements"; exit 1; }
	echo "$level: $n reader statements, every answer from the statement's snapshot"
	total=$((total + n))
done
kill "$writers" 2>/dev/null || true
wait "$writers" 2>/dev/null || true
writers=""
flips=$(psql -At -c "SELECT count(*) FROM siko.accession_history h
	JOIN siko.cooperation c ON c.id = h.cooperation_id WHERE c.code = 'snap-net'")
[ "$flips" -gt 100 ] || { cat "$tmp/writers.log"; echo "the writers changed too little ($flips versions)"; exit 1; }
echo "statement_snapshot: $total reader statements against $flips versions written meanwhile: no disagreement"
