-- Keeping the register by name: siko.add_partner, add_source,
-- add_accession, end_accession (ids, rows, sources, history and reason,
-- the rules), the nearest names of an unknown one, the agreement of the
-- effective date and the period, keys that lost their leading zero and
-- keys the territory does not hold, named parameters and column comments,
-- and row-level security for every reader of the register's history.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(64);
SET LOCAL search_path = public, siko;

SELECT siko.load_register('siko-ruhr');

-- the hint of an error (SQLSTATE, message, hint) for checks of what a user reads
CREATE FUNCTION pg_temp.hint_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	h text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
	RETURN SQLSTATE || ' ' || h;
END $$;

-- ---------------------------------------------------------------------
-- add_partner, add_source
-- ---------------------------------------------------------------------
SELECT ok(siko.add_partner('Recklinghausen', 'municipality', '05562032', 'made up') > 0,
	'add_partner returns the new id');
SELECT results_eq($$SELECT name, kind::text, ags::text, note FROM siko.partner WHERE id = siko.find_partner('Recklinghausen')$$,
	$$VALUES ('Recklinghausen', 'municipality', '05562032', 'made up')$$, 'add_partner: the row as given');
CREATE TEMP TABLE added AS SELECT siko.add_partner('Landeskriminalamt NRW', 'state_agency') AS id;
SELECT is((SELECT id FROM added), siko.find_partner('Landeskriminalamt NRW'),
	'add_partner without ags; find_partner finds it');
SELECT throws_ok($$SELECT siko.add_partner('X', 'town')$$, '22023', 'unknown partner kind: "town"', 'unknown kind: 22023');
SELECT throws_ok($$SELECT siko.add_partner('Recklinghausen', 'city', '05562032')$$, '23505', NULL,
	'the same name twice: 23505');
SELECT throws_ok($$SELECT siko.add_partner('Kreis X', 'district', '05562020')$$, '23514', NULL,
	'the partner rules hold: a district needs a 5-digit key');

CREATE TEMP TABLE added_source AS
SELECT siko.add_source('recklinghausen-2026-05-04', 'Recklinghausen tritt bei', 'Stadt Recklinghausen', '2026-05-04') AS id;
SELECT is((SELECT id FROM added_source), siko.find_source('recklinghausen-2026-05-04'), 'add_source returns the id find_source finds');
SELECT results_eq($$SELECT publisher, title, published FROM siko.source WHERE key = 'recklinghausen-2026-05-04'$$,
	$$VALUES ('Stadt Recklinghausen', 'Recklinghausen tritt bei', '2026-05-04'::date)$$, 'add_source: the row as given');
SELECT throws_ok($$SELECT siko.add_source('Bad Key', 'x')$$, '22023', 'invalid source key: "Bad Key"', 'a malformed key: 22023');
SELECT throws_ok($$SELECT siko.add_source('herten-2023-10-11', 'x')$$, '23505', NULL, 'a key taken: 23505');
INSERT INTO siko.source (title) VALUES ('ohne Schlüssel');
SELECT is((SELECT key FROM siko.source WHERE title = 'ohne Schlüssel'),
	(SELECT 'source-' || id FROM siko.source WHERE title = 'ohne Schlüssel'), 'a source inserted without a key gets source-<id>');
SELECT results_eq($$SELECT key FROM siko.source WHERE id IN (SELECT source_id FROM siko.accession_source) ORDER BY key$$,
	$$VALUES ('dinslaken-2025-02-25'), ('haltern-2023-08-18'), ('herten-2023-10-11'), ('ruhrkonferenz-2022-03-03') $$,
	'load_register gives its sources their keys');

-- ---------------------------------------------------------------------
-- add_accession, end_accession
-- ---------------------------------------------------------------------
SET LOCAL siko.reason = 'the session''s reason';
SELECT ok(siko.add_accession('siko-ruhr', 'Recklinghausen', '2026-05-01/..', signed => '2026-04-28',
		effective => '2026-05-01', announced => '2026-05-04', role => 'partner', note => 'n',
		sources => '{recklinghausen-2026-05-04,herten-2023-10-11,recklinghausen-2026-05-04}',
		reason => 'press release') > 0, 'add_accession returns the new id');
SELECT is(pg_catalog.current_setting('siko.reason'), 'the session''s reason', 'add_accession leaves siko.reason as it was');
SELECT results_eq($$SELECT c.code, a.period::text, a.decided::text, a.signed::text, a.effective::text, a.announced::text, a.role, a.note
		FROM siko.accession a JOIN siko.cooperation c ON c.id = a.cooperation_id WHERE a.partner_id = siko.find_partner('Recklinghausen')$$,
	$$VALUES ('siko-ruhr', '2026-05-01/..', NULL, '2026-04-28', '2026-05-01', '2026-05-04', 'partner', 'n')$$,
	'add_accession: the row as given');
SELECT results_eq($$SELECT s.key FROM siko.accession_source x JOIN siko.source s ON s.id = x.source_id
		JOIN siko.accession a ON a.id = x.accession_id WHERE a.partner_id = siko.find_partner('Recklinghausen') ORDER BY 1$$,
	$$VALUES ('herten-2023-10-11'), ('recklinghausen-2026-05-04')$$, 'add_accession: each source cited once');
SELECT results_eq($$SELECT DISTINCT recorded_reason FROM siko.accession_history WHERE partner_id = siko.find_partner('Recklinghausen')
		UNION ALL SELECT DISTINCT h.recorded_reason FROM siko.accession_source_history h
		 JOIN siko.accession a ON a.id = h.accession_id WHERE a.partner_id = siko.find_partner('Recklinghausen')$$,
	$$VALUES ('press release'), ('press release')$$, 'add_accession: the history records the reason');
SELECT is(siko.member_at('siko-ruhr', 'Recklinghausen', '2026-05-01'), true, 'the as-of answers see it');
SELECT throws_ok($$SELECT siko.add_accession('siko-ruhr', 'Recklinghausen', '2027/..')$$, '23P01', NULL,
	'the rules hold: no overlap');
SELECT throws_ok($$SELECT siko.add_accession('siko-ruhr', 'Landeskriminalamt NRW', '2026-05-01/..', decided => '2026-06-01', signed => '2026-05-01')$$,
	'23514', NULL, 'the rules hold: milestones in order');
SELECT throws_ok($$SELECT siko.add_accession('siko-ruhr', 'Landeskriminalamt NRW', '2026/..', sources => '{no-such-source}')$$,
	'22023', 'unknown source: "no-such-source"', 'an unknown source: 22023, and nothing is added');
SELECT is((SELECT count(*)::integer FROM siko.accession WHERE partner_id = siko.find_partner('Landeskriminalamt NRW')), 0,
	'... no accession of it');

SELECT is(siko.end_accession('siko-ruhr', 'Recklinghausen', '2026-10-31', source => 'herten-2023-10-11', reason => 'left'),
	siko.period('2026-05-01', '2026-10-31'), 'end_accession: the period of siko.period(start, last_day)');
SELECT is((SELECT period::text FROM siko.accession WHERE partner_id = siko.find_partner('Recklinghausen')),
	'2026-05-01/2026-10-31', '... stored, the last day as given');
SELECT is(siko.end_accession('siko-ruhr', 'Essen', '2026-10-31'), '[2020-01..2020-08]/2026-10-31'::siko.period,
	'end_accession keeps an imprecise start');
SELECT results_eq($$SELECT recorded_change, recorded_reason, period::text FROM siko.accession_history
		WHERE partner_id = siko.find_partner('Recklinghausen') ORDER BY version$$,
	$$VALUES ('insert', 'press release', '2026-05-01/..'), ('update', 'left', '2026-05-01/2026-10-31')$$,
	'end_accession: the history records the change with its reason');
SELECT throws_ok($$SELECT siko.end_accession('siko-ruhr', 'Recklinghausen', '2026-12-31')$$, '22023',
	'partner "Recklinghausen" has no running accession to cooperation "siko-ruhr"', 'nothing running: 22023');
SELECT throws_ok($$SELECT siko.end_accession('siko-ruhr', 'Herten', '2023-01-01')$$, '22000', NULL,
	'a last day before the start: the period refuses it');
SELECT throws_ok($$SELECT siko.end_accession('siko-ruhr', 'Herten', NULL)$$, '22004', 'siko.end_accession needs last_day',
	'no last day: 22004');

-- ---------------------------------------------------------------------
-- unknown names: the nearest ones
-- ---------------------------------------------------------------------
SELECT ok(siko.name_similarity('Innenministerium NRW', 'Ministerium des Innern NRW') > 0.5
		  AND siko.name_similarity('Innenministerium NRW', 'Bundespolizei') < 0.3,
	'name_similarity: near names near, others far');
SELECT is(siko.name_similarity('Herten', 'herten'), 1::real, 'name_similarity ignores case');
SELECT is(pg_temp.hint_of($$SELECT siko.add_accession('siko-ruhr', 'Innenministerium NRW', '2026/..')$$),
	'22023 Perhaps you meant "Ministerium des Innern NRW". They are listed by: SELECT name, kind FROM siko.partner;',
	'Innenministerium NRW: the hint names Ministerium des Innern NRW');
SELECT is(pg_temp.hint_of($$SELECT siko.end_accession('siko-rur', 'Herten', '2026-10-31')$$),
	'22023 Perhaps you meant "siko-ruhr". They are listed by: SELECT code, name FROM siko.cooperation;',
	'a cooperation code with a typo');
SELECT is(pg_temp.hint_of($$SELECT siko.find_partner('Zzyzx')$$),
	'22023 They are listed by: SELECT name, kind FROM siko.partner;', 'nothing near: only the listing');

-- ---------------------------------------------------------------------
-- the effective date and the period agree
-- ---------------------------------------------------------------------
SELECT lives_ok($$SELECT siko.add_accession('siko-ruhr', 'Landeskriminalamt NRW', '2026-05/..', effective => '2026-05-20')$$,
	'an effective day within an imprecise start agrees');
SELECT throws_ok($$UPDATE siko.accession SET effective = '2026-09-01' WHERE partner_id = siko.find_partner('Landeskriminalamt NRW')$$,
	'23514', 'effective date of partner "Landeskriminalamt NRW" in cooperation "siko-ruhr" does not agree with its period',
	'an effective date the period cannot start on: 23514');
SELECT throws_ok($$UPDATE siko.accession SET period = '2026-07-01/..' WHERE partner_id = siko.find_partner('Landeskriminalamt NRW')$$,
	'23514', NULL, 'a period start the effective date cannot be: 23514');
SELECT lives_ok($$UPDATE siko.accession SET period = '2026-05-20/..' WHERE partner_id = siko.find_partner('Landeskriminalamt NRW')$$,
	'a period start on the effective day agrees');

-- ---------------------------------------------------------------------
-- keys: a lost leading zero, integers, keys the territory does not hold
-- ---------------------------------------------------------------------
SELECT is(pg_temp.hint_of($$SELECT '5512000'::siko.ags$$),
	'22P02 A leading zero may have been lost (a spreadsheet or an integer column drops it): the Gemeinde key would be 05512000.',
	'7 digits: the hint gives the Gemeinde key');
SELECT is(pg_temp.hint_of($$SELECT '5562'::siko.ags$$),
	'22P02 A leading zero may have been lost (a spreadsheet or an integer column drops it): the Kreis key would be 05562.',
	'4 digits: the hint gives the Kreis key');
SELECT results_eq($$SELECT 5512000::siko.ags::text, 11000000::siko.ags::text, 5562::siko.ags::text, 16077::siko.ags::text,
		5512000::bigint::siko.ags::text, 5562::bigint::siko.ags::text$$,
	$$VALUES ('05512000', '11000000', '05562', '16077', '05512000', '05562')$$,
	'integers: 7 or 8 digits a Gemeinde, 4 or 5 a Kreis');
SELECT throws_ok($$SELECT 555::siko.ags$$, '22P02', 'invalid input syntax for type ags: "555"', 'integers of other lengths: 22P02');
SELECT throws_ok($$SELECT 123456789012::bigint::siko.ags$$, '22P02', NULL, 'a long bigint: 22P02');
SELECT throws_ok($$SELECT (-5562)::siko.ags$$, '22P02', NULL, 'a negative integer: 22P02');
SELECT is((SELECT count(*)::integer FROM pg_catalog.pg_cast
			WHERE castsource IN ('integer'::regtype, 'bigint'::regtype) AND casttarget = 'siko.ags'::regtype
			  AND castcontext = 'e'), 2, 'the casts from integer and bigint are explicit');
SELECT throws_ok($$SELECT siko.add_partner('Nirgendwo', 'municipality', '05999000')$$, '23503',
	'partner "Nirgendwo" has the key 05999000, which is not in siko.territory', 'a key absent from the territory of its Land: 23503');
SELECT is(pg_temp.hint_of($$INSERT INTO siko.partner (name, kind, ags) VALUES ('Kreis Nirgendwo', 'district', '05999')$$),
	'23503 Check the key in siko.territory; territories of a newer Gemeindeverzeichnis are loaded with siko.load_territory().',
	'... also by INSERT, with the hint naming siko.load_territory');
SELECT lives_ok($$SELECT siko.add_partner('Bayerische Stadt', 'municipality', '09999000')$$,
	'a key of a Land the territory does not hold is accepted');
SELECT is(siko.is_member('siko-ruhr', '05999000', '2026-01-01'), false, 'an event with an unknown key answers false');
DELETE FROM siko.territory WHERE ags = '05562032';
SELECT lives_ok($$UPDATE siko.partner SET note = 'changed' WHERE name = 'Recklinghausen'$$,
	'a partner whose key left the territory can still be changed otherwise');
SELECT throws_ok($$UPDATE siko.partner SET ags = '05562032' WHERE name = 'Bayerische Stadt'$$, '23503', NULL,
	'but no partner is given that key');

-- ---------------------------------------------------------------------
-- every function has named parameters; every register and history column a comment
-- ---------------------------------------------------------------------
SELECT is((SELECT pg_catalog.string_agg(p.oid::regprocedure::text, ', ') FROM pg_catalog.pg_proc p
			WHERE p.pronamespace = 'siko'::regnamespace AND p.pronargs > 0
			  AND (p.proargnames IS NULL OR '' = ANY (p.proargnames[1:p.pronargs]))),
	NULL, 'every function of siko names its parameters');
SELECT is((SELECT pg_catalog.string_agg(c.relname || '.' || a.attname, ', ') FROM pg_catalog.pg_class c
			JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		   WHERE c.relnamespace = 'siko'::regnamespace AND c.relkind = 'r'
			 AND pg_catalog.col_description(c.oid, a.attnum) IS NULL),
	NULL, 'every column of every table of siko has a comment');

-- ---------------------------------------------------------------------
-- row-level security: a policy hides Herten's accession from a reporting role
-- ---------------------------------------------------------------------
CREATE ROLE siko_test_report NOLOGIN;
GRANT USAGE ON SCHEMA siko TO siko_test_report;
GRANT SELECT ON ALL TABLES IN SCHEMA siko TO siko_test_report;
ALTER TABLE siko.accession ENABLE ROW LEVEL SECURITY;
CREATE POLICY no_herten ON siko.accession TO siko_test_report
	USING (partner_id <> siko.find_partner('Herten'));
SET LOCAL ROLE siko_test_report;
SELECT is((SELECT count(*)::integer FROM siko.accession a JOIN siko.cooperation c ON c.id = a.cooperation_id
			WHERE c.code = 'siko-ruhr'), 26, 'the role sees the accessions but Herten''s');
SELECT throws_ok($$SELECT * FROM siko.members_as_of('siko-ruhr', '2024-01-01')$$, '0A000', NULL,
	'as-of functions refuse');
SELECT throws_ok($$SELECT siko.is_member('siko-ruhr', '05562020', '2024-01-01', pg_catalog.now())$$, '0A000',
	'siko''s as-of functions cannot answer under row-level security on "siko.accession"', 'the known_on forms refuse: is_member');
SELECT throws_ok($$SELECT * FROM siko.members_as_of('siko-ruhr', '2024-01-01', pg_catalog.now())$$, '0A000', NULL,
	'... members_as_of');
SELECT throws_ok($$SELECT * FROM siko.history('siko-ruhr', 'Herten')$$, '0A000', NULL, 'history refuses');
SELECT throws_ok($$SELECT * FROM siko.timeline_as_known_on(pg_catalog.now())$$, '0A000', NULL, 'timeline_as_known_on refuses');
RESET ROLE;
-- the history protected by the same rule: the SQL readers of the history
-- (siko.history, siko.timeline_as_known_on) answer with it; the known_on
-- forms of the as-of functions answer from a cache of the whole history,
-- which no policy can filter, so they still refuse
ALTER TABLE siko.accession_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY no_herten ON siko.accession_history TO siko_test_report
	USING (partner_id <> siko.find_partner('Herten'));
SET LOCAL ROLE siko_test_report;
SELECT throws_ok($$SELECT siko.is_member('siko-ruhr', '05562020', '2024-01-01', pg_catalog.now())$$, '0A000', NULL,
	'known_on: is_member refuses under row-level security');
SELECT throws_ok($$SELECT * FROM siko.growth('siko-ruhr', '2024-01-01', '2024-01-01', known_on => pg_catalog.now())$$, '0A000', NULL,
	'known_on: growth refuses under row-level security');
SELECT is((SELECT count(*)::integer FROM siko.timeline_as_known_on(pg_catalog.now()) WHERE cooperation = 'siko-ruhr'),
	26, 'timeline_as_known_on without Herten');
SELECT is((SELECT count(*)::integer FROM siko.history('siko-ruhr', 'Herten') WHERE "table" <> 'partner'), 0,
	'history: nothing of Herten''s accession');
SELECT throws_ok($$SELECT * FROM siko.members_as_of('siko-ruhr', '2024-01-01')$$, '0A000', NULL,
	'the as-of functions without known_on still refuse: their cache cannot apply policies');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
