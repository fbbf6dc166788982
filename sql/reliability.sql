-- Findings of the reliability tests, kept as regression tests.
\set VERBOSITY default

-- count_members over the whole date range by days (2,147,483,494 days) did
-- not stop at a cancel or at statement_timeout and wrote every row to
-- temporary files; now it stops at 1,000,000 steps, as growth does.
SELECT count(*) FROM siko.count_members(ARRAY['2020-06-01/..']::siko.period[],
	'4714-11-24 BC', '5874897-12-31');
SELECT count(*) FROM siko.count_members(ARRAY['2020-06-01/..']::siko.period[],
	'2000-01-01', '5874897-12-31', '1 year');
-- the bound: 1,000,000 steps are counted, one more is refused
SELECT count(*), sum(certain) FROM siko.count_members(ARRAY['2020/..']::siko.period[],
	'2000-01-01', DATE '2000-01-01' + 999999);
SELECT count(*) FROM siko.count_members(ARRAY['2020/..']::siko.period[],
	'2000-01-01', DATE '2000-01-01' + 1000000);
