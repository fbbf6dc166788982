#!/bin/sh
# period.sh: benchmark of siko.period against what plain PostgreSQL offers.
#
#   make bench-period     (a throwaway cluster, as make test sets it up)
#   PGDATABASE=db test/bench/period.sh    (a database of your own with siko)
#
# Side by side in one run:
#   1. the as-of point query "p @> day" with the GiST index on a period
#      column against "valid @> day" with the GiST index on a daterange
#      column, 1,000,000 rows, the same days for both;
#   2. the members per day: siko.count_members against the generate_series
#      SQL (days joined to the ranges) and against the best SQL, a window
#      running sum over +1/-1 events, 10,000 periods over 10 years of days,
#      and the window SQL and count_members for 20,000 periods over 27 years.
# A benchmark, not a test: it prints times and ratios and asserts nothing.
set -eu
: "${PGDATABASE:?run it as make bench-period, or set PGDATABASE to a database with siko}"
BIN=${SIKO_BINDIR:-$(pg_config --bindir)}
ROWS=${ROWS:-1000000}
export PGOPTIONS="${PGOPTIONS:-} -c work_mem=64MB -c max_parallel_workers_per_gather=0"

psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

echo "siko period benchmark: $("$BIN/postgres" --version), $ROWS rows"
psql <<SQL
CREATE EXTENSION IF NOT EXISTS siko CASCADE;
SET search_path = siko, public;
SELECT setseed(0.5);

-- Best of n runs of a query (ms), counting its rows on the server.
CREATE FUNCTION bench(q text, n int DEFAULT 10) RETURNS double precision LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz; best double precision := 'Infinity'; i int; c bigint;
BEGIN
	FOR i IN 1..n LOOP
		t0 := clock_timestamp();
		-- "s IS NOT NULL" makes every column be computed (else the planner
		-- drops unused ones, window functions and joins included)
		EXECUTE 'SELECT count(*) FROM (' || q || ') s WHERE s IS NOT NULL' INTO c;
		best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
	END LOOP;
	RETURN best;
END \$\$;

-- 1. Point queries.  Membership periods of 1 day to 2 years between 1990 and
-- 2025, a quarter of them still running; the daterange holds the same days.
CREATE TABLE pt (id int, p siko.period, valid daterange);
INSERT INTO pt
SELECT i, (s || '/' || CASE WHEN open THEN '..' ELSE (s + len)::text END)::siko.period,
	   daterange(s, CASE WHEN open THEN NULL ELSE s + len END)
  FROM (SELECT i, DATE '1990-01-01' + (random() * 12800)::int AS s,
			   1 + (random() * 730)::int AS len, random() < 0.02 AS open
		  FROM generate_series(1, $ROWS) i) a;
\echo building the two GiST indexes
CREATE INDEX pt_p ON pt USING gist (p);
CREATE INDEX pt_valid ON pt USING gist (valid);
VACUUM ANALYZE pt;
CREATE TABLE days AS SELECT DATE '1991-01-01' + (random() * 12000)::int AS d FROM generate_series(1, 200);

CREATE FUNCTION point_queries(col text, op text) RETURNS double precision LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz := clock_timestamp(); d date; c bigint;
BEGIN
	FOR d IN SELECT days.d FROM days LOOP
		EXECUTE format('SELECT count(id) FROM pt WHERE %s %s %L::date', col, op, d) INTO c;
	END LOOP;
	RETURN extract(epoch FROM clock_timestamp() - t0) * 1000 / (SELECT count(*) FROM days);
END \$\$;

SELECT point_queries('p', '@>'), point_queries('valid', '@>');	-- warm up
CREATE TEMP TABLE r1 AS
	SELECT least(a1, a2) AS period_ms, least(b1, b2) AS daterange_ms FROM
		(SELECT point_queries('p', '@>') AS a1, point_queries('valid', '@>') AS b1,
				point_queries('valid', '@>') AS b2, point_queries('p', '@>') AS a2) s;
\echo
\echo 1. as-of point query, mean of 200 days, best of two rounds (count of matching rows)
SELECT (SELECT avg((SELECT count(*) FROM pt WHERE p @> d)) FROM days)::int AS rows_per_query,
	   round(period_ms::numeric, 2) AS "period @> d (ms)", round(daterange_ms::numeric, 2) AS "daterange @> d (ms)",
	   round((period_ms / daterange_ms)::numeric, 2) AS "ratio (goal <= 1.2)" FROM r1;

-- 2. Counting members per day.
CREATE TABLE cp (p siko.period, valid daterange);
CREATE FUNCTION fill_cp(n int, y0 int, years int) RETURNS void LANGUAGE sql AS \$f\$
	TRUNCATE cp;
	INSERT INTO cp SELECT p, siko.possible(p) FROM (
		SELECT (CASE (random() * 3)::int WHEN 0 THEN to_char(s, 'YYYY-MM') WHEN 1 THEN s::text || '~'
				ELSE s::text END || '/' ||
				CASE WHEN random() < 0.3 THEN '..' ELSE (s + 30 + (random() * 2000)::int)::text END)::siko.period AS p
		  FROM (SELECT make_date(y0, 1, 1) + (random() * 365 * years)::int AS s FROM generate_series(1, n)) a) b;
	ANALYZE cp;
\$f\$;

CREATE FUNCTION counting(n int, y0 int, years int, with_series boolean) RETURNS TABLE (method text, ms double precision)
LANGUAGE plpgsql AS \$\$
DECLARE f date := make_date(y0, 1, 1); t date := make_date(y0 + years, 1, 1) - 1;
BEGIN
	PERFORM fill_cp(n, y0, years);
	method := 'siko.count_members (certain and possible)';
	ms := bench(format('SELECT * FROM siko.count_members((SELECT siko.period_agg(p) FROM cp), %L, %L)', f, t));
	RETURN NEXT;
	method := 'siko.count_members over array_agg';
	ms := bench(format('SELECT * FROM siko.count_members((SELECT array_agg(p) FROM cp), %L, %L)', f, t));
	RETURN NEXT;
	method := 'window running sum over +1/-1 events (one count)';
	ms := bench(format(\$q\$
		WITH ev AS (SELECT greatest(lower(valid), %1\$L) AS day, 1 AS delta FROM cp WHERE lower(valid) <= %2\$L
					UNION ALL
					SELECT greatest(upper(valid), %1\$L), -1 FROM cp WHERE upper(valid) <= %2\$L),
			 agg AS (SELECT day, sum(delta) AS delta FROM ev GROUP BY day)
		SELECT g::date AS day, sum(coalesce(agg.delta, 0)) OVER (ORDER BY g) AS members
		  FROM generate_series(%1\$L::date, %2\$L::date, '1 day') g LEFT JOIN agg ON agg.day = g::date\$q\$, f, t));
	RETURN NEXT;
	IF with_series THEN
		method := 'generate_series joined to the ranges (one count)';
		ms := bench(format(\$q\$
			SELECT g::date AS day, count(cp.valid) AS members
			  FROM generate_series(%L::date, %L::date, '1 day') g LEFT JOIN cp ON cp.valid @> g::date
			 GROUP BY g\$q\$, f, t), 1);
		RETURN NEXT;
	END IF;
END \$\$;

\echo
\echo 2a. members per day: 10,000 periods, 10 years of days (best of 10; generate_series: 1 run)
CREATE TEMP TABLE r2 AS SELECT * FROM counting(10000, 2015, 10, true);
SELECT method, round(ms::numeric, 1) AS ms,
	   round((ms / (SELECT ms FROM r2 WHERE method LIKE '%(certain and possible)'))::numeric, 1) AS "x count_members"
  FROM r2 ORDER BY ms;
\echo
\echo 2b. members per day: 20,000 periods, 27 years of days
CREATE TEMP TABLE r3 AS SELECT * FROM counting(20000, 1998, 27, false);
SELECT method, round(ms::numeric, 1) AS ms,
	   round((ms / (SELECT ms FROM r3 WHERE method LIKE '%(certain and possible)'))::numeric, 1) AS "x count_members"
  FROM r3 ORDER BY ms;
\echo goals: count_members >= 100x faster than generate_series, >= 2x faster than the window SQL
SQL
