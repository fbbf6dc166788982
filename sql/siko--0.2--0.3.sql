-- siko 0.2 -> 0.3: the no-overlap rule of siko.accession by a constraint
-- trigger and a btree probe instead of a GiST exclusion constraint
\echo Use "ALTER EXTENSION siko UPDATE TO '0.3'" to load this file. \quit

-- The same rule, the same name and SQLSTATE (23P01), checked on the rows
-- as stored, after every BEFORE trigger; bulk loads no longer maintain a
-- GiST index.  The exclusion constraint goes with its index.
ALTER TABLE siko.accession DROP CONSTRAINT accession_no_overlap;

-- accession_check keeps the milestones and the lifetime
CREATE OR REPLACE FUNCTION siko.accession_check() RETURNS trigger
	AS 'MODULE_PATHNAME', 'siko_accession_rules' LANGUAGE C;
COMMENT ON FUNCTION siko.accession_check() IS
	'row trigger of siko.accession: milestones in order, within the cooperation''s lifetime (errors name partner and cooperation)';

CREATE FUNCTION siko.accession_no_overlap() RETURNS trigger
	AS 'MODULE_PATHNAME', 'siko_accession_no_overlap' LANGUAGE C;
COMMENT ON FUNCTION siko.accession_no_overlap() IS
	'constraint trigger of siko.accession: no two accessions of a partner to a cooperation that may overlap, also against concurrent transactions (23P01)';
REVOKE ALL ON FUNCTION siko.accession_no_overlap() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER accession_no_overlap
	AFTER INSERT OR UPDATE ON siko.accession
	NOT DEFERRABLE FOR EACH ROW EXECUTE FUNCTION siko.accession_no_overlap();
COMMENT ON CONSTRAINT accession_no_overlap ON siko.accession IS
	'no two accessions of a partner to a cooperation that may overlap (SQLSTATE 23P01), checked through accession_partner_idx';

COMMENT ON INDEX siko.accession_partner_idx IS 'accessions by partner and cooperation (foreign key checks, the no-overlap rule of the constraint trigger accession_no_overlap)';
