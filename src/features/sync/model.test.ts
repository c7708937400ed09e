/** Sync rules: backoff and the reading of portal answers. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAnswer, idempotencyKey, nextRetryAt } from './model.ts';

describe('sync model', () => {
  const now = new Date('2026-12-07T02:00:00Z');
  const wait = (attempts: number, rand = 0, max = 3_600_000) =>
    nextRetryAt(now, attempts, 10_000, max, rand).getTime() - now.getTime();

  test('the wait doubles at each failure, with jitter, up to the cap', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((a) => wait(a)),
      [10_000, 20_000, 40_000, 80_000],
    );
    assert.equal(wait(1, 0.5), 11_000);
    assert.equal(wait(40), 3_600_000);
    assert.equal(wait(40, 0, 60_000), 60_000);
  });

  test('portal answers: success, worth retrying, or waiting for a person', () => {
    assert.deepEqual(classifyAnswer(200, { error_code: 0, message: 'Thành công', MaGiaoDich: 'X:1' }), {
      ok: true,
      retry: false,
      error: null,
      ref: 'X:1',
    });
    assert.equal(classifyAnswer(200, { error_code: '0' }).ok, true);
    for (const [status, body] of [
      [503, { error_code: 503, message: 'bận' }],
      [200, { error_code: -1, message: 'Lỗi CSDL' }],
      [429, {}],
      [401, { error_code: 401 }],
      [502, null],
    ] as const) {
      const o = classifyAnswer(status, body);
      assert.equal(o.ok, false);
      assert.equal(o.retry, true, `${status}`);
    }
    const bad = classifyAnswer(400, { error_code: 400, message: 'Thiếu MaHoSo' });
    assert.equal(bad.retry, false);
    assert.equal(bad.error, 'HTTP 400, error_code 400: Thiếu MaHoSo');
    assert.equal(classifyAnswer(404, {}).retry, false);
    assert.equal(classifyAnswer(200, {}).ok, false, 'no error_code is not a success');
  });

  test('the idempotency key names the dossier and its message number', () => {
    assert.equal(idempotencyKey('H26.99.01-261207-0001', 3), 'H26.99.01-261207-0001:3');
  });
});

test('the payload column is a JSON object (a bad row fails loudly); the page knows two flashes', async () => {
  const { payloadJson, okFlash } = await import('./model.ts');
  const { CorruptRowError } = await import('../../core/db/json.ts');
  assert.equal(payloadJson.decode('{"MaHoSo":"X"}').MaHoSo, 'X');
  assert.throws(() => payloadJson.decode('[1]'), CorruptRowError);
  assert.throws(() => payloadJson.decode('not json'), CorruptRowError);
  assert.equal(okFlash('resent'), 'resent');
  assert.equal(okFlash('resynced'), 'resynced');
  assert.equal(okFlash('constructor'), null);
  assert.equal(okFlash(['resent']), null);
});
