#!/usr/bin/env bash
# Every SQL example of README.md and doc/*.md is run, and the output it shows
# must be the output it gives: a drifted example fails.
#
# The convention, for whoever writes the documentation:
#   - A block fenced with ```sql is an example: it is run with psql, as
#     written, in a database of its own per Markdown file (a fresh one with
#     siko, "$user", public, siko as the database's search_path, and the
#     shipped registers loaded: siko.load_register('siko-ruhr') and
#     siko.load_register('herne-bochum')). The blocks of a file run in their
#     order, each in a new session, so that a later example sees the rows an
#     earlier one wrote.
#   - When the next fenced block (blank lines between are allowed) is a
#     ```text block, it is the output: what `psql -X -q` prints for the
#     example, errors (ERROR, DETAIL, HINT) and notices included, in psql's
#     default aligned format. It must match exactly, up to trailing spaces and
#     blank lines at the end.
#   - An example without a ```text block must run without an error.
#   - A block fenced with ```sql fragment is shown but not run (fragments with
#     names of your own tables, or `...`).
# To paste real output: run the block with `psql -X -q -f block.sql 2>&1`.
set -u -o pipefail
: "${SIKO_BINDIR:?}"
top=$(cd "$(dirname "$0")/../.." && pwd -P) || exit 2
cd "$top" || exit 2
work=$(mktemp -d "${TMPDIR:-/tmp}/siko-doc.XXXXXX") || exit 2
dbs=()
trap 'for db in "${dbs[@]}"; do "$SIKO_BINDIR/dropdb" --if-exists "$db" >/dev/null 2>&1; done; rm -rf "$work"' EXIT
# trailing spaces of each line and blank lines at the end do not count
tidy() { sed -E 's/[ \t]+$//' | awk '{ line[NR] = $0 } $0 != "" { last = NR } END { for (i = 1; i <= last; i++) print line[i] }'; }
psql() { PGOPTIONS='-c client_min_messages=notice' "$SIKO_BINDIR/psql" -X -q -P pager=off "$@"; }

# split FILE into DIR/NNN.sql, DIR/NNN.out (the output shown, if any) and
# DIR/NNN.line (the line of the example in FILE)
split_examples() { # FILE DIR
	awk -v dir="$2" '
		function close_block() { if (cur != "") close(cur); cur = "" }
		/^```/ && !inblock {
			info = substr($0, 4); gsub(/^[ \t]+|[ \t]+$/, "", info)
			inblock = 1
			if (info == "sql") {
				n++; cur = sprintf("%s/%03d.sql", dir, n); kind = "sql"
				printf "%d\n", NR > sprintf("%s/%03d.line", dir, n); close(sprintf("%s/%03d.line", dir, n))
				printf "" > cur
			} else if (info == "text" && lastsql) {
				cur = sprintf("%s/%03d.out", dir, n); kind = "out"
				printf "" > cur
			} else { kind = "other" }
			lastsql = 0
			next
		}
		/^```[ \t]*$/ && inblock {
			inblock = 0; close_block(); lastsql = (kind == "sql"); next
		}
		inblock && cur != "" { print > cur; next }
		!inblock && $0 !~ /^[ \t]*$/ { lastsql = 0 }
	' "$1"
}

ok=0 bad=0 files=(README.md doc/*.md)
for f in "${files[@]}"; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .md | tr -c 'a-zA-Z0-9\n' '_')
	dir=$work/$name db=siko_doc_$name
	mkdir -p "$dir"
	split_examples "$f" "$dir"
	[ -n "$(ls "$dir"/*.sql 2>/dev/null)" ] || continue
	dbs+=("$db")
	"$SIKO_BINDIR/createdb" "$db" || exit 1
	psql -v ON_ERROR_STOP=1 -d "$db" >/dev/null 2>&1 <<-SQL || { echo "doc_examples: cannot set up $db" >&2; exit 1; }
		ALTER DATABASE "$db" SET search_path = "\$user", public, siko;
		CREATE EXTENSION siko;
	SQL
	psql -v ON_ERROR_STOP=1 -d "$db" -c "SELECT siko.load_register('siko-ruhr'), siko.load_register('herne-bochum')" >/dev/null ||
		exit 1
	for sql in "$dir"/*.sql; do
		base=${sql%.sql} line=$(cat "$base.line")
		if [ -f "$base.out" ]; then
			(cd "$dir" && psql -d "$db" -f "$(basename "$sql")" 2>&1) |
				sed -E 's/^psql:[^ ]*:[0-9]+: //' | tidy >"$base.got"
			tidy <"$base.out" >"$base.want"
			if diff -u "$base.want" "$base.got" >"$base.diff"; then
				ok=$((ok + 1))
			else
				echo "$f:$line: the output shown differs from the output (- shown, + got):"
				sed 1,2d "$base.diff"
				bad=$((bad + 1))
			fi
		else
			if out=$( (cd "$dir" && psql -v ON_ERROR_STOP=1 -d "$db" -f "$(basename "$sql")") 2>&1 >/dev/null); then
				ok=$((ok + 1))
			else
				echo "$f:$line: the example fails:"; echo "$out"
				bad=$((bad + 1))
			fi
		fi
	done
done
echo "doc_examples: $ok examples ok, $bad failed"
[ "$bad" = 0 ] && [ "$ok" -gt 0 ]
