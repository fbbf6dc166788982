-- Beyond one machine: siko.distribute_register() without Citus, and the
-- statement trigger that refuses a change a Citus worker began (without
-- Citus it lets every change through).
\set SHOW_CONTEXT never
SELECT * FROM siko.distribute_register();
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS register_write_checks FROM pg_trigger
 WHERE tgname = 'register_write_check' AND tgfoid = 'siko.register_write_check()'::regprocedure;
BEGIN;
INSERT INTO siko.cooperation (code, name, founded) VALUES ('citus-test', 'Citus test', '2020');
DELETE FROM siko.cooperation WHERE code = 'citus-test';
ROLLBACK;
SELECT siko.register_write_check();
