
-- ---------------------------------------------------------------------
-- siko.fuzzydate: a day known only imprecisely (EDTF)
-- ---------------------------------------------------------------------

CREATE TYPE siko.fuzzydate;

CREATE FUNCTION siko.fuzzydate_in(pg_catalog.cstring) RETURNS siko.fuzzydate
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.fuzzydate_out(siko.fuzzydate) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.fuzzydate_recv(pg_catalog.internal) RETURNS siko.fuzzydate
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.fuzzydate_send(siko.fuzzydate) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE siko.fuzzydate (
	INTERNALLENGTH = 12,
	INPUT = siko.fuzzydate_in,
	OUTPUT = siko.fuzzydate_out,
	RECEIVE = siko.fuzzydate_recv,
	SEND = siko.fuzzydate_send,
	ALIGNMENT = int4,
	STORAGE = plain
);

COMMENT ON TYPE siko.fuzzydate IS
	'a day known only to lie between an earliest and a latest day, written in EDTF (2023, 2023-10~, 202X, 2023-21, [2023-08-07..2023-08-13])';
COMMENT ON FUNCTION siko.fuzzydate_in(pg_catalog.cstring) IS 'text input of fuzzydate (EDTF)';
COMMENT ON FUNCTION siko.fuzzydate_out(siko.fuzzydate) IS 'text output of fuzzydate (canonical EDTF)';
COMMENT ON FUNCTION siko.fuzzydate_recv(pg_catalog.internal) IS 'binary input of fuzzydate, validated as text input is';
COMMENT ON FUNCTION siko.fuzzydate_send(siko.fuzzydate) IS 'binary output of fuzzydate';

-- comparison (btree order: earliest, latest, qualifiers, form, sub-year code)

CREATE FUNCTION siko.fuzzydate_cmp(siko.fuzzydate, siko.fuzzydate) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_cmp_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.fuzzydate_eq(siko.fuzzydate, siko.fuzzydate) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.fuzzydate_ne(siko.fuzzydate, siko.fuzzydate) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.fuzzydate_lt(siko.fuzzydate, siko.fuzzydate) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.fuzzydate_le(siko.fuzzydate, siko.fuzzydate) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.fuzzydate_gt(siko.fuzzydate, siko.fuzzydate) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.fuzzydate_ge(siko.fuzzydate, siko.fuzzydate) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.fuzzydate_sortsupport(pg_catalog.internal) RETURNS pg_catalog.void
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.fuzzydate_hash(siko.fuzzydate) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.fuzzydate_hash_extended(siko.fuzzydate, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION siko.fuzzydate_cmp(siko.fuzzydate, siko.fuzzydate) IS 'btree comparison of fuzzydates: earliest, then latest, then qualifiers and form';
COMMENT ON FUNCTION siko.fuzzydate_eq(siko.fuzzydate, siko.fuzzydate) IS 'implementation of = for fuzzydate';
COMMENT ON FUNCTION siko.fuzzydate_ne(siko.fuzzydate, siko.fuzzydate) IS 'implementation of <> for fuzzydate';
COMMENT ON FUNCTION siko.fuzzydate_lt(siko.fuzzydate, siko.fuzzydate) IS 'implementation of < for fuzzydate';
COMMENT ON FUNCTION siko.fuzzydate_le(siko.fuzzydate, siko.fuzzydate) IS 'implementation of <= for fuzzydate';
COMMENT ON FUNCTION siko.fuzzydate_gt(siko.fuzzydate, siko.fuzzydate) IS 'implementation of > for fuzzydate';
COMMENT ON FUNCTION siko.fuzzydate_ge(siko.fuzzydate, siko.fuzzydate) IS 'implementation of >= for fuzzydate';
COMMENT ON FUNCTION siko.fuzzydate_sortsupport(pg_catalog.internal) IS 'sort support for fuzzydate';
COMMENT ON FUNCTION siko.fuzzydate_hash(siko.fuzzydate) IS 'hash of a fuzzydate';
COMMENT ON FUNCTION siko.fuzzydate_hash_extended(siko.fuzzydate, pg_catalog.int8) IS 'seeded 64-bit hash of a fuzzydate';

CREATE OPERATOR siko.= (
	LEFTARG = siko.fuzzydate, RIGHTARG = siko.fuzzydate, FUNCTION = siko.fuzzydate_eq,
	COMMUTATOR = OPERATOR(siko.=), NEGATOR = OPERATOR(siko.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR siko.<> (
	LEFTARG = siko.fuzzydate, RIGHTARG = siko.fuzzydate, FUNCTION = siko.fuzzydate_ne,
	COMMUTATOR = OPERATOR(siko.<>), NEGATOR = OPERATOR(siko.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR siko.< (
	LEFTARG = siko.fuzzydate, RIGHTARG = siko.fuzzydate, FUNCTION = siko.fuzzydate_lt,
	COMMUTATOR = OPERATOR(siko.>), NEGATOR = OPERATOR(siko.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR siko.<= (
	LEFTARG = siko.fuzzydate, RIGHTARG = siko.fuzzydate, FUNCTION = siko.fuzzydate_le,
	COMMUTATOR = OPERATOR(siko.>=), NEGATOR = OPERATOR(siko.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR siko.> (
	LEFTARG = siko.fuzzydate, RIGHTARG = siko.fuzzydate, FUNCTION = siko.fuzzydate_gt,
	COMMUTATOR = OPERATOR(siko.<), NEGATOR = OPERATOR(siko.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR siko.>= (
	LEFTARG = siko.fuzzydate, RIGHTARG = siko.fuzzydate, FUNCTION = siko.fuzzydate_ge,
	COMMUTATOR = OPERATOR(siko.<=), NEGATOR = OPERATOR(siko.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

COMMENT ON OPERATOR siko.= (siko.fuzzydate, siko.fuzzydate) IS 'same fuzzydate: same days, form and qualifiers';
COMMENT ON OPERATOR siko.<> (siko.fuzzydate, siko.fuzzydate) IS 'different fuzzydates';
COMMENT ON OPERATOR siko.< (siko.fuzzydate, siko.fuzzydate) IS 'sorts before (by earliest, then latest day)';
COMMENT ON OPERATOR siko.<= (siko.fuzzydate, siko.fuzzydate) IS 'sorts before or equal (by earliest, then latest day)';
COMMENT ON OPERATOR siko.> (siko.fuzzydate, siko.fuzzydate) IS 'sorts after (by earliest, then latest day)';
COMMENT ON OPERATOR siko.>= (siko.fuzzydate, siko.fuzzydate) IS 'sorts after or equal (by earliest, then latest day)';

CREATE OPERATOR CLASS siko.fuzzydate_ops DEFAULT FOR TYPE siko.fuzzydate USING btree AS
	OPERATOR 1 siko.< ,
	OPERATOR 2 siko.<= ,
	OPERATOR 3 siko.= ,
	OPERATOR 4 siko.>= ,
	OPERATOR 5 siko.> ,
	FUNCTION 1 siko.fuzzydate_cmp(siko.fuzzydate, siko.fuzzydate),
	FUNCTION 2 siko.fuzzydate_sortsupport(pg_catalog.internal);

CREATE OPERATOR CLASS siko.fuzzydate_hash_ops DEFAULT FOR TYPE siko.fuzzydate USING hash AS
	OPERATOR 1 siko.= ,
	FUNCTION 1 siko.fuzzydate_hash(siko.fuzzydate),
	FUNCTION 2 siko.fuzzydate_hash_extended(siko.fuzzydate, pg_catalog.int8);

COMMENT ON OPERATOR CLASS siko.fuzzydate_ops USING btree IS 'btree order of fuzzydate: earliest, latest, qualifiers, form';
COMMENT ON OPERATOR CLASS siko.fuzzydate_hash_ops USING hash IS 'hash operator class of fuzzydate';
COMMENT ON OPERATOR FAMILY siko.fuzzydate_ops USING btree IS 'btree order of fuzzydate';
COMMENT ON OPERATOR FAMILY siko.fuzzydate_hash_ops USING hash IS 'hashing of fuzzydate';

-- the cast from date, the accessors, the three-valued comparison with a date

CREATE FUNCTION siko.fuzzydate(pg_catalog.date) RETURNS siko.fuzzydate
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_from_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (pg_catalog.date AS siko.fuzzydate) WITH FUNCTION siko.fuzzydate(pg_catalog.date) AS IMPLICIT;
COMMENT ON FUNCTION siko.fuzzydate(pg_catalog.date) IS 'the fuzzydate of an exact day (infinity is rejected)';
COMMENT ON CAST (pg_catalog.date AS siko.fuzzydate) IS 'a date is a fuzzydate known to the day';

CREATE FUNCTION siko.earliest(siko.fuzzydate) RETURNS pg_catalog.date
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_earliest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.latest(siko.fuzzydate) RETURNS pg_catalog.date
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_latest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.precision(siko.fuzzydate) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_precision_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.before(siko.fuzzydate, pg_catalog.date) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_before_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.after(siko.fuzzydate, pg_catalog.date) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'siko_fuzzydate_after_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION siko.earliest(siko.fuzzydate) IS 'the first day the fuzzydate may be (-infinity for [..b])';
COMMENT ON FUNCTION siko.latest(siko.fuzzydate) IS 'the last day the fuzzydate may be (infinity for [a..])';
COMMENT ON FUNCTION siko.precision(siko.fuzzydate) IS 'how precisely the fuzzydate is known: day, month, year, decade, century, season, quarter, quadrimester, semester or range';
COMMENT ON FUNCTION siko.before(siko.fuzzydate, pg_catalog.date) IS 'is the day certainly before the date? NULL when the date falls within its imprecision';
COMMENT ON FUNCTION siko.after(siko.fuzzydate, pg_catalog.date) IS 'is the day certainly after the date? NULL when the date falls within its imprecision';
