#!/usr/bin/env bash
# siko.timeline_svg() writes well-formed SVG (checked by an XML parser)
# with one labelled row per partner, also when names hold characters that
# XML reserves or forbids.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"
command -v python3 >/dev/null || { echo "python3 is missing: skipped"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sql() { "$SIKO_BINDIR/psql" -X -A -t -q -v ON_ERROR_STOP=1 -c "$1"; }

sql "SELECT siko.load_register('siko-ruhr'), siko.load_register('herne-bochum')" >/dev/null
sql "SELECT siko.timeline_svg('siko-ruhr', '2020-01-01', '2026-01-01')" >"$tmp/ruhr.svg"
sql "SELECT siko.timeline_svg('herne-bochum')" >"$tmp/herne.svg"
# a partner whose name needs escaping, and one with a control character
sql "INSERT INTO siko.cooperation (code, name, founded) VALUES ('odd', 'A & B <odd> \"co\" ''op''', '2021');
     INSERT INTO siko.partner (name, kind) VALUES ('<script>&amp;', 'other'), ('Bell' || chr(7) || ' & Co', 'other');
     INSERT INTO siko.accession (cooperation_id, partner_id, period)
     SELECT c.id, p.id, '2021-05~/2022-XX'
       FROM siko.cooperation c, siko.partner p
      WHERE c.code = 'odd' AND p.kind = 'other'"
sql "SELECT siko.timeline_svg('odd')" >"$tmp/odd.svg"
sql "SELECT siko.timeline_svg('odd', '2022-01-01', '2022-02-01', 300)" >"$tmp/narrow.svg"

python3 - "$tmp" <<'PY'
import sys, xml.etree.ElementTree as ET
d = sys.argv[1]
ns = {"s": "http://www.w3.org/2000/svg"}

def rows(name):
    root = ET.parse(f"{d}/{name}").getroot()   # raises on malformed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
    return root, [t.text for t in root.iterfind(".//s:text[@class='label']", ns)]

root, labels = rows("ruhr.svg")
want = {"Ministerium des Innern NRW", "Bundespolizei", "Generalzolldirektion", "Dortmund",
        "Duisburg", "Essen", "Bochum", "Dorsten", "Gelsenkirchen", "Gladbeck", "Hagen", "Hamm",
        "Herne", "Marl", "Mülheim an der Ruhr", "Oberhausen", "Oer-Erkenschwick",
        "Ennepe-Ruhr-Kreis", "Kreis Recklinghausen", "Kreis Unna", "Kreis Wesel",
        "Hochschule für Polizei und öffentliche Verwaltung NRW", "Haltern am See", "Herten",
        "Dinslaken"}
assert set(labels) == want and len(labels) == 25, labels
assert labels[-3:] == ["Haltern am See", "Herten", "Dinslaken"], labels[-3:]
years = [t.text for t in root.iterfind(".//s:text[@class='axis']", ns)]
assert years == [str(y) for y in range(2020, 2026) for _ in (0, 1)], years
# the founders' start (January to August 2020) and the later partners' open start are hatched
tips = {g.find("s:title", ns).text: [e.get("class") for e in g if e.tag.endswith(("rect", "path"))]
        for g in root.iterfind(".//s:g", ns) if g.find("s:title", ns) is not None}
assert tips["Dortmund: [2020-01..2020-08]/.. (founding partner)"] == ["possible", "certain", "open"], tips
assert tips["Bochum: [2020-01-01..2022-03-03]/.."] == ["possible", "certain", "open"], tips
assert tips["Herten: 2023-10-01/.."] == ["certain", "open"], tips

_, labels = rows("herne.svg")
assert labels == ["Herne", "Polizeipräsidium Bochum"], labels

root, labels = rows("odd.svg")
assert sorted(labels) == ["<script>&amp;", "Bell & Co"], labels
assert root.find("s:title", ns).text == "A & B <odd> \"co\" 'op'"
rows("narrow.svg")
print("timeline_svg: well-formed SVG, 25 + 2 partner rows, years on the axis, names escaped")
PY
