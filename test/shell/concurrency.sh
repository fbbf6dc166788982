#!/usr/bin/env bash
# Concurrent writers and readers of the register (pgbench, 8 clients,
# SIKO_CONC_SECONDS, default 15): writers insert, update and delete
# accessions of the same 4 partners of one cooperation with overlapping
# periods, readers ask the as-of functions.  Every attempt is logged in the
# transaction that makes it, with its outcome.  Afterwards:
#   - no two accessions of one partner in one cooperation may overlap
#     (self-join with siko's && on the stored periods);
#   - the accessions present are exactly those logged as inserted and not
#     logged as deleted (nothing committed is lost, nothing rolled back stays);
#   - every refused insert or update got 23P01, or an error that asks for a
#     retry: a deadlock (40P01) the server broke up, or a serialization
#     failure (40001) from the history, which cannot order a change after a
#     later transaction's change of the same row; none got anything else;
#   - the readers saw no error other than a serialization failure, and no
#     answer listed a partner twice.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"
[ -x "$SIKO_BINDIR/pgbench" ] || { echo "pgbench is missing in $SIKO_BINDIR"; exit 77; }
seconds=${SIKO_CONC_SECONDS:-15}
clients=8

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sql() { "$SIKO_BINDIR/psql" -X -A -t -q -v ON_ERROR_STOP=1 -c "$1"; }

"$SIKO_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 <<'EOF'
INSERT INTO siko.cooperation (code, name, founded) VALUES ('conc-test', 'Concurrency test', '1990');
INSERT INTO siko.partner (name, kind) SELECT 'P' || i, 'other' FROM generate_series(1, 4) i;

CREATE TABLE conc_log (
	client int, op text, partner text, period text, outcome text, accession int
);
CREATE TABLE conc_read (client int, outcome text, duplicates int);

-- an accession from year y for len years (len 0: still running)
CREATE FUNCTION conc_period(y int, len int) RETURNS siko.period
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT (y || '-01-01/' || CASE WHEN len = 0 THEN '..' ELSE (y + len) || '-01-01' END)::siko.period $$;

CREATE FUNCTION conc_insert(c int, p int, y int, len int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	st text;
	new_id int;
BEGIN
	BEGIN
		INSERT INTO siko.accession (cooperation_id, partner_id, period)
		SELECT co.id, pa.id, conc_period(y, len)
		  FROM siko.cooperation co, siko.partner pa
		 WHERE co.code = 'conc-test' AND pa.name = 'P' || p
		RETURNING id INTO new_id;
		INSERT INTO conc_log VALUES (c, 'insert', 'P' || p, conc_period(y, len)::text, 'ok', new_id);
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE;
		INSERT INTO conc_log VALUES (c, 'insert', 'P' || p, conc_period(y, len)::text, st, NULL);
	END;
END $$;

CREATE FUNCTION conc_update(c int, p int, y int, len int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	st text;
	acc int;
BEGIN
	BEGIN
		UPDATE siko.accession a SET period = conc_period(y, len)
		 WHERE a.id = (SELECT a2.id FROM siko.accession a2 JOIN siko.partner pa ON pa.id = a2.partner_id
		                WHERE pa.name = 'P' || p ORDER BY a2.id LIMIT 1)
		RETURNING a.id INTO acc;
		IF acc IS NOT NULL THEN
			INSERT INTO conc_log VALUES (c, 'update', 'P' || p, conc_period(y, len)::text, 'ok', acc);
		END IF;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE;
		INSERT INTO conc_log VALUES (c, 'update', 'P' || p, conc_period(y, len)::text, st, NULL);
	END;
END $$;

CREATE FUNCTION conc_delete(c int, p int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	acc int;
BEGIN
	DELETE FROM siko.accession a
	 WHERE a.id = (SELECT a2.id FROM siko.accession a2 JOIN siko.partner pa ON pa.id = a2.partner_id
	                WHERE pa.name = 'P' || p ORDER BY random() LIMIT 1)
	RETURNING a.id INTO acc;
	IF acc IS NOT NULL THEN
		INSERT INTO conc_log VALUES (c, 'delete', 'P' || p, NULL, 'ok', acc);
	END IF;
END $$;

CREATE FUNCTION conc_read(c int, p int, y int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	st text;
	dup int;
	day date := make_date(y, 1 + (y % 12), 1);
BEGIN
	BEGIN
		SELECT count(*) - count(DISTINCT partner) INTO dup FROM siko.members_as_of('conc-test', day);
		PERFORM siko.member_at('conc-test', 'P' || p, day);
		PERFORM count(*) FROM siko.growth('conc-test', day, day + 30);
		INSERT INTO conc_read VALUES (c, 'ok', dup);
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE;
		INSERT INTO conc_read VALUES (c, st, 0);
	END;
END $$;
EOF

cat >"$tmp/insert.sql" <<'EOF'
\set p random(1, 4)
\set y random(2000, 2030)
\set len random(0, 6)
SELECT conc_insert(:client_id, :p, :y, :len);
EOF
cat >"$tmp/update.sql" <<'EOF'
\set p random(1, 4)
\set y random(2000, 2030)
\set len random(1, 6)
SELECT conc_update(:client_id, :p, :y, :len);
EOF
cat >"$tmp/delete.sql" <<'EOF'
\set p random(1, 4)
SELECT conc_delete(:client_id, :p);
EOF
cat >"$tmp/read.sql" <<'EOF'
\set p random(1, 4)
\set y random(2000, 2036)
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT conc_read(:client_id, :p, :y);
COMMIT;
EOF

"$SIKO_BINDIR/pgbench" -n -c "$clients" -j 2 -T "$seconds" \
	-f "$tmp/insert.sql@4" -f "$tmp/update.sql@2" -f "$tmp/delete.sql@2" -f "$tmp/read.sql@4" \
	>"$tmp/pgbench.log" 2>&1 || { cat "$tmp/pgbench.log"; echo "pgbench failed"; exit 1; }
grep -E 'number of (transactions actually processed|failed)|^tps' "$tmp/pgbench.log" || true

fail=0
overlaps=$(sql "SELECT count(*) FROM siko.accession a JOIN siko.accession b
                  ON a.cooperation_id = b.cooperation_id AND a.partner_id = b.partner_id AND a.id < b.id
                 AND a.period OPERATOR(siko.&&) b.period")
[ "$overlaps" = 0 ] || { echo "not ok: $overlaps pairs of overlapping accessions"; fail=1; }

lost=$(sql "SELECT count(*) FROM conc_log i WHERE op = 'insert' AND outcome = 'ok'
              AND NOT EXISTS (SELECT FROM conc_log d WHERE d.op = 'delete' AND d.accession = i.accession)
              AND NOT EXISTS (SELECT FROM siko.accession a WHERE a.id = i.accession)")
extra=$(sql "SELECT count(*) FROM siko.accession a JOIN siko.cooperation co ON co.id = a.cooperation_id
              WHERE co.code = 'conc-test'
                AND NOT EXISTS (SELECT FROM conc_log i WHERE i.op = 'insert' AND i.outcome = 'ok' AND i.accession = a.id)")
back=$(sql "SELECT count(*) FROM conc_log d WHERE op = 'delete'
              AND EXISTS (SELECT FROM siko.accession a WHERE a.id = d.accession)")
[ "$lost$extra$back" = 000 ] ||
	{ echo "not ok: $lost committed inserts lost, $extra rows not logged, $back deleted rows back"; fail=1; }

wrong=$(sql "SELECT coalesce(string_agg(op || ' ' || outcome || ' x' || n, ', '), '') FROM (
               SELECT op, outcome, count(*) n FROM conc_log
                WHERE outcome NOT IN ('ok', '23P01', '40P01', '40001') GROUP BY 1, 2) s")
[ -z "$wrong" ] || { echo "not ok: writers refused with other SQLSTATEs: $wrong"; fail=1; }
rwrong=$(sql "SELECT coalesce(string_agg(outcome || ' x' || n, ', '), '') FROM (
               SELECT outcome, count(*) n FROM conc_read
                WHERE outcome NOT IN ('ok', '40001', '40P01') GROUP BY 1) s")
[ -z "$rwrong" ] || { echo "not ok: readers got errors: $rwrong"; fail=1; }
dups=$(sql "SELECT coalesce(sum(duplicates), 0) FROM conc_read")
[ "$dups" = 0 ] || { echo "not ok: readers saw a partner twice in one answer $dups times"; fail=1; }

sql "SELECT format('%s clients for %s s: inserts %s committed, %s refused with 23P01, %s deadlocks, %s serialization failures; updates %s committed, %s refused with 23P01; deletes %s; reads %s ok, %s serialization failures; %s accessions at the end, 0 overlapping',
        $clients, $seconds,
        count(*) FILTER (WHERE op = 'insert' AND outcome = 'ok'),
        count(*) FILTER (WHERE op = 'insert' AND outcome = '23P01'),
        count(*) FILTER (WHERE outcome = '40P01'),
        count(*) FILTER (WHERE outcome = '40001'),
        count(*) FILTER (WHERE op = 'update' AND outcome = 'ok'),
        count(*) FILTER (WHERE op = 'update' AND outcome = '23P01'),
        count(*) FILTER (WHERE op = 'delete'),
        (SELECT count(*) FROM conc_read WHERE outcome = 'ok'),
        (SELECT count(*) FROM conc_read WHERE outcome IN ('40001', '40P01')),
        (SELECT count(*) FROM siko.accession))
   FROM conc_log"
# a test that cannot fail is no test: both outcomes must have happened
n=$(sql "SELECT count(DISTINCT outcome) FROM conc_log WHERE op = 'insert' AND outcome IN ('ok', '23P01')")
[ "$n" = 2 ] || { echo "not ok: the run did not both commit and refuse inserts"; fail=1; }
exit $fail
