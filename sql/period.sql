-- siko.period: text forms, canonical output, errors
SET search_path = siko, public;
SET datestyle = ISO, YMD;
SET intervalstyle = postgres;
\set VERBOSITY default

-- the forms of the issue, and their canonical output
SELECT p::text AS input, p::siko.period AS canonical
  FROM (VALUES ('2023-10-01/..'), ('[2020-07..2022-03-03]/..'),
               ('2020-06~/2024-12-31'), ('2015/2018'), ('2015/'),
               ('[2023-08-07..2023-08-13]/..'), ('  2015-03-01/2015-04-01  '),
               ('[..2015]/2018')) AS v(p);

-- canonical output reads back to the same value
SELECT p::siko.period::text::siko.period = p::siko.period AS round_trip
  FROM (VALUES ('2023-10-01/..'), ('[2020-07..2022-03-03]/..'), ('2015/')) AS v(p);

-- binary send and receive
SELECT encode(siko.period_send('2015/2018'), 'hex') AS wire;

-- errors: the SQLSTATE, the message quoting the value, the detail
CREATE FUNCTION pg_temp.try(t text) RETURNS TABLE (state text, message text, detail text)
LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY SELECT 'ok', t::siko.period::text, ''::text;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
		detail = PG_EXCEPTION_DETAIL;
	RETURN NEXT;
END $$;
\x on
-- malformed text: 22007
SELECT e.* FROM (VALUES (''), ('2015'), ('/2015'), ('../2015'), ('/'), ('2015/2016/2017'),
                        ('soon/..'), ('2015/later'), ('2015/...'), ('2015//'),
                        ('2015 /2016'), ('2015-13/..')) AS v(t),
       LATERAL pg_temp.try(t) AS e;
-- an end that certainly lies before the start: 22000
SELECT e.* FROM (VALUES ('2018/2015'), ('2015-06-02/2015-06-01'), ('2015-07/2015-06-30'),
                        ('[2020..2021]/2019-12-31')) AS v(t),
       LATERAL pg_temp.try(t) AS e;
-- accepted: the end may, but need not, lie before the start; an end on the
-- start day is a membership of one day
SELECT e.* FROM (VALUES ('2015/2015-06'), ('2015-06-01/2015-06-02'), ('2015-06-01/2015-06-01'),
                        ('2015-06/2015-06-01')) AS v(t),
       LATERAL pg_temp.try(t) AS e;
\x off
-- what a user sees, hint included
SELECT '2018/2015'::siko.period;
SELECT 'x/..'::siko.period;

-- the constructor: a NULL finish is open
SELECT siko.period('2015'::siko.fuzzydate), siko.period('2015', NULL), siko.period('2015', '2018');
-- (a lone literal is read as a cast to period: period('2015') means '2015'::period)
SELECT siko.period('2015');
SELECT siko.period('2018', '2015');
SELECT siko.period(NULL, '2015');
SELECT siko.start(p), siko.finish(p), siko.is_open(p)
  FROM (VALUES ('2015/2018'::siko.period), ('2015/..'), ('2015/')) AS v(p);

-- three-valued as-of
SELECT p, d, siko.member_at(p::siko.period, d::date) AS member_at,
       p::siko.period @> d::date AS certainly, d::date <@ p::siko.period AS certainly_too
  FROM (VALUES ('[2020-07..2022-03-03]/..', '2020-06-30'),
               ('[2020-07..2022-03-03]/..', '2021-06-30'),
               ('[2020-07..2022-03-03]/..', '2022-03-03'),
               ('2023-10-01/..', '2023-09-30'),
               ('2023-10-01/..', '2023-10-01'),
               ('[2023-08-07..2023-08-13]/..', '2023-08-10'),
               ('[2023-08-07..2023-08-13]/..', '2023-08-14'),
               ('2015/2018', '2018-06-01'),
               ('2015/2018', 'infinity'),
               ('2015/..', 'infinity'),
               ('2015/..', '-infinity'),
               -- EDTF: the end day belongs to the interval
               ('2004-02-01/2005-02-08', '2005-02-08'),
               ('2004-02-01/2005-02-08', '2005-02-09'),
               ('2026-05-01/2026-10-31', '2026-10-31'),
               ('2015/2018', '2018-01-01'),
               ('2015/2018', '2018-12-31'),
               ('2015/2018', '2019-01-01')) AS v(p, d);

-- adjacency: a period ending on 31 December and one starting on 1 January
-- do not overlap; two sharing a day do
SELECT a, b, a::siko.period OPERATOR(siko.&&) b::siko.period AS overlap
  FROM (VALUES ('2015/2017-12-31', '2018-01-01/..'), ('2015/2018-01-01', '2018-01-01/..')) AS v(a, b);
SELECT upper(siko.possible('2004-02-01/2005-02-08')) AS first_day_without;

-- a period written under siko 0.3 (end = first day without membership)
SELECT p, siko.period_from_exclusive_end(p::siko.period) AS same_meaning
  FROM (VALUES ('2015/2018-01-01'), ('2015/2018'), ('2015/2018?'), ('2015/[..2018-03-03]'),
               ('2015/..'), ('2015-03-01/')) AS v(p);

SELECT p, siko.certain(p::siko.period), siko.possible(p::siko.period)
  FROM (VALUES ('[2020-07..2022-03-03]/..'), ('2015/2018'), ('2015/'),
               ('2015-03-01/'), ('[..2015]/2018'), ('2015/2015-06')) AS v(p);

-- may overlap
SELECT a, b, a::siko.period && b::siko.period AS overlaps
  FROM (VALUES ('2015/2018', '2018-06/..'), ('2015/2017-12-31', '2018-01-01/..'),
               ('2015/', '2099/..'), ('2015/2016', '2016/2017')) AS v(a, b);

-- order, equality, DISTINCT
SELECT p FROM (VALUES ('2016/2017'::siko.period), ('2015/..'), ('2015/2018'),
                      ('2015/'), ('2015/2017'), ('2015/2018')) AS v(p)
 GROUP BY p ORDER BY p;
SELECT '2015/2018'::siko.period = '2015/2018', '2015/2018'::siko.period <> '2015/2018',
       '2015/2018'::siko.period < '2015/..';

-- counting
SELECT * FROM siko.count_members(ARRAY['2015/2018', '2016-01-01/..', NULL]::siko.period[],
                                 '2014-12-01', '2017-01-01', '3 months');
SELECT * FROM siko.count_members('{}', '2020-01-01', '2020-01-03');
SELECT * FROM siko.count_members(ARRAY['2020-01-31/..']::siko.period[], '2020-01-31', '2020-06-01', '1 month');
SELECT * FROM siko.count_members(ARRAY['2020/..']::siko.period[], '2020-01-01', '2020-01-02', '1 hour');
SELECT * FROM siko.count_members(ARRAY['2020/..']::siko.period[], '2020-01-01', 'infinity');
