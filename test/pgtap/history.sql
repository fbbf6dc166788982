-- The register's own history: versions kept by the triggers, corrections,
-- deletions, re-insertions, rolled back changes, every as-of function as
-- known on a moment, NULLs, and who may read and write the history.
-- The moments are pinned with siko.system_time (superusers only), since
-- the whole file is one transaction.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(59);

-- 10 January 2024: the register as first recorded
SET LOCAL siko.system_time = '2024-01-10 09:00+01';
INSERT INTO siko.cooperation (code, name, founded) VALUES ('hist-net', 'Historisches Netz', '2020');
INSERT INTO siko.partner (name, kind, ags)
VALUES ('Kreis Hist', 'district', '05562'), ('Hist-Stadt', 'municipality', '05562020'),
	   ('Hist-Polizei', 'police', NULL);
INSERT INTO siko.accession (cooperation_id, partner_id, period, effective)
SELECT c.id, p.id, x.period::siko.period, x.eff::siko.fuzzydate
  FROM (VALUES ('Kreis Hist', '2022/..', NULL), ('Hist-Stadt', '2023-10-01/..', '2023-10-01'),
			   ('Hist-Polizei', '2021/..', NULL)) AS x(partner, period, eff)
  JOIN siko.partner p ON p.name = x.partner, siko.cooperation c WHERE c.code = 'hist-net';
INSERT INTO siko.source (title, published) VALUES ('Hist-Stadt tritt bei', '2023-10-11');
INSERT INTO siko.accession_source
SELECT a.id, s.id FROM siko.accession a, siko.source s, siko.partner p
 WHERE p.id = a.partner_id AND p.name = 'Hist-Stadt' AND s.title = 'Hist-Stadt tritt bei';

SELECT is((SELECT pg_catalog.count(*) FROM siko.accession_history a
			 JOIN siko.cooperation c ON c.id = a.cooperation_id
			WHERE c.code = 'hist-net' AND a.recorded_until IS NULL
			  AND a.recorded_from = '2024-01-10 09:00+01' AND a.recorded_change = 'insert'
			  AND a.recorded_by = current_user),
	3::bigint, 'each inserted accession has one current version, recorded now by current_user');

-- 11 January: the correction, with a reason
SET LOCAL siko.system_time = '2024-01-11 09:00+01';
SET LOCAL siko.reason = 'the press release says: joined on 2 October';
UPDATE siko.accession SET period = '2023-10-02/..', effective = '2023-10-02'
 WHERE partner_id = (SELECT id FROM siko.partner WHERE name = 'Hist-Stadt');
RESET siko.reason;

SELECT is(siko.member_at('hist-net', 'Hist-Stadt', '2023-10-01'), false, 'Herten example: now not a member on 1 October');
SELECT is(siko.member_at('hist-net', 'Hist-Stadt', '2023-10-01', '2024-01-10 12:00+01'), true,
	'Herten example: as known before the correction, a member on 1 October');
SELECT is(siko.member_at('hist-net', 'Hist-Stadt', '2023-10-01', '2024-01-11 09:00+01'), false,
	'the correction is known from its moment on (inclusive)');
SELECT is(siko.member_at('hist-net', 'Hist-Stadt', '2023-10-01', '2024-01-11 08:59:59.999999+01'), true,
	'and not a microsecond before');
SELECT results_eq(
	$$SELECT change, changed_by = current_user, reason, before->>'period', after->>'period'
		FROM siko.history('hist-net', 'Hist-Stadt') WHERE "table" = 'accession'$$,
	$$VALUES ('insert', true, NULL, NULL, '2023-10-01/..'),
			 ('update', true, 'the press release says: joined on 2 October', '2023-10-01/..', '2023-10-02/..')$$,
	'siko.history shows both versions, who and why');
SELECT is((SELECT changed_at FROM siko.history('hist-net', 'Hist-Stadt') WHERE change = 'update'),
	'2024-01-11 09:00+01'::timestamptz, 'siko.history says when');
SELECT is((SELECT pg_catalog.count(*) FROM siko.accession_history a
			 JOIN siko.partner p ON p.id = a.partner_id WHERE p.name = 'Hist-Stadt'),
	2::bigint, 'the correction kept the earlier version');

-- every function as known on a moment, and as now
SELECT is(siko.is_member('hist-net', '05562020', '2023-10-01', '2024-01-10 12:00+01'), true, 'is_member known_on');
SELECT is(siko.is_member('hist-net', '05562020', '2023-10-01'), false, 'is_member now');
SELECT is(siko.is_covered('hist-net', '05562020', '2023-10-01', '2024-01-10 12:00+01'), true, 'is_covered known_on');
SELECT is(siko.is_covered('hist-net', '05562021', '2021-06-01', '2024-01-10 12:00+01'), false, 'is_covered known_on: not covered');
SELECT is(siko.cooperations_of('05562020', '2023-10-01', '2024-01-10 12:00+01'), ARRAY['hist-net'], 'cooperations_of known_on');
SELECT is(siko.cooperations_of('05562020', '2023-10-01'), '{}'::text[], 'cooperations_of now');
SELECT results_eq($$SELECT partner, ags::text, certain FROM siko.covered_by('hist-net', '05562020', '2023-10-01', '2024-01-10 12:00+01')$$,
	$$VALUES ('Hist-Stadt', '05562020', true), ('Kreis Hist', '05562', true)$$, 'covered_by known_on');
SELECT results_eq($$SELECT partner, certain, period::text FROM siko.members_as_of('hist-net', '2023-10-01', '2024-01-10 12:00+01')$$,
	$$VALUES ('Hist-Polizei', true, '2021/..'), ('Hist-Stadt', true, '2023-10-01/..'), ('Kreis Hist', true, '2022/..')$$,
	'members_as_of known_on');
SELECT results_eq($$SELECT certain, possible FROM siko.growth('hist-net', '2023-10-01', '2023-10-02', '1 day', '2024-01-10 12:00+01')$$,
	$$VALUES (3, 3), (3, 3)$$, 'growth known_on');
SELECT results_eq($$SELECT certain, possible FROM siko.growth('hist-net', '2023-10-01', '2023-10-02')$$,
	$$VALUES (2, 2), (3, 3)$$, 'growth now');
SELECT results_eq(
	$$SELECT partner, start, effective_earliest, sources FROM siko.timeline_as_known_on('2024-01-10 12:00+01') WHERE cooperation = 'hist-net' ORDER BY partner$$,
	$$VALUES ('Hist-Polizei', '2021', NULL::date, NULL::text), ('Hist-Stadt', '2023-10-01', '2023-10-01', 'Hist-Stadt tritt bei, 2023-10-11'),
			 ('Kreis Hist', '2022', NULL, NULL)$$,
	'timeline_as_known_on: the rows of that moment');
SELECT set_eq($$SELECT * FROM siko.timeline_as_known_on(now()) WHERE cooperation = 'hist-net'$$,
	$$SELECT * FROM siko.timeline WHERE cooperation = 'hist-net'$$, 'timeline_as_known_on(now()) is the timeline');
SELECT set_eq($$SELECT * FROM siko.timeline_as_known_on(NULL)$$, $$SELECT * FROM siko.timeline$$,
	'timeline_as_known_on(NULL) is the current timeline');
SELECT is((SELECT pg_catalog.count(*) FROM siko.timeline_as_known_on('2024-01-09') WHERE cooperation = 'hist-net'),
	0::bigint, 'timeline_as_known_on before anything was recorded: no rows');

-- as known now, the history answers as the cache does
SELECT is(
	(SELECT pg_catalog.array_agg(ROW(siko.is_member('hist-net', k, d), siko.is_covered('hist-net', k, d),
									 siko.cooperations_of(k, d))::text ORDER BY k, d)
	   FROM unnest(ARRAY['05562020', '05562', '05562021', '05']::siko.ags[]) k,
			unnest(ARRAY['2021-01-01', '2023-10-01', '2023-10-02', '2030-01-01']::date[]) d),
	(SELECT pg_catalog.array_agg(ROW(siko.is_member('hist-net', k, d, now()), siko.is_covered('hist-net', k, d, now()),
									 siko.cooperations_of(k, d, now()))::text ORDER BY k, d)
	   FROM unnest(ARRAY['05562020', '05562', '05562021', '05']::siko.ags[]) k,
			unnest(ARRAY['2021-01-01', '2023-10-01', '2023-10-02', '2030-01-01']::date[]) d),
	'known_on now() gives the current answers');

-- unknown names, and NULLs
SELECT throws_ok($$SELECT siko.is_member('hist-net', '05562020', '2023-10-01', '2024-01-09')$$,
	'22023', 'unknown cooperation: "hist-net"', 'a cooperation not yet recorded then is unknown (22023)');
SELECT throws_ok($$SELECT * FROM siko.members_as_of('hist-net', '2023-10-01', '2024-01-09')$$,
	'22023', 'unknown cooperation: "hist-net"', 'also for a set');
SELECT throws_ok($$SELECT siko.member_at('hist-net', 'Niemand', '2023-10-01', '2024-01-10 12:00+01')$$,
	'22023', 'unknown partner: "Niemand"', 'an unknown partner then is an error (22023)');
SELECT is(siko.is_member('hist-net', NULL, '2023-10-01', '2024-01-10 12:00+01'), NULL, 'NULL ags with known_on: NULL');
SELECT is(siko.member_at(NULL, 'Hist-Stadt', '2023-10-01'), NULL, 'NULL cooperation: NULL');
SELECT is(siko.cooperations_of('05562020', NULL, now()), NULL, 'NULL day: NULL');
SELECT is((SELECT pg_catalog.count(*) FROM siko.covered_by('hist-net', '05562020', NULL, now())), 0::bigint, 'NULL in a set function: no rows');
SELECT is((SELECT pg_catalog.count(*) FROM siko.growth('hist-net', '2023-10-01', '2023-10-02', NULL)), 0::bigint, 'NULL step: no rows');
SELECT is((SELECT pg_catalog.count(*) FROM siko.history(NULL)), 0::bigint, 'siko.history(NULL): no rows');
SELECT throws_ok($$SELECT * FROM siko.history('no-such-net')$$, '22023', 'unknown cooperation: "no-such-net"', 'siko.history: unknown cooperation');
SELECT is((SELECT pg_catalog.count(*) FROM pg_catalog.pg_proc WHERE pronamespace = 'siko'::regnamespace
			AND proname IN ('members_as_of', 'member_at', 'is_member', 'is_covered', 'covered_by', 'cooperations_of', 'growth')
			AND pg_catalog.pg_get_function_arguments(oid) NOT LIKE '%known_on timestamp with time zone DEFAULT NULL%'
			AND pg_catalog.pg_get_function_arguments(oid) LIKE 'cooperation%'),
	0::bigint, 'every as-of function has the trailing known_on, and no old overload is left');

-- 12 January: deletion; 13 January: re-insertion of the same row
SET LOCAL siko.system_time = '2024-01-12 09:00+01';
SET LOCAL siko.reason = 'recorded by mistake';
DELETE FROM siko.accession WHERE partner_id = (SELECT id FROM siko.partner WHERE name = 'Hist-Polizei');
SET LOCAL siko.system_time = '2024-01-13 09:00+01';
SET LOCAL siko.reason = 'it was right after all';
INSERT INTO siko.accession (id, cooperation_id, partner_id, period)
SELECT h.id, h.cooperation_id, h.partner_id, h.period FROM siko.accession_history h
  JOIN siko.partner p ON p.id = h.partner_id WHERE p.name = 'Hist-Polizei';
RESET siko.reason;
SELECT is(siko.member_at('hist-net', 'Hist-Polizei', '2022-01-01', '2024-01-12 12:00+01'), false, 'deleted: not a member as known then');
SELECT is(siko.member_at('hist-net', 'Hist-Polizei', '2022-01-01', '2024-01-11 12:00+01'), true, 'before the deletion: a member');
SELECT is(siko.member_at('hist-net', 'Hist-Polizei', '2022-01-01'), true, 're-inserted: a member again');
SELECT results_eq(
	$$SELECT change, reason, before IS NULL, after IS NULL FROM siko.history('hist-net', 'Hist-Polizei') WHERE "table" = 'accession'$$,
	$$VALUES ('insert', NULL, true, false), ('delete', 'recorded by mistake', false, true), ('insert', 'it was right after all', true, false)$$,
	'siko.history: insertion, deletion, re-insertion');
-- the deletion cascaded to no source, but deleting the source link is recorded too
DELETE FROM siko.accession_source WHERE source_id = (SELECT id FROM siko.source WHERE title = 'Hist-Stadt tritt bei');
SELECT is((SELECT sources FROM siko.timeline_as_known_on('2024-01-12 12:00+01') WHERE partner = 'Hist-Stadt'),
	'Hist-Stadt tritt bei, 2023-10-11', 'the source as known before');
SELECT is((SELECT sources FROM siko.timeline_as_known_on(now()) WHERE partner = 'Hist-Stadt'), NULL, 'and not now');

-- an UPDATE that changes nothing records nothing; two changes in one
-- transaction leave an empty version no moment sees
SET LOCAL siko.system_time = '2024-01-14 09:00+01';
UPDATE siko.cooperation SET note = note WHERE code = 'hist-net';
SELECT is((SELECT pg_catalog.count(*) FROM siko.cooperation_history h JOIN siko.cooperation c USING (id) WHERE c.code = 'hist-net'),
	1::bigint, 'an UPDATE that changes nothing records nothing');
UPDATE siko.cooperation SET seat = 'Essen' WHERE code = 'hist-net';
UPDATE siko.cooperation SET seat = 'Bochum' WHERE code = 'hist-net';
SELECT results_eq($$SELECT h.seat, h.recorded_from = h.recorded_until FROM siko.cooperation_history h
					JOIN siko.cooperation c USING (id) WHERE c.code = 'hist-net' ORDER BY h.version$$,
	$$VALUES (NULL, false), ('Essen', true), ('Bochum', NULL)$$, 'two changes in one transaction: both kept, the first empty');

-- a rolled back change leaves no trace
SAVEPOINT s;
SET LOCAL siko.system_time = '2024-01-15 09:00+01';
DELETE FROM siko.accession_source;
DELETE FROM siko.accession WHERE cooperation_id = (SELECT id FROM siko.cooperation WHERE code = 'hist-net');
ROLLBACK TO SAVEPOINT s;
SELECT is((SELECT pg_catalog.count(*) FROM siko.accession_history WHERE recorded_from >= '2024-01-15' OR recorded_until >= '2024-01-15'),
	0::bigint, 'a rolled back change leaves no trace in the history');

-- a change stamped before the current version's moment cannot be ordered
SET LOCAL siko.system_time = '2024-01-13 10:00+01';
SELECT throws_ok($$UPDATE siko.cooperation SET seat = 'Dortmund' WHERE code = 'hist-net'$$,
	'40001', NULL, 'a change older than the current version fails with 40001 (retry)');

-- TRUNCATE closes every current version
SAVEPOINT t;
SET LOCAL siko.system_time = '2024-01-16 09:00+01';
TRUNCATE siko.accession_source;
SELECT is((SELECT pg_catalog.count(*) FROM siko.accession_source_history WHERE recorded_until IS NULL), 0::bigint,
	'TRUNCATE ends every current version');
ROLLBACK TO SAVEPOINT t;
RESET siko.system_time;

-- privileges: readers read the history; writers write the register and
-- with it the history, never the history itself
CREATE ROLE siko_test_hreader NOLOGIN;
CREATE ROLE siko_test_hwriter NOLOGIN;
GRANT USAGE ON SCHEMA siko TO siko_test_hreader, siko_test_hwriter;
GRANT SELECT ON ALL TABLES IN SCHEMA siko TO siko_test_hreader, siko_test_hwriter;
GRANT INSERT, UPDATE, DELETE ON siko.cooperation, siko.partner, siko.accession, siko.source,
	siko.accession_source TO siko_test_hwriter;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA siko TO siko_test_hwriter;
SELECT ok(NOT pg_catalog.has_table_privilege('public', 'siko.accession_history', 'SELECT'), 'PUBLIC cannot read the history');
SELECT ok(NOT pg_catalog.has_function_privilege('public', 'siko.history_record()', 'EXECUTE'), 'PUBLIC cannot execute the history triggers');

SET LOCAL ROLE siko_test_hreader;
SELECT is(siko.member_at('hist-net', 'Hist-Stadt', '2023-10-01', '2024-01-10 12:00+01'), true, 'reader: known_on answers');
SELECT is((SELECT pg_catalog.count(*) FROM siko.history('hist-net')) > 0, true, 'reader: siko.history');
SELECT throws_ok($$INSERT INTO siko.accession_history SELECT * FROM siko.accession_history LIMIT 1$$,
	'42501', 'permission denied for table accession_history', 'reader cannot write the history');
RESET ROLE;

SET LOCAL ROLE siko_test_hwriter;
SET LOCAL siko.reason = 'writer''s correction';
UPDATE siko.partner SET note = 'corrected' WHERE name = 'Hist-Stadt';
SELECT is((SELECT changed_by || ': ' || reason FROM siko.history('hist-net', 'Hist-Stadt') WHERE "table" = 'partner' AND change = 'update'),
	'siko_test_hwriter: writer''s correction', 'a writer''s change is recorded with the writer''s name and reason');
SELECT throws_ok($$UPDATE siko.accession_history SET recorded_from = '2000-01-01'$$,
	'42501', 'permission denied for table accession_history', 'writer cannot rewrite the history');
SELECT throws_ok($$DELETE FROM siko.partner_history$$,
	'42501', 'permission denied for table partner_history', 'writer cannot delete the history');
SELECT throws_ok($$SET siko.system_time = '2000-01-01'$$,
	'42501', 'permission denied to set parameter "siko.system_time"', 'writer cannot choose the recorded moment');
SELECT throws_ok($$SELECT siko.history_record()$$, '42501', NULL, 'writer cannot call the trigger function');
RESET ROLE;

-- the settings are checked by SET, and the prefix siko. is reserved
SELECT throws_ok($$SET LOCAL siko.system_time = 'yesterday-ish'$$, '22023',
	'invalid value for siko.system_time: "yesterday-ish"', 'a bad siko.system_time is refused by SET');
SELECT throws_ok($$SET LOCAL siko.system_time = 'infinity'$$, '22023', NULL, 'an infinite siko.system_time is refused');
SELECT lives_ok($$SET LOCAL siko.system_time = ''$$, 'an empty siko.system_time: the transaction''s start');
SELECT throws_ok($$SET LOCAL siko.reasons = 'typo'$$, '42602', NULL, 'a misspelt siko.* setting is an error');

SELECT * FROM finish();
ROLLBACK;
