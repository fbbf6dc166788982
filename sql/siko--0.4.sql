-- siko: cooperation networks over time, with honest dates and official keys
\echo Use "CREATE EXTENSION siko" to load this file. \quit


-- ---------------------------------------------------------------------
-- siko.ags: the official German municipality key and its prefixes
-- ---------------------------------------------------------------------

CREATE TYPE siko.ags;

CREATE FUNCTION siko.ags_in(pg_catalog.cstring) RETURNS siko.ags
	AS 'MODULE_PATHNAME', 'ags_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.ags_out(siko.ags) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'ags_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.ags_recv(pg_catalog.internal) RETURNS siko.ags
	AS 'MODULE_PATHNAME', 'ags_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.ags_send(siko.ags) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'ags_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE siko.ags (
	INPUT = siko.ags_in,
	OUTPUT = siko.ags_out,
	RECEIVE = siko.ags_recv,
	SEND = siko.ags_send,
	INTERNALLENGTH = 4,
	PASSEDBYVALUE,
	ALIGNMENT = int4,
	STORAGE = plain
);

COMMENT ON TYPE siko.ags IS 'official German municipality key (Amtlicher Gemeindeschluessel): 2 digits Land, 3 Regierungsbezirk, 5 Kreis, 8 Gemeinde';
COMMENT ON FUNCTION siko.ags_in(pg_catalog.cstring) IS 'text input of ags: 2, 3, 5 or 8 digits, or the digits in parts as Destatis prints them (05 5 62 020)';
COMMENT ON FUNCTION siko.ags_out(siko.ags) IS 'text output of ags: the canonical digits';
COMMENT ON FUNCTION siko.ags_recv(pg_catalog.internal) IS 'binary input of ags, validated like text input';
COMMENT ON FUNCTION siko.ags_send(siko.ags) IS 'binary output of ags: a version byte and the 4-byte code';

-- order

CREATE FUNCTION siko.ags_eq(siko.ags, siko.ags) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ags_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.ags_ne(siko.ags, siko.ags) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ags_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.ags_lt(siko.ags, siko.ags) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ags_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.ags_le(siko.ags, siko.ags) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ags_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.ags_gt(siko.ags, siko.ags) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ags_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.ags_ge(siko.ags, siko.ags) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ags_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.ags_cmp(siko.ags, siko.ags) RETURNS integer
	AS 'MODULE_PATHNAME', 'ags_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.ags_sortsupport(pg_catalog.internal) RETURNS void
	AS 'MODULE_PATHNAME', 'ags_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.ags_hash(siko.ags) RETURNS integer
	AS 'MODULE_PATHNAME', 'ags_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION siko.ags_hash_extended(siko.ags, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'ags_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION siko.ags_eq(siko.ags, siko.ags) IS 'implementation of = for ags';
COMMENT ON FUNCTION siko.ags_ne(siko.ags, siko.ags) IS 'implementation of <> for ags';
COMMENT ON FUNCTION siko.ags_lt(siko.ags, siko.ags) IS 'implementation of < for ags';
COMMENT ON FUNCTION siko.ags_le(siko.ags, siko.ags) IS 'implementation of <= for ags';
COMMENT ON FUNCTION siko.ags_gt(siko.ags, siko.ags) IS 'implementation of > for ags';
COMMENT ON FUNCTION siko.ags_ge(siko.ags, siko.ags) IS 'implementation of >= for ags';
COMMENT ON FUNCTION siko.ags_cmp(siko.ags, siko.ags) IS 'btree comparison of ags: a key sorts directly before its descendants';
COMMENT ON FUNCTION siko.ags_sortsupport(pg_catalog.internal) IS 'btree sort support for ags';
COMMENT ON FUNCTION siko.ags_hash(siko.ags) IS 'hash of an ags';
COMMENT ON FUNCTION siko.ags_hash_extended(siko.ags, bigint) IS 'seeded 64-bit hash of an ags';

CREATE OPERATOR siko.= (
	LEFTARG = siko.ags, RIGHTARG = siko.ags, FUNCTION = siko.ags_eq,
	COMMUTATOR = OPERATOR(siko.=), NEGATOR = OPERATOR(siko.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR siko.<> (
	LEFTARG = siko.ags, RIGHTARG = siko.ags, FUNCTION = siko.ags_ne,
	COMMUTATOR = OPERATOR(siko.<>), NEGATOR = OPERATOR(siko.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR siko.< (
	LEFTARG = siko.ags, RIGHTARG = siko.ags, FUNCTION = siko.ags_lt,
	COMMUTATOR = OPERATOR(siko.>), NEGATOR = OPERATOR(siko.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR siko.<= (
	LEFTARG = siko.ags, RIGHTARG = siko.ags, FUNCTION = siko.ags_le,
	COMMUTATOR = OPERATOR(siko.>=), NEGATOR = OPERATOR(siko.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR siko.> (
	LEFTARG = siko.ags, RIGHTARG = siko.ags, FUNCTION = siko.ags_gt,
	COMMUTATOR = OPERATOR(siko.<), NEGATOR = OPERATOR(siko.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR siko.>= (
	LEFTARG = siko.ags, RIGHTARG = siko.ags, FUNCTION = siko.ags_ge,
	COMMUTATOR = OPERATOR(siko.<=), NEGATOR = OPERATOR(siko.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

COMMENT ON OPERATOR siko.= (siko.ags, siko.ags) IS 'equal';
COMMENT ON OPERATOR siko.<> (siko.ags, siko.ags) IS 'not equal';
COMMENT ON OPERATOR siko.< (siko.ags, siko.ags) IS 'less than (a key sorts directly before its descendants)';
COMMENT ON OPERATOR siko.<= (siko.ags, siko.ags) IS 'less than or equal';
COMMENT ON OPERATOR siko.> (siko.ags, siko.ags) IS 'greater than';
COMMENT ON OPERATOR siko.>= (siko.ags, siko.ags) IS 'greater than or equal';

CREATE OPERATOR CLASS siko.ags_ops
	DEFAULT FOR TYPE siko.ags USING btree AS
		OPERATOR 1 siko.< ,
		OPERATOR 2 siko.<= ,
		OPERATOR 3 siko.= ,
		OPERATOR 4 siko.>= ,
		OPERATOR 5 siko.> ,
		FUNCTION 1 siko.ags_cmp(siko.ags, siko.ags),
		FUNCTION 2 siko.ags_sortsupport(pg_catalog.internal);

CREATE OPERATOR CLASS siko.ags_hash_ops
	DEFAULT FOR TYPE siko.ags USING hash AS
		OPERATOR 1 siko.= ,
		FUNCTION 1 siko.ags_hash(siko.ags),
		FUNCTION 2 siko.ags_hash_extended(siko.ags, bigint);

COMMENT ON OPERATOR CLASS siko.ags_ops USING btree IS 'btree order of ags: depth-first, a key directly before its descendants';
COMMENT ON OPERATOR FAMILY siko.ags_ops USING btree IS 'btree order of ags';
COMMENT ON OPERATOR CLASS siko.ags_hash_ops USING hash IS 'hash of ags';
COMMENT ON OPERATOR FAMILY siko.ags_hash_ops USING hash IS 'hash of ags';

-- containment: ancestor-or-self

CREATE FUNCTION siko.ags_contains_support(pg_catalog.internal) RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'ags_contains_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.ags_contained_support(pg_catalog.internal) RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'ags_contained_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.ags_contains(siko.ags, siko.ags) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ags_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
	SUPPORT siko.ags_contains_support;
CREATE FUNCTION siko.ags_contained(siko.ags, siko.ags) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ags_contained' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
	SUPPORT siko.ags_contained_support;

COMMENT ON FUNCTION siko.ags_contains_support(pg_catalog.internal) IS 'planner support of @> for ags: btree index conditions';
COMMENT ON FUNCTION siko.ags_contained_support(pg_catalog.internal) IS 'planner support of <@ for ags: btree index conditions';
COMMENT ON FUNCTION siko.ags_contains(siko.ags, siko.ags) IS 'implementation of @> for ags: is the first key the second or one of its ancestors?';
COMMENT ON FUNCTION siko.ags_contained(siko.ags, siko.ags) IS 'implementation of <@ for ags: is the first key the second or one of its descendants?';

CREATE OPERATOR siko.@> (
	LEFTARG = siko.ags, RIGHTARG = siko.ags, FUNCTION = siko.ags_contains,
	COMMUTATOR = OPERATOR(siko.<@),
	RESTRICT = pg_catalog.matchingsel, JOIN = pg_catalog.matchingjoinsel
);
CREATE OPERATOR siko.<@ (
	LEFTARG = siko.ags, RIGHTARG = siko.ags, FUNCTION = siko.ags_contained,
	COMMUTATOR = OPERATOR(siko.@>),
	RESTRICT = pg_catalog.matchingsel, JOIN = pg_catalog.matchingjoinsel
);

COMMENT ON OPERATOR siko.@> (siko.ags, siko.ags) IS 'contains: the left key is the right one or one of its ancestors';
COMMENT ON OPERATOR siko.<@ (siko.ags, siko.ags) IS 'is contained in: the left key is the right one or one of its descendants';

-- the tree

CREATE FUNCTION siko.ags_level(siko.ags) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'ags_level' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.ags_parent(siko.ags) RETURNS siko.ags
	AS 'MODULE_PATHNAME', 'ags_parent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.ags_kreis(siko.ags) RETURNS siko.ags
	AS 'MODULE_PATHNAME', 'ags_kreis' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.ags_land(siko.ags) RETURNS siko.ags
	AS 'MODULE_PATHNAME', 'ags_land' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION siko.ags_level(siko.ags) IS 'the level of a key: land, regierungsbezirk, kreis or gemeinde';
COMMENT ON FUNCTION siko.ags_parent(siko.ags) IS 'the key one level up (Gemeinde to Kreis, Kreis to Regierungsbezirk, Regierungsbezirk to Land); NULL for a Land';
COMMENT ON FUNCTION siko.ags_kreis(siko.ags) IS 'the Kreis (or kreisfreie Stadt) of a Kreis or Gemeinde key; NULL for a Land or Regierungsbezirk';
COMMENT ON FUNCTION siko.ags_land(siko.ags) IS 'the Land of a key';

-- casts

CREATE CAST (siko.ags AS pg_catalog.text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (pg_catalog.text AS siko.ags) WITH INOUT;

COMMENT ON CAST (siko.ags AS pg_catalog.text) IS 'the canonical digits of an ags';
COMMENT ON CAST (pg_catalog.text AS siko.ags) IS 'parse an ags from text, as text input does';

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

-- Collecting periods for counting: a lean array_agg
CREATE FUNCTION siko.period_agg_transfn(pg_catalog.internal, siko.period) RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'siko_period_agg_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION siko.period_agg_combinefn(pg_catalog.internal, pg_catalog.internal) RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'siko_period_agg_combinefn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION siko.period_agg_serialfn(pg_catalog.internal) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'siko_period_agg_serialfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.period_agg_deserialfn(pg_catalog.bytea, pg_catalog.internal) RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'siko_period_agg_deserialfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.period_agg_finalfn(pg_catalog.internal) RETURNS siko.period[]
	AS 'MODULE_PATHNAME', 'siko_period_agg_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE siko.period_agg(siko.period) (
	SFUNC = siko.period_agg_transfn,
	STYPE = pg_catalog.internal,
	FINALFUNC = siko.period_agg_finalfn,
	COMBINEFUNC = siko.period_agg_combinefn,
	SERIALFUNC = siko.period_agg_serialfn,
	DESERIALFUNC = siko.period_agg_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON FUNCTION siko.period_agg_transfn(pg_catalog.internal, siko.period) IS 'transition function of siko.period_agg';
COMMENT ON FUNCTION siko.period_agg_combinefn(pg_catalog.internal, pg_catalog.internal) IS 'combine function of siko.period_agg';
COMMENT ON FUNCTION siko.period_agg_serialfn(pg_catalog.internal) IS 'serialization function of siko.period_agg';
COMMENT ON FUNCTION siko.period_agg_deserialfn(pg_catalog.bytea, pg_catalog.internal) IS 'deserialization function of siko.period_agg';
COMMENT ON FUNCTION siko.period_agg_finalfn(pg_catalog.internal) IS 'final function of siko.period_agg';
COMMENT ON AGGREGATE siko.period_agg(siko.period) IS
	'the periods as an array for siko.count_members: NULLs skipped, no rows give an empty array';

-- ---------------------------------------------------------------------
-- The register: cooperations, partners, accessions, sources
-- ---------------------------------------------------------------------

CREATE TYPE siko.partner_kind AS ENUM (
	'ministry', 'federal_agency', 'state_agency', 'police', 'city',
	'municipality', 'district', 'university', 'other'
);
COMMENT ON TYPE siko.partner_kind IS
	'what a partner is: city (kreisfreie Stadt), municipality (kreisangehörige Gemeinde) and district (Kreis) are territorial and carry an ags';

-- Ids come from these sequences and are positive.  Ids <= 0 are reserved
-- for rows an install script of siko itself may ship: pg_dump dumps only
-- the rows with positive ids, so a restore never duplicates shipped rows.
CREATE SEQUENCE siko.cooperation_id_seq AS integer;
CREATE SEQUENCE siko.partner_id_seq AS integer;
CREATE SEQUENCE siko.accession_id_seq AS integer;
CREATE SEQUENCE siko.source_id_seq AS integer;

CREATE TABLE siko.cooperation (
	id			integer NOT NULL DEFAULT pg_catalog.nextval('siko.cooperation_id_seq'::pg_catalog.regclass),
	code		text NOT NULL,
	name		text NOT NULL,
	founded		siko.fuzzydate NOT NULL,
	dissolved	siko.fuzzydate,
	seat		text,
	note		text,
	CONSTRAINT cooperation_pkey PRIMARY KEY (id),
	CONSTRAINT cooperation_code_key UNIQUE (code),
	CONSTRAINT cooperation_name_key UNIQUE (name),
	CONSTRAINT cooperation_code_form CHECK (
		code OPERATOR(pg_catalog.~) '^[a-z0-9]+(-[a-z0-9]+)*$'
		AND pg_catalog.octet_length(code) OPERATOR(pg_catalog.<=) 63)
);
ALTER SEQUENCE siko.cooperation_id_seq OWNED BY siko.cooperation.id;
COMMENT ON TABLE siko.cooperation IS
	'a cooperation network: its short code (lower-case letters, digits and hyphens, at most 63 bytes), name, founding and dissolution (NULL while active)';

CREATE TABLE siko.partner (
	id			integer NOT NULL DEFAULT pg_catalog.nextval('siko.partner_id_seq'::pg_catalog.regclass),
	name		text NOT NULL,
	kind		siko.partner_kind NOT NULL,
	ags			siko.ags,
	note		text,
	CONSTRAINT partner_pkey PRIMARY KEY (id),
	CONSTRAINT partner_name_key UNIQUE (name),
	CONSTRAINT partner_ags_key UNIQUE (ags)
);
ALTER SEQUENCE siko.partner_id_seq OWNED BY siko.partner.id;
COMMENT ON TABLE siko.partner IS
	'a body that joins cooperations; cities and municipalities carry their 8-digit ags, districts their 5-digit one, all others none';

CREATE TABLE siko.accession (
	id				integer NOT NULL DEFAULT pg_catalog.nextval('siko.accession_id_seq'::pg_catalog.regclass),
	cooperation_id	integer NOT NULL,
	partner_id		integer NOT NULL,
	period			siko.period NOT NULL,
	decided			siko.fuzzydate,
	signed			siko.fuzzydate,
	effective		siko.fuzzydate,
	announced		siko.fuzzydate,
	role			text,
	note			text,
	CONSTRAINT accession_pkey PRIMARY KEY (id),
	CONSTRAINT accession_cooperation_fkey FOREIGN KEY (cooperation_id)
		REFERENCES siko.cooperation (id),
	CONSTRAINT accession_partner_fkey FOREIGN KEY (partner_id)
		REFERENCES siko.partner (id)
	-- no two accessions of a partner to a cooperation may overlap: the
	-- constraint trigger accession_no_overlap below
);
ALTER SEQUENCE siko.accession_id_seq OWNED BY siko.accession.id;
CREATE INDEX accession_partner_idx ON siko.accession (partner_id, cooperation_id);
CREATE INDEX accession_cooperation_idx ON siko.accession (cooperation_id);
COMMENT ON TABLE siko.accession IS
	'a partner''s membership of a cooperation: its period and the milestones decided, signed, effective, announced';
COMMENT ON INDEX siko.accession_cooperation_idx IS 'accessions by cooperation (foreign key checks, building the cache of one cooperation)';
COMMENT ON INDEX siko.accession_partner_idx IS 'accessions by partner and cooperation (foreign key checks, the no-overlap rule of the constraint trigger accession_no_overlap)';

CREATE TABLE siko.source (
	id			integer NOT NULL DEFAULT pg_catalog.nextval('siko.source_id_seq'::pg_catalog.regclass),
	publisher	text,
	title		text NOT NULL,
	published	date,
	reference	text,
	note		text,
	CONSTRAINT source_pkey PRIMARY KEY (id)
);
ALTER SEQUENCE siko.source_id_seq OWNED BY siko.source.id;
COMMENT ON TABLE siko.source IS 'a press release or document backing accessions: publisher, title, published date, reference (URL)';

CREATE TABLE siko.accession_source (
	accession_id	integer NOT NULL,
	source_id		integer NOT NULL,
	CONSTRAINT accession_source_pkey PRIMARY KEY (accession_id, source_id),
	CONSTRAINT accession_source_accession_fkey FOREIGN KEY (accession_id)
		REFERENCES siko.accession (id) ON DELETE CASCADE,
	CONSTRAINT accession_source_source_fkey FOREIGN KEY (source_id)
		REFERENCES siko.source (id)
);
CREATE INDEX accession_source_source_idx ON siko.accession_source (source_id);
COMMENT ON TABLE siko.accession_source IS 'which sources back which accessions (many to many)';
COMMENT ON INDEX siko.accession_source_source_idx IS 'accessions by source (foreign key checks, lookups)';

-- The rows users enter survive pg_dump and pg_restore; shipped rows do not
-- get dumped (see the sequences above), so nothing is restored twice.
SELECT pg_catalog.pg_extension_config_dump('siko.cooperation', 'WHERE id > 0');
SELECT pg_catalog.pg_extension_config_dump('siko.partner', 'WHERE id > 0');
SELECT pg_catalog.pg_extension_config_dump('siko.accession', 'WHERE id > 0');
SELECT pg_catalog.pg_extension_config_dump('siko.source', 'WHERE id > 0');
SELECT pg_catalog.pg_extension_config_dump('siko.accession_source', 'WHERE accession_id > 0');
SELECT pg_catalog.pg_extension_config_dump('siko.cooperation_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('siko.partner_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('siko.accession_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('siko.source_id_seq', '');

-- ---------------------------------------------------------------------
-- The register's rules and the invalidation of the per-backend cache
-- ---------------------------------------------------------------------

CREATE FUNCTION siko.register_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'siko_register_changed' LANGUAGE C;
COMMENT ON FUNCTION siko.register_changed() IS
	'statement trigger of the register tables: tells every backend''s register cache that the table changed (at commit)';

CREATE FUNCTION siko.accession_check() RETURNS trigger
	AS 'MODULE_PATHNAME', 'siko_accession_rules' LANGUAGE C;
COMMENT ON FUNCTION siko.accession_check() IS
	'row trigger of siko.accession: milestones in order, within the cooperation''s lifetime (errors name partner and cooperation)';

CREATE FUNCTION siko.accession_no_overlap() RETURNS trigger
	AS 'MODULE_PATHNAME', 'siko_accession_no_overlap' LANGUAGE C;
COMMENT ON FUNCTION siko.accession_no_overlap() IS
	'constraint trigger of siko.accession: no two accessions of a partner to a cooperation that may overlap, also against concurrent transactions (23P01)';

CREATE FUNCTION siko.cooperation_check() RETURNS trigger
	AS 'MODULE_PATHNAME', 'siko_cooperation_check' LANGUAGE C;
COMMENT ON FUNCTION siko.cooperation_check() IS
	'row trigger of siko.cooperation: a changed founding or dissolution must still contain every accession';

CREATE FUNCTION siko.partner_check() RETURNS trigger
	AS 'MODULE_PATHNAME', 'siko_partner_check' LANGUAGE C;
COMMENT ON FUNCTION siko.partner_check() IS
	'row trigger of siko.partner: cities and municipalities need an 8-digit ags, districts a 5-digit one, others none';

CREATE TRIGGER accession_check BEFORE INSERT OR UPDATE ON siko.accession
	FOR EACH ROW EXECUTE FUNCTION siko.accession_check();
-- After the row and its index entries are stored: the check sees the rows
-- of concurrent transactions and waits for those in progress, as an
-- exclusion constraint does (see register_trigger.c).
CREATE CONSTRAINT TRIGGER accession_no_overlap
	AFTER INSERT OR UPDATE ON siko.accession
	NOT DEFERRABLE FOR EACH ROW EXECUTE FUNCTION siko.accession_no_overlap();
COMMENT ON CONSTRAINT accession_no_overlap ON siko.accession IS
	'no two accessions of a partner to a cooperation that may overlap (SQLSTATE 23P01), checked through accession_partner_idx';
CREATE TRIGGER cooperation_check AFTER UPDATE OF founded, dissolved ON siko.cooperation
	FOR EACH ROW EXECUTE FUNCTION siko.cooperation_check();
CREATE TRIGGER partner_check BEFORE INSERT OR UPDATE ON siko.partner
	FOR EACH ROW EXECUTE FUNCTION siko.partner_check();

CREATE TRIGGER register_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.cooperation
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_changed();
CREATE TRIGGER register_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.partner
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_changed();
CREATE TRIGGER register_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.accession
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_changed();
CREATE TRIGGER register_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.source
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_changed();
CREATE TRIGGER register_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.accession_source
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_changed();

-- Trigger functions are called by the trigger manager only.
REVOKE ALL ON FUNCTION siko.register_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION siko.accession_check() FROM PUBLIC;
REVOKE ALL ON FUNCTION siko.accession_no_overlap() FROM PUBLIC;
REVOKE ALL ON FUNCTION siko.cooperation_check() FROM PUBLIC;
REVOKE ALL ON FUNCTION siko.partner_check() FROM PUBLIC;

-- ---------------------------------------------------------------------
-- The as-of API (answered from the per-backend cache; callers need
-- SELECT on siko.cooperation, siko.partner and siko.accession)
-- ---------------------------------------------------------------------

CREATE FUNCTION siko.members_as_of(cooperation text, day pg_catalog.date,
								   known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS TABLE (partner text, kind siko.partner_kind, ags siko.ags,
				   certain boolean, period siko.period)
	AS 'MODULE_PATHNAME', 'siko_members_as_of_known_on'
	LANGUAGE C STABLE PARALLEL SAFE ROWS 50;
COMMENT ON FUNCTION siko.members_as_of(text, pg_catalog.date, pg_catalog.timestamptz) IS
	'every partner that certainly (certain true) or possibly (certain false) was a member of the cooperation on that day, by partner name';

CREATE FUNCTION siko.member_at(cooperation text, partner text, day pg_catalog.date,
							   known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_member_at_known_on'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION siko.member_at(text, text, pg_catalog.date, pg_catalog.timestamptz) IS
	'was the partner a member of the cooperation on that day: true, false, or NULL when the sources leave it open';

CREATE FUNCTION siko.is_member(cooperation text, ags siko.ags, day pg_catalog.date,
							   known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_is_member_known_on'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION siko.is_member(text, siko.ags, pg_catalog.date, pg_catalog.timestamptz) IS
	'was the territorial partner with exactly this key a member on that day (three-valued); built for joins with large event tables';

CREATE FUNCTION siko.is_covered(cooperation text, ags siko.ags, day pg_catalog.date,
								known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_is_covered_known_on'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION siko.is_covered(text, siko.ags, pg_catalog.date, pg_catalog.timestamptz) IS
	'does this territory or one containing it (Kreis, Regierungsbezirk, Land) belong to a certain member on that day: true, NULL when only possibly, false';

CREATE FUNCTION siko.covered_by(cooperation text, ags siko.ags, day pg_catalog.date,
								known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS TABLE (partner text, ags siko.ags, certain boolean)
	AS 'MODULE_PATHNAME', 'siko_covered_by_known_on'
	LANGUAGE C STABLE PARALLEL SAFE ROWS 2;
COMMENT ON FUNCTION siko.covered_by(text, siko.ags, pg_catalog.date, pg_catalog.timestamptz) IS
	'the territorial partners, this key''s own and those of the territories containing it, that certainly or possibly were members on that day';

CREATE FUNCTION siko.growth(cooperation text, from_day pg_catalog.date, to_day pg_catalog.date,
							step pg_catalog.interval DEFAULT '1 day',
							known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS TABLE (day pg_catalog.date, certain integer, possible integer)
	AS 'MODULE_PATHNAME', 'siko_growth_known_on'
	LANGUAGE C STABLE PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION siko.growth(text, pg_catalog.date, pg_catalog.date, pg_catalog.interval, pg_catalog.timestamptz) IS
	'on each step day from from_day to to_day, how many partners certainly were members and how many possibly were (certain included)';

CREATE FUNCTION siko.cooperations_of(ags siko.ags, day pg_catalog.date,
									 known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS text[]
	AS 'MODULE_PATHNAME', 'siko_cooperations_of_known_on'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION siko.cooperations_of(siko.ags, pg_catalog.date, pg_catalog.timestamptz) IS
	'the codes (in byte order) of every cooperation in which the territorial partner with this key certainly was a member on that day';

-- ---------------------------------------------------------------------
-- siko.timeline: one row per accession in plain column types
-- ---------------------------------------------------------------------

CREATE VIEW siko.timeline AS
SELECT
	c.code AS cooperation,
	c.name AS cooperation_name,
	p.name AS partner,
	p.kind::text AS kind,
	p.ags::text AS ags,
	(siko.start(a.period))::text AS joined,
	CASE WHEN siko.is_open(a.period) THEN '..'
		 ELSE COALESCE((siko.finish(a.period))::text, '') END AS "left",
	NULLIF(siko.earliest(siko.start(a.period)), '-infinity'::pg_catalog.date) AS joined_earliest,
	NULLIF(siko.latest(siko.start(a.period)), 'infinity'::pg_catalog.date) AS joined_latest,
	NULLIF(siko.earliest(siko.finish(a.period)), '-infinity'::pg_catalog.date) AS left_earliest,
	NULLIF(siko.latest(siko.finish(a.period)), 'infinity'::pg_catalog.date) AS left_latest,
	NULLIF(siko.earliest(a.decided), '-infinity'::pg_catalog.date) AS decided_earliest,
	NULLIF(siko.latest(a.decided), 'infinity'::pg_catalog.date) AS decided_latest,
	NULLIF(siko.earliest(a.signed), '-infinity'::pg_catalog.date) AS signed_earliest,
	NULLIF(siko.latest(a.signed), 'infinity'::pg_catalog.date) AS signed_latest,
	NULLIF(siko.earliest(a.effective), '-infinity'::pg_catalog.date) AS effective_earliest,
	NULLIF(siko.latest(a.effective), 'infinity'::pg_catalog.date) AS effective_latest,
	NULLIF(siko.earliest(a.announced), '-infinity'::pg_catalog.date) AS announced_earliest,
	NULLIF(siko.latest(a.announced), 'infinity'::pg_catalog.date) AS announced_latest,
	a.role,
	(SELECT pg_catalog.string_agg(
				pg_catalog.concat_ws(', ', s.publisher, s.title, s.published::text, s.reference),
				'; ' ORDER BY s.published, s.id)
	   FROM siko.accession_source x
	   JOIN siko.source s ON s.id OPERATOR(pg_catalog.=) x.source_id
	  WHERE x.accession_id OPERATOR(pg_catalog.=) a.id) AS sources,
	a.id AS accession_id
FROM siko.accession a
JOIN siko.cooperation c ON c.id OPERATOR(pg_catalog.=) a.cooperation_id
JOIN siko.partner p ON p.id OPERATOR(pg_catalog.=) a.partner_id;
COMMENT ON VIEW siko.timeline IS
	'one row per accession in plain types (text, date, integer) for reporting tools: joined and left as EDTF text and as earliest/latest days (NULL where the sources give no bound), milestones, role, sources';

-- ---------------------------------------------------------------------
-- The register's own history: system time (when the register said what)
--
-- Every version of every row of the register tables is kept in a history
-- table of the same columns plus the system time: recorded_from (the
-- start of the transaction that recorded it) to recorded_until (the start
-- of the transaction that changed or deleted it; NULL while current), who
-- recorded and who ended it (current_user) and why (the setting
-- siko.reason, optional).  Statement triggers written in C keep it
-- (siko.history_record, src/history.c): they see every changed row at
-- once through transition tables, and write the history as the owner of
-- the history tables, as PostgreSQL's foreign key triggers do, so writers
-- of the register need no privilege on the history and nobody but its
-- owner can write it.  Readers need SELECT on the history tables for the
-- known_on answers and siko.history().
-- ---------------------------------------------------------------------

-- orders the versions recorded by one transaction (same recorded_from)
CREATE SEQUENCE siko.history_version_seq AS bigint;
COMMENT ON SEQUENCE siko.history_version_seq IS
	'the order in which versions were recorded (versions of one transaction share recorded_from)';
SELECT pg_catalog.pg_extension_config_dump('siko.history_version_seq', '');

CREATE TABLE siko.cooperation_history (
	id integer NOT NULL,
	code text NOT NULL,
	name text NOT NULL,
	founded siko.fuzzydate NOT NULL,
	dissolved siko.fuzzydate,
	seat text,
	note text,
	recorded_from	pg_catalog.timestamptz NOT NULL,
	recorded_until	pg_catalog.timestamptz,
	recorded_by		text NOT NULL,
	recorded_reason	text,
	recorded_change	text NOT NULL,
	ended_by		text,
	ended_reason	text,
	ended_change	text,
	version			bigint NOT NULL DEFAULT pg_catalog.nextval('siko.history_version_seq'::pg_catalog.regclass),
	CONSTRAINT cooperation_history_recorded CHECK (
		recorded_change OPERATOR(pg_catalog.=) ANY (ARRAY['insert', 'update'])
		AND (recorded_until IS NULL) OPERATOR(pg_catalog.=) (ended_change IS NULL)
		AND (recorded_until IS NULL) OPERATOR(pg_catalog.=) (ended_by IS NULL)
		AND (ended_change IS NULL OR ended_change OPERATOR(pg_catalog.=) ANY (ARRAY['update', 'delete']))
		AND (recorded_until IS NULL OR recorded_until OPERATOR(pg_catalog.>=) recorded_from))
);
CREATE INDEX cooperation_history_key_idx ON siko.cooperation_history (id, recorded_from);
CREATE INDEX cooperation_history_open_idx ON siko.cooperation_history (id) WHERE recorded_until IS NULL;
COMMENT ON TABLE siko.cooperation_history IS
	'every version of every row of siko.cooperation: its columns, recorded_from (when it was recorded) to recorded_until (NULL while current), who recorded it and why, who ended it and why';
COMMENT ON INDEX siko.cooperation_history_key_idx IS 'the versions of a row in the order they were recorded';
COMMENT ON INDEX siko.cooperation_history_open_idx IS 'the current version of each row';
SELECT pg_catalog.pg_extension_config_dump('siko.cooperation_history', 'WHERE id > 0');

CREATE TABLE siko.partner_history (
	id integer NOT NULL,
	name text NOT NULL,
	kind siko.partner_kind NOT NULL,
	ags siko.ags,
	note text,
	recorded_from	pg_catalog.timestamptz NOT NULL,
	recorded_until	pg_catalog.timestamptz,
	recorded_by		text NOT NULL,
	recorded_reason	text,
	recorded_change	text NOT NULL,
	ended_by		text,
	ended_reason	text,
	ended_change	text,
	version			bigint NOT NULL DEFAULT pg_catalog.nextval('siko.history_version_seq'::pg_catalog.regclass),
	CONSTRAINT partner_history_recorded CHECK (
		recorded_change OPERATOR(pg_catalog.=) ANY (ARRAY['insert', 'update'])
		AND (recorded_until IS NULL) OPERATOR(pg_catalog.=) (ended_change IS NULL)
		AND (recorded_until IS NULL) OPERATOR(pg_catalog.=) (ended_by IS NULL)
		AND (ended_change IS NULL OR ended_change OPERATOR(pg_catalog.=) ANY (ARRAY['update', 'delete']))
		AND (recorded_until IS NULL OR recorded_until OPERATOR(pg_catalog.>=) recorded_from))
);
CREATE INDEX partner_history_key_idx ON siko.partner_history (id, recorded_from);
CREATE INDEX partner_history_open_idx ON siko.partner_history (id) WHERE recorded_until IS NULL;
COMMENT ON TABLE siko.partner_history IS
	'every version of every row of siko.partner: its columns, recorded_from (when it was recorded) to recorded_until (NULL while current), who recorded it and why, who ended it and why';
COMMENT ON INDEX siko.partner_history_key_idx IS 'the versions of a row in the order they were recorded';
COMMENT ON INDEX siko.partner_history_open_idx IS 'the current version of each row';
SELECT pg_catalog.pg_extension_config_dump('siko.partner_history', 'WHERE id > 0');

CREATE TABLE siko.accession_history (
	id integer NOT NULL,
	cooperation_id integer NOT NULL,
	partner_id integer NOT NULL,
	period siko.period NOT NULL,
	decided siko.fuzzydate,
	signed siko.fuzzydate,
	effective siko.fuzzydate,
	announced siko.fuzzydate,
	role text,
	note text,
	recorded_from	pg_catalog.timestamptz NOT NULL,
	recorded_until	pg_catalog.timestamptz,
	recorded_by		text NOT NULL,
	recorded_reason	text,
	recorded_change	text NOT NULL,
	ended_by		text,
	ended_reason	text,
	ended_change	text,
	version			bigint NOT NULL DEFAULT pg_catalog.nextval('siko.history_version_seq'::pg_catalog.regclass),
	CONSTRAINT accession_history_recorded CHECK (
		recorded_change OPERATOR(pg_catalog.=) ANY (ARRAY['insert', 'update'])
		AND (recorded_until IS NULL) OPERATOR(pg_catalog.=) (ended_change IS NULL)
		AND (recorded_until IS NULL) OPERATOR(pg_catalog.=) (ended_by IS NULL)
		AND (ended_change IS NULL OR ended_change OPERATOR(pg_catalog.=) ANY (ARRAY['update', 'delete']))
		AND (recorded_until IS NULL OR recorded_until OPERATOR(pg_catalog.>=) recorded_from))
);
CREATE INDEX accession_history_key_idx ON siko.accession_history (id, recorded_from);
CREATE INDEX accession_history_open_idx ON siko.accession_history (id) WHERE recorded_until IS NULL;
COMMENT ON TABLE siko.accession_history IS
	'every version of every row of siko.accession: its columns, recorded_from (when it was recorded) to recorded_until (NULL while current), who recorded it and why, who ended it and why';
COMMENT ON INDEX siko.accession_history_key_idx IS 'the versions of a row in the order they were recorded';
COMMENT ON INDEX siko.accession_history_open_idx IS 'the current version of each row';
SELECT pg_catalog.pg_extension_config_dump('siko.accession_history', 'WHERE id > 0');

CREATE TABLE siko.source_history (
	id integer NOT NULL,
	publisher text,
	title text NOT NULL,
	published pg_catalog.date,
	reference text,
	note text,
	recorded_from	pg_catalog.timestamptz NOT NULL,
	recorded_until	pg_catalog.timestamptz,
	recorded_by		text NOT NULL,
	recorded_reason	text,
	recorded_change	text NOT NULL,
	ended_by		text,
	ended_reason	text,
	ended_change	text,
	version			bigint NOT NULL DEFAULT pg_catalog.nextval('siko.history_version_seq'::pg_catalog.regclass),
	CONSTRAINT source_history_recorded CHECK (
		recorded_change OPERATOR(pg_catalog.=) ANY (ARRAY['insert', 'update'])
		AND (recorded_until IS NULL) OPERATOR(pg_catalog.=) (ended_change IS NULL)
		AND (recorded_until IS NULL) OPERATOR(pg_catalog.=) (ended_by IS NULL)
		AND (ended_change IS NULL OR ended_change OPERATOR(pg_catalog.=) ANY (ARRAY['update', 'delete']))
		AND (recorded_until IS NULL OR recorded_until OPERATOR(pg_catalog.>=) recorded_from))
);
CREATE INDEX source_history_key_idx ON siko.source_history (id, recorded_from);
CREATE INDEX source_history_open_idx ON siko.source_history (id) WHERE recorded_until IS NULL;
COMMENT ON TABLE siko.source_history IS
	'every version of every row of siko.source: its columns, recorded_from (when it was recorded) to recorded_until (NULL while current), who recorded it and why, who ended it and why';
COMMENT ON INDEX siko.source_history_key_idx IS 'the versions of a row in the order they were recorded';
COMMENT ON INDEX siko.source_history_open_idx IS 'the current version of each row';
SELECT pg_catalog.pg_extension_config_dump('siko.source_history', 'WHERE id > 0');

CREATE TABLE siko.accession_source_history (
	accession_id integer NOT NULL,
	source_id integer NOT NULL,
	recorded_from	pg_catalog.timestamptz NOT NULL,
	recorded_until	pg_catalog.timestamptz,
	recorded_by		text NOT NULL,
	recorded_reason	text,
	recorded_change	text NOT NULL,
	ended_by		text,
	ended_reason	text,
	ended_change	text,
	version			bigint NOT NULL DEFAULT pg_catalog.nextval('siko.history_version_seq'::pg_catalog.regclass),
	CONSTRAINT accession_source_history_recorded CHECK (
		recorded_change OPERATOR(pg_catalog.=) ANY (ARRAY['insert', 'update'])
		AND (recorded_until IS NULL) OPERATOR(pg_catalog.=) (ended_change IS NULL)
		AND (recorded_until IS NULL) OPERATOR(pg_catalog.=) (ended_by IS NULL)
		AND (ended_change IS NULL OR ended_change OPERATOR(pg_catalog.=) ANY (ARRAY['update', 'delete']))
		AND (recorded_until IS NULL OR recorded_until OPERATOR(pg_catalog.>=) recorded_from))
);
CREATE INDEX accession_source_history_key_idx ON siko.accession_source_history (accession_id, source_id, recorded_from);
CREATE INDEX accession_source_history_open_idx ON siko.accession_source_history (accession_id, source_id) WHERE recorded_until IS NULL;
COMMENT ON TABLE siko.accession_source_history IS
	'every version of every row of siko.accession_source: its columns, recorded_from (when it was recorded) to recorded_until (NULL while current), who recorded it and why, who ended it and why';
COMMENT ON INDEX siko.accession_source_history_key_idx IS 'the versions of a row in the order they were recorded';
COMMENT ON INDEX siko.accession_source_history_open_idx IS 'the current version of each row';
SELECT pg_catalog.pg_extension_config_dump('siko.accession_source_history', 'WHERE accession_id > 0');

CREATE FUNCTION siko.history_record() RETURNS trigger
	AS 'MODULE_PATHNAME', 'siko_history_record' LANGUAGE C;
COMMENT ON FUNCTION siko.history_record() IS
	'statement trigger of the register tables: closes the versions a statement changed or deleted and records the new ones in the table''s history (arguments: the key columns)';

CREATE FUNCTION siko.history_restored() RETURNS trigger
	AS 'MODULE_PATHNAME', 'siko_history_restored' LANGUAGE C;
COMMENT ON FUNCTION siko.history_restored() IS
	'statement trigger of the history tables: when versions are restored (pg_restore), drops the identical current versions the restore of the register table itself recorded later';

REVOKE ALL ON FUNCTION siko.history_record() FROM PUBLIC;
REVOKE ALL ON FUNCTION siko.history_restored() FROM PUBLIC;

CREATE TRIGGER history_insert AFTER INSERT ON siko.cooperation
	REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_update AFTER UPDATE ON siko.cooperation
	REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_delete AFTER DELETE ON siko.cooperation
	REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_truncate BEFORE TRUNCATE ON siko.cooperation
	FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_restored AFTER INSERT ON siko.cooperation_history
	REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_restored('id');

CREATE TRIGGER history_insert AFTER INSERT ON siko.partner
	REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_update AFTER UPDATE ON siko.partner
	REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_delete AFTER DELETE ON siko.partner
	REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_truncate BEFORE TRUNCATE ON siko.partner
	FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_restored AFTER INSERT ON siko.partner_history
	REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_restored('id');

CREATE TRIGGER history_insert AFTER INSERT ON siko.accession
	REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_update AFTER UPDATE ON siko.accession
	REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_delete AFTER DELETE ON siko.accession
	REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_truncate BEFORE TRUNCATE ON siko.accession
	FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_restored AFTER INSERT ON siko.accession_history
	REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_restored('id');

CREATE TRIGGER history_insert AFTER INSERT ON siko.source
	REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_update AFTER UPDATE ON siko.source
	REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_delete AFTER DELETE ON siko.source
	REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_truncate BEFORE TRUNCATE ON siko.source
	FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('id');
CREATE TRIGGER history_restored AFTER INSERT ON siko.source_history
	REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_restored('id');

CREATE TRIGGER history_insert AFTER INSERT ON siko.accession_source
	REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('accession_id', 'source_id');
CREATE TRIGGER history_update AFTER UPDATE ON siko.accession_source
	REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('accession_id', 'source_id');
CREATE TRIGGER history_delete AFTER DELETE ON siko.accession_source
	REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('accession_id', 'source_id');
CREATE TRIGGER history_truncate BEFORE TRUNCATE ON siko.accession_source
	FOR EACH STATEMENT EXECUTE FUNCTION siko.history_record('accession_id', 'source_id');
CREATE TRIGGER history_restored AFTER INSERT ON siko.accession_source_history
	REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION siko.history_restored('accession_id', 'source_id');

-- ---------------------------------------------------------------------
-- siko.timeline_as_known_on: siko.timeline as the register stood then
-- ---------------------------------------------------------------------

CREATE FUNCTION siko.timeline_as_known_on(known_on pg_catalog.timestamptz)
	RETURNS SETOF siko.timeline
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 100
AS $fn$
SELECT * FROM siko.timeline WHERE $1 IS NULL
UNION ALL
SELECT
	c.code,
	c.name,
	p.name,
	p.kind::text,
	p.ags::text,
	(siko.start(a.period))::text,
	CASE WHEN siko.is_open(a.period) THEN '..'
		 ELSE COALESCE((siko.finish(a.period))::text, '') END,
	NULLIF(siko.earliest(siko.start(a.period)), '-infinity'::pg_catalog.date),
	NULLIF(siko.latest(siko.start(a.period)), 'infinity'::pg_catalog.date),
	NULLIF(siko.earliest(siko.finish(a.period)), '-infinity'::pg_catalog.date),
	NULLIF(siko.latest(siko.finish(a.period)), 'infinity'::pg_catalog.date),
	NULLIF(siko.earliest(a.decided), '-infinity'::pg_catalog.date),
	NULLIF(siko.latest(a.decided), 'infinity'::pg_catalog.date),
	NULLIF(siko.earliest(a.signed), '-infinity'::pg_catalog.date),
	NULLIF(siko.latest(a.signed), 'infinity'::pg_catalog.date),
	NULLIF(siko.earliest(a.effective), '-infinity'::pg_catalog.date),
	NULLIF(siko.latest(a.effective), 'infinity'::pg_catalog.date),
	NULLIF(siko.earliest(a.announced), '-infinity'::pg_catalog.date),
	NULLIF(siko.latest(a.announced), 'infinity'::pg_catalog.date),
	a.role,
	(SELECT pg_catalog.string_agg(
				pg_catalog.concat_ws(', ', s.publisher, s.title, s.published::text, s.reference),
				'; ' ORDER BY s.published, s.id)
	   FROM siko.accession_source_history x
	   JOIN siko.source_history s ON s.id OPERATOR(pg_catalog.=) x.source_id
		AND s.recorded_from OPERATOR(pg_catalog.<=) $1
		AND (s.recorded_until IS NULL OR s.recorded_until OPERATOR(pg_catalog.>) $1)
	  WHERE x.accession_id OPERATOR(pg_catalog.=) a.id
		AND x.recorded_from OPERATOR(pg_catalog.<=) $1
		AND (x.recorded_until IS NULL OR x.recorded_until OPERATOR(pg_catalog.>) $1)),
	a.id
FROM siko.accession_history a
JOIN siko.cooperation_history c ON c.id OPERATOR(pg_catalog.=) a.cooperation_id
	AND c.recorded_from OPERATOR(pg_catalog.<=) $1
	AND (c.recorded_until IS NULL OR c.recorded_until OPERATOR(pg_catalog.>) $1)
JOIN siko.partner_history p ON p.id OPERATOR(pg_catalog.=) a.partner_id
	AND p.recorded_from OPERATOR(pg_catalog.<=) $1
	AND (p.recorded_until IS NULL OR p.recorded_until OPERATOR(pg_catalog.>) $1)
WHERE a.recorded_from OPERATOR(pg_catalog.<=) $1
  AND (a.recorded_until IS NULL OR a.recorded_until OPERATOR(pg_catalog.>) $1)
$fn$;
COMMENT ON FUNCTION siko.timeline_as_known_on(pg_catalog.timestamptz) IS
	'the rows of siko.timeline as the register stood at that moment (system time); NULL gives the current timeline';

-- ---------------------------------------------------------------------
-- siko.history: every recorded change of a cooperation (or of one
-- partner's membership in it), with when, who, why, before and after
-- ---------------------------------------------------------------------

CREATE FUNCTION siko.history(cooperation text, partner text DEFAULT NULL)
	RETURNS TABLE (changed_at pg_catalog.timestamptz, changed_by text, reason text,
				   change text, "table" text, row_key text, partner_name text,
				   before jsonb, after jsonb)
	LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 100
	SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	coop_ids	integer[];
	partner_ids	integer[];
	acc_ids		integer[];
	source_ids	integer[];
	sys			constant text[] := ARRAY['recorded_from', 'recorded_until', 'recorded_by',
		'recorded_reason', 'recorded_change', 'ended_by', 'ended_reason', 'ended_change', 'version'];
BEGIN
	IF cooperation IS NULL THEN
		RETURN;
	END IF;
	SELECT array_agg(DISTINCT h.id) INTO coop_ids
	  FROM siko.cooperation_history h WHERE h.code = history.cooperation;
	IF coop_ids IS NULL THEN
		RAISE EXCEPTION 'unknown cooperation: "%"', cooperation
			USING ERRCODE = '22023',
				  DETAIL = 'No row of siko.cooperation has or had this code.',
				  HINT = 'The codes are listed by: SELECT code, name FROM siko.cooperation;';
	END IF;
	IF history.partner IS NOT NULL THEN
		SELECT array_agg(DISTINCT h.id) INTO partner_ids
		  FROM siko.partner_history h WHERE h.name = history.partner;
		IF partner_ids IS NULL THEN
			RAISE EXCEPTION 'unknown partner: "%"', history.partner
				USING ERRCODE = '22023',
					  DETAIL = 'No row of siko.partner has or had this name.',
					  HINT = 'The names are listed by: SELECT name, kind FROM siko.partner;';
		END IF;
	END IF;
	SELECT array_agg(DISTINCT h.id) INTO acc_ids
	  FROM siko.accession_history h
	 WHERE h.cooperation_id = ANY (coop_ids)
	   AND (partner_ids IS NULL OR h.partner_id = ANY (partner_ids));
	IF partner_ids IS NULL THEN
		SELECT array_agg(DISTINCT h.partner_id) INTO partner_ids
		  FROM siko.accession_history h WHERE h.id = ANY (acc_ids);
	END IF;
	SELECT array_agg(DISTINCT h.source_id) INTO source_ids
	  FROM siko.accession_source_history h WHERE h.accession_id = ANY (acc_ids);

	RETURN QUERY
	WITH v AS (
		SELECT 'cooperation'::text AS tab, h.id::text AS k, NULL::integer AS pid,
			   to_jsonb(h) - sys AS body, h.recorded_from, h.recorded_until, h.recorded_by,
			   h.recorded_reason, h.recorded_change, h.ended_by, h.ended_reason, h.ended_change, h.version
		  FROM siko.cooperation_history h
		 WHERE h.id = ANY (coop_ids) AND history.partner IS NULL
		UNION ALL
		SELECT 'partner', h.id::text, h.id, to_jsonb(h) - sys, h.recorded_from, h.recorded_until,
			   h.recorded_by, h.recorded_reason, h.recorded_change, h.ended_by, h.ended_reason,
			   h.ended_change, h.version
		  FROM siko.partner_history h WHERE h.id = ANY (partner_ids)
		UNION ALL
		SELECT 'accession', h.id::text, h.partner_id, to_jsonb(h) - sys, h.recorded_from,
			   h.recorded_until, h.recorded_by, h.recorded_reason, h.recorded_change, h.ended_by,
			   h.ended_reason, h.ended_change, h.version
		  FROM siko.accession_history h WHERE h.id = ANY (acc_ids)
		UNION ALL
		SELECT 'source', h.id::text, NULL, to_jsonb(h) - sys, h.recorded_from, h.recorded_until,
			   h.recorded_by, h.recorded_reason, h.recorded_change, h.ended_by, h.ended_reason,
			   h.ended_change, h.version
		  FROM siko.source_history h WHERE h.id = ANY (source_ids)
		UNION ALL
		SELECT 'accession_source', h.accession_id || '/' || h.source_id, NULL, to_jsonb(h) - sys,
			   h.recorded_from, h.recorded_until, h.recorded_by, h.recorded_reason,
			   h.recorded_change, h.ended_by, h.ended_reason, h.ended_change, h.version
		  FROM siko.accession_source_history h WHERE h.accession_id = ANY (acc_ids)
	), w AS (
		SELECT v.*, lag(v.body) OVER (PARTITION BY v.tab, v.k ORDER BY v.version) AS prev
		  FROM v
	), e AS (
		SELECT w.recorded_from AS at, w.recorded_by AS who, w.recorded_reason AS why,
			   w.recorded_change AS what, w.tab, w.k, w.pid,
			   CASE WHEN w.recorded_change = 'update' THEN w.prev END AS b, w.body AS a,
			   w.version AS ord, 0 AS sub
		  FROM w
		UNION ALL
		SELECT w.recorded_until, w.ended_by, w.ended_reason, 'delete', w.tab, w.k, w.pid,
			   w.body, NULL, w.version, 1
		  FROM w WHERE w.ended_change = 'delete'
	)
	SELECT e.at, e.who, e.why, e.what, e.tab, e.k,
		   (SELECT p.name FROM siko.partner_history p
			 WHERE p.id = e.pid ORDER BY p.version DESC LIMIT 1),
		   e.b, e.a
	  FROM e
	 ORDER BY e.at, e.ord, e.sub;
END
$fn$;
COMMENT ON FUNCTION siko.history(text, text) IS
	'every recorded change of the cooperation, its partners, accessions and sources (or, with a partner, of that partner and its accessions in the cooperation): when, who, why, insert/update/delete, which row, before and after as jsonb';
-- ---------------------------------------------------------------------
-- 50 data: the territory reference, the SiKo Ruhr register as data, and
-- a picture of a cooperation's accessions (SVG)
-- ---------------------------------------------------------------------

-- The territory reference belongs to the extension's version: CREATE
-- EXTENSION fills it, DROP EXTENSION removes it, pg_dump leaves it out.

CREATE TABLE siko.territory (
	ags				siko.ags PRIMARY KEY,
	name			text NOT NULL,
	level			text NOT NULL,
	population		bigint,
	reference_date	date NOT NULL,
	CONSTRAINT territory_level_check
		CHECK (level = siko.ags_level(ags)),
	CONSTRAINT territory_population_check CHECK (population >= 0)
);

COMMENT ON TABLE siko.territory IS
'German territories (Land, Regierungsbezirk, Kreis or kreisfreie Stadt, Gemeinde) by official key, with population; '
'shipped for North Rhine-Westphalia, the whole country loads with siko.load_territory(). '
'Source: Gemeindeverzeichnis, population as of 2019-12-31. '
'© Statistisches Bundesamt (Destatis), dl-de/by-2-0';
COMMENT ON COLUMN siko.territory.ags IS 'official key: 2 digits Land, 3 Regierungsbezirk, 5 Kreis or kreisfreie Stadt, 8 Gemeinde';
COMMENT ON COLUMN siko.territory.name IS 'official name as the Gemeindeverzeichnis writes it (e.g. "Herten, Stadt")';
COMMENT ON COLUMN siko.territory.level IS 'land, regierungsbezirk, kreis (also a kreisfreie Stadt as a Kreis) or gemeinde: siko.ags_level() of the key';
COMMENT ON COLUMN siko.territory.population IS 'inhabitants on reference_date; for Land, Regierungsbezirk and Kreis the sum of their Gemeinden';
COMMENT ON COLUMN siko.territory.reference_date IS 'the day the population figure refers to';

-- BEGIN generated by test/data/gen-territory.py: do not edit by hand
-- Land 05: Nordrhein-Westfalen; 455 rows (1 of 2 digits, 5 of 3 digits, 53 of 5 digits, 396 of 8 digits)
INSERT INTO siko.territory (ags, name, level, population, reference_date)
SELECT v.ags::siko.ags, v.name, siko.ags_level(v.ags::siko.ags), v.population, DATE '2019-12-31'
  FROM (VALUES
  ('05','Nordrhein-Westfalen',NULL::bigint),('051','Reg.-Bez. Düsseldorf',NULL::bigint),
  ('05111','Düsseldorf, Stadt',NULL::bigint),('05111000','Düsseldorf, Stadt',621877),
  ('05112','Duisburg, Stadt',NULL::bigint),('05112000','Duisburg, Stadt',498686),
  ('05113','Essen, Stadt',NULL::bigint),('05113000','Essen, Stadt',582760),
  ('05114','Krefeld, Stadt',NULL::bigint),('05114000','Krefeld, Stadt',227417),
  ('05116','Mönchengladbach, Stadt',NULL::bigint),('05116000','Mönchengladbach, Stadt',261034),
  ('05117','Mülheim an der Ruhr, Stadt',NULL::bigint),
  ('05117000','Mülheim an der Ruhr, Stadt',170632),('05119','Oberhausen, Stadt',NULL::bigint),
  ('05119000','Oberhausen, Stadt',210764),('05120','Remscheid, Stadt',NULL::bigint),
  ('05120000','Remscheid, Stadt',111338),('05122','Solingen, Klingenstadt',NULL::bigint),
  ('05122000','Solingen, Klingenstadt',159245),('05124','Wuppertal, Stadt',NULL::bigint),
  ('05124000','Wuppertal, Stadt',355100),('05154','Kleve',NULL::bigint),
  ('05154004','Bedburg-Hau',12955),('05154008','Emmerich am Rhein, Stadt',30961),
  ('05154012','Geldern, Stadt',33730),('05154016','Goch, Stadt',34205),('05154020','Issum',11977),
  ('05154024','Kalkar, Stadt',13884),('05154028','Kerken',12548),
  ('05154032','Kevelaer, Stadt',28087),('05154036','Kleve, Stadt',52388),
  ('05154040','Kranenburg',10719),('05154044','Rees, Stadt',21100),('05154048','Rheurdt',6515),
  ('05154052','Straelen, Stadt',16257),('05154056','Uedem',8224),('05154060','Wachtendonk',8129),
  ('05154064','Weeze',10786),('05158','Mettmann',NULL::bigint),
  ('05158004','Erkrath, Fundort des Neanderthalers, Stadt',43992),('05158008','Haan, Stadt',30406),
  ('05158012','Heiligenhaus, Stadt',26345),('05158016','Hilden, Stadt',55625),
  ('05158020','Langenfeld (Rheinland), Stadt',59178),('05158024','Mettmann, Stadt',38757),
  ('05158026','Monheim am Rhein, Stadt',40948),('05158028','Ratingen, Stadt',87520),
  ('05158032','Velbert, Stadt',81842),('05158036','Wülfrath, Stadt',20957),
  ('05162','Rhein-Kreis Neuss',NULL::bigint),('05162004','Dormagen, Stadt',64340),
  ('05162008','Grevenbroich, Stadt',63743),('05162012','Jüchen, Stadt',23294),
  ('05162016','Kaarst, Stadt',43493),('05162020','Korschenbroich, Stadt',33251),
  ('05162022','Meerbusch, Stadt',56415),('05162024','Neuss, Stadt',153896),
  ('05162028','Rommerskirchen',13298),('05166','Viersen',NULL::bigint),
  ('05166004','Brüggen, Burggemeinde',15745),
  ('05166008','Grefrath, Sport- und Freizeitgemeinde',14753),('05166012','Kempen, Stadt',34514),
  ('05166016','Nettetal, Stadt',42496),('05166020','Niederkrüchten',15557),
  ('05166024','Schwalmtal',18969),('05166028','Tönisvorst, Stadt',29336),
  ('05166032','Viersen, Stadt',77102),('05166036','Willich, Stadt',50391),
  ('05170','Wesel',NULL::bigint),('05170004','Alpen',12479),('05170008','Dinslaken, Stadt',67373),
  ('05170012','Hamminkeln, Stadt',26858),('05170016','Hünxe',13598),
  ('05170020','Kamp-Lintfort, Stadt',37596),('05170024','Moers, Stadt',103902),
  ('05170028','Neukirchen-Vluyn, Stadt',27187),('05170032','Rheinberg, Stadt',30854),
  ('05170036','Schermbeck',13602),('05170040','Sonsbeck',8673),
  ('05170044','Voerde (Niederrhein), Stadt',36017),('05170048','Wesel, Stadt',60230),
  ('05170052','Xanten, Stadt',21607),('053','Reg.-Bez. Köln',NULL::bigint),
  ('05314','Bonn, Stadt',NULL::bigint),('05314000','Bonn, Stadt',329673),
  ('05315','Köln, Stadt',NULL::bigint),('05315000','Köln, Stadt',1087863),
  ('05316','Leverkusen, Stadt',NULL::bigint),('05316000','Leverkusen, Stadt',163729),
  ('05334','Städteregion Aachen',NULL::bigint),('05334002','Aachen, Stadt',248960),
  ('05334004','Alsdorf, Stadt',47149),('05334008','Baesweiler, Stadt',27093),
  ('05334012','Eschweiler, Stadt',56482),('05334016','Herzogenrath, Stadt',46375),
  ('05334020','Monschau, Stadt',11693),('05334024','Roetgen, Tor zur Eifel',8648),
  ('05334028','Simmerath',15404),('05334032','Stolberg (Rhld.), Kupferstadt',56466),
  ('05334036','Würselen, Stadt',38756),('05358','Düren',NULL::bigint),
  ('05358004','Aldenhoven',13787),('05358008','Düren, Stadt',91216),
  ('05358012','Heimbach, Stadt',4328),('05358016','Hürtgenwald',8700),('05358020','Inden',7397),
  ('05358024','Jülich, Stadt',32653),('05358028','Kreuzau',17444),('05358032','Langerwehe',14028),
  ('05358036','Linnich, Stadt',12662),('05358040','Merzenich',9885),
  ('05358044','Nideggen, Stadt',10001),('05358048','Niederzier',14113),
  ('05358052','Nörvenich',10572),('05358056','Titz',8455),('05358060','Vettweiß',9397),
  ('05362','Rhein-Erft-Kreis',NULL::bigint),('05362004','Bedburg, Stadt',23658),
  ('05362008','Bergheim, Stadt',61601),('05362012','Brühl, Stadt',44126),
  ('05362016','Elsdorf, Stadt',21807),('05362020','Erftstadt, Stadt',50010),
  ('05362024','Frechen, Stadt',52439),('05362028','Hürth, Stadt',59731),
  ('05362032','Kerpen, Kolpingstadt',66702),('05362036','Pulheim, Stadt',54194),
  ('05362040','Wesseling, Stadt',36347),('05366','Euskirchen',NULL::bigint),
  ('05366004','Bad Münstereifel, Stadt',17440),('05366008','Blankenheim',8268),
  ('05366012','Dahlem',4215),('05366016','Euskirchen, Stadt',58381),('05366020','Hellenthal',7863),
  ('05366024','Kall',11191),('05366028','Mechernich, Stadt',27714),('05366032','Nettersheim',7491),
  ('05366036','Schleiden, Stadt',13128),('05366040','Weilerswist',17633),
  ('05366044','Zülpich, Stadt',20332),('05370','Heinsberg',NULL::bigint),
  ('05370004','Erkelenz, Stadt',43206),('05370008','Gangelt',12576),
  ('05370012','Geilenkirchen, Stadt',27470),('05370016','Heinsberg, Stadt',42236),
  ('05370020','Hückelhoven, Stadt',40245),('05370024','Selfkant',10137),
  ('05370028','Übach-Palenberg, Stadt',24044),('05370032','Waldfeucht',8842),
  ('05370036','Wassenberg, Stadt',18630),('05370040','Wegberg, Stadt',28169),
  ('05374','Oberbergischer Kreis',NULL::bigint),('05374004','Bergneustadt, Stadt',18677),
  ('05374008','Engelskirchen',19298),('05374012','Gummersbach, Stadt',50952),
  ('05374016','Hückeswagen, Schloss-Stadt',14958),('05374020','Lindlar',21315),
  ('05374024','Marienheide',13522),('05374028','Morsbach',10138),('05374032','Nümbrecht',17001),
  ('05374036','Radevormwald, Stadt auf der Höhe',21919),('05374040','Reichshof',18600),
  ('05374044','Waldbröl, Stadt',19553),('05374048','Wiehl, Stadt',25161),
  ('05374052','Wipperfürth, Hansestadt',20963),('05378','Rheinisch-Bergischer Kreis',NULL::bigint),
  ('05378004','Bergisch Gladbach, Stadt',111846),('05378008','Burscheid, Stadt',18346),
  ('05378012','Kürten',19662),('05378016','Leichlingen (Rheinland), Blütenstadt',28000),
  ('05378020','Odenthal',14967),('05378024','Overath, Stadt',27100),
  ('05378028','Rösrath, Stadt',28631),('05378032','Wermelskirchen, Stadt',34719),
  ('05382','Rhein-Sieg-Kreis',NULL::bigint),('05382004','Alfter',23563),
  ('05382008','Bad Honnef, Stadt',25812),('05382012','Bornheim, Stadt',48321),
  ('05382016','Eitorf',18749),('05382020','Hennef (Sieg), Stadt',47290),
  ('05382024','Königswinter, Stadt',41277),('05382028','Lohmar, Stadt',30453),
  ('05382032','Meckenheim, Stadt',24817),('05382036','Much',14412),
  ('05382040','Neunkirchen-Seelscheid',19679),('05382044','Niederkassel, Stadt',38667),
  ('05382048','Rheinbach, Stadt',26986),('05382052','Ruppichteroth',10420),
  ('05382056','Sankt Augustin, Stadt',55847),('05382060','Siegburg, Stadt',41554),
  ('05382064','Swisttal',18749),('05382068','Troisdorf, Stadt',74953),
  ('05382072','Wachtberg',20485),('05382076','Windeck',18730),
  ('055','Reg.-Bez. Münster',NULL::bigint),('05512','Bottrop, Stadt',NULL::bigint),
  ('05512000','Bottrop, Stadt',117565),('05513','Gelsenkirchen, Stadt',NULL::bigint),
  ('05513000','Gelsenkirchen, Stadt',259645),('05515','Münster, Stadt',NULL::bigint),
  ('05515000','Münster, Stadt',315293),('05554','Borken',NULL::bigint),
  ('05554004','Ahaus, Stadt',39381),('05554008','Bocholt, Stadt',71113),
  ('05554012','Borken, Stadt',42629),('05554016','Gescher, Glockenstadt',17254),
  ('05554020','Gronau (Westf.), Stadt',48321),('05554024','Heek',8653),('05554028','Heiden',8218),
  ('05554032','Isselburg, Stadt',10636),('05554036','Legden',7326),('05554040','Raesfeld',11431),
  ('05554044','Reken',14888),('05554048','Rhede, Stadt',19299),('05554052','Schöppingen',6868),
  ('05554056','Stadtlohn, Stadt',20283),('05554060','Südlohn',9262),
  ('05554064','Velen, Stadt',13107),('05554068','Vreden, Stadt',22670),
  ('05558','Coesfeld',NULL::bigint),('05558004','Ascheberg',15494),
  ('05558008','Billerbeck, Stadt',11597),('05558012','Coesfeld, Stadt',36257),
  ('05558016','Dülmen, Stadt',46657),('05558020','Havixbeck',11943),
  ('05558024','Lüdinghausen, Stadt',24822),('05558028','Nordkirchen',10111),
  ('05558032','Nottuln',19619),('05558036','Olfen, Stadt',12923),('05558040','Rosendahl',10754),
  ('05558044','Senden',20409),('05562','Recklinghausen',NULL::bigint),
  ('05562004','Castrop-Rauxel, Stadt',73343),('05562008','Datteln, Stadt',34596),
  ('05562012','Dorsten, Stadt',74704),('05562014','Gladbeck, Stadt',75610),
  ('05562016','Haltern am See, Stadt',37850),('05562020','Herten, Stadt',61821),
  ('05562024','Marl, Stadt',84067),('05562028','Oer-Erkenschwick, Stadt',31421),
  ('05562032','Recklinghausen, Stadt',111397),('05562036','Waltrop, Stadt',29328),
  ('05566','Steinfurt',NULL::bigint),('05566004','Altenberge',10327),
  ('05566008','Emsdetten, Stadt',36029),('05566012','Greven, Stadt',37753),
  ('05566016','Hörstel, Stadt',20344),('05566020','Hopsten',7650),
  ('05566024','Horstmar, Stadt der Burgmannshöfe',6545),('05566028','Ibbenbüren, Stadt',51822),
  ('05566032','Ladbergen',6688),('05566036','Laer',6744),('05566040','Lengerich, Stadt',22660),
  ('05566044','Lienen',8604),('05566048','Lotte',14095),('05566052','Metelen',6360),
  ('05566056','Mettingen',11828),('05566060','Neuenkirchen',13887),('05566064','Nordwalde',9640),
  ('05566068','Ochtrup, Stadt',19662),('05566072','Recke',11376),('05566076','Rheine, Stadt',76218),
  ('05566080','Saerbeck, NRW-Klimakommune',7091),('05566084','Steinfurt, Stadt',34325),
  ('05566088','Tecklenburg, Stadt',9070),('05566092','Westerkappeln',11241),
  ('05566096','Wettringen',8261),('05570','Warendorf',NULL::bigint),
  ('05570004','Ahlen, Stadt',52503),('05570008','Beckum, Stadt',36815),('05570012','Beelen',6125),
  ('05570016','Drensteinfurt, Stadt',15556),('05570020','Ennigerloh, Stadt',19810),
  ('05570024','Everswinkel',9678),('05570028','Oelde, Stadt',29238),('05570032','Ostbevern',11007),
  ('05570036','Sassenberg, Stadt',14193),('05570040','Sendenhorst, Stadt',13193),
  ('05570044','Telgte, Stadt',19911),('05570048','Wadersloh',12654),
  ('05570052','Warendorf, Stadt',37157),('057','Reg.-Bez. Detmold',NULL::bigint),
  ('05711','Bielefeld, Stadt',NULL::bigint),('05711000','Bielefeld, Stadt',334195),
  ('05754','Gütersloh',NULL::bigint),('05754004','Borgholzhausen, Stadt',8968),
  ('05754008','Gütersloh, Stadt',100861),('05754012','Halle (Westf.), Stadt',21577),
  ('05754016','Harsewinkel, Die Mähdrescherstadt',25163),('05754020','Herzebrock-Clarholz',16004),
  ('05754024','Langenberg',8619),('05754028','Rheda-Wiedenbrück, Stadt',48644),
  ('05754032','Rietberg, Stadt',29545),('05754036','Schloß Holte-Stukenbrock, Stadt',26872),
  ('05754040','Steinhagen',20614),('05754044','Verl, Stadt',25318),
  ('05754048','Versmold, Stadt',21603),('05754052','Werther (Westf.), Stadt',11150),
  ('05758','Herford',NULL::bigint),('05758004','Bünde, Stadt',45187),
  ('05758008','Enger, Widukindstadt',20490),('05758012','Herford, Hansestadt',66638),
  ('05758016','Hiddenhausen',19705),('05758020','Kirchlengern',16023),
  ('05758024','Löhne, Stadt',39915),('05758028','Rödinghausen',9758),
  ('05758032','Spenge, Stadt',14482),('05758036','Vlotho, Stadt',18380),
  ('05762','Höxter',NULL::bigint),('05762004','Bad Driburg, Stadt',18959),
  ('05762008','Beverungen, Stadt',13103),('05762012','Borgentreich, Orgelstadt',8543),
  ('05762016','Brakel, Stadt',16137),('05762020','Höxter, Stadt',28808),
  ('05762024','Marienmünster, Stadt',4902),('05762028','Nieheim, Stadt',6084),
  ('05762032','Steinheim, Stadt',12528),('05762036','Warburg, Hansestadt',23076),
  ('05762040','Willebadessen, Stadt',8111),('05766','Lippe',NULL::bigint),
  ('05766004','Augustdorf',10032),('05766008','Bad Salzuflen, Stadt',54254),
  ('05766012','Barntrup, Stadt',8501),('05766016','Blomberg, Stadt',15115),
  ('05766020','Detmold, Stadt',74254),('05766024','Dörentrup',7680),('05766028','Extertal',11069),
  ('05766032','Horn-Bad Meinberg, Stadt',17263),('05766036','Kalletal',13471),
  ('05766040','Lage, Stadt',34858),('05766044','Lemgo, Stadt',40619),
  ('05766048','Leopoldshöhe',16263),('05766052','Lügde, Stadt der Osterräder',9390),
  ('05766056','Oerlinghausen, Stadt',17142),('05766060','Schieder-Schwalenberg, Stadt',8344),
  ('05766064','Schlangen',9259),('05770','Minden-Lübbecke',NULL::bigint),
  ('05770004','Bad Oeynhausen, Stadt',48604),('05770008','Espelkamp, Stadt',24782),
  ('05770012','Hille',15374),('05770016','Hüllhorst',13032),('05770020','Lübbecke, Stadt',25541),
  ('05770024','Minden, Stadt',81716),('05770028','Petershagen, Stadt',25119),
  ('05770032','Porta Westfalica, Stadt',35631),('05770036','Preußisch Oldendorf, Stadt',12188),
  ('05770040','Rahden, Stadt',15402),('05770044','Stemwede',13020),
  ('05774','Paderborn',NULL::bigint),('05774004','Altenbeken',9113),
  ('05774008','Bad Lippspringe, Stadt',16237),('05774012','Borchen',13393),
  ('05774016','Büren, Stadt',21515),('05774020','Delbrück, Stadt',31989),
  ('05774024','Hövelhof, Sennegemeinde',16281),('05774028','Lichtenau, Stadt',10570),
  ('05774032','Paderborn, Stadt',151633),('05774036','Salzkotten, Stadt',24956),
  ('05774040','Bad Wünnenberg, Stadt',12152),('059','Reg.-Bez. Arnsberg',NULL::bigint),
  ('05911','Bochum, Stadt',NULL::bigint),('05911000','Bochum, Stadt',365587),
  ('05913','Dortmund, Stadt',NULL::bigint),('05913000','Dortmund, Stadt',588250),
  ('05914','Hagen, Stadt der FernUniversität',NULL::bigint),
  ('05914000','Hagen, Stadt der FernUniversität',188686),('05915','Hamm, Stadt',NULL::bigint),
  ('05915000','Hamm, Stadt',179916),('05916','Herne, Stadt',NULL::bigint),
  ('05916000','Herne, Stadt',156449),('05954','Ennepe-Ruhr-Kreis',NULL::bigint),
  ('05954004','Breckerfeld, Hansestadt',8943),
  ('05954008','Ennepetal, Stadt der Kluterthöhle',30142),('05954012','Gevelsberg, Stadt',30701),
  ('05954016','Hattingen, Stadt',54438),('05954020','Herdecke, Stadt',22755),
  ('05954024','Schwelm, Stadt',28537),('05954028','Sprockhövel, Stadt',24739),
  ('05954032','Wetter (Ruhr), Stadt',27392),('05954036','Witten, Stadt',96459),
  ('05958','Hochsauerlandkreis',NULL::bigint),('05958004','Arnsberg, Stadt',73456),
  ('05958008','Bestwig',10623),('05958012','Brilon, Stadt',25451),
  ('05958016','Eslohe (Sauerland)',8811),('05958020','Hallenberg, Stadt',4465),
  ('05958024','Marsberg, Stadt',19540),('05958028','Medebach, Hansestadt',8000),
  ('05958032','Meschede, Kreis- und  Hochschulstadt',29786),('05958036','Olsberg, Stadt',14430),
  ('05958040','Schmallenberg, Stadt',24852),('05958044','Sundern (Sauerland), Stadt',27725),
  ('05958048','Winterberg, Stadt',12638),('05962','Märkischer Kreis',NULL::bigint),
  ('05962004','Altena, Stadt',16718),('05962008','Balve, Stadt',11201),
  ('05962012','Halver, Stadt',16083),('05962016','Hemer, Stadt',34062),
  ('05962020','Herscheid',6954),('05962024','Iserlohn, Stadt',92174),
  ('05962028','Kierspe, Stadt',16119),('05962032','Lüdenscheid, Stadt',72313),
  ('05962036','Meinerzhagen, Stadt',20367),('05962040','Menden (Sauerland), Stadt',52608),
  ('05962044','Nachrodt-Wiblingwerde',6546),('05962048','Neuenrade, Stadt',11889),
  ('05962052','Plettenberg, Stadt',25237),('05962056','Schalksmühle',10294),
  ('05962060','Werdohl, Stadt',17657),('05966','Olpe',NULL::bigint),
  ('05966004','Attendorn, Hansestadt',24264),('05966008','Drolshagen, Stadt',11783),
  ('05966012','Finnentrop',16955),('05966016','Kirchhundem',11485),
  ('05966020','Lennestadt, Stadt',25308),('05966024','Olpe, Stadt',24551),
  ('05966028','Wenden',19609),('05970','Siegen-Wittgenstein',NULL::bigint),
  ('05970004','Bad Berleburg, Stadt',18914),('05970008','Burbach',14856),
  ('05970012','Erndtebrück',6934),('05970016','Freudenberg, Stadt',17711),
  ('05970020','Hilchenbach, Stadt',14801),('05970024','Kreuztal, Stadt',31122),
  ('05970028','Bad Laasphe, Stadt',13504),('05970032','Netphen, Stadt',23081),
  ('05970036','Neunkirchen',13165),('05970040','Siegen, Universitätsstadt',102770),
  ('05970044','Wilnsdorf',20086),('05974','Soest',NULL::bigint),('05974004','Anröchte',10238),
  ('05974008','Bad Sassendorf',12065),('05974012','Ense',12162),('05974016','Erwitte, Stadt',16065),
  ('05974020','Geseke, Stadt',21422),('05974024','Lippetal',11894),
  ('05974028','Lippstadt, Stadt',67952),('05974032','Möhnesee',11722),
  ('05974036','Rüthen, Stadt',10826),('05974040','Soest, Stadt',47514),
  ('05974044','Warstein, Stadt',24643),('05974048','Welver',11833),('05974052','Werl, Stadt',30767),
  ('05974056','Wickede (Ruhr)',12682),('05978','Unna',NULL::bigint),
  ('05978004','Bergkamen, Stadt',48740),('05978008','Bönen',18171),
  ('05978012','Fröndenberg/Ruhr, Stadt',20760),('05978016','Holzwickede',17076),
  ('05978020','Kamen, Stadt',43023),('05978024','Lünen, Stadt',86348),
  ('05978028','Schwerte, Hansestadt an der Ruhr',46195),('05978032','Selm, Stadt',25925),
  ('05978036','Unna, Stadt',58936),('05978040','Werne, Stadt',29717)
  ) AS v(ags, name, population);
-- END generated territory

-- A Land, Regierungsbezirk or Kreis counts the people of its Gemeinden.
CREATE FUNCTION siko.territory_recount() RETURNS integer
	LANGUAGE sql VOLATILE PARALLEL UNSAFE
	AS $$
	WITH s AS (
		SELECT t.ags,
			   (SELECT COALESCE(pg_catalog.sum(g.population), 0)::bigint
				  FROM siko.territory AS g
				 WHERE g.level OPERATOR(pg_catalog.=) 'gemeinde'
				   AND g.ags OPERATOR(siko.<@) t.ags) AS population
		  FROM siko.territory AS t
		 WHERE t.level OPERATOR(pg_catalog.<>) 'gemeinde'),
	u AS (
		UPDATE siko.territory AS t
		   SET population = s.population
		  FROM s
		 WHERE t.ags OPERATOR(siko.=) s.ags
		   AND t.population IS DISTINCT FROM s.population
		RETURNING 1)
	SELECT pg_catalog.count(*)::integer FROM u
$$;
COMMENT ON FUNCTION siko.territory_recount() IS
	'sets the population of every Land, Regierungsbezirk and Kreis in siko.territory to the sum of its Gemeinden; returns the number of rows changed';

SELECT siko.territory_recount();

CREATE FUNCTION siko.load_territory(csv text, reference_date date DEFAULT DATE '2019-12-31')
RETURNS integer
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	header	text;
	n		integer;
BEGIN
	IF csv IS NULL OR reference_date IS NULL THEN
		RETURN NULL;
	END IF;
	header := pg_catalog.split_part(pg_catalog.ltrim(csv, U&'\FEFF'), E'\n', 1);
	IF pg_catalog.rtrim(header, E'\r') !~ '^satzart,textkennzeichen,land,rb,kreis,vb,gemeinde,gemeindename,flaeche,bevoelkerung(,|$)' THEN
		RAISE EXCEPTION 'invalid municipality register file: header "%"', pg_catalog.left(header, 120)
			USING ERRCODE = '22P04',
				  DETAIL = 'The file does not start with the header row of the Destatis extract (satzart,textkennzeichen,land,rb,kreis,vb,gemeinde,gemeindename,flaeche,bevoelkerung,...).',
				  HINT = 'Pass the whole CSV file of the Gemeindeverzeichnis (Auszug GV), UTF-8, comma-separated, with its header row.';
	END IF;

	WITH line AS (
		SELECT l.nr, l.line
		  FROM pg_catalog.regexp_split_to_table(pg_catalog.ltrim(csv, U&'\FEFF'), E'\r?\n')
			   WITH ORDINALITY AS l(line, nr)
		 WHERE l.nr > 1 AND l.line <> ''
	), field AS MATERIALIZED (
		SELECT line.nr,
			   ARRAY(SELECT CASE WHEN m[1] LIKE '"%' THEN
								pg_catalog.replace(pg_catalog.substr(m[1], 2, pg_catalog.length(m[1]) - 2), '""', '"')
							ELSE m[1] END
					   FROM pg_catalog.regexp_matches(line.line, '(?:^|,)("(?:[^"]|"")*"|[^,"]*)', 'g') AS m) AS f
		  FROM line
	), rec AS (
		SELECT f[1] AS satzart,
			   f[3] || f[4] || f[5] || f[7] AS key,
			   f[8] AS name,
			   NULLIF(pg_catalog.regexp_replace(f[10], '[^0-9]', '', 'g'), '')::bigint AS population
		  FROM field
		 WHERE f[1] IN ('10', '20', '40', '60')
	), val AS (
		SELECT pg_catalog.left(rec.key, CASE rec.satzart WHEN '10' THEN 2 WHEN '20' THEN 3
											WHEN '40' THEN 5 ELSE 8 END) AS key,
			   rec.name,
			   CASE rec.satzart WHEN '60' THEN COALESCE(rec.population, 0) END AS population
		  FROM rec
	)
	INSERT INTO siko.territory AS t (ags, name, level, population, reference_date)
	SELECT val.key::siko.ags, val.name, siko.ags_level(val.key::siko.ags), val.population,
		   load_territory.reference_date
	  FROM val
	ON CONFLICT (ags) DO UPDATE
	   SET name = excluded.name, level = excluded.level,
		   population = excluded.population, reference_date = excluded.reference_date;
	GET DIAGNOSTICS n = ROW_COUNT;

	-- A Land, Regierungsbezirk or Kreis counts the people of its Gemeinden.
	PERFORM siko.territory_recount();
	RETURN n;
END
$fn$;

COMMENT ON FUNCTION siko.load_territory(text, date) IS
'loads (inserts or updates) every Land, Regierungsbezirk, Kreis and Gemeinde of a Destatis Gemeindeverzeichnis CSV file given as text; returns the number of territories loaded. '
'The rows belong to the extension: pg_dump does not keep them, so run it again after a restore';

-- ---------------------------------------------------------------------
-- The register as the sources describe it
--
-- siko.load_register() writes ordinary register rows (positive ids from
-- the sequences), so pg_dump keeps them like any row a user enters and a
-- restore does not load them again.  Every date is kept exactly as
-- precise as the press releases leave it, and every accession cites them.
-- ---------------------------------------------------------------------

CREATE FUNCTION siko.load_register(code text)
RETURNS integer
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	-- the press releases and documents (seeds of the register)
	src			constant jsonb := $json${
	  "herten-2023-10-11": {
		"publisher": "Stadt Herten",
		"title": "Stadt Herten ist „Sicherheitskooperation Ruhr zur Bekämpfung der Clankriminalität“ beigetreten",
		"published": "2023-10-11",
		"note": "Press release (Meldungsdatum 11.10.2023): the committee ASFO decided the accession on 12 September 2023, the council was told on 27 September 2023 that it could take place in October, Bürgermeister Matthias Müller signed on 29 September, Herten joined on 1 October 2023."},
	  "haltern-2023-08-18": {
		"publisher": "Stadt Haltern am See",
		"title": "Haltern am See ist nun Teil der Sicherheitskooperation Ruhr",
		"published": "2023-08-18",
		"note": "Press release (Meldungsdatum 18.08.2023): Bürgermeister Andreas Stegemann signed the agreement \"in der vergangenen Woche\", that is in the week of 7 to 13 August 2023; the network took up its work in mid 2020."},
	  "herne-2023-05-25": {
		"publisher": "Stadt Herne",
		"title": "Polizei und Stadt intensivieren Zusammenarbeit",
		"published": "2023-05-25",
		"note": "Press release on the „Kooperationsvereinbarung zur Stärkung der öffentlichen Sicherheit und Ordnung“ of Stadt Herne and Polizeipräsidium Bochum."},
	  "ruhrkonferenz-2022-03-03": {
		"publisher": "Landesregierung Nordrhein-Westfalen",
		"title": "Zentrale Sicherheitskooperation zur Bekämpfung der Clankriminalität Metropolregion Ruhr",
		"published": "2022-03-03",
		"note": "Project page of the Ruhr-Konferenz; the date is its status (Stand: 3. März 2022). Founded 2020 by IM NRW, Bundespolizei, Generalzolldirektion and the cities Dortmund, Duisburg and Essen, office in Essen; since the founding 15 more Kommunen and the HSPV NRW joined."},
	  "dinslaken-2025-02-25": {
		"publisher": "Stadt Dinslaken",
		"title": "Pressemitteilung vom 25.02.2025",
		"published": "2025-02-25",
		"note": "The release has no headline: it reports that Bürgermeisterin Michaela Eislöffel signed the declaration of accession to the SiKo Ruhr on 25 February 2025."}
	}$json$;
	coop		record;
	a			record;
	key			text;
	coop_id		integer;
	partner_id	integer;
	acc_id		integer;
	source_id	integer;
	n			integer := 0;
BEGIN
	SELECT * INTO coop
	  FROM (VALUES
		('siko-ruhr',
		 'Sicherheitskooperation Ruhr zur Bekämpfung der Clankriminalität',
		 '2020', 'Essen',
		 'SiKo Ruhr: a project of the government of North Rhine-Westphalia within the Ruhr-Konferenz, founded 2020 (project page), at work since mid 2020 (Haltern am See, 18 August 2023); office (Geschäftsstelle) in Essen.'),
		('herne-bochum',
		 'Kooperationsvereinbarung zur Stärkung der öffentlichen Sicherheit und Ordnung',
		 '[..2023-05-25]', 'Herne',
		 'Agreement of Stadt Herne and Polizeipräsidium Bochum, reported by Stadt Herne on 25 May 2023; the day it was concluded is not given.')
	  ) AS v(code, name, founded, seat, note)
	 WHERE v.code = load_register.code;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown register: "%"', code
			USING ERRCODE = '22023',
				  DETAIL = 'siko.load_register() ships the registers siko-ruhr and herne-bochum only.',
				  HINT = 'Call siko.load_register(''siko-ruhr'') or siko.load_register(''herne-bochum'').';
	END IF;
	IF EXISTS (SELECT FROM siko.cooperation AS c WHERE c.code = coop.code) THEN
		RAISE EXCEPTION 'cooperation "%" is already in the register', coop.code
			USING ERRCODE = '23505',
				  DETAIL = 'siko.load_register() loads a cooperation once; its rows are ordinary register rows, which may have been corrected or extended since.',
				  HINT = format('To load it afresh, delete it first: DELETE FROM siko.accession WHERE cooperation_id = (SELECT id FROM siko.cooperation WHERE code = %1$L); DELETE FROM siko.cooperation WHERE code = %1$L;', coop.code);
	END IF;

	INSERT INTO siko.cooperation (code, name, founded, seat, note)
	VALUES (coop.code, coop.name, coop.founded::siko.fuzzydate, coop.seat, coop.note)
	RETURNING id INTO coop_id;

	FOR a IN
		SELECT *
		  FROM (VALUES
			-- The founders (project page): "2020 Gründung".
			('siko-ruhr', 'Ministerium des Innern NRW', 'ministry', NULL, '2020/..', NULL, NULL, NULL, NULL, 'founding partner', NULL, '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Bundespolizei', 'federal_agency', NULL, '2020/..', NULL, NULL, NULL, NULL, 'founding partner', NULL, '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Generalzolldirektion', 'federal_agency', NULL, '2020/..', NULL, NULL, NULL, NULL, 'founding partner', NULL, '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Dortmund', 'city', '05913000', '2020/..', NULL, NULL, NULL, NULL, 'founding partner', NULL, '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Duisburg', 'city', '05112000', '2020/..', NULL, NULL, NULL, NULL, 'founding partner', NULL, '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Essen', 'city', '05113000', '2020/..', NULL, NULL, NULL, NULL, 'founding partner', NULL, '{ruhrkonferenz-2022-03-03}'),
			-- Joined after the founding in 2020; listed as partners on 3 March 2022.
			('siko-ruhr', 'Bochum', 'city', '05911000', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Dorsten', 'municipality', '05562012', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Gelsenkirchen', 'city', '05513000', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Gladbeck', 'municipality', '05562014', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Hagen', 'city', '05914000', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Hamm', 'city', '05915000', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Herne', 'city', '05916000', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Marl', 'municipality', '05562024', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Mülheim an der Ruhr', 'city', '05117000', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Oberhausen', 'city', '05119000', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Oer-Erkenschwick', 'municipality', '05562028', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Ennepe-Ruhr-Kreis', 'district', '05954', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Kreis Recklinghausen', 'district', '05562', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Kreis Unna', 'district', '05978', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Kreis Wesel', 'district', '05170', '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			('siko-ruhr', 'Hochschule für Polizei und öffentliche Verwaltung NRW', 'university', NULL, '[2020..2022-03-03]/..', NULL, NULL, NULL, '[..2022-03-03]', NULL, 'joined after the founding; the day is not given', '{ruhrkonferenz-2022-03-03}'),
			-- Signed "last week" in a release of Friday, 18 August 2023.
			('siko-ruhr', 'Haltern am See', 'municipality', '05562016', '[2023-08-07..2023-08-13]/..', NULL, '[2023-08-07..2023-08-13]', NULL, '2023-08-18', NULL, 'signed in the week before the release; a partner from the signing on', '{haltern-2023-08-18}'),
			('siko-ruhr', 'Herten', 'municipality', '05562020', '2023-10-01/..', '2023-09-12', '2023-09-29', '2023-10-01', '2023-10-11', NULL, 'decided by the committee ASFO; the council was informed on 2023-09-27', '{herten-2023-10-11}'),
			('siko-ruhr', 'Dinslaken', 'municipality', '05170008', '2025-02-25/..', NULL, '2025-02-25', NULL, '2025-02-25', NULL, 'declaration of accession signed by the mayor', '{dinslaken-2025-02-25}'),
			-- The bilateral agreement, in force by the day it was reported.
			('herne-bochum', 'Herne', 'city', '05916000', '[..2023-05-25]/..', NULL, '[..2023-05-25]', NULL, '2023-05-25', 'party to the agreement', NULL, '{herne-2023-05-25}'),
			('herne-bochum', 'Polizeipräsidium Bochum', 'police', NULL, '[..2023-05-25]/..', NULL, '[..2023-05-25]', NULL, '2023-05-25', 'party to the agreement', NULL, '{herne-2023-05-25}')
		  ) AS v(code, partner, kind, ags, period, decided, signed, effective, announced, role, note, sources)
		 WHERE v.code = coop.code
	LOOP
		-- A partner may already be there (Herne belongs to both
		-- cooperations, or a user entered it): use that row.
		SELECT p.id INTO partner_id
		  FROM siko.partner AS p
		 WHERE p.name = a.partner OR p.ags OPERATOR(siko.=) a.ags::siko.ags
		 ORDER BY p.name = a.partner DESC
		 LIMIT 1;
		IF NOT FOUND THEN
			INSERT INTO siko.partner (name, kind, ags)
			VALUES (a.partner, a.kind::siko.partner_kind, a.ags::siko.ags)
			RETURNING id INTO partner_id;
		END IF;

		INSERT INTO siko.accession (cooperation_id, partner_id, period, decided, signed,
									effective, announced, role, note)
		VALUES (coop_id, partner_id, a.period::siko.period, a.decided::siko.fuzzydate,
				a.signed::siko.fuzzydate, a.effective::siko.fuzzydate,
				a.announced::siko.fuzzydate, a.role, a.note)
		RETURNING id INTO acc_id;
		n := n + 1;

		FOREACH key IN ARRAY a.sources::text[] LOOP
			SELECT s.id INTO source_id
			  FROM siko.source AS s
			 WHERE s.title = src -> key ->> 'title'
			   AND s.publisher IS NOT DISTINCT FROM src -> key ->> 'publisher'
			   AND s.published IS NOT DISTINCT FROM (src -> key ->> 'published')::date
			 ORDER BY s.id
			 LIMIT 1;
			IF NOT FOUND THEN
				INSERT INTO siko.source (publisher, title, published, note)
				VALUES (src -> key ->> 'publisher', src -> key ->> 'title',
						(src -> key ->> 'published')::date, src -> key ->> 'note')
				RETURNING id INTO source_id;
			END IF;
			INSERT INTO siko.accession_source (accession_id, source_id)
			VALUES (acc_id, source_id);
		END LOOP;
	END LOOP;
	RETURN n;
END
$fn$;

COMMENT ON FUNCTION siko.load_register(text) IS
'loads a register shipped with siko as ordinary register rows: ''siko-ruhr'' (the Sicherheitskooperation Ruhr) or ''herne-bochum'' (the agreement of Stadt Herne and Polizeipräsidium Bochum), '
'with partners, sources and accessions from the press releases; returns the number of accessions loaded; loading one twice is an error (23505)';

-- ---------------------------------------------------------------------
-- The timeline as a picture
--
-- Written in PL/pgSQL, not C: it formats a few dozen rows of the view
-- siko.timeline into text once per call, so speed does not matter, and
-- in SQL it reads the register through the same view users read, with
-- the same privileges, and needs no XML library.
-- ---------------------------------------------------------------------

CREATE FUNCTION siko.timeline_svg(cooperation text, from_day date DEFAULT NULL,
								  to_day date DEFAULT NULL, width integer DEFAULT 960)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	coop_name	text;
	first_day	date;
	last_day	date;
	nrows		integer;
	maxlen		integer;
	lo			date;			-- left edge of the time axis
	hi			date;			-- right edge
	x0			numeric;		-- where the time axis starts (after the labels)
	x1			numeric;		-- where it ends
	row_h		constant integer := 20;
	top			constant integer := 62;
	bottom		integer;
	height		integer;
	scale		numeric;		-- pixels per day
	axis		text;
	body		text;
	-- characters XML 1.0 does not allow; they are dropped from names
	bad			constant text := '[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]';
BEGIN
	IF cooperation IS NULL THEN
		RETURN NULL;
	END IF;
	IF width IS NULL OR width < 300 OR width > 10000 THEN
		RAISE EXCEPTION 'invalid width for siko.timeline_svg: %', COALESCE(width::text, 'NULL')
			USING ERRCODE = '22023',
				  DETAIL = 'The width of the picture is given in pixels and must lie between 300 and 10000.',
				  HINT = 'Leave it out for the default of 960 pixels.';
	END IF;
	SELECT c.name INTO coop_name FROM siko.cooperation AS c WHERE c.code = timeline_svg.cooperation;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown cooperation: "%"', cooperation
			USING ERRCODE = '22023',
				  DETAIL = 'No row of siko.cooperation has this code.',
				  HINT = 'The codes are listed in siko.cooperation (column code).';
	END IF;

	SELECT min(LEAST(CASE WHEN isfinite(t.joined_earliest) THEN t.joined_earliest END,
					 CASE WHEN isfinite(t.joined_latest) THEN t.joined_latest END)),
		   GREATEST(CURRENT_DATE,
					max(CASE WHEN isfinite(t.joined_latest) THEN t.joined_latest END),
					max(CASE WHEN isfinite(t.left_earliest) THEN t.left_earliest END),
					max(CASE WHEN isfinite(t.left_latest) THEN t.left_latest END)),
		   count(DISTINCT t.partner),
		   COALESCE(max(length(t.partner)), 0)
	  INTO first_day, last_day, nrows, maxlen
	  FROM siko.timeline AS t
	 WHERE t.cooperation = timeline_svg.cooperation;

	-- By default the axis runs from 1 January of the first year a start
	-- is known in to 1 January after today or the last known date.
	lo := COALESCE(from_day, make_date(extract(year FROM COALESCE(first_day, CURRENT_DATE))::integer, 1, 1));
	hi := COALESCE(to_day, make_date(extract(year FROM last_day)::integer + 1, 1, 1));
	IF NOT isfinite(lo) OR NOT isfinite(hi) OR hi <= lo THEN
		RAISE EXCEPTION 'invalid time axis for siko.timeline_svg: % to %', lo, hi
			USING ERRCODE = '22023',
				  DETAIL = 'The axis must run from a finite day to a later finite day.',
				  HINT = 'Pass from_day < to_day, or leave them out to fit the axis to the accessions.';
	END IF;

	x0 := 24 + ceil(maxlen * 7.2);
	x1 := width - 24;
	IF x1 - x0 < 100 THEN
		x0 := x1 - 100;
	END IF;
	scale := (x1 - x0) / (hi - lo);
	bottom := top + GREATEST(nrows, 1) * row_h;
	height := bottom + 74;

	-- the time axis: a line at each 1 January, the year in the middle of its span
	SELECT string_agg(
			 CASE WHEN y.jan1 > lo THEN
				format('<line class="year" x1="%1$s" y1="%2$s" x2="%1$s" y2="%3$s"/>',
					   round(x0 + (y.jan1 - lo) * scale, 1), top - 4, bottom + 4)
			 ELSE '' END ||
			 CASE WHEN (LEAST(hi, y.next) - GREATEST(lo, y.jan1)) * scale >= 30 THEN
				format('<text class="axis" x="%1$s" y="%2$s">%3$s</text><text class="axis" x="%1$s" y="%4$s">%3$s</text>',
					   round(x0 + ((GREATEST(lo, y.jan1) - lo) + (LEAST(hi, y.next) - GREATEST(lo, y.jan1)) / 2.0) * scale, 1),
					   top - 10, y.year, bottom + 18)
			 ELSE '' END,
			 E'\n' ORDER BY y.year)
	  INTO axis
	  FROM generate_series(extract(year FROM lo)::integer, extract(year FROM hi - 1)::integer) AS g(year)
	 CROSS JOIN LATERAL (SELECT g.year, make_date(g.year, 1, 1) AS jan1,
								make_date(g.year + 1, 1, 1) AS next) AS y;

	-- One row per partner: a label, then for each accession the possible
	-- start (hatched), the certain part (solid), the possible end (hatched)
	-- and an arrow when it still runs at the right edge.
	WITH acc AS (
		SELECT t.partner, t.role, t.joined, t."left",
			   COALESCE(t.joined_earliest, '-infinity'::date) AS s_lo,
			   COALESCE(t.joined_latest, 'infinity'::date) AS s_hi,
			   COALESCE(t.left_earliest, 'infinity'::date) AS e_lo,
			   COALESCE(t.left_latest, 'infinity'::date) AS e_hi
		  FROM siko.timeline AS t
		 WHERE t.cooperation = timeline_svg.cooperation
	), txt AS (
		SELECT a.*, r.n,
			   regexp_replace(a.partner, bad, '', 'g') AS label,
			   regexp_replace(a.partner || ': ' || COALESCE(a.joined, '?') || '/' || COALESCE(a."left", '?')
							  || COALESCE(' (' || a.role || ')', ''), bad, '', 'g') AS tip
		  FROM acc AS a
		  JOIN (SELECT acc.partner,
					   row_number() OVER (ORDER BY min(acc.s_lo), min(acc.s_hi), acc.partner) - 1 AS n
				  FROM acc GROUP BY acc.partner) AS r USING (partner)
	), seg AS (
		SELECT t.n, t.s_lo, t.s_hi, t.e_lo, t.e_hi, top + t.n * row_h AS y,
			   replace(replace(replace(replace(replace(t.label,
				 '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&apos;') AS label,
			   replace(replace(replace(replace(replace(t.tip,
				 '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&apos;') AS tip,
			   round(x0 + (GREATEST(lo, LEAST(hi, t.s_lo)) - lo) * scale, 1) AS xa,
			   round(x0 + (GREATEST(lo, LEAST(hi, t.s_hi)) - lo) * scale, 1) AS xb,
			   round(x0 + (GREATEST(lo, LEAST(hi, t.e_lo)) - lo) * scale, 1) AS xc,
			   round(x0 + (GREATEST(lo, LEAST(hi, t.e_hi)) - lo) * scale, 1) AS xd
		  FROM txt AS t
	)
	SELECT COALESCE((SELECT string_agg(
				format('<rect class="%s" x="0" y="%s" width="%s" height="%s"/><text class="label" x="%s" y="%s">%s</text>',
					   CASE WHEN l.n % 2 = 0 THEN 'even' ELSE 'odd' END, l.y, width, row_h,
					   x0 - 8, l.y + 14, l.label),
				E'\n' ORDER BY l.n)
					  FROM (SELECT DISTINCT seg.n, seg.y, seg.label FROM seg) AS l), '') || E'\n' ||
		   COALESCE(string_agg(
				format('<g><title>%s</title>', s.tip) ||
				CASE WHEN s.xb > s.xa THEN
					format('<rect class="possible" x="%s" y="%s" width="%s" height="12"/>', s.xa, s.y + 4, s.xb - s.xa)
				ELSE '' END ||
				CASE WHEN s.e_lo > s.s_hi AND s.e_lo > lo AND s.s_hi < hi THEN
					format('<rect class="certain" x="%s" y="%s" width="%s" height="12"/>',
						   s.xb, s.y + 4, GREATEST(s.xc - s.xb, 1))
				ELSE '' END ||
				CASE WHEN isfinite(s.e_lo) AND s.xd > s.xc THEN
					format('<rect class="possible" x="%s" y="%s" width="%s" height="12"/>', s.xc, s.y + 4, s.xd - s.xc)
				ELSE '' END ||
				CASE WHEN s.e_lo >= hi AND s.s_hi < hi THEN
					format('<path class="open" d="M%s %sl8 6l-8 6z"/>', x1 + 2, s.y + 4)
				ELSE '' END ||
				'</g>',
				E'\n' ORDER BY s.n, s.s_lo),
			format('<text class="label" x="%s" y="%s">no accessions</text>', x0 + 60, top + 14))
	  INTO body
	  FROM seg AS s;

	coop_name := replace(replace(replace(replace(replace(regexp_replace(coop_name, bad, '', 'g'),
					'&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&apos;');
	RETURN format(
'<svg xmlns="http://www.w3.org/2000/svg" width="%1$s" height="%2$s" viewBox="0 0 %1$s %2$s" font-family="sans-serif" font-size="12">
<title>%3$s</title>
<defs>
<pattern id="siko-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#d6e2f0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1f5fa8" stroke-width="2"/></pattern>
<style>
.certain { fill: #1f5fa8; }
.possible { fill: url(#siko-hatch); }
.open { fill: #1f5fa8; }
.even { fill: #f3f5f7; }
.odd { fill: #ffffff; }
.year { stroke: #b8c2cc; stroke-width: 1; }
.axis { fill: #4a5560; text-anchor: middle; }
.label { fill: #1a1f24; text-anchor: end; }
.legend { fill: #1a1f24; }
</style>
</defs>
<rect x="0" y="0" width="%1$s" height="%2$s" fill="#ffffff"/>
<text x="12" y="22" font-size="15" font-weight="bold">%3$s</text>
<text x="12" y="40" fill="#4a5560">accessions from %4$s to %5$s, one row per partner</text>
%6$s
%7$s
<g transform="translate(12,%8$s)">
<rect class="certain" x="0" y="0" width="24" height="12"/><text class="legend" x="30" y="11">certainly a member</text>
<rect class="possible" x="170" y="0" width="24" height="12"/><text class="legend" x="200" y="11">possibly a member: the day is known only within this span</text>
<path class="open" d="M560 0l8 6l-8 6z"/><text class="legend" x="576" y="11">still a member</text>
</g>
</svg>
',
		width, height, coop_name, lo, hi, COALESCE(axis, ''), body, bottom + 40);
END
$fn$;

COMMENT ON FUNCTION siko.timeline_svg(text, date, date, integer) IS
'an SVG Gantt chart of the accessions of a cooperation: one row per partner, the certain part of each membership solid, '
'the spans within which a start or end day is known only imprecisely hatched, an arrow for memberships still running; '
'a time axis with years from from_day to to_day (by default fitted to the accessions and today) and a legend';

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
