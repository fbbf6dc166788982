#!/bin/bash
# Python, the way pandas and Jupyter users read PostgreSQL: Debian's
# psycopg2.  Checks that the as-of functions take bound parameters, that
# every value of siko.members_as_of, siko.growth and siko.timeline arrives
# as a plain Python value (siko's own types as str, never bytes), and that
# the values equal the server's own text output.
. "$(dirname "$0")/../clients/common.sh"

need_packages python3-psycopg2
# Debian's psycopg2 belongs to Debian's python3, not to one found earlier on PATH.
PY=/usr/bin/python3
[ -x "$PY" ] || skip "no $PY (Debian's python3)"

make_references

"$PY" "$CLIENTS_DIR/psycopg2_check.py" "$WORK" "$COOP" "$DAY_BEFORE" "$DAY_JOINED" "$HERTEN" \
	"$GROWTH_FROM" "$GROWTH_TO" "$GROWTH_STEP" "$SETUP_SQL" ||
	fail "the psycopg2 program failed"

same members_before
same members_joined
same growth
same timeline
is_member_facts "$WORK/is_member.got"
echo "client_python: all checks passed"
