-- The GiST operator class of siko.period: on 100,000 random periods the
-- index answers exactly what a sequential scan answers.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SET LOCAL search_path = siko, public;
SET LOCAL datestyle = ISO, YMD;
SELECT plan(8);

SELECT setseed(0.42);
-- starts in 1990..2022 written as year, month, day, approximate day, a set of
-- days or a set open to the past; ends 1 to 9 years later in the same forms,
-- open (..) or unknown (empty)
CREATE TEMP TABLE gp (id int, p period);
CREATE FUNCTION pg_temp.fill(n int, first_id int) RETURNS void LANGUAGE sql AS $$
INSERT INTO gp
SELECT i, (CASE k1 WHEN 0 THEN to_char(d1, 'YYYY') WHEN 1 THEN to_char(d1, 'YYYY-MM')
				   WHEN 2 THEN format('[%s..%s]', d1, d1 + w1) WHEN 3 THEN d1::text || '~'
				   WHEN 4 THEN format('[..%s]', d1) ELSE d1::text END
		   || '/' ||
		   CASE WHEN r < 0.2 THEN '..' WHEN r < 0.3 THEN ''
				ELSE CASE k2 WHEN 0 THEN to_char(d2, 'YYYY') WHEN 1 THEN to_char(d2, 'YYYY-MM')
							 WHEN 2 THEN format('[%s..%s]', d2, d2 + w2) ELSE d2::text END END)::period
  FROM (SELECT i, r, k1, k2, d1, w1, w2, d1 + 366 + len AS d2
		  FROM (SELECT i, random() AS r, (random() * 6)::int AS k1, (random() * 4)::int AS k2,
					   DATE '1990-01-01' + (random() * 12000)::int AS d1,
					   (random() * 200)::int AS w1, (random() * 100)::int AS w2,
					   (random() * 3000)::int AS len
				  FROM generate_series(first_id, first_id + n - 1) i) a) b $$;
SELECT pg_temp.fill(80000, 1);
CREATE INDEX gp_p ON gp USING gist (p);
-- and some more through the built index (inserts, page splits)
SELECT pg_temp.fill(20000, 80001);
ANALYZE gp;
SELECT is((SELECT count(*) FROM gp), 100000::bigint, '100,000 random periods');

-- the ids a query returns, with the index or with a sequential scan only
CREATE FUNCTION pg_temp.answer(q text, use_index boolean) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
	PERFORM set_config('enable_seqscan', CASE WHEN use_index THEN 'off' ELSE 'on' END, true);
	PERFORM set_config('enable_indexscan', CASE WHEN use_index THEN 'on' ELSE 'off' END, true);
	PERFORM set_config('enable_bitmapscan', CASE WHEN use_index THEN 'on' ELSE 'off' END, true);
	-- an order-independent fingerprint of the set of ids
	EXECUTE 'SELECT count(*) || '':'' || coalesce(sum(id), 0) || '':'' || coalesce(sum(hashint4(id)), 0) FROM gp WHERE '
		|| q INTO r;
	PERFORM set_config('enable_seqscan', 'on', true);
	PERFORM set_config('enable_indexscan', 'on', true);
	PERFORM set_config('enable_bitmapscan', 'on', true);
	RETURN r;
END $$;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; t text := '';
BEGIN
	PERFORM set_config('enable_seqscan', 'off', true);
	FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) SELECT id FROM gp WHERE ' || q LOOP t := t || r || E'\n'; END LOOP;
	PERFORM set_config('enable_seqscan', 'on', true);
	RETURN t;
END $$;

SELECT matches(pg_temp.plan_of($$p @> DATE '2005-06-01'$$), 'Index.*gp_p', 'the @> queries use the index');
SELECT matches(pg_temp.plan_of($$p && '2005-06/2005-07'$$), 'Index.*gp_p', 'the && queries use the index');

-- 80 days (a few outside the data, and the infinities)
CREATE TEMP TABLE qd AS
	SELECT DATE '1985-01-01' + (random() * 16000)::int AS d FROM generate_series(1, 76)
	UNION ALL VALUES (DATE '1989-12-31'), (DATE '1990-01-01'), ('infinity'), ('-infinity');
SELECT is((SELECT count(*) FROM qd
			WHERE pg_temp.answer(format('p @> %L::date', d), true) <> pg_temp.answer(format('p @> %L::date', d), false)),
		  0::bigint, 'p @> date: index scan = sequential scan on 80 days');
SELECT is((SELECT count(*) FROM qd
			WHERE pg_temp.answer(format('%L::date <@ p', d), true) <> pg_temp.answer(format('member_at(p, %L::date)', d), false)),
		  0::bigint, 'date <@ p: index scan = member_at on 80 days');

-- 80 query periods: short, long, open, unknown, imprecise
CREATE TEMP TABLE qp AS
	SELECT p FROM gp ORDER BY random() LIMIT 60;
INSERT INTO qp VALUES ('1985/1986'), ('2030/..'), ('1995-03-01/1995-03-02'), ('2010/'),
	('[..1989-12-31]/1990-01-02'), ('2001-01-01/2001-01-02'), ('1990/2030'), ('2024-06/..'),
	('[2000-01-01..2003-12-31]/2004-01-02'), ('2015-07~/2015-08'), ('1980/1990-01-01'),
	('2022-12-31/2023-01-01'), ('1999-XX/2000'), ('2000-21/2001'), ('199X/..'),
	('2005-02-28/2005-03-01'), ('2012-02-29/2012-03-01'), ('1992/1993'), ('2019/'), ('2020-03/2020-04');
SELECT is((SELECT count(*) FROM qp), 80::bigint, '80 query periods');
SELECT is((SELECT count(*) FROM qp
			WHERE pg_temp.answer(format('p && %L::period', p), true) <> pg_temp.answer(format('p && %L::period', p), false)),
		  0::bigint, 'p && period: index scan = sequential scan on 80 periods');
SELECT ok((SELECT count(DISTINCT (SELECT count(*) FROM gp WHERE p @> d)) FROM (SELECT d FROM qd LIMIT 40) s) > 20,
		  'the day queries are not all alike');

SELECT * FROM finish();
ROLLBACK;
