
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
