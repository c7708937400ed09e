import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, errorBody, ERRORS } from './errors.ts';
import { pickLang } from './i18n.ts';
import { fold, formatVnd, nfc } from '../text/index.ts';
import { toAppError } from './app.ts';

test('every catalogue error has a status and both languages', () => {
  for (const [code, e] of Object.entries(ERRORS)) {
    assert.ok(e.status >= 400 && e.status < 600, code);
    assert.ok(e.vi.length > 5 && e.en.length > 5, code);
    assert.equal(e.vi, e.vi.normalize('NFC'), `${code} is NFC`);
  }
});

test('unknown errors become a generic INTERNAL error without internals', () => {
  const e = toAppError(new TypeError("Cannot read properties of undefined (reading 'x')"));
  assert.equal(e.code, 'INTERNAL');
  const body = errorBody(e, 'vi', 'req-1');
  assert.equal(body.error.requestId, 'req-1');
  assert.doesNotMatch(JSON.stringify(body), /Cannot read/);
});

test('Fastify client errors keep their meaning', () => {
  assert.equal(toAppError(Object.assign(new Error('too large'), { statusCode: 413 })).code, 'PAYLOAD_TOO_LARGE');
  assert.equal(toAppError(Object.assign(new Error('x'), { statusCode: 415 })).code, 'UNSUPPORTED_MEDIA_TYPE');
  assert.equal(
    toAppError(
      Object.assign(new Error('Unexpected end of JSON input'), {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      }),
    ).code,
    'BAD_JSON',
  );
  const v = toAppError(
    Object.assign(new Error('bad'), {
      validation: [{ instancePath: '/date', message: 'must be string' }],
      validationContext: 'body',
    }),
  );
  assert.equal(v.code, 'VALIDATION_FAILED');
  assert.equal(v.details[0]!.field, 'body.date');
  assert.equal(toAppError(new AppError('FORBIDDEN')).status, 403);
});

test('language: ?lang, then the cookie, otherwise Vietnamese whatever Accept-Language says', () => {
  assert.equal(pickLang({ lang: 'en' }, 'vi'), 'en');
  assert.equal(pickLang({}, 'en'), 'en');
  // Accept-Language is not an explicit choice: an English browser still gets Vietnamese.
  assert.equal(pickLang({}, undefined), 'vi');
  assert.equal(pickLang({ lang: 'fr' }, 'xx'), 'vi');
  assert.equal(pickLang(undefined, undefined), 'vi');
});

test('Vietnamese text: NFC, diacritic folding with đ → d, money', () => {
  const decomposed = 'Nguye\u0302\u0303n'; // Nguyễn typed with combining marks
  assert.equal(nfc(`  ${decomposed} `), 'Nguyễn');
  assert.equal(fold('Đăng ký khai tử'), 'dang ky khai tu');
  assert.equal(fold('ĐỒNG'), 'dong');
  assert.equal(formatVnd(50000), '50.000 đ');
  assert.equal(formatVnd(1234567), '1.234.567 đ');
  assert.equal(formatVnd(0), '0 đ');
});
