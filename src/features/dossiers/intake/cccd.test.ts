/** The CCCD QR parser (BRIEF §18.3): good cards, every malformed shape, and the same answers from the script the browser gets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { cccdScript, looksLikeCccd, parseCccd, scanStart, type CccdProblem } from './cccd.ts';

const EXAMPLE = '034190001234|123456789|Nguyễn Văn An|01011990|Nam|Thôn Bình Long, Cẩm Giàng, Hải Dương|15032021';

test('the BRIEF example: every field, dates as ISO, NFC text', () => {
  const r = parseCccd(EXAMPLE, '2026-12-07');
  assert.deepEqual(r, {
    ok: true,
    card: {
      idNumber: '034190001234',
      oldIdNumber: '123456789',
      fullName: 'Nguyễn Văn An',
      birthDate: '1990-01-01',
      sex: 'Nam',
      address: 'Thôn Bình Long, Cẩm Giàng, Hải Dương',
      issueDate: '2021-03-15',
    },
  });
});

test('an empty old ID, a woman, a trailing Enter, decomposed (NFD) input and a minority name are fine', () => {
  const r = parseCccd(
    '001305012345||Nguyễn Thị Ý|29022000|Nữ|Số 5 ngõ 12/3 phố Huế, Hà Nội|01072024\r\n'.normalize('NFD'),
    '2026-12-07',
  );
  assert.ok(r.ok);
  assert.equal(r.card.fullName, 'Nguyễn Thị Ý');
  assert.equal(r.card.fullName, r.card.fullName.normalize('NFC'));
  assert.equal(r.card.oldIdNumber, '');
  assert.equal(r.card.sex, 'Nữ');
  assert.equal(r.card.birthDate, '2000-02-29');
  const minority = parseCccd("066195001122||H'Bia Ksor|05051995|Nữ|Buôn Ko Sier, Đắk Lắk|10102022", '2026-12-07');
  assert.ok(minority.ok, JSON.stringify(minority));
});

test('malformed scans fill nothing and say why', () => {
  const cases: [string, CccdProblem][] = [
    ['034190001234|123456789|Nguyễn Văn An|01011990|Nam|Thôn Bình Long', 'fields'],
    [`${EXAMPLE}|extra`, 'fields'],
    ['just some text', 'fields'],
    ['03419000123|123456789|Nguyễn Văn An|01011990|Nam|Thôn Bình Long|15032021', 'id'],
    ['999190001234|123456789|Nguyễn Văn An|01011990|Nam|Thôn Bình Long|15032021', 'id'],
    ['034190001234|12345|Nguyễn Văn An|01011990|Nam|Thôn Bình Long|15032021', 'oldId'],
    ['034190001234|123456789|Nguyễn Văn An|31021990|Nam|Thôn Bình Long|15032021', 'birth'],
    ['034190001234|123456789|Nguyễn Văn An|29022001|Nam|Thôn Bình Long|15032021', 'birth'],
    ['034190001234|123456789|Nguyễn Văn An|01011990|Nam|Thôn Bình Long|15032099', 'issue'],
    ['034190001234|123456789|Nguyễn Văn An|01011990|Nam|Thôn Bình Long|01011980', 'issue'],
    ['034190001234|123456789|Nguyễn Văn An|01011990|Male|Thôn Bình Long|15032021', 'sex'],
    ['034190001234|123456789||01011990|Nam|Thôn Bình Long|15032021', 'name'],
    // UTF-8 read as Windows-1252 (the scanner's keyboard layout is not US).
    ['034190001234|123456789|Nguyá»…n VÄƒn An|01011990|Nam|Thôn Bình Long|15032021', 'mangled'],
    // Telex keystrokes left as letters, VNI tone digits, letters dropped, replacement characters.
    ['034190001234|123456789|Nguyeenx Vawn An|01011990|Nam|Thon Binhf Long|15032021', 'mangled'],
    ['034190001234|123456789|Nguye6n Va8n An|01011990|Nam|Tho6n Bi2nh Long|15032021', 'mangled'],
    ['034190001234|123456789|Nguyn Vn An|01011990|Nam|Thn Bnh Long|15032021', 'mangled'],
    ['034190001234|123456789|Nguy?n V?n An|01011990|Nam|Th?n B?nh Long|15032021', 'mangled'],
    ['034190001234|123456789|Nguy\uFFFDn V\uFFFDn An|01011990|Nam|Thôn Bình Long|15032021', 'mangled'],
    ['034190001234|123456789|Trần Thị Mai|01011990|N?|Thôn Bình Long|15032021', 'mangled'],
  ];
  for (const [raw, problem] of cases) {
    const r = parseCccd(raw, '2026-12-07');
    assert.deepEqual(r, { ok: false, problem }, raw);
  }
});

test('looksLikeCccd: a scan in any field, not an ordinary value', () => {
  assert.ok(looksLikeCccd(EXAMPLE));
  assert.ok(looksLikeCccd(`${EXAMPLE}\n`));
  assert.ok(!looksLikeCccd('Nguyễn Văn An'));
  assert.ok(!looksLikeCccd('034190001234'));
  assert.ok(!looksLikeCccd('a|b|c|d|e|f|g'));
});

test('scanStart: the scan inside what a field already held', () => {
  assert.equal(scanStart(EXAMPLE), 0);
  assert.equal(scanStart(`0912${EXAMPLE}`), 4);
  assert.equal(scanStart(`Nguyễn ${EXAMPLE}`), 7);
  assert.equal(scanStart('0912345678'), -1);
  assert.equal(scanStart('123456789|a|b'), -1);
});

test('the browser script carries the same parser: same answers on every case', () => {
  const sandbox: Record<string, unknown> = { document: { querySelector: () => null } };
  // The script returns early without its form; expose the two functions to compare them.
  const src = cccdScript().replace(
    "var form = document.querySelector('form[data-cccd-scan]');",
    'var form = null; globalThis.__p = parseCccd; globalThis.__l = looksLikeCccd; globalThis.__s = scanStart;',
  );
  runInNewContext(src, sandbox);
  const p = sandbox.__p as typeof parseCccd;
  const l = sandbox.__l as typeof looksLikeCccd;
  for (const raw of [
    EXAMPLE,
    '001305012345||Nguyễn Thị Ý|29022000|Nữ|Số 5 ngõ 12/3 phố Huế, Hà Nội|01072024',
    '034190001234|123456789|Nguyá»…n VÄƒn An|01011990|Nam|Thôn Bình Long|15032021',
    '034190001234|123456789|Nguyễn Văn An|31021990|Nam|Thôn Bình Long|15032021',
    'x|y',
  ]) {
    assert.deepEqual(JSON.parse(JSON.stringify(p(raw, '2026-12-07'))), parseCccd(raw, '2026-12-07'), raw);
    assert.equal(l(raw), looksLikeCccd(raw));
    assert.equal((sandbox.__s as typeof scanStart)(`09${raw}`), scanStart(`09${raw}`));
  }
});
