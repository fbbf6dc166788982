-- siko 0.1 -> 0.2: siko.cooperation_counts, events per cooperation in one pass
\echo Use "ALTER EXTENSION siko UPDATE TO '0.2'" to load this file. \quit

-- ---------------------------------------------------------------------
-- siko.cooperation_counts(ags, day): for each cooperation, the number of
-- rows whose territory certainly was a member on the row's day
-- ---------------------------------------------------------------------

CREATE TYPE siko.cooperation_count AS (
	cooperation	text,
	events		bigint
);
COMMENT ON TYPE siko.cooperation_count IS
	'an element of siko.cooperation_counts(): a cooperation''s code and the number of rows counted for it';

CREATE FUNCTION siko.cooperation_counts_trans(pg_catalog.internal, siko.ags, pg_catalog.date)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'siko_cooperation_counts_trans' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION siko.cooperation_counts_trans(pg_catalog.internal, siko.ags, pg_catalog.date) IS
	'transition function of siko.cooperation_counts: adds one to each cooperation the key certainly belonged to on the day';
CREATE FUNCTION siko.cooperation_counts_combine(pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'siko_cooperation_counts_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION siko.cooperation_counts_combine(pg_catalog.internal, pg_catalog.internal) IS
	'combine function of siko.cooperation_counts: adds the counts of two partial states by cooperation code';
CREATE FUNCTION siko.cooperation_counts_serial(pg_catalog.internal)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'siko_cooperation_counts_serial' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.cooperation_counts_serial(pg_catalog.internal) IS
	'serial function of siko.cooperation_counts: a partial state as (code, count) pairs, for parallel aggregation';
CREATE FUNCTION siko.cooperation_counts_deserial(pg_catalog.bytea, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'siko_cooperation_counts_deserial' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.cooperation_counts_deserial(pg_catalog.bytea, pg_catalog.internal) IS
	'deserial function of siko.cooperation_counts: reads what siko.cooperation_counts_serial wrote';
CREATE FUNCTION siko.cooperation_counts_final(pg_catalog.internal)
	RETURNS siko.cooperation_count[]
	AS 'MODULE_PATHNAME', 'siko_cooperation_counts_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION siko.cooperation_counts_final(pg_catalog.internal) IS
	'final function of siko.cooperation_counts: the counts by code in byte order, cooperations without any left out';

CREATE AGGREGATE siko.cooperation_counts(ags siko.ags, day pg_catalog.date) (
	SFUNC = siko.cooperation_counts_trans,
	STYPE = pg_catalog.internal,
	COMBINEFUNC = siko.cooperation_counts_combine,
	SERIALFUNC = siko.cooperation_counts_serial,
	DESERIALFUNC = siko.cooperation_counts_deserial,
	FINALFUNC = siko.cooperation_counts_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE siko.cooperation_counts(siko.ags, pg_catalog.date) IS
	'for each cooperation, how many rows have a key that certainly was a member on the row''s day (the counts of unnest(siko.cooperations_of(ags, day)) grouped by code, in one pass); an array of (cooperation, events) by code, without zeros';
