/**
 * The desk's events (decision 042): notifications, letters and sync react to the desk's dossier
 * events as subscribers, inside the event's transaction. A subscriber that fails rolls the dossier
 * action back with everything the other subscribers wrote (no letter, no message without the event);
 * the desk works the same with nobody subscribed (no letter, no message).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DATABASES, testConfig, type TestDb } from '../support/db.ts';
import { makeCenter } from '../support/factories.ts';
import { testApp } from '../support/http.ts';
import type { Deps } from '../../src/core/deps.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { act, intake } from '../../src/features/dossiers/service.ts';
import {
  dossierEventSubscribers,
  subscribeDossierEvents,
  unsubscribeDossierEvents,
  type DossierEventMessage,
  type DossierEventSubscriber,
} from '../../src/features/dossiers/index.ts';
import { wireDossierSubscribers } from '../../src/features/subscribers.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const DEATH = '1.000656'; // a death registration: its receipt prepares a condolence letter (default triggers)

for (const { name, fresh } of DATABASES) {
  describe(`desk events (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let deps: Deps; // with the file channel on, so a receipt queues messages
    let slug = '';
    let outDir = '';
    const clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00 in Vietnam
    let n = 0;

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      outDir = mkdtempSync(join(tmpdir(), 'desk-events-'));
      deps = { ...t.deps, config: testConfig({ NOTIFY_FILE_DIR: outDir, PUBLIC_URL: 'https://motcua.example.vn' }) };
      const c = await makeCenter(t.deps);
      slug = c.slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
    });
    after(async () => {
      wireDossierSubscribers(); // whatever a test did, leave the usual subscribers
      await app.close();
      await t.close();
      rmSync(outDir, { recursive: true, force: true });
    });

    const receiveDeath = () => {
      n++;
      return intake(deps, SYSTEM_ACTOR, slug, {
        procedureCode: DEATH,
        applicant: { fullName: 'Nguyễn Văn Bình', phone: `0912 000 ${String(100 + n)}`, email: `con${n}@example.vn` },
        owner: { fullName: 'Nguyễn Văn Tùng' },
      });
    };
    const count = async (table: 'courtesy_letter' | 'notification' | 'letter_followup', code: string) => {
      const d = await t.deps.db.selectFrom('dossier').select('id').where('code', '=', code).executeTakeFirst();
      if (!d) return 0;
      const r = await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('dossier_id', '=', d.id)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    };
    const dossierCount = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('dossier')
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('the usual subscribers are registered in the order the desk called them before', () => {
      const names = dossierEventSubscribers();
      const at = (x: string) => names.indexOf(x);
      assert.ok(
        at('notifications') >= 0 && at('letters') > at('notifications') && at('sync') > at('letters'),
        names.join(),
      );
    });

    test('a received death registration: its messages and condolence letter are written with the event', async () => {
      const d = await receiveDeath();
      assert.equal(d.status, 2);
      assert.equal(await count('courtesy_letter', d.code), 1);
      assert.equal(await count('letter_followup', d.code), 1);
      assert.ok((await count('notification', d.code)) >= 2, 'file messages to the phone and the e-mail address');
    });

    test('a failing subscriber rolls back the dossier and everything the others wrote in its transaction', async () => {
      const seen: DossierEventMessage[] = [];
      const failing: DossierEventSubscriber = async (_deps, e) => {
        await Promise.resolve();
        seen.push(e);
        throw new Error('subscriber failed');
      };
      subscribeDossierEvents('test-failing', failing); // called last: after notifications and letters wrote
      try {
        const before = await dossierCount();
        await assert.rejects(receiveDeath(), /subscriber failed/);
        assert.equal(seen.length, 1, 'the subscriber was called');
        const [e] = seen;
        assert.ok(e);
        assert.equal(e.action, 'received');
        assert.equal(e.toStatus, 2);
        assert.equal(e.dossier.procedureCode, DEATH);
        assert.equal(e.dossier.owner?.fullName, 'Nguyễn Văn Tùng');
        assert.equal(e.center.slug, slug);
        assert.equal(await dossierCount(), before, 'no dossier without its subscribers’ work');
        assert.equal(await count('courtesy_letter', e.code), 0, 'no letter without its event');
        assert.equal(await count('letter_followup', e.code), 0);
        assert.equal(await count('notification', e.code), 0, 'no message without its event');

        // A workflow action: the event, the status change and the result-ready message all go.
        unsubscribeDossierEvents('test-failing');
        const d = await receiveDeath();
        await act(deps, SYSTEM_ACTOR, d.code, 'handoff', { to: 'Công chức Tư pháp – Hộ tịch' });
        const messages = await count('notification', d.code);
        subscribeDossierEvents('test-failing', failing);
        await assert.rejects(
          act(deps, SYSTEM_ACTOR, d.code, 'mark_processed', { result: 'Đã ký' }),
          /subscriber failed/,
        );
        const row = await t.deps.db
          .selectFrom('dossier')
          .select(['id', 'status'])
          .where('code', '=', d.code)
          .executeTakeFirstOrThrow();
        assert.equal(row.status, 4, 'still processing');
        const events = await t.deps.db
          .selectFrom('dossier_event')
          .select('action')
          .where('dossier_id', '=', row.id)
          .execute();
        assert.ok(!events.some((x) => x.action === 'mark_processed'));
        assert.equal(await count('notification', d.code), messages, 'no result-ready message');
        // The same action with the failing subscriber gone: the message is queued with the event.
        unsubscribeDossierEvents('test-failing');
        assert.equal((await act(deps, SYSTEM_ACTOR, d.code, 'mark_processed', { result: 'Đã ký' })).status, 9);
        assert.ok((await count('notification', d.code)) > messages);
      } finally {
        unsubscribeDossierEvents('test-failing');
      }
    });

    test('with no subscriber registered the desk works alone: no letter, no message', async () => {
      const saved: [string, DossierEventSubscriber][] = [];
      for (const x of dossierEventSubscribers()) {
        const fn = unsubscribeDossierEvents(x);
        if (fn) saved.push([x, fn]);
      }
      try {
        assert.deepEqual(dossierEventSubscribers(), []);
        const d = await receiveDeath();
        assert.equal(d.status, 2);
        await act(deps, SYSTEM_ACTOR, d.code, 'handoff', { to: 'Công chức Tư pháp – Hộ tịch' });
        const done = await act(deps, SYSTEM_ACTOR, d.code, 'mark_processed', { result: 'Đã ký' });
        assert.equal(done.status, 9);
        assert.equal(await count('courtesy_letter', d.code), 0);
        assert.equal(await count('notification', d.code), 0);
      } finally {
        for (const [x, fn] of saved) subscribeDossierEvents(x, fn);
      }
      assert.deepEqual(
        dossierEventSubscribers(),
        saved.map(([x]) => x),
        'restored in order',
      );
    });
  });
}
