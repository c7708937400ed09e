/**
 * Typed edges (decision 041): every route declares its params, query and body with TypeBox, so the
 * handler's types are the schema's. A JSON API route answers a wrongly typed body with the bilingual
 * 400 of the error catalogue (never a 500, never a half-done write); console pages and forms keep
 * their permissive schemas, so a user still meets the friendly page rather than a schema's 400.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { form, signIn, testApp, type Session } from '../support/http.ts';

interface ErrorJson {
  error: {
    code: string;
    messageVi: string;
    messageEn: string;
    details?: { field?: string; messageVi: string; messageEn: string }[];
  };
}

function assertBilingual400(res: LightMyRequestResponse, field: string) {
  assert.equal(res.statusCode, 400);
  const body = res.json<ErrorJson>();
  assert.equal(body.error.code, 'VALIDATION_FAILED');
  assert.ok(body.error.messageVi && body.error.messageEn && body.error.messageVi !== body.error.messageEn);
  const d = body.error.details?.[0];
  assert.ok(d, 'a detail names the field');
  assert.ok(d.field?.startsWith(field), `field ${String(d.field)} starts with ${field}`);
  assert.match(d.messageVi, /không hợp lệ/);
  assert.match(d.messageEn, /is invalid/);
}

for (const { name, fresh } of DATABASES) {
  describe(`typed edges (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug = '';
    let token = '';
    let s: Session;

    before(async () => {
      t = await fresh(() => new Date('2026-11-25T02:00:00Z'));
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      const director = await makeUser(t.deps, c.id, ['director']);
      token = await makeToken(t.deps, director.username);
      s = await signIn(app, director.username, TEST_PASSWORD);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('a multipart API route that gained a body schema refuses a JSON string or array with the bilingual 400', async () => {
      for (const payload of ['"một chuỗi"', '[1, 2]']) {
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/centers/${slug}/certified-copies`,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload,
        });
        assertBilingual400(res, 'body');
      }
      const book = await app.inject({
        method: 'GET',
        url: `/api/v1/centers/${slug}/certified-copies?year=2026`,
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(book.statusCode, 200, book.body);
      assert.equal(book.json<{ items: unknown[] }>().items.length, 0, 'nothing was written');
    });

    test('an enum field (now typed from the same schema) refuses an unknown value with the bilingual 400', async () => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/centers/${slug}/feedback/items/1/actions`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ action: 'xoa-het' }),
      });
      assertBilingual400(res, 'body.action');
      const wrongType = await app.inject({
        method: 'POST',
        url: `/api/v1/centers/${slug}/obstacles`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ title: { nested: true }, content: 'Máy in hỏng' }),
      });
      assertBilingual400(wrongType, 'body.title');
    });

    test('console forms and pages keep their friendly answers: repeated fields and odd queries never meet a schema 400', async () => {
      const page = await app.inject({
        method: 'GET',
        url: '/console/feedback?trang-thai=a&trang-thai=b&qua-han=1&qua-han=0',
        headers: { cookie: s.cookie },
      });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['content-type']), /text\/html/);
      const f = form(s, { 'tieu-de': '', 'noi-dung': 'Thiếu tiêu đề' });
      const res = await app.inject({
        method: 'POST',
        url: '/console/obstacles',
        headers: f.headers,
        payload: `${f.payload}&noi-dung=${encodeURIComponent('lần hai')}`,
      });
      assert.equal(res.statusCode, 400);
      assert.match(String(res.headers['content-type']), /text\/html/);
      assert.match(res.body, /<form/);
      const missing = await app.inject({
        method: 'POST',
        url: '/console/feedback/abc',
        ...form(s, { action: 'classify' }),
      });
      assert.equal(missing.statusCode, 404, 'a malformed id in a page URL is a missing record, as before');
    });
  });
}
