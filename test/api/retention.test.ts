/** Retention (RETENTION_DAYS): old message texts and audit details are wiped; recent ones, waiting messages and dossiers stay. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter } from '../support/factories.ts';
import { retentionPass } from '../../src/features/privacy/index.ts';

const NOW = new Date('2026-12-07T03:00:00.000Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

for (const { name, fresh } of DATABASES) {
  describe(`retention (${name})`, () => {
    let t: TestDb;
    before(async () => {
      t = await fresh(() => NOW);
    });
    after(async () => {
      await t.close();
    });

    test('a pass wipes texts and details older than RETENTION_DAYS, keeps the rest, and is idempotent', async () => {
      const c = await makeCenter(t.deps);
      const msg = (created: string, status: string, next: string | null) => ({
        center_id: c.id,
        dossier_id: null,
        kind: 'receipt',
        channel: 'sms',
        recipient: '0912345678',
        subject: 'Tiếp nhận',
        body: `Hồ sơ của Ông/Bà Nguyễn Văn An ${created}`,
        status,
        attempts: 1,
        next_attempt_at: next,
        last_error: null,
        created_at: created,
        sent_at: null,
        delivered_at: null,
        provider_id: null,
      });
      await t.deps.db
        .insertInto('notification')
        .values([
          msg(daysAgo(400), 'sent', null),
          msg(daysAgo(400), 'queued', daysAgo(1)), // still waiting: kept
          msg(daysAgo(10), 'sent', null),
        ])
        .execute();
      await t.deps.db
        .insertInto('audit_log')
        .values([
          {
            center_id: c.id,
            actor_user_id: null,
            action: 'old.thing',
            subject: 's',
            detail: '{"ip":"192.0.2.1"}',
            at: daysAgo(366),
          },
          {
            center_id: c.id,
            actor_user_id: null,
            action: 'new.thing',
            subject: 's',
            detail: '{"ip":"192.0.2.2"}',
            at: daysAgo(3),
          },
        ])
        .execute();
      const r = await retentionPass(t.deps);
      assert.deepEqual(r, { messages: 1, audit: 1 });
      const msgs = await t.deps.db
        .selectFrom('notification')
        .selectAll()
        .where('center_id', '=', c.id)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        msgs.map((m) => m.body === ''),
        [true, false, false],
      );
      assert.equal(msgs.at(0)?.status, 'sent', 'the delivery record stays');
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('center_id', '=', c.id)
        .orderBy('at')
        .execute();
      assert.equal(audit.at(0)?.detail, null);
      assert.equal(audit.at(0)?.action, 'old.thing');
      assert.equal(audit.at(1)?.detail, '{"ip":"192.0.2.2"}');
      assert.deepEqual(await retentionPass(t.deps), { messages: 0, audit: 0 });
      assert.deepEqual(await retentionPass({ ...t.deps, config: { ...t.deps.config, retentionDays: 0 } }), {
        messages: 0,
        audit: 0,
      });
    });
  });
}
