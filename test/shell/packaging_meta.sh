#!/bin/bash
# META.json validates against the PGXN meta-spec 1.0.0 and carries the
# control file's version; make dist (git archive) gives a tarball with
# everything a build needs, under siko-<version>/.
set -eu
cd "$(dirname "$0")/../.."
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
"$PY" test/packaging/validate_meta.py . || { echo "FAIL: META.json"; exit 1; }

# The validator must reject what it should: a broken copy of META.json.
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp -r siko.control README.md doc debian "$TMP/"
sed -e 's/"version": "[0-9.]*"/"version": "0.1"/' -e 's/"postgresql"/"postgres"/' \
	-e 's/"release_status": "unstable"/"release_status": "beta"/' META.json >"$TMP/META.json"
if "$PY" test/packaging/validate_meta.py "$TMP" >"$TMP/out"; then
	echo "FAIL: the validator accepts a META.json with a bad version, licence and status"; exit 1
fi
for want in 'version: .0.1. is not a semantic version' "license: 'postgres' is not one" 'release_status: must be one of'; do
	grep -q "$want" "$TMP/out" || { cat "$TMP/out"; echo "FAIL: the validator did not report /$want/"; exit 1; }
done
echo "ok: the validator rejects a bad version, licence and release status"

# The shipped territory file is the generator's extract of the Destatis file.
"$PY" test/data/gen-territory.py | cmp -s - sql/siko_territory_nrw.csv ||
	{ echo "FAIL: sql/siko_territory_nrw.csv is not what test/data/gen-territory.py writes"; exit 1; }
echo "ok: sql/siko_territory_nrw.csv is the extract test/data/gen-territory.py writes"

command -v git >/dev/null && git rev-parse --git-dir >/dev/null 2>&1 ||
	{ echo "SKIP: not a git checkout, so no make dist"; exit 77; }
VERSION=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" siko.control)
make -s dist DIST_DIR="$TMP" >"$TMP/dist.log" 2>&1 || { cat "$TMP/dist.log"; echo "FAIL: make dist"; exit 1; }
TARBALL=$TMP/siko-$VERSION.tar.gz
[ -f "$TARBALL" ] || { echo "FAIL: make dist made no siko-$VERSION.tar.gz"; exit 1; }
tar tzf "$TARBALL" >"$TMP/list"
for f in Makefile siko.control META.json README.md CHANGELOG.md doc/reference.md doc/tutorial.md sql/siko--0.1--0.2.sql sql/siko--0.2--0.3.sql sql/siko--0.4.sql sql/siko--0.3--0.4.sql sql/siko_territory_nrw.csv sql/siko_registers.json src/siko.c src/shipped.c src/core/siko_core.h \
	debian/control debian/rules test/packaging.mk; do
	grep -qx "siko-$VERSION/$f" "$TMP/list" || { echo "FAIL: siko-$VERSION.tar.gz lacks $f"; exit 1; }
done
echo "ok: make dist: siko-$VERSION.tar.gz with $(grep -vc '/$' "$TMP/list") files, all under siko-$VERSION/"
echo "packaging_meta: all checks passed"
