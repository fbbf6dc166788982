-- =====================================================================
-- siko in a few queries (make demo runs this file with psql -a, so each
-- comment and query is shown followed by its output).
-- =====================================================================
SELECT extname, extversion, extnamespace::regnamespace AS schema
  FROM pg_extension WHERE extname IN ('siko', 'btree_gist') ORDER BY 1;

-- Everything of siko lives in schema siko. Operators such as <@ are found
-- through the search path, so put siko on it (or write OPERATOR(siko.<@)).
SET search_path = public, siko;

-- @part siko.ags: pg_catalog.to_regtype('siko.ags') IS NOT NULL
-- ---------------------------------------------------------------------
-- 1. siko.ags: the official German municipality key (AGS)
-- ---------------------------------------------------------------------
-- Destatis prints keys with spaces between the parts; siko keeps the digits.
SELECT '05 5 62 020'::siko.ags AS herten;

-- A key names a Land (2 digits), a Regierungsbezirk (3), a Kreis (5) or
-- a Gemeinde (8); each level knows its parent, its Kreis and its Land.
SELECT k, siko.ags_level(k) AS level, siko.ags_parent(k) AS parent,
       siko.ags_kreis(k) AS kreis, siko.ags_land(k) AS land
  FROM (VALUES ('05'::siko.ags), ('055'), ('05562'), ('05562020')) AS t(k);

-- Containment (ancestor or self): Herten lies in Kreis Recklinghausen and
-- in Nordrhein-Westfalen (05), not in Kreis Unna (05978).
SELECT '05562020'::siko.ags <@ '05562' AS in_kreis_recklinghausen,
       '05562020'::siko.ags <@ '05'    AS in_nrw,
       '05562020'::siko.ags <@ '05978' AS in_kreis_unna;

-- A key sorts directly before its descendants, so a Kreis and its
-- municipalities are neighbours in an index.
SELECT k FROM unnest('{05566,05562036,05,05562,055,05562004}'::siko.ags[]) AS k ORDER BY k;

-- Bad input is an error that quotes the value, says what is wrong and
-- which forms are accepted (SQLSTATE 22P02).
\set ON_ERROR_STOP 0
SELECT '05-562-020'::siko.ags;
\set ON_ERROR_STOP 1

-- @part siko.fuzzydate: pg_catalog.to_regtype('siko.fuzzydate') IS NOT NULL
-- ---------------------------------------------------------------------
-- 2. siko.fuzzydate: a day known only as precisely as the sources say
-- ---------------------------------------------------------------------
-- EDTF (ISO 8601-2): a day, a month, a year, "approximately", a season,
-- a decade, one day of a range, "at the latest".
SELECT d AS edtf, siko.precision(d) AS precision,
       siko.earliest(d) AS earliest, siko.latest(d) AS latest
  FROM (VALUES ('2023-10-01'::siko.fuzzydate), ('2023-10'), ('2022'), ('2020-06~'),
               ('2021-23'), ('202X'), ('[2023-08-07..2023-08-13]'), ('[..2022-03-03]')) AS t(d);

-- Comparing with a plain date is three-valued: NULL when the day falls
-- inside the imprecision.
SELECT d AS edtf, siko.before(d, date '2023-10-15') AS before_oct_15,
       siko.after(d, date '2023-10-15') AS after_oct_15
  FROM (VALUES ('2023-10-01'::siko.fuzzydate), ('2023-10'), ('2023-11'), ('2023')) AS t(d);

-- Impossible dates are rejected (SQLSTATE 22007 or 22008).
\set ON_ERROR_STOP 0
SELECT '2023-02-30'::siko.fuzzydate;
\set ON_ERROR_STOP 1

-- @part siko.period: pg_catalog.to_regtype('siko.period') IS NOT NULL
-- ---------------------------------------------------------------------
-- 3. siko.period: membership from an imprecise start to an imprecise end
-- ---------------------------------------------------------------------
-- Was the partner a member on the day?  true, false, or NULL when the
-- sources leave it open.
SELECT p AS period, siko.member_at(p, date '2021-01-15') AS member_2021_01_15,
       siko.member_at(p, date '2023-10-15') AS member_2023_10_15
  FROM (VALUES ('2020-06~/2024-12-31'::siko.period), ('[2020-07..2022-03-03]/..'),
               ('2021/..'), ('2015/2018')) AS t(p);

-- @part the register with SiKo Ruhr (siko-ruhr): EXISTS (SELECT FROM siko.cooperation WHERE code = 'siko-ruhr')
-- ---------------------------------------------------------------------
-- 4. The register: who was a partner on a given day?
-- ---------------------------------------------------------------------
-- The partners of the Sicherheitskooperation Ruhr on 1 October 2023:
-- certain members, and those that may have been members.
SELECT partner, kind, ags, certain, period
  FROM siko.members_as_of('siko-ruhr', date '2023-10-01') ORDER BY certain DESC, partner;

-- Herten (05562020) on 30 September 2023: not a member itself, but inside
-- Kreis Recklinghausen, which was; a day later Herten had joined itself.
SELECT day, siko.is_member('siko-ruhr', '05562020', day) AS herten_member,
       siko.is_covered('siko-ruhr', '05562020', day) AS herten_covered
  FROM (VALUES (date '2023-09-30'), (date '2023-10-01')) AS t(day);

-- @part siko.growth: EXISTS (SELECT FROM siko.cooperation WHERE code = 'siko-ruhr') AND pg_catalog.to_regprocedure('siko.growth(text,date,date,interval)') IS NOT NULL
-- How the network grew: certain and possible members at the start of each year.
SELECT day, certain, possible
  FROM siko.growth('siko-ruhr', date '2020-01-01', date '2026-01-01', interval '1 year');

-- @part the SiKo Ruhr register as shipped (siko.load_register): pg_catalog.to_regprocedure('siko.load_register(text)') IS NOT NULL
\i test/demo-register.sql
