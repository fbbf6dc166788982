-- The extension installs into schema siko and needs btree_gist.
CREATE EXTENSION siko CASCADE;
SELECT extname, extversion, extrelocatable, extnamespace::regnamespace
  FROM pg_extension WHERE extname = 'siko';
