#!/usr/bin/env bash
# test/run.sh: the harness behind `make demo`, `make test` and the `make bench-*` benchmarks.
#
#   bash test/run.sh demo         build, throwaway cluster, run test/demo.sql
#   bash test/run.sh test         build, throwaway cluster, every test; last line
#                                 "N passed, N failed"
#   bash test/run.sh bench NAME   build, throwaway cluster, test/bench/NAME.sh
#   bash test/run.sh citus        build, a Citus coordinator and two workers,
#                                 test/citus/*.sh (make test-citus)
#   bash test/run.sh deps         only check for (and as root install) what is needed
#
#   SIKO_TESTS="regress pgtap unit fuzz shell"   the parts `test` runs (default: all)
#   SIKO_SHELL="upgrade cache_*"                  only the shell tests of these names or patterns
#   SIKO_PRELOAD=1                                the cluster with shared_preload_libraries = 'siko'
#   SIKO_FUZZ_RUNS=50000                          libFuzzer runs per target
#   SIKO_PG_CONFIG=/usr/lib/postgresql/NN/bin/pg_config   the server to copy
#   SIKO_SANITIZE=1                               build siko with AddressSanitizer
#                                 and UndefinedBehaviorSanitizer (in a copy of the
#                                 tree), preload their runtimes into the server,
#                                 and count their reports as failures (make test-asan);
#                                 where the preloaded runtime cannot start the
#                                 server, run the server under valgrind's memcheck
#   SIKO_SANITIZE=valgrind                        only the latter
#   SIKO_COVERAGE=1                               build siko with gcov (-O0 --coverage,
#                                 in a copy of the tree, so the plain build is
#                                 untouched), run the tests, and print the line
#                                 coverage of every file of src/ (make coverage)
#   SIKO_COVERAGE_OUT=DIR                         with SIKO_COVERAGE: keep gcov's annotated
#                                 sources (src#core#NAME.c.gcov) in DIR
#
# Why a private copy of the server: PostgreSQL's binaries find their share
# and lib directories relative to their own location.  A copy of the
# server's bin, lib and share directories in a temporary directory is a
# complete server whose pg_config points into that copy, so
# `make PG_CONFIG=<copy>/bin/pg_config install` installs siko there and
# nowhere else: no root, nothing left behind in the system's directories,
# and the extension under test is exactly the one just built.  The cluster
# runs as an unprivileged user (root hands over to postgres with runuser),
# listens on a unix socket in the same temporary directory only
# (listen_addresses=''), and is stopped and removed with the copy on exit,
# on failure and on Ctrl-C.
set -u -o pipefail
umask 022

MAKE=${MAKE:-make}
unset MAKELEVEL MAKEFLAGS MFLAGS

top=$(cd "$(dirname "$0")/.." && pwd -P) || exit 2
cd "$top" || exit 2

say() { printf '%s\n' "$*"; }
warn() { printf 'siko: %s\n' "$*" >&2; }
SUMMARY_ON_DIE=0
die() {
	warn "$*"
	# make test ends with its summary line even when it cannot get going
	[ "$SUMMARY_ON_DIE" = 0 ] || say "${PASSED:-0} passed, $((${FAILED:-0} + 1)) failed"
	exit 1
}

# ---------------------------------------------------------------------
# What is needed: server headers, pgTAP in the server, pg_prove
# ---------------------------------------------------------------------
# The pg_config of the server to test: SIKO_PG_CONFIG, else the one of the
# newest installed server, else the one on PATH.
sys_pg_config() {
	local c
	for c in "${SIKO_PG_CONFIG:-}" "$(newest_server_dir)/bin/pg_config" "$(command -v pg_config 2>/dev/null)"; do
		[ -n "$c" ] && [ -x "$c" ] && { echo "$c"; return 0; }
	done
	return 1
}

# /usr/lib/postgresql/NN of the newest installed server (Debian's layout).
newest_server_dir() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -n 1)
	[ -n "$d" ] && echo "${d%/bin/postgres}"
}

# The major version the packages are for: that of the pg_config found, else
# of the installed server, else of the archive's default server.
pg_major() {
	local pgc v=""
	if pgc=$(sys_pg_config); then
		v=$("$pgc" --version 2>/dev/null | sed -n 's/^PostgreSQL \([0-9][0-9]*\).*/\1/p')
	fi
	[ -n "$v" ] || { v=$(newest_server_dir) && v=${v##*/}; }
	[ -n "$v" ] || v=$(apt-cache depends postgresql 2>/dev/null | sed -n 's/.*Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n 1)
	echo "${v:-NN}"
}
PGMAJOR=$(pg_major)
PACKAGES="postgresql-server-dev-$PGMAJOR postgresql-$PGMAJOR-pgtap libtap-parser-sourcehandler-pgtap-perl librsvg2-bin"

missing_packages() {
	local pgc inc pgxs share miss=""
	if pgc=$(sys_pg_config) && inc=$("$pgc" --includedir-server 2>/dev/null) &&
		pgxs=$("$pgc" --pgxs 2>/dev/null) && [ -f "$pgxs" ] && [ -f "$inc/postgres.h" ]; then :
	else miss="$miss postgresql-server-dev-$PGMAJOR"; fi
	if pgc=$(sys_pg_config) && share=$("$pgc" --sharedir 2>/dev/null) &&
		[ -f "$share/extension/pgtap.control" ]; then :
	else miss="$miss postgresql-$PGMAJOR-pgtap"; fi
	command -v pg_prove >/dev/null 2>&1 || miss="$miss libtap-parser-sourcehandler-pgtap-perl"
	# rsvg-convert renders siko.timeline_svg's pictures in test/shell/timeline_svg.sh
	command -v rsvg-convert >/dev/null 2>&1 || miss="$miss librsvg2-bin"
	echo "${miss# }"
}

ensure_packages() {
	local miss
	miss=$(missing_packages)
	[ -z "$miss" ] && return 0
	if [ "$(id -u)" != 0 ]; then
		warn "missing: $miss"
		warn "install them with:"
		printf '\n    sudo apt-get install -y %s\n\n' "$PACKAGES" >&2
		warn "then run this again."
		exit 1
	fi
	say "== installing: $miss"
	export DEBIAN_FRONTEND=noninteractive
	local p need_update=0 args
	# No package lists (a fresh container) or no candidate: update first.
	for p in $miss; do
		apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]' || need_update=1
	done
	if [ "$need_update" = 1 ]; then
		apt-get update -q || die "apt-get update failed"
	fi
	# shellcheck disable=SC2086
	args=$(install_args $miss) || exit 1
	# shellcheck disable=SC2086
	if ! apt-get install -y -q $args; then
		# stale lists: the files they name may be gone from the mirror
		apt-get update -q && apt-get install -y -q $args || die "apt-get install -y $args failed"
	fi
	miss=$(missing_packages)
	[ -z "$miss" ] || die "still missing after installing: $miss"
}

# The installed version of the Debian package $1 (nothing if none).
installed_version() {
	dpkg-query -W -f='${db:Status-Abbrev} ${Version}\n' "$1" 2>/dev/null | awk '$1 == "ii" { print $2 }'
}

# What `apt-get install ARGS` would upgrade: "NAME OLD -> NEW" a line.
would_upgrade() {
	apt-get install -s -q "$@" 2>/dev/null |
		sed -n 's/^Inst \([^ ]*\) \[\([^]]*\)\] (\([^ ]*\).*/\1 \2 -> \3/p'
}

# The apt-get install arguments for the packages $@ that upgrade nothing
# installed: the server headers of the installed server's exact version (and
# libpq-dev of the installed libpq5's).  When they cannot be had, stop and
# say what would be upgraded, unless SIKO_ALLOW_UPGRADE=1: upgrading the
# server under its running clusters is for its administrator to decide.
install_args() {
	local p v lv pinned="" up
	for p in "$@"; do
		v=""
		case $p in
			postgresql-server-dev-*)
				v=$(installed_version "postgresql-${p#postgresql-server-dev-}")
				lv=$(installed_version libpq5)
				if [ -n "$v" ] && [ -n "$lv" ] && [ -z "$(installed_version libpq-dev)" ]; then
					pinned="$pinned libpq-dev=$lv"
				fi ;;
		esac
		pinned="$pinned $p${v:+=$v}"
	done
	pinned=${pinned# }
	# shellcheck disable=SC2086
	if apt-get install -s -q $pinned >/dev/null 2>&1 && [ -z "$(would_upgrade $pinned)" ]; then
		echo "$pinned"
		return 0
	fi
	up=$(would_upgrade "$@")
	if [ -n "$up" ] && [ "${SIKO_ALLOW_UPGRADE:-0}" != 1 ]; then
		warn "the headers of the installed server's exact version cannot be had ($pinned):"
		warn "installing $* would upgrade these installed packages:"
		printf '%s\n' "$up" | sed 's/^/    /' >&2
		warn "A running server keeps its old binaries until it is restarted. To accept the"
		warn "upgrade, run this again with SIKO_ALLOW_UPGRADE=1:"
		printf '\n    SIKO_ALLOW_UPGRADE=1 make %s\n\n' "$GOAL" >&2
		return 1
	fi
	echo "$*"
}

# ---------------------------------------------------------------------
# The private server and its throwaway cluster
# ---------------------------------------------------------------------
TMP="" PGBIN="" DATA="" SOCK="" started=0
EXTRA_DATA=""   # more clusters of the same server (test/citus/run.sh), stopped alike

cleanup() {
	local rc=$?
	trap '' INT TERM HUP
	if [ "$started" = 1 ]; then
		local d
		for d in "$DATA" $EXTRA_DATA; do
			as_owner "$PGBIN/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1 ||
				warn "could not stop the cluster in $d"
		done
		started=0
	fi
	if [ -n "$TMP" ] && [ -d "$TMP" ]; then rm -rf -- "$TMP"; fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Run a server program as the cluster's owner: postgres when we are root
# (initdb and postgres refuse to run as root), else ourselves.
OWNER=""
as_owner() {
	if [ "$(id -u)" = 0 ]; then (cd / && runuser -u "$OWNER" -- "$@"); else (cd / && "$@"); fi
}

make_tmp() {
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/siko-$1.XXXXXX") || die "mktemp failed"
	chmod 755 "$TMP"
}

# Copy the server's bin, lib and share directories to $TMP/pg, keeping
# their absolute layout, so that the copy's pg_config points into it.
copy_server() {
	local pgc d inc
	pgc=$(sys_pg_config) || die "no pg_config found"
	PGROOT=$TMP/pg
	for d in "$("$pgc" --bindir)" "$("$pgc" --pkglibdir)" "$("$pgc" --sharedir)"; do
		[ -d "$PGROOT$d" ] && continue
		mkdir -p "$PGROOT$(dirname "$d")" && cp -a "$d" "$PGROOT$d" || die "cannot copy $d"
	done
	# The headers are only read: link them instead of copying.
	inc=$("$pgc" --pkgincludedir)
	mkdir -p "$PGROOT$(dirname "$inc")" && ln -s "$inc" "$PGROOT$inc"
	PGBIN=$PGROOT$("$pgc" --bindir)
	PGC=$PGBIN/pg_config
	[ "$("$PGC" --sharedir)" = "$PGROOT$("$pgc" --sharedir)" ] ||
		die "the copied pg_config does not point into its copy"
}

SAN_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer"
SAN_PRELOAD="" SAN_VALGRIND=""

build_install() {
	local log=$TMP/build.log dir=.
	if [ "${SIKO_SANITIZE:-0}" = 1 ]; then
		# Build in a copy of the tree, so that the objects of a plain build
		# and of a sanitizer build never mix.
		local cc lib
		cc=$("$PGC" --cc | awk '{ print $1 }')
		for lib in asan ubsan; do
			lib=$("$cc" -print-file-name="lib$lib.so")
			[ -f "$lib" ] || die "$cc has no lib$lib.so: install its sanitizer runtimes (Debian: libgcc-12-dev)"
			SAN_PRELOAD="$SAN_PRELOAD${SAN_PRELOAD:+ }$(readlink -f "$lib")"
		done
		# With some C libraries the preloaded runtime deadlocks in the
		# server's first bindtextdomain(): then memcheck it is.
		if ! (cd / && timeout 20 env LD_PRELOAD="$SAN_PRELOAD" ASAN_OPTIONS=detect_leaks=0 \
			"$PGBIN/postgres" -V) >/dev/null 2>&1; then
			say "== the preloaded ASan runtime cannot start the server here: valgrind memcheck instead"
			SAN_PRELOAD="" SIKO_SANITIZE=valgrind
		fi
	fi
	if [ "${SIKO_SANITIZE:-0}" = valgrind ]; then
		command -v valgrind >/dev/null 2>&1 || die "valgrind is missing (Debian: valgrind)"
		SAN_VALGRIND=1
		say "== building and installing into the private server (run under valgrind memcheck)"
	elif [ -n "$SAN_PRELOAD" ] || [ "${SIKO_COVERAGE:-0}" = 1 ]; then
		dir=$TMP/build
		mkdir -p "$dir" && tar --exclude=./.git -cf - . | tar -xf - -C "$dir" || die "cannot copy the tree"
		$MAKE -C "$dir" clean >/dev/null 2>&1
		if [ -n "$SAN_PRELOAD" ]; then
			say "== building with $SAN_FLAGS and installing into the private server"
		else
			say "== building with gcov (-O0 --coverage) in $dir and installing into the private server"
			# the server's processes write the counts next to the objects
			chmod -R a+rwX "$dir"
		fi
	else
		say "== building and installing into the private server"
	fi
	local copt=()
	[ -z "$SAN_PRELOAD" ] || copt=("COPT=$SAN_FLAGS")
	[ "${SIKO_COVERAGE:-0}" != 1 ] || { copt=("COPT=-O0 --coverage"); COVERAGE_DIR=$dir; }
	if ! { $MAKE -C "$dir" PG_CONFIG="$PGC" "${copt[@]}" &&
		$MAKE -C "$dir" PG_CONFIG="$PGC" install; } >"$log" 2>&1; then
		cat "$log"
		die "build or install failed"
	fi
	grep -E 'warning:|error:' "$log" || true
	if [ -n "$SAN_PRELOAD" ] && ! nm -D "$("$PGC" --pkglibdir)/siko.so" | grep ' U __asan_report' >/dev/null; then
		die "siko.so was not built with AddressSanitizer"
	fi
}

start_cluster() {
	local loc=()
	if [ "$(id -u)" = 0 ]; then
		OWNER=postgres
		id -u postgres >/dev/null 2>&1 || die "there is no postgres user to run the cluster as"
	else
		OWNER=$(id -un)
	fi
	SOCK=$TMP/run
	DATA=$SOCK/data
	mkdir -p "$SOCK" && chmod 700 "$SOCK"
	[ "$(id -u)" = 0 ] && chown "$OWNER" "$SOCK"
	# C.UTF-8 where available: byte order and Unicode case mapping, as on
	# a Debian machine with LANG=C.UTF-8, whatever the caller's locale.
	if locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$'; then loc=(--locale=C.UTF-8 -E UTF8); else loc=(--locale=C -E UTF8); fi
	as_owner "$PGBIN/initdb" -D "$DATA" -A trust -U "$OWNER" --no-sync "${loc[@]}" >"$TMP/initdb.log" 2>&1 ||
		{ cat "$TMP/initdb.log"; die "initdb failed"; }
	cat >>"$DATA/postgresql.conf" <<-EOF
		listen_addresses = ''
		unix_socket_directories = '$SOCK'
		port = 5432
		fsync = off
		lc_messages = 'C'
		max_connections = 40
		wal_level = logical
		${SIKO_SERVER_CONF:-}
	EOF
	[ -z "${SIKO_PRELOAD:-}" ] || echo "shared_preload_libraries = 'siko'" >>"$DATA/postgresql.conf"
	started=1
	local env=()
	if [ -n "$SAN_PRELOAD" ]; then
		# The sanitizer runtimes go into the postmaster (and so into every
		# backend it forks); each report is written to a file of its own.
		mkdir -p "$SOCK/sanitizer" && { [ "$(id -u)" != 0 ] || chown "$OWNER" "$SOCK/sanitizer"; }
		env=(env "LD_PRELOAD=$SAN_PRELOAD"
			"ASAN_OPTIONS=detect_leaks=0:log_path=$SOCK/sanitizer/asan:abort_on_error=0"
			"UBSAN_OPTIONS=print_stacktrace=1:log_path=$SOCK/sanitizer/ubsan")
	fi
	if [ -n "$SAN_VALGRIND" ]; then
		# The postmaster and every backend under memcheck (one log file per
		# process); siko's own suppressions for what the server does with
		# uninitialised padding bytes on purpose.
		mkdir -p "$SOCK/sanitizer" && { [ "$(id -u)" != 0 ] || chown "$OWNER" "$SOCK/sanitizer"; }
		as_owner valgrind --tool=memcheck --trace-children=yes --leak-check=no --num-callers=30 \
			--suppressions="$top/test/valgrind.supp" --log-file="$SOCK/sanitizer/memcheck.%p" \
			"$PGBIN/postgres" -D "$DATA" >"$SOCK/server.log" 2>&1 &
		local i
		for i in $(seq 1 240); do
			"$PGBIN/pg_isready" -q -h "$SOCK" -p 5432 && break
			sleep 0.5
		done
		"$PGBIN/pg_isready" -q -h "$SOCK" -p 5432 || { cat "$SOCK/server.log"; die "the cluster did not start under valgrind"; }
	else
		as_owner "${env[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$SOCK/server.log" -w -t 60 start >/dev/null ||
			{ cat "$SOCK/server.log"; started=0; die "the cluster did not start"; }
	fi
	export PGHOST=$SOCK PGPORT=5432 PGUSER=$OWNER PGDATABASE=postgres
	export SIKO_BINDIR=$PGBIN
	export PATH="$PGBIN:$PATH"
}

new_db() { # NAME: a database with siko installed
	PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE \"$1\"" >/dev/null &&
		PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d "$1" -c 'CREATE EXTENSION siko CASCADE' >/dev/null
}

setup() { # KIND
	ensure_packages
	[ "$1" != test ] || SUMMARY_ON_DIE=1
	make_tmp "$1"
	copy_server
	build_install
	start_cluster
	say "== throwaway cluster: socket in $SOCK, user $OWNER ($("$PGBIN/postgres" --version))"
}

# ---------------------------------------------------------------------
# make demo
# ---------------------------------------------------------------------
cmd_demo() {
	setup demo
	new_db siko_demo || die "CREATE EXTENSION siko failed"
	say "== test/demo.sql"
	say ""
	# -a shows each comment and query as it is read, then its output; the
	# demo writes the timeline picture siko-ruhr.svg into this directory.
	PAGER=cat psql -X -a -v ON_ERROR_STOP=1 -P pager=off -P 'null=(null)' \
		-d siko_demo -f test/demo.sql 2>&1 || die "the demo failed"
	say ""
	say "== the timeline picture: $PWD/siko-ruhr.svg"
	say "== done: the cluster is stopped and removed"
}

# ---------------------------------------------------------------------
# make test
# ---------------------------------------------------------------------
PASSED=0 FAILED=0
record() { # PASSED FAILED WHAT
	PASSED=$((PASSED + $1)) FAILED=$((FAILED + $2))
	say "-- $3: $1 passed, $2 failed"
}
part_on() { case " ${SIKO_TESTS:-regress pgtap unit fuzz shell} " in *" $1 "*) return 0 ;; esac; return 1; }

run_regress() {
	local log=$TMP/regress.log rc ok bad
	say "== pg_regress (make installcheck)"
	rm -f regression.diffs regression.out
	$MAKE PG_CONFIG="$PGC" installcheck >"$log" 2>&1
	rc=$?
	# 15 prints "test init ... ok", 16 and later TAP: "ok 1 - init"
	ok=$(grep -c -E '\.\.\. ok|^ *ok [0-9]+ ' "$log")
	bad=$(grep -c -E '\.\.\. FAILED|\.\.\. failed|^ *not ok [0-9]+ ' "$log")
	if [ "$rc" != 0 ] && [ "$bad" = 0 ]; then
		cat "$log"; bad=1 # pg_regress did not get to run the tests
	else
		grep -E '\.\.\. |^ *(not )?ok [0-9]+ |tests? (passed|failed)' "$log"
	fi
	if [ -s regression.diffs ] && [ "$bad" != 0 ]; then
		say "---- regression.diffs"
		cat regression.diffs
		say "----"
	fi
	record "$ok" "$bad" "pg_regress tests"
}

run_pgtap() {
	local files=(test/pgtap/*.sql) log=$TMP/pgtap.log rc ok=0 bad=0 f planned ran f_ok f_bad
	[ -e "${files[0]}" ] || { say "== pgTAP: no files in test/pgtap"; return 0; }
	say "== pgTAP (pg_prove, ${#files[@]} files)"
	new_db siko_pgtap || { record 0 1 "pgTAP (no database)"; return; }
	for f in "${files[@]}"; do
		pg_prove -v -d siko_pgtap "$f" >"$log" 2>&1
		rc=$?
		ran=$(grep -c -E '^ *(not )?ok [0-9]' "$log")
		planned=$(sed -n 's/^ *1\.\.\([0-9][0-9]*\).*/\1/p' "$log" | head -1)
		f_bad=$(grep -E '^ *not ok [0-9]' "$log" | grep -v -c '# TODO')
		f_ok=$((ran - f_bad))
		if [ -n "$planned" ] && [ "$planned" -gt "$ran" ]; then f_bad=$((f_bad + planned - ran)); fi
		if [ "$rc" != 0 ] && [ "$f_bad" = 0 ]; then f_bad=1; fi
		if [ "$f_bad" != 0 ]; then
			grep -v -E '^ *ok [0-9]' "$log"
		fi
		say "$f: $f_ok ok, $f_bad failed"
		ok=$((ok + f_ok)) bad=$((bad + f_bad))
	done
	record "$ok" "$bad" "pgTAP assertions"
}

run_unit() {
	local log=$TMP/unit.log rc ok bad
	if [ -n "$COVERAGE_DIR" ]; then
		# linked with the gcov build's objects of src/core, so that the
		# unit tests count in the coverage of the cores
		say "== C unit tests (make unit, linked with the gcov build of src/core)"
		$MAKE -C "$COVERAGE_DIR" unit CORE_SRCS="$(cd "$COVERAGE_DIR" && echo src/core/*.o)" \
			CORE_CFLAGS="-std=c99 -O0 -g --coverage -Wall -Wextra -Werror -Isrc/core" >"$log" 2>&1
		rc=$?
		chmod -R a+rwX "$COVERAGE_DIR"	# the server's processes write there too
		(exit $rc)
	else
		say "== C unit tests (make unit)"
		$MAKE unit >"$log" 2>&1
	fi
	rc=$?
	grep -E '^unit ' "$log"
	ok=$(sed -n 's/^unit .*: \([0-9]*\) checks ok, \([0-9]*\) checks failing$/\1/p' "$log" | awk '{ s += $1 } END { print s + 0 }')
	bad=$(sed -n 's/^unit .*: \([0-9]*\) checks ok, \([0-9]*\) checks failing$/\2/p' "$log" | awk '{ s += $1 } END { print s + 0 }')
	if [ "$rc" != 0 ]; then
		grep -v -E '^unit ' "$log"
		# a program that crashed or did not build reports no failing check
		[ "$bad" != 0 ] || bad=1
	fi
	[ "$ok$bad" = 00 ] && { say "(no unit tests)"; return 0; }
	record "$ok" "$bad" "unit checks"
}

fuzzer_available() {
	local d=$TMP/fuzzcheck
	mkdir -p "$d"
	printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void) d; (void) n; return 0; }\n' >"$d/t.c"
	command -v clang >/dev/null 2>&1 &&
		clang -fsanitize=fuzzer,address,undefined -o "$d/t" "$d/t.c" >"$d/log" 2>&1
}

run_fuzz() {
	local srcs=(test/fuzz/fuzz_*.c) s bin name corpus log ok=0 bad=0 runs=${SIKO_FUZZ_RUNS:-50000}
	[ -e "${srcs[0]}" ] || { say "== fuzz: no targets in test/fuzz"; return 0; }
	if ! fuzzer_available; then
		say "== fuzz: SKIPPED: clang with the libFuzzer runtime is missing (Debian: clang, libclang-rt-14-dev)"
		return 0
	fi
	say "== fuzz smoke (make fuzz-build; $runs runs per target)"
	if ! $MAKE fuzz-build >"$TMP/fuzz-build.log" 2>&1; then
		cat "$TMP/fuzz-build.log"
		record 0 "${#srcs[@]}" "fuzz targets (build failed)"
		return
	fi
	for s in "${srcs[@]}"; do
		bin=${s%.c} name=${bin##*/fuzz_}
		corpus=test/fuzz/corpus/$name log=$TMP/fuzz-$name.log
		mkdir -p "$TMP/corpus-$name"
		# New inputs go to the temporary directory (first), the seed corpus
		# is only read; a crashing input is kept in test/fuzz/ (ignored by git).
		if [ -d "$corpus" ]; then set -- "$TMP/corpus-$name" "$corpus"; else set -- "$TMP/corpus-$name"; fi
		if "./$bin" -runs="$runs" -max_total_time=120 -artifact_prefix=test/fuzz/ -print_final_stats=0 "$@" >"$log" 2>&1; then
			say "fuzz_$name: ok ($(grep -o -E 'Done [0-9]+ runs in [0-9]+ second\(s\)' "$log" | tail -1))"
			ok=$((ok + 1))
		else
			grep -v -E "^#[0-9]+[[:space:]]" "$log" | tail -n 40
			say "fuzz_$name: FAILED"
			bad=$((bad + 1))
		fi
	done
	record "$ok" "$bad" "fuzz targets"
}

run_shell() {
	local files=() patterns pattern f name log rc ok=0 bad=0 skip=0 limit=300
	# each test within 5 minutes; under memcheck, which runs the server
	# tens of times slower, within 50
	[ -z "$SAN_VALGRIND" ] || limit=3000
	# SIKO_SHELL="upgrade cache_*": only the shell tests of these names or
	# patterns (read splits without globbing; the glob is in test/shell)
	read -ra patterns <<<"${SIKO_SHELL:-*}"
	for pattern in "${patterns[@]}"; do files+=(test/shell/$pattern.sh); done
	[ -e "${files[0]}" ] || { say "== shell tests: none in test/shell"; return 0; }
	say "== shell tests (${#files[@]})"
	for f in "${files[@]}"; do
		name=$(basename "$f" .sh) log=$TMP/shell-$name.log
		if ! new_db "shell_$name"; then
			say "$f: FAILED (no database)"; bad=$((bad + 1)); continue
		fi
		PGDATABASE="shell_$name" timeout "$limit" bash "$f" </dev/null >"$log" 2>&1
		rc=$?
		case $rc in
			0) say "$f: ok"; ok=$((ok + 1)) ;;
			77) say "$f: skipped ($(tail -n 1 "$log"))"; skip=$((skip + 1)) ;;
			*) cat "$log"; say "$f: FAILED (exit $rc)"; bad=$((bad + 1)) ;;
		esac
	done
	record "$ok" "$bad" "shell tests ($skip skipped)"
}

# Under SIKO_COVERAGE: the lines of each file of src/ that the tests ran
# (gcov over the counts the server's processes and the unit tests wrote),
# the totals of the pure cores (src/core) and of the glue (src/), and the
# goals.
COVERAGE_DIR=""
run_coverage_report() {
	local d=$COVERAGE_DIR
	say "== line coverage of src/ (gcov)"
	(cd "$d" && gcov -n -o src src/*.c 2>/dev/null; gcov -n -o src/core src/core/*.c 2>/dev/null) |
		awk '/^File / { f = $2; gsub(/\047/, "", f) }
			/^Lines executed:/ && f ~ /^src\/.*\.c$/ {
				split($2, a, "%"); pct = substr(a[1], 10); n = $4
				hit = int(pct * n / 100 + 0.5)
				printf "%-28s %6.1f%% of %5d lines\n", f, pct, n
				part = (f ~ /^src\/core\//) ? "core" : "glue"
				H[part] += hit; N[part] += n; f = "" }
			END {
				for (p in N) t[p] = (N[p] ? 100 * H[p] / N[p] : 0)
				printf "%-28s %6.1f%% of %5d lines (goal 95%%)\n", "src/core (pure cores)", t["core"], N["core"]
				printf "%-28s %6.1f%% of %5d lines (goal 85%%)\n", "src/*.c (glue)", t["glue"], N["glue"]
			}'
	if [ -n "${SIKO_COVERAGE_OUT:-}" ]; then
		mkdir -p "$SIKO_COVERAGE_OUT" &&
			(cd "$d" && gcov -p -o src src/*.c && gcov -p -o src/core src/core/*.c) >/dev/null 2>&1 &&
			cp "$d"/src#*.c.gcov "$SIKO_COVERAGE_OUT"/ &&
			say "== the annotated sources (lines never run marked #####) are in $SIKO_COVERAGE_OUT"
	fi
}

# Under SIKO_SANITIZE: every report of ASan, UBSan or memcheck is a failure.
run_sanitizer_reports() {
	local n f crashes
	if [ -n "$SAN_VALGRIND" ]; then
		say "== memcheck reports ($(ls "$SOCK/sanitizer" | wc -l) processes checked)"
		n=$(cat "$SOCK"/sanitizer/memcheck.* | sed -n 's/^==[0-9]*== ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
	else
		say "== sanitizer reports (ASan, UBSan)"
		n=$(find "$SOCK/sanitizer" -type f | wc -l)
	fi
	crashes=$(grep -c -E 'server process .* was terminated' "$SOCK/server.log")
	# reports that did not reach a log file end up in the server's log
	n=$((n + $(grep -c -E 'ERROR: AddressSanitizer|runtime error:' "$SOCK/server.log")))
	if [ "$n" = 0 ] && [ "$crashes" = 0 ]; then
		record 1 0 "sanitizer reports: none, no backend crashed"
	else
		for f in "$SOCK"/sanitizer/*; do
			[ -f "$f" ] || continue
			grep -q -E 'ERROR SUMMARY: [1-9]' "$f" || [ -z "$SAN_VALGRIND" ] || continue
			say "---- $f"; cat "$f"
		done
		grep -E -A20 'ERROR: AddressSanitizer|runtime error:' "$SOCK/server.log"
		grep -E 'server process .* was terminated' "$SOCK/server.log"
		record 0 $((n + crashes)) "sanitizer reports ($n) and backend crashes ($crashes)"
	fi
}

cmd_test() {
	local t0=$SECONDS
	setup test
	part_on regress && run_regress
	part_on pgtap && run_pgtap
	part_on unit && run_unit
	part_on fuzz && run_fuzz
	part_on shell && run_shell
	[ -z "$SAN_PRELOAD$SAN_VALGRIND" ] || run_sanitizer_reports
	[ -z "$COVERAGE_DIR" ] || run_coverage_report
	say "== $((SECONDS - t0)) s in all; the cluster is stopped and removed on exit"
	say "$PASSED passed, $FAILED failed"
	[ "$FAILED" = 0 ] && [ "$PASSED" -gt 0 ]
}

# ---------------------------------------------------------------------
# make bench-copy, bench-period, bench-register
# ---------------------------------------------------------------------
# A benchmark runs against the same kind of throwaway cluster as the tests,
# in a database siko_bench with siko installed, with PGHOST, PGPORT,
# PGUSER, PGDATABASE and SIKO_BINDIR set, and SIKO_BENCH_DIR a directory
# the server can read (for COPY FROM a file).
cmd_bench() { # NAME: test/bench/NAME.sh
	[ -f "test/bench/$1.sh" ] || die "no benchmark test/bench/$1.sh"
	setup bench
	new_db siko_bench || die "CREATE EXTENSION siko failed"
	mkdir -p "$TMP/bench" && chmod 755 "$TMP/bench"
	PGDATABASE=siko_bench SIKO_BENCH_DIR=$TMP/bench bash "test/bench/$1.sh"
}

# ---------------------------------------------------------------------
# A database moved between major versions (test/versions.sh)
# ---------------------------------------------------------------------
# upgrade-dump DIR: the database of test/upgrade/data.sql on this server;
# into DIR its dump (pg_dump -Fc), the binary COPY of its table of siko
# columns, the answers of test/upgrade/questions.sql and the server version.
cmd_upgrade_dump() {
	local dir=${1:?upgrade-dump needs a directory}
	setup upgrade
	new_db siko_upgrade || die "CREATE EXTENSION siko failed"
	psql -X -q -d siko_upgrade -f test/upgrade/data.sql >"$TMP/data.log" 2>&1 ||
		{ cat "$TMP/data.log"; die "test/upgrade/data.sql failed"; }
	psql -X -q -d siko_upgrade -f test/upgrade/questions.sql >"$dir/answers" 2>&1 ||
		{ cat "$dir/answers"; die "test/upgrade/questions.sql failed"; }
	pg_dump -Fc -f "$dir/dump" siko_upgrade || die "pg_dump failed"
	psql -X -q -d siko_upgrade -c "\\copy public.events TO '$dir/events.bin' WITH (FORMAT binary)" ||
		die "COPY TO ... (FORMAT binary) failed"
	"$PGBIN/postgres" --version >"$dir/version"
	say "== dumped on $(cat "$dir/version"): $(wc -l <"$dir/answers") lines of answers"
}

# upgrade-check DIR: restore DIR/dump into this server, ask the questions
# again, load the binary COPY; "N passed, N failed" last.
cmd_upgrade_check() {
	local dir=${1:?upgrade-check needs a directory} q="SELECT md5(string_agg(e::text, ',' ORDER BY id)) FROM"
	setup test
	say "== the database of $(cat "$dir/version") restored into $("$PGBIN/postgres" --version)"
	if PGOPTIONS='-c client_min_messages=warning' createdb siko_upgrade &&
		pg_restore --exit-on-error -d siko_upgrade "$dir/dump" >"$TMP/restore.log" 2>&1; then
		record 1 0 "pg_restore"
	else
		cat "$TMP/restore.log"; record 0 1 "pg_restore"
	fi
	psql -X -q -d siko_upgrade -f test/upgrade/questions.sql >"$TMP/answers" 2>&1
	if diff -u "$dir/answers" "$TMP/answers"; then
		record 1 0 "the as-of answers ($(wc -l <"$TMP/answers") lines) are the same"
	else
		record 0 1 "the as-of answers differ"
	fi
	psql -X -q -v ON_ERROR_STOP=1 -d siko_upgrade -c "CREATE TABLE events_bin (LIKE public.events)" \
		-c "\\copy events_bin FROM '$dir/events.bin' WITH (FORMAT binary)" >"$TMP/copy.log" 2>&1
	if [ -n "$(psql -X -At -d siko_upgrade -c "$q public.events e")" ] &&
		[ "$(psql -X -At -d siko_upgrade -c "$q public.events e")" = "$(psql -X -At -d siko_upgrade -c "$q events_bin e")" ]; then
		record 1 0 "binary COPY of the three types"
	else
		cat "$TMP/copy.log"; record 0 1 "binary COPY of the three types"
	fi
	say "$PASSED passed, $FAILED failed"
	[ "$FAILED" = 0 ]
}

# the make goal that runs this, for the messages
case ${1:-} in demo) GOAL=demo ;; citus) GOAL=test-citus ;; bench) GOAL=bench-${2:-}; GOAL=${GOAL%%_*} ;; *) GOAL=test ;; esac
case ${1:-} in
	demo) cmd_demo ;;
	test) cmd_test ;;
	bench) cmd_bench "${2:-}" ;;
	deps) ensure_packages; say "all needed packages are installed" ;;
	upgrade-dump) cmd_upgrade_dump "${2:-}" ;;
	upgrade-check) cmd_upgrade_check "${2:-}" ;;
	citus) . test/citus/run.sh; cmd_citus ;;
	*) sed -n '2,27s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
esac
