#!/bin/bash
# PostgreSQL 18's temporal primary key beside siko (the README's example): a
# daterange column generated from siko.possible(period) carries
# PRIMARY KEY (..., WITHOUT OVERLAPS); two periods of a key that may overlap
# are refused with 23P01, periods that certainly do not are accepted.
#
# Needs PGHOST, PGPORT, PGUSER, PGDATABASE (siko installed) and SIKO_BINDIR.
set -u
PSQL="${SIKO_BINDIR:-}/psql"
[ -x "$PSQL" ] || PSQL=psql
command -v "$PSQL" >/dev/null || exit 77
a() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

version=$(a "SHOW server_version_num") || exit 1
if [ "$version" -lt 180000 ]; then
	echo "skipped: temporal primary keys need PostgreSQL 18 or later (this is $version)"
	exit 77
fi

fail=0
check() {	# name expected got
	if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "not ok - $1: expected '$2', got '$3'"; fail=1; fi
}

# the = part of the key on text needs btree_gist
a "CREATE EXTENSION IF NOT EXISTS btree_gist" || exit 1
a "CREATE TABLE membership (
	partner text NOT NULL,
	term siko.period NOT NULL,
	possible daterange GENERATED ALWAYS AS (siko.possible(term)) STORED,
	PRIMARY KEY (partner, possible WITHOUT OVERLAPS))" || exit 1
a "INSERT INTO membership (partner, term) VALUES ('Herten', '2015/2018'), ('Herten', '2019-03/..')" || exit 1
check "periods that certainly do not overlap are accepted" 2 "$(a "SELECT count(*) FROM membership")"
out=$("$PSQL" -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose \
	-c "INSERT INTO membership (partner, term) VALUES ('Herten', '2018-06/2019')" 2>&1)
check "a period that may overlap is refused (23P01)" 23P01 "$(sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p' <<<"$out" | head -n 1)"
check "the generated column holds siko.possible of the period" \
	"$(a "SELECT siko.possible('2015/2018'::siko.period)")" \
	"$(a "SELECT possible FROM membership WHERE partner = 'Herten' ORDER BY possible LIMIT 1")"
a "DROP TABLE membership"
exit $fail
