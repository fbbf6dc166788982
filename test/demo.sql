-- =====================================================================
-- siko in a few queries (make demo runs this file with psql -a, so each
-- comment and query is shown followed by its output).
-- =====================================================================
SELECT extname, extversion, extnamespace::regnamespace AS schema
  FROM pg_extension WHERE extname = 'siko';

-- Everything of siko lives in schema siko. Operators such as <@ are found
-- through the search path, so put siko on it (or write OPERATOR(siko.<@)).
SET search_path = public, siko;

-- ---------------------------------------------------------------------
-- A. The SiKo Ruhr register, as the press releases describe it
-- ---------------------------------------------------------------------
-- Load the two cooperations; each call returns the number of accessions.
SELECT siko.load_register('siko-ruhr') AS siko_ruhr,
       siko.load_register('herne-bochum') AS herne_bochum;

-- Who was a partner of SiKo Ruhr on four telling days?  "member" when the
-- sources make it certain, "possibly" when they leave it open, "-" when
-- certainly not.  The project page of 3 March 2022 lists sixteen partners
-- who joined after the founding in 2020, on days it does not give.
SELECT p.name AS partner,
       max(CASE d.n WHEN 1 THEN d.state END) AS "2021-01-01",
       max(CASE d.n WHEN 2 THEN d.state END) AS "2023-09-30",
       max(CASE d.n WHEN 3 THEN d.state END) AS "2023-10-01",
       max(CASE d.n WHEN 4 THEN d.state END) AS today
  FROM siko.partner AS p
 CROSS JOIN LATERAL (
        SELECT t.n, CASE siko.member_at('siko-ruhr', p.name, t.day)
                      WHEN true THEN 'member' WHEN false THEN '-' ELSE 'possibly' END
          FROM (VALUES (1, date '2021-01-01'), (2, date '2023-09-30'),
                       (3, date '2023-10-01'), (4, current_date)) AS t(n, day)) AS d(n, state)
 WHERE EXISTS (SELECT FROM siko.timeline AS tl
                WHERE tl.cooperation = 'siko-ruhr' AND tl.partner = p.name)
 GROUP BY p.name
 ORDER BY min(CASE d.state WHEN 'member' THEN d.n WHEN 'possibly' THEN d.n + 0.5 ELSE 9 END), p.name;

-- The same days counted: certain members, and who else possibly was one.
SELECT t.day, count(*) FILTER (WHERE m.certain) AS certain,
       count(*) FILTER (WHERE NOT m.certain) AS possibly
  FROM (VALUES (date '2021-01-01'), (date '2023-09-30'), (date '2023-10-01'),
               (current_date)) AS t(day)
  LEFT JOIN LATERAL siko.members_as_of('siko-ruhr', t.day) AS m ON true
 GROUP BY t.day ORDER BY t.day;

-- Herten (05562020) on 30 September 2023 was not a member itself, but it
-- lies in Kreis Recklinghausen, a partner since 3 March 2022 at the latest;
-- Herten joined itself on 1 October 2023.
SELECT t.day, siko.is_member('siko-ruhr', '05562020', t.day) AS herten_member,
       siko.is_covered('siko-ruhr', '05562020', t.day) AS herten_covered,
       (SELECT string_agg(c.partner || CASE WHEN c.certain THEN '' ELSE ' (possibly)' END,
                          ', ' ORDER BY c.partner)
          FROM siko.covered_by('siko-ruhr', '05562020', t.day) AS c) AS covered_through
  FROM (VALUES (date '2023-09-30'), (date '2023-10-01')) AS t(day);

-- How the network grew, quarter by quarter since 2020: partners certainly
-- and possibly in it, and the people living in covered territory (every
-- Gemeinde that is a member or lies in a member Kreis; population of
-- 31 December 2019 from the Destatis register).
SELECT g.day, g.certain, g.possible,
       pop.certain AS people_certainly_covered,
       pop.possible AS people_possibly_covered
  FROM siko.growth('siko-ruhr', date '2020-01-01', current_date, interval '3 months') AS g
 CROSS JOIN LATERAL (
        SELECT COALESCE(sum(t.population) FILTER (WHERE c.covered), 0) AS certain,
               COALESCE(sum(t.population) FILTER (WHERE c.covered IS NOT false), 0) AS possible
          FROM siko.territory AS t
         CROSS JOIN LATERAL (SELECT siko.is_covered('siko-ruhr', t.ags, g.day)) AS c(covered)
         WHERE t.level = 'gemeinde') AS pop
 ORDER BY g.day;

-- An as-of join: a few made-up events, each in a Gemeinde on a day.  Was
-- the Gemeinde a partner of SiKo Ruhr on that day, or inside one, and in
-- which cooperations was it certainly a member?
CREATE TEMP TABLE events (id integer, ags siko.ags, day date);
INSERT INTO events VALUES
  (1, '05913000', '2020-03-15'),  -- Dortmund, in the founding year
  (2, '05913000', '2021-03-15'),  -- Dortmund, a year later
  (3, '05562016', '2023-08-10'),  -- Haltern am See, in the week it signed
  (4, '05562020', '2023-09-30'),  -- Herten, the day before it joined
  (5, '05170008', '2024-06-01'),  -- Dinslaken, before it joined; Kreis Wesel had
  (6, '05916000', '2024-06-01'),  -- Herne, in both cooperations
  (7, '05315000', '2024-06-01');  -- Köln, far from the Ruhr
SELECT e.id, e.day, t.name, siko.is_member('siko-ruhr', e.ags, e.day) AS member,
       siko.is_covered('siko-ruhr', e.ags, e.day) AS covered,
       siko.cooperations_of(e.ags, e.day) AS cooperations
  FROM events AS e JOIN siko.territory AS t ON t.ags = e.ags
 ORDER BY e.id;

-- Events per cooperation in one pass: the aggregate siko.cooperation_counts
-- gives what unnest(siko.cooperations_of(...)) grouped by code gives.
SELECT x.cooperation, x.events
  FROM unnest((SELECT siko.cooperation_counts(e.ags, e.day) FROM events AS e)) AS x;

-- Every accession cites its sources.
SELECT partner, start, finish, status, sources FROM siko.timeline
 WHERE cooperation = 'siko-ruhr' AND partner IN ('Dortmund', 'Bochum', 'Haltern am See', 'Herten', 'Dinslaken')
 ORDER BY start_earliest, partner;

-- The timeline as a picture: an SVG Gantt chart, one row per partner,
-- hatched where the sources leave the day open, labelled in German.
SELECT siko.timeline_svg('siko-ruhr', lang => 'de') \g (format=unaligned tuples_only=on) siko-ruhr.svg
\echo 'wrote siko-ruhr.svg in the current directory (open it in a web browser)'

-- ---------------------------------------------------------------------
-- B. Under the hood: the three types every answer above is made of
-- ---------------------------------------------------------------------
-- B1. siko.ags: the official German municipality key (AGS)
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

-- ---------------------------------------------------------------------
-- B2. siko.fuzzydate: a day known only as precisely as the sources say
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

-- ---------------------------------------------------------------------
-- B3. siko.period: membership from an imprecise start to an imprecise end
-- ---------------------------------------------------------------------
-- Was the partner a member on the day?  true, false, or NULL when the
-- sources leave it open.
SELECT p AS period, siko.member_at(p, date '2021-01-15') AS member_2021_01_15,
       siko.member_at(p, date '2023-10-15') AS member_2023_10_15
  FROM (VALUES ('2020-06~/2024-12-31'::siko.period), ('[2020-07..2022-03-03]/..'),
               ('2021/..'), ('2015/2018')) AS t(p);
