-- The as-of questions whose answers must not change when the database of
-- test/upgrade/data.sql moves to another major version (test/run.sh
-- upgrade-dump and upgrade-check).
\set ON_ERROR_STOP 1
\pset format unaligned
\pset footer off
SET TimeZone = 'UTC';
SELECT c, d, string_agg(partner || ':' || certain, ',' ORDER BY partner)
  FROM unnest(ARRAY['siko-ruhr', 'herne-bochum', 'synthetic']) c,
       unnest(ARRAY['2010-06-01', '2021-01-01', '2023-10-01', '2025-01-01']::date[]) d,
       siko.members_as_of(c, d)
 GROUP BY c, d ORDER BY c, d;
SELECT k, string_agg(partner || ':' || certain, ',' ORDER BY partner)
  FROM unnest(ARRAY['2024-01-15 12:00+01', '2024-02-15 12:00+01', '2024-04-01 12:00+01']::timestamptz[]) k,
       siko.members_as_of('synthetic', '2015-06-01', k)
 GROUP BY k ORDER BY k;
SELECT siko.member_at('synthetic', 'Gemeinde 20', '2015-06-01'),
       siko.member_at('synthetic', 'Gemeinde 20', '2015-06-01', '2024-01-15 12:00+01'),
       siko.member_at('synthetic', 'Gemeinde 100', '2015-06-01', '2024-02-15 12:00+01'),
       siko.is_member('siko-ruhr', '05562020', '2023-10-01'),
       siko.is_covered('siko-ruhr', '05562020', '2023-09-30'),
       siko.cooperations_of('05562020', '2024-06-01');
SELECT * FROM siko.growth('synthetic', '2000-01-01', '2026-01-01', '1 year', '2024-01-15 12:00+01');
SELECT count(*), count(*) FILTER (WHERE sources IS NULL) FROM siko.timeline_as_known_on('2024-02-15 12:00+01');
SELECT count(*) FROM siko.history('synthetic');
SELECT md5(string_agg(e::text, ',' ORDER BY id)) FROM public.events e;
SELECT count(*) FROM public.events WHERE term OPERATOR(siko.@>) '2016-06-01'::date;
SELECT * FROM siko.count_members(ARRAY(SELECT term FROM public.events), '2014-01-01', '2024-01-01', '2 years');
