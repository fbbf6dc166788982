-- Every answer of every as-of function over the register of
-- cache_register.sql, in order, as one md5 (psql variable k: known_on, or
-- empty for the current state).
SET search_path = public, siko;
CREATE TEMP TABLE days AS SELECT d::date FROM generate_series(date '2011-06-01', date '2026-06-01', interval '173 days') d;
CREATE TEMP TABLE keys AS SELECT ags FROM siko.partner WHERE name LIKE 'Modus %' AND ags IS NOT NULL
	UNION SELECT siko.ags_land(ags) FROM siko.partner WHERE name LIKE 'Modus %' AND ags IS NOT NULL;
CREATE TEMP TABLE coops AS SELECT code FROM siko.cooperation WHERE code LIKE 'mode-%';
SELECT md5(string_agg(x, E'\n' ORDER BY x)) FROM (
	SELECT format('is_member %s %s %s %s', c.code, k.ags, d.d, siko.is_member(c.code, k.ags, d.d, NULLIF(:'k', '')::timestamptz)) AS x
	  FROM coops c, keys k, days d
	UNION ALL
	SELECT format('is_covered %s %s %s %s', c.code, k.ags, d.d, siko.is_covered(c.code, k.ags, d.d, NULLIF(:'k', '')::timestamptz))
	  FROM coops c, keys k, days d
	UNION ALL
	SELECT format('cooperations_of %s %s %s', k.ags, d.d, siko.cooperations_of(k.ags, d.d, NULLIF(:'k', '')::timestamptz))
	  FROM keys k, days d
	UNION ALL
	SELECT format('covered_by %s %s %s %s', c.code, k.ags, d.d,
				  (SELECT array_agg(format('%s %s %s %s', n, b.partner, b.ags, b.certain) ORDER BY n)
					 FROM siko.covered_by(c.code, k.ags, d.d, NULLIF(:'k', '')::timestamptz) WITH ORDINALITY AS b(partner, ags, certain, n)))
	  FROM coops c, keys k, days d
	UNION ALL
	SELECT format('members_as_of %s %s %s', c.code, d.d,
				  (SELECT array_agg(format('%s %s %s %s %s %s', n, m.partner, m.kind, m.ags, m.certain, m.period) ORDER BY n)
					 FROM siko.members_as_of(c.code, d.d, NULLIF(:'k', '')::timestamptz) WITH ORDINALITY AS m(partner, kind, ags, certain, period, n)))
	  FROM coops c, days d
	UNION ALL
	SELECT format('member_at %s %s %s %s', c.code, p.name, d.d, siko.member_at(c.code, p.name, d.d, NULLIF(:'k', '')::timestamptz))
	  FROM coops c, (SELECT name FROM siko.partner WHERE name LIKE 'Modus %' ORDER BY name LIMIT 30) p, days d
	UNION ALL
	SELECT format('growth %s %s', c.code,
				  (SELECT array_agg(format('%s %s %s', g.day, g.certain, g.possible) ORDER BY g.day)
					 FROM siko.growth(c.code, '2011-01-01', '2026-01-01', '1 month', NULLIF(:'k', '')::timestamptz) g))
	  FROM coops c
	UNION ALL
	SELECT format('cooperation_counts %s', siko.cooperation_counts(k.ags, d.d ORDER BY k.ags))
	  FROM keys k, days d WHERE :'k' = ''
) s;
