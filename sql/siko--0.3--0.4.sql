-- siko 0.3 -> 0.4
\echo Use "ALTER EXTENSION siko UPDATE TO '0.4'" to load this file. \quit

-- German date phrases, as press releases write them (doc/edtf-de.md).
-- Not STRICT: a NULL written_on only matters to phrases that need it.
CREATE FUNCTION siko.fuzzydate_de(phrase pg_catalog.text, written_on pg_catalog.date DEFAULT NULL)
	RETURNS siko.fuzzydate
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_de_sql' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION siko.fuzzydate_de(pg_catalog.text, pg_catalog.date) IS
	'the fuzzydate a German date phrase states ("Mitte 2020", "am 29. September", "in der vergangenen Woche", "Stand: 3. März 2022"); written_on, the day the phrase was written, places relative phrases and days without a year; NULL for a NULL phrase';
CREATE FUNCTION siko.period_de(phrase pg_catalog.text, written_on pg_catalog.date DEFAULT NULL)
	RETURNS siko.period
	AS 'MODULE_PATHNAME', 'siko_period_de_sql' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION siko.period_de(pg_catalog.text, pg_catalog.date) IS
	'the period a German phrase of membership states ("seit Mitte 2020", "vom 1. Oktober 2023 bis zum 31. März 2025"), each date read as siko.fuzzydate_de reads it; NULL for a NULL phrase';
