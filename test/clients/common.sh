# Shared by the client tests in test/shell/client_*.sh (sourced, not run).
#
# Each client test reads the same results as psql does and compares them
# line by line with COPY ... TO STDOUT from the server itself, so the
# reference is the server's own text output, not a copy of it in the test.

set -eu

CLIENTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

: "${PGHOST:?PGHOST must name the socket directory of the server}"
: "${PGDATABASE:?PGDATABASE must name a database with siko installed}"
export PGHOST PGDATABASE
export PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-$(id -un)}

# psql: the one from SIKO_BINDIR when given, else the one on PATH.
PSQL=psql
if [ -n "${SIKO_BINDIR:-}" ] && [ -x "$SIKO_BINDIR/psql" ]; then
	PSQL=$SIKO_BINDIR/psql
fi

skip() {
	echo "SKIP: $*"
	exit 77
}

fail() {
	echo "FAIL: $*"
	exit 1
}

# need_packages PKG...: install the Debian packages when they are missing and
# we are root; skip the test when they are missing and we are not.
need_packages() {
	local missing="" p
	for p in "$@"; do
		if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
			missing="$missing $p"
		fi
	done
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" != 0 ]; then
		skip "the Debian packages$missing are not installed (run this test as root to have them installed, or: apt-get install$missing)"
	fi
	echo "installing$missing"
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >"$WORK/apt.log" 2>&1; then
		DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$WORK/apt.log" 2>&1 || true
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >>"$WORK/apt.log" 2>&1 ||
			{ tail -5 "$WORK/apt.log"; fail "could not install$missing"; }
	fi
}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"

# The register every client reads: the demo data of the SiKo Ruhr, loaded
# in the client's own transaction (rolled back at the end) unless the
# database already holds it.
COOP=siko-ruhr
SETUP_SQL="DO \$\$BEGIN IF NOT EXISTS (SELECT FROM siko.cooperation WHERE code = '$COOP') THEN PERFORM siko.load_register('$COOP'); END IF; END\$\$"

# The queries every client runs.  The clients send them with parameter
# markers and bound values; the reference is the same query with literals.
# Herten (AGS 05562020) joined on 1 October 2023 and was no member before.
DAY_BEFORE=2023-09-30
DAY_JOINED=2023-10-01
HERTEN=05562020
GROWTH_FROM=2019-01-01
GROWTH_TO=2026-01-01
GROWTH_STEP="1 month"
Q_MEMBERS="SELECT * FROM siko.members_as_of(?, ?)"
Q_GROWTH="SELECT * FROM siko.growth(?, ?, ?, CAST(? AS interval))"
Q_TIMELINE="SELECT * FROM siko.timeline"
Q_IS_MEMBER="SELECT siko.is_member(?, CAST(? AS siko.ags), ?)"

# reference NAME QUERY: the server's COPY text of QUERY (with the register
# loaded in the same transaction), sorted, into $WORK/NAME.expected.
reference() {
	"$PSQL" -X -q -v ON_ERROR_STOP=1 >"$WORK/$1.raw" <<EOF || fail "psql could not run: $2"
SET client_min_messages = warning;
BEGIN;
$SETUP_SQL;
COPY ($2) TO STDOUT;
ROLLBACK;
EOF
	mv "$WORK/$1.raw" "$WORK/$1.expected"
}

# same NAME: compare $WORK/NAME.got (sorted here) with NAME.expected.
# For the timeline, the *_id columns are left out: they number the rows of
# each load of the register, and the client and psql each load it anew.
same() {
	local f
	for f in got expected; do
		if [ "$1" = timeline ] && [ -n "${TIMELINE_IDS:-}" ]; then
			cut --complement -f "$TIMELINE_IDS" "$WORK/$1.$f"
		else
			cat "$WORK/$1.$f"
		fi | LC_ALL=C sort >"$WORK/$1.$f.cmp"
	done
	if ! diff -u "$WORK/$1.expected.cmp" "$WORK/$1.got.cmp" >"$WORK/$1.diff"; then
		head -20 "$WORK/$1.diff" | cut -c1-300
		fail "$1: the client read other values than the server's own text output"
	fi
	[ -s "$WORK/$1.expected" ] || fail "$1: the query returned no rows, so nothing was compared"
	echo "ok: $1 ($(wc -l <"$WORK/$1.expected") rows identical to the server's COPY output)"
}

# The binary operators of schema siko, as "LEFTTYPE OPERATOR RIGHTTYPE" lines.
siko_operators() {
	"$PSQL" -X -At -F ' ' -v ON_ERROR_STOP=1 -c "
SELECT format_type(o.oprleft, NULL), o.oprname, format_type(o.oprright, NULL)
  FROM pg_catalog.pg_operator o
 WHERE o.oprnamespace = 'siko'::regnamespace AND o.oprleft <> 0 AND o.oprright <> 0
 ORDER BY 1, 2, 3"
}

# The columns of the view siko.timeline and their types, "NAME TYPE" lines.
timeline_columns() {
	"$PSQL" -X -At -F ' ' -v ON_ERROR_STOP=1 -c "
SELECT attname, format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute
 WHERE attrelid = 'siko.timeline'::regclass AND attnum > 0 AND NOT attisdropped
 ORDER BY attnum"
}

# make_references: the expected results of every query the clients run.
make_references() {
	reference members_before "SELECT * FROM siko.members_as_of('$COOP', DATE '$DAY_BEFORE')"
	reference members_joined "SELECT * FROM siko.members_as_of('$COOP', DATE '$DAY_JOINED')"
	reference growth "SELECT * FROM siko.growth('$COOP', DATE '$GROWTH_FROM', DATE '$GROWTH_TO', interval '$GROWTH_STEP')"
	reference timeline "$Q_TIMELINE"
	timeline_columns >"$WORK/timeline.pgcols"
	TIMELINE_IDS=$(awk '$1 ~ /_id$/ { printf "%s%d", sep, NR; sep = "," }' "$WORK/timeline.pgcols")
	# A reporting tool has no infinite dates: ODBC, JDBC and Python each turn
	# them into some other day.  An unknown bound must be NULL.
	local col bad=""
	for col in $(awk '$2 == "date" { print $1 }' "$WORK/timeline.pgcols"); do
		n=$("$PSQL" -X -q -At -v ON_ERROR_STOP=1 -c "BEGIN; $SETUP_SQL; SELECT count(*) FROM siko.timeline WHERE NOT pg_catalog.isfinite($col); ROLLBACK")
		[ "$n" = 0 ] || bad="$bad $col ($n rows)"
	done
	[ -z "$bad" ] || fail "siko.timeline has infinite dates, which reporting tools read as wrong days, in:$bad"
	# A fixed fact of the demo data, independent of any client: Herten is a
	# certain member from its day of accession.
	awk -F '\t' -v a="$HERTEN" '$3 == a && $4 == "t"' "$WORK/members_joined.expected" | grep -q . ||
		fail "siko.members_as_of('$COOP', '$DAY_JOINED') has no certain member with AGS $HERTEN"
}

# is_member_facts FILE: FILE holds what a client read for siko.is_member on
# the day before and on the day Herten joined, one value a line.
is_member_facts() {
	printf 'f\nt\n' >"$WORK/is_member.want"
	diff -u "$WORK/is_member.want" "$1" || fail "siko.is_member('$COOP', '$HERTEN', day) read through the client is not false, then true"
	echo "ok: siko.is_member with bound parameters: false on $DAY_BEFORE, true on $DAY_JOINED"
}
