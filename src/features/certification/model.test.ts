import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bookVolume, certificationFee, isoVn, money } from './model.ts';

test('fee: 2,000 đ for each of the first two pages, 1,000 đ from the third, at most 200,000 đ', () => {
  assert.equal(certificationFee(1), 2_000);
  assert.equal(certificationFee(2), 4_000);
  assert.equal(certificationFee(3), 5_000);
  assert.equal(certificationFee(10), 12_000);
  assert.equal(certificationFee(198), 200_000);
  assert.equal(certificationFee(199), 200_000);
  assert.equal(certificationFee(500), 200_000);
  assert.throws(() => certificationFee(0), RangeError);
  assert.throws(() => certificationFee(1.5), RangeError);
});

test('labels: the book volume, money, ISO 8601 in +07:00 whatever the host zone', () => {
  assert.equal(bookVolume(2026), '01/2026-SCT/BS');
  assert.equal(money(12000), '12.000 đ');
  assert.equal(isoVn(new Date('2026-12-31T20:30:05Z')), '2027-01-01T03:30:05+07:00');
});
