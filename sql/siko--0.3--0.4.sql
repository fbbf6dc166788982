-- siko 0.3 -> 0.4
\echo Use "ALTER EXTENSION siko UPDATE TO '0.4'" to load this file. \quit

-- ---------------------------------------------------------------------
-- A period's end day is its last day of membership (EDTF), no longer the
-- first day without it.  Every stored siko.period keeps its meaning: each
-- one is rewritten as the period that answers every as-of question as the
-- old value did (siko.period_from_exclusive_end), in the register, its
-- history and every user table in this database (columns of siko.period,
-- one-dimensional arrays of it, and domains over either).  Triggers (the register's rules
-- and history, and users' own) do not fire for the rewrite: it changes no
-- meaning.  A NOTICE says how many values were rewritten.
-- ---------------------------------------------------------------------

CREATE FUNCTION siko.period_from_exclusive_end(old siko.period) RETURNS siko.period
	AS 'MODULE_PATHNAME', 'siko_period_from_exclusive_end_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.period_from_exclusive_end(siko.period) IS
	'a period written when siko (0.3 and before) read the end as the first day without membership, as the period of the same meaning: an exact end one day earlier, an imprecise one as the one-of range of the same possible last days';

COMMENT ON FUNCTION siko.period(siko.fuzzydate, siko.fuzzydate) IS
	'the period from start through finish (its last day of membership, as EDTF reads an interval); a NULL finish makes it open (still running); an unknown end is written as text, e.g. ''2015/''::siko.period';
COMMENT ON FUNCTION siko.finish(siko.period) IS
	'the end of a period (its last day of membership); NULL when open or unknown (see siko.is_open)';

-- ---------------------------------------------------------------------
-- One implementation per as-of function: the known_on answers come from
-- the same C functions as the current state (the register's cache, built
-- from the history tables as they stood then), not from SQL of their own.
-- ---------------------------------------------------------------------
CREATE OR REPLACE FUNCTION siko.members_as_of(cooperation text, day pg_catalog.date,
								   known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS TABLE (partner text, kind siko.partner_kind, ags siko.ags,
				   certain boolean, period siko.period)
	AS 'MODULE_PATHNAME', 'siko_members_as_of'
	LANGUAGE C STABLE PARALLEL SAFE ROWS 50;
CREATE OR REPLACE FUNCTION siko.member_at(cooperation text, partner text, day pg_catalog.date,
							   known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_member_at_partner'
	LANGUAGE C STABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION siko.is_member(cooperation text, ags siko.ags, day pg_catalog.date,
							   known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_is_member'
	LANGUAGE C STABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION siko.is_covered(cooperation text, ags siko.ags, day pg_catalog.date,
								known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_is_covered'
	LANGUAGE C STABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION siko.covered_by(cooperation text, ags siko.ags, day pg_catalog.date,
								known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS TABLE (partner text, ags siko.ags, certain boolean)
	AS 'MODULE_PATHNAME', 'siko_covered_by'
	LANGUAGE C STABLE PARALLEL SAFE ROWS 2;
CREATE OR REPLACE FUNCTION siko.growth(cooperation text, from_day pg_catalog.date, to_day pg_catalog.date,
							step pg_catalog.interval DEFAULT '1 day',
							known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS TABLE (day pg_catalog.date, certain integer, possible integer)
	AS 'MODULE_PATHNAME', 'siko_growth'
	LANGUAGE C STABLE PARALLEL SAFE ROWS 1000;
CREATE OR REPLACE FUNCTION siko.cooperations_of(ags siko.ags, day pg_catalog.date,
									 known_on pg_catalog.timestamptz DEFAULT NULL)
	RETURNS text[]
	AS 'MODULE_PATHNAME', 'siko_cooperations_of'
	LANGUAGE C STABLE PARALLEL SAFE;

-- The as-of functions answer as known on a moment from a cache of the
-- history tables: a change of them (a restore) reaches every backend's
-- cache as a change of the register does.
CREATE TRIGGER register_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.cooperation_history
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_changed();
CREATE TRIGGER register_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.partner_history
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_changed();
CREATE TRIGGER register_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.accession_history
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_changed();
CREATE TRIGGER register_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.source_history
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_changed();
CREATE TRIGGER register_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.accession_source_history
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_changed();

-- ---------------------------------------------------------------------
-- The register's version: one row, one more with every statement that
-- changes the register (siko.register_changed(), in the changing
-- transaction).  The as-of functions read it with their statement's
-- snapshot and answer from a cache built for that version only, so every
-- answer of a statement comes from the register its snapshot sees.
-- ---------------------------------------------------------------------
CREATE TABLE siko.register_version (
	version bigint NOT NULL,
	one boolean NOT NULL DEFAULT true PRIMARY KEY CHECK (one)
);
INSERT INTO siko.register_version (version) VALUES (0);
COMMENT ON TABLE siko.register_version IS
	'the register''s version: one row, counted up by every statement that changes the register (the caches of the as-of functions are built for one version)';
COMMENT ON COLUMN siko.register_version.version IS 'how many statements have changed the register (in this database, since CREATE EXTENSION)';
COMMENT ON COLUMN siko.register_version.one IS 'true: the table has this one row';

DO $update$
DECLARE
	col		record;
	n		bigint;
	total	bigint := 0;
	ncols	integer := 0;
	expr	text;
	ne		text;
BEGIN
	SET LOCAL session_replication_role = replica;
	FOR col IN
		SELECT c.oid::pg_catalog.regclass AS rel, a.attname,
			   (pg_catalog.format_type(a.atttypid, NULL) LIKE '%[]') AS is_array,
			   t.typtype = 'd' AS is_domain
		  FROM pg_catalog.pg_attribute AS a
		  JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
		  JOIN pg_catalog.pg_type AS t ON t.oid = a.atttypid
		 WHERE c.relkind IN ('r', 'm') AND a.attnum > 0 AND NOT a.attisdropped
		   AND ('siko.period'::pg_catalog.regtype IN (a.atttypid, t.typbasetype, t.typelem)
				OR 'siko.period[]'::pg_catalog.regtype IN (a.atttypid, t.typbasetype))
		 ORDER BY c.oid, a.attnum
	LOOP
		IF col.is_array OR EXISTS (SELECT FROM pg_catalog.pg_type AS d
									WHERE d.oid = (SELECT a.atttypid FROM pg_catalog.pg_attribute AS a
													WHERE a.attrelid = col.rel AND a.attname = col.attname)
									  AND d.typbasetype = 'siko.period[]'::pg_catalog.regtype) THEN
			expr := pg_catalog.format(
				'ARRAY(SELECT siko.period_from_exclusive_end(x) FROM pg_catalog.unnest(%1$I) WITH ORDINALITY AS u(x, i) ORDER BY i)', col.attname);
			ne := 'OPERATOR(pg_catalog.<>)';
		ELSE
			expr := pg_catalog.format('siko.period_from_exclusive_end(%I)', col.attname);
			ne := 'OPERATOR(siko.<>)';
		END IF;
		IF (SELECT c.relkind FROM pg_catalog.pg_class AS c WHERE c.oid = col.rel) = 'm' THEN
			RAISE WARNING 'siko: the materialized view % holds periods of the old meaning: REFRESH MATERIALIZED VIEW % after the update', col.rel, col.rel;
			CONTINUE;
		END IF;
		-- ONLY: each table, partition and inheritance child once
		-- (compared as stored: an unknown end reads the same as text but
		-- keeps its earliest last day differently)
		EXECUTE pg_catalog.format('UPDATE ONLY %s SET %I = %s WHERE %I IS NOT NULL AND %I %s (%s)',
								  col.rel, col.attname, expr, col.attname, col.attname, ne, expr);
		GET DIAGNOSTICS n = ROW_COUNT;
		total := total + n;
		ncols := ncols + 1;
	END LOOP;
	-- the script runs with client_min_messages at warning at least: the
	-- notice goes out at the level the session had
	PERFORM pg_catalog.set_config('client_min_messages',
		(SELECT s.reset_val FROM pg_catalog.pg_settings AS s
		  WHERE s.name OPERATOR(pg_catalog.=) 'client_min_messages'), true);
	RAISE NOTICE 'siko 0.4: a period''s end is now its last day of membership; % stored value(s) in % column(s) rewritten to keep their meaning', total, ncols;
	PERFORM pg_catalog.set_config('client_min_messages', 'warning', true);
END
$update$;

-- ---------------------------------------------------------------------
-- Sources get a short unique key (filled in below, once the function
-- that derives the key of a source without one exists)
-- ---------------------------------------------------------------------
ALTER TABLE siko.source ADD COLUMN key text;
ALTER TABLE siko.source_history ADD COLUMN key text;
COMMENT ON TABLE siko.source IS 'a press release or document backing accessions: its short key, publisher, title, published date, reference (URL)';

-- ---------------------------------------------------------------------
-- Every function has named parameters.  PostgreSQL lets CREATE OR
-- REPLACE name parameters that had no name; the functions keep their
-- oids, so the types, operators, operator classes and aggregates built
-- on them stay as they are.
-- ---------------------------------------------------------------------
CREATE OR REPLACE FUNCTION siko.ags_in(input cstring)
 RETURNS siko.ags
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$ags_in$function$;

CREATE OR REPLACE FUNCTION siko.ags_out(value siko.ags)
 RETURNS cstring
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$ags_out$function$;

CREATE OR REPLACE FUNCTION siko.ags_recv(buf internal)
 RETURNS siko.ags
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$ags_recv$function$;

CREATE OR REPLACE FUNCTION siko.ags_send(value siko.ags)
 RETURNS bytea
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$ags_send$function$;

CREATE OR REPLACE FUNCTION siko.ags_eq(a siko.ags, b siko.ags)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$ags_eq$function$;

CREATE OR REPLACE FUNCTION siko.ags_ne(a siko.ags, b siko.ags)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$ags_ne$function$;

CREATE OR REPLACE FUNCTION siko.ags_lt(a siko.ags, b siko.ags)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$ags_lt$function$;

CREATE OR REPLACE FUNCTION siko.ags_le(a siko.ags, b siko.ags)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$ags_le$function$;

CREATE OR REPLACE FUNCTION siko.ags_gt(a siko.ags, b siko.ags)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$ags_gt$function$;

CREATE OR REPLACE FUNCTION siko.ags_ge(a siko.ags, b siko.ags)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$ags_ge$function$;

CREATE OR REPLACE FUNCTION siko.ags_cmp(a siko.ags, b siko.ags)
 RETURNS integer
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$ags_cmp$function$;

CREATE OR REPLACE FUNCTION siko.ags_sortsupport(ssup internal)
 RETURNS void
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$ags_sortsupport$function$;

CREATE OR REPLACE FUNCTION siko.ags_hash(value siko.ags)
 RETURNS integer
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$ags_hash$function$;

CREATE OR REPLACE FUNCTION siko.ags_hash_extended(value siko.ags, seed bigint)
 RETURNS bigint
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$ags_hash_extended$function$;

CREATE OR REPLACE FUNCTION siko.ags_contains_support(request internal)
 RETURNS internal
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$ags_contains_support$function$;

CREATE OR REPLACE FUNCTION siko.ags_contained_support(request internal)
 RETURNS internal
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$ags_contained_support$function$;

CREATE OR REPLACE FUNCTION siko.ags_contains(a siko.ags, b siko.ags)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF SUPPORT siko.ags_contains_support
AS 'MODULE_PATHNAME', $function$ags_contains$function$;

CREATE OR REPLACE FUNCTION siko.ags_contained(a siko.ags, b siko.ags)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF SUPPORT siko.ags_contained_support
AS 'MODULE_PATHNAME', $function$ags_contained$function$;

CREATE OR REPLACE FUNCTION siko.ags_level(ags siko.ags)
 RETURNS text
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$ags_level$function$;

CREATE OR REPLACE FUNCTION siko.ags_parent(ags siko.ags)
 RETURNS siko.ags
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$ags_parent$function$;

CREATE OR REPLACE FUNCTION siko.ags_kreis(ags siko.ags)
 RETURNS siko.ags
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$ags_kreis$function$;

CREATE OR REPLACE FUNCTION siko.ags_land(ags siko.ags)
 RETURNS siko.ags
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$ags_land$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_in(input cstring)
 RETURNS siko.fuzzydate
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_in$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_out(value siko.fuzzydate)
 RETURNS cstring
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_out$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_recv(buf internal)
 RETURNS siko.fuzzydate
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_recv$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_send(value siko.fuzzydate)
 RETURNS bytea
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_send$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_cmp(a siko.fuzzydate, b siko.fuzzydate)
 RETURNS integer
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_cmp_sql$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_eq(a siko.fuzzydate, b siko.fuzzydate)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_eq$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_ne(a siko.fuzzydate, b siko.fuzzydate)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_ne$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_lt(a siko.fuzzydate, b siko.fuzzydate)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_lt$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_le(a siko.fuzzydate, b siko.fuzzydate)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_le$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_gt(a siko.fuzzydate, b siko.fuzzydate)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_gt$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_ge(a siko.fuzzydate, b siko.fuzzydate)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_ge$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_sortsupport(ssup internal)
 RETURNS void
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_sortsupport$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_hash(value siko.fuzzydate)
 RETURNS integer
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_hash$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate_hash_extended(value siko.fuzzydate, seed bigint)
 RETURNS bigint
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_hash_extended$function$;

CREATE OR REPLACE FUNCTION siko.fuzzydate(day date)
 RETURNS siko.fuzzydate
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_from_date$function$;

CREATE OR REPLACE FUNCTION siko.earliest(d siko.fuzzydate)
 RETURNS date
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_earliest$function$;

CREATE OR REPLACE FUNCTION siko.latest(d siko.fuzzydate)
 RETURNS date
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_latest$function$;

CREATE OR REPLACE FUNCTION siko."precision"(d siko.fuzzydate)
 RETURNS text
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_precision_sql$function$;

CREATE OR REPLACE FUNCTION siko.before(d siko.fuzzydate, day date)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_before_sql$function$;

CREATE OR REPLACE FUNCTION siko.after(d siko.fuzzydate, day date)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_fuzzydate_after_sql$function$;

CREATE OR REPLACE FUNCTION siko.period_in(input cstring)
 RETURNS siko.period
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_in$function$;

CREATE OR REPLACE FUNCTION siko.period_out(value siko.period)
 RETURNS cstring
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_out$function$;

CREATE OR REPLACE FUNCTION siko.period_recv(buf internal)
 RETURNS siko.period
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_recv$function$;

CREATE OR REPLACE FUNCTION siko.period_send(value siko.period)
 RETURNS bytea
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_send$function$;

CREATE OR REPLACE FUNCTION siko.start(p siko.period)
 RETURNS siko.fuzzydate
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_start$function$;

CREATE OR REPLACE FUNCTION siko.finish(p siko.period)
 RETURNS siko.fuzzydate
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_finish$function$;

CREATE OR REPLACE FUNCTION siko.is_open(p siko.period)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_is_open$function$;

CREATE OR REPLACE FUNCTION siko.member_at(p siko.period, day date)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_member_at_sql$function$;

CREATE OR REPLACE FUNCTION siko.certain(p siko.period)
 RETURNS daterange
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_certain$function$;

CREATE OR REPLACE FUNCTION siko.possible(p siko.period)
 RETURNS daterange
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_possible$function$;

CREATE OR REPLACE FUNCTION siko.period_contains_date(p siko.period, day date)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_contains_date$function$;

CREATE OR REPLACE FUNCTION siko.date_contained_period(day date, p siko.period)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_date_contained_period$function$;

CREATE OR REPLACE FUNCTION siko.period_overlaps(a siko.period, b siko.period)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_overlaps_sql$function$;

CREATE OR REPLACE FUNCTION siko.period_cmp(a siko.period, b siko.period)
 RETURNS integer
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_cmp_sql$function$;

CREATE OR REPLACE FUNCTION siko.period_eq(a siko.period, b siko.period)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$siko_period_eq$function$;

CREATE OR REPLACE FUNCTION siko.period_ne(a siko.period, b siko.period)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT LEAKPROOF
AS 'MODULE_PATHNAME', $function$siko_period_ne$function$;

CREATE OR REPLACE FUNCTION siko.period_lt(a siko.period, b siko.period)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_lt$function$;

CREATE OR REPLACE FUNCTION siko.period_le(a siko.period, b siko.period)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_le$function$;

CREATE OR REPLACE FUNCTION siko.period_gt(a siko.period, b siko.period)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_gt$function$;

CREATE OR REPLACE FUNCTION siko.period_ge(a siko.period, b siko.period)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_ge$function$;

CREATE OR REPLACE FUNCTION siko.period_hash(value siko.period)
 RETURNS integer
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_hash$function$;

CREATE OR REPLACE FUNCTION siko.period_hash_extended(value siko.period, seed bigint)
 RETURNS bigint
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_hash_extended$function$;

CREATE OR REPLACE FUNCTION siko.period_gist_key_in(input cstring)
 RETURNS siko.period_gist_key
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_gist_key_in$function$;

CREATE OR REPLACE FUNCTION siko.period_gist_key_out(value siko.period_gist_key)
 RETURNS cstring
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_gist_key_out$function$;

CREATE OR REPLACE FUNCTION siko.period_gist_consistent(entry internal, query siko.period, strategy smallint, subtype oid, recheck internal)
 RETURNS boolean
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_gist_consistent$function$;

CREATE OR REPLACE FUNCTION siko.period_gist_union(entryvec internal, size internal)
 RETURNS siko.period_gist_key
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_gist_union$function$;

CREATE OR REPLACE FUNCTION siko.period_gist_compress(entry internal)
 RETURNS internal
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_gist_compress$function$;

CREATE OR REPLACE FUNCTION siko.period_gist_penalty(origentry internal, newentry internal, penalty internal)
 RETURNS internal
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_gist_penalty$function$;

CREATE OR REPLACE FUNCTION siko.period_gist_picksplit(entryvec internal, splitvec internal)
 RETURNS internal
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_gist_picksplit$function$;

CREATE OR REPLACE FUNCTION siko.period_gist_same(a siko.period_gist_key, b siko.period_gist_key, result internal)
 RETURNS internal
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_gist_same$function$;

CREATE OR REPLACE FUNCTION siko.period_agg_transfn(state internal, p siko.period)
 RETURNS internal
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', $function$siko_period_agg_transfn$function$;

CREATE OR REPLACE FUNCTION siko.period_agg_combinefn(state1 internal, state2 internal)
 RETURNS internal
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', $function$siko_period_agg_combinefn$function$;

CREATE OR REPLACE FUNCTION siko.period_agg_serialfn(state internal)
 RETURNS bytea
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_agg_serialfn$function$;

CREATE OR REPLACE FUNCTION siko.period_agg_deserialfn(bytes bytea, dummy internal)
 RETURNS internal
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_period_agg_deserialfn$function$;

CREATE OR REPLACE FUNCTION siko.period_agg_finalfn(state internal)
 RETURNS siko.period[]
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', $function$siko_period_agg_finalfn$function$;

CREATE OR REPLACE FUNCTION siko.cooperation_counts_trans(state internal, ags siko.ags, day date)
 RETURNS internal
 LANGUAGE c
 STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', $function$siko_cooperation_counts_trans$function$;

CREATE OR REPLACE FUNCTION siko.cooperation_counts_combine(state1 internal, state2 internal)
 RETURNS internal
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', $function$siko_cooperation_counts_combine$function$;

CREATE OR REPLACE FUNCTION siko.cooperation_counts_serial(state internal)
 RETURNS bytea
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_cooperation_counts_serial$function$;

CREATE OR REPLACE FUNCTION siko.cooperation_counts_deserial(bytes bytea, dummy internal)
 RETURNS internal
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$siko_cooperation_counts_deserial$function$;

CREATE OR REPLACE FUNCTION siko.cooperation_counts_final(state internal)
 RETURNS siko.cooperation_count[]
 LANGUAGE c
 IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', $function$siko_cooperation_counts_final$function$;


CREATE OR REPLACE AGGREGATE siko.period_agg(p siko.period) (
	SFUNC = siko.period_agg_transfn,
	STYPE = pg_catalog.internal,
	FINALFUNC = siko.period_agg_finalfn,
	COMBINEFUNC = siko.period_agg_combinefn,
	SERIALFUNC = siko.period_agg_serialfn,
	DESERIALFUNC = siko.period_agg_deserialfn,
	PARALLEL = SAFE
);

-- ---------------------------------------------------------------------
-- The readers of the history refuse where row-level security filters a
-- register table but not its history table
-- ---------------------------------------------------------------------
CREATE FUNCTION siko.history_readable() RETURNS boolean
	AS 'MODULE_PATHNAME', 'siko_history_readable' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION siko.history_readable() IS
	'true when the current user may read the register''s history; 0A000 where row-level security filters a register table for the user but not its history table';

CREATE OR REPLACE FUNCTION siko.timeline_as_known_on(known_on pg_catalog.timestamptz)
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
WHERE $1 IS NOT NULL AND siko.history_readable()
  AND a.recorded_from OPERATOR(pg_catalog.<=) $1
  AND (a.recorded_until IS NULL OR a.recorded_until OPERATOR(pg_catalog.>) $1)
$fn$;

CREATE OR REPLACE FUNCTION siko.history(cooperation text, partner text DEFAULT NULL)
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
	PERFORM siko.history_readable();
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

-- ---------------------------------------------------------------------
-- siko.load_register(): Herten's decision is not in its source, the
-- founders were at work by mid 2020, and the sources keep their keys
-- ---------------------------------------------------------------------
CREATE OR REPLACE FUNCTION siko.load_register(code text)
RETURNS integer
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	-- the registers and their sources: a data file installed with siko
	shipped		constant jsonb := siko.shipped_data('siko_registers.json')::jsonb;
	codes		text[];
	coop		record;
	a			record;
	src			jsonb;
	src_key		text;
	coop_id		integer;
	partner_id	integer;
	acc_id		integer;
	source_id	integer;
	n			integer := 0;
BEGIN
	SELECT * INTO coop
	  FROM jsonb_to_recordset(shipped -> 'cooperations')
		   AS v(code text, name text, founded text, seat text, note text, accessions jsonb)
	 WHERE v.code = load_register.code;
	IF NOT FOUND THEN
		SELECT array_agg(e.c ->> 'code' ORDER BY e.ord) INTO codes
		  FROM jsonb_array_elements(shipped -> 'cooperations') WITH ORDINALITY AS e(c, ord);
		RAISE EXCEPTION 'unknown register: "%"', code
			USING ERRCODE = '22023',
				  DETAIL = format('siko.load_register() ships the registers %s only.',
								  array_to_string(codes[1:cardinality(codes) - 1], ', ')
								  || ' and ' || codes[cardinality(codes)]),
				  HINT = format('Call %s.',
								(SELECT string_agg(format('siko.load_register(%L)', c), ' or ')
								   FROM unnest(codes) AS c));
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
		SELECT v.*
		  FROM ROWS FROM (jsonb_to_recordset(coop.accessions)
						  AS (partner text, kind text, ags text, period text, decided text,
							  signed text, effective text, announced text, role text,
							  note text, sources text[])) WITH ORDINALITY AS v
		 ORDER BY v.ordinality
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

		FOREACH src_key IN ARRAY a.sources LOOP
			SELECT s.id INTO source_id FROM siko.source AS s WHERE s.key = src_key;
			IF NOT FOUND THEN
				src := shipped -> 'sources' -> src_key;
				INSERT INTO siko.source (key, publisher, title, published, note)
				VALUES (src_key, src ->> 'publisher', src ->> 'title',
						(src ->> 'published')::date, src ->> 'note')
				RETURNING id INTO source_id;
			END IF;
			INSERT INTO siko.accession_source (accession_id, source_id)
			VALUES (acc_id, source_id);
		END LOOP;
	END LOOP;
	RETURN n;
END
$fn$;

-- ---------------------------------------------------------------------
-- Keeping the register by name: sources get a short key, and
-- siko.add_partner, siko.add_source, siko.add_accession and
-- siko.end_accession take names, not ids.  They apply every rule of the
-- register (the triggers), and record the history with the reason given.
-- ---------------------------------------------------------------------

-- A source inserted without a key gets one derived from its id.
CREATE FUNCTION siko.source_default_key(id integer) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$SELECT 'source-' OPERATOR(pg_catalog.||) $1::pg_catalog.text$$;
COMMENT ON FUNCTION siko.source_default_key(integer) IS
	'the key a source without one gets: source- and its id';

CREATE FUNCTION siko.source_key() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	IF NEW.key IS NULL THEN
		NEW.key := siko.source_default_key(NEW.id);
	END IF;
	RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION siko.source_key() IS
	'row trigger of siko.source: a row inserted without a key gets siko.source_default_key(id)';
REVOKE ALL ON FUNCTION siko.source_key() FROM PUBLIC;
CREATE TRIGGER source_key BEFORE INSERT ON siko.source
	FOR EACH ROW EXECUTE FUNCTION siko.source_key();

-- How alike two names are: the share of the three-letter pieces of their
-- lower-cased words that they have in common (0 to 1).  Names are
-- compared by their first 200 characters: the pieces of a longer text
-- would take long to count and say nothing of a name.
CREATE FUNCTION siko.name_similarity(a text, b text) RETURNS real
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE WHEN count(*) = 0 THEN 0::real
			ELSE (count(*) FILTER (WHERE z.sides = 2))::real / count(*)::real END
  FROM (SELECT g.piece, count(DISTINCT g.side) AS sides
		  FROM (SELECT w.side, substr(w.padded, i, 3) AS piece
				  FROM (SELECT x.side, '  ' || x.word || ' ' AS padded
						  FROM (SELECT 1 AS side, regexp_split_to_table(lower(left($1, 200)), '[^[:alnum:]]+') AS word
								UNION ALL
								SELECT 2, regexp_split_to_table(lower(left($2, 200)), '[^[:alnum:]]+')) AS x
						 WHERE x.word <> '') AS w,
					   generate_series(1, length(w.padded) - 2) AS i) AS g
		 GROUP BY g.piece) AS z
$fn$;
COMMENT ON FUNCTION siko.name_similarity(text, text) IS
	'how alike two names are, 0 to 1: the share of the three-letter pieces of their lower-cased words (of their first 200 characters) they have in common (for the hints of unknown names)';

-- The error for a name that is not in the register, with the nearest
-- names as a hint.
CREATE FUNCTION siko.unknown_name(what text, name text, known text[], listing text)
	RETURNS void
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	near	text;
BEGIN
	SELECT CASE WHEN count(*) > 1 THEN 'one of ' ELSE '' END
		   || string_agg(format('"%s"', n.k), ', ' ORDER BY n.sim DESC, n.k) INTO near
	  FROM (SELECT k, siko.name_similarity(unknown_name.name, k) AS sim
			  FROM unnest(known) AS k
			 ORDER BY 2 DESC, k LIMIT 3) AS n
	 WHERE n.sim >= 0.3;
	RAISE EXCEPTION 'unknown %: "%"', what, name
		USING ERRCODE = '22023',
			  DETAIL = format('No row of siko.%s has this %s.', what,
							  CASE what WHEN 'cooperation' THEN 'code' WHEN 'source' THEN 'key' ELSE 'name' END),
			  HINT = CASE WHEN near IS NULL THEN '' ELSE format('Perhaps you meant %s. ', near) END
					 || format('They are listed by: %s', listing);
END
$fn$;
COMMENT ON FUNCTION siko.unknown_name(text, text, text[], text) IS
	'raises the error for an unknown cooperation, partner or source (22023), with the nearest known names (siko.name_similarity) and the query that lists them as the hint';

-- The id of a cooperation by code, a partner by name, a source by key.
CREATE FUNCTION siko.find_id(what text, name text) RETURNS integer
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	col		constant text := CASE what WHEN 'cooperation' THEN 'code' WHEN 'source' THEN 'key' ELSE 'name' END;
	found_id	integer;
	known	text[];
BEGIN
	IF what NOT IN ('cooperation', 'partner', 'source') THEN
		RAISE EXCEPTION 'siko.find_id finds a cooperation, partner or source, not "%"', what
			USING ERRCODE = '22023';
	END IF;
	EXECUTE format('SELECT t.id FROM siko.%I AS t WHERE t.%I = $1', what, col) INTO found_id USING name;
	IF found_id IS NULL THEN
		EXECUTE format('SELECT array_agg(t.%I) FROM siko.%I AS t', col, what) INTO known;
		PERFORM siko.unknown_name(what, name, known,
			format('SELECT %s FROM siko.%s;',
				   CASE what WHEN 'cooperation' THEN 'code, name' WHEN 'partner' THEN 'name, kind'
				   ELSE 'key, publisher, title' END, what));
	END IF;
	RETURN found_id;
END
$fn$;
COMMENT ON FUNCTION siko.find_id(text, text) IS
	'the id of the cooperation (what = cooperation) with this code, the partner with this name or the source with this key; 22023 with the nearest ones when there is none';

CREATE FUNCTION siko.find_cooperation(code text) RETURNS integer
	LANGUAGE sql STABLE PARALLEL SAFE
	AS $$SELECT siko.find_id('cooperation', $1)$$;
COMMENT ON FUNCTION siko.find_cooperation(text) IS
	'the id of the cooperation with this code; 22023 with the nearest codes when there is none';

CREATE FUNCTION siko.find_partner(name text) RETURNS integer
	LANGUAGE sql STABLE PARALLEL SAFE
	AS $$SELECT siko.find_id('partner', $1)$$;
COMMENT ON FUNCTION siko.find_partner(text) IS
	'the id of the partner with this name; 22023 with the nearest names when there is none';

CREATE FUNCTION siko.find_source(key text) RETURNS integer
	LANGUAGE sql STABLE PARALLEL SAFE
	AS $$SELECT siko.find_id('source', $1)$$;
COMMENT ON FUNCTION siko.find_source(text) IS
	'the id of the source with this key; 22023 with the nearest keys when there is none';

-- the arguments a keeping function cannot do without
CREATE FUNCTION siko.require(fn text, arg text, missing boolean) RETURNS void
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	IF missing THEN
		RAISE EXCEPTION '% needs %', fn, arg
			USING ERRCODE = '22004',
				  DETAIL = format('The argument %s is NULL.', arg),
				  HINT = format('Pass %s, by name if you like: %s(%s => ...).', arg, fn, arg);
	END IF;
END
$fn$;
COMMENT ON FUNCTION siko.require(text, text, boolean) IS
	'raises 22004 when a required argument (arg) of a keeping function (fn) is missing (NULL)';

CREATE FUNCTION siko.add_partner(name text, kind text, ags siko.ags DEFAULT NULL,
								 note text DEFAULT NULL)
	RETURNS integer
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	kinds	text[] := enum_range(NULL::siko.partner_kind)::text[];
	new_id	integer;
BEGIN
	PERFORM siko.require('siko.add_partner', 'name', name IS NULL);
	PERFORM siko.require('siko.add_partner', 'kind', kind IS NULL);
	IF NOT kind = ANY (kinds) THEN
		RAISE EXCEPTION 'unknown partner kind: "%"', kind
			USING ERRCODE = '22023',
				  DETAIL = format('The kinds are %s.', array_to_string(kinds, ', ')),
				  HINT = 'A city (kreisfreie Stadt) and a municipality (kreisangehörige Gemeinde) carry their 8-digit ags, a district (Kreis) its 5-digit one; the other kinds carry none.';
	END IF;
	INSERT INTO siko.partner AS p (name, kind, ags, note)
	VALUES (add_partner.name, add_partner.kind::siko.partner_kind, add_partner.ags, add_partner.note)
	RETURNING p.id INTO new_id;
	RETURN new_id;
END
$fn$;
COMMENT ON FUNCTION siko.add_partner(text, text, siko.ags, text) IS
	'adds a partner (kind: one of siko.partner_kind; cities and municipalities with their 8-digit ags, districts with their 5-digit one) and returns its id';

CREATE FUNCTION siko.add_source(key text, title text, publisher text DEFAULT NULL,
								published date DEFAULT NULL, reference text DEFAULT NULL,
								note text DEFAULT NULL)
	RETURNS integer
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	new_id		integer;
	violated	text;
BEGIN
	PERFORM siko.require('siko.add_source', 'key', key IS NULL);
	PERFORM siko.require('siko.add_source', 'title', title IS NULL);
	INSERT INTO siko.source AS s (key, title, publisher, published, reference, note)
	VALUES (add_source.key, add_source.title, add_source.publisher, add_source.published,
			add_source.reference, add_source.note)
	RETURNING s.id INTO new_id;
	RETURN new_id;
EXCEPTION WHEN check_violation THEN
	GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME;
	IF violated IS DISTINCT FROM 'source_key_form' THEN
		RAISE;
	END IF;
	RAISE EXCEPTION 'invalid source key: "%"', key
		USING ERRCODE = '22023',
			  DETAIL = 'A source key is lower-case letters and digits in words joined by single hyphens, at most 63 bytes.',
			  HINT = 'Name a source after its publisher and day, e.g. herten-2023-10-11.';
END
$fn$;
COMMENT ON FUNCTION siko.add_source(text, text, text, date, text, text) IS
	'adds a source under a short unique key (lower-case words joined by hyphens, e.g. herten-2023-10-11) and returns its id';

CREATE FUNCTION siko.add_accession(cooperation text, partner text, period siko.period,
								   decided siko.fuzzydate DEFAULT NULL,
								   signed siko.fuzzydate DEFAULT NULL,
								   effective siko.fuzzydate DEFAULT NULL,
								   announced siko.fuzzydate DEFAULT NULL,
								   role text DEFAULT NULL, note text DEFAULT NULL,
								   sources text[] DEFAULT NULL, reason text DEFAULT NULL)
	RETURNS integer
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	v_coop		integer := siko.find_cooperation(cooperation);
	v_partner	integer := siko.find_partner(partner);
	source_ids	integer[];
	old_reason	text := current_setting('siko.reason', true);
	new_id		integer;
BEGIN
	PERFORM siko.require('siko.add_accession', 'period', period IS NULL);
	source_ids := ARRAY(SELECT DISTINCT siko.find_source(k) FROM unnest(sources) AS k);
	IF reason IS NOT NULL THEN
		PERFORM set_config('siko.reason', reason, true);
	END IF;
	INSERT INTO siko.accession AS a (cooperation_id, partner_id, period, decided, signed,
									 effective, announced, role, note)
	VALUES (v_coop, v_partner, add_accession.period, add_accession.decided,
			add_accession.signed, add_accession.effective, add_accession.announced,
			add_accession.role, add_accession.note)
	RETURNING a.id INTO new_id;
	INSERT INTO siko.accession_source (accession_id, source_id)
	SELECT new_id, s FROM unnest(source_ids) AS s;
	IF reason IS NOT NULL THEN
		PERFORM set_config('siko.reason', COALESCE(old_reason, ''), true);
	END IF;
	RETURN new_id;
END
$fn$;
COMMENT ON FUNCTION siko.add_accession(text, text, siko.period, siko.fuzzydate, siko.fuzzydate, siko.fuzzydate, siko.fuzzydate, text, text, text[], text) IS
	'adds an accession of a partner (by name) to a cooperation (by code) with its period, milestones, role, note and sources (by key); the history records reason; returns its id';

CREATE FUNCTION siko.end_accession(cooperation text, partner text, last_day siko.fuzzydate,
								   source text DEFAULT NULL, reason text DEFAULT NULL)
	RETURNS siko.period
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	v_coop		integer := siko.find_cooperation(cooperation);
	v_partner	integer := siko.find_partner(partner);
	v_source	integer;
	old_reason	text := current_setting('siko.reason', true);
	acc			record;
	ended		siko.period;
	there		text;
BEGIN
	PERFORM siko.require('siko.end_accession', 'last_day', last_day IS NULL);
	IF source IS NOT NULL THEN
		v_source := siko.find_source(source);
	END IF;
	SELECT a.id, a.period INTO acc
	  FROM siko.accession AS a
	 WHERE a.cooperation_id = v_coop AND a.partner_id = v_partner
	   AND siko.is_open(a.period)
	   FOR UPDATE;
	IF NOT FOUND THEN
		SELECT string_agg(a.period::text, ', ' ORDER BY a.period) INTO there
		  FROM siko.accession AS a
		 WHERE a.cooperation_id = v_coop AND a.partner_id = v_partner;
		RAISE EXCEPTION 'partner "%" has no running accession to cooperation "%"', partner, cooperation
			USING ERRCODE = '22023',
				  DETAIL = CASE WHEN there IS NULL THEN 'The partner has no accession to this cooperation.'
							ELSE format('Its accessions to it have the periods %s; none is running (ends in ..).', there) END,
				  HINT = 'Add an accession with siko.add_accession(); correct an ended one with UPDATE siko.accession, siko.reason set.';
	END IF;
	ended := siko.period(siko.start(acc.period), last_day);
	IF reason IS NOT NULL THEN
		PERFORM set_config('siko.reason', reason, true);
	END IF;
	UPDATE siko.accession AS a SET period = ended WHERE a.id = acc.id;
	IF v_source IS NOT NULL THEN
		INSERT INTO siko.accession_source AS x (accession_id, source_id)
		VALUES (acc.id, v_source)
		ON CONFLICT DO NOTHING;
	END IF;
	IF reason IS NOT NULL THEN
		PERFORM set_config('siko.reason', COALESCE(old_reason, ''), true);
	END IF;
	RETURN ended;
END
$fn$;
COMMENT ON FUNCTION siko.end_accession(text, text, siko.fuzzydate, text, text) IS
	'ends the running accession of a partner (by name) to a cooperation (by code) on its last day of membership, cites the source (by key) if given, records reason in the history; returns the new period';

-- ---------------------------------------------------------------------
-- siko.ags from integers: a key stored as a number lost its leading zero
-- ---------------------------------------------------------------------

CREATE FUNCTION siko.ags(key integer) RETURNS siko.ags
	AS 'MODULE_PATHNAME', 'ags_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION siko.ags(key bigint) RETURNS siko.ags
	AS 'MODULE_PATHNAME', 'ags_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.ags(integer) IS
	'the key of an integer: 7 or 8 digits a Gemeinde (5512000 is 05512000), 4 or 5 digits a Kreis (5562 is 05562), others refused';
COMMENT ON FUNCTION siko.ags(bigint) IS
	'the key of an integer: 7 or 8 digits a Gemeinde (5512000 is 05512000), 4 or 5 digits a Kreis (5562 is 05562), others refused';
CREATE CAST (integer AS siko.ags) WITH FUNCTION siko.ags(integer);
CREATE CAST (bigint AS siko.ags) WITH FUNCTION siko.ags(bigint);
COMMENT ON CAST (integer AS siko.ags) IS 'explicit: an integer key whose leading zero was lost, as siko.ags(integer) reads it';
COMMENT ON CAST (bigint AS siko.ags) IS 'explicit: an integer key whose leading zero was lost, as siko.ags(bigint) reads it';

-- Every column of the register and of its history says what it holds.
COMMENT ON COLUMN siko.cooperation.id IS 'the cooperation''s id (from siko.cooperation_id_seq; ids <= 0 are reserved for rows siko ships)';
COMMENT ON COLUMN siko.cooperation.code IS 'short code the functions take: lower-case letters, digits and hyphens, at most 63 bytes, e.g. siko-ruhr';
COMMENT ON COLUMN siko.cooperation.name IS 'full name of the cooperation';
COMMENT ON COLUMN siko.cooperation.founded IS 'when it was founded, as precisely as the sources say (EDTF)';
COMMENT ON COLUMN siko.cooperation.dissolved IS 'when it was dissolved (EDTF); NULL while it is active';
COMMENT ON COLUMN siko.cooperation.seat IS 'where its office is';
COMMENT ON COLUMN siko.cooperation.note IS 'what the sources say about it, in words';
COMMENT ON COLUMN siko.partner.id IS 'the partner''s id (from siko.partner_id_seq)';
COMMENT ON COLUMN siko.partner.name IS 'unique name the functions take, e.g. Herten';
COMMENT ON COLUMN siko.partner.kind IS 'what the partner is: ministry, federal_agency, state_agency, police, city, municipality, district, university or other';
COMMENT ON COLUMN siko.partner.ags IS 'official key: 8 digits for a city or municipality, 5 for a district, NULL for every other kind';
COMMENT ON COLUMN siko.partner.note IS 'what the sources say about the partner, in words';
COMMENT ON COLUMN siko.accession.id IS 'the accession''s id (from siko.accession_id_seq)';
COMMENT ON COLUMN siko.accession.cooperation_id IS 'the cooperation joined (siko.cooperation.id)';
COMMENT ON COLUMN siko.accession.partner_id IS 'the partner that joined (siko.partner.id)';
COMMENT ON COLUMN siko.accession.period IS 'membership from its first day to its end (EDTF interval); .. at the end while it runs';
COMMENT ON COLUMN siko.accession.decided IS 'when the partner decided to join (EDTF); NULL when the sources do not say';
COMMENT ON COLUMN siko.accession.signed IS 'when the agreement or declaration was signed (EDTF)';
COMMENT ON COLUMN siko.accession.effective IS 'the first day of membership as the sources give it (EDTF); it must agree with the start of period';
COMMENT ON COLUMN siko.accession.announced IS 'when the accession was announced (EDTF)';
COMMENT ON COLUMN siko.accession.role IS 'the partner''s role in the cooperation, e.g. founding partner';
COMMENT ON COLUMN siko.accession.note IS 'what the sources say about the accession, in words';
COMMENT ON COLUMN siko.source.id IS 'the source''s id (from siko.source_id_seq)';
COMMENT ON COLUMN siko.source.publisher IS 'who published it, e.g. Stadt Herten';
COMMENT ON COLUMN siko.source.title IS 'its title or headline';
COMMENT ON COLUMN siko.source.published IS 'the day it was published';
COMMENT ON COLUMN siko.source.reference IS 'where to find it (URL or citation)';
COMMENT ON COLUMN siko.source.note IS 'what it says about the register, in words';
COMMENT ON COLUMN siko.source.key IS 'short unique key the functions take: lower-case words joined by hyphens, e.g. herten-2023-10-11; source- and the id when inserted without one';
COMMENT ON COLUMN siko.accession_source.accession_id IS 'the accession backed (siko.accession.id)';
COMMENT ON COLUMN siko.accession_source.source_id IS 'the source backing it (siko.source.id)';
COMMENT ON COLUMN siko.cooperation_history.id IS 'as in siko.cooperation: the cooperation''s id (from siko.cooperation_id_seq; ids <= 0 are reserved for rows siko ships)';
COMMENT ON COLUMN siko.cooperation_history.code IS 'as in siko.cooperation: short code the functions take: lower-case letters, digits and hyphens, at most 63 bytes, e.g. siko-ruhr';
COMMENT ON COLUMN siko.cooperation_history.name IS 'as in siko.cooperation: full name of the cooperation';
COMMENT ON COLUMN siko.cooperation_history.founded IS 'as in siko.cooperation: when it was founded, as precisely as the sources say (EDTF)';
COMMENT ON COLUMN siko.cooperation_history.dissolved IS 'as in siko.cooperation: when it was dissolved (EDTF); NULL while it is active';
COMMENT ON COLUMN siko.cooperation_history.seat IS 'as in siko.cooperation: where its office is';
COMMENT ON COLUMN siko.cooperation_history.note IS 'as in siko.cooperation: what the sources say about it, in words';
COMMENT ON COLUMN siko.cooperation_history.recorded_from IS 'when this version was recorded: the start of the transaction that recorded it';
COMMENT ON COLUMN siko.cooperation_history.recorded_until IS 'when this version stopped being current: the start of the transaction that changed or deleted the row; NULL while current';
COMMENT ON COLUMN siko.cooperation_history.recorded_by IS 'the user (current_user) who recorded this version';
COMMENT ON COLUMN siko.cooperation_history.recorded_reason IS 'why it was recorded: the setting siko.reason of that transaction, or NULL';
COMMENT ON COLUMN siko.cooperation_history.recorded_change IS 'what recorded it: insert or update';
COMMENT ON COLUMN siko.cooperation_history.ended_by IS 'the user who changed or deleted the row, ending this version; NULL while current';
COMMENT ON COLUMN siko.cooperation_history.ended_reason IS 'why it was ended: the setting siko.reason of that transaction, or NULL';
COMMENT ON COLUMN siko.cooperation_history.ended_change IS 'what ended it: update or delete; NULL while current';
COMMENT ON COLUMN siko.cooperation_history.version IS 'the order in which versions were recorded (siko.history_version_seq)';
COMMENT ON COLUMN siko.partner_history.id IS 'as in siko.partner: the partner''s id (from siko.partner_id_seq)';
COMMENT ON COLUMN siko.partner_history.name IS 'as in siko.partner: unique name the functions take, e.g. Herten';
COMMENT ON COLUMN siko.partner_history.kind IS 'as in siko.partner: what the partner is: ministry, federal_agency, state_agency, police, city, municipality, district, university or other';
COMMENT ON COLUMN siko.partner_history.ags IS 'as in siko.partner: official key: 8 digits for a city or municipality, 5 for a district, NULL for every other kind';
COMMENT ON COLUMN siko.partner_history.note IS 'as in siko.partner: what the sources say about the partner, in words';
COMMENT ON COLUMN siko.partner_history.recorded_from IS 'when this version was recorded: the start of the transaction that recorded it';
COMMENT ON COLUMN siko.partner_history.recorded_until IS 'when this version stopped being current: the start of the transaction that changed or deleted the row; NULL while current';
COMMENT ON COLUMN siko.partner_history.recorded_by IS 'the user (current_user) who recorded this version';
COMMENT ON COLUMN siko.partner_history.recorded_reason IS 'why it was recorded: the setting siko.reason of that transaction, or NULL';
COMMENT ON COLUMN siko.partner_history.recorded_change IS 'what recorded it: insert or update';
COMMENT ON COLUMN siko.partner_history.ended_by IS 'the user who changed or deleted the row, ending this version; NULL while current';
COMMENT ON COLUMN siko.partner_history.ended_reason IS 'why it was ended: the setting siko.reason of that transaction, or NULL';
COMMENT ON COLUMN siko.partner_history.ended_change IS 'what ended it: update or delete; NULL while current';
COMMENT ON COLUMN siko.partner_history.version IS 'the order in which versions were recorded (siko.history_version_seq)';
COMMENT ON COLUMN siko.accession_history.id IS 'as in siko.accession: the accession''s id (from siko.accession_id_seq)';
COMMENT ON COLUMN siko.accession_history.cooperation_id IS 'as in siko.accession: the cooperation joined (siko.cooperation.id)';
COMMENT ON COLUMN siko.accession_history.partner_id IS 'as in siko.accession: the partner that joined (siko.partner.id)';
COMMENT ON COLUMN siko.accession_history.period IS 'as in siko.accession: membership from its first day to its end (EDTF interval); .. at the end while it runs';
COMMENT ON COLUMN siko.accession_history.decided IS 'as in siko.accession: when the partner decided to join (EDTF); NULL when the sources do not say';
COMMENT ON COLUMN siko.accession_history.signed IS 'as in siko.accession: when the agreement or declaration was signed (EDTF)';
COMMENT ON COLUMN siko.accession_history.effective IS 'as in siko.accession: the first day of membership as the sources give it (EDTF); it must agree with the start of period';
COMMENT ON COLUMN siko.accession_history.announced IS 'as in siko.accession: when the accession was announced (EDTF)';
COMMENT ON COLUMN siko.accession_history.role IS 'as in siko.accession: the partner''s role in the cooperation, e.g. founding partner';
COMMENT ON COLUMN siko.accession_history.note IS 'as in siko.accession: what the sources say about the accession, in words';
COMMENT ON COLUMN siko.accession_history.recorded_from IS 'when this version was recorded: the start of the transaction that recorded it';
COMMENT ON COLUMN siko.accession_history.recorded_until IS 'when this version stopped being current: the start of the transaction that changed or deleted the row; NULL while current';
COMMENT ON COLUMN siko.accession_history.recorded_by IS 'the user (current_user) who recorded this version';
COMMENT ON COLUMN siko.accession_history.recorded_reason IS 'why it was recorded: the setting siko.reason of that transaction, or NULL';
COMMENT ON COLUMN siko.accession_history.recorded_change IS 'what recorded it: insert or update';
COMMENT ON COLUMN siko.accession_history.ended_by IS 'the user who changed or deleted the row, ending this version; NULL while current';
COMMENT ON COLUMN siko.accession_history.ended_reason IS 'why it was ended: the setting siko.reason of that transaction, or NULL';
COMMENT ON COLUMN siko.accession_history.ended_change IS 'what ended it: update or delete; NULL while current';
COMMENT ON COLUMN siko.accession_history.version IS 'the order in which versions were recorded (siko.history_version_seq)';
COMMENT ON COLUMN siko.source_history.id IS 'as in siko.source: the source''s id (from siko.source_id_seq)';
COMMENT ON COLUMN siko.source_history.publisher IS 'as in siko.source: who published it, e.g. Stadt Herten';
COMMENT ON COLUMN siko.source_history.title IS 'as in siko.source: its title or headline';
COMMENT ON COLUMN siko.source_history.published IS 'as in siko.source: the day it was published';
COMMENT ON COLUMN siko.source_history.reference IS 'as in siko.source: where to find it (URL or citation)';
COMMENT ON COLUMN siko.source_history.note IS 'as in siko.source: what it says about the register, in words';
COMMENT ON COLUMN siko.source_history.key IS 'as in siko.source: short unique key the functions take: lower-case words joined by hyphens, e.g. herten-2023-10-11; source- and the id when inserted without one';
COMMENT ON COLUMN siko.source_history.recorded_from IS 'when this version was recorded: the start of the transaction that recorded it';
COMMENT ON COLUMN siko.source_history.recorded_until IS 'when this version stopped being current: the start of the transaction that changed or deleted the row; NULL while current';
COMMENT ON COLUMN siko.source_history.recorded_by IS 'the user (current_user) who recorded this version';
COMMENT ON COLUMN siko.source_history.recorded_reason IS 'why it was recorded: the setting siko.reason of that transaction, or NULL';
COMMENT ON COLUMN siko.source_history.recorded_change IS 'what recorded it: insert or update';
COMMENT ON COLUMN siko.source_history.ended_by IS 'the user who changed or deleted the row, ending this version; NULL while current';
COMMENT ON COLUMN siko.source_history.ended_reason IS 'why it was ended: the setting siko.reason of that transaction, or NULL';
COMMENT ON COLUMN siko.source_history.ended_change IS 'what ended it: update or delete; NULL while current';
COMMENT ON COLUMN siko.source_history.version IS 'the order in which versions were recorded (siko.history_version_seq)';
COMMENT ON COLUMN siko.accession_source_history.accession_id IS 'as in siko.accession_source: the accession backed (siko.accession.id)';
COMMENT ON COLUMN siko.accession_source_history.source_id IS 'as in siko.accession_source: the source backing it (siko.source.id)';
COMMENT ON COLUMN siko.accession_source_history.recorded_from IS 'when this version was recorded: the start of the transaction that recorded it';
COMMENT ON COLUMN siko.accession_source_history.recorded_until IS 'when this version stopped being current: the start of the transaction that changed or deleted the row; NULL while current';
COMMENT ON COLUMN siko.accession_source_history.recorded_by IS 'the user (current_user) who recorded this version';
COMMENT ON COLUMN siko.accession_source_history.recorded_reason IS 'why it was recorded: the setting siko.reason of that transaction, or NULL';
COMMENT ON COLUMN siko.accession_source_history.recorded_change IS 'what recorded it: insert or update';
COMMENT ON COLUMN siko.accession_source_history.ended_by IS 'the user who changed or deleted the row, ending this version; NULL while current';
COMMENT ON COLUMN siko.accession_source_history.ended_reason IS 'why it was ended: the setting siko.reason of that transaction, or NULL';
COMMENT ON COLUMN siko.accession_source_history.ended_change IS 'what ended it: update or delete; NULL while current';
COMMENT ON COLUMN siko.accession_source_history.version IS 'the order in which versions were recorded (siko.history_version_seq)';

-- ---------------------------------------------------------------------
-- The keys of the sources already in the register: the shipped ones get
-- those siko.load_register() gives them, every other one
-- siko.source_default_key(id); every version in the history the key of
-- its row: the key is given, not changed, so no version is recorded.
-- ---------------------------------------------------------------------
ALTER TABLE siko.source DISABLE TRIGGER history_update;
UPDATE siko.source AS s
   SET key = COALESCE((SELECT x.key
						 FROM (VALUES ('ruhrkonferenz-2022-03-03', 'Landesregierung Nordrhein-Westfalen', DATE '2022-03-03'),
									  ('haltern-2023-08-18', 'Stadt Haltern am See', DATE '2023-08-18'),
									  ('herten-2023-10-11', 'Stadt Herten', DATE '2023-10-11'),
									  ('herne-2023-05-25', 'Stadt Herne', DATE '2023-05-25'),
									  ('dinslaken-2025-02-25', 'Stadt Dinslaken', DATE '2025-02-25'))
							  AS x(key, publisher, published)
						WHERE x.publisher OPERATOR(pg_catalog.=) s.publisher
						  AND x.published OPERATOR(pg_catalog.=) s.published
						  AND s.id OPERATOR(pg_catalog.=) (
							  SELECT pg_catalog.min(o.id) FROM siko.source AS o
							   WHERE o.publisher OPERATOR(pg_catalog.=) s.publisher
								 AND o.published OPERATOR(pg_catalog.=) s.published)),
					  siko.source_default_key(s.id));
ALTER TABLE siko.source ENABLE TRIGGER history_update;
UPDATE siko.source_history AS h
   SET key = COALESCE((SELECT s.key FROM siko.source AS s WHERE s.id OPERATOR(pg_catalog.=) h.id),
					  siko.source_default_key(h.id));
ALTER TABLE siko.source ALTER COLUMN key SET NOT NULL;
ALTER TABLE siko.source ADD CONSTRAINT source_key_key UNIQUE (key);
ALTER TABLE siko.source ADD CONSTRAINT source_key_form CHECK (
		key OPERATOR(pg_catalog.~) '^[a-z0-9]+(-[a-z0-9]+)*$'
		AND pg_catalog.octet_length(key) OPERATOR(pg_catalog.<=) 63);

CREATE FUNCTION siko.cache_status()
	RETURNS TABLE (cooperation text, known_on pg_catalog.timestamptz, mode text, bytes bigint,
				   built_at pg_catalog.timestamptz, register_version bigint,
				   build_ms double precision)
	AS 'MODULE_PATHNAME', 'siko_cache_status' LANGUAGE C VOLATILE PARALLEL RESTRICTED ROWS 16;
COMMENT ON FUNCTION siko.cache_status() IS
	'the register cache of this connection: a row per cooperation it holds (cooperation NULL: the index of all cooperations), for the current state (known_on NULL) or as known on a moment; mode shared (blocks in shared memory, built once per server and register version), private (blocks of this connection) or probing (not cached, larger than siko.cache_memory: answered by probes of the register''s indexes), the bytes of its blocks (a cooperation''s small block, which is_member and is_covered read, and its whole block once a function has listed its accessions), when and for which register version it was built, and how long the build took';

-- ---------------------------------------------------------------------
-- siko.cooperation_counts with a bytea state, which Citus combines in the
-- workers (an internal state sends every row to the coordinator)
-- ---------------------------------------------------------------------
DROP AGGREGATE siko.cooperation_counts(siko.ags, pg_catalog.date);
DROP FUNCTION siko.cooperation_counts_trans(pg_catalog.internal, siko.ags, pg_catalog.date);
DROP FUNCTION siko.cooperation_counts_combine(pg_catalog.internal, pg_catalog.internal);
DROP FUNCTION siko.cooperation_counts_serial(pg_catalog.internal);
DROP FUNCTION siko.cooperation_counts_deserial(pg_catalog.bytea, pg_catalog.internal);
DROP FUNCTION siko.cooperation_counts_final(pg_catalog.internal);
CREATE FUNCTION siko.cooperation_counts_trans(state pg_catalog.bytea, ags siko.ags, day pg_catalog.date)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'siko_cooperation_counts_btrans' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION siko.cooperation_counts_trans(pg_catalog.bytea, siko.ags, pg_catalog.date) IS
	'transition function of siko.cooperation_counts: adds one to each cooperation the key certainly belonged to on the day (the state is flattened to (code, count) pairs only when it leaves the process)';
CREATE FUNCTION siko.cooperation_counts_combine(state1 pg_catalog.bytea, state2 pg_catalog.bytea)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'siko_cooperation_counts_bcombine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION siko.cooperation_counts_combine(pg_catalog.bytea, pg_catalog.bytea) IS
	'combine function of siko.cooperation_counts: adds the counts of two partial states by cooperation code (also those of Citus workers)';
CREATE FUNCTION siko.cooperation_counts_final(state pg_catalog.bytea)
	RETURNS siko.cooperation_count[]
	AS 'MODULE_PATHNAME', 'siko_cooperation_counts_bfinal' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION siko.cooperation_counts_final(pg_catalog.bytea) IS
	'final function of siko.cooperation_counts: the counts by code in byte order, cooperations without any left out';
CREATE AGGREGATE siko.cooperation_counts(ags siko.ags, day pg_catalog.date) (
	SFUNC = siko.cooperation_counts_trans,
	STYPE = pg_catalog.bytea,
	COMBINEFUNC = siko.cooperation_counts_combine,
	FINALFUNC = siko.cooperation_counts_final,
	FINALFUNC_MODIFY = READ_WRITE,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE siko.cooperation_counts(siko.ags, pg_catalog.date) IS
	'for each cooperation, how many rows have a key that certainly was a member on the row''s day (the counts of unnest(siko.cooperations_of(ags, day)) grouped by code, in one pass); an array of (cooperation, events) by code, without zeros';

-- What a Citus worker returns for siko.cooperation_counts: the partial
-- state's text form.  siko's planner hook puts it in place of Citus's
-- generic pg_catalog.worker_partial_agg for this aggregate, which calls the
-- transition function through a catalog lookup per row.
CREATE AGGREGATE siko.cooperation_counts_partial(ags siko.ags, day pg_catalog.date) (
	SFUNC = siko.cooperation_counts_trans,
	STYPE = pg_catalog.bytea,
	COMBINEFUNC = siko.cooperation_counts_combine,
	FINALFUNC = pg_catalog.byteaout,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE siko.cooperation_counts_partial(siko.ags, pg_catalog.date) IS
	'the partial state of siko.cooperation_counts(ags, day) in the text form of a bytea, as a Citus worker returns it: siko''s planner hook runs it in place of Citus''s generic pg_catalog.worker_partial_agg for siko.cooperation_counts, and the coordinator reads it back and combines it as before';

-- ---------------------------------------------------------------------
-- Beyond one machine: the register as Citus reference tables
-- ---------------------------------------------------------------------
CREATE FUNCTION siko.register_write_check() RETURNS trigger
	AS 'MODULE_PATHNAME', 'siko_register_write_check' LANGUAGE C VOLATILE PARALLEL UNSAFE;
REVOKE ALL ON FUNCTION siko.register_write_check() FROM PUBLIC;
COMMENT ON FUNCTION siko.register_write_check() IS
	'statement trigger before every change of a register table: on a Citus cluster, refuses a change that a worker began (the register is changed through the coordinator); without Citus it does nothing';
CREATE TRIGGER register_write_check BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.cooperation
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_write_check();
CREATE TRIGGER register_write_check BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.partner
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_write_check();
CREATE TRIGGER register_write_check BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.accession
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_write_check();
CREATE TRIGGER register_write_check BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.source
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_write_check();
CREATE TRIGGER register_write_check BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON siko.accession_source
	FOR EACH STATEMENT EXECUTE FUNCTION siko.register_write_check();

CREATE FUNCTION siko.distribute_register()
RETURNS SETOF pg_catalog.regclass
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	-- referenced tables before those that refer to them
	tables	constant text[] := ARRAY['cooperation', 'partner', 'source', 'accession',
		'accession_source', 'cooperation_history', 'partner_history', 'accession_history',
		'source_history', 'accession_source_history', 'territory', 'register_version'];
	t		text;
	r		record;
	fks		text[] := '{}';
	states	text[] := '{}';
	kept	constant text := pg_catalog.current_setting('client_min_messages');
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_extension AS e WHERE e.extname OPERATOR(pg_catalog.=) 'citus') THEN
		RAISE EXCEPTION 'siko.distribute_register() needs Citus in database "%"', pg_catalog.current_database()
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = 'It turns the register tables into Citus reference tables, and Citus is not installed in this database.',
				  HINT = 'Install Citus and siko on every node, run CREATE EXTENSION citus and CREATE EXTENSION siko in this database on each, add the workers, then call siko.distribute_register() on the coordinator.';
	END IF;
	IF (SELECT g.groupid FROM pg_catalog.pg_dist_local_group AS g) OPERATOR(pg_catalog.<>) 0 THEN
		RAISE EXCEPTION 'siko.distribute_register() runs on the coordinator only'
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = 'This node is a Citus worker.',
				  HINT = 'Call it on the coordinator; it distributes the register to every node.';
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_dist_node AS n WHERE n.groupid OPERATOR(pg_catalog.=) 0) THEN
		RAISE EXCEPTION 'the coordinator is not in Citus''s metadata'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = 'siko reads the register from the placement of each node, the coordinator''s included.',
				  HINT = 'Run SELECT citus_set_coordinator_host(''<host of the coordinator>'', <port>); first.';
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.pg_dist_partition AS p
				WHERE p.logicalrelid OPERATOR(pg_catalog.=) 'siko.cooperation'::pg_catalog.regclass) THEN
		RAISE NOTICE 'the register is distributed already';
		RETURN;
	END IF;
	PERFORM pg_catalog.set_config('citus.enable_unsafe_triggers', 'on', true);
	PERFORM pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);
	-- Citus would turn the tables a foreign key connects into local tables of
	-- its metadata: the keys go, and come back between reference tables
	-- (on the workers, the extension's empty tables have them too)
	FOR r IN SELECT c.conrelid::pg_catalog.regclass AS tab, c.conname,
					pg_catalog.pg_get_constraintdef(c.oid) AS def
			   FROM pg_catalog.pg_constraint AS c
			  WHERE c.contype OPERATOR(pg_catalog.=) 'f'
				AND c.connamespace OPERATOR(pg_catalog.=) 'siko'::pg_catalog.regnamespace LOOP
		fks := fks OPERATOR(pg_catalog.||) pg_catalog.format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.tab, r.conname, r.def);
		EXECUTE pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT %I', r.tab, r.conname);
		PERFORM pg_catalog.run_command_on_workers(
			pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT IF EXISTS %I', r.tab, r.conname));
	END LOOP;
	-- the triggers must not fire while Citus copies the rows into the
	-- placements: disabled, and enabled as they were afterwards.  Citus
	-- passes ENABLE TRIGGER USER on to the placements, but not the
	-- enabling of a trigger by name when it fires on TRUNCATE: all are
	-- enabled, then those that fire on a replica or never are set so
	FOREACH t IN ARRAY tables LOOP
		states := states OPERATOR(pg_catalog.||) pg_catalog.format('ALTER TABLE siko.%I ENABLE TRIGGER USER', t);
	END LOOP;
	FOR r IN SELECT c.relname, g.tgname, g.tgenabled
			   FROM pg_catalog.pg_trigger AS g JOIN pg_catalog.pg_class AS c ON c.oid OPERATOR(pg_catalog.=) g.tgrelid
			  WHERE c.relnamespace OPERATOR(pg_catalog.=) 'siko'::pg_catalog.regnamespace
				AND c.relname OPERATOR(pg_catalog.=) ANY (tables) AND NOT g.tgisinternal
				AND g.tgenabled OPERATOR(pg_catalog.<>) 'O' LOOP
		states := states OPERATOR(pg_catalog.||) pg_catalog.format('ALTER TABLE siko.%I %s TRIGGER %I',
			r.relname, CASE r.tgenabled WHEN 'R' THEN 'ENABLE REPLICA' WHEN 'A' THEN 'ENABLE ALWAYS' ELSE 'DISABLE' END,
			r.tgname);
	END LOOP;
	FOREACH t IN ARRAY tables LOOP
		EXECUTE pg_catalog.format('ALTER TABLE siko.%I DISABLE TRIGGER USER', t);
	END LOOP;
	-- (Citus's notices on the rows copied and left behind in the
	-- coordinator's tables, which siko no longer reads, are not shown)
	PERFORM pg_catalog.set_config('client_min_messages', 'warning', true);
	FOREACH t IN ARRAY tables LOOP
		PERFORM pg_catalog.create_reference_table(pg_catalog.format('siko.%I', t)::pg_catalog.regclass);
		RETURN NEXT pg_catalog.format('siko.%I', t)::pg_catalog.regclass;
	END LOOP;
	PERFORM pg_catalog.set_config('client_min_messages', kept, true);
	FOREACH t IN ARRAY fks OPERATOR(pg_catalog.||) states LOOP
		EXECUTE t;
	END LOOP;
	-- each node numbers the versions it records in its placement: from
	-- where the coordinator's numbering is, so that the order holds
	PERFORM pg_catalog.run_command_on_workers(pg_catalog.format(
		'SELECT pg_catalog.setval(''siko.history_version_seq'', %s)',
		(SELECT s.last_value FROM siko.history_version_seq AS s)));
END
$fn$;
REVOKE ALL ON FUNCTION siko.distribute_register() FROM PUBLIC;
COMMENT ON FUNCTION siko.distribute_register() IS
'on a Citus coordinator: turns every register table and its history into a reference table, one placement on every node, keeping rows, history and triggers; returns the tables in the order converted';

-- ---------------------------------------------------------------------
-- siko's operators, = included, are found through the search_path: say
-- so when the database's path lacks siko (CREATE EXTENSION and ALTER
-- EXTENSION UPDATE alike)
-- siko 0.4 no longer requires btree_gist (nothing of siko has used it
-- since 0.3 replaced the exclusion constraint by a trigger).  The update
-- drops siko's dependency on it, as the control file no longer names it,
-- and leaves the extension installed: users' own constraints may use it.
DO $$
BEGIN
	IF EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname OPERATOR(pg_catalog.=) 'btree_gist') THEN
		-- an extension script runs with client_min_messages at warning
		PERFORM pg_catalog.set_config('client_min_messages', 'notice', true);
		RAISE NOTICE 'siko no longer requires btree_gist; it stays installed'
			USING HINT = 'Drop it with DROP EXTENSION btree_gist when nothing else uses it (DROP refuses while something does).';
	END IF;
END
$$;

-- ---------------------------------------------------------------------
-- The shipped data: the territory reference of North Rhine-Westphalia
-- is a data file installed next to this script (siko_territory_nrw.csv,
-- an extract of the Gemeindeverzeichnis in its own format), loaded by
-- the same siko.load_territory() users call for other Laender.
-- ---------------------------------------------------------------------

CREATE FUNCTION siko.shipped_data(name text) RETURNS text
	AS 'MODULE_PATHNAME', 'siko_shipped_data' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.shipped_data(text) IS
	'the text of a data file installed with siko, by its name: siko_territory_nrw.csv (the territory reference of North Rhine-Westphalia, for siko.load_territory()) or siko_registers.json (the registers of the press releases, for siko.load_register()); no other file can be read';

SELECT siko.load_territory(siko.shipped_data('siko_territory_nrw.csv'), DATE '2019-12-31');

-- ---------------------------------------------------------------------
-- siko.timeline: the columns named as the functions name things (start,
-- finish) and no reserved word; a status column; the view reads with the
-- reader's rights (security_invoker).  The view is altered, not dropped,
-- so that privileges granted on it and users' views over it stay; the
-- functions over it are made anew (timeline_svg has a new parameter).
-- ---------------------------------------------------------------------
DROP FUNCTION siko.timeline_as_known_on(pg_catalog.timestamptz);
DROP FUNCTION siko.timeline_svg(text, date, date, integer);
ALTER VIEW siko.timeline RENAME COLUMN joined TO start;
ALTER VIEW siko.timeline RENAME COLUMN "left" TO finish;
ALTER VIEW siko.timeline RENAME COLUMN joined_earliest TO start_earliest;
ALTER VIEW siko.timeline RENAME COLUMN joined_latest TO start_latest;
ALTER VIEW siko.timeline RENAME COLUMN left_earliest TO finish_earliest;
ALTER VIEW siko.timeline RENAME COLUMN left_latest TO finish_latest;

-- ---------------------------------------------------------------------
-- siko.timeline: one row per accession in plain column types, and
-- siko.timeline_as_known_on: the same rows as the register stood then.
-- One definition: the function computes the columns from the register's
-- rows (the current tables for NULL, the history tables for a moment),
-- the view selects its current rows.  The function is a single SQL
-- query, so the planner inlines it into the view and into the caller's
-- query (a filter on the view reaches the tables; for NULL the history
-- branch is pruned when the plan is made), and both read with the
-- caller's privileges and row-level security.
-- ---------------------------------------------------------------------

CREATE FUNCTION siko.timeline_as_known_on(known_on pg_catalog.timestamptz)
	RETURNS TABLE (cooperation text, cooperation_name text, partner text, kind text, ags text,
				   start text, finish text, start_earliest pg_catalog.date, start_latest pg_catalog.date,
				   finish_earliest pg_catalog.date, finish_latest pg_catalog.date,
				   decided_earliest pg_catalog.date, decided_latest pg_catalog.date,
				   signed_earliest pg_catalog.date, signed_latest pg_catalog.date,
				   effective_earliest pg_catalog.date, effective_latest pg_catalog.date,
				   announced_earliest pg_catalog.date, announced_latest pg_catalog.date,
				   role text, sources text, accession_id integer, status text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 100
-- PL/pgSQL, not SQL: Citus plans no SQL function with parameters over
-- its tables, and the register's are reference tables on a Citus cluster
AS $fn$
#variable_conflict use_column
BEGIN
RETURN QUERY
SELECT r.cooperation, r.cooperation_name, r.partner, r.kind, r.ags,
	(siko.start(r.period))::text,
	CASE WHEN siko.is_open(r.period) THEN '..'
		 ELSE COALESCE((siko.finish(r.period))::text, '') END,
	NULLIF(siko.earliest(siko.start(r.period)), '-infinity'::pg_catalog.date),
	NULLIF(siko.latest(siko.start(r.period)), 'infinity'::pg_catalog.date),
	-- the last day of certain and of possible membership: NULL where
	-- unbounded or empty (the ranges are half-open, whatever day the
	-- period's end names)
	pg_catalog.upper(siko.certain(r.period)) OPERATOR(pg_catalog.-) 1,
	pg_catalog.upper(siko.possible(r.period)) OPERATOR(pg_catalog.-) 1,
	NULLIF(siko.earliest(r.decided), '-infinity'::pg_catalog.date),
	NULLIF(siko.latest(r.decided), 'infinity'::pg_catalog.date),
	NULLIF(siko.earliest(r.signed), '-infinity'::pg_catalog.date),
	NULLIF(siko.latest(r.signed), 'infinity'::pg_catalog.date),
	NULLIF(siko.earliest(r.effective), '-infinity'::pg_catalog.date),
	NULLIF(siko.latest(r.effective), 'infinity'::pg_catalog.date),
	NULLIF(siko.earliest(r.announced), '-infinity'::pg_catalog.date),
	NULLIF(siko.latest(r.announced), 'infinity'::pg_catalog.date),
	r.role,
	(SELECT pg_catalog.string_agg(
				pg_catalog.concat_ws(', ', src.publisher, src.title, src.published::text, src.reference),
				'; ' ORDER BY src.published, src.id)
	   FROM (SELECT s.id, s.publisher, s.title, s.published, s.reference
			   FROM siko.source s WHERE $1 IS NULL
			 UNION ALL
			 SELECT s.id, s.publisher, s.title, s.published, s.reference
			   FROM siko.source_history s
			  WHERE s.recorded_from OPERATOR(pg_catalog.<=) $1
				AND (s.recorded_until IS NULL OR s.recorded_until OPERATOR(pg_catalog.>) $1)) AS src
	  WHERE src.id OPERATOR(pg_catalog.=) ANY (r.source_ids)),
	r.accession_id,
	CASE WHEN siko.is_open(r.period) THEN 'running'
		 WHEN siko.finish(r.period) IS NULL THEN 'ended, day unknown'
		 ELSE 'ended' END
FROM (
	SELECT c.code, c.name, p.name, p.kind::text, p.ags::text, a.period, a.decided, a.signed,
		   a.effective, a.announced, a.role,
		   ARRAY(SELECT x.source_id FROM siko.accession_source x
				  WHERE x.accession_id OPERATOR(pg_catalog.=) a.id),
		   a.id
	  FROM siko.accession a
	  JOIN siko.cooperation c ON c.id OPERATOR(pg_catalog.=) a.cooperation_id
	  JOIN siko.partner p ON p.id OPERATOR(pg_catalog.=) a.partner_id
	 WHERE $1 IS NULL
	UNION ALL
	SELECT c.code, c.name, p.name, p.kind::text, p.ags::text, a.period, a.decided, a.signed,
		   a.effective, a.announced, a.role,
		   ARRAY(SELECT x.source_id FROM siko.accession_source_history x
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
	   AND siko.history_readable()
) AS r (cooperation, cooperation_name, partner, kind, ags, period, decided, signed,
		effective, announced, role, source_ids, accession_id);
END
$fn$;
COMMENT ON FUNCTION siko.timeline_as_known_on(pg_catalog.timestamptz) IS
	'the rows of siko.timeline (same columns) as the register stood at that moment (system time); NULL gives the current timeline';

CREATE OR REPLACE VIEW siko.timeline WITH (security_invoker = true) AS
SELECT * FROM siko.timeline_as_known_on(NULL::pg_catalog.timestamptz);
COMMENT ON VIEW siko.timeline IS
	'one row per accession in plain types (text, date, integer) for reporting tools: start and finish as EDTF text and as earliest/latest days (NULL where the sources give no bound), status, milestones, role, sources; read with the reader''s privileges and row-level security';
COMMENT ON COLUMN siko.timeline.cooperation IS 'the cooperation''s code (siko.cooperation.code)';
COMMENT ON COLUMN siko.timeline.cooperation_name IS 'the cooperation''s name';
COMMENT ON COLUMN siko.timeline.partner IS 'the partner''s name (siko.partner.name)';
COMMENT ON COLUMN siko.timeline.kind IS 'what the partner is (siko.partner_kind): ministry, police, city, district, ...';
COMMENT ON COLUMN siko.timeline.ags IS 'the partner''s official municipality key as text; NULL for a partner without territory';
COMMENT ON COLUMN siko.timeline.start IS 'the first day of membership as EDTF text, as precise as the sources give it';
COMMENT ON COLUMN siko.timeline.finish IS 'the end of membership as EDTF text: .. while running, empty when it ended on an unknown day';
COMMENT ON COLUMN siko.timeline.start_earliest IS 'the earliest day the membership may have started; NULL when the sources give no lower bound';
COMMENT ON COLUMN siko.timeline.start_latest IS 'the latest day the membership may have started; NULL when the sources give no upper bound';
COMMENT ON COLUMN siko.timeline.finish_earliest IS 'the last day of certain membership (upper(siko.certain(period)) - 1), the earliest day it may have ended on; NULL while running, when it ended on an unknown day or when no day is certain';
COMMENT ON COLUMN siko.timeline.finish_latest IS 'the last day of possible membership (upper(siko.possible(period)) - 1); NULL while running or when it ended on an unknown day';
COMMENT ON COLUMN siko.timeline.decided_earliest IS 'the earliest day the accession may have been decided; NULL when unknown';
COMMENT ON COLUMN siko.timeline.decided_latest IS 'the latest day the accession may have been decided; NULL when unknown';
COMMENT ON COLUMN siko.timeline.signed_earliest IS 'the earliest day the accession may have been signed; NULL when unknown';
COMMENT ON COLUMN siko.timeline.signed_latest IS 'the latest day the accession may have been signed; NULL when unknown';
COMMENT ON COLUMN siko.timeline.effective_earliest IS 'the earliest day the accession may have taken effect; NULL when unknown';
COMMENT ON COLUMN siko.timeline.effective_latest IS 'the latest day the accession may have taken effect; NULL when unknown';
COMMENT ON COLUMN siko.timeline.announced_earliest IS 'the earliest day the accession may have been announced; NULL when unknown';
COMMENT ON COLUMN siko.timeline.announced_latest IS 'the latest day the accession may have been announced; NULL when unknown';
COMMENT ON COLUMN siko.timeline.role IS 'the partner''s role in the cooperation (e.g. founding partner); NULL when none is recorded';
COMMENT ON COLUMN siko.timeline.sources IS 'the sources backing the accession: publisher, title, published, reference, separated by "; "';
COMMENT ON COLUMN siko.timeline.accession_id IS 'the accession''s id (siko.accession.id)';
COMMENT ON COLUMN siko.timeline.status IS 'running, ended, or ended, day unknown (the end''s EDTF text is then empty)';

-- ---------------------------------------------------------------------
-- The timeline as a picture
--
-- Written in PL/pgSQL, not C: it formats a few dozen rows of the view
-- siko.timeline into text once per call, so speed does not matter, and
-- in SQL it reads the register through the same view users read, with
-- the same privileges, and needs no XML library.  The bars are the
-- period's days of certain and of possible membership, siko.certain()
-- and siko.possible(), so the picture follows the one rule.
-- A logical-replication subscriber applies changes without firing ordinary
-- triggers, and fires no statement triggers but for its initial copy: the
-- cache's statement trigger fires there too (ALWAYS), and a row trigger
-- enabled for replicas only does the same once per transaction, so every
-- session of a subscriber answers from the replicated register.
CREATE FUNCTION siko.register_changed_row() RETURNS trigger
	AS 'MODULE_PATHNAME', 'siko_register_changed_row' LANGUAGE C;
COMMENT ON FUNCTION siko.register_changed_row() IS
	'row trigger of the register tables, enabled for replicas only: on a logical-replication subscriber, tells every backend''s register cache that the table changed (once per transaction)';
ALTER TABLE siko.cooperation ENABLE ALWAYS TRIGGER register_changed;
CREATE TRIGGER register_changed_replica AFTER INSERT OR UPDATE OR DELETE ON siko.cooperation
	FOR EACH ROW EXECUTE FUNCTION siko.register_changed_row();
ALTER TABLE siko.cooperation ENABLE REPLICA TRIGGER register_changed_replica;
ALTER TABLE siko.partner ENABLE ALWAYS TRIGGER register_changed;
CREATE TRIGGER register_changed_replica AFTER INSERT OR UPDATE OR DELETE ON siko.partner
	FOR EACH ROW EXECUTE FUNCTION siko.register_changed_row();
ALTER TABLE siko.partner ENABLE REPLICA TRIGGER register_changed_replica;
ALTER TABLE siko.accession ENABLE ALWAYS TRIGGER register_changed;
CREATE TRIGGER register_changed_replica AFTER INSERT OR UPDATE OR DELETE ON siko.accession
	FOR EACH ROW EXECUTE FUNCTION siko.register_changed_row();
ALTER TABLE siko.accession ENABLE REPLICA TRIGGER register_changed_replica;
ALTER TABLE siko.source ENABLE ALWAYS TRIGGER register_changed;
CREATE TRIGGER register_changed_replica AFTER INSERT OR UPDATE OR DELETE ON siko.source
	FOR EACH ROW EXECUTE FUNCTION siko.register_changed_row();
ALTER TABLE siko.source ENABLE REPLICA TRIGGER register_changed_replica;
ALTER TABLE siko.accession_source ENABLE ALWAYS TRIGGER register_changed;
CREATE TRIGGER register_changed_replica AFTER INSERT OR UPDATE OR DELETE ON siko.accession_source
	FOR EACH ROW EXECUTE FUNCTION siko.register_changed_row();
ALTER TABLE siko.accession_source ENABLE REPLICA TRIGGER register_changed_replica;
ALTER TABLE siko.cooperation_history ENABLE ALWAYS TRIGGER register_changed;
CREATE TRIGGER register_changed_replica AFTER INSERT OR UPDATE OR DELETE ON siko.cooperation_history
	FOR EACH ROW EXECUTE FUNCTION siko.register_changed_row();
ALTER TABLE siko.cooperation_history ENABLE REPLICA TRIGGER register_changed_replica;
ALTER TABLE siko.partner_history ENABLE ALWAYS TRIGGER register_changed;
CREATE TRIGGER register_changed_replica AFTER INSERT OR UPDATE OR DELETE ON siko.partner_history
	FOR EACH ROW EXECUTE FUNCTION siko.register_changed_row();
ALTER TABLE siko.partner_history ENABLE REPLICA TRIGGER register_changed_replica;
ALTER TABLE siko.accession_history ENABLE ALWAYS TRIGGER register_changed;
CREATE TRIGGER register_changed_replica AFTER INSERT OR UPDATE OR DELETE ON siko.accession_history
	FOR EACH ROW EXECUTE FUNCTION siko.register_changed_row();
ALTER TABLE siko.accession_history ENABLE REPLICA TRIGGER register_changed_replica;
ALTER TABLE siko.source_history ENABLE ALWAYS TRIGGER register_changed;
CREATE TRIGGER register_changed_replica AFTER INSERT OR UPDATE OR DELETE ON siko.source_history
	FOR EACH ROW EXECUTE FUNCTION siko.register_changed_row();
ALTER TABLE siko.source_history ENABLE REPLICA TRIGGER register_changed_replica;
ALTER TABLE siko.accession_source_history ENABLE ALWAYS TRIGGER register_changed;
CREATE TRIGGER register_changed_replica AFTER INSERT OR UPDATE OR DELETE ON siko.accession_source_history
	FOR EACH ROW EXECUTE FUNCTION siko.register_changed_row();
ALTER TABLE siko.accession_source_history ENABLE REPLICA TRIGGER register_changed_replica;

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

-- ---------------------------------------------------------------------

CREATE FUNCTION siko.timeline_svg(cooperation text, from_day date DEFAULT NULL,
								  to_day date DEFAULT NULL, width integer DEFAULT 960,
								  lang text DEFAULT 'en')
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
	namelen		constant integer := 30;	-- longer names are shortened
	minw		constant numeric := 4;	-- the narrowest uncertain span, in pixels
	bottom		integer;
	height		integer;
	scale		numeric;		-- pixels per day
	axis		text;
	body		text;
	caption		text;
	de			boolean;
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
	IF lang IS NULL OR lang NOT IN ('en', 'de') THEN
		RAISE EXCEPTION 'invalid language for siko.timeline_svg: "%"', COALESCE(lang, 'NULL')
			USING ERRCODE = '22023',
				  DETAIL = 'The labels of the picture are written in English (en) or German (de).',
				  HINT = 'Pass lang => ''en'' or lang => ''de'', or leave it out for English.';
	END IF;
	de := lang = 'de';
	SELECT c.name INTO coop_name FROM siko.cooperation AS c WHERE c.code = timeline_svg.cooperation;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown cooperation: "%"', cooperation
			USING ERRCODE = '22023',
				  DETAIL = 'No row of siko.cooperation has this code.',
				  HINT = 'The codes are listed in siko.cooperation (column code).';
	END IF;

	SELECT min(LEAST(t.start_earliest, t.start_latest)),
		   GREATEST(CURRENT_DATE, max(t.start_latest), max(t.finish_earliest), max(t.finish_latest)),
		   count(DISTINCT t.partner),
		   COALESCE(max(LEAST(length(t.partner), namelen)), 0),
		   string_agg(DISTINCT s.name, ', ')
	  INTO first_day, last_day, nrows, maxlen, caption
	  FROM siko.timeline AS t
	  LEFT JOIN LATERAL (
			SELECT COALESCE(src.publisher, src.title) AS name
			  FROM siko.accession_source AS x JOIN siko.source AS src ON src.id = x.source_id
			 WHERE x.accession_id = t.accession_id) AS s ON true
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
	height := bottom + 118;

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

	-- One row per partner: a label (shortened, the full name as its
	-- tooltip), then for each accession the days of possible membership
	-- before the certain ones (hatched), the certain days (solid), the
	-- possible ones after them (hatched, at least minw pixels wide), and
	-- an arrow when it still runs at the right edge, or a mark when it
	-- ended on an unknown day.
	WITH acc AS (
		SELECT t.partner, t.role, t.start, t.finish, t.status,
			   COALESCE(lower(siko.possible(a.period)), '-infinity'::date) AS p_lo,
			   COALESCE(upper(siko.possible(a.period)), 'infinity'::date) AS p_hi,
			   NOT isempty(siko.certain(a.period)) AS certain,
			   COALESCE(lower(siko.certain(a.period)), '-infinity'::date) AS c_lo,
			   COALESCE(upper(siko.certain(a.period)), 'infinity'::date) AS c_hi
		  FROM siko.timeline AS t
		  JOIN siko.accession AS a ON a.id = t.accession_id
		 WHERE t.cooperation = timeline_svg.cooperation
	), txt AS (
		SELECT a.*, r.n,
			   regexp_replace(a.partner, bad, '', 'g') AS name,
			   regexp_replace(a.partner || ': ' || a.start || '/' || a.finish
							  || COALESCE(' (' || a.role || ')', ''), bad, '', 'g') AS tip
		  FROM acc AS a
		  JOIN (SELECT acc.partner,
					   row_number() OVER (ORDER BY min(acc.p_lo), min(acc.c_lo), acc.partner) - 1 AS n
				  FROM acc GROUP BY acc.partner) AS r USING (partner)
	), esc AS (
		SELECT t.*, top + t.n * row_h AS y,
			   CASE WHEN length(t.name) > namelen THEN rtrim(left(t.name, namelen - 1)) || '…' ELSE t.name END AS label,
			   -- the day's left edge on the axis, clipped to it
			   round(x0 + (GREATEST(lo, LEAST(hi, CASE WHEN t.certain THEN t.c_lo ELSE t.p_hi END)) - lo) * scale, 1) AS xb,
			   round(x0 + (GREATEST(lo, LEAST(hi, t.p_lo)) - lo) * scale, 1) AS xa,
			   round(x0 + (GREATEST(lo, LEAST(hi, CASE WHEN t.certain THEN t.c_hi ELSE t.p_hi END)) - lo) * scale, 1) AS xc,
			   round(x0 + (GREATEST(lo, LEAST(hi, t.p_hi)) - lo) * scale, 1) AS xd
		  FROM txt AS t
	), seg AS (
		SELECT e.n, e.y, e.p_lo, e.c_lo, e.certain, e.c_hi, e.p_hi, e.status, e.xa, e.xb, e.xc, e.xd,
			   CASE WHEN e.certain THEN e.c_lo ELSE e.p_hi END AS p_b,
			   x.v[1] AS name, x.v[2] AS label, x.v[3] AS tip
		  FROM esc AS e
		 CROSS JOIN LATERAL (SELECT array_agg(replace(replace(replace(replace(replace(u.t,
									'&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&apos;')
									ORDER BY u.k) AS v
							   FROM unnest(ARRAY[e.name, e.label, e.tip]) WITH ORDINALITY AS u(t, k)) AS x
	)
	SELECT COALESCE((SELECT string_agg(
				format('<rect class="%s" x="0" y="%s" width="%s" height="%s"/><text class="label" x="%s" y="%s"><title>%s</title>%s</text>',
					   CASE WHEN l.n % 2 = 0 THEN 'even' ELSE 'odd' END, l.y, width, row_h,
					   x0 - 8, l.y + 14, l.name, l.label),
				E'\n' ORDER BY l.n)
					  FROM (SELECT DISTINCT seg.n, seg.y, seg.name, seg.label FROM seg) AS l), '') || E'\n' ||
		   COALESCE(string_agg(
				format('<g><title>%s</title>', s.tip) ||
				CASE WHEN s.certain AND s.xc > s.xb THEN
					format('<rect class="certain" x="%s" y="%s" width="%s" height="12"/>', s.xb, s.y + 4, s.xc - s.xb)
				ELSE '' END ||
				-- the uncertain spans, centred on their days when widened to minw
				CASE WHEN s.p_lo < s.p_b AND s.p_lo < hi AND s.p_b > lo THEN
					format('<rect class="possible" x="%s" y="%s" width="%s" height="12"/>',
						   round(LEAST(s.xa, (s.xa + s.xb - minw) / 2), 1), s.y + 4, GREATEST(s.xb - s.xa, minw))
				ELSE '' END ||
				CASE WHEN s.certain AND s.c_hi < s.p_hi AND s.c_hi < hi AND s.p_hi > lo THEN
					format('<rect class="possible" x="%s" y="%s" width="%s" height="12"/>',
						   round(LEAST(s.xc, (s.xc + s.xd - minw) / 2), 1), s.y + 4, GREATEST(s.xd - s.xc, minw))
				ELSE '' END ||
				CASE WHEN s.status = 'running' AND s.certain AND s.c_hi >= hi AND s.c_lo < hi THEN
					format('<path class="open" d="M%s %sl8 6l-8 6z"/>', x1 + 2, s.y + 4)
				WHEN s.status = 'ended, day unknown' AND s.p_lo < hi THEN
					format('<circle class="unknown" cx="%s" cy="%s" r="5"/>', s.xd + 7, s.y + 10)
				ELSE '' END ||
				'</g>',
				E'\n' ORDER BY s.n, s.p_lo),
			format('<text class="label" x="%s" y="%s">%s</text>', x0 + 60, top + 14,
				   CASE WHEN de THEN 'keine Beitritte' ELSE 'no accessions' END))
	  INTO body
	  FROM seg AS s;

	-- the caption: the sources and the day the register was read, cut to
	-- the width (the whole of it as its tooltip); the texts escaped for XML
	caption := CASE WHEN de THEN 'Quellen: ' || COALESCE(caption, 'keine') || '. Stand: ' || to_char(CURRENT_DATE, 'DD.MM.YYYY') || '.'
					ELSE 'Sources: ' || COALESCE(caption, 'none') || '. As of ' || to_char(CURRENT_DATE, 'YYYY-MM-DD') || '.' END;
	SELECT format('<title>%s</title>%s', x.v[2], x.v[3]), x.v[1]
	  INTO caption, coop_name
	  FROM (SELECT array_agg(replace(replace(replace(replace(replace(regexp_replace(u.t, bad, '', 'g'),
					'&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&apos;') ORDER BY u.k) AS v
			  FROM unnest(ARRAY[coop_name, caption,
								CASE WHEN length(caption) > floor((width - 24) / 6.4)
									 THEN left(caption, floor((width - 24) / 6.4)::integer - 1) || '…'
									 ELSE caption END]) WITH ORDINALITY AS u(t, k)) AS x;
	RETURN format(
'<svg xmlns="http://www.w3.org/2000/svg" width="%1$s" height="%2$s" viewBox="0 0 %1$s %2$s" font-family="sans-serif" font-size="12">
<title>%3$s</title>
<defs>
<pattern id="siko-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#d6e2f0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1f5fa8" stroke-width="2"/></pattern>
<style>
.certain { fill: #1f5fa8; }
.possible { fill: url(#siko-hatch); }
.open { fill: #1f5fa8; }
.unknown { fill: #ffffff; stroke: #1f5fa8; stroke-width: 2; }
.even { fill: #f3f5f7; }
.odd { fill: #ffffff; }
.year { stroke: #b8c2cc; stroke-width: 1; }
.axis { fill: #4a5560; text-anchor: middle; }
.label { fill: #1a1f24; text-anchor: end; }
.legend { fill: #1a1f24; }
.caption { fill: #4a5560; font-size: 11px; }
</style>
</defs>
<rect x="0" y="0" width="%1$s" height="%2$s" fill="#ffffff"/>
<text x="12" y="22" font-size="15" font-weight="bold">%3$s</text>
<text x="12" y="40" fill="#4a5560">%4$s</text>
%5$s
%6$s
<g transform="translate(12,%7$s)">
<rect class="certain" x="0" y="0" width="24" height="12"/><text class="legend" x="30" y="11">%8$s</text>
<rect class="possible" x="0" y="18" width="24" height="12"/><text class="legend" x="30" y="29">%9$s</text>
<path class="open" d="M8 36l8 6l-8 6z"/><text class="legend" x="30" y="47">%10$s</text>
<circle class="unknown" cx="12" cy="60" r="5"/><text class="legend" x="30" y="65">%11$s</text>
</g>
<text class="caption" x="12" y="%12$s">%13$s</text>
</svg>
',
		width, height, coop_name,
		CASE WHEN de THEN format('Beitritte vom %s bis %s, eine Zeile je Partner', to_char(lo, 'DD.MM.YYYY'), to_char(hi, 'DD.MM.YYYY'))
			 ELSE format('accessions from %s to %s, one row per partner', lo, hi) END,
		COALESCE(axis, ''), body, bottom + 28,
		CASE WHEN de THEN 'sicher Mitglied' ELSE 'certainly a member' END,
		CASE WHEN de THEN 'möglicherweise Mitglied: der Tag ist nur innerhalb dieser Spanne bekannt'
			 ELSE 'possibly a member: the day is known only within this span' END,
		CASE WHEN de THEN 'noch Mitglied' ELSE 'still a member' END,
		CASE WHEN de THEN 'ausgeschieden, Tag unbekannt' ELSE 'ended, day unknown' END,
		height - 8, caption);
END
$fn$;

COMMENT ON FUNCTION siko.timeline_svg(text, date, date, integer, text) IS
'an SVG Gantt chart of the accessions of a cooperation: one row per partner (names over 30 characters shortened, the full name as tooltip), '
'the days of certain membership (siko.certain) solid, the other days of possible membership (siko.possible) hatched and at least 4 pixels wide, '
'an arrow for memberships still running, a circle for those that ended on an unknown day; '
'a time axis with years from from_day to to_day (by default fitted to the accessions and today), a legend, and a caption naming the sources and the day it is as of; '
'labels in English (lang ''en'') or German (''de'')';

-- ---------------------------------------------------------------------
DO $notice$
DECLARE
	path	text := (SELECT s.reset_val FROM pg_catalog.pg_settings AS s
					  WHERE s.name OPERATOR(pg_catalog.=) 'search_path');
	-- the script runs with client_min_messages at warning at least: the
	-- notice goes out at the level the session had
	level	text := (SELECT s.reset_val FROM pg_catalog.pg_settings AS s
					  WHERE s.name OPERATOR(pg_catalog.=) 'client_min_messages');
	kept	text := pg_catalog.current_setting('client_min_messages');
BEGIN
	PERFORM pg_catalog.set_config('client_min_messages', level, true);
	IF NOT 'siko' OPERATOR(pg_catalog.=) ANY (
			SELECT pg_catalog.btrim(pg_catalog.btrim(e), '"')
			  FROM pg_catalog.unnest(pg_catalog.string_to_array(path, ',')) AS e) THEN
		RAISE NOTICE 'siko is not on the search_path of database "%"', pg_catalog.current_database()
			USING DETAIL = 'siko''s operators, = among them, are found through the search_path: without siko on it, even WHERE ags = ''05512000'' fails with "operator does not exist".',
				  HINT = pg_catalog.format('Run ALTER DATABASE %I SET search_path = %s; and reconnect (for a reporting role: ALTER ROLE ... SET search_path).',
									pg_catalog.current_database(),
									CASE WHEN pg_catalog.btrim(path) OPERATOR(pg_catalog.=) '' THEN 'siko'
										 ELSE path OPERATOR(pg_catalog.||) ', siko' END);
	END IF;
	PERFORM pg_catalog.set_config('client_min_messages', kept, true);
END
$notice$;
