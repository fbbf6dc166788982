-- siko 0.3 -> 0.4
\echo Use "ALTER EXTENSION siko UPDATE TO '0.4'" to load this file. \quit

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
	'the text of a data file installed with siko, by its name (siko_territory_nrw.csv: the territory reference of North Rhine-Westphalia, for siko.load_territory()); no other file can be read; for the install and update scripts, not granted to PUBLIC';
REVOKE ALL ON FUNCTION siko.shipped_data(text) FROM PUBLIC;

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
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 100
AS $fn$
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
) AS r (cooperation, cooperation_name, partner, kind, ags, period, decided, signed,
		effective, announced, role, source_ids, accession_id)
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
