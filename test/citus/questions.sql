-- The as-of questions asked of every node of the Citus cluster and of the
-- local copy (test/citus/register.sh): the answers must be the same bytes.
-- The events (public.events of test/upgrade/data.sql) are distributed by
-- place on the cluster, a plain table in the local copy.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset footer off
SET TimeZone = 'UTC';
SELECT count(*) FILTER (WHERE siko.is_member('synthetic', place, '2015-06-01')),
       count(*) FILTER (WHERE siko.is_covered('siko-ruhr', place, '2023-10-01')),
       count(*) FILTER (WHERE siko.is_member('synthetic', place, '2015-06-01', '2024-01-15 12:00+01'))
  FROM public.events;
SELECT place, siko.cooperations_of(place, '2015-06-01')
  FROM public.events WHERE siko.cooperations_of(place, '2015-06-01') <> '{}' ORDER BY id LIMIT 20;
SELECT x.cooperation, x.events FROM unnest((SELECT siko.cooperation_counts(place, '2015-06-01') FROM public.events)) AS x
 ORDER BY x.cooperation;
SELECT * FROM siko.covered_by('siko-ruhr', '05562020', '2024-06-01') ORDER BY 1;
SELECT * FROM siko.covered_by('synthetic', (SELECT ags FROM siko.partner WHERE name = 'Gemeinde 7'), '2010-06-01', '2024-02-15 12:00+01');
SELECT * FROM siko.growth('siko-ruhr', '2020-01-01', '2025-01-01', '6 months');
SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM siko.timeline t;
SELECT md5(siko.timeline_svg('siko-ruhr', from_day => '2020-01-01', to_day => '2025-01-01'));
WITH t AS MATERIALIZED (SELECT array_agg(term) AS terms FROM public.events)
SELECT c.* FROM t, siko.count_members(t.terms, '2014-01-01', '2024-01-01', '2 years') AS c;
