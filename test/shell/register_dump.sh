#!/bin/bash
# The register survives pg_dump and pg_restore (custom format) and a plain
# SQL dump: the same answers, no duplicated rows, and the sequences go on.
#
# Needs PGHOST, PGPORT, PGUSER, PGDATABASE (siko installed) and SIKO_BINDIR.
set -u
BIN="${SIKO_BINDIR:-}"
[ -n "$BIN" ] && BIN="$BIN/"
command -v "${BIN}pg_dump" >/dev/null || exit 77
PSQL="${BIN}psql -X -q -At -v ON_ERROR_STOP=1"
SRC=siko_dump_src_$$
DST1=siko_dump_custom_$$
DST2=siko_dump_plain_$$
TMP=$(mktemp -d)
cleanup() {
	for db in $SRC $DST1 $DST2; do "${BIN}dropdb" --if-exists "$db" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT
fail=0
check() {
	if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "not ok - $1"; echo "# expected: $2"; echo "# got:      $3"; fail=1; fi
}

"${BIN}createdb" "$SRC" || exit 1
$PSQL -d "$SRC" <<'SQL' || exit 1
CREATE EXTENSION siko CASCADE;
INSERT INTO siko.cooperation (code, name, founded, seat) VALUES ('siko-ruhr', 'Sicherheitskooperation Ruhr', '2020', 'Essen');
INSERT INTO siko.partner (name, kind, ags)
VALUES ('Kreis Recklinghausen', 'district', '05562'), ('Herten', 'municipality', '05562020'),
	   ('Innenministerium NRW', 'ministry', NULL);
INSERT INTO siko.accession (cooperation_id, partner_id, period, signed, effective)
SELECT c.id, p.id, x.period::siko.period, x.signed::siko.fuzzydate, x.effective::siko.fuzzydate
  FROM (VALUES ('Kreis Recklinghausen', '[..2022-03-03]/..', NULL, NULL),
			   ('Herten', '2023-10-01/..', '2023-09-29', '2023-10-01'),
			   ('Innenministerium NRW', '2020-06/..', NULL, NULL)) AS x(partner, period, signed, effective)
  JOIN siko.partner p ON p.name = x.partner, siko.cooperation c;
INSERT INTO siko.source (publisher, title, published) VALUES ('Stadt Herten', 'Beitritt', '2023-10-11');
INSERT INTO siko.accession_source SELECT a.id, s.id FROM siko.accession a, siko.source s;
SQL

answers() {
	$PSQL -d "$1" <<'SQL'
SELECT siko.is_member('siko-ruhr', '05562020', '2023-09-30'), siko.is_covered('siko-ruhr', '05562020', '2023-09-30'),
	   siko.is_member('siko-ruhr', '05562020', '2023-10-01'), siko.cooperations_of('05562020', '2023-10-01');
SELECT partner, certain, period FROM siko.members_as_of('siko-ruhr', '2023-10-01');
SELECT * FROM siko.growth('siko-ruhr', '2020-01-01', '2024-01-01', '1 year');
SELECT cooperation, partner, start, finish, status, sources FROM siko.timeline ORDER BY partner;
SELECT (SELECT count(*) FROM siko.cooperation), (SELECT count(*) FROM siko.partner),
	   (SELECT count(*) FROM siko.accession), (SELECT count(*) FROM siko.source),
	   (SELECT count(*) FROM siko.accession_source);
SQL
}
want=$(answers "$SRC")

"${BIN}pg_dump" -Fc -f "$TMP/dump.custom" "$SRC" || exit 1
"${BIN}createdb" "$DST1" || exit 1
"${BIN}pg_restore" --exit-on-error -d "$DST1" "$TMP/dump.custom" || { echo "not ok - pg_restore failed"; exit 1; }
check "custom format: same answers, same row counts" "$want" "$(answers "$DST1")"

"${BIN}pg_dump" -Fp -f "$TMP/dump.sql" "$SRC" || exit 1
"${BIN}createdb" "$DST2" || exit 1
$PSQL -d "$DST2" -f "$TMP/dump.sql" >/dev/null || { echo "not ok - plain restore failed"; exit 1; }
check "plain format: same answers, same row counts" "$want" "$(answers "$DST2")"

# the sequences continue after the restored ids, the rules still hold
for db in "$DST1" "$DST2"; do
	check "$db: a new partner gets a fresh id" "4" \
		"$($PSQL -d "$db" -c "INSERT INTO siko.partner (name, kind) VALUES ('Bundespolizei', 'federal_agency') RETURNING id;")"
	check "$db: the no-overlap rule survives" "23P01" \
		"$($PSQL -d "$db" -c "DO \$\$ BEGIN INSERT INTO siko.accession (cooperation_id, partner_id, period) VALUES (1, 2, '2024/..'); EXCEPTION WHEN OTHERS THEN RAISE NOTICE '%', SQLSTATE; END \$\$;" 2>&1 | sed -n 's/^NOTICE:  //p')"
done

# dumping the restored database again gives the same data (nothing doubled)
"${BIN}pg_dump" -Fc -f "$TMP/dump2.custom" "$DST1" || exit 1
"${BIN}dropdb" "$DST1" && "${BIN}createdb" "$DST1" || exit 1
"${BIN}pg_restore" --exit-on-error -d "$DST1" "$TMP/dump2.custom" || { echo "not ok - second pg_restore failed"; exit 1; }
check "second round trip: four partners, not eight" "4" \
	"$($PSQL -d "$DST1" -c "SELECT count(*) FROM siko.partner;")"
exit $fail
