#!/bin/bash
# siko.fuzzydate binary I/O: COPY (FORMAT binary) round-trips every form,
# and binary input rejects exactly what text input rejects.
set -u
PSQL="${SIKO_BINDIR:+$SIKO_BINDIR/}psql -X -q -v ON_ERROR_STOP=1"
fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

$PSQL -c "CREATE TABLE IF NOT EXISTS fd_binary_test (f siko.fuzzydate);
          TRUNCATE fd_binary_test;
          INSERT INTO fd_binary_test SELECT v::siko.fuzzydate FROM unnest('{2023,2023-10~,2023-10-01%,202X?,20XX,2023-XX,2023-XX-XX,2023-10-XX,2020-24,2020-41,[2023-08-07..2023-08-13],[..2022-03-03],[2020-07..],-0044-03-15,Y12345,-4713-11-24}'::text[]) v;" || exit 1

$PSQL -c "\\copy fd_binary_test TO '$tmp/out.bin' (FORMAT binary)" || exit 1
$PSQL -c "CREATE TEMP TABLE back (f siko.fuzzydate)" \
      -c "\\copy back FROM '$tmp/out.bin' (FORMAT binary)" \
      -c "SELECT 1/(count(*) = 16 AND count(*) FILTER (WHERE b.f::text = a.f::text) = 16)::int
            FROM fd_binary_test a JOIN back b ON a.f OPERATOR(siko.=) b.f;" >/dev/null \
  || { echo "binary round trip failed"; fail=1; }

# one tuple of a binary COPY file holding the 12 given bytes (as printf escapes)
copyfile() {
  printf 'PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0' > "$tmp/in.bin"
  printf '\0\1\0\0\0\014' >> "$tmp/in.bin"
  printf "$1" >> "$tmp/in.bin"
  printf '\377\377' >> "$tmp/in.bin"
}
# expect: ok or the SQLSTATE
try() {
  local want=$1 bytes=$2 what=$3 got
  copyfile "$bytes"
  got=$($PSQL -v VERBOSITY=sqlstate -c "CREATE TEMP TABLE t (f siko.fuzzydate)" -c "\\copy t FROM '$tmp/in.bin' (FORMAT binary)" 2>&1)
  if [ "$want" = ok ]; then
    [ -z "$got" ] || { echo "FAIL $what: $got"; fail=1; }
  else
    case "$got" in *"$want"*) ;; *) echo "FAIL $what: want $want, got: $got"; fail=1 ;; esac
  fi
}
# 2023-10-01 is day 8674 = 0x000021e2
try ok    '\001\000\000\041\342\000\000\041\342\000\000\000' "an exact day"
try 22P03 '\002\000\000\041\342\000\000\041\342\000\000\000' "an unknown version"
try 22P03 '\001\000\000\041\342\000\000\041\343\000\000\000' "a day whose latest day is off"
try 22P03 '\001\000\000\041\342\000\000\041\342\012\000\000' "form OPEN is no fuzzydate"
try 22P03 '\001\000\000\041\342\000\000\041\342\000\004\000' "unknown qualifier bits"
try 22P03 '\001\000\000\041\342\000\000\041\342\000\000\025' "a sub-year code on a day"
try 22P03 '\001\177\377\377\377\177\377\377\377\000\000\000' "infinity as a day"
try 22P03 '\001\200\000\000\000\177\377\377\377\011\000\000' "a range open at both ends"

# the report: in the style of the other types' binary input, quoting the fields
copyfile '\001\000\000\041\342\000\000\041\343\000\000\000'
got=$($PSQL -c "CREATE TEMP TABLE t (f siko.fuzzydate)" -c "\\copy t FROM '$tmp/in.bin' (FORMAT binary)" 2>&1)
case "$got" in *'invalid binary value for type fuzzydate: (8674, 8675, form 0, qualifiers 0, code 0)'*'HINT:  Send the value in text form'*) ;;
  *) echo "FAIL the report of a bad binary value: $got"; fail=1 ;; esac

$PSQL -c "DROP TABLE fd_binary_test;"
exit $fail
