#!/usr/bin/env python3
"""Read siko's as-of API with psycopg2, as pandas and Jupyter users do.

    psycopg2_check.py OUTDIR COOP DAY_BEFORE DAY_JOINED AGS
                      GROWTH_FROM GROWTH_TO GROWTH_STEP SETUP_SQL

Connects with libpq's environment (PGHOST, PGPORT, PGUSER, PGDATABASE),
runs everything in one transaction that is rolled back, and writes each
result to OUTDIR/NAME.got in the text form of COPY ... TO STDOUT.  Checks
that every value arrives as a plain Python value: dates as datetime.date,
integers as int, booleans as bool, text and siko's own types as str (never
bytes or memoryview).  Exit status 0 when every check passed, 1 otherwise.
"""
import datetime
import os
import sys

import psycopg2

failures = 0


def fail(msg):
    global failures
    print("FAIL: " + msg)
    failures += 1


def ok(msg):
    print("ok: " + msg)


def text(v):
    """A value as COPY's text format writes it."""
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, (int, datetime.date)):
        return str(v)
    if isinstance(v, str):
        return (v.replace("\\", "\\\\").replace("\t", "\\t")
                .replace("\n", "\\n").replace("\r", "\\r"))
    raise TypeError("a value of Python type %s, not a plain value" % type(v).__name__)


def dump(cur, outdir, name, want=None):
    """Write the rows of cur to OUTDIR/NAME.got; check the Python types."""
    cols = [d.name for d in cur.description]
    rows = cur.fetchall()
    seen = {}
    with open(os.path.join(outdir, name + ".got"), "w", encoding="utf-8") as f:
        for row in rows:
            for col, v in zip(cols, row):
                if v is not None:
                    seen.setdefault(col, set()).add(type(v).__name__)
            try:
                f.write("\t".join(text(v) for v in row) + "\n")
            except TypeError as e:
                fail("%s: %s" % (name, e))
                return
    if want is not None:
        got = {c: sorted(seen.get(c, ())) for c in cols}
        bad = [c for c in cols if c not in want or not set(got[c]) <= {want[c]}]
        if cols != list(want) or bad:
            fail("%s: columns %s with Python types %s, want %s" % (name, cols, got, want))
            return
        ok("%s: %s" % (name, ", ".join("%s %s" % (c, want[c]) for c in cols)))


def main():
    if len(sys.argv) != 10:
        print(__doc__, file=sys.stderr)
        return 2
    (outdir, coop, before, joined, ags, gfrom, gto, gstep, setup) = sys.argv[1:]
    before = datetime.date.fromisoformat(before)
    joined = datetime.date.fromisoformat(joined)

    conn = psycopg2.connect("")
    try:
        cur = conn.cursor()  # psycopg2 opens a transaction on the first statement
        cur.execute(setup)

        members = {"partner": "str", "kind": "str", "ags": "str", "certain": "bool", "period": "str"}
        cur.execute("SELECT * FROM siko.members_as_of(%s, %s)", (coop, before))
        dump(cur, outdir, "members_before", members)
        cur.execute("SELECT * FROM siko.members_as_of(%s, %s)", (coop, joined))
        dump(cur, outdir, "members_joined", members)

        cur.execute("SELECT * FROM siko.growth(%s, %s, %s, %s::interval)", (coop, gfrom, gto, gstep))
        dump(cur, outdir, "growth", {"day": "date", "certain": "int", "possible": "int"})

        cur.execute("SELECT * FROM siko.timeline")
        types = {}
        for row in cur.fetchall():
            for d, v in zip(cur.description, row):
                if v is not None:
                    types.setdefault(d.name, set()).add(type(v).__name__)
        odd = {c: t for c, t in types.items() if not t <= {"str", "date", "int", "bool"}}
        if odd:
            fail("siko.timeline: columns of other Python types: %s" % odd)
        else:
            ok("siko.timeline: %d columns, values of types %s"
               % (len(cur.description), sorted(set().union(*types.values())) if types else []))
        cur.execute("SELECT * FROM siko.timeline")
        dump(cur, outdir, "timeline")

        with open(os.path.join(outdir, "is_member.got"), "w") as f:
            for day in (before, joined):
                cur.execute("SELECT siko.is_member(%s, %s::siko.ags, %s)", (coop, ags, day))
                f.write(text(cur.fetchone()[0]) + "\n")

        # A pandas-style frame of the growth band: every count an int.
        cur.execute("SELECT day, certain, possible FROM siko.growth(%s, %s, %s, %s::interval)",
                    (coop, gfrom, gto, gstep))
        band = cur.fetchall()
        if not band or any(c > p for _, c, p in band):
            fail("siko.growth: certain exceeds possible, or no rows")
        else:
            ok("siko.growth: %d steps, certain <= possible on each" % len(band))
    except psycopg2.Error as e:
        fail("%s: %s" % (type(e).__name__, str(e).strip()))
    finally:
        conn.rollback()
        conn.close()
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
