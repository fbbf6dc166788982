
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
		REFERENCES siko.partner (id),
	-- partner first: it has thousands of values where the cooperation has
	-- tens, so the index's pages split by partner and a check reads few
	CONSTRAINT accession_no_overlap EXCLUDE USING gist (
		partner_id WITH OPERATOR(pg_catalog.=),
		cooperation_id WITH OPERATOR(pg_catalog.=),
		period WITH OPERATOR(siko.&&))
);
ALTER SEQUENCE siko.accession_id_seq OWNED BY siko.accession.id;
CREATE INDEX accession_partner_idx ON siko.accession (partner_id, cooperation_id);
CREATE INDEX accession_cooperation_idx ON siko.accession (cooperation_id);
COMMENT ON TABLE siko.accession IS
	'a partner''s membership of a cooperation: its period and the milestones decided, signed, effective, announced';
COMMENT ON INDEX siko.accession_cooperation_idx IS 'accessions by cooperation (foreign key checks, building the cache of one cooperation)';
COMMENT ON INDEX siko.accession_partner_idx IS 'accessions by partner and cooperation (foreign key checks, the rule checks of the row trigger)';

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
	AS 'MODULE_PATHNAME', 'siko_accession_check' LANGUAGE C;
COMMENT ON FUNCTION siko.accession_check() IS
	'row trigger of siko.accession: milestones in order, within the cooperation''s lifetime, no possible overlap (errors name partner and cooperation)';

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
