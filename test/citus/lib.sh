# test/citus/lib.sh: what the suites of test/citus share (sourced).
# q PORT SQL...: psql on the node of PORT, unaligned, tuples only
set -eu -o pipefail
: "${SIKO_CITUS_PORTS:?}" "${SIKO_CITUS_DB:?}" "${SIKO_LOCAL_DB:?}" "${SIKO_BINDIR:?}"
COORD=${SIKO_CITUS_PORTS%% *}
WORKERS=${SIKO_CITUS_PORTS#* }
q() { local port=$1; shift; PGPORT=$port "$SIKO_BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$SIKO_CITUS_DB" "$@"; }
qlocal() { PGPORT=$COORD "$SIKO_BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$SIKO_LOCAL_DB" "$@"; }
fails=0
TMPDIR_CITUS=$(mktemp -d)
trap 'rm -rf "$TMPDIR_CITUS"' EXIT
check() { # WHAT EXPECTED GOT
	if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "NOT OK: $1"; echo "  expected: $2"; echo "  got:      $3"; fails=$((fails + 1)); fi
}
finish() { [ "$fails" = 0 ]; }
