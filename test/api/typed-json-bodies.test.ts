/**
 * Typed edges (issue 16): the JSON API's handlers read `req.body` as their TypeBox schema types it,
 * so a body of the wrong types must be refused by that schema with the bilingual 400 of the error
 * catalogue before the handler runs (never a 500, nothing written), while console forms keep their
 * permissive edge: a form with a wrong value re-renders the page with its Vietnamese message.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { signIn, testApp, type Session } from '../support/http.ts';

interface ErrorJson {
  error: {
    code: string;
    messageVi: string;
    messageEn: string;
    details?: { field?: string; messageVi: string; messageEn: string }[];
  };
}

for (const { name, fresh } of DATABASES) {
  describe(`typed edges (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let bearer: string;
    let session: Session;
    const api = (method: 'PUT' | 'POST' | 'PATCH', url: string, payload: object) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${bearer}` }, payload });

    /** A 400 VALIDATION_FAILED in both languages naming `field` (from the schema, not the handler). */
    function assertSchema400(res: Awaited<ReturnType<typeof api>>, field: string) {
      assert.equal(res.statusCode, 400, res.body);
      const body = res.json<ErrorJson>();
      assert.equal(body.error.code, 'VALIDATION_FAILED');
      assert.equal(body.error.messageVi, 'Dữ liệu gửi lên không hợp lệ.');
      assert.equal(body.error.messageEn, 'The request is not valid.');
      const d = body.error.details?.[0];
      assert.ok(d, 'the failing field is named');
      assert.equal(d.field, field);
      assert.match(d.messageVi, new RegExp(`^Trường “${field.replace('.', '\\.')}” không hợp lệ`));
      assert.match(d.messageEn, new RegExp(`^Field “${field.replace('.', '\\.')}” is invalid`));
    }

    before(async () => {
      t = await fresh(() => new Date('2026-11-25T02:00:00Z'));
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      const u = await makeUser(t.deps, c.id, ['director']);
      bearer = await makeToken(t.deps, u.username);
      session = await signIn(app, u.username, TEST_PASSWORD);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('report targets: a year that is not a number is the schema’s 400, nothing is saved; a good body saves', async () => {
      const url = `/api/v1/centers/${slug}/reports/targets`;
      assertSchema400(await api('PUT', url, { year: 'hai nghìn', targets: { onTimeRate: 0.5 } }), 'body.year');
      assertSchema400(
        await api('PUT', url, { year: 2026, targets: { onTimeRate: 'nhiều' } }),
        'body.targets.onTimeRate',
      );
      const before = await app.inject({
        method: 'GET',
        url: `${url}?year=2026`,
        headers: { authorization: `Bearer ${bearer}` },
      });
      assert.equal(before.statusCode, 200, before.body);
      assert.notEqual(before.json<{ targets: Record<string, number> }>().targets.onTimeRate, 0.5, 'nothing written');
      const ok = await api('PUT', url, { year: 2026, targets: { onTimeRate: 0.5 } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json<{ targets: Record<string, number> }>().targets.onTimeRate, 0.5);
    });

    test('letters and attachments: bodies of the wrong types answer the schema’s 400, never a 500', async () => {
      assertSchema400(
        await api('POST', `/api/v1/centers/${slug}/letters/1/decline`, { reason: { text: 'không nhận' } }),
        'body.reason',
      );
      assertSchema400(
        await api('PUT', `/api/v1/centers/${slug}/letter-triggers`, { marriage: 'a', birth: [], death: [] }),
        'body.marriage',
      );
      assertSchema400(
        await api('POST', '/api/v1/dossiers/MA-KHONG-CO/attachments/reuse', {
          componentIndex: 'đầu tiên',
          fromAttachmentId: 1,
        }),
        'body.componentIndex',
      );
    });

    test('a console form keeps its own checks: a bad year re-renders the reports page with the message', async () => {
      // Repeated fields (arrays) are read by the form's own reader, not refused by a schema.
      const payload = `_csrf=${encodeURIComponent(session.csrf)}&year=hai&target_onTimeRate=90&target_onTimeRate=95`;
      const res = await app.inject({
        method: 'POST',
        url: '/console/reports/targets',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
        payload,
      });
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.ok(res.body.includes('Năm từ 2000 đến 2100.'), 'the service’s message on the page');
    });
  });
}
