#!/usr/bin/env bash
# The test vectors of two other EDTF implementations (edtf.js and
# python-edtf, extracted with their source file and line into
# test/edtf/vectors.tsv by test/edtf/extract-vectors.py) against siko:
#
# - inside siko's subset (the dates siko.fuzzydate reads and the intervals
#   siko.period reads, within PostgreSQL's date range), siko agrees with the
#   implementation on validity, on the earliest day and on the latest day
#   (of an interval: the earliest day of its start and the latest day of its
#   end, which belongs to the period, read from siko.possible);
# - every vector outside it is refused with 22007 or 22008;
# - the only exceptions are the inputs of test/edtf/differences.tsv, each
#   with its reason; each of them must still differ (no stale entries), and
#   each is named in doc/edtf.md's "Differences from other EDTF
#   implementations".
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"
cd "$(dirname "$0")/../.."
psql() { "$SIKO_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

readme=$(sed -n '/^## Differences from other EDTF implementations/,/^#/p' doc/edtf.md)
[ -n "$readme" ] || { echo "doc/edtf.md has no section \"Differences from other EDTF implementations\""; exit 1; }

out=$(psql -A -t -F ' | ' -v readme="$readme" <<'EOF'
CREATE TEMP TABLE vector (source text, input text, valid boolean, earliest text, latest text);
\copy vector FROM 'test/edtf/vectors.tsv' (FORMAT csv, DELIMITER E'\t', HEADER true)
CREATE TEMP TABLE difference (input text PRIMARY KEY, reason text NOT NULL);
\copy difference FROM 'test/edtf/differences.tsv' (FORMAT csv, DELIMITER E'\t', HEADER true)

\i test/edtf/siko_read.sql

-- siko's subset, by form: EDTF dates of levels 0 and 1 (the Y prefix only
-- for years of more than four digits), the sub-year groupings 21-41, the
-- one-of ranges [a..b], [..b], [a..] of level 0 dates, and intervals of
-- these whose end may also be open (..) or unknown (empty)
CREATE FUNCTION pg_temp.in_subset(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT s ~ ('^(' || fd || ')(/(' || fd || '|\.\.)?)?$')
    FROM (SELECT d0, '(' || d0 || '|[0-9]{3}X|[0-9]{2}XX|[0-9]{4}-XX(-XX)?|[0-9]{4}-[0-9]{2}-XX'
                     || '|-?[0-9]{4}-(2[1-9]|3[0-9]|4[01]))[?~%]?'
                     || '|\[(' || d0 || '\.\.(' || d0 || ')?|\.\.' || d0 || ')\]'
            FROM (SELECT '(-?[0-9]{4}(-[0-9]{2}){0,2}|Y-?[1-9][0-9]{4,})') AS a(d0)) AS b(d0, fd)
$$;

-- a bound outside PostgreSQL's dates (4714-11-24 BC to 5874897-12-31)
CREATE FUNCTION pg_temp.beyond(b text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT b ~ '^-?[0-9]' AND (substring(b FROM '^-?[0-9]+')::numeric < -4713
                             OR substring(b FROM '^-?[0-9]+')::numeric > 5874897)
$$;

CREATE TEMP TABLE verdict AS
SELECT v.*, r.state, r.earliest AS siko_earliest, r.latest AS siko_latest,
       pg_temp.in_subset(v.input) AND NOT (v.valid AND (pg_temp.beyond(v.earliest) OR pg_temp.beyond(v.latest))) AS inside,
       d.reason
  FROM vector v
  CROSS JOIN LATERAL pg_temp.siko_read(v.input) r
  LEFT JOIN difference d USING (input);

ALTER TABLE verdict ADD COLUMN problem text;
UPDATE verdict SET problem = CASE
  WHEN NOT inside THEN
    CASE WHEN state NOT IN ('22007', '22008') THEN 'outside siko''s subset but ' ||
      CASE state WHEN '00000' THEN 'read as ' || siko_earliest || '..' || siko_latest ELSE 'refused with ' || state END END
  WHEN valid AND state <> '00000' THEN 'valid, refused by siko with ' || state
  WHEN NOT valid AND state = '00000' THEN 'invalid, read by siko as ' || siko_earliest || '..' || siko_latest
  WHEN NOT valid AND state !~ '^22' THEN 'invalid, refused by siko with ' || state
  WHEN valid AND (earliest IS DISTINCT FROM siko_earliest OR latest IS DISTINCT FROM siko_latest) THEN
    coalesce(earliest, '(none)') || '..' || coalesce(latest, '(none)') || ', siko ' || siko_earliest || '..' || siko_latest
  END;

-- the report: every disagreement not listed, every listed difference that
-- no longer differs, every listed difference doc/edtf.md does not name
SELECT 'FAIL', source, input, problem FROM verdict WHERE problem IS NOT NULL AND reason IS NULL
UNION ALL
SELECT 'FAIL', 'test/edtf/differences.tsv', d.input, 'listed, but no vector differs'
  FROM difference d WHERE NOT EXISTS (SELECT FROM verdict v WHERE v.input = d.input AND v.problem IS NOT NULL)
UNION ALL
SELECT 'FAIL', 'doc/edtf.md', d.input, 'listed in test/edtf/differences.tsv, not named in doc/edtf.md'
  FROM difference d WHERE strpos(:'readme', '`' || d.input || '`') = 0
UNION ALL
SELECT 'known', source, input, problem || ' (' || reason || ')' FROM verdict WHERE problem IS NOT NULL AND reason IS NOT NULL
UNION ALL
SELECT 'summary', count(*)::text || ' vectors',
       count(*) FILTER (WHERE inside)::text || ' inside siko''s subset',
       count(*) FILTER (WHERE problem IS NULL)::text || ' agree, '
       || count(*) FILTER (WHERE problem IS NOT NULL AND reason IS NOT NULL)::text || ' listed differences'
  FROM verdict;
EOF
)
grep -v '^FAIL' <<<"$out" || true
if grep '^FAIL' <<<"$out"; then
	echo "$(grep -c '^FAIL' <<<"$out") failures"
	exit 1
fi
