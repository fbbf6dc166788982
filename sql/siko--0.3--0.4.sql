-- siko 0.3 -> 0.4
\echo Use "ALTER EXTENSION siko UPDATE TO '0.4'" to load this file. \quit

-- ---------------------------------------------------------------------
-- The shipped data: the territory reference of North Rhine-Westphalia
-- is a data file installed next to this script (siko_territory_nrw.csv,
-- an extract of the Gemeindeverzeichnis in its own format), loaded by
-- the same siko.load_territory() users call for other Laender.
-- ---------------------------------------------------------------------

CREATE FUNCTION siko.shipped_data(name text) RETURNS text
	AS 'MODULE_PATHNAME', 'siko_shipped_data' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siko.shipped_data(text) IS
	'the text of a data file installed with siko, by its name (siko_territory_nrw.csv: the territory reference of North Rhine-Westphalia, for siko.load_territory()); no other file can be read; for the install and update scripts, not granted to PUBLIC';
REVOKE ALL ON FUNCTION siko.shipped_data(text) FROM PUBLIC;

SELECT siko.load_territory(siko.shipped_data('siko_territory_nrw.csv'), DATE '2019-12-31');
