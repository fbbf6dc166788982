-- siko.period: three-valued semantics, operators, indexes, constraints, counting
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SET LOCAL search_path = siko, public;
SET LOCAL datestyle = ISO, YMD;
SELECT plan(101);

-- ---------------------------------------------------------------------
-- The examples of the issue
-- ---------------------------------------------------------------------
SELECT is(member_at('[2020-07..2022-03-03]/..', '2020-06-30'), false, '[2020-07..2022-03-03]/.. on 2020-06-30: false');
SELECT is(member_at('[2020-07..2022-03-03]/..', '2021-06-30'), NULL, '[2020-07..2022-03-03]/.. on 2021-06-30: NULL');
SELECT is(member_at('[2020-07..2022-03-03]/..', '2022-03-03'), true, '[2020-07..2022-03-03]/.. on 2022-03-03: true');
SELECT is(certain('[2020-07..2022-03-03]/..'), '[2022-03-03,)'::daterange, 'certain of [2020-07..2022-03-03]/..');
SELECT is(possible('[2020-07..2022-03-03]/..'), '[2020-07-01,)'::daterange, 'possible of [2020-07..2022-03-03]/..');
SELECT is(member_at('2023-10-01/..', '2023-09-30'), false, '2023-10-01/.. on 2023-09-30: false');
SELECT is(member_at('2023-10-01/..', '2023-10-01'), true, '2023-10-01/.. on 2023-10-01: true');
SELECT is(member_at('[2023-08-07..2023-08-13]/..', '2023-08-10'), NULL, '[2023-08-07..2023-08-13]/.. on 2023-08-10: NULL');
SELECT is(member_at('[2023-08-07..2023-08-13]/..', '2023-08-14'), true, '[2023-08-07..2023-08-13]/.. on 2023-08-14: true');
SELECT ok('2015/2018'::period && '2018-06/..', '2015/2018 && 2018-06/..');
SELECT ok(NOT ('2015/2017-12-31'::period && '2018-01-01/..'), 'not 2015/2017-12-31 && 2018-01-01/..');

-- ---------------------------------------------------------------------
-- More semantics
-- ---------------------------------------------------------------------
SELECT is(member_at('2023-10-01/2023-10-02', '2023-10-01'), true, 'the start day is a member day');
SELECT is(member_at('2023-10-01/2023-10-02', '2023-10-02'), true, 'the end day is the last day of membership (EDTF)');
SELECT is(member_at('2023-10-01/2023-10-02', '2023-10-03'), false, 'the day after the end day is not');
SELECT is(member_at('2004-02-01/2005-02-08', '2005-02-08'), true, 'EDTF''s example: through 8 February 2005');
SELECT is(member_at('2004-02-01/2005-02-08', '2005-02-09'), false, 'EDTF''s example: not on 9 February 2005');
SELECT is(upper(possible('2004-02-01/2005-02-08')), '2005-02-09'::date, 'possible() stays half-open');
SELECT is(member_at('2015/2018', '2018-01-01'), true, 'an imprecise end: certain through its first day');
SELECT is(member_at('2015/2018', '2018-12-31'), NULL, 'an imprecise end: possible through its last day');
SELECT is(member_at('2015/2018', '2019-01-01'), false, 'an imprecise end: not after it');
SELECT is(member_at('2015/[2024-12-01..2024-12-31]', '2024-12-31'), NULL, 'a one-of end: possible through its last day');
SELECT is(member_at('2015/[2024-12-01..2024-12-31]', '2024-12-01'), true, 'a one-of end: certain through its first day');
SELECT is(member_at('2020-05-01/2020-05-01', '2020-05-01'), true, 'an end equal to the start: one day');
SELECT is(member_at('2015/2018', '2015-06-30'), NULL, '2015/2018 in mid 2015: NULL');
SELECT is(member_at('2015/2018', '2016-06-30'), true, '2015/2018 in 2016: true');
SELECT is(member_at('2015/2018', '2018-06-30'), NULL, '2015/2018 in mid 2018: NULL');
SELECT is(member_at('2015/2018', '2019-01-01'), false, '2015/2018 in 2019: false');
SELECT is(member_at('2015-03-01/', '2015-03-01'), true, 'unknown end: member on an exact start day');
SELECT is(member_at('2015-03-01/', '2015-03-02'), NULL, 'unknown end: unknown the day after');
SELECT is(member_at('2015-03-01/', '2090-01-01'), NULL, 'unknown end: unknown forever');
SELECT is(member_at('2015/..', 'infinity'), true, 'an open period runs through infinity');
SELECT is(member_at('2015/..', '-infinity'), false, 'nobody is a member at -infinity');
SELECT is(member_at('2020-06~/2024-12-31', '2020-06-15'), NULL, 'an approximate month start leaves the month open');
SELECT is(member_at('2020-06~/2024-12-31', '2020-07-01'), true, 'after the approximate month');
SELECT is(member_at(NULL::period, '2020-07-01'), NULL, 'NULL period: NULL');
SELECT is(certain('2015/'), 'empty'::daterange, 'an unknown end after an imprecise start: no certain day');
SELECT is(certain('2015/2015-06'), 'empty'::daterange, 'an end that may precede the start: no certain day');
SELECT is(possible('[..2015]/2018'), '(,2019-01-01)'::daterange, 'an unbounded earliest start');
SELECT is(certain('2015/2018'), '[2015-12-31,2018-01-02)'::daterange, 'certain of 2015/2018');
SELECT ok('2023-10-01/..'::period @> '2023-10-01'::date, '@> date');
SELECT ok('2023-10-01'::date <@ '2023-10-01/..'::period, 'date <@');
SELECT ok(NOT ('[2023-08-07..2023-08-13]/..'::period @> '2023-08-10'::date), '@> is certain membership only');
SELECT ok('2015/'::period && '2090/..', 'an unknown end may overlap anything later');
SELECT ok(NOT ('2015-01-01/2015-01-31'::period && '2015-02-01/..'), 'adjacent periods do not overlap');
SELECT ok('2015-01-01/2015-02-01'::period && '2015-02-01/..', 'one shared day overlaps');
SELECT ok('2015/2018-01-01'::period && '2018-01-01/..', '2015/2018-01-01 && 2018-01-01/..: they share a day');
SELECT is(period('2015'::fuzzydate), '2015/..'::period, 'constructor with a NULL finish: open');
SELECT is(period('2015', '2018'), '2015/2018'::period, 'constructor with a finish');
SELECT is(period(current_date)::text, current_date::text || '/..', 'constructor from a date (implicit cast)');
SELECT is(start('[2020-07..2022-03-03]/..')::text, '[2020-07-01..2022-03-03]', 'start: both bounds of a one-of range at one precision');
SELECT is(siko.finish('2020-06~/2024-12-31'::period)::text, '2024-12-31', 'finish');
SELECT is(siko.finish('2015/'::period), NULL, 'finish of an unknown end: NULL');
SELECT ok(is_open('2015/..') AND NOT is_open('2015/') AND NOT is_open('2015/2018'), 'is_open');
SELECT throws_ok($$SELECT '2018/2015'::period$$, '22000', 'invalid period value: "2018/2015"', 'end before start: 22000');
SELECT throws_ok($$SELECT '../2015'::period$$, '22007', 'invalid input syntax for type period: "../2015"', 'open start: 22007');
SELECT throws_ok($$SELECT period('2018', '2015')$$, '22000', NULL, 'constructor checks the order too');
SELECT throws_ok($$SELECT '2015/2016/'::period$$, '22007', NULL, 'two slashes: 22007');

-- ---------------------------------------------------------------------
-- Consistency on random periods
-- ---------------------------------------------------------------------
SELECT setseed(0.3);
CREATE FUNCTION pg_temp.rand_fd(y int) RETURNS text LANGUAGE sql VOLATILE AS $$
	SELECT CASE k
		WHEN 0 THEN y::text
		WHEN 1 THEN format('%s-%s', y, lpad((1 + (random() * 11)::int)::text, 2, '0'))
		WHEN 2 THEN format('[%s..%s]', d, d + (random() * 200)::int)
		WHEN 3 THEN d::text || '~'
		ELSE d::text END
	  FROM (SELECT (random() * 5)::int AS k, make_date(y, 1, 1) + (random() * 364)::int AS d) r $$;
CREATE FUNCTION pg_temp.rand_period() RETURNS period LANGUAGE sql VOLATILE AS $$
	SELECT (s || '/' || CASE WHEN r < 0.15 THEN '..' WHEN r < 0.25 THEN ''
						ELSE pg_temp.rand_fd(y + 1 + (random() * 8)::int) END)::period
	  FROM (SELECT 1990 + (random() * 35)::int AS y, random() AS r) a,
		   LATERAL (SELECT pg_temp.rand_fd(a.y) AS s) b $$;
CREATE TEMP TABLE rp AS SELECT i AS id, pg_temp.rand_period() AS p FROM generate_series(1, 2000) i;
CREATE TEMP TABLE rd AS SELECT DATE '1989-01-01' + (random() * 16000)::int AS d FROM generate_series(1, 60);
INSERT INTO rd VALUES ('infinity'), ('-infinity');

SELECT is((SELECT count(*) FROM rp WHERE p::text::period <> p), 0::bigint, 'random periods: text round trip');
SELECT is((SELECT count(*) FROM rp, rd WHERE member_at(p, d) IS DISTINCT FROM
			 CASE WHEN certain(p) @> d THEN true WHEN possible(p) @> d THEN NULL ELSE false END),
		  0::bigint, 'random periods: member_at agrees with certain and possible');
SELECT is((SELECT count(*) FROM rp, rd WHERE (p @> d) IS DISTINCT FROM coalesce(member_at(p, d), false)),
		  0::bigint, 'random periods: @> is member_at = true');
SELECT is((SELECT count(*) FROM rp, rd WHERE (d <@ p) <> (p @> d)), 0::bigint, 'random periods: <@ commutes with @>');
SELECT ok((SELECT bool_and(certain(p) <@ possible(p)) FROM rp), 'random periods: certain within possible');
SELECT is((SELECT count(*) FROM rp a, (SELECT p FROM rp LIMIT 100) b
			WHERE (a.p && b.p) <> (possible(a.p) && possible(b.p))),
		  0::bigint, 'random periods: && is the overlap of the possible days');
SELECT is((SELECT count(*) FROM rp a, (SELECT p FROM rp LIMIT 100) b
			WHERE (a.p && b.p) <> (b.p && a.p)), 0::bigint, 'random periods: && is symmetric');
SELECT is((SELECT count(*) FROM rp a, rp b WHERE a.id < b.id AND a.id < 60
			AND (a.p = b.p) <> (a.p::text = b.p::text)), 0::bigint, 'random periods: = is equality of the canonical text');
SELECT is((SELECT count(*) FROM rp a, rp b WHERE a.id < 200 AND b.id < 200
			AND sign(period_cmp(a.p, b.p)) <> -sign(period_cmp(b.p, a.p))), 0::bigint, 'random periods: cmp is antisymmetric');

-- ---------------------------------------------------------------------
-- btree and hash
-- ---------------------------------------------------------------------
CREATE TEMP TABLE dup AS SELECT p FROM rp UNION ALL SELECT p FROM rp WHERE id % 2 = 0;
SET LOCAL enable_hashagg = on;
SELECT is((SELECT count(*) FROM (SELECT DISTINCT p FROM dup) s), (SELECT count(DISTINCT p::text) FROM rp), 'DISTINCT (hash)');
SET LOCAL enable_hashagg = off;
SELECT is((SELECT count(*) FROM (SELECT p FROM dup GROUP BY p) s), (SELECT count(DISTINCT p::text) FROM rp), 'GROUP BY (sort)');
RESET enable_hashagg;
SELECT is((SELECT array_agg(p ORDER BY p) FROM rp), (SELECT array_agg(p ORDER BY start(p), p) FROM rp), 'ORDER BY sorts by start first');
CREATE TEMP TABLE uq (p period UNIQUE);
INSERT INTO uq VALUES ('2015/2018'), ('2015/..'), ('2015/');
SELECT throws_ok($$INSERT INTO uq VALUES ('2015/2018')$$, '23505', NULL, 'UNIQUE on period');
SELECT is((SELECT count(*) FROM rp WHERE period_hash_extended(p, 0) & 4294967295 <> period_hash(p)::bigint & 4294967295),
		  0::bigint, 'hash_extended with seed 0 agrees with hash in the low 32 bits');
SELECT ok((SELECT count(DISTINCT period_hash(p)) FROM rp) > (SELECT count(DISTINCT p) FROM rp) * 0.99, 'hashes spread');
SELECT is((SELECT count(*) FROM dup a JOIN rp b ON a.p = b.p), (SELECT count(*) FROM dup a JOIN rp b ON a.p::text = b.p::text), 'hash join on =');

-- ---------------------------------------------------------------------
-- Operator classes
-- ---------------------------------------------------------------------
SELECT is((SELECT count(*) FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace
			WHERE n.nspname = 'siko' AND c.opcintype = 'siko.period'::regtype), 3::bigint, 'three operator classes for period');
SELECT ok((SELECT bool_and(amvalidate(c.oid)) FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace
			WHERE n.nspname = 'siko' AND c.opcintype = 'siko.period'::regtype), 'amvalidate passes for every period operator class');

-- ---------------------------------------------------------------------
-- GiST: a selective as-of query uses the index; answers agree
-- ---------------------------------------------------------------------
CREATE TEMP TABLE m (id int, p period);
INSERT INTO m SELECT i, ((DATE '1900-01-01' + i * 3) || '/' || (DATE '1900-01-01' + i * 3 + 30))::period
  FROM generate_series(1, 20000) i;
CREATE INDEX m_p ON m USING gist (p);
ANALYZE m;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; t text := '';
BEGIN
	FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP t := t || r || E'\n'; END LOOP;
	RETURN t;
END $$;
SELECT matches(pg_temp.plan_of($$SELECT id FROM m WHERE p @> DATE '1950-06-01'$$), 'Index.*m_p', 'EXPLAIN: index scan for p @> date');
SELECT matches(pg_temp.plan_of($$SELECT id FROM m WHERE DATE '1950-06-01' <@ p$$), 'Index.*m_p', 'EXPLAIN: index scan for date <@ p');
SELECT matches(pg_temp.plan_of($$SELECT id FROM m WHERE p && '1950-06/1950-07'$$), 'Index.*m_p', 'EXPLAIN: index scan for p && period');
SELECT set_eq($$SELECT id FROM m WHERE p @> DATE '1950-06-01'$$,
			  $$SELECT id FROM m WHERE member_at(p, DATE '1950-06-01')$$, 'index answer for @>');
SELECT set_eq($$SELECT id FROM m WHERE p && '1950-06/1950-07'$$,
			  $$SELECT id FROM m WHERE period_overlaps(p, '1950-06/1950-07')$$, 'index answer for &&');

-- ---------------------------------------------------------------------
-- Exclusion constraint with btree_gist (which siko does not require)
-- ---------------------------------------------------------------------
CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public;
CREATE TEMP TABLE membership (
	cooperation_id int, partner_id int, period period,
	EXCLUDE USING gist (cooperation_id WITH =, partner_id WITH =, period WITH &&));
INSERT INTO membership VALUES (1, 1, '2015/2018'), (1, 2, '2015/2018'), (2, 1, '2015/2018'),
	(1, 1, '2019-01-02/..');
SELECT lives_ok($$INSERT INTO membership VALUES (1, 3, '2016/..')$$, 'another partner may overlap');
SELECT throws_ok($$INSERT INTO membership VALUES (1, 1, '2018-06/2019-01-01')$$, '23P01', NULL,
				 'the same partner may not overlap: 23P01');
CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text; d text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, d = PG_EXCEPTION_DETAIL;
	RETURN s || ': ' || d;
END $$;
SELECT is(pg_temp.error_of($$INSERT INTO membership VALUES (1, 1, '2018-06/2019-01-01')$$),
		  '23P01: Key (cooperation_id, partner_id, period)=(1, 1, 2018-06/2019-01-01) conflicts with existing key (cooperation_id, partner_id, period)=(1, 1, 2015/2018).',
		  'the violation shows both periods');
SELECT throws_ok($$INSERT INTO membership VALUES (1, 1, '2018-12-31/2019-01-01')$$, '23P01', NULL,
				 'a period sharing its first and last day with its neighbours is refused');
SELECT lives_ok($$INSERT INTO membership VALUES (1, 1, '2019-01-01/2019-01-01')$$,
				'a period touching both neighbours exactly is allowed');
SELECT throws_ok($$INSERT INTO membership VALUES (1, 2, '2014/')$$, '23P01', NULL,
				 'an unknown end may overlap: rejected');

-- ---------------------------------------------------------------------
-- Counting: count_members against the generate_series SQL
-- ---------------------------------------------------------------------
SELECT set_eq(
	$$SELECT * FROM count_members((SELECT array_agg(p) FROM rp WHERE id <= 300), '2000-01-01', '2012-12-31')$$,
	$$SELECT g::date, count(*) FILTER (WHERE certain(p) @> g::date)::int AS c,
			 count(*) FILTER (WHERE possible(p) @> g::date)::int AS q
		FROM generate_series(DATE '2000-01-01', DATE '2012-12-31', '1 day') g
		CROSS JOIN (SELECT p FROM rp WHERE id <= 300) r GROUP BY g$$,
	'count_members agrees with generate_series, day by day');
SELECT set_eq(
	$$SELECT * FROM count_members((SELECT array_agg(p) FROM rp), '1990-01-01', '2035-01-01', '3 months')$$,
	$$SELECT g::date, count(*) FILTER (WHERE certain(p) @> g::date)::int AS c,
			 count(*) FILTER (WHERE possible(p) @> g::date)::int AS q
		FROM generate_series(DATE '1990-01-01', DATE '2035-01-01', '3 months') g
		CROSS JOIN rp GROUP BY g$$,
	'count_members agrees with generate_series, by quarters');
SELECT set_eq(
	$$SELECT * FROM count_members((SELECT array_agg(p) FROM rp), '2000-01-03', '2010-01-01', '1 week')$$,
	$$SELECT g::date, count(*) FILTER (WHERE p @> g::date)::int AS c,
			 count(*) FILTER (WHERE member_at(p, g::date) IS NOT FALSE)::int AS q
		FROM generate_series(DATE '2000-01-03', DATE '2010-01-01', '1 week') g
		CROSS JOIN rp GROUP BY g$$,
	'count_members agrees with member_at, by weeks');
SELECT is((SELECT count(*) FROM count_members('{}', '2020-01-01', '2019-01-01')), 0::bigint, 'from after to: no rows');
SELECT is((SELECT period_agg(p) FROM rp), (SELECT array_agg(p) FROM rp), 'period_agg collects like array_agg');
SELECT is((SELECT period_agg(p) FROM rp WHERE false), '{}'::period[], 'period_agg of no rows: an empty array');
SELECT is((SELECT period_agg(p) FROM (VALUES (NULL::period), ('2015/..'), (NULL)) v(p)), '{2015/..}'::period[], 'period_agg skips NULLs');
SELECT set_eq($$SELECT * FROM count_members((SELECT period_agg(p) FROM rp), '2000-01-01', '2001-01-01')$$,
			  $$SELECT * FROM count_members((SELECT array_agg(p) FROM rp), '2000-01-01', '2001-01-01')$$,
			  'count_members over period_agg');
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
-- (temporary tables are never scanned in parallel; this one goes with the ROLLBACK)
CREATE TABLE public.siko_test_rp AS SELECT * FROM rp;
SELECT matches(pg_temp.plan_of($$SELECT period_agg(p) FROM public.siko_test_rp$$), 'Partial Aggregate', 'period_agg runs in parallel');
SELECT is((SELECT array_agg(x ORDER BY x) FROM unnest((SELECT period_agg(p) FROM public.siko_test_rp)) x),
		  (SELECT array_agg(p ORDER BY p) FROM rp), 'period_agg in parallel: the same periods');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
SELECT is((SELECT array_agg(certain ORDER BY day) FROM count_members(ARRAY['2020/..', NULL, '2020/..']::period[], '2021-01-01', '2021-01-02')),
		  ARRAY[2, 2], 'NULL elements are skipped');
SELECT throws_ok($$SELECT * FROM count_members('{}', '2020-01-01', '2020-02-01', '0 days')$$, '22023', NULL, 'a zero step: 22023');
SELECT throws_ok($$SELECT * FROM count_members('{}', '2020-01-01', '2020-02-01', '-1 month')$$, '22023', NULL, 'a negative step: 22023');
SELECT throws_ok($$SELECT * FROM count_members('{}', '-infinity', '2020-02-01')$$, '22023', NULL, 'an infinite bound: 22023');
SELECT throws_ok($$SELECT * FROM count_members('{{2015/..}}', '2020-01-01', '2020-02-01')$$, '2202E', NULL, 'a two-dimensional array: 2202E');

SELECT * FROM finish();
ROLLBACK;
