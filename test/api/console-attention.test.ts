/**
 * The console landing page's "needs attention" list: feedback past its legal time limit shows for
 * the staff who handle feedback, not for a receiving officer; a centre with nothing pending shows
 * no list. SQLite and PostgreSQL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { signIn, testApp } from '../support/http.ts';

for (const { name, fresh } of DATABASES) {
  describe(`console attention list (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let clock = new Date('2026-08-26T02:00:00Z'); // Wednesday 26/08/2026 09:00 in Vietnam
    let slug: string;
    const users: Record<string, string> = {};

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      for (const role of ['director', 'receiver'] as const)
        users[role] = (await makeUser(t.deps, c.id, [role])).username;
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    const home = async (who: string) => {
      const s = await signIn(app, users[who]!, TEST_PASSWORD);
      return (await app.inject({ method: 'GET', url: '/console', headers: { cookie: s.cookie } })).body;
    };

    test('nothing pending: no list', async () => {
      assert.doesNotMatch(await home('director'), /data-testid="attention"/);
    });

    test('feedback past its time limit shows for the director only', async () => {
      clock = new Date('2026-08-26T01:59:50Z');
      const stamp = (
        await app.inject({
          method: 'GET',
          url: `/api/v1/centers/${slug}/feedback/form-stamp`,
          remoteAddress: '10.9.0.1',
        })
      ).json().stamp as string;
      clock = new Date('2026-08-26T02:00:00Z');
      const sent = await app.inject({
        method: 'POST',
        url: `/api/v1/centers/${slug}/feedback`,
        remoteAddress: '10.9.0.1',
        payload: { about: 'other', content: 'Nội dung phản ánh đủ dài để gửi.', stamp },
      });
      assert.equal(sent.statusCode, 201, sent.body);
      assert.doesNotMatch(await home('director'), /data-key="feedback"/, 'not overdue on the day it arrives');
      clock = new Date('2026-10-01T03:00:00Z'); // well past 15 working days
      const page = await home('director');
      assert.match(
        page,
        /data-key="feedback"[^>]*><a href="\/console\/feedback"><strong>1 phản ánh, kiến nghị đã quá hạn xử lý/,
      );
      assert.doesNotMatch(await home('receiver'), /data-key="feedback"/);
    });
  });
}
