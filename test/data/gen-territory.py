#!/usr/bin/env python3
"""Write the territory data file shipped with siko (sql/siko_territory_nrw.csv).

Reads test/data/gemeindeverzeichnis.csv (the municipality register extract,
see SOURCES.md) and writes its header row and every record of one Land
unchanged, in the same format (UTF-8 without the byte-order mark).  The
install and update scripts load the file with siko.load_territory(), the
loader users call for other Laender, so the shipped rows and a user's load
are read by the same code.

    python3 test/data/gen-territory.py                  print the extract
    python3 test/data/gen-territory.py --output FILE    write it to FILE
    python3 test/data/gen-territory.py --land 05        the Land (default NRW)

Only the standard library is used.
"""
import argparse
import csv
import os
import sys


def extract(path, land):
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    header = next(csv.reader(lines[:1]))
    col = header.index("land")
    out = [lines[0]]
    for line, rec in zip(lines[1:], csv.reader(lines[1:])):
        if len(rec) > col and rec[col] == land:
            out.append(line)
    if len(out) == 1:
        sys.exit("no records of Land %s in %s" % (land, path))
    return "".join(out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csv", default=os.path.join(here, "gemeindeverzeichnis.csv"))
    ap.add_argument("--land", default="05")
    ap.add_argument("--output", metavar="FILE")
    args = ap.parse_args()
    text = extract(args.csv, args.land)
    if not args.output:
        sys.stdout.write(text)
        return
    with open(args.output, "w", encoding="utf-8", newline="") as f:
        f.write(text)


if __name__ == "__main__":
    main()
