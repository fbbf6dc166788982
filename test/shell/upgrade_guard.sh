#!/bin/bash
# The harness, run as root where the server headers are missing, installs
# the headers of the installed server's exact version, and never upgrades
# the installed server silently: where that version is gone from the
# archive it stops, names the packages that would be upgraded and the
# command that accepts it (SIKO_ALLOW_UPGRADE=1).  apt-get, apt-cache,
# dpkg-query, id and pg_config are stand-ins here that act out a machine
# with server 15.18 and an archive at 15.20: nothing is installed.
set -u
cd "$(dirname "$0")/../.."
STUB=$(mktemp -d)
trap 'rm -rf "$STUB"' EXIT
mkdir -p "$STUB/bin" "$STUB/share/extension" "$STUB/include"
touch "$STUB/share/extension/pgtap.control"
stub() { printf '#!/bin/bash\n%s\n' "$2" >"$STUB/bin/$1" && chmod 755 "$STUB/bin/$1"; }
stub id 'echo 0'
stub pg_prove 'exit 0'
stub pg_config "case \$1 in
	--version) echo 'PostgreSQL 15.18' ;;
	--includedir-server) echo '$STUB/include' ;;
	--pgxs) echo '$STUB/none/pgxs.mk' ;;
	--sharedir) echo '$STUB/share' ;;
esac"
stub dpkg-query 'case ${@: -1} in
	postgresql-15|libpq5) echo "ii  15.18-0+deb12u1" ;;
	*) exit 1 ;;
esac'
stub apt-cache 'echo "  Candidate: 15.20-0+deb12u1"'
# apt-get: -s acts out the archive (15.18 there only with HAVE_OLD=1); a
# real install is only written down.
stub apt-get 'case " $* " in
	*" update "*) exit 0 ;;
	*" -s "*)
		if [ "${HAVE_OLD:-0}" = 1 ]; then
			echo "Inst postgresql-server-dev-15 (15.18-0+deb12u1 Debian:12.9/oldstable [amd64])"
		elif [[ "$*" == *=15.18* ]]; then
			echo "E: Version '"'"'15.18-0+deb12u1'"'"' for '"'"'postgresql-server-dev-15'"'"' was not found" >&2; exit 100
		else
			echo "Inst libpq5 [15.18-0+deb12u1] (15.20-0+deb12u1 Debian-Security:12/oldstable-security [amd64])"
			echo "Inst postgresql-client-15 [15.18-0+deb12u1] (15.20-0+deb12u1 Debian-Security:12/oldstable-security [amd64])"
			echo "Inst postgresql-server-dev-15 (15.20-0+deb12u1 Debian-Security:12/oldstable-security [amd64])"
		fi ;;
	*) echo "$*" >>"$APT_LOG" ;;
esac'

fail=0
check() {	# name, then the command that must succeed
	local name=$1; shift
	if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fail=1; fi
}
harness() {	# env...: bash test/run.sh deps with the stand-ins; output in $STUB/out
	: >"$STUB/apt.log"
	env "$@" PATH="$STUB/bin:$PATH" SIKO_PG_CONFIG="$STUB/bin/pg_config" APT_LOG="$STUB/apt.log" \
		bash test/run.sh deps >"$STUB/out" 2>&1
}

harness
check "gone from the archive: it stops" test $? = 1
check "and installs nothing" test ! -s "$STUB/apt.log"
check "it names what would be upgraded" grep -q 'postgresql-client-15 15.18-0+deb12u1 -> 15.20-0+deb12u1' "$STUB/out"
check "and the command that accepts it" grep -q 'SIKO_ALLOW_UPGRADE=1 make test' "$STUB/out"

harness SIKO_ALLOW_UPGRADE=1
check "SIKO_ALLOW_UPGRADE=1: the archive's headers are installed" \
	grep -q -x 'install -y -q postgresql-server-dev-15' "$STUB/apt.log"

harness HAVE_OLD=1
check "the exact version in the archive: its headers and libpq-dev are installed unasked" \
	grep -q -x 'install -y -q libpq-dev=15.18-0+deb12u1 postgresql-server-dev-15=15.18-0+deb12u1' "$STUB/apt.log"

[ "$fail" = 0 ] || { cat "$STUB/out" "$STUB/apt.log"; }
exit $fail
