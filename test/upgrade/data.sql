-- A database as a user would move it to a new major version: both shipped
-- registers, a synthetic register with a history of changes, and a table
-- of the user's own with siko columns (test/run.sh upgrade-dump).
\set ON_ERROR_STOP 1
BEGIN;
SET LOCAL siko.system_time = '2024-01-10 09:00+01';
SELECT siko.load_register('siko-ruhr') + siko.load_register('herne-bochum');
-- the synthetic register: up to 200 municipalities of the territory that
-- are no partner yet, joining and leaving
INSERT INTO siko.cooperation (code, name, founded) VALUES ('synthetic', 'Synthetic cooperation', '2001');
INSERT INTO siko.partner (name, kind, ags)
SELECT 'Gemeinde ' || row_number() OVER (ORDER BY t.ags), 'municipality', t.ags
  FROM (SELECT ags FROM siko.territory t
         WHERE t.level = siko.ags_level('05562020')
           AND NOT EXISTS (SELECT FROM siko.partner p WHERE p.ags OPERATOR(siko.=) t.ags)
         ORDER BY ags LIMIT 200) t;
INSERT INTO siko.accession (cooperation_id, partner_id, period, effective)
SELECT c.id, p.id,
       format('%s/%s', 2001 + i % 20, CASE WHEN i % 3 = 0 THEN (2022 + i % 4)::text ELSE '..' END)::siko.period,
       format('%s-%s', 2001 + i % 20, lpad((i % 12 + 1)::text, 2, '0'))::siko.fuzzydate
  FROM generate_series(1, 200) i
  JOIN siko.partner p ON p.name = 'Gemeinde ' || i
 CROSS JOIN siko.cooperation c WHERE c.code = 'synthetic';
COMMIT;
BEGIN;
SET LOCAL siko.system_time = '2024-02-01 09:00+01';
SET LOCAL siko.reason = 'left early';
UPDATE siko.accession SET period = '2001/2010'
 WHERE partner_id IN (SELECT id FROM siko.partner WHERE name IN ('Gemeinde 20', 'Gemeinde 40', 'Gemeinde 60'));
COMMIT;
BEGIN;
SET LOCAL siko.system_time = '2024-03-01 09:00+01';
DELETE FROM siko.accession WHERE partner_id = (SELECT id FROM siko.partner WHERE name = 'Gemeinde 100');
COMMIT;
-- the user's own table
CREATE TABLE public.events (id int PRIMARY KEY, place siko.ags, day siko.fuzzydate, term siko.period);
INSERT INTO public.events
SELECT i, (lpad((i % 16 + 1)::text, 2, '0') || lpad((i % 200 + 1)::text, 6, '0'))::siko.ags,
       (ARRAY['2023', '2023-10', '2023-10-01?', '202X', '2023-21~', '[2023-08-07..2023-08-13]'])[i % 6 + 1]::siko.fuzzydate,
       (ARRAY['2015/2018', '2015/..', '2020-03~/2021', '19XX/2023-05-01'])[i % 4 + 1]::siko.period
  FROM generate_series(1, 1000) i;
CREATE INDEX ON public.events USING gist (term);
