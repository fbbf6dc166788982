-- siko.ags: order, containment, functions, operator classes, and every key
-- of the Destatis municipality register
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SET LOCAL search_path = public, siko;
SELECT plan(57);

-- ---------------------------------------------------------------------
-- order: a key directly before its descendants
-- ---------------------------------------------------------------------
SELECT ok('05'::siko.ags < '055', '05 < 055');
SELECT ok('055'::siko.ags < '05562', '055 < 05562');
SELECT ok('05562'::siko.ags < '05562004', '05562 < 05562004');
SELECT ok('05562004'::siko.ags < '05562036', '05562004 < 05562036');
SELECT ok('05562036'::siko.ags < '05566', '05562036 < 05566');
SELECT ok('05562'::siko.ags < '05562000', 'a Kreis before its Gemeinde 000');
SELECT ok('05562999'::siko.ags < '05563', 'the last Gemeinde of a Kreis before the next Kreis');
SELECT ok('05999999'::siko.ags < '06', 'all of Land 05 before Land 06');
SELECT is(siko.ags_cmp('05', '055'), -1, 'ags_cmp: less');
SELECT is(siko.ags_cmp('05 5 62', '05562'), 0, 'ags_cmp: equal, whatever the input form');
SELECT is(siko.ags_cmp('05566', '05562036'), 1, 'ags_cmp: greater');
SELECT ok('05562'::siko.ags <= '05562' AND '05562'::siko.ags >= '05562'
          AND '05566'::siko.ags > '05562036' AND '05562'::siko.ags <> '055'
          AND NOT ('05562'::siko.ags <> '05 5 62'), '<= >= > <> agree with the order');

-- ---------------------------------------------------------------------
-- containment: ancestor-or-self
-- ---------------------------------------------------------------------
SELECT ok('05562'::siko.ags @> '05562020', 'a Kreis contains its Gemeinde');
SELECT ok('05913'::siko.ags @> '05913000', 'a kreisfreie Stadt contains its Gemeinde');
SELECT ok('05562020'::siko.ags <@ '05', 'a Gemeinde lies in its Land');
SELECT ok('05562'::siko.ags @> '05562' AND '05562'::siko.ags <@ '05562', 'a key contains itself');
SELECT ok(NOT ('05562020'::siko.ags @> '05562'), 'a Gemeinde does not contain its Kreis');
SELECT ok(NOT ('05562'::siko.ags @> '05566004'), 'a Kreis does not contain a Gemeinde of another Kreis');
SELECT ok(NOT ('05562'::siko.ags @> '05563'), 'siblings do not contain each other');
SELECT ok(NOT ('055'::siko.ags @> '05913000') AND '059'::siko.ags @> '05913000',
          'a Regierungsbezirk contains only its own Kreise');

-- ---------------------------------------------------------------------
-- functions
-- ---------------------------------------------------------------------
SELECT is(array_agg(siko.ags_level(a) ORDER BY a),
          '{land,regierungsbezirk,kreis,gemeinde}'::text[], 'ags_level of each level')
  FROM unnest('{05,055,05562,05562020}'::siko.ags[]) AS a;
SELECT is(siko.ags_parent('05562020'), '05562'::siko.ags, 'parent of a Gemeinde: its Kreis');
SELECT is(siko.ags_parent('05562'), '055'::siko.ags, 'parent of a Kreis: its Regierungsbezirk');
SELECT is(siko.ags_parent('055'), '05'::siko.ags, 'parent of a Regierungsbezirk: its Land');
SELECT is(siko.ags_parent('05'), NULL, 'a Land has no parent');
SELECT is(siko.ags_kreis('05562020'), '05562'::siko.ags, 'Kreis of a Gemeinde');
SELECT is(siko.ags_kreis('05562'), '05562'::siko.ags, 'Kreis of a Kreis: itself');
SELECT ok(siko.ags_kreis('055') IS NULL AND siko.ags_kreis('05') IS NULL,
          'no Kreis for a Regierungsbezirk or a Land');
SELECT is(siko.ags_land('05562020'), '05'::siko.ags, 'Land of a Gemeinde');
SELECT is(siko.ags_land('05'), '05'::siko.ags, 'Land of a Land: itself');
SELECT is('05 5 62 020'::text::siko.ags::text, '05562020', 'casts from and to text');
SELECT throws_ok($$ SELECT '0556202'::text::siko.ags $$, '22P02',
                 'invalid input syntax for type ags: "0556202"', 'a bad text cast fails with 22P02');

-- ---------------------------------------------------------------------
-- operator classes
-- ---------------------------------------------------------------------
CREATE TEMP TABLE t_ags (a siko.ags);
INSERT INTO t_ags
  SELECT k::siko.ags FROM unnest('{05566,05562036,05562004,05562,055,05,05562,05 5 62,16,01}'::text[]) AS k;
SELECT is(array_agg(a ORDER BY a)::text,
          '{01,05,055,05562,05562,05562,05562004,05562036,05566,16}', 'ORDER BY uses the btree order')
  FROM t_ags;
SELECT is(array_agg(a ORDER BY a DESC)::text,
          '{16,05566,05562036,05562004,05562,05562,05562,055,05,01}', 'ORDER BY DESC')
  FROM t_ags;
SELECT is((SELECT count(*) FROM (SELECT DISTINCT a FROM t_ags) d), 8::bigint, 'DISTINCT');
SELECT is((SELECT count(*) FROM (SELECT a FROM t_ags GROUP BY a) d), 8::bigint, 'GROUP BY');

CREATE FUNCTION pg_temp.plan_of(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || q;
END
$$;
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_nestloop = off;
SELECT ok(EXISTS (SELECT 1 FROM pg_temp.plan_of('SELECT * FROM t_ags x JOIN t_ags y ON x.a = y.a') p
                   WHERE p ~ 'Hash Join'), 'an equality join can be a hash join');
SELECT is((SELECT count(*) FROM t_ags x JOIN t_ags y ON x.a = y.a), 16::bigint, 'hash join result');
RESET enable_mergejoin;
RESET enable_nestloop;
SET LOCAL enable_hashagg = off;
SELECT is((SELECT count(*) FROM (SELECT DISTINCT a FROM t_ags) d), 8::bigint, 'DISTINCT by sorting');
RESET enable_hashagg;
SET LOCAL enable_sort = off;
SELECT is((SELECT count(*) FROM (SELECT DISTINCT a FROM t_ags) d), 8::bigint, 'DISTINCT by hashing');
RESET enable_sort;
SELECT is(siko.ags_hash('05 5 62'), siko.ags_hash('05562'), 'equal keys hash equally');
SELECT is(siko.ags_hash_extended('05562', 0)::bit(32), siko.ags_hash('05562')::bit(32),
          'the extended hash with seed 0 agrees with the 32-bit hash in its low bits');
SELECT isnt(siko.ags_hash_extended('05562', 1), siko.ags_hash_extended('05562', 0),
            'the seed changes the extended hash');

CREATE TEMP TABLE t_unique (a siko.ags UNIQUE);
INSERT INTO t_unique VALUES ('05562020');
SELECT throws_ok($$ INSERT INTO t_unique VALUES ('05 5 62 020') $$, '23505', NULL,
                 'a UNIQUE index sees the grouped form as the same key');
SELECT lives_ok($$ INSERT INTO t_unique VALUES ('05562'), ('055'), ('05') $$,
                 'its ancestors are different keys');

SELECT is(array_agg(amvalidate(oid)), array_fill(true, ARRAY[count(*)::int]),
          'every operator class of siko is valid')
  FROM pg_opclass WHERE opcnamespace = 'siko'::regnamespace;
SELECT ok((SELECT count(*) FROM pg_opclass
            WHERE opcnamespace = 'siko'::regnamespace AND opcintype = 'siko.ags'::regtype
              AND opcdefault) = 2, 'ags has a default btree and a default hash operator class');

-- ---------------------------------------------------------------------
-- the Destatis municipality register: every key of Land (10),
-- Regierungsbezirk (20), Kreis (40) and Gemeinde (60)
-- ---------------------------------------------------------------------
CREATE TEMP TABLE gv (
	satzart text, textkennzeichen text, land text, rb text, kreis text, vb text,
	gemeinde text, gemeindename text, flaeche text, bevoelkerung text, maennlich text,
	weiblich text, jekm2 text, postleitzahl text, laengengrad text, breitengrad text,
	schluessel text, bezeichnung text, verstaedterungschluessel text,
	verstaedterungbezeichnung text);
\copy gv from 'test/data/gemeindeverzeichnis.csv' with (format csv, header)
CREATE TEMP TABLE gv_keys AS
  SELECT satzart, land || coalesce(rb, '') || coalesce(kreis, '') || coalesce(gemeinde, '') AS key,
         concat_ws(' ', land, rb, kreis, gemeinde) AS grouped
    FROM gv WHERE satzart IN ('10', '20', '40', '60');

SELECT is((SELECT count(*) FROM gv_keys), 11450::bigint, 'the register has 11450 keys of Land, Regierungsbezirk, Kreis and Gemeinde');
SELECT lives_ok($$ CREATE TEMP TABLE reg AS
                     SELECT satzart, key, key::siko.ags AS ags, grouped::siko.ags AS g FROM gv_keys $$,
                'every key parses, as digits and in parts');
SELECT is_empty($$ SELECT key FROM reg WHERE ags::text <> key OR g <> ags $$,
                'every key round-trips, and its grouped form is the same key');
SELECT is_empty($$ SELECT key FROM reg
                    WHERE siko.ags_level(ags) <> CASE satzart WHEN '10' THEN 'land' WHEN '20' THEN 'regierungsbezirk'
                                                  WHEN '40' THEN 'kreis' ELSE 'gemeinde' END $$,
                'the level of every key matches its record type');
SELECT is((SELECT count(DISTINCT ags) FROM reg), 11450::bigint, 'all keys are distinct');
CREATE INDEX ON reg (ags);
CREATE TEMP TABLE per_kreis AS
  SELECT left(key, 5) AS kreis, count(*) AS n FROM reg WHERE satzart = '60' GROUP BY 1;
ANALYZE reg;
-- Two records of type 60 lie outside every Kreis (Kreis digits 00 in a Land
-- that has no Kreis 00): the German-Luxembourg condominium on the Moselle
-- and the coastal waters of Mecklenburg-Vorpommern, both "gemeindefrei".
SELECT results_eq($$ SELECT r.key::text FROM reg r WHERE satzart = '60'
                      AND NOT EXISTS (SELECT 1 FROM reg k WHERE k.satzart = '40' AND k.ags = siko.ags_kreis(r.ags))
                    ORDER BY 1 $$,
                  $$ VALUES ('07000999'), ('13000999') $$,
                  'the Kreis of every Gemeinde is in the register, except for the two areas outside any Kreis');
SELECT is_empty($$ SELECT key FROM reg r WHERE satzart IN ('20', '40', '60')
                    AND NOT EXISTS (SELECT 1 FROM reg l WHERE l.satzart = '10' AND l.ags = siko.ags_land(r.ags)) $$,
                'the Land of every Gemeinde, Kreis and Regierungsbezirk is in the register');
SELECT is_empty($$ SELECT key FROM reg r WHERE satzart IN ('40', '60') AND substr(key, 3, 1) <> '0'
                    AND NOT EXISTS (SELECT 1 FROM reg b WHERE b.satzart = '20' AND b.ags @> r.ags) $$,
                'the Regierungsbezirk of every Kreis and Gemeinde (where there is one) is in the register');
SELECT is_empty($$ SELECT k.key FROM reg k
                     WHERE k.satzart = '40'
                       AND (SELECT count(*) FROM reg g WHERE g.satzart = '60' AND g.ags <@ k.ags)
                           <> coalesce((SELECT n FROM per_kreis WHERE per_kreis.kreis = k.key), 0) $$,
                'every Kreis contains exactly its Gemeinden');
SELECT is((SELECT array_agg(key ORDER BY ags) FROM reg),
          (SELECT array_agg(key ORDER BY rpad(key, 8, '0'), length(key)) FROM reg),
          'the order of the register is depth-first: each key directly before its descendants');

SELECT * FROM finish();
ROLLBACK;
