#!/usr/bin/env bash
# A database with siko survives pg_dump and pg_restore: the restored
# database has the extension at the same version, with the same objects.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"

tmp=$(mktemp -d)
restored="${PGDATABASE}_restored"
trap 'rm -rf "$tmp"; "$SIKO_BINDIR/dropdb" --if-exists "$restored" 2>/dev/null || true' EXIT

members() { # DB: the objects that belong to siko, one a line, sorted
	"$SIKO_BINDIR/psql" -X -A -t -v ON_ERROR_STOP=1 -d "$1" -c "
	  SELECT pg_describe_object(classid, objid, objsubid)
	    FROM pg_depend
	   WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
	     AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'siko')
	   ORDER BY 1"
}
version() {
	"$SIKO_BINDIR/psql" -X -A -t -v ON_ERROR_STOP=1 -d "$1" -c \
	  "SELECT extversion FROM pg_extension WHERE extname = 'siko'"
}

"$SIKO_BINDIR/pg_dump" -Fc -f "$tmp/dump" "$PGDATABASE"
"$SIKO_BINDIR/createdb" "$restored"
"$SIKO_BINDIR/pg_restore" --exit-on-error -d "$restored" "$tmp/dump"

want=$(version "$PGDATABASE")
got=$(version "$restored")
[ -n "$want" ] || { echo "siko is not installed in $PGDATABASE"; exit 1; }
[ "$got" = "$want" ] || { echo "restored siko version '$got', want '$want'"; exit 1; }
if ! diff <(members "$PGDATABASE") <(members "$restored"); then
	echo "the restored database's siko objects differ (< original, > restored)"
	exit 1
fi
echo "siko $got and its $(members "$restored" | grep -c .) objects survive pg_dump and pg_restore"
