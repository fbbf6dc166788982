#!/usr/bin/env bash
# A database with siko survives pg_dump and pg_restore: the restored
# database has the extension at the same version, with the same objects.
# The database holds the SiKo Ruhr register (siko.load_register) and a user
# table with a column of every siko type, btree and GiST indexes and an
# exclusion constraint on them.  Restored from the custom format
# (pg_restore) and from a plain dump (psql), it answers every as-of question
# identically: each function on every day of a grid and for every key of
# the territory reference, the user table through its indexes; the indexes
# are valid and the constraint still refuses an overlap.  COPY ... FORMAT
# binary of the user table out of the original and into the restored
# database gives the same rows.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"

tmp=$(mktemp -d)
restored="${PGDATABASE}_restored"
plain="${PGDATABASE}_plain"
trap 'rm -rf "$tmp"; for db in "$restored" "$plain"; do "$SIKO_BINDIR/dropdb" --if-exists "$db" 2>/dev/null || true; done' EXIT
sql() { "$SIKO_BINDIR/psql" -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

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

"$SIKO_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 >/dev/null <<'EOF'
SELECT siko.load_register('siko-ruhr');
-- the = of integers in a GiST exclusion constraint comes from btree_gist
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE every_type (
	id serial PRIMARY KEY,
	grp integer NOT NULL,
	place siko.ags NOT NULL,
	seen siko.fuzzydate,
	span siko.period NOT NULL,
	EXCLUDE USING gist (grp WITH OPERATOR(pg_catalog.=), span WITH OPERATOR(siko.&&))
);
CREATE INDEX every_type_place ON every_type (place);
CREATE INDEX every_type_seen ON every_type (seen);
CREATE INDEX every_type_span ON every_type USING gist (span);
CREATE INDEX every_type_span_btree ON every_type (span);
-- per key of the territory reference five rows of disjoint periods
INSERT INTO every_type (grp, place, seen, span)
SELECT t.n, t.ags, f.seen::siko.fuzzydate,
       ((2000 + t.n % 7 + 3 * f.k) || '-01-01/' || (2002 + t.n % 7 + 3 * f.k) || '-01-01')::siko.period
  FROM (SELECT ags, row_number() OVER (ORDER BY ags) AS n FROM siko.territory) t,
       (VALUES (0, '2023-10-01'), (1, '2021-XX'), (2, '[..2019]'), (3, '2020-21?'), (4, NULL)) AS f(k, seen);
ANALYZE every_type;
EOF

"$SIKO_BINDIR/pg_dump" -Fc -f "$tmp/dump" "$PGDATABASE"
"$SIKO_BINDIR/createdb" "$restored"
"$SIKO_BINDIR/pg_restore" --exit-on-error -d "$restored" "$tmp/dump"
"$SIKO_BINDIR/pg_dump" -Fp -f "$tmp/dump.sql" "$PGDATABASE"
"$SIKO_BINDIR/createdb" "$plain"
"$SIKO_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -d "$plain" -f "$tmp/dump.sql" >/dev/null

want=$(version "$PGDATABASE")
[ -n "$want" ] || { echo "siko is not installed in $PGDATABASE"; exit 1; }
for db in "$restored" "$plain"; do
	got=$(version "$db")
	[ "$got" = "$want" ] || { echo "$db: restored siko version '$got', want '$want'"; exit 1; }
	if ! diff <(members "$PGDATABASE") <(members "$db"); then
		echo "$db: the restored database's siko objects differ (< original, > restored)"
		exit 1
	fi
done

# every as-of question, in one text per database
answers() {
	"$SIKO_BINDIR/psql" -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" <<'EOF'
SET enable_seqscan = off;
WITH day AS (SELECT d::date AS d FROM generate_series('2019-06-01'::date, '2026-06-01', '29 days') d)
SELECT 'members', c.code, day.d, m.partner, m.certain, m.period
  FROM siko.cooperation c, day, siko.members_as_of(c.code, day.d) m ORDER BY 2, 3, 4;
WITH day AS (SELECT d::date AS d FROM generate_series('2019-06-01'::date, '2026-06-01', '181 days') d)
SELECT 'territory', t.ags, day.d, c.code, siko.is_member(c.code, t.ags, day.d), siko.is_covered(c.code, t.ags, day.d),
       (SELECT string_agg(partner || ' ' || certain, ',' ORDER BY partner) FROM siko.covered_by(c.code, t.ags, day.d)),
       siko.cooperations_of(t.ags, day.d)
  FROM siko.territory t, day, siko.cooperation c ORDER BY 2, 3, 4;
SELECT 'member_at', c.code, p.name, v.d, siko.member_at(c.code, p.name, v.d)
  FROM siko.cooperation c, siko.partner p,
       (VALUES ('2020-06-01'::date), ('2022-03-03'), ('2023-10-01'), ('infinity')) v(d)
 ORDER BY 2, 3, 4;
SELECT 'growth', c.code, g.* FROM siko.cooperation c, siko.growth(c.code, '2019-01-01', '2026-01-01', '1 month') g
 ORDER BY 2, 3;
SELECT 'timeline', t::text FROM siko.timeline t ORDER BY 2;
SELECT 'every_type', e.* FROM every_type e ORDER BY id;
SELECT 'span @>', v.d, count(*) FROM every_type, (VALUES ('2005-06-01'::date), ('2012-01-01'), ('2019-12-31')) v(d)
 WHERE span OPERATOR(siko.@>) v.d GROUP BY v.d ORDER BY v.d;
SELECT 'span &&', count(*) FROM every_type WHERE span OPERATOR(siko.&&) '2010-01-01/2011-01-01'::siko.period;
SELECT 'seen <', count(*) FROM every_type WHERE seen OPERATOR(siko.<) '2021-01-01'::siko.fuzzydate;
SELECT 'place <@', count(*) FROM every_type WHERE place OPERATOR(siko.<@) '05562'::siko.ags;
SELECT 'indexes', string_agg(indexrelid::regclass || ' ' || indisvalid, ', ' ORDER BY indexrelid::regclass::text)
  FROM pg_index WHERE indrelid = 'every_type'::regclass;
EOF
}
answers "$PGDATABASE" >"$tmp/want"
[ "$(grep -c '^members|' "$tmp/want")" -gt 100 ] && [ "$(grep -c '^territory|' "$tmp/want")" -gt 100 ] ||
	{ echo "too few answers to compare"; exit 1; }
for db in "$restored" "$plain"; do
	if ! answers "$db" | diff "$tmp/want" - >"$tmp/diff"; then
		head -n 20 "$tmp/diff"
		echo "$db answers differently (< original, > restored)"
		exit 1
	fi
	# the exclusion constraint still refuses an overlap
	out=$(sql "$db" "DO \$\$ BEGIN INSERT INTO every_type (grp, place, span) SELECT grp, place, span FROM every_type LIMIT 1;
	                 EXCEPTION WHEN exclusion_violation THEN RAISE NOTICE 'refused'; END \$\$" 2>&1)
	[ "$out" = "NOTICE:  refused" ] || { echo "$db: the exclusion constraint let an overlap in: $out"; exit 1; }
done

# COPY binary out of the original, into the restored database: same rows
sql "$PGDATABASE" "COPY every_type TO STDOUT (FORMAT binary)" >"$tmp/every_type.bin"
sql "$restored" "CREATE TABLE every_type_copy (LIKE every_type)"
"$SIKO_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -d "$restored" \
	-c "\\copy every_type_copy FROM '$tmp/every_type.bin' (FORMAT binary)"
differ=$(sql "$restored" "SELECT count(*) FROM ((TABLE every_type EXCEPT TABLE every_type_copy)
                            UNION ALL (TABLE every_type_copy EXCEPT TABLE every_type)) x")
rows=$(sql "$restored" "SELECT count(*) FROM every_type_copy")
{ [ "$differ" = 0 ] && [ "$rows" -gt 0 ]; } || { echo "COPY binary: $differ rows differ"; exit 1; }

echo "siko $want and its $(members "$restored" | grep -c .) objects survive pg_dump and pg_restore"
echo "custom and plain format: $(wc -l <"$tmp/want") as-of answers identical;" \
	"$rows rows of every siko type round-trip through COPY binary"
