import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  boardIdentity,
  boardsToPrerender,
  DATED_KINDS,
  msToNextVnDay,
  effectivePaper,
  prerenderBase,
  feeAmountText,
  feeLines,
  feeUnit,
  groupByField,
  placeOf,
  postable,
  procedureUrl,
  publicContacts,
  publicSiteUrl,
  roman,
  weekdaysText,
} from './model.ts';
import { CENTER, CONTACTS, PROCEDURES, proc } from './test-fixtures.ts';

test('QR target: ${baseUrl}/${slug}/thu-tuc/${code}, trailing slashes ignored', () => {
  assert.equal(
    procedureUrl('https://motcua.example.gov.vn', 'cam-giang', '1.000656'),
    'https://motcua.example.gov.vn/cam-giang/thu-tuc/1.000656',
  );
  assert.equal(
    procedureUrl('https://motcua.example.gov.vn//', 'cam-giang', '2.000815'),
    'https://motcua.example.gov.vn/cam-giang/thu-tuc/2.000815',
  );
  assert.equal(publicSiteUrl('http://localhost:3000/', 'cam-giang'), 'http://localhost:3000/cam-giang');
  assert.throws(
    () => procedureUrl('', 'cam-giang', '1.000656'),
    RangeError,
    'a relative address would be useless on paper',
  );
  assert.throws(() => procedureUrl('motcua.example.gov.vn', 'cam-giang', '1.000656'), RangeError);
});

test('fee units and amounts as posted', () => {
  assert.equal(feeUnit('đồng/trang'), 'trang');
  assert.equal(feeUnit('đ/bản'), 'bản');
  assert.equal(feeUnit('đồng / trường hợp'), 'trường hợp');
  assert.equal(feeUnit('lần'), 'lần');
  assert.equal(feeUnit('đồng'), '');
  assert.equal(
    feeAmountText({ name: '', amount: 8000, per: 'đồng/bản', condition: '', legalBasis: '' }),
    '8.000 đ/bản',
  );
  assert.equal(feeAmountText({ name: '', amount: 100000, per: '', condition: '', legalBasis: '' }), '100.000 đ');
  assert.equal(feeAmountText({ name: '', amount: 0, per: 'đồng/bản', condition: '', legalBasis: '' }), 'Miễn');
});

test('fee cell of the board: Không thu, Miễn, one amount, or one line per item', () => {
  const byCode = (c: string) => PROCEDURES.find((p) => p.code === c) ?? assert.fail(c);
  assert.deepEqual(feeLines(byCode('1.000656')), ['Không thu']);
  assert.deepEqual(feeLines(byCode('1.001193')), ['Miễn']);
  assert.deepEqual(feeLines(byCode('2.000635')), ['8.000 đ/bản']);
  assert.deepEqual(feeLines(byCode('2.000815')), [
    'Trang thứ nhất, trang thứ hai: 2.000 đ/trang',
    'Từ trang thứ ba trở lên: 1.000 đ/trang',
  ]);
});

test('abolished procedures are never posted; fields keep the catalogue order', () => {
  const list = [
    ...PROCEDURES,
    proc({ code: '1.999999', name: 'Thủ tục đã bãi bỏ', field: 'Hộ tịch', status: 'abolished' }),
  ];
  const posted = postable(list);
  assert.ok(!posted.some((p) => p.code === '1.999999'));
  assert.equal(posted.length, PROCEDURES.length);
  const groups = groupByField(posted);
  assert.deepEqual(
    groups.map((g) => g.field),
    ['Hộ tịch', 'Chứng thực', 'Thành lập và hoạt động của hộ kinh doanh'],
  );
  assert.deepEqual(
    groups[0]?.procedures.map((p) => p.code),
    ['1.001193', '1.000894', '1.000656', '2.000635', '2.002913'],
  );
});

test('one field only, matched without regard to case or Unicode form', () => {
  const g = groupByField(PROCEDURES, 'chứng thực'.normalize('NFD'));
  assert.equal(g.length, 1);
  assert.equal(g[0]?.field, 'Chứng thực');
  assert.equal(g[0]?.procedures.length, 3);
  assert.deepEqual(groupByField(PROCEDURES, 'Đất đai'), []);
});

test('place name of the date line comes from the commune', () => {
  assert.equal(placeOf(CENTER), 'Cẩm Giàng');
  assert.equal(placeOf({ parentBody: 'UBND phường Tân Hưng', name: 'x', province: 'Thành phố Hải Phòng' }), 'Tân Hưng');
  assert.equal(placeOf({ parentBody: 'Ủy ban nhân dân thị trấn Lai Cách', name: 'x', province: 'x' }), 'Lai Cách');
  assert.equal(
    placeOf({ parentBody: '', name: 'Trung tâm Phục vụ hành chính công xã Cẩm Giàng', province: 'x' }),
    'Cẩm Giàng',
  );
  assert.equal(placeOf({ parentBody: '', name: 'Trung tâm', province: 'Thành phố Hải Phòng' }), 'Hải Phòng');
});

test('public contacts only, by sort order then name', () => {
  const list = publicContacts([...CONTACTS, { ...CONTACTS[2]!, id: 9, name: 'An Văn Bảo', sortOrder: 3 }]);
  assert.ok(!list.some((c) => c.name === 'Hoàng Thị Lan'), 'a non-public contact is never printed');
  assert.deepEqual(
    list.map((c) => c.id),
    [1, 2, 9, 3, 4],
  );
});

test('roman numerals and weekdays', () => {
  assert.deepEqual([1, 4, 9, 14, 40].map(roman), ['I', 'IV', 'IX', 'XIV', 'XL']);
  assert.equal(weekdaysText([2, 5]), 'Thứ Ba, Thứ Sáu');
  assert.equal(weekdaysText([]), '');
});

test('boards rendered ahead: the whole catalogue and each field on A4; the default paper shares their file', () => {
  assert.deepEqual(boardsToPrerender([{ slug: 'ho-tich' }, { slug: 'chung-thuc' }]), [
    { size: 'A4' },
    { field: 'ho-tich', size: 'A4' },
    { field: 'chung-thuc', size: 'A4' },
  ]);
  assert.deepEqual(boardsToPrerender([]), [{ size: 'A4' }]);
  assert.equal(effectivePaper('bang-niem-yet', ''), 'A4');
  assert.equal(effectivePaper('bang-niem-yet', 'A3'), 'A3');
  assert.equal(effectivePaper('khau-hieu', ''), 'A3');
  assert.equal(effectivePaper('bang-phi', ''), '');
  assert.equal(prerenderBase('https://motcua.example.gov.vn', 'http://10.0.0.2:3000'), 'https://motcua.example.gov.vn');
  assert.equal(prerenderBase(undefined, 'http://10.0.0.2:3000'), 'http://10.0.0.2:3000');
  assert.equal(prerenderBase(undefined, null), null, 'no address to print: nothing rendered ahead');
});

test('a board is one board whatever the inputs it is rendered from; the default paper is the same board', () => {
  const base = 'https://motcua.example.gov.vn';
  assert.equal(boardIdentity('bang-niem-yet', {}, base), boardIdentity('bang-niem-yet', { size: 'a4' }, base));
  assert.notEqual(boardIdentity('bang-niem-yet', {}, base), boardIdentity('bang-niem-yet', { size: 'A3' }, base));
  assert.notEqual(boardIdentity('bang-niem-yet', {}, base), boardIdentity('bang-niem-yet', { field: 'ho-tich' }, base));
  assert.notEqual(boardIdentity('ma-qr', {}, base), boardIdentity('ma-qr', {}, 'http://10.0.0.2:3000'));
  // the posting board and the fee table print the day's date in their header; the QR sheet does not
  assert.deepEqual([...DATED_KINDS].sort(), ['bang-niem-yet', 'bang-phi']);
});

test('the next day starts at midnight in Vietnam (UTC+7), whatever the host zone', () => {
  // 16:59:59.000Z is 23:59:59 in Hà Nội: one second to the new day
  assert.equal(msToNextVnDay(new Date('2026-12-07T16:59:59.000Z')), 1000);
  // 17:00Z is midnight there: a whole day to the next one
  assert.equal(msToNextVnDay(new Date('2026-12-07T17:00:00.000Z')), 24 * 3600_000);
  // 09:45Z (16:45 there): 7 h 15 min
  assert.equal(msToNextVnDay(new Date('2026-12-07T09:45:00.000Z')), (7 * 60 + 15) * 60_000);
  // the last day of the year
  assert.equal(msToNextVnDay(new Date('2026-12-31T20:00:00.000Z')), 21 * 3600_000);
});
