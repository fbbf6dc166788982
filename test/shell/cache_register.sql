-- The synthetic register of test/shell/cache_modes.sh and cache_shared.sh:
-- six cooperations over 80 municipalities and their districts, two
-- accessions each with day, month or year precision.
SET client_min_messages = warning;
SET search_path = public, siko;
SELECT setseed(0.21);
INSERT INTO siko.cooperation (code, name, founded)
SELECT 'mode-' || i, 'Modus ' || i, '2010' FROM generate_series(1, 6) i;
-- 80 municipalities and their districts
INSERT INTO siko.partner (name, kind, ags)
SELECT 'Modus ' || t.ags, CASE WHEN t.level = 'gemeinde' THEN 'municipality' ELSE 'district' END::siko.partner_kind, t.ags
  FROM (SELECT * FROM siko.territory WHERE level = 'gemeinde' ORDER BY ags LIMIT 80) g
  JOIN siko.territory t ON t.ags = g.ags OR (t.level = 'kreis' AND t.ags = siko.ags_kreis(g.ags))
 GROUP BY t.ags, t.name, t.level;
CREATE FUNCTION pg_temp.fd(d date, r double precision) RETURNS text LANGUAGE sql AS
$$ SELECT CASE WHEN r < 0.6 THEN to_char(d, 'YYYY-MM-DD') WHEN r < 0.85 THEN to_char(d, 'YYYY-MM')
			   ELSE to_char(d, 'YYYY') END $$;
-- cooperation i takes every partner with probability i / 7; two accessions each
INSERT INTO siko.accession (cooperation_id, partner_id, period)
SELECT c.id, p.id,
	   (CASE WHEN k = 1 THEN pg_temp.fd(date '2012-01-01' + (random() * 1500)::int, random()) || '/' ||
							 pg_temp.fd(date '2017-01-01' + (random() * 600)::int, random())
			 ELSE pg_temp.fd(date '2019-01-01' + (random() * 1500)::int, random()) || '/..' END)::siko.period
  FROM siko.cooperation c
  JOIN siko.partner p ON p.name LIKE 'Modus %'
  CROSS JOIN generate_series(1, 2) k
 WHERE c.code LIKE 'mode-%' AND hashtext(c.code || p.name) % 7 < substr(c.code, 6)::int;
