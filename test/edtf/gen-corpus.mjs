// Writes to stdout corpus.tsv: siko's values in every form (dates of
// levels 0 and 1, unspecified digits, sub-year groupings 21-41, one-of
// ranges, Y years, and periods with every kind of start and end), each with
// the text siko prints for it and its earliest and latest day, checked
// against the edtf library (4.11.1, at its default level), which reads the
// printed text:
//
//   input  output  earliest  latest  edtfjs
//
// output is siko's canonical text, or the SQLSTATE of its refusal (then
// earliest and latest are empty).  Days are astronomical YYYY-MM-DD
// (-0044-03-15), -infinity and infinity for an open side; a period's latest
// day is the last possible day of its end (the end day belongs to the
// period), infinity when the end is open or unknown.  The days are worked
// out here from the calendar, independently of siko and of the library;
// edtfjs says what the library makes of output:
//
//   same       it reads it with the same earliest and latest day
//   season     sub-year groupings 21-32 and 37-39: it maps them otherwise
//              (21 to 24 as quarters; siko follows the words: README.md)
//   set        a one-of range [a..b]: it gives the set the first member's
//              days; the days here are the specification's (a's first,
//              b's last)
//   qualified  a qualifier after unspecified digits or after a sub-year
//              grouping: it refuses it (seasons: only at its level 3)
//   ymonth     a month or day after a Y year (siko's extension, so that
//              every day of PostgreSQL's date can be written): it refuses it
//   end        a period with a one-of range or a sub-year grouping as an
//              end (siko's extension of EDTF), or a Y year as an end: it
//              refuses the interval, and reads each end as a value of its
//              own (how such a period is exchanged)
//   unknown    a period whose end is unknown (2015/): it gives no latest day
//   year0      the library's own days for a few dates of the year 0000 (it
//              reads 0000-02-29 as March 1: JavaScript's Date.UTC takes the
//              years 0 to 99 for 1900 to 1999)
//   range      refused by siko (22008): outside PostgreSQL's dates
//   refused    refused by both
//
// A row whose difference is none of these stops the generator.
//
//   cd test/edtf && npm install && npm run gen
import edtf from 'edtf';

const pad = (n, w) => String(Math.abs(n)).padStart(w, '0');
const year = (y) => (y > 9999 ? 'Y' + y : y < -9999 ? 'Y-' + -y : (y < 0 ? '-' : '') + pad(y, 4));
// a day as a number that orders as the days do (also before year 0)
const num = (s) => {
  if (s === 'infinity' || s === '-infinity') return s === 'infinity' ? Infinity : -Infinity;
  const [, y, m, d] = /^(-?\d+)-(\d\d)-(\d\d)$/.exec(s);
  return Number(y) * 10000 + Number(m) * 100 + Number(d);
};
const ymd = (y, m, d) => `${y < 0 ? '-' : ''}${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const mdays = (y, m) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
const day = (ms) => {
  if (ms === Infinity) return 'infinity';
  if (ms === -Infinity) return '-infinity';
  if (ms === null || ms === undefined) return '';
  const d = new Date(ms);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
};

// ---------------------------------------------------------------------
// siko's values, with their days
// ---------------------------------------------------------------------
// kind: the form, for the edtf library's known differences
const v = (s, lo, hi, kind = 'date', extra = {}) => ({ s, lo, hi, kind, ...extra });
const Y = (y) => v(year(y), ymd(y, 1, 1), ymd(y, 12, 31), Math.abs(y) > 9999 ? 'ydate' : 'date', { y, prec: 'year' });
const M = (y, m) =>
  v(`${year(y)}-${pad(m, 2)}`, ymd(y, m, 1), ymd(y, m, mdays(y, m)), Math.abs(y) > 9999 ? 'ymonth' : 'date', { y, m, prec: 'month' });
const D = (y, m, d) =>
  v(`${year(y)}-${pad(m, 2)}-${pad(d, 2)}`, ymd(y, m, d), ymd(y, m, d), Math.abs(y) > 9999 ? 'ymonth' : 'date', { y, m, d, prec: 'day' });
const qual = (x, q) => ({ ...x, s: x.s + q, qualified: true });

// unspecified digits (years 0000 to 9999)
const decade = (y0) => v(`${pad(y0 / 10, 3)}X`, ymd(y0, 1, 1), ymd(y0 + 9, 12, 31), 'unspecified');
const century = (y0) => v(`${pad(y0 / 100, 2)}XX`, ymd(y0, 1, 1), ymd(y0 + 99, 12, 31), 'unspecified');
const someMonth = (y, xx) => v(`${year(y)}-XX${xx ? '-XX' : ''}`, ymd(y, 1, 1), ymd(y, 12, 31), 'unspecified');
const someDay = (y, m) => v(`${year(y)}-${pad(m, 2)}-XX`, ymd(y, m, 1), ymd(y, m, mdays(y, m)), 'unspecified');

// sub-year groupings: siko's months (README.md)
const SUBYEAR = {
  21: [3, 5], 22: [6, 8], 23: [9, 11], 24: [12, 14],
  25: [3, 5], 26: [6, 8], 27: [9, 11], 28: [12, 14],
  29: [9, 11], 30: [12, 14], 31: [3, 5], 32: [6, 8],
  33: [1, 3], 34: [4, 6], 35: [7, 9], 36: [10, 12],
  37: [1, 4], 38: [5, 8], 39: [9, 12], 40: [1, 6], 41: [7, 12],
};
const subyear = (y, code) => {
  const [a, b] = SUBYEAR[code];
  const yb = b > 12 ? y + 1 : y, mb = b > 12 ? b - 12 : b;
  return v(`${year(y)}-${code}`, ymd(y, a, 1), ymd(yb, mb, mdays(yb, mb)), 'subyear', { code });
};

// a one-of range of level 0 dates; printed with both bounds at the same
// precision: the finer of the coarsest that each bound allows
const RANK = { year: 0, month: 1, day: 2 };
const coarsest = (y, m, d, first) =>
  first ? (d !== 1 ? 'day' : m !== 1 ? 'month' : 'year')
    : (d !== mdays(y, m) ? 'day' : m !== 12 ? 'month' : 'year');
const at = (prec, y, m, d) => (prec === 'year' ? Y(y) : prec === 'month' ? M(y, m) : D(y, m, d)).s;
const parts = (x, first) => [x.y, x.m ?? (first ? 1 : 12), x.d ?? (first ? 1 : mdays(x.y, x.m ?? 12))];
const range = (a, b) => {
  const pa = a && parts(a, true), pb = b && parts(b, false);
  const ranks = [pa && coarsest(...pa, true), pb && coarsest(...pb, false)].filter(Boolean);
  const prec = ranks.sort((p, q) => RANK[q] - RANK[p])[0];
  const input = `[${a ? a.s : ''}..${b ? b.s : ''}]`;
  const out = `[${a ? at(prec, ...pa) : ''}..${b ? at(prec, ...pb) : ''}]`;
  const ylong = [a, b].some((x) => x && Math.abs(x.y) > 9999);
  return v(out, a ? a.lo : '-infinity', b ? b.hi : 'infinity', ylong && prec !== 'year' ? 'ymonth' : 'range',
    { input, closed: !!(a && b) });
};

// a period: the end day belongs to it
const OPEN = { s: '..', hi: 'infinity', kind: 'open' };
const UNKNOWN = { s: '', hi: 'infinity', kind: 'unknown' };
const period = (a, b) => ({
  s: `${a.s}/${b.s}`, input: `${a.input ?? a.s}/${b.input ?? b.s}`, lo: a.lo, hi: b.hi, kind: 'period', a, b,
});

// ---------------------------------------------------------------------
// the values
// ---------------------------------------------------------------------
const rows = [];
const add = (x) => rows.push(x);
const quals = ['?', '~', '%'];

const years = [
  -4000, -1000, -401, -400, -101, -100, -44, -5, -4, -1, 0, 1, 4, 99, 100, 400,
  999, 1000, 1582, 1600, 1700, 1800, 1899, 1900, 1904, 1970, 1999, 2000, 2001,
  2019, 2020, 2021, 2022, 2023, 2024, 2100, 2400, 9999,
];
for (const y of years) {
  add(Y(y));
  for (let m = 1; m <= 12; m++) {
    add(M(y, m));
    for (const d of new Set([1, 2, 15, 28, mdays(y, m)])) add(D(y, m, d));
  }
  quals.forEach((q, i) => {
    add(qual(Y(y), q));
    add(qual(M(y, 2 + 5 * i), q));
    add(qual(D(y, 2, mdays(y, 2)), q));
  });
  if (y >= 0) {
    add(someMonth(y, false));
    add(someMonth(y, true));
    for (let m = 1; m <= 12; m++) add(someDay(y, m));
    quals.forEach((q, i) => {
      add(qual(someMonth(y, i === 1), q));
      add(qual(someDay(y, 1 + 4 * i), q));
    });
  }
  if (y < 9999) {
    for (let c = 21; c <= 41; c++) add(subyear(y, c));
    quals.forEach((q, i) => add(qual(subyear(y, 21 + 7 * i), q)));
  }
}
for (let dec = 0; dec <= 9990; dec += 70) add(decade(dec));
for (const y0 of [0, 1990, 2000, 2020, 9990]) {
  add(decade(y0));
  quals.forEach((q) => add(qual(decade(y0), q)));
}
for (let c = 0; c <= 9900; c += 300) add(century(c));
for (const y0 of [0, 1900, 2000, 9900]) {
  add(century(y0));
  quals.forEach((q) => add(qual(century(y0), q)));
}
// Y years: only beyond four digits; a month or day after one is siko's own
for (const y of [10000, 12345, 99999, 100000, 275759]) {
  add(Y(y));
  add(qual(Y(y), '?'));
  add(M(y, 6));
  add(D(y, 2, mdays(y, 2)));
}
// one-of ranges: closed with every pair of precisions, open on either side
const bounds = (y) => [Y(y), M(y, 1), M(y, 7), M(y, 12), D(y, 1, 1), D(y, 7, 1), D(y, 3, 3), D(y, 12, 31), D(y, 2, mdays(y, 2))];
for (const [ya, yb] of [[-44, -40], [0, 0], [1760, 1760], [1999, 2001], [2020, 2022], [2023, 2023], [9998, 9999]]) {
  for (const a of bounds(ya)) {
    for (const b of bounds(yb)) if (num(a.lo) <= num(b.hi)) add(range(a, b));
    add(range(a, null));
    add(range(null, a));
  }
}
add(range(Y(10000), Y(12345)));
add(range(Y(12345), null));
// periods: every kind of start with every kind of end, the end on or after the start
const starts = (y) => [
  D(y, 5, 1), M(y, 6), Y(y), qual(Y(y), '~'), qual(D(y, 2, 28), '?'), someDay(y, 9), decade(y - (y % 10)),
  subyear(y, 21), subyear(y, 33), range(M(y, 7), D(y + 2, 3, 3)), range(Y(y), Y(y + 1)), range(null, D(y, 8, 31)),
].filter((e) => y >= 0 || e.kind !== 'unspecified');
const ends = (y) => [
  ...starts(y), D(y, 12, 31), M(y, 12), qual(M(y, 11), '%'), someMonth(y, false), subyear(y, 24), subyear(y, 40),
  range(D(y, 12, 1), D(y, 12, 31)), range(Y(y), null), OPEN, UNKNOWN,
].filter((e) => y >= 0 || e.kind !== 'unspecified');
for (const y of [-44, 0, 1582, 1900, 1999, 2000, 2015, 2020, 2024]) {
  for (const a of starts(y)) {
    for (const dy of [0, 1, 3, 10]) {
      for (const b of ends(y + dy)) {
        if (b.kind === 'open' || b.kind === 'unknown' || num(b.hi) >= num(a.lo)) add(period(a, b));
      }
    }
  }
}
for (const y of [10000, 12345]) {
  add(period(Y(y), OPEN));
  add(period(Y(y - 1), Y(y)));
  add(period(D(y, 1, 1), D(y, 12, 31)));
}

// refused: the Y prefix on four digits or fewer, and outside PostgreSQL's dates
const refused = [
  ['Y00001', '22007'], ['Y-00001', '22007'], ['Y09999', '22007'], ['Y2020', '22007'], ['Y-0044', '22007'],
  ['Y-12345', '22008'], ['-4714', '22008'], ['-4713-11-23', '22008'], ['Y5874898', '22008'],
  ['2020/Y-12345', '22008'], ['-4714/2020', '22008'],
];

// ---------------------------------------------------------------------
// what the library makes of them
// ---------------------------------------------------------------------
const read = (s) => {
  try {
    const e = edtf(s);
    return { lo: day(e.min), hi: day(e.max) };
  } catch (err) {
    return null;
  }
};
const SEASONS = (code) => code <= 32 || (code >= 37 && code <= 39);
const hasY = (e) => /Y/.test(e.s);
const year0 = (e) => /(^|[[.])0000-/.test(e.s);

function difference(x, r) {
  if (r && r.lo === x.lo && r.hi === x.hi) return 'same';
  if (x.kind === 'period') return periodDifference(x, r);
  if (!r && hasY(x)) return 'y';
  if (!r && x.qualified && ['unspecified', 'subyear'].includes(x.kind)) return 'qualified';
  if (r && x.kind === 'subyear' && SEASONS(x.code)) return 'season';
  if (r && x.kind === 'subyear' && x.s.startsWith('-') && r.lo === x.lo) return 'bc';
  if (r && x.kind === 'range' && x.closed) return 'set';
  if (r && year0(x)) return 'year0';
  return null;
}

function periodDifference(x, r) {
  const ends = [x.a, x.b].filter((e) => e.kind !== 'open' && e.kind !== 'unknown');
  if (r) {
    if (r.lo === x.lo && r.hi === '' && x.b.kind === 'unknown') return 'unknown';
    return ends.some(year0) ? 'year0' : null;
  }
  if (ends.some(hasY)) return 'y';
  if (ends.some((e) => e.kind === 'range' || e.kind === 'subyear')) {
    // exchanged as two values: the library must read each end alone
    return ends.every((e) => read(e.s) || (e.qualified && e.kind === 'subyear')) ? 'end' : null;
  }
  if (ends.some((e) => e.qualified && e.kind === 'unspecified')) return 'qualified';
  if (num(x.b.lo) <= num(x.a.lo)) return 'order';
  if (ends.some((e) => e.kind === 'unspecified') && ends.some((e) => e.qualified)) return 'mixed';
  return null;
}

const seen = new Set();
let bad = 0;
process.stdout.write('input\toutput\tearliest\tlatest\tedtfjs\n');
for (const x of rows) {
  const input = x.input ?? x.s;
  if (seen.has(input)) continue;
  seen.add(input);
  const r = read(x.s);
  const diff = difference(x, r);
  if (!diff) {
    process.stderr.write(`unexpected: edtf reads ${x.s} as ${r ? `${r.lo}..${r.hi}` : 'nothing'}, want ${x.lo}..${x.hi}\n`);
    bad++;
    continue;
  }
  process.stdout.write(`${input}\t${x.s}\t${x.lo}\t${x.hi}\t${diff}\n`);
}
for (const [s, state] of refused) {
  const r = read(s);
  process.stdout.write(`${s}\t${state}\t\t\t${r ? 'range' : 'refused'}\n`);
}
if (bad) process.exit(1);
