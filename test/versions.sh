#!/usr/bin/env bash
# test/versions.sh: `make test` on other PostgreSQL major versions, each in a
# Debian chroot of the suite that packages it (make test-versions).
#
#   bash test/versions.sh       every version below; one "pgNN: N passed,
#                               N failed" line each, the total last
#   bash test/versions.sh bench NAME
#                               test/bench/NAME.sh in each chroot instead
#                               (EVENTS, RUNS, PGB_SECONDS, NO_UNNEST passed on)
#
#   SIKO_VERSIONS="17:trixie 18:sid"   major:suite pairs to test
#   SIKO_CHROOT_CACHE=/var/cache/siko-versions
#                               where the chroots are kept between runs; a
#                               missing one (or one older than
#                               SIKO_CHROOT_MAX_DAYS=30 days, or built for
#                               another package list) is built anew
#   SIKO_DEBIAN_MIRROR=URL      the Debian archive (default: the one this
#                               machine's apt reads bookworm or its main suite from)
#   SIKO_TESTS=..., SIKO_SHELL=...   passed on to each version's make test
#   SIKO_TEST_DEB=1             passed on too (the default here: the Debian
#                               package of each version is built and tested)
#
# Each chroot is made with debootstrap (minbase) and holds that version's
# server, server headers and pgTAP from the suite's own archive.  The tests
# run in a copy of this tree (the files git knows, with their uncommitted
# changes) against that version's pg_config, with the harness of test/run.sh
# inside the chroot; /proc and /dev are mounted in a mount namespace of
# their own, so nothing is left mounted when a run ends, however it ends.
# Then a database made on this machine's own server (test/upgrade/data.sql:
# the registers with their history, a table of siko columns), dumped with
# its pg_dump, is restored there and must give the same as-of answers
# (test/upgrade/questions.sql) and read the binary COPY of its table.
#
# A version whose suite cannot be fetched or whose packages cannot be
# installed is reported as skipped, with the reason: an outage of the
# archive does not fail the run.  A failure of siko's build or of any test
# does.  Needs root (debootstrap, chroot, mount).
set -u -o pipefail
umask 022

VERSIONS=${SIKO_VERSIONS:-17:trixie 18:sid}
CACHE=${SIKO_CHROOT_CACHE:-/var/cache/siko-versions}
MAX_DAYS=${SIKO_CHROOT_MAX_DAYS:-30}

top=$(cd "$(dirname "$0")/.." && pwd -P) || exit 2
cd "$top" || exit 2

say() { printf '%s\n' "$*"; }

# The packages of a chroot for major version $1: the server, its headers,
# pgTAP and pg_prove, the build tools, and what the tests of make test use
# (clang's libFuzzer for the fuzz targets, git for make dist, python3, and
# the Debian packaging tools for the package test, which runs there).
chroot_packages() {
	echo "postgresql-$1 postgresql-server-dev-$1 postgresql-$1-pgtap" \
		"libtap-parser-sourcehandler-pgtap-perl make gcc libc6-dev clang libclang-rt-dev git python3" \
		"debhelper dpkg-dev postgresql-server-dev-all"
}

# The Debian archive this machine's apt uses (the site of its main suite).
debian_mirror() {
	[ -n "${SIKO_DEBIAN_MIRROR:-}" ] && { echo "$SIKO_DEBIAN_MIRROR"; return; }
	apt-get indextargets --format '$(SITE) $(CODENAME) $(LABEL)' 2>/dev/null |
		awk '$3 == "Debian" && $2 !~ /-/ { print $1; exit }'
}

# in_chroot DIR CMD...: CMD as root in the chroot DIR, with /proc and /dev
# mounted in a private mount namespace (gone when CMD ends).
in_chroot() {
	local dir=$1
	shift
	cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null
	unshare --mount --propagation private sh -c '
		d=$1; shift
		mount -t proc proc "$d/proc" && mount --rbind /dev "$d/dev" || exit 125
		exec chroot "$d" env -i HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"' sh "$dir" "$@"
}

# build_chroot MAJOR SUITE DIR: a chroot with MAJOR's packages in DIR, or a
# reason in DIR.skip.  The chroot is made in DIR.new and renamed when done.
build_chroot() {
	local major=$1 suite=$2 dir=$3 new=$3.new mirror opt="" p pkgs
	pkgs=$(chroot_packages "$major")
	rm -rf "$new" "$dir.skip"
	mirror=$(debian_mirror)
	[ -n "$mirror" ] || { echo "no Debian archive in this machine's apt sources (set SIKO_DEBIAN_MIRROR)" >"$dir.skip"; return 1; }
	say "== pg$major: debootstrap $suite from $mirror"
	if ! debootstrap --variant=minbase "$suite" "$new" "$mirror" >"$dir.log" 2>&1; then
		echo "debootstrap of $suite failed: $(grep -E '^(E|W):' "$dir.log" | tail -1)" >"$dir.skip"
		return 1
	fi
	# sid's Release file may be past its Valid-Until date: accept that for
	# sid alone.
	[ "$suite" != sid ] || opt=" [check-valid-until=no]"
	echo "deb$opt $mirror $suite main" >"$new/etc/apt/sources.list"
	# No service starts inside the chroot (postgresql's postinst would).
	printf '#!/bin/sh\nexit 101\n' >"$new/usr/sbin/policy-rc.d" && chmod 755 "$new/usr/sbin/policy-rc.d"
	if ! in_chroot "$new" apt-get update -q >>"$dir.log" 2>&1; then
		echo "apt-get update in $suite failed: $(grep -E '^(E|W):' "$dir.log" | tail -1)" >"$dir.skip"
		return 1
	fi
	for p in $pkgs; do
		if ! in_chroot "$new" apt-cache show "$p" >/dev/null 2>&1; then
			echo "$suite has no package $p" >"$dir.skip"
			return 1
		fi
	done
	say "== pg$major: installing $pkgs"
	# shellcheck disable=SC2086
	if ! in_chroot "$new" apt-get install -y -q --no-install-recommends $pkgs >>"$dir.log" 2>&1; then
		echo "apt-get install in $suite failed: $(grep -E '^(E|W):' "$dir.log" | tail -1)" >"$dir.skip"
		return 1
	fi
	in_chroot "$new" apt-get clean >/dev/null 2>&1
	echo "$suite $pkgs" >"$new/.siko-chroot"
	rm -rf "$dir" && mv "$new" "$dir"
}

# chroot_ready MAJOR SUITE DIR: DIR holds a chroot built for this package
# list and not too old.
chroot_ready() {
	local stamp=$3/.siko-chroot
	[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$2 $(chroot_packages "$1")" ] &&
		[ -z "$(find "$stamp" -mtime "+$MAX_DAYS")" ]
}

# counted CHROOT CMD...: CMD in the chroot, its output shown; adds the
# counts of its last "N passed, N failed" line to V_PASSED and V_FAILED (a
# failure that printed no such line, or exited non-zero with none failed,
# counts as one failed).
V_PASSED=0 V_FAILED=0
counted() {
	local dir=$1 log rc last p f
	shift
	log=$(mktemp)
	in_chroot "$dir" "$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	rm -f "$log"
	p=${last%% passed*} f=${last#*passed, } f=${f%% failed}
	if [ -z "$last" ]; then p=0 f=1; fi
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	V_PASSED=$((V_PASSED + p)) V_FAILED=$((V_FAILED + f))
}

# test_in MAJOR DIR: make test in a copy of the tree in the chroot DIR, then
# the restore of the dump in $UPGRADE_DIR (if any); sets V_PASSED, V_FAILED.
test_in() {
	local major=$1 dir=$2 src pgc
	V_PASSED=0 V_FAILED=0
	src=$(mktemp -d "$dir/tmp/siko.XXXXXX") || { V_FAILED=1; return; }
	chmod 755 "$src"
	if git rev-parse --git-dir >/dev/null 2>&1; then
		git ls-files -z --cached --others --exclude-standard |
			tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$src"
		# a checkout of its own with this one's history, for the tests that
		# use git (make dist, the install scripts of released versions); the
		# uncommitted changes as one commit on top
		{ git -C "$src" init -q && git -C "$src" fetch -q "$top" HEAD &&
			git -C "$src" update-ref HEAD FETCH_HEAD && git -C "$src" add -A &&
			{ git -C "$src" diff --cached --quiet ||
				git -C "$src" -c user.name=siko -c user.email=siko@localhost commit -q -m "uncommitted changes"; }
		} >/dev/null 2>&1
	else
		tar --exclude=./.git -cf - . | tar -xf - -C "$src"
		make -C "$src" clean >/dev/null 2>&1
	fi
	pgc=/usr/lib/postgresql/$major/bin/pg_config
	if [ -n "$BENCH" ]; then
		say "== pg$major: benchmark test/bench/$BENCH.sh"
		in_chroot "$dir" env ${EVENTS:+"EVENTS=$EVENTS"} ${RUNS:+"RUNS=$RUNS"} ${PGB_SECONDS:+"PGB_SECONDS=$PGB_SECONDS"} \
			${NO_UNNEST:+"NO_UNNEST=$NO_UNNEST"} "SIKO_PG_CONFIG=$pgc" \
			bash -c 'cd "$1" && bash test/run.sh bench "$2"' sh "${src#"$dir"}" "$BENCH" || V_FAILED=1
		rm -rf "$src"
		return
	fi
	say "== pg$major: make test in a copy of the tree (pg_config of PostgreSQL $major)"
	counted "$dir" env ${SIKO_TESTS:+"SIKO_TESTS=$SIKO_TESTS"} ${SIKO_SHELL:+"SIKO_SHELL=$SIKO_SHELL"} "SIKO_TEST_DEB=${SIKO_TEST_DEB:-1}" "SIKO_PG_CONFIG=$pgc" \
		bash -c 'cd "$1" && make test' sh "${src#"$dir"}"
	if [ -n "$UPGRADE_DIR" ]; then
		say "== pg$major: the database dumped on this machine's server, restored"
		cp -r "$UPGRADE_DIR" "$src/.upgrade"
		counted "$dir" env "SIKO_PG_CONFIG=$pgc" \
			bash -c 'cd "$1" && bash test/run.sh upgrade-check .upgrade' sh "${src#"$dir"}"
	fi
	rm -rf "$src"
}

# upgrade_dump: a database of test/upgrade/data.sql on this machine's own
# server, dumped into UPGRADE_DIR for test_in to restore (or UPGRADE_DIR
# empty and a line saying why not).
UPGRADE_DIR="" UPGRADE_TMP=""
upgrade_dump() {
	[ -z "$UPGRADE_TMP" ] || return 0
	UPGRADE_TMP=$(mktemp -d "$CACHE/upgrade.XXXXXX") && chmod 755 "$UPGRADE_TMP" || return 0
	trap 'rm -rf "$UPGRADE_TMP" "$UPGRADE_TMP.log"' EXIT
	if bash test/run.sh upgrade-dump "$UPGRADE_TMP" >"$UPGRADE_TMP.log" 2>&1; then
		UPGRADE_DIR=$UPGRADE_TMP
		say "$(tail -n 1 "$UPGRADE_TMP.log")"
	else
		say "== no dump of this machine's server to restore (skipped):"
		tail -n 5 "$UPGRADE_TMP.log"
	fi
}

main() {
	local v major suite dir t0=$SECONDS passed=0 failed=0 tested=0 skipped=0 why="" pids=() lines=()
	if [ "$(id -u)" != 0 ]; then
		why="needs root (debootstrap, chroot and mount)"
	elif ! command -v debootstrap >/dev/null 2>&1; then
		say "== installing debootstrap"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null 2>&1 ||
			{ apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null 2>&1; } ||
			why="debootstrap cannot be installed"
	fi
	if [ -z "$why" ]; then
		mkdir -p "$CACHE" || why="cannot create $CACHE"
	fi
	if [ -n "$why" ]; then
		for v in $VERSIONS; do say "pg${v%%:*}: skipped: $why"; done
		say "0 passed, 0 failed"
		return 0
	fi
	# One run at a time per cache.
	exec 9>"$CACHE/.lock"
	flock 9
	# The missing chroots are built side by side: most of the time is spent
	# waiting for the archive.
	for v in $VERSIONS; do
		major=${v%%:*} suite=${v#*:} dir=$CACHE/$suite-pg$major
		if chroot_ready "$major" "$suite" "$dir"; then
			say "== pg$major: chroot $dir (cached)"
		else
			build_chroot "$major" "$suite" "$dir" &
			pids+=($!)
		fi
	done
	for v in "${pids[@]}"; do wait "$v"; done
	say "== chroots ready after $((SECONDS - t0)) s"
	for v in $VERSIONS; do
		major=${v%%:*} suite=${v#*:} dir=$CACHE/$suite-pg$major
		if ! chroot_ready "$major" "$suite" "$dir"; then
			lines+=("pg$major: skipped: $(cat "$dir.skip" 2>/dev/null || echo "no chroot")")
			say "${lines[-1]}"
			[ ! -f "$dir.log" ] || tail -n 5 "$dir.log"
			skipped=$((skipped + 1))
			continue
		fi
		[ -n "$BENCH" ] || upgrade_dump
		test_in "$major" "$dir"
		if [ -n "$BENCH" ]; then
			lines+=("pg$major: benchmark $BENCH $([ "$V_FAILED" = 0 ] && echo done || echo FAILED)")
		else
			lines+=("pg$major: $V_PASSED passed, $V_FAILED failed")
		fi
		passed=$((passed + V_PASSED)) failed=$((failed + V_FAILED)) tested=$((tested + 1))
	done
	say "== versions: $tested tested, $skipped skipped, in $((SECONDS - t0)) s"
	for v in "${lines[@]}"; do say "$v"; done
	[ -n "$BENCH" ] || say "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}

BENCH=""
if [ "${1:-}" = bench ]; then
	BENCH=${2:?bench needs the name of a benchmark in test/bench}
	[ -f "test/bench/$BENCH.sh" ] || { echo "no benchmark test/bench/$BENCH.sh" >&2; exit 2; }
fi
main
