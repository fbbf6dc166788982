#!/usr/bin/env bash
# The upgrade path: every version of siko that an installed update script
# names (siko--A--B.sql) and that is not the default version is installed
# and updated with ALTER EXTENSION siko UPDATE; the result must have the
# same objects as a fresh install of the default version (pg_dump
# --schema-only --binary-upgrade, which writes out each object of the
# extension, without the lines that carry OIDs), the same territory rows,
# and no dependency on an extension the default version does not require.
# Also: every update script leads somewhere (its target is the default
# version or the start of another script), and every earlier version has a
# path to the default.
#
# Only the default version's install script is kept in the tree (as
# PostgreSQL's contrib modules do); the released install scripts are taken
# from the git history, from the last commit that had them, into the
# private server's share/extension directory for this test only, each with
# a secondary control file carrying the `requires` of its release.  Outside
# a git checkout with that history the test says so and fails.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"
sql() { "$SIKO_BINDIR/psql" -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

share=$("$SIKO_BINDIR/pg_config" --sharedir)/extension
[ -f "$share/siko.control" ] || { echo "no siko.control in $share"; exit 1; }
default=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$share/siko.control")
tmp=$(mktemp -d)
dbs=()

fresh_db() { # NAME [VERSION]
	dbs+=("$1")
	"$SIKO_BINDIR/createdb" "$1"
	PGOPTIONS='-c client_min_messages=warning' sql "$1" \
		"CREATE EXTENSION siko ${2:+VERSION '$2'} CASCADE" >/dev/null
}
objects() { # DB: siko's objects as pg_upgrade would dump them, sorted
	"$SIKO_BINDIR/pg_dump" --schema-only --binary-upgrade "$1" |
		grep -v -E 'binary_upgrade_set_|^--|^$|^SET |^SELECT pg_catalog.set_config|^\\(un)?restrict ' |
		sed -E -e "s/oid = '[0-9]+'/oid = 'OID'/g" -e "s/'\{[0-9,]+\}'/'{OIDS}'/g" | sort
}

top=$(cd "$(dirname "$0")/../.." && pwd -P)
added=()
trap 'rm -rf "$tmp"; rm -f "${added[@]/#/$share/}"; for db in "${dbs[@]}"; do "$SIKO_BINDIR/dropdb" --if-exists "$db" 2>/dev/null || true; done' EXIT

# The released install scripts, from the git history: the last commit that
# added or changed sql/siko--V.sql holds the script as it was released.
released() { # VERSION
	local c
	if ! git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
		echo "$top is not a git checkout: the install script of siko $1 (sql/siko--$1.sql) comes from the"
		echo "project's git history, which this test needs (run it in a full clone, as CI does)"
		return 1
	fi
	c=$(git -C "$top" log -1 --format=%H --diff-filter=AM -- "sql/siko--$1.sql")
	if [ -z "$c" ]; then
		echo "no commit of the git history holds sql/siko--$1.sql, the install script of siko $1"
		[ "$(git -C "$top" rev-parse --is-shallow-repository)" != true ] ||
			echo "(a shallow clone: run the test in a full clone, as CI does)"
		return 1
	fi
	git -C "$top" show "$c:sql/siko--$1.sql" >"$share/siko--$1.sql"
	added+=("siko--$1.sql")
	git -C "$top" show "$c:siko.control" | grep '^requires' >"$share/siko--$1.control" || true
	added+=("siko--$1.control")
	echo "siko $1: install script from commit $(git -C "$top" log -1 --format='%h (%ad)' --date=short "$c")"
}
(cd "$share" && ls siko--*--*.sql) | sed -e 's/^siko--//' -e 's/\.sql$//' -e 's/--/ /' |
	tr ' ' '\n' | sort -u | grep -v -x -F "$default" >"$tmp/released" || true
while read -r v; do
	[ -f "$share/siko--$v.sql" ] || released "$v" || exit 1
done <"$tmp/released"

territory() { sql "$1" "SELECT count(*) || ' ' || md5(string_agg(t::text, '|' ORDER BY t.ags)) FROM siko.territory t"; }

# versions named by the scripts
(cd "$share" && ls siko--*.sql) | sed -e 's/^siko--//' -e 's/\.sql$//' >"$tmp/scripts"
grep -v -- '--' "$tmp/scripts" >"$tmp/installs" || true
grep -- '--' "$tmp/scripts" | sed 's/--/ /' >"$tmp/updates" || true
grep -q -x -F "$default" "$tmp/installs" || { echo "no install script for the default version $default"; exit 1; }
bad=0
while read -r from to; do
	if [ "$to" != "$default" ] && ! awk -v v="$to" '$1 == v { f = 1 } END { exit !f }' "$tmp/updates"; then
		echo "siko--$from--$to.sql leads nowhere: $to is not $default and no script starts there"; bad=1
	fi
done <"$tmp/updates"
[ "$bad" = 0 ] || exit 1
{ cat "$tmp/installs"; awk '{ print $1; print $2 }' "$tmp/updates"; } | sort -u | grep -v -x -F "$default" >"$tmp/earlier" || true

fresh_db upgrade_fresh
objects upgrade_fresh >"$tmp/fresh"
[ "$(grep -c 'ALTER EXTENSION siko ADD' "$tmp/fresh")" -gt 50 ] ||
	{ echo "the dump does not list siko's objects"; exit 1; }

n=0
while read -r v; do
	[ -n "$v" ] || continue
	path=$(sql upgrade_fresh "SELECT path FROM pg_extension_update_paths('siko') WHERE source = '$v' AND target = '$default'")
	[ -n "$path" ] || { echo "no update path from $v to $default"; exit 1; }
	db="upgrade_from_$(echo "$v" | tr -c 'a-zA-Z0-9\n' '_')"
	fresh_db "$db" "$v"
	sql "$db" "ALTER EXTENSION siko UPDATE" 2>"$tmp/update.notices"
	# the update says, as CREATE EXTENSION does, that siko is not on the
	# database's search_path, with the command that puts it there
	grep -q "HINT:  Run ALTER DATABASE $db SET search_path = \"\$user\", public, siko;" "$tmp/update.notices" ||
		{ cat "$tmp/update.notices"; echo "$v: the update did not say that siko is not on the search_path"; exit 1; }
	[ "$(sql "$db" "SELECT extversion FROM pg_extension WHERE extname = 'siko'")" = "$default" ] ||
		{ echo "$v: ALTER EXTENSION siko UPDATE did not reach $default"; exit 1; }
	# an extension the old version required and the default does not stays
	# installed, but siko must no longer depend on it
	for e in $(sql "$db" "SELECT extname FROM pg_catalog.pg_extension WHERE extname <> ALL ('{$(sql upgrade_fresh "SELECT string_agg(extname, ',') FROM pg_catalog.pg_extension")}')"); do
		sql "$db" "DROP EXTENSION $e RESTRICT" ||
			{ echo "$v: after the update siko still depends on $e, which $default does not require"; exit 1; }
	done
	[ "$(territory "$db")" = "$(territory upgrade_fresh)" ] ||
		{ echo "$v updated along $path has other siko.territory rows than a fresh install of $default"; exit 1; }
	if ! objects "$db" | diff "$tmp/fresh" - >"$tmp/diff"; then
		head -n 30 "$tmp/diff"
		echo "$v updated along $path differs from a fresh install of $default (< fresh, > updated)"
		exit 1
	fi
	echo "$v -> $default ($path): the same objects as a fresh install"
	n=$((n + 1))
done <"$tmp/earlier"

# the comparison itself notices a changed object
fresh_db upgrade_changed
sql upgrade_changed "COMMENT ON FUNCTION siko.ags_level(siko.ags) IS 'changed'"
if objects upgrade_changed | diff -q "$tmp/fresh" - >/dev/null; then
	echo "the comparison does not notice a changed comment"; exit 1
fi

if [ "$n" = 0 ]; then
	echo "only version $default exists: it installs, no update script leads nowhere, nothing to update from"
else
	echo "$n earlier versions update to $default with the same objects as a fresh install"
fi
