-- The extension installs into schema siko and requires no other extension.
CREATE EXTENSION siko CASCADE;
SELECT extname, extversion, extrelocatable, extnamespace::regnamespace
  FROM pg_extension WHERE extname = 'siko';
