-- ---------------------------------------------------------------------
-- The SiKo Ruhr register, as the press releases describe it
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

-- siko's operators on its types (=, <@, ...) live in schema siko.
SET search_path TO public, siko;

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

-- Events per cooperation in one pass.
SELECT c.code, count(*) AS events
  FROM events AS e CROSS JOIN LATERAL unnest(siko.cooperations_of(e.ags, e.day)) AS c(code)
 GROUP BY c.code ORDER BY c.code;

-- Every accession cites its sources.
SELECT partner, joined, sources FROM siko.timeline
 WHERE cooperation = 'siko-ruhr' AND partner IN ('Dortmund', 'Bochum', 'Haltern am See', 'Herten', 'Dinslaken')
 ORDER BY joined_earliest, partner;

-- The timeline as a picture: an SVG Gantt chart, one row per partner,
-- hatched where the sources leave the day open.
SELECT siko.timeline_svg('siko-ruhr') \g (format=unaligned tuples_only=on) siko-ruhr.svg
\echo 'wrote siko-ruhr.svg (open it in a web browser)'
