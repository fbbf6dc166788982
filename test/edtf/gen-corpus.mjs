// Writes to stdout a TSV corpus of EDTF level 0 and level 1 dates with the
// earliest and latest day that the edtf library (the reference
// implementation) gives as min and max:  input <TAB> earliest <TAB> latest,
// days as astronomical YYYY-MM-DD (-0044-03-15).
//
//   cd test/edtf && npm install && npm run gen
//
// Seasons (21-24) are included with the library's days; siko maps them
// differently on purpose (see README.md), and its test checks those rows
// against siko's own mapping instead.
import edtf from 'edtf';

const pad = (n, w) => String(Math.abs(n)).padStart(w, '0');
const year = (y) => (y > 9999 ? 'Y' + y : (y < 0 ? '-' : '') + pad(y, 4));
const day = (ms) => {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return `${y < 0 ? '-' : ''}${pad(y, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
};
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const mdays = (y, m) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];

const inputs = [];
const years = [
  -4000, -1000, -401, -400, -101, -100, -44, -5, -4, -1, 0, 1, 4, 99, 100, 400,
  999, 1000, 1582, 1600, 1700, 1800, 1899, 1900, 1904, 1970, 1999, 2000, 2001,
  2019, 2020, 2021, 2022, 2023, 2024, 2100, 2400, 9999,
];
const quals = ['?', '~', '%'];

for (const y of years) {
  const Y = year(y);
  inputs.push(Y);
  for (let m = 1; m <= 12; m++) {
    const M = `${Y}-${pad(m, 2)}`;
    inputs.push(M);
    const last = mdays(y, m);
    for (const d of new Set([1, 2, 15, 28, last])) {
      if (d <= last) inputs.push(`${M}-${pad(d, 2)}`);
    }
  }
  // qualifiers on each precision
  quals.forEach((q, i) => {
    inputs.push(Y + q);
    inputs.push(`${Y}-${pad(2 + 5 * i, 2)}${q}`);
    inputs.push(`${Y}-02-${pad(mdays(y, 2), 2)}${q}`);
  });
  if (y >= 0) {
    // unspecified digits (the library takes no qualifier on these)
    inputs.push(`${Y}-XX`, `${Y}-XX-XX`);
    for (let m = 1; m <= 12; m++) inputs.push(`${Y}-${pad(m, 2)}-XX`);
  }
  // seasons
  for (let s = 21; s <= 24; s++) inputs.push(`${Y}-${s}`);
}
for (let dec = 0; dec <= 999; dec += 7) {
  inputs.push(`${pad(dec, 3)}X`);
}
inputs.push('000X', '199X', '200X', '202X', '999X');
for (let c = 0; c <= 99; c += 3) inputs.push(`${pad(c, 2)}XX`);
inputs.push('00XX', '19XX', '20XX', '99XX');
for (const y of [10000, 12345, 99999, 100000, 275759]) {
  inputs.push(year(y));
}

const seen = new Set();
for (const s of inputs) {
  if (seen.has(s)) continue;
  seen.add(s);
  const e = edtf(s);
  // The library misreads a few valid dates (it takes February 29 of the
  // years 0000 to 0099 for 1900-style non-leap years and moves them to
  // March 1): those rows are left out and listed on stderr.
  if (String(e) !== s) {
    process.stderr.write(`left out: edtf reads ${s} as ${String(e)}\n`);
    continue;
  }
  // ... and gives wrong days for some dates of the year 0000 (0000-02-28
  // ends on 0000-02-29): rows whose earliest or latest day is not even in
  // the year, month or day written are left out and listed on stderr.
  const lo = day(e.min), hi = day(e.max);
  const m = /^(-?\d{4})(-\d\d)?(-\d\d)?[?~%]?$/.exec(s.replace(/-XX/g, ''));
  if (m && !/^-?\d{4}-2[1-4]$/.test(s) && !/^\d*X/.test(s)) {
    const written = m[1] + (m[2] || '') + (m[3] || '');
    if (!lo.startsWith(written) || !hi.startsWith(written)) {
      process.stderr.write(`left out: edtf gives ${s} the days ${lo} to ${hi}\n`);
      continue;
    }
  }
  process.stdout.write(`${s}\t${lo}\t${hi}\n`);
}
