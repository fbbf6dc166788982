#!/usr/bin/env bash
# Every SQL-callable function of siko (taken from pg_proc, so new functions
# are tried automatically) is called with NULLs, empty strings, 1 MB of
# text, extreme dates (infinity, -infinity, 4714-11-24 BC, 5874897-12-31)
# and extreme numbers, one argument at a time, each call in its own
# statement with a time limit.  Then random bytes go through
# COPY ... FORMAT binary into every siko type.  Each call must give an
# answer or an error of an expected class (22 data exception, 23 integrity,
# 54 program limit; for COPY binary class 22 or 08P01, a short message);
# a crash, an internal error (XX000), an error without its own SQLSTATE
# (P0001) or a time-out fails, and the server must still answer afterwards.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"
psql() { "$SIKO_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

tmp=$(mktemp -d)
trap '[ -n "${SIKO_KEEP:-}" ] || rm -rf "$tmp"' EXIT
chmod 755 "$tmp"

# A register to ask about, so that the as-of functions have something to find.
psql -c "SELECT siko.load_register('siko-ruhr')" >/dev/null

# ---------------------------------------------------------------------
# 1. every function, every argument, every extreme
# ---------------------------------------------------------------------
# The candidate values of each argument type; the last one is an ordinary
# value, used for the other arguments while one is varied.
psql -A -t >"$tmp/calls.sql" <<'EOF'
CREATE TEMP TABLE candidate (typ regtype, expr text, ord int);
INSERT INTO candidate
SELECT t::regtype, e, o
  FROM (VALUES
    ('text', ARRAY['NULL::text', $$''$$, $$repeat('x', 1048576)$$, $$E'\\x01\\n'$$, $$'siko-ruhr'$$]),
    ('date', ARRAY['NULL::date', $$'infinity'::date$$, $$'-infinity'::date$$,
                   $$'4714-11-24 BC'::date$$, $$'5874897-12-31'::date$$, $$'2023-10-01'::date$$]),
    ('siko.ags', ARRAY['NULL::siko.ags', $$''::siko.ags$$, $$repeat('0', 1048576)::siko.ags$$,
                       $$'16'::siko.ags$$, $$'05562020'::siko.ags$$]),
    ('siko.fuzzydate', ARRAY['NULL::siko.fuzzydate', $$''::siko.fuzzydate$$,
                             $$repeat('2', 1048576)::siko.fuzzydate$$,
                             $$siko.fuzzydate('infinity'::date)$$, $$siko.fuzzydate('-infinity'::date)$$,
                             $$'-4713-11-24'::siko.fuzzydate$$, $$'5874897-12-31'::siko.fuzzydate$$,
                             $$'[..5874897]'::siko.fuzzydate$$, $$'2023-10'::siko.fuzzydate$$]),
    ('siko.period', ARRAY['NULL::siko.period', $$''::siko.period$$,
                          $$repeat('2', 1048576)::siko.period$$,
                          $$'-4713-11-24/..'::siko.period$$, $$'[..-4713]/5874897-12-31'::siko.period$$,
                          $$'5874897-12-31/'::siko.period$$, $$'2020-06-01/..'::siko.period$$]),
    ('siko.period[]', ARRAY['NULL::siko.period[]', $$'{}'::siko.period[]$$, 'ARRAY[NULL::siko.period]',
                            $$ARRAY['-4713-11-24/..', '5874897-12-31/', '[..2015]/2018']::siko.period[]$$,
                            $$array_fill('2020/2021'::siko.period, ARRAY[100000])$$,
                            $$ARRAY['2020-06-01/..', '2015/2018']::siko.period[]$$]),
    ('bigint', ARRAY['NULL::bigint', '(-9223372036854775807 - 1)::bigint', '9223372036854775807::bigint', '0::bigint']),
    ('integer', ARRAY['NULL::integer', '(-2147483647 - 1)', '2147483647', '1']),
    ('interval', ARRAY['NULL::interval', $$'0'::interval$$, $$'-1 day'::interval$$,
                       $$'1 microsecond'::interval$$, $$'178000000 years'::interval$$, $$'1 year'::interval$$,
                       $$'1 day'::interval$$]),
    ('boolean', ARRAY['NULL::boolean', 'true'])
  ) AS v(t, a), unnest(a) WITH ORDINALITY AS u(e, o);

-- siko's functions that SQL can call: not the type I/O and support
-- functions (internal, cstring), not the trigger functions
CREATE TEMP TABLE fn AS
SELECT p.oid, p.prokind, p.proretset,
       p.proargtypes::regtype[] AS args
  FROM pg_proc p
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension x ON x.oid = d.refobjid AND x.extname = 'siko'
 WHERE p.prorettype NOT IN ('trigger'::regtype, 'internal'::regtype)
   AND NOT EXISTS (SELECT FROM unnest(p.proargtypes::regtype[]) a
                    WHERE a IN ('internal'::regtype, 'cstring'::regtype))
   -- (the support functions of an aggregate are called by it, not by users)
   AND NOT EXISTS (SELECT FROM pg_catalog.pg_aggregate g
                    WHERE p.oid IN (g.aggtransfn, g.aggfinalfn, g.aggcombinefn));

-- one call: all arguments ordinary except argument i, which takes value e
-- (i = 0: every argument NULL)
CREATE TEMP TABLE call AS
WITH arg AS (
  SELECT fn.oid, k, a,
         coalesce((SELECT expr FROM candidate c WHERE c.typ = a ORDER BY ord DESC LIMIT 1),
                  'NULL::' || a::text) AS normal
    FROM fn, unnest(fn.args) WITH ORDINALITY AS u(a, k)
), variant AS (
  SELECT fn.oid, 0 AS i, NULL::text AS e FROM fn
  UNION ALL
  SELECT arg.oid, arg.k, coalesce(c.expr, 'NULL::' || arg.a::text)
    FROM arg LEFT JOIN candidate c ON c.typ = arg.a
)
SELECT v.oid, v.i, v.e,
       fn.oid::regprocedure::text AS label,
       format('%s(%s)', fn.oid::regproc::text,
              coalesce((SELECT string_agg(CASE WHEN v.i = 0 THEN 'NULL::' || a.a::text
                                               WHEN a.k = v.i THEN v.e ELSE a.normal END, ', ' ORDER BY a.k)
                          FROM arg a WHERE a.oid = v.oid), '')) AS expr,
       fn.prokind
  FROM variant v JOIN fn ON fn.oid = v.oid;

-- each call a statement of its own: the time limit is per statement, and
-- a crash names the call it happened in
SELECT format($f$\warn call %s
DO $do$
DECLARE
  st text;
BEGIN
  PERFORM %s;
  RAISE NOTICE 'ok';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE;
  RAISE NOTICE 'error %%', st;
END
$do$;$f$,
       label || ' #' || i || ' ' || regexp_replace(left(coalesce(e, 'all NULL'), 40), '[^A-Za-z0-9 :.()-]', '', 'g'),
       CASE WHEN prokind = 'a' THEN expr
            ELSE format('count(length(r::text)) FROM %s AS r', expr) END)
  FROM call ORDER BY label, i, e;
SELECT '\warn done';
EOF
ncalls=$(grep -c '^DO ' "$tmp/calls.sql")
nfuncs=$(psql -A -t -c "
  SELECT count(*) FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
   AND d.deptype = 'e' JOIN pg_extension x ON x.oid = d.refobjid AND x.extname = 'siko'")
[ "$ncalls" -gt 100 ] || { echo "only $ncalls calls generated"; exit 1; }

set +e
PGOPTIONS='-c statement_timeout=20s -c client_min_messages=notice' \
	"$SIKO_BINDIR/psql" -X -q -v ON_ERROR_STOP=0 -f "$tmp/calls.sql" >"$tmp/calls.out" 2>&1
rc=$?
set -e
if [ "$rc" != 0 ] || ! grep -q '^done$' "$tmp/calls.out"; then
	tail -n 20 "$tmp/calls.out"
	echo "psql stopped (exit $rc) after: $(grep '^call ' "$tmp/calls.out" | tail -n 1)"
	exit 1
fi

# pair each call with its outcome
awk '/^call / { c = substr($0, 6); next }
     /NOTICE:  ok$/ { print "ok\t" c; next }
     /NOTICE:  error / { print $NF "\t" c; next }
     /ERROR:/ { print "fatal:" $0 "\t" c }' "$tmp/calls.out" >"$tmp/outcome"
# (siko.distribute_register() refuses to run without Citus: 0A000)
bad=$(awk -F'\t' '$1 != "ok" && $1 !~ /^(22|23|54)/ &&
	!($1 == "0A000" && $2 ~ /^siko\.distribute_register\(/)' "$tmp/outcome")
nok=$(grep -c '^ok' "$tmp/outcome" || true)
nerr=$(grep -c -v '^ok' "$tmp/outcome" || true)
echo "functions: $nfuncs of siko, $ncalls calls: $nok answered, $nerr refused with an error"
awk -F'\t' '$1 != "ok" { print $1 }' "$tmp/outcome" | sort | uniq -c | sort -rn | sed 's/^/  SQLSTATE /'
if [ -n "$bad" ] || [ "$((nok + nerr))" != "$ncalls" ]; then
	echo "unexpected outcomes:"; printf '%s\n' "$bad"
	echo "($((nok + nerr)) outcomes for $ncalls calls)"
	exit 1
fi

# ---------------------------------------------------------------------
# 2. random bytes through COPY ... FORMAT binary into every siko type
# ---------------------------------------------------------------------
# Per type 300 one-row files: random length and bytes; the right version
# byte and length with random content; a valid value with one byte changed.
perl - "$tmp" <<'EOF'
use strict;
my $dir = shift;
srand(20201001);
my %valid = (
  ags => pack('CN', 1, 5562020 * 4 + 3),
  fuzzydate => pack('CNNCCC', 1, 8674, 8704, 1, 0, 0),
  period => pack('CNNCCCNNCCC', 1, 7457, 7457, 0, 0, 0, 2147483647, 2147483647, 10, 0, 0),
);
for my $t (sort keys %valid) {
  my $v = $valid{$t};
  for my $i (0 .. 299) {
    my $f;
    if ($i % 3 == 0) {
      $f = join '', map { chr(int(rand(256))) } 1 .. int(rand(40));
    } elsif ($i % 3 == 1) {
      $f = chr(1) . join '', map { chr(int(rand(256))) } 2 .. length($v);
    } else {
      $f = $v;
      substr($f, 1 + int(rand(length($v) - 1)), 1) = chr(int(rand(256)));
    }
    open my $fh, '>:raw', sprintf('%s/%s-%03d', $dir, $t, $i) or die;
    print $fh "PGCOPY\n\377\r\n\0", pack('NN', 0, 0), pack('nN', 1, length $f), $f, pack('n', 0xffff);
    close $fh;
  }
}
EOF
chmod 644 "$tmp"/ags-* "$tmp"/fuzzydate-* "$tmp"/period-*
psql -A -t -c "
CREATE TABLE extremes_copy (t text, ok int, refused text);
DO \$\$
DECLARE
  t text;
  i int;
  st text;
  n int;
BEGIN
  FOREACH t IN ARRAY ARRAY['ags', 'fuzzydate', 'period'] LOOP
    EXECUTE format('CREATE TEMP TABLE copy_%s (v siko.%s)', t, t);
    FOR i IN 0 .. 299 LOOP
      BEGIN
        EXECUTE format('COPY copy_%s FROM %L (FORMAT binary)', t, format('%s/%s-%s', '$tmp', t, lpad(i::text, 3, '0')));
        INSERT INTO extremes_copy VALUES (t, 1, NULL);
      EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE;
        INSERT INTO extremes_copy VALUES (t, 0, st);
      END;
    END LOOP;
    -- what was accepted is a value that reads back through its text form
    EXECUTE format('SELECT count(*) FROM copy_%s WHERE NOT (v::text::siko.%s OPERATOR(siko.=) v)', t, t) INTO n;
    IF n > 0 THEN
      RAISE EXCEPTION '% accepted % values of type % that do not survive their text form', n, n, t;
    END IF;
  END LOOP;
END
\$\$;" >/dev/null
psql -A -t -F ' ' -c "SELECT t, sum(ok), count(refused), coalesce(string_agg(DISTINCT refused, ','), '-')
                         FROM extremes_copy GROUP BY t ORDER BY t" |
	while read -r t ok refused states; do
		echo "COPY binary of random bytes into $t: 300 tries, $ok accepted, $refused refused ($states)"
	done
badcopy=$(psql -A -t -c "SELECT string_agg(DISTINCT refused, ',') FROM extremes_copy
                           WHERE refused <> '08P01' AND refused NOT LIKE '22%'")
[ -z "$badcopy" ] || { echo "COPY binary refused with unexpected SQLSTATEs: $badcopy"; exit 1; }

# the server is still serving, and no backend was lost
[ "$(psql -A -t -c 'SELECT 1')" = 1 ] || { echo "the server does not answer"; exit 1; }
echo "the server is still serving"
