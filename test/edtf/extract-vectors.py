#!/usr/bin/env python3
"""Writes vectors.tsv: the EDTF strings of two other implementations' test
suites, each with its source (repository@commit:file:line), whether that
implementation reads it (t/f), and the earliest and latest day it gives
(its strict bounds; astronomical years, -infinity/infinity for an open
side, empty where it gives none).

  python3 extract-vectors.py EDTFJS_GIT PYEDTF_GIT > vectors.tsv

EDTFJS_GIT and PYEDTF_GIT are git directories of inukshuk/edtf.js and
ixc/python-edtf holding the commits pinned below.  The test files are code,
so the strings are picked out of them:

- edtf.js (test/*.js): every string literal passed to p(), parse(),
  edtf(), X.from() or new X(...), and the bare string lines of a list
  (the round-trip list of test/edtf.js).  What edtf.js makes of a string is
  asked of the edtf npm library at the same version (4.11.1, installed by
  `npm install` in this directory) at its default level: min and max.
- python-edtf (edtf/parser/tests.py): the strings of its example tables
  and of its parse() calls, read with Python's own parser.  What it makes of
  a string is asked of the library itself (the pinned commit's edtf
  package, needing pyparsing and python-dateutil): lower_strict() and
  upper_strict(), which for the examples with bounds must equal those the
  test file states (checked here).  Its "fuzzy" bounds are not used.
"""
import ast
import json
import os
import re
import subprocess
import sys
import tempfile

EDTFJS = ("inukshuk/edtf.js", "811a00dc7d0499018545de055639e18f9f3b4601")
PYEDTF = ("ixc/python-edtf", "603859e921fe7775c7702adc2819e9115d480426")
HERE = os.path.dirname(os.path.abspath(__file__))


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, *args], check=True,
                          capture_output=True).stdout


def show(gitdir, commit, path):
    return git(gitdir, "show", f"{commit}:{path}").decode()


def fmt_day(y, m, d):
    return f"{'-' if y < 0 else ''}{abs(y):04d}-{m:02d}-{d:02d}"


# --- edtf.js ---------------------------------------------------------------

CALL = re.compile(r"(?:\b(?:p|parse|edtf|from)|\bnew\s+(?!Bitmask\b)[A-Z]\w*)\(\s*'([^'\\]*)'"
                  r"(?:\s*,\s*'([^'\\]*)')?")
BARE = re.compile(r"^\s*'([^'\\]*)',?\s*$")


def edtfjs_strings(gitdir):
    commit = EDTFJS[1]
    files = [f for f in git(gitdir, "ls-tree", "-r", "--name-only", commit, "test/").decode().split()
             if f.endswith(".js") and not f.startswith("test/support/")]
    for f in sorted(files):
        for n, line in enumerate(show(gitdir, commit, f).splitlines(), 1):
            found = [s for m in CALL.finditer(line) for s in m.groups() if s is not None]
            if not found and f == "test/edtf.js":
                m = BARE.match(line)
                found = [m.group(1)] if m else []
            for s in found:
                yield f, n, s


EDTFJS_READ = r"""
import edtf from 'edtf';
import { readFileSync } from 'fs';
const pad = (n, w) => String(Math.abs(n)).padStart(w, '0');
const day = (ms) => {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '';
  if (ms === Infinity) return 'infinity';
  if (ms === -Infinity) return '-infinity';
  const d = new Date(ms), y = d.getUTCFullYear();
  return `${y < 0 ? '-' : ''}${pad(y, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
};
const out = JSON.parse(readFileSync(0, 'utf8')).map((s) => {
  try { const e = edtf(s); return [true, day(e.min), day(e.max)]; } catch (x) { return [false, '', '']; }
});
process.stdout.write(JSON.stringify(out));
"""


def edtfjs_read(strings):
    r = subprocess.run(["node", "--input-type=module", "-e", EDTFJS_READ], cwd=HERE, check=True,
                       input=json.dumps(strings), capture_output=True, text=True)
    return json.loads(r.stdout)


# --- python-edtf -----------------------------------------------------------

TABLES = ("EXAMPLES", "APPROXIMATE_UNCERTAIN_EXAMPLES", "BAD_EXAMPLES", "BENCHMARK_EXAMPLES")


def pyedtf_strings(source):
    """(line, string, stated strict bounds or None) of the test file."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                getattr(node.targets[0], "id", None) in TABLES:
            for item in node.value.elts:
                if isinstance(item, ast.Tuple):
                    s, stated = ast.literal_eval(item.elts[0]), None
                    if node.targets[0].id == "EXAMPLES":
                        t = ast.literal_eval(item.elts[1])
                        # one value: the string itself (a day); three: one
                        # strict day, then the fuzzy ones; else lower, upper
                        stated = (None if len(t) == 1 else (t[0], t[0]) if len(t) == 3 else t[:2])
                    yield item.elts[0].lineno, s, stated
                elif isinstance(item, ast.Constant) and isinstance(item.value, str):
                    yield item.lineno, item.value, None
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "parse" and \
                node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            yield node.lineno, node.args[0].value, None


def pyedtf_bound(v):
    if isinstance(v, float):
        return "infinity" if v > 0 else "-infinity"
    return fmt_day(v.tm_year, v.tm_mon, v.tm_mday)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    jsgit, pygit = sys.argv[1:]
    rows = []

    js = list(edtfjs_strings(jsgit))
    for (f, n, s), (ok, lo, hi) in zip(js, edtfjs_read([s for _, _, s in js])):
        rows.append((f"{EDTFJS[0]}@{EDTFJS[1][:7]}:{f}:{n}", s, ok, lo, hi))

    path = "edtf/parser/tests.py"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(f"git --git-dir '{pygit}' archive {PYEDTF[1]} edtf | tar -x -C '{tmp}'",
                       shell=True, check=True)
        sys.path.insert(0, tmp)
        from edtf.parser.grammar import parse_edtf  # the pinned commit's

        for n, s, stated in sorted(pyedtf_strings(show(pygit, PYEDTF[1], path))):
            try:
                e = parse_edtf(s)
                ok, lo, hi = True, pyedtf_bound(e.lower_strict()), pyedtf_bound(e.upper_strict())
            except Exception:
                ok, lo, hi = False, "", ""
            if stated and (lo, hi) != tuple(b.replace("inf", "infinity") for b in stated):
                sys.exit(f"{path}:{n}: {s} gives {lo}..{hi}, the test says {stated}")
            rows.append((f"{PYEDTF[0]}@{PYEDTF[1][:7]}:{path}:{n}", s, ok, lo, hi))

    print("source\tinput\tvalid\tearliest\tlatest")
    for src, s, ok, lo, hi in rows:
        # CSV quoting for the empty string only (an empty field is no value)
        print(f"{src}\t{s if s else chr(34) * 2}\t{'t' if ok else 'f'}\t{lo}\t{hi}")


if __name__ == "__main__":
    main()
