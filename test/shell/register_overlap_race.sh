#!/bin/bash
# The no-overlap rule of siko.accession under concurrency: two sessions
# insert accessions of the same partner to the same cooperation that may
# overlap, each in its own open transaction (neither sees the other's row,
# so only the exclusion constraint can stop the second).  Exactly one wins;
# the other fails with SQLSTATE 23P01.  Then the same with periods that
# cannot overlap: both win.  Both orders of commit and rollback are tried.
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
TMP=$(mktemp -d)
cleanup() {
	a "DELETE FROM siko.accession WHERE cooperation_id IN (SELECT id FROM siko.cooperation WHERE code = 'race-test');
	   DELETE FROM siko.partner WHERE name = 'Race-Stadt';
	   DELETE FROM siko.cooperation WHERE code = 'race-test';" >/dev/null 2>&1
	rm -rf "$TMP"
}
trap cleanup EXIT
cleanup
TMP=$(mktemp -d)

a "INSERT INTO siko.cooperation (code, name, founded) VALUES ('race-test', 'Race-Test', '2000');
   INSERT INTO siko.partner (name, kind, ags) VALUES ('Race-Stadt', 'municipality', '05562020');" || exit 1

ins() {	# period: an INSERT that reports its SQLSTATE (or OK) in a DO block
	cat <<SQL
DO \$\$
BEGIN
	INSERT INTO siko.accession (cooperation_id, partner_id, period)
	SELECT c.id, p.id, '$1' FROM siko.cooperation c, siko.partner p
	 WHERE c.code = 'race-test' AND p.name = 'Race-Stadt';
	RAISE NOTICE 'result: OK';
EXCEPTION WHEN OTHERS THEN
	RAISE NOTICE 'result: % %', SQLSTATE, SQLERRM;
END
\$\$;
SQL
}

# race PERIOD1 PERIOD2 END1: session 1 inserts and holds its transaction
# open for 2 seconds, session 2 inserts meanwhile (and waits for session 1
# when the rows may conflict); session 1 then ends with END1.
race() {
	a "DELETE FROM siko.accession WHERE cooperation_id = (SELECT id FROM siko.cooperation WHERE code = 'race-test');" >/dev/null
	{ echo "BEGIN;"; ins "$1"; echo "SELECT pg_catalog.pg_sleep(2);"; echo "$3;"; } |
		"$PSQL" -X -q -At >"$TMP/s1" 2>&1 &
	local p1=$!
	sleep 0.7
	{ echo "BEGIN;"; ins "$2"; echo "COMMIT;"; } | "$PSQL" -X -q -At >"$TMP/s2" 2>&1 &
	local p2=$!
	wait $p1 $p2
	r1=$(sed -n 's/.*result: \([A-Z0-9]*\).*/\1/p' "$TMP/s1")
	r2=$(sed -n 's/.*result: \([A-Z0-9]*\).*/\1/p' "$TMP/s2")
	n=$(a "SELECT count(*) FROM siko.accession a JOIN siko.cooperation c ON c.id = a.cooperation_id WHERE c.code = 'race-test';")
}

race '2020-01-01/..' '2021-06-01/..' COMMIT
check "overlapping, first commits: first wins" OK "$r1"
check "overlapping, first commits: second gets 23P01" 23P01 "$r2"
check "overlapping, first commits: one row" 1 "$n"
grep -q 'may overlap\|conflicting key value' "$TMP/s2" || { echo "not ok - the second session's error says what conflicts: $(cat "$TMP/s2")"; fail=1; }

race '2020-01-01/..' '2021-06-01/..' ROLLBACK
check "overlapping, first rolls back: second wins" OK "$r2"
check "overlapping, first rolls back: one row" 1 "$n"

race '2020/2020' '2021-06-01/..' COMMIT
check "apart: first wins" OK "$r1"
check "apart: second wins too" OK "$r2"
check "apart: two rows" 2 "$n"

# an uncertain end that may reach the other's uncertain start may overlap
race '2020/2021' '2021/..' COMMIT
check "possibly overlapping: first wins" OK "$r1"
check "possibly overlapping: second gets 23P01" 23P01 "$r2"
check "possibly overlapping: one row" 1 "$n"

# two overlapping rows in one statement (as in a bulk load): the row
# trigger sees the statement's own earlier row and names the partner
a "DELETE FROM siko.accession WHERE cooperation_id = (SELECT id FROM siko.cooperation WHERE code = 'race-test');" >/dev/null
out=$("$PSQL" -X -q -At -c "INSERT INTO siko.accession (cooperation_id, partner_id, period)
	SELECT c.id, p.id, v.period::siko.period FROM siko.cooperation c, siko.partner p,
	       (VALUES ('2020-01-01/2021'), ('2021-06-01/..')) v(period)
	 WHERE c.code = 'race-test' AND p.name = 'Race-Stadt';" 2>&1)
check "one statement, overlapping rows: refused naming partner and cooperation" \
	'ERROR:  accession of partner "Race-Stadt" to cooperation "race-test" may overlap another one' \
	"$(printf '%s\n' "$out" | head -1)"

exit $fail
