#!/bin/sh
# period_binary.sh: binary send/receive of siko.period.
# Values survive a binary COPY round trip, and binary input is checked as
# strictly as text input (wrong version, broken fields, end before start).
set -eu
PSQL="${SIKO_BINDIR:+$SIKO_BINDIR/}psql"
psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose "$@"; }

# hex digits to bytes, with POSIX printf and awk only
hex2bin() {
	printf "$(printf '%s' "$1" | awk '{
		for (i = 1; i < length($0); i += 2) {
			h = index("0123456789abcdef", substr($0, i, 1)) - 1;
			l = index("0123456789abcdef", substr($0, i + 1, 1)) - 1;
			printf "\\%03o", h * 16 + l;
		} }')"
}
# a binary COPY stream of one row with one 23-byte field
copy_of() {
	hex2bin "5047434f50590aff0d0a00""00000000""00000000""0001""00000017$1""ffff"
}

fail=0
psql_ -c "CREATE TABLE siko_binary_test (p siko.period)"
trap 'psql_ -c "DROP TABLE IF EXISTS siko_binary_test" >/dev/null 2>&1 || true' EXIT

# round trip of every kind of value
psql_ -c "COPY (SELECT p::siko.period FROM (VALUES ('2023-10-01/..'), ('[2020-07..2022-03-03]/..'),
		('2020-06~/2024-12-31'), ('2015/2018'), ('2015/'), ('[..2015]/2018'), ('2020-21/2021-XX'))
		AS v(p)) TO STDOUT (FORMAT binary)" |
	psql_ -c "COPY siko_binary_test FROM STDIN (FORMAT binary)"
got=$(psql_ -At -c "SELECT string_agg(p::text, ' ' ORDER BY p) FROM siko_binary_test")
want=$(psql_ -At -c "SELECT string_agg(p::text, ' ' ORDER BY p) FROM (VALUES ('2023-10-01/..'::siko.period),
		('[2020-07..2022-03-03]/..'), ('2020-06~/2024-12-31'), ('2015/2018'), ('2015/'), ('[..2015]/2018'),
		('2020-21/2021-XX')) AS v(p)")
if [ "$got" != "$want" ]; then echo "round trip: got '$got', want '$want'"; fail=1; fi

# the wire form of 2015/2018: version 2, then lo, hi, form, qual, sub of each side
Y2015=00001567000016d3020000
Y2018=000019af00001b1b020000
psql_ -c "TRUNCATE siko_binary_test"
copy_of "02${Y2015}${Y2018}" | psql_ -c "COPY siko_binary_test FROM STDIN (FORMAT binary)"
got=$(psql_ -At -c "SELECT p::text FROM siko_binary_test")
if [ "$got" != "2015/2018" ]; then echo "wire form: got '$got'"; fail=1; fi
sent=$(psql_ -At -c "SELECT encode(siko.period_send('2015/2018'), 'hex')")
if [ "$sent" != "02${Y2015}${Y2018}" ]; then echo "send: got '$sent'"; fail=1; fi

# version 1 was written by siko 0.3, whose end was the first day without
# membership: read as the period of the same meaning
psql_ -c "TRUNCATE siko_binary_test"
copy_of "01${Y2015}${Y2018}" | psql_ -c "COPY siko_binary_test FROM STDIN (FORMAT binary)"
got=$(psql_ -At -c "SELECT p::text FROM siko_binary_test")
if [ "$got" != "2015/[2017-12-31..2018-12-30]" ]; then echo "wire version 1: got '$got'"; fail=1; fi

# rejected: name, the wire bytes, the SQLSTATE expected (a pattern)
reject() {
	out=$(copy_of "$2" | psql_ -c "COPY siko_binary_test FROM STDIN (FORMAT binary)" 2>&1) && {
		echo "$1: accepted"; fail=1; return 0; }
	case "$out" in
	*"ERROR:  "$3":"*) ;;
	*) echo "$1: want SQLSTATE $3, got: $out"; fail=1 ;;
	esac
}
reject "end before start" "02${Y2018}${Y2015}" 22P03
reject "end before start, version 1" "01${Y2018}${Y2015}" 22P03
reject "unknown version" "03${Y2015}${Y2018}" 22P03
reject "open start" "0200001567000016d30a0000${Y2018}" 22P03
reject "start lo after hi" "02000016d300001567020000${Y2018}" 22P03
reject "open end with a day" "02${Y2015}000000057fffffff0a0000" 22P03
reject "unknown end form" "02${Y2015}000019af00001b1b630000" 22P03
reject "unknown end form, version 1" "01${Y2015}000019af00001b1b630000" 22P03
exit $fail
