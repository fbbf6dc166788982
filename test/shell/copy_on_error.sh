#!/bin/bash
# COPY ... WITH (ON_ERROR ignore) (PostgreSQL 17 and later) over siko's
# types: a generated file of 10,000 rows with 37 bad keys, dates and periods
# loads the 9,963 good rows, and the server says it skipped 37.  The types'
# input functions report bad input softly; a hard error would abort the COPY.
#
# Needs PGHOST, PGPORT, PGUSER, PGDATABASE (siko installed) and SIKO_BINDIR.
set -u
PSQL="${SIKO_BINDIR:-}/psql"
[ -x "$PSQL" ] || PSQL=psql
command -v "$PSQL" >/dev/null || exit 77
a() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

version=$(a "SHOW server_version_num") || exit 1
if [ "$version" -lt 170000 ]; then
	echo "skipped: COPY ... ON_ERROR needs PostgreSQL 17 or later (this is $version)"
	exit 77
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Every 270th row is bad, in turn in its key, its date and its period.
awk 'BEGIN {
	for (i = 1; i <= 10000; i++) {
		key = sprintf("%02d%06d", i % 16 + 1, i);
		day = sprintf("%d-%02d", 2000 + i % 24, i % 12 + 1);
		per = sprintf("%d/%d", 1990 + i % 30, 2000 + i % 30);
		if (i % 270 == 0) {
			bad = (i / 270) % 3;
			if (bad == 0) key = "0556202";
			if (bad == 1) day = "2023-13";
			if (bad == 2) per = "2023-05/2023-02";
		}
		printf "%d\t%s\t%s\t%s\n", i, key, day, per;
	}
}' >"$WORK/rows.tsv"

fail=0
check() {	# name expected got
	if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "not ok - $1: expected '$2', got '$3'"; fail=1; fi
}

a "CREATE TABLE copy_on_error (n int, key siko.ags, day siko.fuzzydate, term siko.period)" || exit 1
out=$("$PSQL" -X -q -At -v ON_ERROR_STOP=1 \
	-c "\\copy copy_on_error FROM '$WORK/rows.tsv' WITH (ON_ERROR ignore)" 2>&1)
rc=$?
check "COPY ... ON_ERROR ignore succeeds" 0 "$rc"
check "the server's notice of the skipped rows" \
	"NOTICE:  37 rows were skipped due to data type incompatibility" "$out"
check "the good rows are loaded" 9963 "$(a "SELECT count(*) FROM copy_on_error")"
check "no bad row is loaded" 0 "$(a "SELECT count(*) FROM copy_on_error WHERE n % 270 = 0")"
check "a loaded row reads back as written" "02005761|2001-02|1991/2001" \
	"$(a "SELECT concat_ws('|', key, day, term) FROM copy_on_error WHERE n = 5761")"
a "DROP TABLE copy_on_error"
exit $fail
