
-- ---------------------------------------------------------------------
-- siko.period: membership from an imprecise start to an imprecise end
-- ---------------------------------------------------------------------

CREATE TYPE siko.period;

CREATE FUNCTION siko.period_in(pg_catalog.cstring) RETURNS siko.period
	AS 'MODULE_PATHNAME', 'siko_period_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.period_out(siko.period) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'siko_period_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.period_recv(pg_catalog.internal) RETURNS siko.period
	AS 'MODULE_PATHNAME', 'siko_period_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.period_send(siko.period) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'siko_period_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE siko.period (
	INPUT = siko.period_in,
	OUTPUT = siko.period_out,
	RECEIVE = siko.period_recv,
	SEND = siko.period_send,
	INTERNALLENGTH = 24,
	ALIGNMENT = int4,
	STORAGE = plain
);

COMMENT ON TYPE siko.period IS
	'membership from an imprecise start to an imprecise, open (..) or unknown (empty) end; EDTF interval text start/end';
COMMENT ON FUNCTION siko.period_in(pg_catalog.cstring) IS 'text input of period (EDTF interval start/end)';
COMMENT ON FUNCTION siko.period_out(siko.period) IS 'canonical EDTF text of a period';
COMMENT ON FUNCTION siko.period_recv(pg_catalog.internal) IS 'binary input of period, validated as text input is';
COMMENT ON FUNCTION siko.period_send(siko.period) IS 'binary output of period (version byte, then start and end)';

-- Not STRICT: a NULL finish means "still running".
CREATE FUNCTION siko.period(start siko.fuzzydate, finish siko.fuzzydate DEFAULT NULL)
	RETURNS siko.period
	AS 'MODULE_PATHNAME', 'siko_period_make_sql' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION siko.period(siko.fuzzydate, siko.fuzzydate) IS
	'the period from start to finish; a NULL finish makes it open (still running); an unknown end is written as text, e.g. ''2015/''::siko.period';

CREATE FUNCTION siko.start(siko.period) RETURNS siko.fuzzydate
	AS 'MODULE_PATHNAME', 'siko_period_start' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.start(siko.period) IS 'the start of a period (its first day of membership)';
CREATE FUNCTION siko.finish(siko.period) RETURNS siko.fuzzydate
	AS 'MODULE_PATHNAME', 'siko_period_finish' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.finish(siko.period) IS
	'the end of a period (its first day without membership); NULL when open or unknown (see siko.is_open)';
CREATE FUNCTION siko.is_open(siko.period) RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_period_is_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.is_open(siko.period) IS 'true when the period is still running (end ..)';

-- Three-valued as-of
CREATE FUNCTION siko.member_at(siko.period, pg_catalog.date) RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_period_member_at_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.member_at(siko.period, pg_catalog.date) IS
	'true when certainly a member on that day, false when certainly not, NULL when the dates leave it open';
CREATE FUNCTION siko.certain(siko.period) RETURNS pg_catalog.daterange
	AS 'MODULE_PATHNAME', 'siko_period_certain' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.certain(siko.period) IS 'the days of certain membership (possibly empty)';
CREATE FUNCTION siko.possible(siko.period) RETURNS pg_catalog.daterange
	AS 'MODULE_PATHNAME', 'siko_period_possible' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.possible(siko.period) IS 'the days of possible membership';

-- Operators
CREATE FUNCTION siko.period_contains_date(siko.period, pg_catalog.date) RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_period_contains_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.period_contains_date(siko.period, pg_catalog.date) IS
	'implementation of period @> date: certainly a member on that day';
CREATE FUNCTION siko.date_contained_period(pg_catalog.date, siko.period) RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_date_contained_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.date_contained_period(pg_catalog.date, siko.period) IS
	'implementation of date <@ period: certainly a member on that day';
CREATE FUNCTION siko.period_overlaps(siko.period, siko.period) RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_period_overlaps_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.period_overlaps(siko.period, siko.period) IS
	'implementation of period && period: the two may overlap (their possible days intersect)';

-- The estimators apply the operator to the column's most common values and
-- histogram (ANALYZE collects both through the btree order below).
CREATE OPERATOR siko.@> (
	LEFTARG = siko.period, RIGHTARG = pg_catalog.date,
	FUNCTION = siko.period_contains_date,
	COMMUTATOR = OPERATOR(siko.<@),
	RESTRICT = pg_catalog.matchingsel, JOIN = pg_catalog.matchingjoinsel
);
COMMENT ON OPERATOR siko.@> (siko.period, pg_catalog.date) IS 'certainly a member on that day';
CREATE OPERATOR siko.<@ (
	LEFTARG = pg_catalog.date, RIGHTARG = siko.period,
	FUNCTION = siko.date_contained_period,
	COMMUTATOR = OPERATOR(siko.@>),
	RESTRICT = pg_catalog.matchingsel, JOIN = pg_catalog.matchingjoinsel
);
COMMENT ON OPERATOR siko.<@ (pg_catalog.date, siko.period) IS 'the day lies certainly within the period';
CREATE OPERATOR siko.&& (
	LEFTARG = siko.period, RIGHTARG = siko.period,
	FUNCTION = siko.period_overlaps,
	COMMUTATOR = OPERATOR(siko.&&),
	RESTRICT = pg_catalog.matchingsel, JOIN = pg_catalog.matchingjoinsel
);
COMMENT ON OPERATOR siko.&& (siko.period, siko.period) IS 'the two periods may overlap';

-- Order, equality, hashing
CREATE FUNCTION siko.period_cmp(siko.period, siko.period) RETURNS integer
	AS 'MODULE_PATHNAME', 'siko_period_cmp_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.period_cmp(siko.period, siko.period) IS 'btree order of periods: by start, then end';
CREATE FUNCTION siko.period_eq(siko.period, siko.period) RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_period_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION siko.period_eq(siko.period, siko.period) IS 'implementation of = for period';
CREATE FUNCTION siko.period_ne(siko.period, siko.period) RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_period_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION siko.period_ne(siko.period, siko.period) IS 'implementation of <> for period';
CREATE FUNCTION siko.period_lt(siko.period, siko.period) RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_period_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.period_lt(siko.period, siko.period) IS 'implementation of < for period';
CREATE FUNCTION siko.period_le(siko.period, siko.period) RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_period_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.period_le(siko.period, siko.period) IS 'implementation of <= for period';
CREATE FUNCTION siko.period_gt(siko.period, siko.period) RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_period_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.period_gt(siko.period, siko.period) IS 'implementation of > for period';
CREATE FUNCTION siko.period_ge(siko.period, siko.period) RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_period_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.period_ge(siko.period, siko.period) IS 'implementation of >= for period';
CREATE FUNCTION siko.period_hash(siko.period) RETURNS integer
	AS 'MODULE_PATHNAME', 'siko_period_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.period_hash(siko.period) IS 'hash of a period';
CREATE FUNCTION siko.period_hash_extended(siko.period, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'siko_period_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.period_hash_extended(siko.period, bigint) IS 'seeded 64-bit hash of a period';

CREATE OPERATOR siko.= (
	LEFTARG = siko.period, RIGHTARG = siko.period, FUNCTION = siko.period_eq,
	COMMUTATOR = OPERATOR(siko.=), NEGATOR = OPERATOR(siko.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
COMMENT ON OPERATOR siko.= (siko.period, siko.period) IS 'equal: same start and same end, written the same';
CREATE OPERATOR siko.<> (
	LEFTARG = siko.period, RIGHTARG = siko.period, FUNCTION = siko.period_ne,
	COMMUTATOR = OPERATOR(siko.<>), NEGATOR = OPERATOR(siko.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR siko.<> (siko.period, siko.period) IS 'not equal';
CREATE OPERATOR siko.< (
	LEFTARG = siko.period, RIGHTARG = siko.period, FUNCTION = siko.period_lt,
	COMMUTATOR = OPERATOR(siko.>), NEGATOR = OPERATOR(siko.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR siko.< (siko.period, siko.period) IS 'sorts before (by start, then end)';
CREATE OPERATOR siko.<= (
	LEFTARG = siko.period, RIGHTARG = siko.period, FUNCTION = siko.period_le,
	COMMUTATOR = OPERATOR(siko.>=), NEGATOR = OPERATOR(siko.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR siko.<= (siko.period, siko.period) IS 'sorts before or equal';
CREATE OPERATOR siko.> (
	LEFTARG = siko.period, RIGHTARG = siko.period, FUNCTION = siko.period_gt,
	COMMUTATOR = OPERATOR(siko.<), NEGATOR = OPERATOR(siko.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR siko.> (siko.period, siko.period) IS 'sorts after (by start, then end)';
CREATE OPERATOR siko.>= (
	LEFTARG = siko.period, RIGHTARG = siko.period, FUNCTION = siko.period_ge,
	COMMUTATOR = OPERATOR(siko.<=), NEGATOR = OPERATOR(siko.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR siko.>= (siko.period, siko.period) IS 'sorts after or equal';

CREATE OPERATOR CLASS siko.period_ops DEFAULT FOR TYPE siko.period USING btree AS
	OPERATOR 1 siko.<,
	OPERATOR 2 siko.<=,
	OPERATOR 3 siko.=,
	OPERATOR 4 siko.>=,
	OPERATOR 5 siko.>,
	FUNCTION 1 siko.period_cmp(siko.period, siko.period);
COMMENT ON OPERATOR CLASS siko.period_ops USING btree IS 'order of periods: by start, then end';
COMMENT ON OPERATOR FAMILY siko.period_ops USING btree IS 'order of periods: by start, then end';

CREATE OPERATOR CLASS siko.period_ops DEFAULT FOR TYPE siko.period USING hash AS
	OPERATOR 1 siko.=,
	FUNCTION 1 siko.period_hash(siko.period),
	FUNCTION 2 siko.period_hash_extended(siko.period, bigint);
COMMENT ON OPERATOR CLASS siko.period_ops USING hash IS 'hashing of periods (DISTINCT, GROUP BY, hash joins)';
COMMENT ON OPERATOR FAMILY siko.period_ops USING hash IS 'hashing of periods';

-- GiST: the key is the four bounds the operators look at (16 bytes)
CREATE TYPE siko.period_gist_key;
CREATE FUNCTION siko.period_gist_key_in(pg_catalog.cstring) RETURNS siko.period_gist_key
	AS 'MODULE_PATHNAME', 'siko_period_gist_key_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.period_gist_key_out(siko.period_gist_key) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'siko_period_gist_key_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE siko.period_gist_key (
	INPUT = siko.period_gist_key_in,
	OUTPUT = siko.period_gist_key_out,
	INTERNALLENGTH = 16,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE siko.period_gist_key IS
	'GiST key of period: earliest possible start, earliest certain start, latest certain end, latest possible end (day numbers)';
COMMENT ON FUNCTION siko.period_gist_key_in(pg_catalog.cstring) IS 'text input of the GiST key of period';
COMMENT ON FUNCTION siko.period_gist_key_out(siko.period_gist_key) IS 'text output of the GiST key of period';

CREATE FUNCTION siko.period_gist_consistent(pg_catalog.internal, siko.period, smallint, pg_catalog.oid, pg_catalog.internal)
	RETURNS boolean AS 'MODULE_PATHNAME', 'siko_period_gist_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.period_gist_union(pg_catalog.internal, pg_catalog.internal)
	RETURNS siko.period_gist_key AS 'MODULE_PATHNAME', 'siko_period_gist_union' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.period_gist_compress(pg_catalog.internal)
	RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'siko_period_gist_compress' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.period_gist_penalty(pg_catalog.internal, pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'siko_period_gist_penalty' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.period_gist_picksplit(pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'siko_period_gist_picksplit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.period_gist_same(siko.period_gist_key, siko.period_gist_key, pg_catalog.internal)
	RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'siko_period_gist_same' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.period_gist_consistent(pg_catalog.internal, siko.period, smallint, pg_catalog.oid, pg_catalog.internal) IS 'GiST support of period: consistent';
COMMENT ON FUNCTION siko.period_gist_union(pg_catalog.internal, pg_catalog.internal) IS 'GiST support of period: union';
COMMENT ON FUNCTION siko.period_gist_compress(pg_catalog.internal) IS 'GiST support of period: compress';
COMMENT ON FUNCTION siko.period_gist_penalty(pg_catalog.internal, pg_catalog.internal, pg_catalog.internal) IS 'GiST support of period: penalty';
COMMENT ON FUNCTION siko.period_gist_picksplit(pg_catalog.internal, pg_catalog.internal) IS 'GiST support of period: picksplit';
COMMENT ON FUNCTION siko.period_gist_same(siko.period_gist_key, siko.period_gist_key, pg_catalog.internal) IS 'GiST support of period: same';

CREATE OPERATOR CLASS siko.period_gist_ops DEFAULT FOR TYPE siko.period USING gist AS
	OPERATOR 3 siko.&& (siko.period, siko.period),
	OPERATOR 16 siko.@> (siko.period, pg_catalog.date),
	FUNCTION 1 siko.period_gist_consistent(pg_catalog.internal, siko.period, smallint, pg_catalog.oid, pg_catalog.internal),
	FUNCTION 2 siko.period_gist_union(pg_catalog.internal, pg_catalog.internal),
	FUNCTION 3 siko.period_gist_compress(pg_catalog.internal),
	FUNCTION 5 siko.period_gist_penalty(pg_catalog.internal, pg_catalog.internal, pg_catalog.internal),
	FUNCTION 6 siko.period_gist_picksplit(pg_catalog.internal, pg_catalog.internal),
	FUNCTION 7 siko.period_gist_same(siko.period_gist_key, siko.period_gist_key, pg_catalog.internal),
	STORAGE siko.period_gist_key;
COMMENT ON OPERATOR CLASS siko.period_gist_ops USING gist IS
	'GiST index of periods: period @> date (as-of) and period && period (exclusion constraints)';
COMMENT ON OPERATOR FAMILY siko.period_gist_ops USING gist IS 'GiST index of periods';

-- Counting over time
CREATE FUNCTION siko.count_members(periods siko.period[], from_day pg_catalog.date,
								   to_day pg_catalog.date, step pg_catalog.interval DEFAULT '1 day')
	RETURNS TABLE (day pg_catalog.date, certain integer, possible integer)
	AS 'MODULE_PATHNAME', 'siko_count_members' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION siko.count_members(siko.period[], pg_catalog.date, pg_catalog.date, pg_catalog.interval) IS
	'for each day from from_day to to_day (by step: days, weeks or calendar months from from_day), how many of the periods certainly and possibly ran that day; NULL elements are skipped';
