#!/usr/bin/env bash
# siko.timeline_svg() writes well-formed SVG (checked by an XML parser)
# with one labelled row per partner, also when names hold characters that
# XML reserves or forbids; every bar of a register with closed, open,
# unknown and imprecise ends is drawn where siko.certain() and
# siko.possible() put it; and a real SVG renderer (rsvg-convert) draws the
# pictures at their size with every label inside them.
set -eu -o pipefail
: "${PGDATABASE:?}" "${SIKO_BINDIR:?}"
command -v python3 >/dev/null || { echo "python3 is missing: skipped"; exit 77; }
command -v rsvg-convert >/dev/null || { echo "rsvg-convert is missing (Debian: librsvg2-bin)"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sql() { "$SIKO_BINDIR/psql" -X -A -t -q -v ON_ERROR_STOP=1 -c "$1"; }

sql "SELECT siko.load_register('siko-ruhr'), siko.load_register('herne-bochum')" >/dev/null
sql "SELECT siko.timeline_svg('siko-ruhr', '2020-01-01', '2026-01-01')" >"$tmp/ruhr.svg"
sql "SELECT siko.timeline_svg('herne-bochum')" >"$tmp/herne.svg"
sql "SELECT siko.timeline_svg('siko-ruhr', lang => 'de')" >"$tmp/ruhr-de.svg"
# one partner per kind of end, and the days siko.certain and siko.possible give
sql "INSERT INTO siko.cooperation (code, name, founded) VALUES ('ends', 'Every kind of end', '2009');
     INSERT INTO siko.partner (name, kind)
     SELECT 'P' || n || ' ' || p, 'university' FROM unnest(ARRAY['2016-03-05/2018-01-01', '2015/2018', '2016-06/2016-06',
         '[..2016]/2019', '2017/[2020..]', '2018/', '2019/..', '2017-05~/2021-XX', '2019-08-07/2019-08-09',
         '[2020-03-01..2020-03-06]/2022-01-01', '2010/2014', '2023-06/..']) WITH ORDINALITY AS x(p, n);
     INSERT INTO siko.accession (cooperation_id, partner_id, period)
     SELECT c.id, p.id, split_part(p.name, ' ', 2)::siko.period
       FROM siko.cooperation c, siko.partner p WHERE c.code = 'ends' AND p.name ~ '^P[0-9]+ '"
sql "SELECT siko.timeline_svg('ends', '2015-01-01', '2024-01-01')" >"$tmp/ends.svg"
sql "SELECT t.partner, t.status, NOT isempty(siko.certain(a.period)),
            COALESCE(lower(siko.possible(a.period))::text, '-infinity'), COALESCE(upper(siko.possible(a.period))::text, 'infinity'),
            COALESCE(lower(siko.certain(a.period))::text, ''), COALESCE(upper(siko.certain(a.period))::text, 'infinity')
       FROM siko.timeline t JOIN siko.accession a ON a.id = t.accession_id WHERE t.cooperation = 'ends'" >"$tmp/ends.days"
for f in ruhr ruhr-de herne ends; do
	rsvg-convert "$tmp/$f.svg" -o "$tmp/$f.png"
	# the labels only, on a canvas 300 pixels larger on every side
	sed -e '0,/<svg /s/ width="\([0-9]*\)" height="\([0-9]*\)" viewBox="0 0 [0-9]* [0-9]*"/ width="\1" height="\2" viewBox="-300 -300 \1 \2" data-margin="300"/' \
		-e 's|</style>|rect, path, line, circle { display: none; }</style>|' "$tmp/$f.svg" |
		python3 -c 'import re,sys; s=sys.stdin.read(); m=re.search(r"width=\"(\d+)\" height=\"(\d+)\" viewBox=\"-300 -300 \d+ \d+\"", s); w,h=int(m[1])+600,int(m[2])+600; sys.stdout.write(s.replace(m[0], f"width=\"{w}\" height=\"{h}\" viewBox=\"-300 -300 {w} {h}\"", 1))' >"$tmp/$f-labels.svg"
	rsvg-convert "$tmp/$f-labels.svg" -o "$tmp/$f-labels.png"
done
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
import datetime, struct, sys, zlib, xml.etree.ElementTree as ET
d = sys.argv[1]
ns = {"s": "http://www.w3.org/2000/svg"}
S = "{http://www.w3.org/2000/svg}"

def rows(name):
    root = ET.parse(f"{d}/{name}").getroot()   # raises on malformed XML
    assert root.tag == S + "svg", root.tag
    # a label's full name is its tooltip; a long one is shortened on the picture
    labels = [t.find("s:title", ns).text for t in root.iterfind(".//s:text[@class='label']", ns)
              if t.find("s:title", ns) is not None]
    return root, labels

def png(name, pixels=True):
    """width, height and rows of RGBA pixels of an 8-bit RGBA PNG"""
    b = open(f"{d}/{name}", "rb").read()
    assert b[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(b):
        n, kind = struct.unpack(">I4s", b[pos:pos + 8])
        body = b[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", body[:10])
            if not pixels:
                return w, h, None
            assert depth == 8 and colour == 6, (depth, colour)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, out, prev = zlib.decompress(idat), w * 4, [], bytearray(w * 4)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            c = prev[i - 4] if i >= 4 else 0
            up = prev[i]
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + up) & 255
            elif f == 3: line[i] = (line[i] + (a + up) // 2) & 255
            elif f == 4:
                p = a + up - c
                pa, pb, pc = abs(p - a), abs(p - up), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else up if pb <= pc else c)) & 255
        out.append(line)
        prev = line
    return w, h, out

for f in ("ruhr", "ruhr-de", "herne", "ends"):
    root = ET.parse(f"{d}/{f}.svg").getroot()
    W, H = int(root.get("width")), int(root.get("height"))
    w, h, _ = png(f + ".png", False)
    assert (w, h) == (W, H), (f, w, h, W, H)
    w, h, px = png(f + "-labels.png")
    ink = [(x, y) for y, line in enumerate(px) for x in range(w) if line[x * 4 + 3] > 0]
    assert ink, f
    xs, ys = [x for x, _ in ink], [y for _, y in ink]
    assert 300 <= min(xs) and max(xs) < 300 + W and 300 <= min(ys) and max(ys) < 300 + H, \
        (f, "labels outside the picture", min(xs) - 300, max(xs) - 300, W, min(ys) - 300, max(ys) - 300, H)

root, labels = rows("ruhr.svg")
want = {"Ministerium des Innern NRW", "Bundespolizei", "Generalzolldirektion", "Dortmund",
        "Duisburg", "Essen", "Bochum", "Dorsten", "Gelsenkirchen", "Gladbeck", "Hagen", "Hamm",
        "Herne", "Marl", "Mülheim an der Ruhr", "Oberhausen", "Oer-Erkenschwick",
        "Ennepe-Ruhr-Kreis", "Kreis Recklinghausen", "Kreis Unna", "Kreis Wesel",
        "Hochschule für Polizei und öffentliche Verwaltung NRW", "Haltern am See", "Herten",
        "Dinslaken"}
assert set(labels) == want and len(labels) == 25, labels
assert labels[-3:] == ["Haltern am See", "Herten", "Dinslaken"], labels[-3:]
shown = [t.find("s:title", ns).tail for t in root.iterfind(".//s:text[@class='label']", ns)]
assert max(len(t) for t in shown) <= 30 and "Hochschule für Polizei und öf…" in shown, shown
years = [t.text for t in root.iterfind(".//s:text[@class='axis']", ns)]
assert years == [str(y) for y in range(2020, 2026) for _ in (0, 1)], years
tips = {g.find("s:title", ns).text: [e.get("class") for e in g if e.tag.endswith(("rect", "path", "circle"))]
        for g in root.iterfind(".//s:g", ns) if g.find("s:title", ns) is not None}
assert tips["Dortmund: [2020-01..2020-08]/.. (founding partner)"] == ["certain", "possible", "open"], tips
assert tips["Bochum: [2020-01-01..2022-03-03]/.."] == ["certain", "possible", "open"], tips
assert tips["Herten: 2023-10-01/.."] == ["certain", "open"], tips
# Haltern's one week of uncertainty is at least 4 pixels wide
g = [g for t, g in ((g.find("s:title", ns), g) for g in root.iterfind(".//s:g", ns)) if t is not None and t.text.startswith("Haltern")][0]
assert [float(r.get("width")) for r in g if r.get("class") == "possible"] == [4.0], ET.tostring(g)
caption = root.find(".//s:text[@class='caption']", ns)
assert caption.find("s:title", ns).text.startswith("Sources: ") and "As of " in caption.find("s:title", ns).text, ET.tostring(caption)
root, _ = rows("ruhr-de.svg")
caption = root.find(".//s:text[@class='caption']", ns).find("s:title", ns).text
assert caption.startswith("Quellen: ") and "Stand: " in caption, caption
assert "sicher Mitglied" in [t.text for t in root.iterfind(".//s:text[@class='legend']", ns)]

# every bar of the register of every kind of end, against siko.certain and siko.possible
root, _ = rows("ends.svg")
lo, hi = datetime.date(2015, 1, 1), datetime.date(2024, 1, 1)
lines = {int(round(float(l.get("x1")))): None for l in root.iterfind(".//s:line[@class='year']", ns)}
xs = sorted(float(l.get("x1")) for l in root.iterfind(".//s:line[@class='year']", ns))
assert len(xs) == 8, xs            # 1 January 2016 to 2023
scale = (xs[-1] - xs[0]) / (datetime.date(2023, 1, 1) - datetime.date(2016, 1, 1)).days
x0 = xs[0] - (datetime.date(2016, 1, 1) - lo).days * scale
def X(day):
    if day == "-infinity": return x0
    if day == "infinity": return x0 + (hi - lo).days * scale
    dd = min(max(datetime.date.fromisoformat(day), lo), hi)
    return x0 + (dd - lo).days * scale
bars = {}
for g in root.iterfind(".//s:g", ns):
    t = g.find("s:title", ns)
    if t is not None and t.text.startswith("P"):
        bars[t.text.split(":")[0]] = [(e.get("class"), float(e.get("x", "nan")), float(e.get("width", "nan")))
                                      for e in g if not e.tag.endswith("title")]
checked = 0
for line in open(f"{d}/ends.days"):
    partner, status, certain, p_lo, p_hi, c_lo, c_hi = line.rstrip("\n").split("|")
    got = bars.get(partner, [])
    near = lambda a, b: abs(a - b) <= 0.11
    kinds = [k for k, _, _ in got]
    cert = [(x, w) for k, x, w in got if k == "certain"]
    poss = [(x, w) for k, x, w in got if k == "possible"]
    visible = X(p_lo) < X(p_hi)
    if certain == "t" and X(c_lo) < X(c_hi):
        assert len(cert) == 1 and near(cert[0][0], X(c_lo)) and near(cert[0][0] + cert[0][1], X(c_hi)), (partner, got)
    else:
        assert not cert, (partner, "a certain bar where nothing is certain", got)
    spans = []
    if certain == "t":
        spans = [(p_lo, c_lo), (c_hi, p_hi)]
    else:
        spans = [(p_lo, p_hi)]
    want = [(X(a), X(b)) for a, b in spans if X(a) < X(b) or (a != b and lo < datetime.date.fromisoformat(a if a[0] != "-" else "0001-01-01") < hi)]
    want = [(a, b) for a, b in want if b >= a]
    for a, b in want:
        ok = any((near(x, a) and near(x + w, b)) or (b - a < 4 and w == 4.0 and near(x + 2, (a + b) / 2)) for x, w in poss)
        assert ok, (partner, "no hatched span for", a, b, got)
    assert len(poss) == len(want), (partner, want, got)
    assert ("open" in kinds) == (status == "running" and certain == "t" and c_hi == "infinity"), (partner, got)
    assert ("unknown" in kinds) == (status == "ended, day unknown" and visible), (partner, got)
    checked += 1
assert checked == 12, checked

_, labels = rows("herne.svg")
assert labels == ["Herne", "Polizeipräsidium Bochum"], labels

root, labels = rows("odd.svg")
assert sorted(labels) == ["<script>&amp;", "Bell & Co"], labels
assert root.find("s:title", ns).text == "A & B <odd> \"co\" 'op'"
rows("narrow.svg")
print("timeline_svg: well-formed SVG, 25 + 2 + 12 partner rows, bars as siko.certain and siko.possible say, rendered at size with every label inside")
PY
