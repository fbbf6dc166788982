#!/bin/sh
# siko.ags in binary COPY: keys round-trip through send and recv, and recv
# rejects bytes that text input could not have produced (SQLSTATE 22P03).
set -eu
PSQL="$SIKO_BINDIR/psql -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; $PSQL -c "DROP TABLE IF EXISTS siko_ags_binary_test" >/dev/null 2>&1 || :' EXIT
fail() { echo "ags_binary: $*" >&2; exit 1; }

$PSQL -c "CREATE TABLE siko_ags_binary_test (a siko.ags)"
$PSQL -c "COPY (SELECT k::siko.ags FROM unnest('{05,055,05562,05562020,16077001,01}'::text[]) AS k) TO STDOUT (FORMAT binary)" > "$tmp/good.bin"
$PSQL -c "\\copy siko_ags_binary_test FROM '$tmp/good.bin' (FORMAT binary)"
got=$($PSQL -At -c "SELECT string_agg(a::text, ',' ORDER BY a) FROM siko_ags_binary_test")
[ "$got" = "01,05,055,05562,05562020,16077001" ] || fail "round trip gave '$got'"

# one row with one field of the given length and bytes (printf escapes)
row() {
	printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000'
	printf '\000\001'
	printf "$1"
	printf "$2"
	printf '\377\377'
}
# expect_error NAME FIELDLEN BYTES SQLSTATE
expect_error() {
	row "$2" "$3" > "$tmp/$1.bin"
	if $PSQL -c "\\copy siko_ags_binary_test FROM '$tmp/$1.bin' (FORMAT binary)" 2> "$tmp/$1.err"; then
		fail "$1: accepted"
	fi
	grep -q "ERROR:  $4:" "$tmp/$1.err" || fail "$1: expected SQLSTATE $4, got: $(cat "$tmp/$1.err")"
}

# the good bytes of 05562020 are accepted
row '\000\000\000\005' '\001\001\123\172\223' > "$tmp/one.bin"
$PSQL -c "\\copy siko_ags_binary_test FROM '$tmp/one.bin' (FORMAT binary)"
got=$($PSQL -At -c "SELECT count(*) FROM siko_ags_binary_test WHERE a::text = '05562020'")
[ "$got" = 2 ] || fail "05562020 from crafted bytes: count $got"

expect_error land17 '\000\000\000\005' '\001\004\015\231\000' 22P03
expect_error kreis_with_gemeinde_digits '\000\000\000\005' '\001\001\123\172\222' 22P03
expect_error zero '\000\000\000\005' '\001\000\000\000\000' 22P03
expect_error all_ones '\000\000\000\005' '\001\377\377\377\377' 22P03
expect_error version2 '\000\000\000\005' '\002\001\123\172\223' 22P03
expect_error short '\000\000\000\003' '\001\001\123' 08P01
grep -q 'invalid binary value for type ags: 68000000' "$tmp/land17.err" && grep -q 'DETAIL:  The code 68000000 stands for Land 17' "$tmp/land17.err" || fail "land17: message: $(cat "$tmp/land17.err")"
echo "ags_binary: ok"
