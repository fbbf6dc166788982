-- Privileges over everything siko has, with the lists taken from the
-- catalogs (so new functions and tables are covered without a change here):
-- a read-only role calls every function that reads the register and every
-- pure function, and can change no table, sequence or register (42501); a
-- role without privileges gets 42501 from every function that reads the
-- register.  Then hostile operators and functions in public, put first on
-- the search_path, do not change what siko's constraints, triggers and
-- functions do.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(15);

INSERT INTO siko.cooperation (code, name, founded) VALUES ('priv-net', 'Privilegien-Netz', '2020');
INSERT INTO siko.partner (name, kind, ags)
VALUES ('Priv-Kreis', 'district', '05562'), ('Priv-Stadt', 'municipality', '05562020');
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT c.id, p.id, x.period::siko.period
  FROM (VALUES ('Priv-Kreis', '2020-06/..'), ('Priv-Stadt', '2021-01-01/2023-01-01')) AS x(partner, period)
  JOIN siko.partner p ON p.name = x.partner, siko.cooperation c WHERE c.code = 'priv-net';

CREATE ROLE siko_priv_reader NOLOGIN;
CREATE ROLE siko_priv_nobody NOLOGIN;
GRANT USAGE ON SCHEMA siko TO siko_priv_reader, siko_priv_nobody;
GRANT SELECT ON ALL TABLES IN SCHEMA siko TO siko_priv_reader;

-- every function of siko that SQL can call, with an ordinary call of it
CREATE TEMP TABLE fn AS
SELECT p.oid::regprocedure AS fn, p.provolatile AS vol,
	   pg_catalog.format('%s(%s)', p.oid::regproc,
		 (SELECT pg_catalog.string_agg(
			CASE WHEN n = 'cooperation' THEN '''priv-net'''
				 WHEN n = 'partner' THEN '''Priv-Stadt'''
				 WHEN n = 'code' THEN '''siko-ruhr'''
				 WHEN n = 'phrase' THEN '''seit Mitte 2020'''
				 WHEN n = 'to_day' THEN '''2023-12-31''::date'
				 WHEN n = 'what' THEN '''partner'''
				 WHEN n = 'lang' THEN '''en'''
				 WHEN t = 'text'::regtype THEN '''priv-net'''
				 WHEN t = 'date'::regtype THEN '''2022-06-01''::date'
				 WHEN t = 'siko.ags'::regtype THEN '''05562020''::siko.ags'
				 WHEN t = 'siko.fuzzydate'::regtype THEN '''2022-06''::siko.fuzzydate'
				 WHEN t = 'siko.period'::regtype THEN '''2020-06/..''::siko.period'
				 WHEN t = 'siko.period[]'::regtype THEN 'ARRAY[''2020-06/..'']::siko.period[]'
				 WHEN t = 'interval'::regtype THEN '''1 month''::interval'
				 WHEN n = 'key' AND t IN ('integer'::regtype, 'bigint'::regtype) THEN '5562'
				 WHEN t IN ('integer'::regtype, 'bigint'::regtype) THEN '640'
				 ELSE 'NULL::' || t::text END, ', ' ORDER BY k)
			FROM ROWS FROM (pg_catalog.unnest(p.proargtypes::regtype[]),
							pg_catalog.unnest(p.proargnames[1:p.pronargs]))
				 WITH ORDINALITY AS a(t, n, k))) AS call,
	   p.prokind = 'a' AS agg
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_catalog.pg_extension x ON x.oid = d.refobjid AND x.extname = 'siko'
 WHERE p.prorettype NOT IN ('trigger'::regtype, 'internal'::regtype)
   AND NOT EXISTS (SELECT FROM pg_catalog.unnest(p.proargtypes::regtype[]) a
					WHERE a IN ('internal'::regtype, 'cstring'::regtype))
   -- (the support functions of an aggregate are called by it, not by users)
   AND NOT EXISTS (SELECT FROM pg_catalog.pg_aggregate g
					WHERE p.oid IN (g.aggtransfn, g.aggfinalfn, g.aggcombinefn));
GRANT SELECT ON fn TO PUBLIC;
CREATE TEMP TABLE outcome (who text, what text, fn text, state text);
GRANT INSERT ON outcome TO PUBLIC;

-- try SQL as the current role; record the SQLSTATE (or 'ok')
CREATE FUNCTION pg_temp.try(who text, what text, fn text, q text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	BEGIN
		EXECUTE q;
		INSERT INTO pg_temp.outcome VALUES (who, what, fn, 'ok');
	EXCEPTION WHEN OTHERS THEN
		INSERT INTO pg_temp.outcome VALUES (who, what, fn, SQLSTATE);
	END;
END $$;

SELECT cmp_ok((SELECT pg_catalog.count(*) FROM fn WHERE vol = 's'), '>=', 7::bigint,
	'the catalog lists the as-of functions');

-- the reader: every function but those that write (the loaders,
-- siko.territory_recount and siko.distribute_register) answers
-- (siko.shipped_data reads only the files shipped with siko, so it
-- refuses the made-up name); they and every change of a table or
-- sequence of siko are refused
SET LOCAL ROLE siko_priv_reader;
SELECT pg_temp.try('reader', 'call', fn::text,
		CASE WHEN agg THEN 'SELECT ' || call ELSE 'SELECT * FROM ' || call END)
  FROM fn;
SELECT pg_temp.try('reader', op, c.oid::regclass::text, pg_catalog.format(sql, c.oid::regclass, a.attname))
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1,
	   (VALUES ('insert', 'INSERT INTO %s DEFAULT VALUES'), ('update', 'UPDATE %1$s SET %2$I = %2$I'),
			   ('delete', 'DELETE FROM %s'), ('truncate', 'TRUNCATE %s')) AS o(op, sql)
 WHERE c.relnamespace = 'siko'::regnamespace AND c.relkind = 'r';
SELECT pg_temp.try('reader', 'nextval', c.oid::regclass::text,
		pg_catalog.format('SELECT pg_catalog.nextval(%L)', c.oid::regclass))
  FROM pg_catalog.pg_class c WHERE c.relnamespace = 'siko'::regnamespace AND c.relkind = 'S';
RESET ROLE;

-- (the keeping functions write; the look-ups by name and their errors
-- refuse the made-up names of these calls by design)
SELECT is((SELECT pg_catalog.string_agg(fn || ' ' || state, ', ') FROM outcome
			WHERE who = 'reader' AND what = 'call' AND state <> 'ok'
			  AND fn !~ '^siko\.(load_|territory_recount|distribute_register|add_|end_|find_|unknown_name|require|shipped_data)'),
	NULL, 'reader: every function that does not write answers');
SELECT is((SELECT pg_catalog.count(*) FROM outcome WHERE who = 'reader' AND what = 'call' AND state = 'ok'
			  AND fn !~ '^siko\.(load_|territory_recount|distribute_register|add_|end_|find_|unknown_name|require|shipped_data)'),
	(SELECT pg_catalog.count(*) FROM fn
	  WHERE fn::text !~ '^siko\.(load_|territory_recount|distribute_register|add_|end_|find_|unknown_name|require|shipped_data)'),
	'reader: ... all of them');
SELECT is((SELECT pg_catalog.count(*) FROM outcome
			WHERE who = 'reader' AND what = 'call' AND fn ~ '^siko\.(add_|end_)' AND state = 'ok'),
	0::bigint, 'reader: no keeping function writes for a reader');
SELECT is((SELECT pg_catalog.string_agg(state, ',' ORDER BY fn) FROM outcome
			WHERE who = 'reader' AND what = 'call' AND fn ~ '^siko\.(load_|territory_recount|shipped_data)'),
	'42501,22P04,22023,42501', 'reader: load_register and territory_recount are refused with 42501, load_territory refuses its input first, shipped_data any file but its own');
SELECT is((SELECT pg_catalog.array_agg(DISTINCT state) FROM outcome
			WHERE who = 'reader' AND what IN ('insert', 'update', 'delete', 'truncate', 'nextval')),
	ARRAY['42501'], 'reader: every change of every table and sequence of siko is refused with 42501');
SELECT cmp_ok((SELECT pg_catalog.count(DISTINCT fn) FROM outcome WHERE who = 'reader' AND what = 'truncate'),
	'>=', 6::bigint, 'reader: ... tried on every table of siko');
SELECT is((SELECT pg_catalog.count(*) FROM siko.accession a JOIN siko.cooperation c ON c.id = a.cooperation_id
			WHERE c.code = 'priv-net'), 2::bigint, 'reader: the register is unchanged');

-- nobody: every function that reads the register is refused
SET LOCAL ROLE siko_priv_nobody;
SELECT pg_temp.try('nobody', 'call', fn::text, 'SELECT * FROM ' || call) FROM fn
 WHERE vol = 's'	-- they read no table
   AND fn::text NOT IN ('siko.history_readable()', 'siko.shipped_data(text)');
SELECT pg_temp.try('nobody', 'select', c.oid::regclass::text, pg_catalog.format('SELECT * FROM %s', c.oid::regclass))
  FROM pg_catalog.pg_class c WHERE c.relnamespace = 'siko'::regnamespace AND c.relkind IN ('r', 'v');
RESET ROLE;
SELECT is((SELECT pg_catalog.array_agg(DISTINCT state) FROM outcome WHERE who = 'nobody'),
	ARRAY['42501'], 'nobody: every function reading the register and every table and view: 42501');
SELECT cmp_ok((SELECT pg_catalog.count(*) FROM outcome WHERE who = 'nobody' AND what = 'call'),
	'>=', 8::bigint, 'nobody: ... tried on every such function');

-- ---------------------------------------------------------------------
-- hostile objects in public, first on the search_path (even before
-- pg_catalog), named like the operators and functions siko uses
-- ---------------------------------------------------------------------
CREATE TEMP TABLE expected AS
SELECT (SELECT pg_catalog.count(*) FROM siko.members_as_of('priv-net', '2022-06-01')) AS n,
	   siko.is_covered('priv-net', '05562020', '2022-06-01') AS covered,
	   siko.member_at('priv-net', 'Priv-Stadt', '2023-06-01') AS stadt;
CREATE FUNCTION public.evil_true(siko.period, siko.period) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE FUNCTION public.evil_false(siko.period, siko.period) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE OPERATOR public.&& (LEFTARG = siko.period, RIGHTARG = siko.period, FUNCTION = public.evil_false);
CREATE OPERATOR public.= (LEFTARG = siko.period, RIGHTARG = siko.period, FUNCTION = public.evil_true);
CREATE FUNCTION public.evil_text(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR public.~ (LEFTARG = text, RIGHTARG = text, FUNCTION = public.evil_text);
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.evil_text);
CREATE FUNCTION public.period_overlaps(siko.period, siko.period) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE FUNCTION public.octet_length(text) RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION public.nextval(regclass) RETURNS bigint LANGUAGE sql AS 'SELECT -7::bigint';
CREATE TEMP TABLE hostile (what text, state text, answer text);
GRANT INSERT ON hostile TO PUBLIC;
CREATE FUNCTION pg_temp.attempt(what text, q text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	a text;
BEGIN
	BEGIN
		EXECUTE q INTO a;
		INSERT INTO pg_temp.hostile VALUES (what, 'ok', a);
	EXCEPTION WHEN OTHERS THEN
		INSERT INTO pg_temp.hostile VALUES (what, SQLSTATE, NULL);
	END;
END $$;
SET LOCAL search_path = public, pg_catalog;
SELECT pg_temp.attempt('overlap', $$INSERT INTO siko.accession (cooperation_id, partner_id, period)
	SELECT c.id, p.id, '2022/..' FROM siko.cooperation c, siko.partner p
	 WHERE c.code OPERATOR(pg_catalog.=) 'priv-net' AND p.name OPERATOR(pg_catalog.=) 'Priv-Stadt'$$);
SELECT pg_temp.attempt('code', $$INSERT INTO siko.cooperation (code, name, founded) VALUES ('Not A Code!', 'x', '2020')$$);
SELECT pg_temp.attempt('founding', $$INSERT INTO siko.accession (cooperation_id, partner_id, period)
	SELECT c.id, p.id, '2010/2012' FROM siko.cooperation c, siko.partner p
	 WHERE c.code OPERATOR(pg_catalog.=) 'priv-net' AND p.name OPERATOR(pg_catalog.=) 'Priv-Kreis'$$);
SELECT pg_temp.attempt('sequence', $$INSERT INTO siko.partner (name, kind) VALUES ('Priv-Neu', 'other') RETURNING (id > 0)::text$$);
SELECT pg_temp.attempt('as-of', $$SELECT ROW((SELECT pg_catalog.count(*) FROM siko.members_as_of('priv-net', '2022-06-01')),
			 siko.is_covered('priv-net', '05562020', '2022-06-01'),
			 siko.member_at('priv-net', 'Priv-Stadt', '2023-06-01'))::text$$);
RESET search_path;

SELECT is((SELECT state FROM hostile WHERE what = 'overlap'), '23P01',
	'hostile public: an overlapping accession is still refused');
SELECT is((SELECT state FROM hostile WHERE what = 'code'), '23514',
	'hostile public: the code check constraint still holds');
SELECT is((SELECT state FROM hostile WHERE what = 'founding'), '23514',
	'hostile public: the trigger still refuses an accession before the founding');
SELECT is((SELECT answer FROM hostile WHERE what = 'sequence'), 'true',
	'hostile public: new ids still come from siko''s sequence');
SELECT is((SELECT answer FROM hostile WHERE what = 'as-of'), (SELECT ROW(n, covered, stadt)::text FROM expected),
	'hostile public: the as-of functions answer as before');

SELECT * FROM finish();
ROLLBACK;
