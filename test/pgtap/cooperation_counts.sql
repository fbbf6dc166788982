-- siko.cooperations_of on a random register (its index of all
-- cooperations: per key a timeline of sets), checked against SQL over the
-- tables; the aggregate siko.cooperation_counts against unnest + GROUP BY,
-- serial and in parallel workers; its NULLs, empty input, zeros, and what
-- it refuses.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(34);
SET LOCAL search_path = public, siko;

SELECT pg_catalog.setseed(0.2311);

-- 70 cooperations: more than 64, so a set of cooperations takes two words
INSERT INTO siko.cooperation (code, name, founded)
SELECT 'net-' || pg_catalog.lpad(i::text, 2, '0'), 'Netz ' || i, '1990'
  FROM pg_catalog.generate_series(1, 70) AS i;
INSERT INTO siko.cooperation (code, name, founded) VALUES ('idle-net', 'Ohne Partner', '1990');

-- 40 municipalities and 5 districts of Hessen (made-up keys: the shipped
-- territory holds NRW only, so it does not refuse them), and one partner
-- without a key
INSERT INTO siko.partner (name, kind, ags)
SELECT 'Gemeinde ' || k, 'municipality', k::siko.ags
  FROM (SELECT '06' || pg_catalog.lpad((100 + i)::text, 3, '0') || pg_catalog.lpad(i::text, 3, '0') AS k
		  FROM pg_catalog.generate_series(1, 40) AS i) AS s;
INSERT INTO siko.partner (name, kind, ags)
SELECT 'Kreis ' || k, 'district', k::siko.ags
  FROM (SELECT '06' || (500 + i)::text AS k FROM pg_catalog.generate_series(1, 5) AS i) AS s;
INSERT INTO siko.partner (name, kind) VALUES ('Landesamt', 'other');

-- per partner and cooperation (about half of the pairs) two accessions that
-- cannot overlap: one in 1995..2009, one from 2010 on; dates of day, month
-- or year precision, some with unknown or open ends, some never certain
CREATE TEMP TABLE rnd AS
SELECT c.id AS cid, p.id AS pid, pg_catalog.random() AS r1, pg_catalog.random() AS r2,
	   pg_catalog.random() AS r3, pg_catalog.random() AS r4
  FROM siko.cooperation c CROSS JOIN siko.partner p
 WHERE c.code <> 'idle-net' AND pg_catalog.random() < 0.5;
CREATE FUNCTION pg_temp.fd(d date, r double precision) RETURNS text LANGUAGE sql AS $$
	SELECT CASE WHEN r < 0.6 THEN pg_catalog.to_char(d, 'YYYY-MM-DD')
				WHEN r < 0.85 THEN pg_catalog.to_char(d, 'YYYY-MM')
				ELSE pg_catalog.to_char(d, 'YYYY') END $$;
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT cid, pid,
	   (CASE WHEN r4 < 0.05 THEN '1995/2009'	-- certain nowhere but in 1996..2008
			 WHEN r4 < 0.10 THEN '[1995..2009]/2009-12'	-- never certain
			 ELSE pg_temp.fd(date '1995-01-01' + (r1 * 2500)::integer, r3) || '/' ||
				  CASE WHEN r2 < 0.1 THEN '' ELSE pg_temp.fd(date '2002-01-01' + (r2 * 2500)::integer, r1) END
		END)::siko.period
  FROM rnd;
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT cid, pid,
	   (pg_temp.fd(date '2010-01-01' + (r2 * 4000)::integer, r4) || '/' ||
		CASE WHEN r3 < 0.5 THEN '..' ELSE pg_temp.fd(date '2022-01-01' + (r1 * 2000)::integer, r2) END)::siko.period
  FROM rnd WHERE r3 > 0.2 AND (r4 < 0.10 OR r2 >= 0.1);

SELECT ok((SELECT pg_catalog.count(*) FROM siko.accession) > 2000, 'a random register of over 2,000 accessions');

-- events: the keys of the register, keys outside it, NULLs, and days from
-- 1990 to 2035 with the bounds of the accessions and the infinities
CREATE TABLE public.siko_cc_events (ags siko.ags, day date);
INSERT INTO public.siko_cc_events
SELECT CASE WHEN pg_catalog.random() < 0.03 THEN NULL
			WHEN pg_catalog.random() < 0.05 THEN '09162000'::siko.ags
			ELSE (SELECT p.ags FROM siko.partner p WHERE p.ags IS NOT NULL
				   ORDER BY pg_catalog.random() + g * 0 LIMIT 1) END,
	   CASE WHEN pg_catalog.random() < 0.02 THEN NULL
			WHEN pg_catalog.random() < 0.01 THEN 'infinity'::date
			WHEN pg_catalog.random() < 0.01 THEN '-infinity'::date
			ELSE date '1990-01-01' + (pg_catalog.random() * 16000)::integer END
  FROM pg_catalog.generate_series(1, 4000) AS g;
-- and every start and end day of the certain parts, and the day before each
INSERT INTO public.siko_cc_events
SELECT p.ags, d
  FROM siko.accession a JOIN siko.partner p ON p.id = a.partner_id
 CROSS JOIN LATERAL (VALUES (pg_catalog.lower(siko.certain(a.period))),
							(pg_catalog.lower(siko.certain(a.period)) - 1),
							(pg_catalog.upper(siko.certain(a.period))),
							(pg_catalog.upper(siko.certain(a.period)) - 1)) AS v(d)
 WHERE p.ags IS NOT NULL AND NOT pg_catalog.isempty(siko.certain(a.period))
   AND d IS NOT NULL AND pg_catalog.isfinite(d) AND a.id % 3 = 0;
ANALYZE public.siko_cc_events;

-- the reference: the codes of the cooperations certain on the day, by SQL
CREATE FUNCTION pg_temp.ref_of(k siko.ags, d date) RETURNS text[] LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN k IS NULL OR d IS NULL THEN NULL ELSE
		   ARRAY(SELECT DISTINCT c.code COLLATE "C"
							  FROM siko.accession a
							  JOIN siko.partner p ON p.id = a.partner_id
							  JOIN siko.cooperation c ON c.id = a.cooperation_id
							 WHERE p.ags = k AND siko.certain(a.period) @> d
							 ORDER BY 1) END $$;

SELECT is((SELECT pg_catalog.count(*) FROM public.siko_cc_events e
			WHERE siko.cooperations_of(e.ags, e.day) IS DISTINCT FROM pg_temp.ref_of(e.ags, e.day)),
		  0::bigint, 'cooperations_of equals SQL over the tables for every event (two-word sets)');
SELECT ok((SELECT pg_catalog.count(*) FROM public.siko_cc_events e
			WHERE pg_catalog.cardinality(siko.cooperations_of(e.ags, e.day)) > 20) > 100,
		  'and many events have many cooperations');
SELECT is((SELECT pg_catalog.count(*) FROM siko.partner p
			WHERE p.ags IS NOT NULL AND siko.cooperations_of(p.ags, 'infinity') IS DISTINCT FROM pg_temp.ref_of(p.ags, 'infinity')),
		  0::bigint, 'at infinity: the open-ended memberships, for every key');

-- is_member and members_as_of agree with member_at on the periods,
-- infinity included (an open end holds there too)
CREATE FUNCTION pg_temp.ref_member(c text, k siko.ags, d date) RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN pg_catalog.bool_or(siko.member_at(a.period, d)) THEN true
				WHEN pg_catalog.bool_or(siko.member_at(a.period, d) IS NULL) THEN NULL ELSE false END
	  FROM siko.accession a
	  JOIN siko.partner p ON p.id = a.partner_id
	  JOIN siko.cooperation co ON co.id = a.cooperation_id
	 WHERE co.code = c AND p.ags = k $$;
SELECT is((SELECT pg_catalog.count(*) FROM public.siko_cc_events e, (VALUES ('net-07'), ('net-44'), ('net-70')) AS c(code)
			WHERE e.ags IS NOT NULL AND e.day IS NOT NULL
			  AND siko.is_member(c.code, e.ags, e.day) IS DISTINCT FROM pg_temp.ref_member(c.code, e.ags, e.day)),
		  0::bigint, 'is_member equals member_at over the periods for every event, infinity included');
SELECT is((SELECT pg_catalog.count(*) FROM siko.members_as_of('net-07', 'infinity')),
		  (SELECT pg_catalog.count(*) FROM siko.accession a JOIN siko.cooperation c ON c.id = a.cooperation_id
			WHERE c.code = 'net-07' AND siko.member_at(a.period, 'infinity') IS DISTINCT FROM false),
		  'members_as_of at infinity: the open-ended ones');

-- is_member's probe table keeps days as 16-bit offsets, in a window of
-- about 179 years around the cooperation's days: days outside it, and a
-- cooperation whose days span more, are answered from the ordered entries
CREATE TEMP TABLE far_events AS
SELECT k.ags, v.day
  FROM (SELECT DISTINCT ags FROM public.siko_cc_events WHERE ags IS NOT NULL) AS k
 CROSS JOIN (VALUES (date '0100-01-01'), ('1700-06-30'), ('1800-01-01'), ('1900-01-01'),
					('1920-01-01'), ('2100-12-31'), ('2101-01-01'), ('2200-12-31'),
					('5000-01-01'), ('infinity'), ('-infinity')) AS v(day);
SELECT is((SELECT pg_catalog.count(*) FROM far_events e, (VALUES ('net-07'), ('net-44'), ('net-70')) AS c(code)
			WHERE siko.is_member(c.code, e.ags, e.day) IS DISTINCT FROM pg_temp.ref_member(c.code, e.ags, e.day)),
		  0::bigint, 'is_member far outside the days of the register equals member_at');
INSERT INTO siko.cooperation (code, name, founded) VALUES ('span-net', 'Vier Jahrhunderte', '1600');
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT c.id, p.id, (ARRAY['1700/1750-06', '1850-03/..', '1999-12-31/2100-05-01', '1650/1699', '2050/..'])
						[1 + (pg_catalog.row_number() OVER (ORDER BY p.id))::integer % 5]::siko.period
  FROM siko.cooperation c, siko.partner p
 WHERE c.code = 'span-net' AND p.ags IS NOT NULL;
SELECT is((SELECT pg_catalog.count(*) FROM
			(SELECT ags, day FROM far_events
			 UNION ALL
			 SELECT p.ags, v.d
			   FROM siko.accession a JOIN siko.partner p ON p.id = a.partner_id
			   JOIN siko.cooperation c ON c.id = a.cooperation_id
			  CROSS JOIN LATERAL (VALUES (pg_catalog.lower(siko.possible(a.period))),
										 (pg_catalog.lower(siko.possible(a.period)) - 1),
										 (pg_catalog.upper(siko.possible(a.period))),
										 (pg_catalog.upper(siko.possible(a.period)) - 1),
										 (pg_catalog.lower(siko.certain(a.period))),
										 (pg_catalog.upper(siko.certain(a.period)) - 1)) AS v(d)
			  WHERE c.code = 'span-net' AND v.d IS NOT NULL) AS e
			WHERE siko.is_member('span-net', e.ags, e.day) IS DISTINCT FROM pg_temp.ref_member('span-net', e.ags, e.day)),
		  0::bigint, 'a cooperation whose days span four centuries: is_member equals member_at');

-- a cooperation's accessions are read through accession_cooperation_idx;
-- with that index unusable, by a scan of the table: the same answers
UPDATE pg_catalog.pg_index SET indisvalid = false
 WHERE indexrelid = 'siko.accession_cooperation_idx'::pg_catalog.regclass;
SELECT is((SELECT pg_catalog.count(*) FROM public.siko_cc_events e, (VALUES ('net-07'), ('net-44'), ('span-net')) AS c(code)
			WHERE e.ags IS NOT NULL AND e.day IS NOT NULL
			  AND siko.is_member(c.code, e.ags, e.day) IS DISTINCT FROM pg_temp.ref_member(c.code, e.ags, e.day)),
		  0::bigint, 'without a usable index on the cooperation: is_member equals member_at');
SELECT results_eq(
	$$SELECT partner, certain FROM siko.members_as_of('net-44', '2012-06-01') ORDER BY 1, 2$$,
	$$SELECT p.name, siko.member_at(a.period, '2012-06-01') IS NOT NULL
		FROM siko.accession a JOIN siko.partner p ON p.id = a.partner_id
		JOIN siko.cooperation c ON c.id = a.cooperation_id
	   WHERE c.code = 'net-44' AND siko.member_at(a.period, '2012-06-01') IS DISTINCT FROM false
	   ORDER BY 1, 2$$,
	'and members_as_of lists the members member_at finds');
UPDATE pg_catalog.pg_index SET indisvalid = true
 WHERE indexrelid = 'siko.accession_cooperation_idx'::pg_catalog.regclass;

-- the aggregate against unnest + GROUP BY
CREATE TEMP VIEW expected_counts AS
SELECT c AS cooperation, pg_catalog.count(*) AS events
  FROM public.siko_cc_events e CROSS JOIN LATERAL pg_catalog.unnest(siko.cooperations_of(e.ags, e.day)) AS c
 GROUP BY c;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT results_eq(
	$$SELECT x.cooperation, x.events FROM pg_catalog.unnest(
		(SELECT siko.cooperation_counts(e.ags, e.day) FROM public.siko_cc_events e)) AS x$$,
	$$SELECT cooperation, events FROM expected_counts ORDER BY cooperation COLLATE "C"$$,
	'cooperation_counts equals unnest(cooperations_of) GROUP BY code, in code order');
SELECT is((SELECT pg_catalog.count(*) FROM expected_counts), 71::bigint,
	'all 71 cooperations with members are counted');
-- the rows are counted in batches of half of work_mem: 64kB makes batches
-- of 4,096 rows, so the events are counted in more than one
SET LOCAL work_mem = '64kB';
SELECT ok((SELECT pg_catalog.count(*) FROM public.siko_cc_events) > 4096, 'events for more than one batch');
SELECT results_eq(
	$$SELECT x.cooperation, x.events FROM pg_catalog.unnest(
		(SELECT siko.cooperation_counts(e.ags, e.day) FROM public.siko_cc_events e)) AS x$$,
	$$SELECT cooperation, events FROM expected_counts ORDER BY cooperation COLLATE "C"$$,
	'counted in batches: the same counts');
RESET work_mem;
SELECT is((SELECT pg_catalog.count(*) FROM pg_catalog.unnest(
			(SELECT siko.cooperation_counts(e.ags, e.day) FROM public.siko_cc_events e)) AS x
			WHERE x.cooperation = 'idle-net'), 0::bigint,
	'a cooperation without any count is left out');

-- in parallel workers: each builds its cache, the states are serialized
-- and combined by the leader
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; res text := '';
BEGIN
	FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP res := res || r || E'\n'; END LOOP;
	RETURN res;
END $$;
SELECT matches(pg_temp.plan_of('SELECT siko.cooperation_counts(e.ags, e.day) FROM public.siko_cc_events e'),
	'Partial Aggregate', 'the aggregate is planned in parallel');
SELECT results_eq(
	$$SELECT x.cooperation, x.events FROM pg_catalog.unnest(
		(SELECT siko.cooperation_counts(e.ags, e.day) FROM public.siko_cc_events e)) AS x$$,
	$$SELECT cooperation, events FROM expected_counts ORDER BY cooperation COLLATE "C"$$,
	'in parallel workers: the same counts');
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- per group, as a report would ask: per year and cooperation
SELECT results_eq(
	$$SELECT y, x.cooperation, x.events
		FROM (SELECT pg_catalog.date_part('year', e.day)::integer AS y, siko.cooperation_counts(e.ags, e.day) AS a
				FROM public.siko_cc_events e WHERE pg_catalog.isfinite(e.day) GROUP BY 1) AS s,
			 pg_catalog.unnest(s.a) AS x
	   ORDER BY 1, x.cooperation COLLATE "C"$$,
	$$SELECT pg_catalog.date_part('year', e.day)::integer, c, pg_catalog.count(*)
		FROM public.siko_cc_events e CROSS JOIN LATERAL pg_catalog.unnest(siko.cooperations_of(e.ags, e.day)) AS c
	   WHERE pg_catalog.isfinite(e.day) GROUP BY 1, 2 ORDER BY 1, c COLLATE "C"$$,
	'grouped by year: the same as unnest per year');

-- empty input, NULLs, keys outside the register
SELECT is((SELECT siko.cooperation_counts(e.ags, e.day) FROM public.siko_cc_events e WHERE false),
	'{}'::siko.cooperation_count[], 'no rows: an empty array');
SELECT is((SELECT siko.cooperation_counts(e.ags, e.day)
			 FROM (VALUES (NULL::siko.ags, '2020-01-01'::date), ('06101001', NULL), ('09162000', '2020-01-01')) AS e(ags, day)),
	'{}'::siko.cooperation_count[], 'NULL keys and days and keys outside the register count nowhere');
SELECT is((SELECT siko.cooperation_counts(e.ags, e.day) FILTER (WHERE false) FROM public.siko_cc_events e),
	'{}'::siko.cooperation_count[], 'a FILTER that keeps nothing: an empty array');

-- a change is seen by the next statement
SELECT is((SELECT x.events FROM pg_catalog.unnest(
			(SELECT siko.cooperation_counts(e.ags, e.day)
			   FROM (VALUES ('06101001'::siko.ags, '2040-01-01'::date)) AS e(ags, day))) AS x
			WHERE x.cooperation = 'idle-net'), NULL::bigint, 'before: idle-net has no member');
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT c.id, p.id, '2030/..' FROM siko.cooperation c, siko.partner p
 WHERE c.code = 'idle-net' AND p.ags = '06101001';
SELECT is((SELECT x.events FROM pg_catalog.unnest(
			(SELECT siko.cooperation_counts(e.ags, e.day)
			   FROM (VALUES ('06101001'::siko.ags, '2040-01-01'::date), ('06101001', '2040-01-02')) AS e(ags, day))) AS x
			WHERE x.cooperation = 'idle-net'), 2::bigint, 'after an accession: counted in the next statement');

-- more than 192 cooperations: sets of four words, a block of a timeline
-- holds 18 events, and a key's 30-odd joins on one day fill two
INSERT INTO siko.cooperation (code, name, founded)
SELECT 'wide-' || i, 'Breit ' || i, '1990' FROM pg_catalog.generate_series(1, 130) AS i;
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT c.id, p.id, (CASE WHEN (c.id + p.id) % 3 = 0 THEN '2001/2015' ELSE '2012-05-17/..' END)::siko.period
  FROM siko.cooperation c JOIN siko.partner p ON (c.id + p.id) % 4 = 0
 WHERE c.code LIKE 'wide-%' AND p.ags IS NOT NULL;
SELECT is((SELECT pg_catalog.count(*) FROM public.siko_cc_events e
			WHERE siko.cooperations_of(e.ags, e.day) IS DISTINCT FROM pg_temp.ref_of(e.ags, e.day)),
		  0::bigint, 'with 202 cooperations (four-word sets): cooperations_of equals SQL');
SELECT is((SELECT pg_catalog.count(*)
			 FROM siko.partner p,
				  pg_catalog.unnest('{-infinity,2000-12-31,2001-01-01,2012-05-16,2012-05-17,2015-12-31,2016-01-01,infinity}'::date[]) AS d
			WHERE p.ags IS NOT NULL
			  AND siko.cooperations_of(p.ags, d) IS DISTINCT FROM pg_temp.ref_of(p.ags, d)),
		  0::bigint, 'and on the days the sets change, before and after them, for every key');

-- more than 256 cooperations: no timelines, each key's entries are
-- scanned per call; the same answers
INSERT INTO siko.cooperation (code, name, founded)
SELECT 'wide-' || i, 'Breit ' || i, '1990' FROM pg_catalog.generate_series(131, 200) AS i;
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT c.id, p.id, (CASE WHEN (c.id + p.id) % 3 = 0 THEN '2001/2015' ELSE '2012-05-17/..' END)::siko.period
  FROM siko.cooperation c JOIN siko.partner p ON (c.id + p.id) % 4 = 0
 WHERE c.code LIKE 'wide-%' AND p.ags IS NOT NULL AND pg_catalog.substr(c.code, 6)::integer > 130;
SELECT is((SELECT pg_catalog.count(*) FROM public.siko_cc_events e
			WHERE siko.cooperations_of(e.ags, e.day) IS DISTINCT FROM pg_temp.ref_of(e.ags, e.day)),
		  0::bigint, 'with 272 cooperations (the scan instead of timelines): cooperations_of equals SQL');
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT results_eq(
	$$SELECT x.cooperation, x.events FROM pg_catalog.unnest(
		(SELECT siko.cooperation_counts(e.ags, e.day) FROM public.siko_cc_events e)) AS x$$,
	$$SELECT cooperation, events FROM expected_counts ORDER BY cooperation COLLATE "C"$$,
	'and cooperation_counts equals unnest + GROUP BY');
RESET max_parallel_workers_per_gather;

-- On a Citus worker.  Citus asks each shard for
-- pg_catalog.worker_partial_agg(agg, ROW(args)), its generic wrapper, and
-- combines the states' text forms; siko's planner hook runs
-- siko.cooperation_counts_partial in its place, and only for
-- siko.cooperation_counts.  A stand-in for Citus's wrapper that answers
-- 'wrapper' shows which of them ran.
CREATE FUNCTION pg_catalog.worker_partial_agg_sfunc(s text, agg oid, arg anyelement) RETURNS text
	LANGUAGE sql AS $$SELECT 'wrapper'$$;
CREATE AGGREGATE pg_catalog.worker_partial_agg(oid, anyelement) (
	SFUNC = pg_catalog.worker_partial_agg_sfunc, STYPE = text, FINALFUNC = pg_catalog.textout);
-- (the queries at the top, as Citus sends them: the hook rewrites those)
CREATE FUNCTION pg_temp.partial_of(agg text, args text) RETURNS text LANGUAGE sql AS $$
	SELECT 'SELECT pg_catalog.worker_partial_agg(' || pg_catalog.quote_literal(agg)
		|| '::pg_catalog.regprocedure, ROW(' || args || '))::text FROM public.siko_cc_events e'
$$;
SELECT results_eq(pg_temp.partial_of('siko.cooperation_counts(siko.ags,date)', 'e.ags, e.day'),
	$$SELECT siko.cooperation_counts_partial(e.ags, e.day)::text FROM public.siko_cc_events e$$,
	'Citus''s partial aggregation of cooperation_counts runs cooperation_counts_partial');
-- the coordinator's part: the states' text read back, combined and finished
CREATE TEMP TABLE parts AS
SELECT pg_catalog.worker_partial_agg('siko.cooperation_counts(siko.ags,date)'::pg_catalog.regprocedure,
		ROW(e.ags, e.day))::text AS w
  FROM public.siko_cc_events e GROUP BY e.day < '2010-01-01', e.ags::text < '06120';
CREATE AGGREGATE pg_temp.combine_counts(pg_catalog.bytea) (
	SFUNC = siko.cooperation_counts_combine, STYPE = pg_catalog.bytea,
	FINALFUNC = siko.cooperation_counts_final, FINALFUNC_MODIFY = READ_WRITE);
SELECT is((SELECT pg_temp.combine_counts(p.w::text::pg_catalog.bytea) FROM parts p),
		  (SELECT siko.cooperation_counts(e.ags, e.day) FROM public.siko_cc_events e),
	'partial states of groups (as of shards), read back and combined: the counts of the whole');
SELECT results_eq(pg_temp.partial_of('siko.period_agg(siko.period)', 'e.ags, e.day'), $$VALUES ('wrapper')$$,
	'another aggregate is left to the wrapper');
SELECT results_eq(pg_temp.partial_of('siko.cooperation_counts(siko.ags,date)', 'e.ags::text, e.day'),
	$$VALUES ('wrapper')$$, 'so are arguments of other types');
CREATE ROLE siko_test_noexec NOLOGIN;
GRANT USAGE ON SCHEMA siko TO siko_test_noexec;
GRANT SELECT ON public.siko_cc_events TO siko_test_noexec;
REVOKE EXECUTE ON FUNCTION siko.cooperation_counts(siko.ags, pg_catalog.date) FROM PUBLIC;
SET LOCAL ROLE siko_test_noexec;
SELECT results_eq(pg_temp.partial_of('siko.cooperation_counts(siko.ags,date)', 'e.ags, e.day'),
	$$VALUES ('wrapper')$$, 'and a role that may not execute cooperation_counts (the wrapper checks that)');
RESET ROLE;
GRANT EXECUTE ON FUNCTION siko.cooperation_counts(siko.ags, pg_catalog.date) TO PUBLIC;

-- row-level security on a register table: the cache cannot apply policies
CREATE ROLE siko_test_rls NOLOGIN;
GRANT USAGE ON SCHEMA siko TO siko_test_rls;
GRANT SELECT ON siko.cooperation, siko.partner, siko.accession TO siko_test_rls;
GRANT SELECT ON public.siko_cc_events TO siko_test_rls;
ALTER TABLE siko.accession ENABLE ROW LEVEL SECURITY;
CREATE POLICY siko_test_some ON siko.accession FOR SELECT USING (id % 2 = 0);
SET LOCAL ROLE siko_test_rls;
SELECT throws_ok($$SELECT siko.cooperations_of('06101001', '2020-01-01')$$, '0A000',
	'siko''s as-of functions cannot answer under row-level security on "siko.accession"',
	'under row-level security: 0A000, not answers from rows the policies hide');
SELECT throws_ok($$SELECT siko.cooperation_counts(e.ags, e.day) FROM public.siko_cc_events e$$, '0A000', NULL,
	'the aggregate too');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
