-- The shipped data: the territory reference of North Rhine-Westphalia,
-- siko.load_territory(), the SiKo Ruhr and Herne-Bochum registers as the
-- press releases describe them, and siko.timeline_svg().
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(69);

SET LOCAL search_path = public, siko;

-- ---------------------------------------------------------------------
-- The territory reference (Destatis, population of 2019-12-31)
-- ---------------------------------------------------------------------
SELECT results_eq(
  $$ SELECT level, count(*)::integer FROM siko.territory WHERE ags <@ '05'::siko.ags
      GROUP BY level ORDER BY min(length(ags::text)) $$,
  $$ VALUES ('land', 1), ('regierungsbezirk', 5), ('kreis', 53), ('gemeinde', 396) $$,
  'NRW: 1 Land, 5 Regierungsbezirke, 53 Kreise and kreisfreie Städte, 396 Gemeinden');
SELECT is((SELECT population FROM siko.territory WHERE ags = '05'), 17947221::bigint,
  'Nordrhein-Westfalen has 17 947 221 inhabitants (2019-12-31)');
SELECT is((SELECT population FROM siko.territory WHERE ags = '05113000'), 582760::bigint,
  'Essen has 582 760 inhabitants');
SELECT is((SELECT population FROM siko.territory WHERE ags = '05913000'), 588250::bigint,
  'Dortmund has 588 250 inhabitants');
SELECT is((SELECT name || ': ' || population FROM siko.territory WHERE ags = '05562020'),
  'Herten, Stadt: 61821', 'Herten, with its official name and population');
SELECT is((SELECT population FROM siko.territory WHERE ags = '05562'), 614137::bigint,
  'Kreis Recklinghausen counts the people of its ten Gemeinden');
SELECT is_empty($$
  SELECT t.ags FROM siko.territory t
   WHERE t.level <> 'gemeinde'
     AND t.population IS DISTINCT FROM
         (SELECT sum(g.population) FROM siko.territory g
           WHERE g.level = 'gemeinde' AND g.ags <@ t.ags) $$,
  'every Land, Regierungsbezirk and Kreis has the population of its Gemeinden');
SELECT is_empty($$ SELECT ags FROM siko.territory WHERE level <> siko.ags_level(ags) $$,
  'the level of each territory is the level of its key');
SELECT is((SELECT count(DISTINCT reference_date)::integer || ' ' || min(reference_date) FROM siko.territory),
  '1 2019-12-31', 'all territories refer to 2019-12-31');
SELECT matches(obj_description('siko.territory'::regclass, 'pg_class'),
  '© Statistisches Bundesamt \(Destatis\), dl-de/by-2-0', 'the table names the source and licence');
SELECT ok(NOT EXISTS (SELECT FROM pg_extension e, unnest(e.extconfig) AS c(oid)
                       WHERE e.extname = 'siko' AND c.oid = 'siko.territory'::regclass),
  'the territory reference belongs to the extension and is not dumped');
SELECT ok(EXISTS (SELECT FROM pg_depend WHERE classid = 'pg_class'::regclass
                   AND objid = 'siko.territory'::regclass AND deptype = 'e'),
  'siko.territory is a member of the extension');

-- siko.load_territory(): a small extract in the Destatis format (two
-- Gemeinden of Bremen, with quoted names and thousands separators).
SELECT is(siko.load_territory(
U&'\FEFFsatzart,textkennzeichen,land,rb,kreis,vb,gemeinde,gemeindename,flaeche,bevoelkerung,maennlich,weiblich
10,,04,,,,,Bremen,,,,
40,41,04,0,11,,,"Bremen, Stadt",,,,
50,50,04,0,11,0000,,"Bremen, Stadt",,,,
60,61,04,0,11,0000,000,"Bremen, Stadt", 318.21, 567 559, 279 220, 288 339
40,41,04,0,12,,,"Bremerhaven, Stadt",,,,
60,61,04,0,12,0000,000,"Bremerhaven, Stadt", 93.82, 113 643, 56 360, 57 283
'), 5, 'load_territory loads Land, Kreise and Gemeinden of a Destatis extract');
SELECT results_eq(
  $$ SELECT ags::text, name, level, population FROM siko.territory WHERE ags <@ '04'::siko.ags ORDER BY ags $$,
  $$ VALUES ('04', 'Bremen', 'land', 681202::bigint), ('04011', 'Bremen, Stadt', 'kreis', 567559),
            ('04011000', 'Bremen, Stadt', 'gemeinde', 567559), ('04012', 'Bremerhaven, Stadt', 'kreis', 113643),
            ('04012000', 'Bremerhaven, Stadt', 'gemeinde', 113643) $$,
  'the loaded rows, with the sums for the Land and the Kreise');
SELECT is(siko.load_territory(
'satzart,textkennzeichen,land,rb,kreis,vb,gemeinde,gemeindename,flaeche,bevoelkerung
60,61,04,0,12,0000,000,"Bremerhaven, Stadt", 93.82, 114 000
', date '2020-12-31'), 1, 'loading again updates in place');
SELECT is((SELECT population || ' ' || reference_date FROM siko.territory WHERE ags = '04012000'),
  '114000 2020-12-31', 'the updated row has the new population and reference date');
SELECT results_eq(
  $$ SELECT ags::text, population FROM siko.territory WHERE ags IN ('04', '04012') ORDER BY ags $$,
  $$ VALUES ('04', 681559::bigint), ('04012', 114000) $$,
  'the Kreis and the Land count the updated Gemeinde');
SELECT throws_ok($$ SELECT siko.load_territory('ags,name,population') $$, '22P04',
  'invalid municipality register file: header "ags,name,population"',
  'a file that is not the Destatis extract is an error');
SELECT is(siko.load_territory(NULL), NULL, 'load_territory(NULL) is NULL');

-- ---------------------------------------------------------------------
-- siko.load_register()
-- ---------------------------------------------------------------------
SELECT is(siko.load_register('siko-ruhr'), 25, 'siko-ruhr: 25 accessions');
SELECT is(siko.load_register('herne-bochum'), 2, 'herne-bochum: 2 accessions');
SELECT throws_ok($$ SELECT siko.load_register('siko-ruhr') $$, '23505',
  'cooperation "siko-ruhr" is already in the register', 'loading twice is an error');
SELECT throws_ok($$ SELECT siko.load_register('herne-bochum') $$, '23505',
  'cooperation "herne-bochum" is already in the register', 'for either register');
SELECT throws_ok($$ SELECT siko.load_register('siko-rhein') $$, '22023',
  'unknown register: "siko-rhein"', 'an unknown code is an error');
SELECT is(siko.load_register(NULL), NULL, 'load_register(NULL) is NULL');

SELECT is((SELECT count(*)::integer FROM siko.partner), 26, '26 partners: Herne is shared');
SELECT results_eq(
  $$ SELECT cooperation FROM siko.timeline WHERE partner = 'Herne' ORDER BY 1 $$,
  $$ VALUES ('herne-bochum'), ('siko-ruhr') $$, 'Herne is one partner in both cooperations');
SELECT results_eq(
  $$ SELECT name, kind::text, ags::text FROM siko.partner
      WHERE name IN ('Herten', 'Kreis Recklinghausen', 'Ennepe-Ruhr-Kreis', 'Bundespolizei',
                     'Polizeipräsidium Bochum', 'Mülheim an der Ruhr',
                     'Hochschule für Polizei und öffentliche Verwaltung NRW') ORDER BY name $$,
  $$ VALUES ('Bundespolizei', 'federal_agency', NULL), ('Ennepe-Ruhr-Kreis', 'district', '05954'),
            ('Herten', 'municipality', '05562020'),
            ('Hochschule für Polizei und öffentliche Verwaltung NRW', 'university', NULL),
            ('Kreis Recklinghausen', 'district', '05562'), ('Mülheim an der Ruhr', 'city', '05117000'),
            ('Polizeipräsidium Bochum', 'police', NULL) $$,
  'partners are named as people write them, with kind and key');
SELECT is_empty($$ SELECT p.name FROM siko.partner p LEFT JOIN siko.territory t ON t.ags = p.ags
                    WHERE p.ags IS NOT NULL AND t.ags IS NULL $$,
  'every partner key is in the territory reference');
SELECT is_empty($$ SELECT a.id FROM siko.accession a
                    WHERE NOT EXISTS (SELECT FROM siko.accession_source s WHERE s.accession_id = a.id) $$,
  'every accession cites a source');
SELECT is((SELECT count(*)::integer FROM siko.source), 5, 'five sources');
SELECT results_eq(
  $$ SELECT partner, start, finish, (SELECT signed::text FROM siko.accession a WHERE a.id = t.accession_id),
            sources FROM siko.timeline t
      WHERE cooperation = 'siko-ruhr' AND partner IN ('Dortmund', 'Bochum', 'Haltern am See', 'Herten', 'Dinslaken')
      ORDER BY start_earliest, partner $$,
  $$ VALUES
     ('Bochum', '[2020-01-01..2022-03-03]', '..', NULL,
      'Landesregierung Nordrhein-Westfalen, Zentrale Sicherheitskooperation zur Bekämpfung der Clankriminalität Metropolregion Ruhr, 2022-03-03'),
     ('Dortmund', '[2020-01..2020-08]', '..', NULL,
      'Landesregierung Nordrhein-Westfalen, Zentrale Sicherheitskooperation zur Bekämpfung der Clankriminalität Metropolregion Ruhr, 2022-03-03; '
      'Stadt Haltern am See, Haltern am See ist nun Teil der Sicherheitskooperation Ruhr, 2023-08-18'),
     ('Haltern am See', '[2023-08-07..2023-08-13]', '..', '[2023-08-07..2023-08-13]',
      'Stadt Haltern am See, Haltern am See ist nun Teil der Sicherheitskooperation Ruhr, 2023-08-18'),
     ('Herten', '2023-10-01', '..', '2023-09-29',
      'Stadt Herten, Stadt Herten ist „Sicherheitskooperation Ruhr zur Bekämpfung der Clankriminalität“ beigetreten, 2023-10-11'),
     ('Dinslaken', '2025-02-25', '..', '2025-02-25', 'Stadt Dinslaken, Pressemitteilung vom 25.02.2025, 2025-02-25') $$,
  'dates as precise as the sources, each with its source');
SELECT results_eq(
  $$ SELECT decided::text, signed::text, effective::text, announced::text FROM siko.accession a
       JOIN siko.partner p ON p.id = a.partner_id WHERE p.name = 'Herten' $$,
  $$ VALUES (NULL, '2023-09-29', '2023-10-01', '2023-10-11') $$,
  'Herten: no decision reported, signed, effective, announced');
SELECT ok((SELECT a.note FROM siko.accession a JOIN siko.partner p ON p.id = a.partner_id
            WHERE p.name = 'Herten') LIKE '%reports no decision%presentation on 2023-09-12%informed on 2023-09-27%',
  'Herten: the note says what the release reports instead of a decision');
SELECT results_eq(
  $$ SELECT p.name, a.period = '[2020-01..2020-08]/..', a.note LIKE '%"Mitte 2020"%by the end of August 2020%'
       FROM siko.accession a
       JOIN siko.partner p ON p.id = a.partner_id WHERE a.role = 'founding partner' ORDER BY p.name $$,
  $$ SELECT n, true, true
       FROM unnest(ARRAY['Bundespolizei', 'Dortmund', 'Duisburg', 'Essen', 'Generalzolldirektion',
                         'Ministerium des Innern NRW']) AS n $$,
  'the founders: members from some day of January to August 2020, the note says why');
SELECT is(siko.member_at('siko-ruhr', 'Essen', '2020-08-31'), true,
  'a founder is a certain member on 2020-08-31 ("Mitte 2020", read generously)');
SELECT is(siko.member_at('siko-ruhr', 'Essen', '2020-08-30'), NULL::boolean,
  'and only possibly the day before');
SELECT results_eq(
  $$ SELECT code, founded::text, seat FROM siko.cooperation ORDER BY code $$,
  $$ VALUES ('herne-bochum', '[..2023-05-25]', 'Herne'), ('siko-ruhr', '2020', 'Essen') $$,
  'the cooperations: founded as precisely as the sources say');
SELECT is((SELECT count(*)::integer FROM siko.timeline WHERE cooperation = 'siko-ruhr' AND role = 'founding partner'),
  6, 'six founding partners');

-- ---------------------------------------------------------------------
-- The register's answers on the telling days
-- ---------------------------------------------------------------------
SELECT results_eq(
  $$ SELECT partner FROM siko.members_as_of('siko-ruhr', '2021-01-01') WHERE certain ORDER BY partner $$,
  $$ VALUES ('Bundespolizei'), ('Dortmund'), ('Duisburg'), ('Essen'), ('Generalzolldirektion'),
            ('Ministerium des Innern NRW') $$,
  '2021-01-01: the six founders are certain members');
SELECT results_eq(
  $$ SELECT partner FROM siko.members_as_of('siko-ruhr', '2021-01-01') WHERE NOT certain ORDER BY partner $$,
  $$ VALUES ('Bochum'), ('Dorsten'), ('Ennepe-Ruhr-Kreis'), ('Gelsenkirchen'), ('Gladbeck'), ('Hagen'),
            ('Hamm'), ('Herne'), ('Hochschule für Polizei und öffentliche Verwaltung NRW'),
            ('Kreis Recklinghausen'), ('Kreis Unna'), ('Kreis Wesel'), ('Marl'), ('Mülheim an der Ruhr'),
            ('Oberhausen'), ('Oer-Erkenschwick') $$,
  '2021-01-01: the sixteen later partners are possible members');
SELECT results_eq(
  $$ SELECT count(*) FILTER (WHERE certain)::integer, count(*) FILTER (WHERE NOT certain)::integer
       FROM siko.members_as_of('siko-ruhr', '2023-09-30') $$,
  $$ VALUES (23, 0) $$, '2023-09-30: 23 certain members, none open');
SELECT ok(NOT EXISTS (SELECT FROM siko.members_as_of('siko-ruhr', '2023-09-30') WHERE partner = 'Herten'),
  '2023-09-30: Herten is not a member');
SELECT results_eq(
  $$ SELECT count(*) FILTER (WHERE certain)::integer, count(*) FILTER (WHERE NOT certain)::integer
       FROM siko.members_as_of('siko-ruhr', '2023-10-01') $$,
  $$ VALUES (24, 0) $$, '2023-10-01: 24 certain members');
SELECT results_eq(
  $$ SELECT count(*) FILTER (WHERE certain)::integer, count(*) FILTER (WHERE NOT certain)::integer
       FROM siko.members_as_of('siko-ruhr', '2025-02-25') $$,
  $$ VALUES (25, 0) $$, '2025-02-25: 25 certain members with Dinslaken');
SELECT results_eq(
  $$ SELECT count(*)::integer FROM siko.members_as_of('siko-ruhr', '2019-12-31') $$,
  $$ VALUES (0) $$, '2019-12-31: nobody, not even possibly');
SELECT is(siko.member_at('siko-ruhr', 'Haltern am See', '2023-08-10'), NULL,
  'Haltern am See in the week it signed: open');
SELECT is(siko.member_at('siko-ruhr', 'Haltern am See', '2023-08-14'), true,
  'Haltern am See after that week: a member');
SELECT is(siko.member_at('siko-ruhr', 'Bochum', '2022-03-02'), NULL,
  'Bochum the day before the project page: open');
SELECT is(siko.member_at('siko-ruhr', 'Bochum', '2022-03-03'), true,
  'Bochum on the project page''s day: a member');
SELECT is(siko.member_at('siko-ruhr', 'Dortmund', '2020-06-15'), NULL,
  'Dortmund in the founding year: open');

-- Herten: covered through Kreis Recklinghausen before it joined itself
SELECT is(siko.is_member('siko-ruhr', '05562020', '2023-09-30'), false, 'Herten 2023-09-30: not a member itself');
SELECT is(siko.is_covered('siko-ruhr', '05562020', '2023-09-30'), true, 'Herten 2023-09-30: covered');
SELECT results_eq(
  $$ SELECT partner, ags::text, certain FROM siko.covered_by('siko-ruhr', '05562020', '2023-09-30') $$,
  $$ VALUES ('Kreis Recklinghausen', '05562', true) $$, 'Herten 2023-09-30: through Kreis Recklinghausen');
SELECT is(siko.is_member('siko-ruhr', '05562020', '2023-10-01'), true, 'Herten 2023-10-01: a member itself');
SELECT is(siko.is_covered('siko-ruhr', '05562020', '2021-01-01'), NULL,
  'Herten 2021-01-01: possibly covered (Kreis Recklinghausen may have joined)');
SELECT is(siko.is_covered('siko-ruhr', '05170008', '2024-06-01'), true,
  'Dinslaken 2024-06-01: covered through Kreis Wesel before it joined');
SELECT is(siko.cooperations_of('05916000', '2024-06-01'), ARRAY['herne-bochum', 'siko-ruhr'],
  'Herne 2024-06-01: in both cooperations');
SELECT is(siko.is_member('herne-bochum', '05916000', '2023-05-24'), NULL,
  'Herne and the police before the report: open, the day of the agreement is not given');

-- growth per quarter
SELECT results_eq(
  $$ SELECT day, certain, possible FROM siko.growth('siko-ruhr', '2020-01-01', '2026-01-01', '1 year 3 months') $$,
  $$ VALUES (date '2020-01-01', 0, 22), ('2021-04-01', 6, 22), ('2022-07-01', 22, 22),
            ('2023-10-01', 24, 24), ('2025-01-01', 24, 24) $$,
  'growth: certain and possible members');
SELECT is((SELECT sum(t.population) FROM siko.territory t
            WHERE t.level = 'gemeinde' AND siko.is_covered('siko-ruhr', t.ags, '2023-10-01')),
  4994485::numeric, '2023-10-01: 4 994 485 people live in covered Gemeinden');

-- ---------------------------------------------------------------------
-- siko.timeline_svg()
-- ---------------------------------------------------------------------
SELECT matches(siko.timeline_svg('siko-ruhr', '2020-01-01', '2026-01-01'),
  '^<svg xmlns="http://www.w3.org/2000/svg" width="960" ', 'an SVG document');
SELECT is((SELECT count(*)::integer FROM regexp_matches(
            siko.timeline_svg('siko-ruhr', '2020-01-01', '2026-01-01'), '<text class="label"', 'g')),
  25, 'one labelled row per partner');
SELECT is((SELECT count(*)::integer FROM regexp_matches(
            siko.timeline_svg('siko-ruhr', '2020-01-01', '2026-01-01'), '<text class="axis"[^>]*>(\d{4})<', 'g')),
  12, 'the years 2020 to 2025 at the top and the bottom');
SELECT ok(siko.timeline_svg('siko-ruhr', '2020-01-01', '2026-01-01')
          ~ '<title>Herten: 2023-10-01/\.\.</title><rect class="certain" [^>]*/><path class="open"',
  'Herten: certain from 1 October 2023, still a member');
SELECT ok(siko.timeline_svg('siko-ruhr', '2020-01-01', '2026-01-01')
          ~ '<title>Bochum: \[2020-01-01\.\.2022-03-03\]/\.\.</title><rect class="certain" [^>]*/><rect class="possible" ',
  'Bochum: the open start is drawn hatched');
UPDATE siko.partner SET name = 'Bochum <&> "x" ''y''' WHERE name = 'Bochum';
SELECT ok(strpos(siko.timeline_svg('siko-ruhr'), '>Bochum &lt;&amp;&gt; &quot;x&quot; &apos;y&apos;</text>') > 0,
  'names are escaped for XML');
SELECT throws_ok($$ SELECT siko.timeline_svg('nope') $$, '22023', 'unknown cooperation: "nope"',
  'an unknown cooperation is an error');
SELECT throws_ok($$ SELECT siko.timeline_svg('siko-ruhr', '2026-01-01', '2020-01-01') $$, '22023', NULL,
  'an empty time axis is an error');

SELECT * FROM finish();
ROLLBACK;
