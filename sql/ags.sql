-- siko.ags: text forms, canonical output, functions, error messages, index use
SET search_path = siko, public;

-- every accepted form, and its canonical output
SELECT to_json(input) AS input, input::siko.ags AS ags, siko.ags_level(input::siko.ags) AS level
  FROM (VALUES ('05'), ('055'), ('05562'), ('05562020'),
               ('05 5'), ('05 5 62'), ('05 5 62 020'),
               ('  05562020  '), (E'\t05 5 62 020\n'),
               ('01'), ('16'), ('01001000'), ('16077001'), ('11000000')) AS t(input);

-- output reads back as the same value
SELECT a, a::text, a::text::siko.ags = a AS same
  FROM (VALUES ('05 5 62 020'::siko.ags), ('05 5'::siko.ags)) AS t(a);

-- NULL in, NULL out
SELECT NULL::siko.ags AS a, siko.ags_level(NULL) AS level, siko.ags_parent(NULL) AS parent;

-- the order: a key directly before its descendants
SELECT a FROM unnest('{05566,05562036,16,05562004,01,055,05562,05,05562000,059}'::siko.ags[]) AS a
 ORDER BY a;

-- containment, ancestor-or-self
SELECT '05562'::siko.ags @> '05562020' AS kreis_gemeinde,
       '05913'::siko.ags @> '05913000' AS kreisfrei,
       '05562020'::siko.ags <@ '05' AS in_land,
       '05562'::siko.ags @> '05562' AS self,
       '05562020'::siko.ags @> '05562' AS not_up,
       '05562'::siko.ags @> '05566004' AS not_sibling;

-- the tree
SELECT a, siko.ags_level(a) AS level, siko.ags_parent(a) AS parent,
       siko.ags_kreis(a) AS kreis, siko.ags_land(a) AS land
  FROM unnest('{05,055,05562,05562020,11000000}'::siko.ags[]) AS a;

-- binary output: a version byte, then the code (05562020 * 4 + 3)
SELECT siko.ags_send('05562020'), (5562020 * 4 + 3)::bit(32);

-- bad input: SQLSTATE 22P02, the value quoted, a detail and a hint
\set VERBOSITY default
SELECT '0556202'::siko.ags;
SELECT ''::siko.ags;
SELECT '05-5-62-020'::siko.ags;
SELECT 'Bochum'::text::siko.ags;

-- every kind of error, with its SQLSTATE and detail
CREATE FUNCTION pg_temp.ags_error(input text, OUT state text, OUT message text, OUT detail text)
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM input::siko.ags;
	state := 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
		detail = PG_EXCEPTION_DETAIL;
END
$$;
\pset format unaligned
\pset fieldsep ' | '
SELECT e.state, replace(replace(e.message, E'\t', '\t'), E'\r', '\r') AS message, e.detail
  FROM (VALUES (''), ('   '), ('0'), ('0556'), ('055620'), ('0556202'), ('055620200'),
               ('0556x'), ('abc'), ('-05'), ('05ä62'), ('05€'),
               ('00'), ('17'), ('99999999'), ('00 5 62 020'),
               ('05-5-62-020'), ('05.5.62.020'), ('05562/020'), (E'05\t5 62 020'), (E'05\r5'),
               ('05  5'), ('055 62'), ('05 562'), ('05 5 62020'), ('05 5 62 02'),
               ('05562 020'), ('0 5'), ('05 5 62 020 1')) AS t(input),
       LATERAL pg_temp.ags_error(t.input) AS e;
\pset format aligned

-- an index on an ags column serves containment
CREATE TABLE ags_idx (key siko.ags PRIMARY KEY);
INSERT INTO ags_idx
  SELECT k::siko.ags FROM unnest('{01,01001,01001000,05,055,05562,05562004,05562020,05562036,05566,05566004,05913,05913000,16}'::text[]) AS k;
ANALYZE ags_idx;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT key FROM ags_idx WHERE key <@ '05562';
SELECT key FROM ags_idx WHERE key <@ '05562';
EXPLAIN (COSTS OFF) SELECT key FROM ags_idx WHERE '05562' @> key;
SELECT key FROM ags_idx WHERE '05562' @> key;
EXPLAIN (COSTS OFF) SELECT key FROM ags_idx WHERE siko.ags_contained(key, '05');
SELECT count(*) FROM ags_idx WHERE siko.ags_contained(key, '05');
-- the other way round: the ancestors of a key
EXPLAIN (COSTS OFF) SELECT key FROM ags_idx WHERE key @> '05562036';
SELECT key FROM ags_idx WHERE key @> '05562036';
EXPLAIN (COSTS OFF) SELECT key FROM ags_idx WHERE '05562036' <@ key;
SELECT key FROM ags_idx WHERE '05562036' <@ key;
-- a hash index serves equality
CREATE TABLE ags_hash (key siko.ags);
INSERT INTO ags_hash SELECT key FROM ags_idx;
CREATE INDEX ags_hash_key ON ags_hash USING hash (key);
ANALYZE ags_hash;
EXPLAIN (COSTS OFF) SELECT key FROM ags_hash WHERE key = '05562020';
SELECT key FROM ags_hash WHERE key = '05562020';
RESET enable_seqscan;
DROP TABLE ags_idx, ags_hash;
