-- siko.fuzzydate_de and siko.period_de: German date phrases, and the
-- messages for the phrases they cannot read
SET search_path = siko, public;
SET datestyle = ISO, YMD;

-- phrases of the press releases, with the day each release was written
SELECT phrase, written_on, fuzzydate_de(phrase, written_on) AS fuzzydate,
       earliest(fuzzydate_de(phrase, written_on)), latest(fuzzydate_de(phrase, written_on))
  FROM (VALUES
    ('Mitte 2020', date '2023-08-18'),
    ('In der vergangenen Woche', date '2023-08-18'),
    ('Zum 1. Oktober 2023', date '2023-10-11'),
    ('am 29. September', date '2023-10-11'),
    ('am 12. September 2023', date '2023-10-11'),
    ('im Oktober 2023', date '2023-10-11'),
    ('Stand: 3. März 2022', NULL),
    ('25. Mai 2023', NULL),
    ('am 25. Februar 2025', date '2025-02-25'),
    ('25.02.2025', NULL)
  ) AS t(phrase, written_on);

-- every kind of phrase
SELECT phrase, fuzzydate_de(phrase, date '2023-08-18') AS written_2023_08_18
  FROM (VALUES
    ('25.2.25'), ('1. Okt. 2023'), ('am 29. Februar'), ('Freitag, 18. August 2023'),
    ('im September 2023'), ('im Oktober'), ('im Jahre 2020'),
    ('Mitte 2020'), ('Mitte September'), ('Frühjahr 2021'), ('Winter 2020'),
    ('im dritten Quartal 2020'), ('im ersten Halbjahr 2020'),
    ('heute'), ('gestern'), ('vorgestern'), ('diese Woche'), ('letzte Woche'),
    ('Vorwoche'), ('vor zwei Wochen'), ('im Vormonat'), ('im Vorjahr'),
    ('bis zum 3. März 2022'), ('spätestens am 3. März 2022'), ('frühestens im Juli 2020'),
    ('nach dem 1. Juli 2020'), ('vor dem 1. Juli 2020'), ('seit 2020'),
    ('etwa im Juli 2020'), ('ca. 2020'), ('vermutlich am 29. September 2023'),
    ('vermutlich etwa 2020'), ('2023-10-01')
  ) AS t(phrase);

-- the generous readings of Anfang, Mitte and Ende: their first and last days
SELECT phrase, earliest(f), latest(f), siko.precision(f)
  FROM (VALUES
    ('Anfang 2020'), ('Mitte 2020'), ('Ende 2020'),
    ('Anfang September 2023'), ('Mitte September 2023'), ('Ende September 2023'),
    ('Ende Februar 2024'), ('Ende Februar 2023')
  ) AS t(phrase), LATERAL (SELECT fuzzydate_de(phrase) AS f) AS x;

-- NULL: no phrase, no date; no written_on is fine where none is needed
SELECT fuzzydate_de(NULL) IS NULL AS null_phrase,
       fuzzydate_de(NULL, date '2023-08-18') IS NULL AS null_phrase_with_day,
       fuzzydate_de('2020', NULL) AS year_without_written_on,
       period_de(NULL) IS NULL AS null_period,
       fuzzydate_de(phrase => 'Mitte 2020') AS named;

-- periods
SELECT phrase, period_de(phrase, date '2023-08-18') AS period
  FROM (VALUES
    ('seit Mitte 2020'), ('vom 1. Oktober 2023 bis zum 31. März 2025'),
    ('seit dem 1. Oktober 2023'), ('ab 2020'), ('von 2020 bis 2022'),
    ('seit der vergangenen Woche'), ('2023-10-01/..')
  ) AS t(phrase);

-- errors: SQLSTATE and detail
CREATE FUNCTION pg_temp.err(phrase text, written_on date) RETURNS TABLE (sqlstate text, detail text)
LANGUAGE plpgsql AS $$
DECLARE s text; d text;
BEGIN
  PERFORM siko.fuzzydate_de(phrase, written_on);
  RETURN QUERY SELECT 'ok'::text, NULL::text;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, d = PG_EXCEPTION_DETAIL;
  RETURN QUERY SELECT s, d;
END $$;
SELECT phrase, written_on, e.sqlstate, e.detail
  FROM (VALUES
    ('', NULL::date), ('irgendwann', NULL), ('Mitte Foo 2020', NULL),
    ('am 25. Februar 2025 um 10 Uhr', NULL), ('am 25.', NULL), ('25.13.2023', NULL),
    ('am 29. Februar 2023', NULL), ('am 31. April', date '2023-06-01'),
    ('im fünften Quartal 2020', NULL), ('Montag, 18. August 2023', NULL),
    ('etwa Mitte 2020', NULL), ('bis etwa 2020', NULL), ('2023-13-01', NULL),
    ('gestern', NULL), ('am 29. September', NULL), ('im Oktober', NULL),
    ('gestern', date '4714-11-24 BC'), ('heute', date 'infinity'),
    ('a b c d e f g h i j k l m n o p q r s t u v w x y z', NULL)
  ) AS t(phrase, written_on), LATERAL pg_temp.err(phrase, written_on) AS e;

-- what a user sees: message quoting the phrase, detail, hint
\set VERBOSITY default
SELECT siko.fuzzydate_de('Mitte Foo 2020');
SELECT siko.fuzzydate_de('in der vergangenen Woche');
SELECT siko.fuzzydate_de('gestern', date '4714-11-24 BC');
SELECT siko.period_de('bis zum 31. März 2025');
SELECT siko.period_de('seit gestern');
