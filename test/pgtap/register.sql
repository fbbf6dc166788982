-- The register: semantics of the as-of API, the rules and their errors,
-- unknown names, NULLs.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(119);

-- A small hand-made register: the SiKo Ruhr with a few partners, and a
-- second network that Herten also belongs to.
INSERT INTO siko.cooperation (code, name, founded, seat)
VALUES ('siko-ruhr', 'Sicherheitskooperation Ruhr', '2020', 'Essen'),
	   ('alpha-net', 'Alpha-Netzwerk', '2021-03', NULL),
	   ('empty-net', 'Ohne Partner', '2022', NULL);
INSERT INTO siko.partner (name, kind, ags)
VALUES ('Kreis Recklinghausen', 'district', '05562'),
	   ('Herten', 'municipality', '05562020'),
	   ('Innenministerium NRW', 'ministry', NULL),
	   ('Essen', 'city', '05113000'),
	   ('Kreis Wesel', 'district', '05170'),
	   ('Bochum', 'city', '05911000');
INSERT INTO siko.accession (cooperation_id, partner_id, period, decided, signed, effective, announced, role)
SELECT c.id, p.id, x.period::siko.period, x.decided::siko.fuzzydate, x.signed::siko.fuzzydate,
	   x.effective::siko.fuzzydate, x.announced::siko.fuzzydate, x.role
  FROM (VALUES
	('siko-ruhr', 'Kreis Recklinghausen', '[..2022-03-03]/..', NULL, NULL, NULL, NULL, NULL),
	('siko-ruhr', 'Herten', '2023-10-01/..', '2023-09-27', '2023-09-29', '2023-10-01', '2023-10-11', NULL),
	('siko-ruhr', 'Innenministerium NRW', '2020-06/..', NULL, NULL, NULL, NULL, 'founding partner'),
	('siko-ruhr', 'Essen', '2020-06/2024-XX', NULL, NULL, NULL, NULL, 'founding partner'),
	('siko-ruhr', 'Kreis Wesel', '2025-XX/..', NULL, NULL, NULL, NULL, NULL),
	('alpha-net', 'Herten', '2021-04-01/..', NULL, NULL, NULL, NULL, NULL),
	('alpha-net', 'Essen', '2021-04/2021-12-31', NULL, NULL, NULL, NULL, NULL),
	('alpha-net', 'Essen', '2022-02-01/..', NULL, NULL, NULL, NULL, NULL)
  ) AS x(coop, partner, period, decided, signed, effective, announced, role)
  JOIN siko.cooperation c ON c.code = x.coop
  JOIN siko.partner p ON p.name = x.partner;
INSERT INTO siko.source (publisher, title, published, reference)
VALUES ('Stadt Herten', 'Stadt Herten ist SiKo Ruhr beigetreten', '2023-10-11', 'https://www.herten.de/');
INSERT INTO siko.accession_source (accession_id, source_id)
SELECT a.id, s.id FROM siko.accession a, siko.source s, siko.partner p, siko.cooperation c
 WHERE a.partner_id = p.id AND p.name = 'Herten' AND a.cooperation_id = c.id AND c.code = 'siko-ruhr';

-- ---------------------------------------------------------------------
-- members_as_of
-- ---------------------------------------------------------------------
SELECT results_eq(
	$$SELECT partner, kind::text, ags::text, certain, period::text
		FROM siko.members_as_of('siko-ruhr', '2023-09-30')$$,
	$$VALUES ('Essen', 'city', '05113000', true, '2020-06/2024-XX'),
			 ('Innenministerium NRW', 'ministry', NULL, true, '2020-06/..'),
			 ('Kreis Recklinghausen', 'district', '05562', true, '[..2022-03-03]/..')$$,
	'members_as_of lists the certain members by name, Herten not yet');
SELECT results_eq(
	$$SELECT partner, certain FROM siko.members_as_of('siko-ruhr', '2024-06-15')$$,
	$$VALUES ('Essen', false), ('Herten', true), ('Innenministerium NRW', true),
			 ('Kreis Recklinghausen', true)$$,
	'members_as_of marks a member whose end is uncertain as possible');
SELECT results_eq(
	$$SELECT partner, certain FROM siko.members_as_of('siko-ruhr', '2020-06-15')$$,
	$$VALUES ('Essen', false), ('Innenministerium NRW', false), ('Kreis Recklinghausen', false)$$,
	'members_as_of in the month of founding: all only possible');
SELECT results_eq($$SELECT partner, certain FROM siko.members_as_of('siko-ruhr', '2019-12-31')$$,
	$$VALUES ('Kreis Recklinghausen', false)$$,
	'members_as_of before the founding: only the Kreis, whose start is open towards the past, possibly');
SELECT is_empty($$SELECT * FROM siko.members_as_of('empty-net', '2023-01-01')$$,
	'members_as_of of a cooperation without accessions is empty');
SELECT is((SELECT pg_catalog.pg_typeof(period)::text FROM siko.members_as_of('siko-ruhr', '2023-01-01') LIMIT 1),
	'siko.period', 'members_as_of returns the period as siko.period');

-- ---------------------------------------------------------------------
-- is_member and is_covered: the Herten example
-- ---------------------------------------------------------------------
SELECT is(siko.is_member('siko-ruhr', '05562020', '2023-09-30'), false,
	'Herten is not a member on 2023-09-30');
SELECT is(siko.is_covered('siko-ruhr', '05562020', '2023-09-30'), true,
	'but Herten is covered through Kreis Recklinghausen on 2023-09-30');
SELECT is(siko.is_member('siko-ruhr', '05562020', '2023-10-01'), true,
	'Herten is a member from 2023-10-01');
SELECT is(siko.is_covered('siko-ruhr', '05562020', '2023-10-01'), true,
	'and covered from 2023-10-01');
SELECT is(siko.is_covered('siko-ruhr', '05562', '2022-03-03'), true,
	'Kreis Recklinghausen covers itself on the last day of its uncertain start');
SELECT is(siko.is_covered('siko-ruhr', '05562020', '2021-01-01'), NULL::boolean,
	'before 2022-03-03 the Kreis is only possibly a member: covered is NULL');
SELECT is(siko.is_member('siko-ruhr', '05113000', '2024-06-01'), NULL::boolean,
	'Essen in 2024, when it left at an unknown day of that year: NULL');
SELECT is(siko.is_member('siko-ruhr', '05113000', '2025-01-01'), false,
	'Essen in 2025: false');
SELECT is(siko.is_member('siko-ruhr', '05113000', '2023-01-01'), true,
	'Essen in 2023: true');
SELECT is(siko.is_member('siko-ruhr', '05562', '2023-01-01'), true,
	'is_member with the key of a member district');
SELECT is(siko.is_member('siko-ruhr', '05562024', '2023-01-01'), false,
	'is_member is false for a municipality inside a member district (exact key only)');
SELECT is(siko.is_covered('siko-ruhr', '05562024', '2023-01-01'), true,
	'is_covered is true for it');
SELECT is(siko.is_covered('siko-ruhr', '05170020', '2025-06-01'), NULL::boolean,
	'Dinslaken in 2025: Kreis Wesel joined at an unknown day of 2025, covered is NULL');
SELECT is(siko.is_covered('siko-ruhr', '05170020', '2026-01-01'), true,
	'Dinslaken in 2026: covered');
SELECT is(siko.is_covered('siko-ruhr', '09162000', '2023-01-01'), false,
	'Munich is not covered');
SELECT is(siko.is_covered('siko-ruhr', '05', '2023-01-01'), false,
	'a Land key is not covered by one of its districts');
SELECT is(siko.is_member('siko-ruhr', '05911000', '2023-01-01'), false,
	'a partner that never joined this cooperation is no member');
SELECT is(siko.is_member('alpha-net', '05113000', '2022-01-15'), false,
	'between two accessions of one partner: false');
SELECT is(siko.is_member('alpha-net', '05113000', '2022-02-01'), true,
	'from the second accession on: true');
SELECT is(
	(SELECT pg_catalog.count(*) FROM pg_catalog.generate_series('2023-09-25'::date, '2023-10-05', '1 day') AS g(d)
	  WHERE siko.is_member('siko-ruhr', '05562020', g.d::date)),
	5::bigint, 'is_member in a join: Herten on 5 of the days 2023-09-25..2023-10-05');

-- ---------------------------------------------------------------------
-- covered_by
-- ---------------------------------------------------------------------
SELECT results_eq(
	$$SELECT partner, ags::text, certain FROM siko.covered_by('siko-ruhr', '05562020', '2023-10-01')$$,
	$$VALUES ('Herten', '05562020', true), ('Kreis Recklinghausen', '05562', true)$$,
	'covered_by from 2023-10-01: Herten itself and its Kreis');
SELECT results_eq(
	$$SELECT partner, ags::text, certain FROM siko.covered_by('siko-ruhr', '05562020', '2023-09-30')$$,
	$$VALUES ('Kreis Recklinghausen', '05562', true)$$,
	'covered_by on 2023-09-30: only the Kreis');
SELECT results_eq(
	$$SELECT partner, certain FROM siko.covered_by('siko-ruhr', '05170020', '2025-06-01')$$,
	$$VALUES ('Kreis Wesel', false)$$,
	'covered_by lists a possible member with certain false');
SELECT is_empty($$SELECT * FROM siko.covered_by('siko-ruhr', '09162000', '2023-01-01')$$,
	'covered_by of an uncovered key is empty');

-- ---------------------------------------------------------------------
-- member_at
-- ---------------------------------------------------------------------
SELECT is(siko.member_at('siko-ruhr', 'Herten', '2023-10-01'), true, 'member_at true');
SELECT is(siko.member_at('siko-ruhr', 'Herten', '2023-09-30'), false, 'member_at false');
SELECT is(siko.member_at('siko-ruhr', 'Essen', '2024-06-01'), NULL::boolean, 'member_at NULL when the sources leave it open');
SELECT is(siko.member_at('siko-ruhr', 'Innenministerium NRW', '2021-01-01'), true, 'member_at of a partner without ags');
SELECT is(siko.member_at('siko-ruhr', 'Bochum', '2023-01-01'), false, 'member_at of a partner that never joined: false');

-- ---------------------------------------------------------------------
-- cooperations_of
-- ---------------------------------------------------------------------
SELECT is(siko.cooperations_of('05562020', '2023-10-01'), ARRAY['alpha-net', 'siko-ruhr'],
	'cooperations_of Herten from 2023-10-01: both, sorted');
SELECT is(siko.cooperations_of('05562020', '2023-09-30'), ARRAY['alpha-net'],
	'cooperations_of Herten on 2023-09-30: alpha-net only');
SELECT is(siko.cooperations_of('05113000', '2024-06-01'), ARRAY['alpha-net'],
	'cooperations_of leaves out possible memberships');
SELECT is(siko.cooperations_of('09162000', '2023-01-01'), '{}'::text[],
	'cooperations_of an unknown key is empty');
SELECT is(
	(SELECT pg_catalog.string_agg(c, ',' ORDER BY c)
	   FROM (VALUES ('05562020'::siko.ags, '2023-10-01'::date), ('05113000', '2023-01-01')) AS e(ags, day)
	   CROSS JOIN LATERAL pg_catalog.unnest(siko.cooperations_of(e.ags, e.day)) AS c),
	'alpha-net,alpha-net,siko-ruhr,siko-ruhr',
	'cooperations_of with unnest counts events per cooperation');

-- ---------------------------------------------------------------------
-- growth
-- ---------------------------------------------------------------------
SELECT results_eq(
-- (Essen's end 2024-XX: its last day lies somewhere in 2024, so it is certainly a member on 2024-01-01)
	$$SELECT day, certain, possible FROM siko.growth('siko-ruhr', '2020-01-01', '2026-01-01', '1 year')$$,
	$$VALUES ('2020-01-01'::date, 0, 1), ('2021-01-01', 2, 3), ('2022-01-01', 2, 3),
			 ('2023-01-01', 3, 3), ('2024-01-01', 4, 4), ('2025-01-01', 3, 4),
			 ('2026-01-01', 4, 4)$$,
	'growth by year: certain and possible members');
SELECT results_eq(
	$$SELECT day, certain, possible FROM siko.growth('siko-ruhr', '2019-06-01', '2026-06-01', '1 day')$$,
	$$SELECT g.d::date, pg_catalog.count(*) FILTER (WHERE siko.member_at(a.period, g.d::date))::integer,
			 pg_catalog.count(*) FILTER (WHERE siko.member_at(a.period, g.d::date) IS DISTINCT FROM false)::integer
		FROM pg_catalog.generate_series('2019-06-01'::date, '2026-06-01', '1 day') AS g(d)
		CROSS JOIN siko.accession a JOIN siko.cooperation c ON c.id = a.cooperation_id
	   WHERE c.code = 'siko-ruhr' GROUP BY g.d ORDER BY g.d$$,
	'growth by day agrees with member_at of every accession on every day');
SELECT results_eq(
	$$SELECT certain, possible FROM siko.growth('siko-ruhr', '2023-09-30', '2023-10-01')$$,
	$$VALUES (3, 3), (4, 4)$$,
	'growth by day (the default step): Herten joins on 2023-10-01');
SELECT ok((SELECT pg_catalog.bool_and(certain <= possible)
			 FROM siko.growth('siko-ruhr', '2019-01-01', '2026-12-31')),
	'growth: certain <= possible on every day');
SELECT is((SELECT pg_catalog.count(*) FROM siko.growth('siko-ruhr', '2020-01-31', '2020-12-31', '1 month')),
	12::bigint, 'growth by month from the 31st: one day per month');
SELECT is_empty($$SELECT * FROM siko.growth('siko-ruhr', '2023-01-02', '2023-01-01')$$,
	'growth with to_day before from_day is empty');
SELECT throws_ok($$SELECT * FROM siko.growth('siko-ruhr', '2023-01-01', '2023-02-01', '0 days')$$,
	'22023', 'invalid step for growth: "00:00:00"', 'growth rejects a zero step');
SELECT throws_ok($$SELECT * FROM siko.growth('siko-ruhr', '2023-01-01', '2023-02-01', '-1 day')$$,
	'22023', 'invalid step for growth: "-1 days"', 'growth rejects a negative step');
SELECT throws_ok($$SELECT * FROM siko.growth('siko-ruhr', '2023-01-01', 'infinity')$$,
	'22023', 'the days for growth must be finite', 'growth rejects infinity');

-- ---------------------------------------------------------------------
-- timeline
-- ---------------------------------------------------------------------
SELECT results_eq(
	$$SELECT cooperation, partner, kind, ags, start, finish, start_earliest, start_latest,
			 finish_earliest, finish_latest, decided_earliest, signed_latest, effective_earliest,
			 announced_latest, sources
		FROM siko.timeline WHERE partner = 'Herten' ORDER BY cooperation$$,
	$$VALUES ('alpha-net', 'Herten', 'municipality', '05562020', '2021-04-01', '..',
			  '2021-04-01'::date, '2021-04-01'::date, NULL::date, NULL::date, NULL::date, NULL::date,
			  NULL::date, NULL::date, NULL::text),
			 ('siko-ruhr', 'Herten', 'municipality', '05562020', '2023-10-01', '..',
			  '2023-10-01', '2023-10-01', NULL, NULL, '2023-09-27', '2023-09-29', '2023-10-01',
			  '2023-10-11',
			  'Stadt Herten, Stadt Herten ist SiKo Ruhr beigetreten, 2023-10-11, https://www.herten.de/')$$,
	'timeline: Herten''s two accessions in plain types');
SELECT results_eq(
	$$SELECT finish, status, finish_earliest, finish_latest FROM siko.timeline
	   WHERE partner = 'Essen' AND cooperation = 'siko-ruhr'$$,
	$$VALUES ('2024-XX', 'ended', '2024-01-01'::date, '2024-12-31'::date)$$,
	'timeline: an imprecise end as EDTF text and its last certain and last possible day');
SELECT is(
	(SELECT pg_catalog.string_agg(DISTINCT t.typname, ',' ORDER BY t.typname)
	   FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
	  WHERE a.attrelid = 'siko.timeline'::pg_catalog.regclass AND a.attnum > 0),
	'date,int4,text', 'timeline has only plain column types');
SELECT is_empty(
	$$SELECT a.attname FROM pg_catalog.pg_attribute a
	   WHERE a.attrelid = 'siko.timeline'::pg_catalog.regclass AND a.attnum > 0
		 AND (pg_catalog.col_description(a.attrelid, a.attnum) IS NULL
			  OR a.attname IN (SELECT w.word FROM pg_catalog.pg_get_keywords() w WHERE w.catcode IN ('R', 'T')))$$,
	'timeline: every column has a comment, none is a reserved word');
SELECT is((SELECT c.reloptions FROM pg_catalog.pg_class c WHERE c.oid = 'siko.timeline'::pg_catalog.regclass),
	'{security_invoker=true}'::text[], 'timeline is read with the reader''s rights (security_invoker)');
SELECT set_eq($$SELECT * FROM siko.timeline_as_known_on(NULL)$$, $$SELECT * FROM siko.timeline$$,
	'timeline_as_known_on(NULL) is the timeline, column by column');
-- status, finish and the last certain and possible days, for every kind of end
CREATE TEMP TABLE ends AS
SELECT x.period::siko.period AS period, x.status, x.finish FROM (VALUES
	('2021-03-05/2022-01-01', 'ended', '2022-01-01'), ('2015/2018', 'ended', '2018'),
	('2015-06/2015-06', 'ended', '2015-06'), ('[..2020]/2022', 'ended', '2022'),
	('2020/[2022..]', 'ended', '[2022..]'), ('2021/', 'ended, day unknown', ''),
	('2021/..', 'running', '..'), ('2021-05~/2022-XX', 'ended', '2022-XX')) AS x(period, status, finish);
INSERT INTO siko.cooperation (code, name, founded) VALUES ('ends-net', 'Enden-Netz', '2015');
INSERT INTO siko.partner (name, kind) SELECT 'Ende ' || e.period::text, 'other' FROM ends e;
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT c.id, p.id, e.period FROM ends e JOIN siko.partner p ON p.name = 'Ende ' || e.period::text,
	   siko.cooperation c WHERE c.code = 'ends-net';
SELECT results_eq(
	$$SELECT t.status, t.finish, t.finish_earliest, t.finish_latest, t.start_earliest, t.start_latest
		FROM siko.timeline t WHERE t.cooperation = 'ends-net' ORDER BY t.partner$$,
	$$SELECT e.status, e.finish,
			 CASE WHEN NOT pg_catalog.isempty(siko.certain(e.period)) THEN pg_catalog.upper(siko.certain(e.period)) - 1 END,
			 pg_catalog.upper(siko.possible(e.period)) - 1,
			 NULLIF(siko.earliest(siko.start(e.period)), '-infinity'),
			 NULLIF(siko.latest(siko.start(e.period)), 'infinity')
		FROM ends e ORDER BY 'Ende ' || e.period::text$$,
	'timeline: status, finish text, last certain and last possible day of every kind of end');
-- the view and the picture read with the reader's row-level security
CREATE ROLE siko_timeline_reader NOLOGIN;
GRANT USAGE ON SCHEMA siko TO siko_timeline_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA siko TO siko_timeline_reader;
ALTER TABLE siko.accession ENABLE ROW LEVEL SECURITY;
CREATE POLICY timeline_no_herten ON siko.accession FOR SELECT TO siko_timeline_reader
	USING (partner_id <> (SELECT p.id FROM siko.partner p WHERE p.name = 'Herten'));
SET LOCAL ROLE siko_timeline_reader;
SELECT is((SELECT pg_catalog.count(*) FROM siko.timeline WHERE partner = 'Herten'), 0::bigint,
	'timeline: a row policy on siko.accession hides Herten''s accessions from the reader');
SELECT is((SELECT pg_catalog.count(*) FROM siko.timeline), (SELECT pg_catalog.count(*) FROM siko.accession),
	'timeline: as many rows as siko.accession shows the reader');
SELECT is(pg_catalog.strpos(siko.timeline_svg('siko-ruhr'), 'Herten'), 0,
	'timeline_svg: draws no accession the reader cannot see');
RESET ROLE;
DROP POLICY timeline_no_herten ON siko.accession;
ALTER TABLE siko.accession DISABLE ROW LEVEL SECURITY;
SELECT ok(pg_catalog.strpos(siko.timeline_svg('siko-ruhr', lang => 'de'), '>sicher Mitglied<') > 0
	  AND pg_catalog.strpos(siko.timeline_svg('siko-ruhr'), '>certainly a member<') > 0,
	'timeline_svg: labels in German with lang => ''de'', in English by default');
SELECT throws_ok($$SELECT siko.timeline_svg('siko-ruhr', lang => 'fr')$$, '22023',
	'invalid language for siko.timeline_svg: "fr"', 'timeline_svg: an unknown language is an error');

-- ---------------------------------------------------------------------
-- Unknown names: 22023 quoting the name, with a hint
-- ---------------------------------------------------------------------
SELECT throws_ok($$SELECT siko.is_member('siko-rur', '05562020', '2023-10-01')$$,
	'22023', 'unknown cooperation: "siko-rur"', 'is_member: unknown cooperation');
SELECT throws_ok($$SELECT siko.is_covered('SIKO-RUHR', '05562020', '2023-10-01')$$,
	'22023', 'unknown cooperation: "SIKO-RUHR"', 'is_covered: unknown cooperation (codes are exact)');
SELECT throws_ok($$SELECT * FROM siko.members_as_of('nope', '2023-10-01')$$,
	'22023', 'unknown cooperation: "nope"', 'members_as_of: unknown cooperation');
SELECT throws_ok($$SELECT * FROM siko.covered_by('nope', '05562020', '2023-10-01')$$,
	'22023', 'unknown cooperation: "nope"', 'covered_by: unknown cooperation');
SELECT throws_ok($$SELECT * FROM siko.growth('nope', '2023-10-01', '2023-10-02')$$,
	'22023', 'unknown cooperation: "nope"', 'growth: unknown cooperation');
SELECT throws_ok($$SELECT siko.member_at('nope', 'Herten', '2023-10-01')$$,
	'22023', 'unknown cooperation: "nope"', 'member_at: unknown cooperation');
SELECT throws_ok($$SELECT siko.member_at('siko-ruhr', 'Hertn', '2023-10-01')$$,
	'22023', 'unknown partner: "Hertn"', 'member_at: unknown partner');
SELECT throws_ok($$SELECT siko.is_member(pg_catalog.repeat('x', 100), '05562020', '2023-10-01')$$,
	'22023', 'unknown cooperation: "' || pg_catalog.repeat('x', 100) || '"', 'a code longer than any code: unknown');
CREATE FUNCTION pg_temp.hint_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text;
BEGIN
	EXECUTE q;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
	RETURN h;
END $$;
SELECT is(pg_temp.hint_of($$SELECT siko.is_member('nope', '05562020', '2023-10-01')$$),
	'The codes are listed by: SELECT code, name FROM siko.cooperation;', 'the hint names siko.cooperation');
SELECT is(pg_temp.hint_of($$SELECT siko.member_at('siko-ruhr', 'Hertn', '2023-10-01')$$),
	'The names are listed by: SELECT name, kind FROM siko.partner;', 'the hint names siko.partner');

-- ---------------------------------------------------------------------
-- NULL arguments give NULL (or no rows)
-- ---------------------------------------------------------------------
SELECT is(siko.is_member(NULL, '05562020', '2023-10-01'), NULL::boolean, 'is_member(NULL, ..)');
SELECT is(siko.is_member('siko-ruhr', NULL, '2023-10-01'), NULL::boolean, 'is_member(.., NULL, ..)');
SELECT is(siko.is_covered('siko-ruhr', '05562020', NULL), NULL::boolean, 'is_covered(.., NULL)');
SELECT is(siko.member_at('siko-ruhr', NULL, '2023-10-01'), NULL::boolean, 'member_at(.., NULL, ..)');
SELECT is(siko.cooperations_of(NULL, '2023-10-01'), NULL::text[], 'cooperations_of(NULL, ..)');
SELECT is_empty($$SELECT * FROM siko.members_as_of(NULL, '2023-10-01')$$, 'members_as_of(NULL, ..) gives no rows');
SELECT is_empty($$SELECT * FROM siko.growth('siko-ruhr', NULL, '2023-10-01')$$, 'growth(.., NULL, ..) gives no rows');

-- ---------------------------------------------------------------------
-- The rules: SQLSTATE and messages naming partner and cooperation
-- ---------------------------------------------------------------------
PREPARE acc(text, text, text, text, text, text, text) AS
	INSERT INTO siko.accession (cooperation_id, partner_id, period, decided, signed, effective, announced)
	SELECT c.id, p.id, $3::siko.period, $4::siko.fuzzydate, $5::siko.fuzzydate, $6::siko.fuzzydate, $7::siko.fuzzydate
	  FROM siko.cooperation c, siko.partner p WHERE c.code = $1 AND p.name = $2;

SELECT throws_ok($$EXECUTE acc('siko-ruhr', 'Herten', '2024/..', NULL, NULL, NULL, NULL)$$,
	'23P01', 'accession of partner "Herten" to cooperation "siko-ruhr" may overlap another one',
	'overlap: 23P01 naming partner and cooperation');
SELECT is(pg_temp.hint_of($$EXECUTE acc('siko-ruhr', 'Herten', '2023-09/2023-10', NULL, NULL, NULL, NULL)$$),
	'A partner''s accessions of one cooperation must not overlap, even possibly: end the existing one first, or give dates that tell them apart.',
	'overlap: a period that only possibly overlaps is refused too');
SELECT lives_ok($$EXECUTE acc('siko-ruhr', 'Herten', '2021-01/2023-09', NULL, NULL, NULL, NULL)$$,
	'an earlier accession of the same partner that ends before is accepted');
SELECT lives_ok($$EXECUTE acc('alpha-net', 'Kreis Recklinghausen', '2024/..', NULL, NULL, NULL, NULL)$$,
	'the same partner in another cooperation is independent');
SELECT throws_ok($$UPDATE siko.accession SET period = '2021-01/2023-10-02'
	WHERE period::text = '2021-01/2023-09'$$,
	'23P01', 'accession of partner "Herten" to cooperation "siko-ruhr" may overlap another one',
	'overlap on UPDATE');
SELECT lives_ok($$UPDATE siko.accession SET period = '2021-01/2023-09-30'
	WHERE period::text = '2021-01/2023-09'$$,
	'an UPDATE does not conflict with the row itself');

-- the rule is the constraint trigger accession_no_overlap: checked on the
-- rows as stored, at the end of the statement, with no GiST index to keep
SELECT is((SELECT contype::text || ' ' || condeferrable FROM pg_catalog.pg_constraint
	WHERE conrelid = 'siko.accession'::regclass AND conname = 'accession_no_overlap'),
	't false', 'accession_no_overlap is a constraint, not deferrable');
SELECT is((SELECT count(*) FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
	JOIN pg_catalog.pg_am a ON a.oid = c.relam WHERE i.indrelid = 'siko.accession'::regclass AND a.amname <> 'btree'),
	0::bigint, 'siko.accession has btree indexes only');
CREATE FUNCTION pg_temp.constraint_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; c text; t text;
BEGIN
	EXECUTE q;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, c = CONSTRAINT_NAME, t = TABLE_NAME;
	RETURN st || ' ' || c || ' ' || t;
END $$;
SELECT is(pg_temp.constraint_of($$EXECUTE acc('siko-ruhr', 'Herten', '2024/..', NULL, NULL, NULL, NULL)$$),
	'23P01 accession_no_overlap accession', 'the error names the constraint and the table');
SELECT throws_ok($$INSERT INTO siko.accession (cooperation_id, partner_id, period)
	SELECT c.id, p.id, x::siko.period FROM siko.cooperation c, siko.partner p,
		(VALUES ('2023/2024-06'), ('2024-05/2025')) v(x)
	 WHERE c.code = 'alpha-net' AND p.name = 'Bochum'$$,
	'23P01', 'accession of partner "Bochum" to cooperation "alpha-net" may overlap another one',
	'two rows of one statement that may overlap: 23P01');
-- swapping the periods of Essen's two accessions to alpha-net: either row
-- alone would overlap the other's old period, the statement's result does not
SELECT lives_ok($$UPDATE siko.accession a SET period = b.period
	FROM siko.accession b WHERE a.cooperation_id = b.cooperation_id AND a.partner_id = b.partner_id
	 AND a.id <> b.id AND a.partner_id = (SELECT id FROM siko.partner WHERE name = 'Essen')
	 AND a.cooperation_id = (SELECT id FROM siko.cooperation WHERE code = 'alpha-net')$$,
	'a statement is checked on its result: two accessions may swap their periods');
SELECT is((SELECT pg_catalog.array_agg(period::text ORDER BY id) FROM siko.accession
	WHERE partner_id = (SELECT id FROM siko.partner WHERE name = 'Essen')
	  AND cooperation_id = (SELECT id FROM siko.cooperation WHERE code = 'alpha-net')),
	ARRAY['2022-02-01/..', '2021-04/2021-12-31'], 'the periods are swapped');
SELECT lives_ok($$UPDATE siko.accession a SET period = b.period
	FROM siko.accession b WHERE a.cooperation_id = b.cooperation_id AND a.partner_id = b.partner_id
	 AND a.id <> b.id AND a.partner_id = (SELECT id FROM siko.partner WHERE name = 'Essen')
	 AND a.cooperation_id = (SELECT id FROM siko.cooperation WHERE code = 'alpha-net')$$,
	'and back');
-- a BEFORE trigger of the user's that fires after accession_check (its
-- name sorts later) and moves the period cannot slip an overlap past the rule
CREATE FUNCTION pg_temp.widen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.note = 'widen' THEN NEW.period := '2020/..'; END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER zz_widen BEFORE INSERT ON siko.accession FOR EACH ROW EXECUTE FUNCTION pg_temp.widen();
SELECT throws_ok($$INSERT INTO siko.accession (cooperation_id, partner_id, period, note)
	SELECT c.id, p.id, '2020-01-01/2020-06-30', 'widen' FROM siko.cooperation c, siko.partner p
	 WHERE c.code = 'siko-ruhr' AND p.name = 'Herten'$$,
	'23P01', 'accession of partner "Herten" to cooperation "siko-ruhr" may overlap another one',
	'a period widened by a later BEFORE trigger is checked as stored');
CREATE TRIGGER zz_widen_update BEFORE UPDATE ON siko.accession FOR EACH ROW EXECUTE FUNCTION pg_temp.widen();
SELECT throws_ok($$UPDATE siko.accession SET note = 'widen'
	WHERE period::text = '2021-01/2023-09-30'$$,
	'23P01', 'accession of partner "Herten" to cooperation "siko-ruhr" may overlap another one',
	'an UPDATE of another column whose BEFORE trigger moves the period is checked too');
DROP TRIGGER zz_widen ON siko.accession;
DROP TRIGGER zz_widen_update ON siko.accession;
SELECT throws_ok($$EXECUTE acc('siko-ruhr', 'Bochum', '2022/..', '2022-05', '2022-04', NULL, NULL)$$,
	'23514', 'milestones of partner "Bochum" in cooperation "siko-ruhr" are out of order',
	'decided certainly after signed: 23514');
SELECT throws_ok($$EXECUTE acc('siko-ruhr', 'Bochum', '2022/..', NULL, '2022-05-02', '2022-05-01', NULL)$$,
	'23514', 'milestones of partner "Bochum" in cooperation "siko-ruhr" are out of order',
	'signed certainly after effective: 23514');
SELECT throws_ok($$EXECUTE acc('siko-ruhr', 'Bochum', '2022/..', '2022-06', NULL, '2022-05', NULL)$$,
	'23514', 'milestones of partner "Bochum" in cooperation "siko-ruhr" are out of order',
	'decided certainly after effective (signing unknown): 23514');
SELECT throws_ok($$EXECUTE acc('siko-ruhr', 'Bochum', '2022/..', NULL, '2022-05-02', NULL, '2022-05-01')$$,
	'23514', 'milestones of partner "Bochum" in cooperation "siko-ruhr" are out of order',
	'announced certainly before signed: 23514');
SELECT lives_ok($$EXECUTE acc('siko-ruhr', 'Bochum', '2022-05/2022-12', '2022-05', '2022-05-10', '2022-05', '2022')$$,
	'milestones that may be in order are accepted');
SELECT throws_ok($$EXECUTE acc('empty-net', 'Bochum', '2021-12/..', NULL, NULL, NULL, NULL)$$,
	'23514', 'accession of partner "Bochum" starts before cooperation "empty-net" was founded',
	'an accession certainly starting before the founding: 23514');
SELECT lives_ok($$EXECUTE acc('empty-net', 'Bochum', '[2021-12-01..2022-01-31]/..', NULL, NULL, NULL, NULL)$$,
	'an accession that may start after the founding is accepted');
SELECT throws_ok($$UPDATE siko.cooperation SET dissolved = '2023' WHERE code = 'empty-net'$$,
	'23514', 'accession of partner "Bochum" runs past the dissolution of cooperation "empty-net"',
	'dissolving a cooperation with a running accession: 23514');
SELECT throws_ok($$UPDATE siko.cooperation SET founded = '2022-02' WHERE code = 'alpha-net'$$,
	'23514', 'accession of partner "Essen" starts before cooperation "alpha-net" was founded',
	'moving the founding after an accession: 23514');
SELECT lives_ok($$UPDATE siko.accession SET period = '[2021-12-01..2022-01-31]/2023-06-30'
	WHERE partner_id = (SELECT id FROM siko.partner WHERE name = 'Bochum')
	  AND cooperation_id = (SELECT id FROM siko.cooperation WHERE code = 'empty-net')$$,
	'ending the accession first');
SELECT lives_ok($$UPDATE siko.cooperation SET dissolved = '2023-06-30' WHERE code = 'empty-net'$$,
	'then the cooperation can be dissolved (members may stay to the day of dissolution)');
SELECT throws_ok($$EXECUTE acc('empty-net', 'Herten', '2023-05/..', NULL, NULL, NULL, NULL)$$,
	'23514', 'accession of partner "Herten" runs past the dissolution of cooperation "empty-net"',
	'an open accession of a dissolved cooperation: 23514');
SELECT throws_ok($$INSERT INTO siko.accession (cooperation_id, partner_id, period) VALUES (-1, -1, '2023/..')$$,
	'23503', NULL, 'an accession of an unknown cooperation: the foreign key (23503)');

SELECT throws_ok($$INSERT INTO siko.partner (name, kind, ags) VALUES ('Kreis X', 'district', '05562024')$$,
	'23514', 'partner "Kreis X" of kind district needs a 5-digit ags', 'district with an 8-digit key');
SELECT throws_ok($$INSERT INTO siko.partner (name, kind, ags) VALUES ('Stadt X', 'municipality', '05562')$$,
	'23514', 'partner "Stadt X" of kind municipality needs a 8-digit ags', 'municipality with a 5-digit key');
SELECT throws_ok($$INSERT INTO siko.partner (name, kind, ags) VALUES ('Stadt Y', 'city', NULL)$$,
	'23514', 'partner "Stadt Y" of kind city needs an ags', 'city without a key');
SELECT throws_ok($$INSERT INTO siko.partner (name, kind, ags) VALUES ('Polizei X', 'police', '05562')$$,
	'23514', 'partner "Polizei X" of kind police cannot have an ags', 'police with a key');
SELECT throws_ok($$UPDATE siko.partner SET kind = 'district' WHERE name = 'Herten'$$,
	'23514', 'partner "Herten" of kind district needs a 5-digit ags', 'the rule holds on UPDATE');
SELECT throws_ok($$INSERT INTO siko.partner (name, kind, ags) VALUES ('Herten 2', 'municipality', '05562020')$$,
	'23505', NULL, 'two partners with one key: 23505');
SELECT throws_ok($$INSERT INTO siko.cooperation (code, name, founded) VALUES ('Bad Code', 'x', '2020')$$,
	'23514', NULL, 'a cooperation code with capitals and blanks: 23514');
SELECT throws_ok($$INSERT INTO siko.cooperation (code, name, founded) VALUES ('siko-ruhr', 'y', '2020')$$,
	'23505', NULL, 'a duplicate cooperation code: 23505');

-- The API sees the changes made above in this transaction
SELECT is(siko.member_at('siko-ruhr', 'Bochum', '2022-06-01'), true,
	'a change earlier in the transaction is seen by the cache');
SELECT is(siko.cooperations_of('05911000', '2022-06-01'), ARRAY['empty-net', 'siko-ruhr'],
	'and by the index of cooperations_of');

-- A damaged register gives an error that names what is missing, not an internal error
ALTER INDEX siko.accession_partner_idx RENAME TO accession_partner_idx_moved;
SELECT throws_ok($$INSERT INTO siko.accession (cooperation_id, partner_id, period)
	SELECT c.id, p.id, '2030/..' FROM siko.cooperation c, siko.partner p
	 WHERE c.code = 'siko-ruhr' AND p.name = 'Bochum'$$,
	'42704', 'index "siko.accession_partner_idx" of the register does not exist',
	'a renamed index of the register: 42704 naming it');
ALTER INDEX siko.accession_partner_idx_moved RENAME TO accession_partner_idx;
ALTER INDEX siko.accession_cooperation_idx RENAME TO accession_cooperation_idx_moved;
SELECT is(siko.member_at('siko-ruhr', 'Bochum', '2022-06-01'), true,
	'without the index by cooperation the cache scans the table');
ALTER INDEX siko.accession_cooperation_idx_moved RENAME TO accession_cooperation_idx;
ALTER TABLE siko.accession RENAME COLUMN announced TO announced_moved;
SELECT throws_ok($$UPDATE siko.accession SET note = note WHERE note IS NOT NULL$$,
	'42703', NULL, 'a renamed column of the register: 42703');
ALTER TABLE siko.accession RENAME COLUMN announced_moved TO announced;

SELECT * FROM finish();
ROLLBACK;
