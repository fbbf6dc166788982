-- Soft input errors (PostgreSQL 16 and later): pg_input_is_valid() and
-- pg_input_error_info() on the three types, which report exactly the error
-- a cast throws.  On 15 the tests are skipped: it has neither function.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(12);

-- The error a cast of value to typ throws, as pg_input_error_info() reports
-- it: message, detail, hint, SQLSTATE.
CREATE FUNCTION pg_temp.hard_error(value text, typ text,
                                   OUT message text, OUT detail text, OUT hint text, OUT sql_error_code text)
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('SELECT %L::%s', value, typ);
  RAISE EXCEPTION 'the cast of % to % did not fail', value, typ;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL,
                          hint = PG_EXCEPTION_HINT, sql_error_code = RETURNED_SQLSTATE;
END $$;

-- PL/pgSQL resolves pg_input_is_valid() only when the statement runs, so
-- this function can be created on 15 too.
CREATE FUNCTION pg_temp.soft_error_tests() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  bad text[][] := ARRAY[['0556202', 'siko.ags'], ['2023-13', 'siko.fuzzydate'],
                        ['2023-05/2023-02', 'siko.period'], ['', 'siko.ags']];
  i int;
BEGIN
  IF current_setting('server_version_num')::int < 160000 THEN
    RETURN NEXT skip('soft input errors need PostgreSQL 16 or later', 12);
    RETURN;
  END IF;
  RETURN NEXT is(pg_input_is_valid('0556202', 'siko.ags'), false, 'pg_input_is_valid: 0556202 is no ags');
  RETURN NEXT is(pg_input_is_valid('05562020', 'siko.ags'), true, 'pg_input_is_valid: 05562020 is an ags');
  RETURN NEXT is(pg_input_is_valid('2023-13', 'siko.fuzzydate'), false, 'pg_input_is_valid: 2023-13 is no fuzzydate');
  RETURN NEXT is(pg_input_is_valid('2023-21?', 'siko.fuzzydate'), true, 'pg_input_is_valid: 2023-21? is a fuzzydate');
  RETURN NEXT is(pg_input_is_valid('2023-05/2023-02', 'siko.period'), false, 'pg_input_is_valid: a period that ends before it starts');
  RETURN NEXT is(pg_input_is_valid('2023-02/..', 'siko.period'), true, 'pg_input_is_valid: 2023-02/.. is a period');
  FOR i IN 1 .. array_length(bad, 1) LOOP
    RETURN NEXT is((SELECT e FROM pg_input_error_info(bad[i][1], bad[i][2]) e),
                   (SELECT h FROM pg_temp.hard_error(bad[i][1], bad[i][2]) h),
                   format('pg_input_error_info(%L, %L): the message, detail, hint and SQLSTATE of the cast''s error',
                          bad[i][1], bad[i][2]));
  END LOOP;
  RETURN NEXT is((SELECT sql_error_code FROM pg_input_error_info('2023-13', 'siko.fuzzydate')), '22007',
                 'pg_input_error_info: 2023-13 is an invalid date (22007)');
  RETURN NEXT is((SELECT count(*)::int FROM (VALUES ('05562020'), ('x'), ('05'), ('17')) v(t)
                   WHERE pg_input_is_valid(t, 'siko.ags')), 2,
                 'pg_input_is_valid picks the valid keys of a column of text');
END $$;

SELECT * FROM pg_temp.soft_error_tests();

SELECT * FROM finish();
ROLLBACK;
