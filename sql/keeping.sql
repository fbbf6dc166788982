-- Keeping the register by name: the messages users see.
--
-- The statements between "README: Keeping the register" and "end of the
-- README's statements" are those of the README's section "Keeping the
-- register", in the same order: keep them the same.
\set SHOW_CONTEXT never
SELECT siko.load_register('siko-ruhr');

-- README: Keeping the register
SELECT siko.add_partner('Recklinghausen', 'municipality', '05562032');
SELECT siko.add_source('recklinghausen-2026-05-04', 'Recklinghausen tritt der SiKo Ruhr bei',
                       publisher => 'Stadt Recklinghausen', published => '2026-05-04');
SELECT siko.add_accession('siko-ruhr', 'Recklinghausen', '2026-05-01/..',
                          signed => '2026-04-28', effective => '2026-05-01',
                          announced => '2026-05-04', sources => '{recklinghausen-2026-05-04}',
                          reason => 'press release of 4 May 2026');
-- ending it: the last day of membership
SELECT siko.end_accession('siko-ruhr', 'Recklinghausen', '2026-10-31',
                          reason => 'left at the end of October');   -- 2026-05-01/2026-10-31
-- correcting it: any UPDATE, with the reason set for its transaction
BEGIN;
SET LOCAL siko.reason = 'the release dates the signing to 27 April';
UPDATE siko.accession SET signed = '2026-04-27'
 WHERE partner_id = siko.find_partner('Recklinghausen')
   AND cooperation_id = siko.find_cooperation('siko-ruhr');
COMMIT;
SELECT change, "table", reason, after ->> 'period' AS period, after ->> 'signed' AS signed
  FROM siko.history('siko-ruhr', 'Recklinghausen') WHERE "table" = 'accession';
SELECT siko.add_accession('siko-ruhr', 'Innenministerium NRW', '2026/..');
-- end of the README's statements

-- the reason stays with the change it was given for
SELECT pg_catalog.current_setting('siko.reason') AS reason_after;
-- the source is cited, and the partner is a member in between
SELECT s.key FROM siko.accession_source x JOIN siko.source s ON s.id = x.source_id
 WHERE x.accession_id = (SELECT a.id FROM siko.accession a WHERE a.partner_id = siko.find_partner('Recklinghausen'));
SELECT siko.member_at('siko-ruhr', 'Recklinghausen', '2026-04-30') AS before,
       siko.member_at('siko-ruhr', 'Recklinghausen', '2026-05-01') AS first_day,
       siko.member_at('siko-ruhr', 'Recklinghausen', '2026-11-01') AS after;

-- unknown names: 22023, the nearest names as the hint (or none close)
SELECT siko.add_accession('siko-rur', 'Herten', '2026/..');
SELECT siko.add_accession('siko-ruhr', 'Herten', '2026/..', sources => '{herten-2023-10-12}');
SELECT siko.end_accession('siko-ruhr', 'Zzyzx', '2026-10-31');
SELECT siko.end_accession('siko-ruhr', 'Herten', '2026-10-31', source => 'no-such-source');
-- no running accession: 22023 saying what there is
SELECT siko.end_accession('siko-ruhr', 'Recklinghausen', '2026-12-31');
SELECT siko.add_partner('Castrop-Rauxel', 'municipality', '05562008');
SELECT siko.end_accession('siko-ruhr', 'Castrop-Rauxel', '2026-12-31');
-- the last day before the first: the period refuses it
SELECT siko.end_accession('siko-ruhr', 'Herten', '2023-01-01');
-- what a keeping function cannot do without
SELECT siko.add_partner('Waltrop', NULL);
SELECT siko.end_accession('siko-ruhr', 'Herten', NULL);
SELECT siko.add_accession('siko-ruhr', 'Castrop-Rauxel', NULL);
-- partners and sources
SELECT siko.add_partner('Waltrop', 'town', '05562036');
SELECT siko.add_source('Stadt Waltrop 2026', 'Waltrop');
SELECT siko.add_source('recklinghausen-2026-05-04', 'the same key again');
SELECT siko.add_partner('Nirgendwo', 'municipality', '05999000');
SELECT siko.add_partner('Irgendwo in Bayern', 'municipality', '09999000') > 0 AS accepted;

-- the effective date is the period's first day
SELECT siko.add_accession('siko-ruhr', 'Castrop-Rauxel', '2026-05-01/..', effective => '2026-09-01');
UPDATE siko.accession SET effective = '2026-09-01'
 WHERE partner_id = siko.find_partner('Herten');
UPDATE siko.accession SET period = '2023-11-01/..'
 WHERE partner_id = siko.find_partner('Herten');
SELECT siko.add_accession('siko-ruhr', 'Castrop-Rauxel', '2026-05/..', effective => '2026-05-20') > 0 AS accepted;

-- keys that lost their leading zero
SELECT '5512000'::siko.ags;
SELECT '5562'::siko.ags;
SELECT '0551200'::siko.ags;
SELECT 5512000::siko.ags AS gemeinde, 5562::siko.ags AS kreis, 16077001::bigint::siko.ags AS thueringen;
SELECT 55::siko.ags;
SELECT 555555::siko.ags;
SELECT (-5512000)::siko.ags;
SELECT 17000000::siko.ags;

-- the registers shipped with siko are a data file: an unknown code names them
SELECT siko.load_register('siko-rhein');
-- loading one twice
SELECT siko.load_register('siko-ruhr');
