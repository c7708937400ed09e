/**
 * Hostile input found by the first security review, on SQLite and PostgreSQL: ids beyond the PostgreSQL integer
 * range (2^31 − 1) answer 404 in URLs and 400 in bodies (never a 500), a malformed counter id on the
 * queue desk, another centre's slug answering 404 in feedback, obstacles and surveys, a second
 * answer to an obstacle refused with 409 (the first kept), evidence links that would open another
 * site refused, and the ticket link after an intake that never throws.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';
import { form, signIn, testApp, type Session } from '../support/http.ts';
import { MAX_ID, parseId } from '../../src/core/http/ids.ts';
import { linkAfterIntake } from '../../src/features/queue/service.ts';
import { parseUrl } from '../../src/features/plan/model.ts';
import type { Deps } from '../../src/core/deps.ts';

const BIG = '99999999999';

test('parseId takes 1..2147483647 only', () => {
  assert.equal(parseId('1'), 1);
  assert.equal(parseId(String(MAX_ID)), MAX_ID);
  assert.equal(parseId(MAX_ID), MAX_ID);
  for (const bad of [
    String(MAX_ID + 1),
    BIG,
    '0',
    '-1',
    'abc',
    '',
    '1e3',
    '1.5',
    ' ',
    NaN,
    0,
    1.5,
    MAX_ID + 1,
    null,
    undefined,
    {},
  ])
    assert.equal(parseId(bad), null, String(bad));
});

test('evidence links: site paths and http(s) only, never a path a browser reads as another site', () => {
  assert.equal(parseUrl('/cam-giang/thu-tuc'), '/cam-giang/thu-tuc');
  assert.equal(parseUrl('https://example.vn/a'), 'https://example.vn/a');
  for (const bad of [
    '/\\evil.com',
    '/\\/evil.com',
    '//evil.com',
    '/a\\b',
    '/\t/evil.com',
    'javascript:alert(1)',
    '\\\\evil.com',
  ])
    assert.throws(() => parseUrl(bad), /VALIDATION_FAILED|đường dẫn|link/i, bad);
});

for (const { name, fresh } of DATABASES) {
  describe(`hostile ids, foreign centres, links (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let a: { id: number; slug: string };
    let b: { id: number; slug: string };
    let tokA: string;
    let tokDirB: string;
    let sA: Session;
    const api = (tok: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${tok}` }, ...(payload ? { payload } : {}) });

    before(async () => {
      t = await fresh();
      app = await testApp(t);
      a = await makeCenter(t.deps);
      b = await makeCenter(t.deps);
      const adminA = await makeUser(t.deps, a.id, ['admin']);
      const dirB = await makeUser(t.deps, b.id, ['director']);
      tokA = await makeToken(t.deps, adminA.username);
      tokDirB = await makeToken(t.deps, dirB.username);
      sA = await signIn(app, adminA.username, adminA.password);
    });
    after(async () => {
      await app?.close();
      await t?.close();
    });

    test('ids beyond the integer range answer 404 in URLs, 400 in bodies, never 500', async () => {
      const base = `/api/v1/centers/${a.slug}`;
      const apiCalls: [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: object][] = [
        ['GET', `${base}/letters/${BIG}`],
        ['GET', `${base}/letters/999999999999`],
        ['PATCH', `${base}/letter-follow-ups/${BIG}`, { visit: true }],
        ['GET', `${base}/plan/tasks/${BIG}`],
        ['GET', `${base}/plan/evidence/${BIG}/file`],
        ['DELETE', `${base}/plan/evidence/${BIG}`],
        ['GET', `${base}/register/${BIG}`],
        ['DELETE', `${base}/facilities/spending/${BIG}`],
        ['GET', `${base}/feedback/items/${BIG}`],
        ['POST', `${base}/feedback/items/${BIG}`, { action: 'answer', text: 'Trả lời' }],
        ['POST', `${base}/obstacles/${BIG}/answer`, { answer: 'Trả lời' }],
        ['GET', `${base}/queue/tickets/${BIG}`],
        ['POST', `${base}/queue/tickets/${BIG}/skip`, {}],
        ['POST', `${base}/queue/counters/${BIG}/take`],
        ['POST', `${base}/queue/counters/${BIG}/call-next`],
        ['POST', `${base}/surveys/followups/${BIG}`, { action: 'resolve', note: 'Đã gọi lại cho người dân.' }],
        ['GET', `${base}/volunteers/${BIG}`],
        ['DELETE', `${base}/volunteers/shifts/${BIG}`],
        ['GET', `${base}/home-service/visits/${BIG}`],
        ['GET', `${base}/home-service/requests/${BIG}`],
        ['GET', `${base}/care-register/${BIG}`],
      ];
      for (const [method, url, body] of apiCalls) {
        const r = await api(tokA, method, url, body);
        assert.equal(r.statusCode, 404, `${method} ${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
        assert.equal(r.json().error.code, 'NOT_FOUND');
      }
      const consoleCalls: [method: 'GET' | 'POST', url: string, fields?: Record<string, string>][] = [
        ['GET', `/console/letters/999999999999`],
        ['GET', `/console/plan/tasks/999999999999`],
        ['GET', `/console/register/${BIG}`],
        ['GET', `/console/feedback/${BIG}`],
        ['POST', `/console/feedback/${BIG}`, { action: 'answer', text: 'Trả lời' }],
        ['POST', `/console/obstacles/${BIG}/answer`, { answer: 'Trả lời' }],
        ['POST', `/console/queue/tickets/${BIG}/skip`, {}],
        ['POST', `/console/surveys/followups/${BIG}`, { action: 'resolve', note: 'Đã xử lý' }],
        ['POST', `/console/facilities/spending/${BIG}/delete`, {}],
        ['POST', `/console/plan/evidence/${BIG}/delete`, {}],
      ];
      for (const [method, url, fields] of consoleCalls) {
        const r = fields
          ? await app.inject({ method, url, ...form(sA, fields) })
          : await app.inject({ method, url, headers: { cookie: sA.cookie } });
        assert.equal(r.statusCode, 404, `${method} ${url}: ${r.statusCode}`);
      }
      // A body field names a record: out of range is a validation error on the field.
      const issue = await app.inject({
        method: 'POST',
        url: `${base}/queue/tickets`,
        payload: { groupId: Number(BIG) },
      });
      assert.equal(issue.statusCode, 400, issue.body);
      assert.match(issue.body, /groupId/);
      const print = await api(tokA, 'POST', `${base}/letters/print`, { ids: [Number(BIG)] });
      assert.equal(print.statusCode, 400, print.body);
    });

    test('a malformed counter id on the queue desk answers 404 with the page, not 500', async () => {
      for (const counterId of ['abc', '', '1e99', '-1']) {
        const r = await app.inject({ method: 'POST', url: '/console/queue/take', ...form(sA, { counterId }) });
        assert.equal(r.statusCode, 404, `${counterId}: ${r.statusCode}`);
        assert.match(r.body, /Không có quầy này/);
      }
    });

    test('another centre answers 404 in feedback, obstacles and surveys; a role without the action is still 403', async () => {
      const other = `/api/v1/centers/${b.slug}`;
      for (const [method, url, body] of [
        ['GET', `${other}/feedback/items`],
        ['GET', `${other}/feedback/overdue-count`],
        ['GET', `${other}/feedback/items/1`],
        ['GET', `${other}/obstacles`],
        ['POST', `${other}/obstacles`, { title: 'Thử', content: 'Nội dung vướng mắc' }],
        ['POST', `${other}/obstacles/1/answer`, { answer: 'Trả lời' }],
        ['GET', `${other}/surveys/followups`],
        ['PUT', `${other}/surveys/criteria`, { criteria: [{ vi: 'Thái độ phục vụ' }] }],
        ['POST', `${other}/surveys/followups/1`, { action: 'resolve', note: 'Đã xử lý' }],
      ] as ['GET' | 'POST' | 'PUT', string, object?][]) {
        const r = await api(tokA, method, url, body);
        assert.equal(r.statusCode, 404, `${method} ${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      }
      const volunteer = await makeUser(t.deps, a.id, ['volunteer']);
      const tokV = await makeToken(t.deps, volunteer.username);
      assert.equal((await api(tokV, 'GET', `/api/v1/centers/${a.slug}/feedback/items`)).statusCode, 403);
      assert.equal((await api(tokV, 'GET', `/api/v1/centers/${a.slug}/surveys/followups`)).statusCode, 403);
    });

    test('an obstacle is answered once: a second answer is 409 in both languages and the first is kept', async () => {
      const url = `/api/v1/centers/${b.slug}/obstacles`;
      const raised = await api(tokDirB, 'POST', url, { title: 'Máy in hỏng', content: 'Máy in quầy 2 kẹt giấy.' });
      assert.equal(raised.statusCode, 201, raised.body);
      const id = raised.json().id as number;
      const first = await api(tokDirB, 'POST', `${url}/${id}/answer`, { answer: 'Đã thay máy in.' });
      assert.equal(first.statusCode, 200, first.body);
      const second = await api(tokDirB, 'POST', `${url}/${id}/answer`, { answer: 'Câu trả lời khác.' });
      assert.equal(second.statusCode, 409, second.body);
      const err = second.json().error as { code: string; details: { messageVi: string; messageEn: string }[] };
      assert.equal(err.code, 'CONFLICT');
      assert.match(err.details[0]!.messageVi, /đã được trả lời/);
      assert.match(err.details[0]!.messageEn, /already been answered/);
      const items = (await api(tokDirB, 'GET', url)).json().items as { id: number; answer: string }[];
      assert.equal(items.find((o) => o.id === id)!.answer, 'Đã thay máy in.');
      const audits = await t.deps.db
        .selectFrom('audit_log')
        .select('subject')
        .where('action', '=', 'obstacles.answer')
        .where('subject', '=', String(id))
        .execute();
      assert.equal(audits.length, 1, 'one answer, one audit entry');
    });

    test('an evidence link opening another site is refused with 400', async () => {
      const base = `/api/v1/centers/${a.slug}/plan`;
      assert.ok([200, 201].includes((await api(tokA, 'POST', `${base}/seed`, { year: 2026 })).statusCode));
      const id = ((await api(tokA, 'GET', `${base}?year=2026`)).json().tasks as { id: number }[])[0]!.id;
      for (const url of ['/\\evil.com', '/\\/evil.com', '//evil.com']) {
        const r = await api(tokA, 'POST', `${base}/tasks/${id}/evidence/links`, {
          quarter: 4,
          linkKind: 'public_page',
          title: 'Trang',
          url,
        });
        assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
      }
      const ok = await api(tokA, 'POST', `${base}/tasks/${id}/evidence/links`, {
        quarter: 4,
        linkKind: 'public_page',
        title: 'Trang',
        url: `/${a.slug}/thu-tuc`,
      });
      assert.equal(ok.statusCode, 201, ok.body);
    });

    test('linking a ticket after an intake never throws: it logs and returns false', async () => {
      const warned: string[] = [];
      const log = {
        ...t.deps.log,
        warn: (_o: unknown, msg?: string) => void warned.push(String(msg)),
      } as unknown as Deps['log'];
      const deps: Deps = { ...t.deps, log };
      const actor = {
        userId: 1,
        username: 'x',
        fullName: 'X',
        homeCenterId: a.id,
        roles: new Map([[a.id, new Set(['admin'] as const)]]),
        via: 'session' as const,
      };
      assert.equal(await linkAfterIntake(deps, actor, a.slug, Number(BIG), 'H00.00-000000-0000'), false);
      assert.equal(await linkAfterIntake(deps, actor, a.slug, 1, 'H00.00-000000-0000'), false);
      // Even a database failure is swallowed (the dossier is already committed).
      const broken = new Proxy(t.deps.db, {
        get: () => {
          throw new Error('database is gone');
        },
      });
      assert.equal(await linkAfterIntake({ ...deps, db: broken }, actor, a.slug, 1, 'H00.00-000000-0000'), false);
      assert.ok(warned.length >= 2, `logged: ${warned.join(' | ')}`);
    });
  });
}
