#!/bin/bash
# Install the built postgresql-<pg>-siko package into a clean throwaway
# cluster and run CREATE EXTENSION siko there.
#
#   deb_install_test.sh [DEBDIR [PGVERSION]]   (default build/deb, every
#                                   version whose package and server are there)
#
# The package is unpacked into a private copy of the server (the system's
# server tree stays untouched), with any siko files of that copy removed
# first, so only the package's own files are tested.  As root, dpkg checks
# that the package's dependencies are met on this machine.
set -eu
cd "$(dirname "$0")/../.."
DIR=${1:-build/deb}
VERSION=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" siko.control)
PGV=${2:-}
if [ -z "$PGV" ]; then
	rc=0 n=0
	for DEB in "$DIR"/postgresql-*-siko_*.deb; do
		[ -e "$DEB" ] || break
		PGV=${DEB##*/postgresql-} PGV=${PGV%%-siko_*}
		[ -d "/usr/lib/postgresql/$PGV/bin" ] || { echo "PostgreSQL $PGV: its server is not installed, skipped"; continue; }
		echo "== PostgreSQL $PGV"
		bash "$0" "$DIR" "$PGV" || rc=1
		n=$((n + 1))
	done
	[ "$n" -gt 0 ] || { echo "FAIL: no postgresql-NN-siko_*.deb of an installed server in $DIR (run make deb)"; exit 1; }
	exit $rc
fi
DEB=$(ls "$DIR"/postgresql-"$PGV"-siko_*.deb 2>/dev/null | head -1)
[ -n "$DEB" ] || { echo "FAIL: no postgresql-$PGV-siko_*.deb in $DIR (run make deb)"; exit 1; }
[ -d "/usr/lib/postgresql/$PGV/bin" ] || { echo "SKIP: PostgreSQL $PGV server is not installed"; exit 77; }

TMP=$(mktemp -d)
chmod 755 "$TMP"
ROOT=$TMP/root
DATA=$TMP/data
BIN=$ROOT/usr/lib/postgresql/$PGV/bin
AS=()
[ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)
cleanup() {
	if [ -f "$DATA/postmaster.pid" ]; then
		(cd / && "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1) || true
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT

echo "package: $(dpkg-deb -f "$DEB" Package) $(dpkg-deb -f "$DEB" Version), depends: $(dpkg-deb -f "$DEB" Depends)"
if [ "$(id -u)" = 0 ]; then
	dpkg --dry-run -i "$DEB" >"$TMP/dpkg.log" 2>&1 ||
		{ cat "$TMP/dpkg.log"; echo "FAIL: dpkg would not install $DEB here"; exit 1; }
	echo "ok: dpkg --dry-run -i accepts it (dependencies met)"
fi

mkdir -p "$ROOT/usr/lib/postgresql" "$ROOT/usr/share/postgresql"
cp -a "/usr/lib/postgresql/$PGV" "$ROOT/usr/lib/postgresql/"
cp -a "/usr/share/postgresql/$PGV" "$ROOT/usr/share/postgresql/"
rm -rf "$ROOT/usr/lib/postgresql/$PGV/lib/siko.so" "$ROOT/usr/lib/postgresql/$PGV/lib/bitcode/siko" \
	"$ROOT/usr/lib/postgresql/$PGV/lib/bitcode/siko.index.bc" "$ROOT"/usr/share/postgresql/"$PGV"/extension/siko[.-]*
dpkg-deb -x "$DEB" "$ROOT"
[ -f "$ROOT/usr/share/postgresql/$PGV/extension/siko.control" ] ||
	{ echo "FAIL: the package has no extension/siko.control"; exit 1; }
echo "ok: unpacked $(dpkg-deb -c "$DEB" | grep -vc '/$') files into a copy of the PostgreSQL $PGV server"

[ ${#AS[@]} -gt 0 ] && chown -R postgres "$TMP"
(cd / && "${AS[@]}" "$BIN/initdb" -D "$DATA" -A trust -U postgres >"$TMP/initdb.log" 2>&1) ||
	{ cat "$TMP/initdb.log"; echo "FAIL: initdb"; exit 1; }
(cd / && "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -w -l "$TMP/server.log" \
	-o "-k $TMP -c listen_addresses='' -p 5432" start >/dev/null) ||
	{ cat "$TMP/server.log"; echo "FAIL: the server did not start"; exit 1; }

OUT=$(PGOPTIONS="-c client_min_messages=warning" "$BIN/psql" -X -q -h "$TMP" -p 5432 -U postgres -d postgres -v ON_ERROR_STOP=1 -At <<'SQL'
CREATE EXTENSION siko CASCADE;
SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'siko';
SELECT count(*) FROM pg_catalog.pg_depend
 WHERE refclassid = 'pg_catalog.pg_extension'::regclass AND deptype = 'e'
   AND refobjid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'siko');
SQL
) || { tail -5 "$TMP/server.log"; echo "FAIL: CREATE EXTENSION siko from the package"; exit 1; }
GOT_VERSION=$(sed -n 1p <<<"$OUT")
NOBJ=$(sed -n 2p <<<"$OUT")
[ "$GOT_VERSION" = "$VERSION" ] || { echo "FAIL: installed version $GOT_VERSION, want $VERSION"; exit 1; }
[ "$NOBJ" -gt 0 ] || { echo "FAIL: the extension installed from the package has no objects"; exit 1; }
echo "ok: CREATE EXTENSION siko CASCADE in a fresh cluster: version $GOT_VERSION, $NOBJ member objects"

# The demo register loads and answers from the package's files alone.
N=$(PGOPTIONS="-c client_min_messages=warning" "$BIN/psql" -X -q -h "$TMP" -p 5432 -U postgres -d postgres \
	-v ON_ERROR_STOP=1 -At -c "SELECT siko.load_register('siko-ruhr')" \
	-c "SELECT count(*) FROM siko.members_as_of('siko-ruhr', DATE '2023-10-01') WHERE certain" | tail -n 1) ||
	{ tail -5 "$TMP/server.log"; echo "FAIL: siko.load_register('siko-ruhr') in the packaged extension"; exit 1; }
[ "$N" -gt 0 ] || { echo "FAIL: no certain member of siko-ruhr on 2023-10-01 after loading the register"; exit 1; }
echo "ok: siko.load_register('siko-ruhr'), then siko.members_as_of: $N certain members on 2023-10-01"
echo "deb_install_test: all checks passed"
