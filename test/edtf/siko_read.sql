-- What siko makes of an EDTF string, for the shell tests that hold siko
-- against other implementations (test/shell/edtf_vectors.sh,
-- test/shell/edtf_corpus.sh): a period when it has a '/', else a fuzzydate.

-- a day as the TSV files write it: astronomical year of at least four digits
CREATE FUNCTION pg_temp.day(d date) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN d = 'infinity' THEN 'infinity' WHEN d = '-infinity' THEN '-infinity'
    ELSE CASE WHEN y < 0 THEN '-' ELSE '' END || lpad(abs(y)::text, greatest(4, length(abs(y)::text)), '0')
         || to_char(d, '-MM-DD') END
    FROM (SELECT extract(year FROM d)::int + CASE WHEN extract(year FROM d) < 0 THEN 1 ELSE 0 END) AS t(y)
$$;

-- state: '00000' or the SQLSTATE of the refusal; output: siko's text;
-- earliest, latest: a fuzzydate's days, or a period's earliest possible
-- day and the last day it may include (its end day belongs to it: the day
-- before the upper bound of siko.possible)
CREATE FUNCTION pg_temp.siko_read(s text, OUT state text, OUT output text, OUT earliest text, OUT latest text)
LANGUAGE plpgsql AS $$
BEGIN
  IF strpos(s, '/') > 0 THEN
    SELECT p::text, CASE WHEN lower_inf(siko.possible(p)) THEN '-infinity' ELSE pg_temp.day(lower(siko.possible(p))) END,
           CASE WHEN upper_inf(siko.possible(p)) THEN 'infinity' ELSE pg_temp.day(upper(siko.possible(p)) - 1) END
      INTO output, earliest, latest FROM CAST(s AS siko.period) AS p;
  ELSE
    SELECT f::text, pg_temp.day(siko.earliest(f)), pg_temp.day(siko.latest(f))
      INTO output, earliest, latest FROM CAST(s AS siko.fuzzydate) AS f;
  END IF;
  state := '00000';
EXCEPTION WHEN OTHERS THEN
  state := SQLSTATE;
END $$;
