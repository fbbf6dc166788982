# test/citus/run.sh: make test-citus, sourced by test/run.sh (bash test/run.sh citus).
#
# A Citus coordinator and two workers of the private server copy, each on
# a unix socket of its own port in the same temporary directory, siko
# installed in each; then every test/citus/*.sh against them, and
# "N passed, N failed" last.  With SIKO_CITUS_BENCH=1, test/citus/bench/*.sh
# after them: distributed against local times (SIKO_CITUS_BENCH_ROWS
# events).  With SIKO_PRELOAD=1, every node preloads siko (the shared
# register cache).  Citus itself is not built here: without citus.so and
# citus.control in the server the harness copies, the suite is skipped
# with a message that says so (exit status 0).
CITUS_PORTS="5432 5433 5434"

citus_installed() {
	local pgc
	pgc=$(sys_pg_config) || return 1
	[ -f "$("$pgc" --pkglibdir)/citus.so" ] && [ -f "$("$pgc" --sharedir)/extension/citus.control" ]
}

# a worker: a cluster of its own next to the coordinator's, on port $1
start_worker() {
	local port=$1 d=$SOCK/data$1
	mkdir -p "$d" && chmod 700 "$d"
	[ "$(id -u)" != 0 ] || chown "$OWNER" "$d"
	local loc=(--locale=C -E UTF8)
	! locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || loc=(--locale=C.UTF-8 -E UTF8)
	as_owner "$PGBIN/initdb" -D "$d" -A trust -U "$OWNER" --no-sync "${loc[@]}" >"$TMP/initdb$port.log" 2>&1 ||
		{ cat "$TMP/initdb$port.log"; die "initdb of the worker on port $port failed"; }
	# the coordinator's settings, on another port
	sed "s/^port = 5432$/port = $port/" "$DATA/postgresql.conf" >"$d/postgresql.conf.new" &&
		mv "$d/postgresql.conf.new" "$d/postgresql.conf"
	[ "$(id -u)" != 0 ] || chown "$OWNER" "$d/postgresql.conf"
	EXTRA_DATA="$EXTRA_DATA $d"
	as_owner "$PGBIN/pg_ctl" -D "$d" -l "$SOCK/server$port.log" -w -t 60 start >/dev/null ||
		{ cat "$SOCK/server$port.log"; die "the worker on port $port did not start"; }
}

cmd_citus() {
	local t port rc
	if ! citus_installed; then
		say "== make test-citus: SKIPPED, Citus is not installed in the server $(sys_pg_config 2>/dev/null || echo '(none found)') uses"
		say "   (no citus.so in its pkglibdir or no citus.control in its extension directory);"
		say "   install Citus for this server first, then run make test-citus again."
		exit 0
	fi
	ensure_packages
	SUMMARY_ON_DIE=1
	make_tmp citus
	copy_server
	build_install
	# citus must come first in shared_preload_libraries; with SIKO_PRELOAD=1
	# siko follows it (its shared cache on every node), in this line rather
	# than in the harness's own one for siko alone
	local preload="citus" keep=${SIKO_PRELOAD:-}
	[ -z "$keep" ] || preload="citus, siko"
	SIKO_SERVER_CONF="shared_preload_libraries = '$preload'
max_prepared_transactions = 20
max_connections = 100
citus.enable_statistics_collection = off"
	SIKO_PRELOAD="" start_cluster
	SIKO_PRELOAD=$keep
	for port in 5433 5434; do start_worker "$port"; done
	say "== Citus cluster: coordinator and two workers on $SOCK, ports $CITUS_PORTS ($("$PGBIN/postgres" --version); shared_preload_libraries = '$preload')"
	export SIKO_CITUS_PORTS=$CITUS_PORTS SIKO_CITUS_DB=siko_citus
	for port in $CITUS_PORTS; do
		PGPORT=$port PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d postgres \
			-c "CREATE DATABASE siko_citus" >/dev/null || die "CREATE DATABASE on port $port failed"
		PGPORT=$port PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d siko_citus \
			-c "CREATE EXTENSION citus" -c "CREATE EXTENSION siko" >/dev/null ||
			die "CREATE EXTENSION citus, siko on port $port failed"
	done
	PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d siko_citus \
		-c "SELECT citus_set_coordinator_host('$SOCK', 5432)" \
		-c "SELECT citus_add_node('$SOCK', 5433)" -c "SELECT citus_add_node('$SOCK', 5434)" >/dev/null ||
		die "adding the workers failed"
	say "== $(psql -X -At -d siko_citus -c "SELECT citus_version()" | cut -d, -f1)," \
		"$(psql -X -At -d siko_citus -c "SELECT count(*) FROM pg_dist_node WHERE noderole = 'primary' AND groupid <> 0") workers"
	new_db siko_local || die "CREATE EXTENSION siko in the local database failed"
	export SIKO_LOCAL_DB=siko_local
	local benches=""
	[ "${SIKO_CITUS_BENCH:-0}" != 1 ] || benches=$(ls test/citus/bench/*.sh)
	for t in test/citus/*.sh $benches; do
		case $t in test/citus/run.sh | test/citus/lib.sh) continue ;; esac
		say "== $t"
		bash "$t" >"$TMP/citus.out" 2>&1
		rc=$?
		cat "$TMP/citus.out"
		if [ "$rc" = 0 ]; then record 1 0 "$t"; else record 0 1 "$t"; fi
	done
	say "$PASSED passed, $FAILED failed"
	[ "$FAILED" = 0 ]
}
