-- siko.fuzzydate: text forms, canonical output, days, precision and errors
SET search_path = siko, public;
SET datestyle = ISO, YMD;

-- every accepted form: canonical output, earliest and latest day, precision
SELECT input, input::fuzzydate AS canonical,
       earliest(input::fuzzydate), latest(input::fuzzydate),
       siko.precision(input::fuzzydate)
  FROM (VALUES
    ('2023'), ('2023-10'), ('2023-10-01'), ('2024-02'), ('2000-02-29'),
    ('0000'), ('-0044'), ('-0044-03-15'), ('-4713-11-24'),
    ('Y12345'), ('Y5874897'), ('Y12345-06-01'),
    ('2023?'), ('2023-10~'), ('2023-10-01%'),
    ('202X'), ('20XX'), ('2023-XX'), ('2023-XX-XX'), ('2023-10-XX'), ('2024-02-XX?'),
    ('2020-21'), ('2020-22'), ('2020-23'), ('2020-24'), ('2023-24~'),
    ('2020-25'), ('2020-26'), ('2020-27'), ('2020-28'),
    ('2020-29'), ('2020-30'), ('2020-31'), ('2020-32'),
    ('2020-33'), ('2020-34'), ('2020-35'), ('2020-36'),
    ('2020-37'), ('2020-38'), ('2020-39'), ('2020-40'), ('2020-41'),
    ('[2023-08-07..2023-08-13]'), ('[..2022-03-03]'), ('[2020-07..]'),
    ('[2020-07..2022-03-03]'), ('[2020-01-01..2020-12-31]'),
    ('[2020-07-01..2021-02-28]'), ('[2020-03-01..2020-03-01]'),
    ('[-4713-11-24..Y5874897]'), (' 2023-10-01 ')
  ) AS t(input);

-- the output reads back to the same value
SELECT count(*) AS forms, count(*) FILTER (WHERE f::text::fuzzydate = f) AS round_trips
  FROM (SELECT input::fuzzydate AS f
          FROM (VALUES ('2023'), ('2023-10~'), ('202X'), ('2023-XX-XX'), ('2020-24'),
                       ('2020-41'), ('[2020-01-01..2020-12-31]'), ('[..2022-03-03]'),
                       ('-0044'), ('Y12345')) AS t(input)) AS s;

-- a date is an exact day (implicit cast)
SELECT date '2023-10-01'::fuzzydate AS from_date,
       siko.precision(date '2023-10-01'), earliest(date '0044-03-15 BC');
SELECT '2023-10'::fuzzydate = date '2023-10-01' AS month_is_not_its_first_day;

-- qualifiers are kept and shown, and do not move earliest and latest
SELECT f, earliest(f), latest(f), f = '2023'::fuzzydate AS same_as_2023
  FROM unnest('{2023,2023?,2023~,2023%}'::fuzzydate[]) AS f;

-- three-valued comparison with a date
SELECT siko.before('2023-10', date '2023-11-01') AS before_nov,
       siko.before('2023-10', date '2023-10-15') AS before_mid_oct,
       siko.before('2023-10', date '2023-10-01') AS before_oct_1,
       siko.after('2023-10', date '2023-09-30') AS after_sep_30,
       siko.after('2023-10', date '2023-10-31') AS after_oct_31,
       siko.after('[2020-07..]', date '2030-01-01') AS open_after;

-- order: earliest, then latest, then qualifiers and form
SELECT f FROM unnest('{2020,2020-03-01,[..2020],20XX,2020-21,2020~,2020-01,202X,[2020..]}'::fuzzydate[]) AS f
 ORDER BY f;

-- errors: SQLSTATE and detail of every kind of bad input
CREATE FUNCTION pg_temp.err(input text) RETURNS TABLE (sqlstate text, detail text)
LANGUAGE plpgsql AS $$
DECLARE s text; d text;
BEGIN
  PERFORM input::siko.fuzzydate;
  RETURN QUERY SELECT 'ok'::text, NULL::text;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, d = PG_EXCEPTION_DETAIL;
  RETURN QUERY SELECT s, d;
END $$;
SELECT input, e.sqlstate, e.detail
  FROM (VALUES
    (''), ('   '), ('2023-13'), ('2023-00'), ('2023-42'), ('2023-02-30'), ('2023-04-31'),
    ('2021-02-29'), ('1900-02-29'), ('2023-1'), ('2023-10-1'), ('01.10.2023'),
    ('hello'), ('12345'), ('Y1234'), ('Y00001'), ('Y-00001'), ('Y09999'), ('Y-12345'), ('-0000'), ('2023?~'), ('2023?-10'),
    ('2023-10-01T10:00'), ('2023/2024'), ('1XXX'), ('202X-10'), ('2023-1X'),
    ('2023-XX-15'), ('-004X'), ('2020-21-01'),
    ('[2021..2020]'), ('[2020,2021]'), ('{2020,2021}'), ('[..]'), ('[2020]'),
    ('[2020-21..2021]'), ('[2020?..2021]'), ('[2020..2021]??'),
    ('-4714'), ('-4713'), ('Y5874898'), ('[-4713..2020]')
  ) AS t(input), LATERAL pg_temp.err(input) AS e;

-- what a user sees: message quoting the value, detail, hint
\set VERBOSITY default
SELECT '2023-02-30'::fuzzydate;
SELECT 'Y5874898'::fuzzydate;
SELECT date 'infinity'::fuzzydate;
SELECT '-infinity'::date::fuzzydate;
