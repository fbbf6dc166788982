#!/bin/bash
# Build the Debian package and install it into a clean throwaway cluster
# (CREATE EXTENSION siko).  Takes about half a minute, so it runs only when
# asked for: SIKO_TEST_DEB=1 make test, or make deb-test.
set -eu
cd "$(dirname "$0")/../.."
if [ "${SIKO_TEST_DEB:-0}" != 1 ]; then
	echo "SKIP: building the Debian package runs only with SIKO_TEST_DEB=1 (or: make deb-test)"
	exit 77
fi
command -v dpkg-buildpackage >/dev/null || [ "$(id -u)" = 0 ] ||
	{ echo "SKIP: no dpkg-buildpackage (apt-get install dpkg-dev debhelper postgresql-server-dev-all)"; exit 77; }
[ "$(id -u)" = 0 ] && ! command -v dpkg-buildpackage >/dev/null &&
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends dpkg-dev >/dev/null
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
test/packaging/build_deb.sh "$OUT" || { echo "FAIL: building the package"; exit 1; }
test/packaging/deb_install_test.sh "$OUT"
