#!/bin/bash
# ODBC, the way Excel, Power BI and LibreOffice connect: psqlODBC through a
# DSN of unixODBC.  Checks that every column of siko.members_as_of,
# siko.growth and siko.timeline arrives with a standard ODBC type (siko's
# own types as character data, never as binary), that the values read as
# those types equal the server's own text output, that the as-of functions
# take ? parameter markers, and that no siko operator is taken for one.
. "$(dirname "$0")/../clients/common.sh"

need_packages odbc-postgresql unixodbc unixodbc-dev
command -v cc >/dev/null || skip "no C compiler (cc) to build the ODBC test program"

DRIVER=$(dpkg -L odbc-postgresql | grep '/psqlodbcw\.so$' | head -1)
[ -n "$DRIVER" ] || fail "odbc-postgresql installs no psqlodbcw.so"

cc -O1 -Wall -o "$WORK/odbc_check" "$CLIENTS_DIR/odbc_check.c" -lodbc ||
	fail "could not build test/clients/odbc_check.c against unixODBC"

# A DSN of our own: unixODBC reads odbcinst.ini from ODBCSYSINI and the DSN
# from ODBCINI.  Servername is the socket directory, as libpq's host is.
# BoolsAsChar=0 makes booleans SQL_BIT (psqlODBC's default sends them as
# the characters 1 and 0).
cat >"$WORK/odbcinst.ini" <<EOF
[PostgreSQL Unicode]
Description = psqlODBC (Unicode)
Driver = $DRIVER
EOF
cat >"$WORK/odbc.ini" <<EOF
[siko]
Driver = PostgreSQL Unicode
Servername = $PGHOST
Port = $PGPORT
Database = $PGDATABASE
Username = $PGUSER
BoolsAsChar = 0
SSLmode = disable
EOF
export ODBCSYSINI=$WORK ODBCINI=$WORK/odbc.ini

make_references

# Every binary siko operator between two parameter markers: the driver must
# count exactly two markers and the server must accept the statement.
OPS=()
while read -r lt op rt; do
	[ -n "$op" ] || continue
	OPS+=(-q "SELECT CAST(? AS $lt) OPERATOR(siko.$op) CAST(? AS $rt)" n: n:)
done < <(siko_operators)

"$WORK/odbc_check" siko -s "$SETUP_SQL" \
	-q "$Q_MEMBERS" "s:$COOP" "d:$DAY_BEFORE" \
	-q "$Q_MEMBERS" "s:$COOP" "d:$DAY_JOINED" \
	-q "$Q_GROWTH" "s:$COOP" "d:$GROWTH_FROM" "d:$GROWTH_TO" "s:$GROWTH_STEP" \
	-q "$Q_TIMELINE" \
	-q "$Q_IS_MEMBER" "s:$COOP" "s:$HERTEN" "d:$DAY_BEFORE" \
	-q "$Q_IS_MEMBER" "s:$COOP" "s:$HERTEN" "d:$DAY_JOINED" \
	"${OPS[@]}" >"$WORK/odbc.out" 2>"$WORK/odbc.err" ||
	{ cat "$WORK/odbc.err"; fail "the ODBC program failed"; }

# Split the output into one file per query (results and column lines).
awk -v dir="$WORK" '
	/^#query / { n++; next }
	/^#col /   { sub(/^#col /, ""); print > (dir "/q" n ".cols"); next }
	/^#/       { next }
	{ print > (dir "/q" n ".rows") }
	END { for (i = 1; i <= n; i++) { printf "" >> (dir "/q" i ".rows"); printf "" >> (dir "/q" i ".cols") } }
' "$WORK/odbc.out"

cp "$WORK/q1.rows" "$WORK/members_before.got"
cp "$WORK/q2.rows" "$WORK/members_joined.got"
cp "$WORK/q3.rows" "$WORK/growth.got"
cp "$WORK/q4.rows" "$WORK/timeline.got"
cat "$WORK/q5.rows" "$WORK/q6.rows" >"$WORK/is_member.got"

# col_types FILE: "name SQLTYPE" per column
col_types() { awk -F '\t' '{ print $1, $2 }' "$1"; }

# The result columns of the contract and the ODBC types they must have.
CHARS='SQL_(W)?(LONG)?VARCHAR'
check_cols() {
	local file=$1; shift
	local want got
	want=$(printf '%s\n' "$@")
	got=$(col_types "$file")
	if ! printf '%s\n' "$got" | paste -d ' ' - <(printf '%s\n' "$want") |
		awk '{ if ($1 != $3 || $2 !~ ("^" $4 "$")) { print "column " $1 " is " $2 ", want " $3 " as " $4; bad = 1 } } END { exit bad }'; then
		fail "$file: unexpected ODBC column types"
	fi
}
check_cols "$WORK/q1.cols" "partner $CHARS" "kind $CHARS" "ags $CHARS" "certain SQL_BIT" "period $CHARS"
check_cols "$WORK/q3.cols" "day SQL_TYPE_DATE" "certain SQL_INTEGER" "possible SQL_INTEGER"
echo "ok: members_as_of columns: $(col_types "$WORK/q1.cols" | tr '\n' ',' | sed 's/,$//')"
echo "ok: growth columns: $(col_types "$WORK/q3.cols" | tr '\n' ',' | sed 's/,$//')"

# siko.timeline has plain column types only; each maps to its ODBC type.
timeline_columns >"$WORK/timeline.pgcols"
paste -d ' ' <(col_types "$WORK/q4.cols") "$WORK/timeline.pgcols" | awk '
	{
		odbc = $2; pg = $4; for (i = 5; i <= NF; i++) pg = pg " " $i
		if ($1 != $3) { print "column " $1 " is " $3 " in the server"; bad = 1; next }
		if (pg == "text" || pg ~ /^character/) want = "^SQL_(W)?(LONG)?VARCHAR$"
		else if (pg == "date") want = "^SQL_TYPE_DATE$"
		else if (pg == "integer") want = "^SQL_INTEGER$"
		else if (pg == "boolean") want = "^SQL_BIT$"
		else { print "column " $1 " of siko.timeline has type " pg ", not text, date, integer or boolean"; bad = 1; next }
		if (odbc !~ want) { print "column " $1 " (" pg ") arrives as " odbc; bad = 1 }
	}
	END { exit bad }' || fail "siko.timeline: unexpected column types"
echo "ok: timeline: $(wc -l <"$WORK/timeline.pgcols") columns of types text, date, integer, boolean with their ODBC types"

same members_before
same members_joined
same growth
same timeline
is_member_facts "$WORK/is_member.got"

nops=$((${#OPS[@]} / 4))
got_ops=$(awk '/^#query / { op = ($0 ~ /OPERATOR\(siko\./) } /^#params 2$/ && op { n++ } END { print n + 0 }' "$WORK/odbc.out")
if [ "$got_ops" -ne "$nops" ]; then
	fail "the driver did not count two parameter markers in each of the $nops siko operator statements"
fi
echo "ok: $nops siko operators between two ? markers: two parameters each, and the statements ran"
echo "client_odbc: all checks passed"
