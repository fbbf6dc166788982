#!/usr/bin/env bash
# siko's values against the edtf library (test/edtf/corpus.tsv, written by
# test/edtf/gen-corpus.mjs, which checks what the library makes of each
# value; no Node.js is needed here): every date and period of the corpus is
# read by siko and printed as the corpus says, with the same earliest and
# latest day (of a period: its earliest possible day and the last day its
# end may include), or refused with the SQLSTATE the corpus says.  The
# library reads each value with the same days except for the differences
# doc/edtf.md lists ("Differences from other EDTF implementations"), one
# word each in the corpus's last column.  The corpus must hold at least
# 10,000 values and every form, qualifier, range and kind of period end.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"
cd "$(dirname "$0")/../.."
psql() { "$SIKO_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

out=$(psql -A -t -F ' | ' <<'EOF'
CREATE TEMP TABLE corpus (input text, output text, earliest text, latest text, edtfjs text);
\copy corpus FROM 'test/edtf/corpus.tsv' (FORMAT csv, DELIMITER E'\t', HEADER true)
\i test/edtf/siko_read.sql

CREATE TEMP TABLE verdict AS
SELECT c.*, r.state, r.output AS siko_output, r.earliest AS siko_earliest, r.latest AS siko_latest
  FROM corpus c CROSS JOIN LATERAL pg_temp.siko_read(c.input) r;

-- what the corpus must cover
CREATE TEMP TABLE form (name text, pattern text);
INSERT INTO form
SELECT 'sub-year grouping ' || c, '^-?[0-9]{4}-' || c || '[?~%]?$' FROM generate_series(21, 41) c
UNION ALL VALUES
  ('year', '^-?[0-9]{4}$'), ('month', '^-?[0-9]{4}-(0[1-9]|1[0-2])$'), ('day', '^-?[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  ('year before 0000', '^-[0-9]{4}'), ('Y year', '^Y[1-9][0-9]{4,}$'),
  ('uncertain', '^[^/]*\?$'), ('approximate', '^[^/]*~$'), ('uncertain and approximate', '^[^/]*%$'),
  ('decade', '^[0-9]{3}X[?~%]?$'), ('century', '^[0-9]{2}XX[?~%]?$'), ('some month', '^[0-9]{4}-XX[?~%]?$'),
  ('some day of a year', '^[0-9]{4}-XX-XX[?~%]?$'), ('some day of a month', '^[0-9]{4}-[0-9]{2}-XX[?~%]?$'),
  ('one-of range', '^\[[^/]+\.\.[^/]+\]$'), ('at the latest', '^\[\.\.[^/]+\]$'), ('at the earliest', '^\[[^/]+\.\.\]$'),
  ('range of mixed precision', '^\[[0-9]{4}\.\.[0-9]{4}-[0-9]{2}-[0-9]{2}\]$'),
  ('period ending on a day', '/-?[0-9]{4}-[0-9]{2}-[0-9]{2}$'), ('period ending in a month', '/-?[0-9]{4}-[0-9]{2}$'),
  ('period ending in a year', '/-?[0-9]{4}$'), ('period with a qualified end', '/.*[?~%]$'),
  ('period with an unspecified end', '/[^[]*X'), ('period ending in a sub-year grouping', '/-?[0-9]{4}-(2[1-9]|3[0-9]|4[01])$'),
  ('period with a one-of end', '/\[[^/]*\]$'), ('period with a one-of start', '^\[[^/]*\]/'),
  ('period with a sub-year start', '^-?[0-9]{4}-(2[1-9]|3[0-9]|4[01])/'),
  ('open period', '/\.\.$'), ('period with an unknown end', '/$'), ('one-day period', '^([0-9]{4}-[0-9]{2}-[0-9]{2})/\1$'),
  ('period with Y years', '^Y.*/');

ALTER TABLE verdict ADD COLUMN problem text;
UPDATE verdict SET problem = CASE
    WHEN output ~ '^[0-9]{5}$' THEN 'want refusal ' || output || ', got ' || coalesce(nullif(state, '00000'), siko_output)
    WHEN state <> '00000' THEN 'refused with ' || state
    ELSE 'got ' || siko_output || ' ' || siko_earliest || '..' || siko_latest
         || ', want ' || output || ' ' || earliest || '..' || latest END
 WHERE CASE WHEN output ~ '^[0-9]{5}$' THEN state IS DISTINCT FROM output
            ELSE state <> '00000' OR (siko_output, siko_earliest, siko_latest) IS DISTINCT FROM (output, earliest, latest) END;

SELECT 'FAIL', input, problem FROM verdict WHERE problem IS NOT NULL
UNION ALL
-- the library's differences, one word each (doc/edtf.md names them)
SELECT 'FAIL', input, 'unknown difference from the edtf library: ' || coalesce(edtfjs, '(none)') FROM verdict
 WHERE edtfjs IS NULL OR edtfjs NOT IN ('same', 'season', 'bc', 'set', 'qualified', 'y', 'end', 'unknown',
                                        'order', 'mixed', 'year0', 'range', 'refused')
UNION ALL
SELECT 'FAIL', name, 'not in the corpus' FROM form f
 WHERE NOT EXISTS (SELECT FROM corpus c WHERE c.output !~ '^[0-9]{5}$' AND (c.input ~ f.pattern OR c.output ~ f.pattern))
UNION ALL
SELECT 'FAIL', 'corpus', count(*) || ' values, want at least 10,000' FROM corpus HAVING count(*) < 10000
UNION ALL
SELECT 'summary', count(*) || ' values, ' || count(*) FILTER (WHERE edtfjs = 'same') || ' read alike by the edtf library',
       'failing: ' || count(*) FILTER (WHERE problem IS NOT NULL AND output ~ '^[0-9]{5}$') || ' refusals, '
       || count(*) FILTER (WHERE problem IS NOT NULL AND output !~ '^[0-9]{5}$' AND strpos(input, '/') = 0) || ' dates, '
       || count(*) FILTER (WHERE problem IS NOT NULL AND output !~ '^[0-9]{5}$' AND strpos(input, '/') > 0) || ' periods'
  FROM verdict;
EOF
)
grep -v '^FAIL' <<<"$out" || true
fails=$(grep -c '^FAIL' <<<"$out" || true)
[ "$fails" = 0 ] && exit 0
grep '^FAIL' <<<"$out" | sed -n '1,200p'
echo "$fails failures (the first 200 shown)"
exit 1
