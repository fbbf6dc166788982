#!/bin/bash
# Build the Debian source and binary packages of siko with dpkg-buildpackage
# from the tracked files of the working tree (uncommitted changes included),
# in a temporary directory, one binary package per installed server version;
# copy the .deb files to OUTDIR.
#
#   build_deb.sh [OUTDIR]      (default build/deb)
#
# Installs the build dependencies when they are missing and we are root.
set -eu
cd "$(dirname "$0")/../.."
OUT=${1:-build/deb}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

VERSION=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" siko.control)
DEBVERSION=$(dpkg-parsechangelog -S Version)
[ "${DEBVERSION%-*}" = "$VERSION" ] ||
	{ echo "debian/changelog has version $DEBVERSION, siko.control $VERSION: add a changelog entry"; exit 1; }

if ! dpkg-checkbuilddeps >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		echo "installing the build dependencies"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
			debhelper postgresql-server-dev-all dpkg-dev build-essential >/dev/null
	fi
	dpkg-checkbuilddeps
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
chmod 755 "$TMP"
# The tracked files as they are now: a stash commit when there are
# uncommitted changes, HEAD otherwise.
TREE=$(git stash create)
TREE=${TREE:-HEAD}
git archive --format=tar.gz --prefix="siko-$VERSION/" -o "$TMP/siko_$VERSION.orig.tar.gz" "$TREE"
tar -xzf "$TMP/siko_$VERSION.orig.tar.gz" -C "$TMP"

# One package postgresql-NN-siko per server version NN whose headers are
# installed (debian/pgversions: 15 and later): debian/control is made for
# them from debian/control.in.
export PG_SUPPORTED_VERSIONS=installed
echo "packages for PostgreSQL $(cd "$TMP/siko-$VERSION" && pg_buildext supported-versions | xargs)"
echo "dpkg-buildpackage -us -uc in a temporary directory (log: $OUT/build.log)"
if ! (cd "$TMP/siko-$VERSION" && pg_buildext updatecontrol && dpkg-buildpackage -us -uc) >"$OUT/build.log" 2>&1; then
	tail -30 "$OUT/build.log"
	echo "dpkg-buildpackage failed"
	exit 1
fi
rm -f "$OUT"/*.deb
cp "$TMP"/*.deb "$OUT"/
ls -l "$OUT"/*.deb
