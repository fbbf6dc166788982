-- siko.fuzzydate: semantics, order, three-valued comparison, casts,
-- operator classes, and agreement of siko's calendar with PostgreSQL's date
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SET LOCAL search_path = siko, public;
SET LOCAL datestyle = ISO, YMD;
SELECT plan(45);

-- the type
SELECT has_type('siko', 'fuzzydate', 'type siko.fuzzydate exists');
SELECT is((SELECT typlen::int FROM pg_type WHERE oid = 'siko.fuzzydate'::regtype), 12,
          'fuzzydate is 12 bytes');
SELECT is((SELECT typbyval FROM pg_type WHERE oid = 'siko.fuzzydate'::regtype), false,
          'fuzzydate is passed by reference');
SELECT is((SELECT typalign::text FROM pg_type WHERE oid = 'siko.fuzzydate'::regtype), 'i',
          'fuzzydate is int4-aligned');
SELECT is((SELECT count(*)::int FROM pg_proc p
            WHERE p.pronamespace = 'siko'::regnamespace
              AND ('siko.fuzzydate'::regtype = ANY (p.proargtypes) OR p.prorettype = 'siko.fuzzydate'::regtype)
              AND NOT (p.provolatile = 'i' AND p.proisstrict AND p.proparallel = 's')
              -- siko.fuzzydate_de(phrase, written_on) reads most phrases without written_on
              AND p.proname <> 'fuzzydate_de'
              -- siko.period(start, finish) is not STRICT: a NULL finish means open
              AND p.proname <> 'period'
              -- the keeping functions write the register
              AND p.proname NOT IN ('add_accession', 'end_accession')),
          0, 'every fuzzydate function is IMMUTABLE STRICT PARALLEL SAFE');
SELECT is((SELECT count(*)::int FROM pg_proc p
            WHERE p.pronamespace = 'siko'::regnamespace
              AND ('siko.fuzzydate'::regtype = ANY (p.proargtypes) OR p.prorettype = 'siko.fuzzydate'::regtype)
              AND obj_description(p.oid, 'pg_proc') IS NULL),
          0, 'every fuzzydate function has a comment');

-- earliest and latest
SELECT is(earliest('2023-10'), date '2023-10-01', 'earliest of a month');
SELECT is(latest('2024-02'), date '2024-02-29', 'latest of a leap February');
SELECT is(latest('2020-24'), date '2021-02-28', 'winter ends in February of the next year');
SELECT is(earliest('2020-21'), date '2020-03-01', 'spring begins in March');
SELECT is(earliest('[..2022-03-03]'), date '-infinity', 'an open start is -infinity');
SELECT is(latest('[2020-07..]'), date 'infinity', 'an open end is infinity');
SELECT is(earliest('-0044-03-15'), date '0045-03-15 BC', 'astronomical year -44 is 45 BC');
SELECT is(latest('202X?'), date '2029-12-31', 'a qualifier does not move the days');
SELECT is(siko.precision('2023-10-XX'), 'month', '2023-10-XX is known to the month');
SELECT is(siko.precision('2023-XX-XX'), 'year', '2023-XX-XX is known to the year');

-- three-valued comparison with a date
SELECT is(siko.before('2023-10', date '2023-11-01'), true, 'a month is before the next month');
SELECT is(siko.before('2023-10', date '2023-10-31'), NULL, 'a month is maybe before its last day');
SELECT is(siko.before('2023-10', date '2023-10-01'), false, 'a month is not before its first day');
SELECT is(siko.after('2023-10', date '2023-09-30'), true, 'a month is after the day before it');
SELECT is(siko.after('2023-10', date '2023-10-01'), NULL, 'a month is maybe after its first day');
SELECT is(siko.after('2023-10', date '2023-10-31'), false, 'a month is not after its last day');
SELECT is(siko.before('2023-10-05', date '2023-10-05'), false, 'a day is not before itself');
SELECT is(siko.after('2023-10-05', date '2023-10-05'), false, 'a day is not after itself');
SELECT is(siko.before('[2020-07..]', date 'infinity'), true, 'every day is before infinity');
SELECT is(siko.after('[..2022-03-03]', date '-infinity'), true, 'every day is after -infinity');

-- casts
SELECT is(date '2023-10-01'::fuzzydate::text, '2023-10-01', 'a date casts to an exact day');
SELECT is(siko.earliest(date '2023-10-01'), date '2023-10-01', 'the cast from date is implicit');
SELECT throws_ok($$SELECT date 'infinity'::siko.fuzzydate$$, '22008', NULL,
                 'infinity is no fuzzydate');
SELECT throws_ok($$SELECT '2023-02-30'::siko.fuzzydate$$, '22007', NULL,
                 'February 30th is rejected');

-- order, index and hash use
CREATE TEMP TABLE fd (f siko.fuzzydate);
INSERT INTO fd
SELECT v::siko.fuzzydate
  FROM unnest('{2020,2020?,2020-03-01,[..2020],20XX,2020-21,2020~,2020-01,202X,[2020..],2020-33,2019-24}'::text[]) AS v;
SELECT results_eq($$SELECT f::text FROM fd ORDER BY fd.f$$,
  $$VALUES ('[..2020]'), ('20XX'), ('2019-24'), ('2020-01'), ('2020-33'), ('2020'), ('2020?'),
           ('2020~'), ('202X'), ('[2020..]'), ('2020-03-01'), ('2020-21')$$,
  'btree order: earliest, latest, qualifiers, form');
SELECT is((SELECT count(DISTINCT f)::int FROM fd), 12, 'distinct values');
SET LOCAL enable_sort = off;
SELECT is((SELECT count(*)::int FROM (SELECT f FROM fd GROUP BY f) s), 12, 'hash aggregation');
RESET enable_sort;
SELECT is((SELECT count(*)::int FROM fd a JOIN fd b ON a.f = b.f), 12, 'join on =');
CREATE INDEX ON fd (f);
CREATE INDEX ON fd USING hash (f);
SET LOCAL enable_seqscan = off;
SELECT is((SELECT count(*)::int FROM fd WHERE f < '2020'), 5, 'index scan with <');
SELECT is((SELECT count(*)::int FROM fd WHERE f = '2020?'), 1, 'index scan with =');
RESET enable_seqscan;
SELECT ok((SELECT bool_and(amvalidate(oid)) FROM pg_opclass
            WHERE opcnamespace = 'siko'::regnamespace AND opcintype = 'siko.fuzzydate'::regtype),
          'the fuzzydate operator classes pass amvalidate');
SELECT is((SELECT count(*)::int FROM pg_opclass
            WHERE opcintype = 'siko.fuzzydate'::regtype AND opcdefault), 2,
          'btree and hash operator classes are the defaults');
SELECT is((SELECT count(*)::int FROM fd a, fd b
            WHERE (a.f = b.f) <> (fuzzydate_hash(a.f) = fuzzydate_hash(b.f))), 0,
          'the hashes of these distinct values differ, of equal values agree');
SELECT is((SELECT count(*)::int FROM fd
            WHERE fuzzydate_hash(f)::bit(32) <> fuzzydate_hash_extended(f, 0)::bit(32)), 0,
          'with seed 0 the extended hash extends the standard hash');

-- binary output: version byte 1, earliest and latest (int4), form, qualifiers, sub-year code
SELECT is(fuzzydate_send('2023-10~'),
          '\x01'::bytea || int4send(date '2023-10-01' - date '2000-01-01')
                        || int4send(date '2023-10-31' - date '2000-01-01') || '\x010200'::bytea,
          'binary output of 2023-10~');
SELECT is(fuzzydate_send('[..2022-03-03]'),
          '\x01'::bytea || int4send(-2147483648) || int4send(date '2022-03-03' - date '2000-01-01')
                        || '\x090000'::bytea,
          'binary output of [..2022-03-03]');

-- siko's calendar agrees with PostgreSQL's date: every day from 1800 to
-- 2200, and every 99991st day over the whole range of date (21,452 days)
CREATE TEMP TABLE days AS
SELECT d::date AS d FROM generate_series(date '1800-01-01', date '2200-12-31', interval '1 day') AS d
UNION ALL
SELECT date '4714-11-24 BC' + i FROM generate_series(0, date '5874897-12-31' - date '4714-11-24 BC', 99991) AS i
UNION ALL
SELECT date '5874897-12-31';
CREATE TEMP TABLE edtf AS
SELECT d, CASE WHEN ay < 0 THEN '-' || lpad((-ay)::text, 4, '0')
               WHEN ay > 9999 THEN 'Y' || ay::text
               ELSE lpad(ay::text, 4, '0') END
         || '-' || lpad(extract(month FROM d)::int::text, 2, '0')
         || '-' || lpad(extract(day FROM d)::int::text, 2, '0') AS t
  FROM (SELECT d, CASE WHEN y < 0 THEN y + 1 ELSE y END AS ay
          FROM (SELECT d, extract(year FROM d)::int AS y FROM days) s) s;
SELECT is((SELECT count(*)::int FROM edtf WHERE earliest(t::fuzzydate) <> d OR latest(t::fuzzydate) <> d),
          0, 'ymd -> day agrees with date on ' || (SELECT count(*) FROM edtf) || ' days');
SELECT is((SELECT count(*)::int FROM edtf WHERE d::fuzzydate::text <> t), 0,
          'day -> ymd agrees with date');
SELECT is((SELECT count(*)::int
             FROM (SELECT substr(t, 1, 7) AS ym, min(d) AS first, max(d) AS last FROM edtf
                    WHERE d BETWEEN date '1800-01-01' AND date '2200-12-31' GROUP BY 1) m
            WHERE earliest(ym::fuzzydate) <> first OR latest(ym::fuzzydate) <> last),
          0, 'months begin and end where date says');

SELECT * FROM finish();
ROLLBACK;
