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
			PERFORM pg_catalog.set_config('client_min_messages', 'notice', true);
			RAISE NOTICE 'siko: the materialized view % holds periods of the old meaning: REFRESH MATERIALIZED VIEW % after the update', col.rel, col.rel;
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
	-- (an extension script runs with client_min_messages at warning: let the notice through)
	PERFORM pg_catalog.set_config('client_min_messages', 'notice', true);
	RAISE NOTICE 'siko 0.4: a period''s end is now its last day of membership; % stored value(s) in % column(s) rewritten to keep their meaning', total, ncols;
END
$update$;
