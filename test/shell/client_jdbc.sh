#!/bin/bash
# JDBC, the way JasperReports, BIRT and DBeaver connect: Debian's PostgreSQL
# JDBC driver with the installed JDK.  Checks that the as-of functions run as
# PreparedStatements with ? parameter markers, that no siko operator is taken
# for one, that siko.timeline and the columns of siko's own types read with
# getString, and that every value equals the server's own text output.
# The driver reaches the server's unix socket through junixsocket.
. "$(dirname "$0")/../clients/common.sh"

need_packages libpostgresql-jdbc-java libjunixsocket-java libjunixsocket-jni
command -v javac >/dev/null && command -v java >/dev/null ||
	skip "no JDK (javac and java) on PATH: install default-jdk-headless"

CP=/usr/share/java/postgresql.jar:/usr/share/java/junixsocket-common.jar
javac -d "$WORK" "$CLIENTS_DIR/SikoJdbcCheck.java" || fail "could not compile test/clients/SikoJdbcCheck.java"

make_references

SOCKET="$PGHOST/.s.PGSQL.$PGPORT"
urlenc() {
	local s=$1 i c out=""
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
			[A-Za-z0-9._~-]) out+=$c ;;
			*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf '%s' "$out"
}
URL="jdbc:postgresql://localhost:$PGPORT/$(urlenc "$PGDATABASE")?user=$(urlenc "$PGUSER")&sslmode=disable"
URL="$URL&socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory\$FactoryArg&socketFactoryArg=$(urlenc "$SOCKET")"

siko_operators | java -cp "$WORK:$CP" SikoJdbcCheck "$URL" "$WORK" "$COOP" "$DAY_BEFORE" "$DAY_JOINED" \
	"$HERTEN" "$GROWTH_FROM" "$GROWTH_TO" "$GROWTH_STEP" "$SETUP_SQL" ||
	fail "the JDBC program failed"

same members_before
same members_joined
same growth
same timeline
is_member_facts "$WORK/is_member.got"
echo "client_jdbc: all checks passed"
