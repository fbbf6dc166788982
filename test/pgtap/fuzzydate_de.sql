-- siko.fuzzydate_de and siko.period_de: the phrases of the press releases
-- give what the shipped register holds; readings checked day by day
-- against PostgreSQL's own calendar
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SET LOCAL search_path = siko, public;
SET LOCAL datestyle = ISO, YMD;
SELECT plan(39);

-- ---------------------------------------------------------------------
-- the functions
-- ---------------------------------------------------------------------
SELECT has_function('siko', 'fuzzydate_de', ARRAY['text', 'date'], 'siko.fuzzydate_de(text, date) exists');
SELECT has_function('siko', 'period_de', ARRAY['text', 'date'], 'siko.period_de(text, date) exists');
SELECT is((SELECT count(*)::int FROM pg_proc p
            WHERE p.pronamespace = 'siko'::regnamespace AND p.proname IN ('fuzzydate_de', 'period_de')
              AND p.provolatile = 'i' AND p.proparallel = 's' AND NOT p.proisstrict
              AND p.proargnames = ARRAY['phrase', 'written_on'] AND p.pronargdefaults = 1
              AND obj_description(p.oid, 'pg_proc') IS NOT NULL),
          2, 'both IMMUTABLE PARALLEL SAFE, called on NULL input, named parameters, written_on optional, commented');
SELECT is(fuzzydate_de(NULL), NULL, 'a NULL phrase gives NULL');
SELECT is(period_de(NULL, date '2023-08-18'), NULL, 'a NULL phrase gives no period');
SELECT is(fuzzydate_de('2020', NULL)::text, '2020', 'a NULL written_on is fine where none is needed');
SELECT is(fuzzydate_de(phrase => 'Mitte 2020')::text, '[2020-05..2020-08]', 'named parameters');

-- ---------------------------------------------------------------------
-- every date phrase of the five press releases, written on the release's
-- day, gives the value the register shipped with siko.load_register holds
-- ---------------------------------------------------------------------
SELECT is(load_register('siko-ruhr') + load_register('herne-bochum'), 27, 'the shipped registers');
CREATE TEMP VIEW acc AS
SELECT c.code, p.name, a.period, a.decided, a.signed, a.effective, a.announced
  FROM siko.accession a JOIN siko.partner p ON p.id = a.partner_id
  JOIN siko.cooperation c ON c.id = a.cooperation_id;

-- Haltern am See, released on 18 August 2023
SELECT is(fuzzydate_de('In der vergangenen Woche', '2023-08-18')::text,
          (SELECT signed::text FROM acc WHERE name = 'Haltern am See'),
          'Haltern: "In der vergangenen Woche unterzeichnete ..." is the day it signed');
SELECT is(fuzzydate_de('18.08.2023')::text,
          (SELECT announced::text FROM acc WHERE name = 'Haltern am See'),
          'Haltern: "Meldungsdatum: 18.08.2023" is the day it was announced');
-- "Mitte 2020 hat das Netzwerk seine Arbeit aufgenommen": the founders'
-- start, which the register reads generously as "by the end of August 2020"
-- (their period [2020-01..2020-08]/..); the phrase fixes its latest day,
-- compared here with the literal 2020-08-31, not with the register's row
SELECT is(latest(fuzzydate_de('Mitte 2020', '2023-08-18')), date '2020-08-31',
          'Haltern: "Mitte 2020" ends on the latest day of the founders'' start, 2020-08-31');
SELECT is(earliest(fuzzydate_de('Mitte 2020', '2023-08-18')), date '2020-05-01',
          'Haltern: "Mitte 2020" begins in May');

-- Herten, released on 11 October 2023
SELECT is(fuzzydate_de('Zum 1. Oktober 2023', '2023-10-11')::text,
          (SELECT effective::text FROM acc WHERE name = 'Herten'),
          'Herten: "Zum 1. Oktober 2023 ist die Stadt Herten ... beigetreten" is the day it took effect');
SELECT is(fuzzydate_de('am 29. September', '2023-10-11')::text,
          (SELECT signed::text FROM acc WHERE name = 'Herten'),
          'Herten: "unterzeichnete am 29. September" (the release''s year) is the day it signed');
SELECT is(fuzzydate_de('11.10.2023')::text,
          (SELECT announced::text FROM acc WHERE name = 'Herten'),
          'Herten: "Meldungsdatum: 11.10.2023" is the day it was announced');

-- Dinslaken, released on 25 February 2025
SELECT is(fuzzydate_de('am 25. Februar 2025', '2025-02-25')::text,
          (SELECT signed::text FROM acc WHERE name = 'Dinslaken'),
          'Dinslaken: "hat am 25. Februar 2025 die Beitrittserklärung ... unterzeichnet" is the day it signed');
SELECT is(fuzzydate_de('vom 25.02.2025', '2025-02-25')::text,
          (SELECT announced::text FROM acc WHERE name = 'Dinslaken'),
          'Dinslaken: "Pressemitteilung vom 25.02.2025" is the day it was announced');

-- the project page of the Ruhr-Konferenz, as of 3 March 2022
SELECT is((SELECT count(*)::int FROM acc
            WHERE announced = fuzzydate_de('Stand: 3. März 2022', '2022-03-03')),
          16, 'project page: "(Stand: 3. März 2022)" is the announcement of the 16 partners that joined after the founding');
SELECT is(fuzzydate_de('2020', '2022-03-03')::text,
          (SELECT founded::text FROM siko.cooperation WHERE code = 'siko-ruhr'),
          'project page: "2020 Gründung der Sicherheitskooperation Ruhr" is the founding');

-- Herne, released on 25 May 2023
SELECT is((SELECT count(*)::int FROM acc
            WHERE code = 'herne-bochum' AND announced = fuzzydate_de('25. Mai 2023', '2023-05-25')),
          2, 'Herne: "25. Mai 2023" is the day both parties'' agreement was announced');

-- ---------------------------------------------------------------------
-- periods
-- ---------------------------------------------------------------------
SELECT is(period_de('seit Mitte 2020')::text, '[2020-05..2020-08]/..', 'seit Mitte 2020');
SELECT is(period_de('vom 1. Oktober 2023 bis zum 31. März 2025')::text, '2023-10-01/2025-03-31',
          'vom ... bis zum ...: the last day as written');
SELECT is(period_de('seit dem 1. Oktober 2023')::text,
          (SELECT period::text FROM acc WHERE name = 'Herten'),
          'Herten: a partner since 1 October 2023');
SELECT is(period_de('seit der vergangenen Woche', '2023-08-18')::text,
          (SELECT period::text FROM acc WHERE name = 'Haltern am See'),
          'Haltern: a partner since the week before the release');

-- ---------------------------------------------------------------------
-- readings against PostgreSQL's calendar, for every day of 2019 to 2025
-- ---------------------------------------------------------------------
CREATE TEMP TABLE day AS
SELECT d::date AS d FROM generate_series(date '2019-01-01', date '2025-12-31', interval '1 day') AS d;
CREATE TEMP TABLE monat (m int, name text);
INSERT INTO monat SELECT m, (ARRAY['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli',
  'August', 'September', 'Oktober', 'November', 'Dezember'])[m] FROM generate_series(1, 12) AS m;

SELECT is_empty($$ SELECT d FROM day WHERE fuzzydate_de('heute', d) <> d::fuzzydate
                      OR fuzzydate_de('gestern', d) <> (d - 1)::fuzzydate
                      OR fuzzydate_de('vorgestern', d) <> (d - 2)::fuzzydate $$,
  'heute, gestern, vorgestern on every day');
SELECT is_empty($$ SELECT d FROM day
                    WHERE earliest(fuzzydate_de('vergangene Woche', d)) <> date_trunc('week', d - 7)::date
                       OR latest(fuzzydate_de('vergangene Woche', d)) <> date_trunc('week', d - 7)::date + 6 $$,
  'vergangene Woche: Monday to Sunday of the ISO week before, on every day (turns of the year too)');
SELECT is_empty($$ SELECT d FROM day
                    WHERE earliest(fuzzydate_de('vor zwei Wochen', d)) <> date_trunc('week', d - 14)::date
                       OR earliest(fuzzydate_de('diese Woche', d)) <> date_trunc('week', d)::date $$,
  'vor zwei Wochen and diese Woche on every day');
SELECT is_empty($$ SELECT d FROM day
                    WHERE earliest(fuzzydate_de('im Vormonat', d)) <> date_trunc('month', d - interval '1 month')::date
                       OR latest(fuzzydate_de('im Vormonat', d)) <> (date_trunc('month', d) - interval '1 day')::date
                       OR earliest(fuzzydate_de('im Vorjahr', d)) <> make_date(extract(year FROM d)::int - 1, 1, 1) $$,
  'im Vormonat and im Vorjahr on every day');
SELECT is_empty($$ SELECT d FROM day JOIN monat ON m = extract(month FROM d)
                    WHERE fuzzydate_de(extract(day FROM d) || '. ' || name || ' ' || extract(year FROM d)) <> d::fuzzydate
                       OR fuzzydate_de(to_char(d, 'DD.MM.YYYY')) <> d::fuzzydate
                       OR fuzzydate_de(to_char(d, 'FMDD.FMMM.YY')) <> d::fuzzydate
                       OR fuzzydate_de('am ' || extract(day FROM d) || '. ' || name, d) <> d::fuzzydate $$,
  'every day written "1. Oktober 2023", "01.10.2023", "1.10.23", and without its year on the day itself');
SELECT is_empty($$ SELECT d FROM day
                    WHERE fuzzydate_de('am 29. Februar', d) <>
                          (SELECT max(f)::date::fuzzydate FROM generate_series(date '2012-02-29', d, interval '1 day') AS f
                            WHERE extract(month FROM f) = 2 AND extract(day FROM f) = 29) $$,
  'am 29. Februar: the latest leap day on or before the day of writing, on every day');

-- ---------------------------------------------------------------------
-- refusals
-- ---------------------------------------------------------------------
SELECT throws_ok($$ SELECT siko.fuzzydate_de('Mitte Foo 2020') $$, '22007',
  'invalid input syntax for type fuzzydate: "Mitte Foo 2020"', 'a phrase it cannot read: 22007');
SELECT throws_ok($$ SELECT siko.fuzzydate_de('in der vergangenen Woche') $$, '22004', NULL,
  'a relative phrase without written_on: 22004');
SELECT throws_ok($$ SELECT siko.fuzzydate_de('am 29. September') $$, '22004', NULL,
  'a day without its year and without written_on: 22004');
SELECT throws_ok($$ SELECT siko.fuzzydate_de('heute', 'infinity') $$, '22008', NULL,
  'written_on infinity: 22008');
SELECT throws_ok($$ SELECT siko.fuzzydate_de('am 29. Februar 2023') $$, '22007', NULL,
  'a day that does not exist: 22007');
SELECT throws_ok($$ SELECT siko.fuzzydate_de('etwa Mitte 2020') $$, '22007', NULL,
  'a qualifier on a range: 22007');
SELECT throws_ok($$ SELECT siko.period_de('bis zum 31. März 2025') $$, '22007', NULL,
  'a membership without its start: 22007');
SELECT throws_ok($$ SELECT siko.period_de('vom 31. März 2025 bis zum 1. Oktober 2023') $$, '22000', NULL,
  'a membership that ends before it starts: 22000');
SELECT throws_ok($$ SELECT siko.fuzzydate_de(repeat('Mitte 2020 ', 100000)) $$, '22007', NULL,
  'a phrase of a megabyte: 22007');

SELECT * FROM finish();
ROLLBACK;
