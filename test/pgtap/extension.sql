-- The extension as a whole: where it installs, what it requires, that every
-- object is documented, and that DROP EXTENSION leaves nothing behind.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(11);

SELECT has_extension('siko', 'siko is installed');
SELECT is((SELECT requires FROM pg_available_extension_versions WHERE name = 'siko' AND installed),
          NULL, 'siko requires no other extension');
SELECT is((SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'siko'),
          'siko', 'siko installs into schema siko');
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'siko'),
          false, 'siko is not relocatable');

-- The shipped data file fills the territory reference; no other file is read.
SELECT is((SELECT count(*) FROM siko.territory), (SELECT count(*) FROM pg_catalog.regexp_split_to_table(
          siko.shipped_data('siko_territory_nrw.csv'), E'\n') AS l WHERE l ~ '^(10|20|40|60),'),
          'CREATE EXTENSION loads every Land, Regierungsbezirk, Kreis and Gemeinde of the shipped data file');
SELECT throws_ok($$SELECT siko.shipped_data('../siko.control')$$, '22023',
          'unknown shipped data file: "../siko.control"', 'siko.shipped_data reads the listed files only');

-- The objects that belong to siko, with their schema (NULL for casts).
CREATE TEMP VIEW siko_members AS
SELECT d.classid, d.objid, pg_describe_object(d.classid, d.objid, 0) AS object,
       (pg_identify_object(d.classid, d.objid, 0)).schema AS schema
  FROM pg_depend d
 WHERE d.refclassid = 'pg_extension'::regclass
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'siko')
   AND d.deptype = 'e';

SELECT is_empty($$ SELECT object FROM siko_members WHERE schema IS DISTINCT FROM 'siko' AND schema IS NOT NULL $$,
                'every object of siko is in schema siko');

SELECT is_empty($$
  SELECT object FROM siko_members m
   WHERE (m.classid IN ('pg_type'::regclass, 'pg_proc'::regclass, 'pg_operator'::regclass)
          OR (m.classid = 'pg_class'::regclass
              AND (SELECT relkind FROM pg_class WHERE oid = m.objid) IN ('r', 'v', 'm', 'p')))
     AND obj_description(m.objid, (SELECT relname FROM pg_class WHERE oid = m.classid)) IS NULL
     -- the types PostgreSQL makes by itself, which 17 and later record as
     -- members too: the array type of a type, the row type of a table
     AND NOT (m.classid = 'pg_type'::regclass
              AND (EXISTS (SELECT FROM pg_type e WHERE e.typarray = m.objid)
                   OR EXISTS (SELECT FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid
                               WHERE t.oid = m.objid AND c.relkind <> 'c')))
$$, 'every type, function, operator, table and view of siko has a comment');

SELECT is_empty($$
  SELECT object FROM siko_members m
   WHERE m.classid = 'pg_proc'::regclass
     AND (SELECT prosecdef FROM pg_proc WHERE oid = m.objid)
$$, 'no function of siko is SECURITY DEFINER');

DROP EXTENSION siko;
SELECT hasnt_extension('siko', 'DROP EXTENSION siko removes it');
SELECT is_empty($$
  SELECT 'relation ' || relname FROM pg_class WHERE relnamespace = 'siko'::regnamespace
  UNION ALL SELECT 'type ' || typname FROM pg_type WHERE typnamespace = 'siko'::regnamespace
  UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'siko'::regnamespace
  UNION ALL SELECT 'operator ' || oprname FROM pg_operator WHERE oprnamespace = 'siko'::regnamespace
  UNION ALL SELECT 'operator family ' || opfname FROM pg_opfamily WHERE opfnamespace = 'siko'::regnamespace
$$, 'DROP EXTENSION siko leaves no object in schema siko');

SELECT * FROM finish();
ROLLBACK;
