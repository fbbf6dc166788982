
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
