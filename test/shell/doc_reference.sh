#!/usr/bin/env bash
# doc/reference.md names every object of the extension, as the catalog lists
# them (pg_depend of the extension), and nothing that does not exist:
#   - every function and aggregate as `siko.NAME(ARGUMENTS)`, ARGUMENTS as
#     pg_get_function_arguments() prints them (names, types, defaults);
#   - every type, table, view, sequence and operator class as `siko.NAME`;
#   - every operator as `LEFT OP RIGHT` with the types' short names
#     (`ags @> ags`, `date <@ period`);
#   - every column of a table or view as a row "| `COLUMN` |" in the section
#     headed "### `siko.RELATION`", and every such row is a column;
#   - every setting siko defines (siko.reason, siko.system_time) as `siko.NAME`;
#   - every name siko.WORD on the page is one of these, and every `X OP Y`
#     written with siko's types is an operator of the extension.
set -eu -o pipefail
: "${SIKO_BINDIR:?}"
top=$(cd "$(dirname "$0")/../.." && pwd -P)
ref=$top/doc/reference.md
[ -f "$ref" ] || { echo "doc_reference: $ref is missing"; exit 1; }
# siko defines its settings when it first records history: record a change
# and roll it back, then ask
q() {
	"$SIKO_BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 <<-SQL
		\\o /dev/null
		BEGIN;
		SELECT siko.add_source('doc-reference-check', 'a source rolled back at once');
		ROLLBACK;
		\\o
		$1;
	SQL
}
ext="SELECT d.classid, d.objid FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
      WHERE e.extname = 'siko' AND d.deptype = 'e'"
work=$(mktemp -d "${TMPDIR:-/tmp}/siko-docref.XXXXXX")
trap 'rm -rf "$work"' EXIT
q "SELECT 'function' || chr(9) || p.proname || chr(9) || pg_get_function_arguments(p.oid)
     FROM pg_proc p WHERE (p.tableoid, p.oid) IN ($ext)
   UNION ALL
   SELECT 'name' || chr(9) || t.typname || chr(9) FROM pg_type t WHERE (t.tableoid, t.oid) IN ($ext)
   UNION ALL
   SELECT 'relation' || chr(9) || c.relname || chr(9) || c.relkind::text FROM pg_class c WHERE (c.tableoid, c.oid) IN ($ext)
   UNION ALL
   SELECT 'name' || chr(9) || c.opcname || chr(9) FROM pg_opclass c WHERE (c.tableoid, c.oid) IN ($ext)
   UNION ALL
   SELECT 'operator' || chr(9) || replace(format_type(o.oprleft, NULL), 'siko.', '') || ' ' || o.oprname
          || ' ' || replace(format_type(o.oprright, NULL), 'siko.', '') || chr(9)
     FROM pg_operator o WHERE (o.tableoid, o.oid) IN ($ext)
   UNION ALL
   SELECT 'column' || chr(9) || c.relname || chr(9) || a.attname
     FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE (c.tableoid, c.oid) IN ($ext) AND c.relkind IN ('r', 'v')
   UNION ALL
   SELECT 'setting' || chr(9) || substr(name, 6) || chr(9) FROM pg_settings WHERE name LIKE 'siko.%'" >"$work/catalog"
[ "$(grep -c '^setting' "$work/catalog")" -ge 2 ] || { echo "doc_reference: siko's settings not found"; exit 1; }

python3 - "$ref" "$work/catalog" <<'PY'
import re, sys
ref = open(sys.argv[1], encoding='utf-8').read()
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[2], encoding='utf-8') if l.strip()]
problems = []
names = set()
for kind, a, b in rows:
    if kind == 'function':
        names.add(a)
        if 'siko.%s(%s)' % (a, b) not in ref:
            problems.append('function siko.%s(%s) is not documented with this signature' % (a, b))
    elif kind in ('name', 'relation', 'setting'):
        if kind == 'name' and a.startswith('_'):
            continue                     # array types
        names.add(a)
        if not re.search(r'siko\.%s(?![a-z0-9_])' % re.escape(a), ref):
            problems.append('%s siko.%s is not documented' % (kind, a))
    elif kind == 'operator':
        if '`%s`' % a not in ref and '`%s` ' % a not in ref and ('`%s` →' % a) not in ref:
            problems.append('operator %s is not documented' % a)
# columns: the rows "| `col` |" of the section "### `siko.REL`"
sections = {}
for m in re.finditer(r'^### `siko\.([a-z_0-9]+)`\s*$(.*?)(?=^##)', ref + '\n##', re.S | re.M):
    sections[m.group(1)] = set(re.findall(r'^\| `([a-z_0-9]+)` \|', m.group(2), re.M))
rels = {a for kind, a, b in rows if kind == 'relation' and b in ('r', 'v')}
cols = {}
for kind, a, b in rows:
    if kind == 'column':
        cols.setdefault(a, set()).add(b)
for rel in sorted(rels):
    documented = sections.get(rel)
    if documented is None:
        problems.append('no section "### `siko.%s`" with its columns' % rel)
        continue
    for c in sorted(cols.get(rel, set()) - documented):
        problems.append('column siko.%s.%s is not documented' % (rel, c))
    for c in sorted(documented - cols.get(rel, set())):
        problems.append('siko.%s has no column %s, but the page lists one' % (rel, c))
# every siko.WORD on the page exists
for w in sorted(set(re.findall(r'siko\.([a-z_][a-z0-9_]*)', ref))):
    if w not in names:
        problems.append('siko.%s is named on the page but is no object of the extension' % w)
# every `X OP Y` with siko's types is an operator
ops = {a for kind, a, b in rows if kind == 'operator'}
for m in set(re.findall(r'`((?:ags|fuzzydate|period|date) [^ `a-z0-9]+ (?:ags|fuzzydate|period|date))`', ref)):
    if m not in ops:
        problems.append('operator %s is named on the page but does not exist' % m)
for p in problems:
    print('doc_reference: ' + p)
print('doc_reference: %d objects checked, %d problems' % (len(rows), len(problems)))
sys.exit(1 if problems else 0)
PY
