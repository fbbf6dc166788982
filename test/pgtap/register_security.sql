-- The register: privileges (a read-only role reads and calls everything and
-- writes nothing; a role without privileges gets 42501, also from the
-- cache) and search_path hijack attempts.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(27);

INSERT INTO siko.cooperation (code, name, founded) VALUES ('sec-net', 'Sicherheitsnetz', '2020');
INSERT INTO siko.partner (name, kind, ags)
VALUES ('Kreis Sec', 'district', '05562'), ('Sec-Stadt', 'municipality', '05562020'),
	   ('Sec-Polizei', 'police', NULL);
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT c.id, p.id, x.period::siko.period
  FROM (VALUES ('Kreis Sec', '2020-06/..'), ('Sec-Stadt', '2023-10-01/..'), ('Sec-Polizei', '2021/..'))
	   AS x(partner, period)
  JOIN siko.partner p ON p.name = x.partner, siko.cooperation c WHERE c.code = 'sec-net';

-- the answers everybody must get, computed before anything hostile
CREATE TEMP TABLE expected AS
SELECT siko.is_member('sec-net', '05562020', '2023-10-01') AS m1,
	   siko.is_covered('sec-net', '05562020', '2023-09-30') AS c1,
	   siko.member_at('sec-net', 'Sec-Polizei', '2021-06-01') AS p1,
	   siko.cooperations_of('05562020', '2023-10-01') AS co,
	   (SELECT pg_catalog.count(*) FROM siko.members_as_of('sec-net', '2023-10-01')) AS n;
GRANT SELECT ON expected TO PUBLIC;

-- ---------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------
CREATE ROLE siko_test_reader NOLOGIN;
CREATE ROLE siko_test_nobody NOLOGIN;
GRANT USAGE ON SCHEMA siko TO siko_test_reader, siko_test_nobody;
GRANT SELECT ON ALL TABLES IN SCHEMA siko TO siko_test_reader;

SELECT ok(NOT pg_catalog.has_table_privilege('public', 'siko.accession', 'SELECT'),
	'PUBLIC cannot read the register');
SELECT ok(NOT pg_catalog.has_function_privilege('public', 'siko.register_changed()', 'EXECUTE'),
	'PUBLIC cannot execute the trigger functions');
SELECT is((SELECT pg_catalog.count(*) FROM pg_catalog.pg_proc
			WHERE pronamespace = 'siko'::pg_catalog.regnamespace AND prosecdef),
	0::bigint, 'no function of siko is SECURITY DEFINER');

SET LOCAL ROLE siko_test_reader;
SELECT is(siko.is_member('sec-net', '05562020', '2023-10-01'), true, 'reader: is_member');
SELECT is(siko.is_covered('sec-net', '05562020', '2023-09-30'), true, 'reader: is_covered');
SELECT is(siko.member_at('sec-net', 'Sec-Polizei', '2021-06-01'), NULL::boolean, 'reader: member_at');
SELECT is(siko.cooperations_of('05562020', '2023-10-01'), ARRAY['sec-net'], 'reader: cooperations_of');
SELECT is((SELECT pg_catalog.count(*) FROM siko.members_as_of('sec-net', '2023-10-01')), 3::bigint, 'reader: members_as_of');
SELECT is((SELECT pg_catalog.count(*) FROM siko.covered_by('sec-net', '05562020', '2023-10-01')), 2::bigint, 'reader: covered_by');
SELECT is((SELECT pg_catalog.count(*) FROM siko.growth('sec-net', '2020-01-01', '2020-12-31')), 366::bigint, 'reader: growth');
SELECT is((SELECT pg_catalog.count(*) FROM siko.timeline WHERE cooperation = 'sec-net'), 3::bigint, 'reader: timeline');
SELECT throws_ok($$INSERT INTO siko.partner (name, kind) VALUES ('Reader', 'other')$$,
	'42501', 'permission denied for table partner', 'reader cannot insert');
SELECT throws_ok($$UPDATE siko.accession SET role = 'x'$$,
	'42501', 'permission denied for table accession', 'reader cannot update');
SELECT throws_ok($$DELETE FROM siko.cooperation$$,
	'42501', 'permission denied for table cooperation', 'reader cannot delete');
RESET ROLE;

-- the cache of this backend is built now; it must not answer a role
-- that may not read the tables
SET LOCAL ROLE siko_test_nobody;
SELECT throws_ok($$SELECT siko.is_member('sec-net', '05562020', '2023-10-01')$$,
	'42501', 'permission denied for table cooperation', 'nobody: is_member 42501 despite a warm cache');
SELECT throws_ok($$SELECT siko.cooperations_of('05562020', '2023-10-01')$$,
	'42501', NULL, 'nobody: cooperations_of 42501');
SELECT throws_ok($$SELECT * FROM siko.members_as_of('sec-net', '2023-10-01')$$,
	'42501', NULL, 'nobody: members_as_of 42501');
SELECT throws_ok($$SELECT * FROM siko.timeline$$,
	'42501', NULL, 'nobody: timeline 42501');
RESET ROLE;

-- ---------------------------------------------------------------------
-- search_path hijack attempts: hostile operators and functions in public
-- and in a schema put first on the search_path change nothing
-- ---------------------------------------------------------------------
CREATE SCHEMA siko_test_evil;
CREATE FUNCTION siko_test_evil.always(integer, integer) RETURNS boolean
	LANGUAGE sql IMMUTABLE AS 'SELECT true';
CREATE OPERATOR siko_test_evil.= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = siko_test_evil.always);
CREATE FUNCTION siko_test_evil.always_t(text, text) RETURNS boolean
	LANGUAGE sql IMMUTABLE AS 'SELECT true';
CREATE OPERATOR siko_test_evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = siko_test_evil.always_t);
CREATE FUNCTION siko_test_evil.nextval(regclass) RETURNS bigint
	LANGUAGE sql AS 'SELECT -42::bigint';
CREATE FUNCTION siko_test_evil.count(anyelement) RETURNS bigint
	LANGUAGE sql AS 'SELECT 0::bigint';
CREATE FUNCTION public.is_member(text, siko.ags, date) RETURNS boolean
	LANGUAGE sql AS 'SELECT false';
CREATE FUNCTION public.string_agg(text, text) RETURNS text
	LANGUAGE sql AS 'SELECT ''hijacked''';
CREATE TABLE siko_test_evil.accession (id integer, cooperation_id integer, partner_id integer, period siko.period);

SET LOCAL search_path = siko_test_evil, public, pg_catalog;
-- a change flushes the cache, so the next calls rebuild it under this path
INSERT INTO siko.source (title) VALUES ('Hostile path test');
CREATE TEMP TABLE got AS
SELECT siko.is_member('sec-net', '05562020', '2023-10-01') AS m1,
	   siko.is_covered('sec-net', '05562020', '2023-09-30') AS c1,
	   siko.member_at('sec-net', 'Sec-Polizei', '2021-06-01') AS p1,
	   siko.cooperations_of('05562020', '2023-10-01') AS co,
	   (SELECT pg_catalog.count(*) FROM siko.members_as_of('sec-net', '2023-10-01')) AS n,
	   (SELECT s.id FROM siko.source s WHERE s.title OPERATOR(pg_catalog.=) 'Hostile path test') AS source_id,
	   (SELECT t.sources FROM siko.timeline t WHERE t.partner OPERATOR(pg_catalog.=) 'Sec-Stadt') AS sources,
	   NULL::text AS partner_err, NULL::text AS overlap_err;
DO $$
BEGIN
	PERFORM siko.member_at('sec-net', 'no such partner', '2021-06-01');
EXCEPTION WHEN OTHERS THEN
	UPDATE pg_temp.got SET partner_err = SQLSTATE || ' ' || SQLERRM;
END $$;
DO $$
BEGIN
	INSERT INTO siko.accession (cooperation_id, partner_id, period)
	SELECT c.id, p.id, '2024/..' FROM siko.cooperation c, siko.partner p
	 WHERE c.code OPERATOR(pg_catalog.=) 'sec-net' AND p.name OPERATOR(pg_catalog.=) 'Sec-Stadt';
EXCEPTION WHEN OTHERS THEN
	UPDATE pg_temp.got SET overlap_err = SQLSTATE || ' ' || SQLERRM;
END $$;
RESET search_path;

SELECT is((SELECT m1 FROM got), (SELECT m1 FROM expected), 'hostile path: is_member unchanged');
SELECT is((SELECT c1 FROM got), (SELECT c1 FROM expected), 'hostile path: is_covered unchanged');
SELECT is((SELECT p1 FROM got), (SELECT p1 FROM expected), 'hostile path: member_at unchanged');
SELECT is((SELECT co FROM got), (SELECT co FROM expected), 'hostile path: cooperations_of unchanged');
SELECT is((SELECT n FROM got), (SELECT n FROM expected), 'hostile path: members_as_of unchanged');
SELECT is((SELECT partner_err FROM got), '22023 unknown partner: "no such partner"',
	'hostile path: the partner lookup is not fooled');
SELECT is((SELECT overlap_err FROM got),
	'23P01 accession of partner "Sec-Stadt" to cooperation "sec-net" may overlap another one',
	'hostile path: the rules still hold');
SELECT ok((SELECT source_id > 0 FROM got), 'hostile path: ids still come from siko''s sequence');
SELECT is((SELECT sources FROM got), NULL::text, 'hostile path: the timeline view is not hijacked');

SELECT * FROM finish();
ROLLBACK;
