#!/usr/bin/env bash
# The cluster: a coordinator and two workers, Citus and siko in each.
. "$(dirname "$0")/lib.sh"
check "two active workers" 2 "$(q "$COORD" -c "SELECT count(*) FROM pg_dist_node WHERE groupid <> 0 AND isactive")"
v=$(qlocal -c "SELECT extversion FROM pg_extension WHERE extname = 'siko'")
for port in $SIKO_CITUS_PORTS; do
	check "siko $v on port $port" "$v" "$(q "$port" -c "SELECT extversion FROM pg_extension WHERE extname = 'siko'")"
	check "citus on port $port" 1 "$(q "$port" -c "SELECT count(*) FROM pg_extension WHERE extname = 'citus'")"
done
finish
