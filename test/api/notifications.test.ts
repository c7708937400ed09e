/**
 * Citizen notifications end to end, on SQLite and PostgreSQL: which messages a dossier event
 * queues (inside the caller's transaction, honouring opt-outs); the outbox worker sending through
 * the file channel, a fake SMTP server and a fake SMS gateway on 127.0.0.1; retries with backoff
 * until failed for good, visible in the console with "Gửi lại"; concurrent workers never sending
 * twice; delivery receipts; the citizen's public opt-out; console and API access.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DATABASES, testConfig, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { cookiesOf, form, hiddenCsrf, signIn, type Session } from '../support/http.ts';
import { buildApp } from '../../src/core/http/app.ts';
import type { Deps } from '../../src/core/deps.ts';
import type { Config } from '../../src/config.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { act, getDossier, intake, type DossierView } from '../../src/features/dossiers/service.ts';
import { addOptOut, deliveryReceipt, enqueueForDossierEvent } from '../../src/features/notifications/service.ts';
import { runOutboxOnce, startOutboxWorker } from '../../src/features/notifications/job.ts';
import type { Channel, Channels } from '../../src/features/notifications/channels.ts';
import { gsmLength, SENDING_LEASE_MS, when } from '../../src/features/notifications/model.ts';
import { startFakeGateway } from '../support/gateway.ts';
import { decodeMail, startTestSmtp } from '../support/smtp.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const PROC = CATALOG.find((x) => x.timeLimit.unit === 'working_days' && (x.timeLimit.amount ?? 0) >= 3)!;
const BASE = 'https://motcua.camgiang.gov.vn';
const SECRET = 'bi-mat-chung-cua-cong-sms-0123';
const MINUTE = 60_000;

let seq = 0;
/** A citizen with their own phone and e-mail, so tests never share recipients. */
function citizen(over: Record<string, string> = {}) {
  seq++;
  return {
    fullName: 'Nguyễn Văn An',
    phone: `0912 ${String(100000 + seq).slice(-6, -3)} ${String(100000 + seq).slice(-3)}`,
    email: `cong.dan${seq}@example.vn`,
    address: 'Thôn Đông',
    ...over,
  };
}

for (const { name, fresh } of DATABASES) {
  describe(`notifications (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let outDir: string;
    let clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00 in Vietnam
    const tokens: Record<string, string> = {};
    const users: Record<string, string> = {};

    /** Deps whose configuration turns channels on (the dossier service's own deps keep none). */
    const withConfig = (over: Record<string, string>, channels?: Channels): Deps & { channels?: Channels } => ({
      ...t.deps,
      config: testConfig({ PUBLIC_URL: BASE, ...over }),
      ...(channels ? { channels } : {}),
    });
    const enqueueAll = async (deps: Deps, d: DossierView) => {
      const { events } = await getDossier(t.deps, SYSTEM_ACTOR, d.code);
      const e = events.at(-1)!;
      const center = await t.deps.db
        .selectFrom('center')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      return enqueueForDossierEvent(deps, {
        centerId: center.id,
        dossier: d,
        event: { action: e.action, data: e.data },
      });
    };
    const messagesOf = (code: string) =>
      t.deps.db
        .selectFrom('notification as n')
        .innerJoin('dossier as d', 'd.id', 'n.dossier_id')
        .selectAll('n')
        .where('d.code', '=', code)
        .orderBy('n.id')
        .execute();
    const clearOutbox = () => t.deps.db.deleteFrom('notification').execute();
    const newDossier = (applicant = citizen(), extra: Record<string, unknown> = {}) =>
      intake(t.deps, SYSTEM_ACTOR, slug, { procedureCode: PROC.code, applicant, ...extra });

    before(async () => {
      t = await fresh(() => clock);
      outDir = mkdtempSync(join(tmpdir(), 'motcua-outbox-'));
      const c = await makeCenter(t.deps, {
        slug: 'cam-giang',
        agencyCode: 'H26.99.01',
        shortName: 'Trung tâm PVHCC xã Cẩm Giàng',
        phones: [{ label: 'Bộ phận Một cửa', number: '0220 3000 001' }],
      });
      slug = c.slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      for (const role of ['admin', 'director', 'receiver', 'volunteer'] as const) {
        const u = await makeUser(t.deps, c.id, [role]);
        users[role] = u.username;
        tokens[role] = await makeToken(t.deps, u.username);
      }
      const other = await makeCenter(t.deps);
      const otherAdmin = await makeUser(t.deps, other.id, ['admin']);
      tokens.otherAdmin = await makeToken(t.deps, otherAdmin.username);
      // The app's own configuration: the webhook secret, no channel (the dossier service queues nothing by itself).
      const appConfig: Config = testConfig({ WEBHOOK_SECRET: SECRET, PUBLIC_URL: BASE });
      app = await buildApp({ ...t.deps, config: appConfig }, { logger: false });
      await app.ready();
    });
    after(async () => {
      await app.close();
      await t.close();
      rmSync(outDir, { recursive: true, force: true });
    });

    test('a dossier event queues one message per contact and channel, in Vietnamese, only if the transaction commits', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const deps = withConfig({
        SMTP_URL: 'smtp://127.0.0.1:9',
        SMTP_FROM: 'motcua@camgiang.gov.vn',
        SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms',
        NOTIFY_FILE_DIR: outDir,
      });
      const person = citizen();
      const d = await newDossier(person);
      const { events } = await getDossier(t.deps, SYSTEM_ACTOR, d.code);
      const centerId = (
        await t.deps.db.selectFrom('center').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
      ).id;
      const input = { centerId, dossier: d, event: { action: events[0]!.action, data: events[0]!.data } };

      await assert.rejects(
        t.deps.db.transaction().execute(async (tx) => {
          assert.equal(await enqueueForDossierEvent({ ...deps, db: tx }, input), 4);
          throw new Error('the event is rolled back');
        }),
        /rolled back/,
      );
      assert.equal((await messagesOf(d.code)).length, 0, 'no message without its event');

      assert.equal(
        await t.deps.db.transaction().execute((tx) => enqueueForDossierEvent({ ...deps, db: tx }, input)),
        4,
      );
      const rows = await messagesOf(d.code);
      assert.deepEqual(
        rows.map((r) => [r.kind, r.channel, r.recipient, r.status, r.attempts]).sort(),
        [
          ['receipt', 'email', person.email, 'queued', 0],
          ['receipt', 'file', person.email, 'queued', 0],
          ['receipt', 'file', person.phone.replace(/\s/g, ''), 'queued', 0],
          ['receipt', 'sms', person.phone.replace(/\s/g, ''), 'queued', 0],
        ].sort(),
      );
      const email = rows.find((r) => r.channel === 'email')!;
      assert.match(email.subject, new RegExp(`^Đã tiếp nhận hồ sơ ${d.code.replace(/\./g, '\\.')}`));
      for (const s of [
        `Kính gửi Ông/Bà ${person.fullName}`,
        `Mã hồ sơ: ${d.code}`,
        `Thủ tục: ${PROC.name}`,
        `Ngày hẹn trả kết quả: ${when(d.dueAt)}`,
        `${BASE}/${slug}/tra-cuu?ma=${d.code}&bi-mat=${d.lookupSecret}`,
        '0220 3000 001',
        `${BASE}/${slug}/tu-choi-nhan-tin`,
      ]) {
        assert.ok(email.body.includes(s), `e-mail lacks ${s}`);
      }
      const sms = rows.find((r) => r.channel === 'sms')!;
      assert.match(sms.body, /^[\x20-\x7e]+$/, 'SMS without diacritics');
      assert.ok(gsmLength(sms.body)! <= 160, `${sms.body.length}: ${sms.body}`);
      assert.ok(sms.body.includes(d.code) && sms.body.includes(`bi-mat=${d.lookupSecret}`), sms.body);
      assert.equal(
        rows.find((r) => r.channel === 'file' && r.recipient === sms.recipient)!.body,
        sms.body,
        'the file channel shows the SMS text for a phone',
      );
    });

    test('supplement, result ready and apology messages carry their facts; other events and online registrations queue nothing', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const deps = withConfig({
        SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms',
        SMTP_URL: 'smtp://127.0.0.1:9',
        SMTP_FROM: 'motcua@camgiang.gov.vn',
      });
      const d = await newDossier();
      await act(t.deps, SYSTEM_ACTOR, d.code, 'handoff', { to: 'Công chức Tư pháp' });
      assert.equal(
        await enqueueAll(deps, (await getDossier(t.deps, SYSTEM_ACTOR, d.code)).dossier),
        0,
        'a hand-off notifies nobody',
      );
      const sup = await act(t.deps, SYSTEM_ACTOR, d.code, 'request_supplement', {
        reason: 'Thiếu bản sao giấy chứng nhận kết hôn',
        components: ['Giấy chứng nhận kết hôn'],
      });
      assert.equal(await enqueueAll(deps, sup), 2);
      await act(t.deps, SYSTEM_ACTOR, d.code, 'complete_supplement', {});
      const ext = await act(t.deps, SYSTEM_ACTOR, d.code, 'extend', {
        reason: 'Cần xác minh với cơ quan khác',
        newDueAt: '2026-12-30T10:00:00Z',
      });
      assert.equal(await enqueueAll(deps, ext), 2);
      const done = await act(t.deps, SYSTEM_ACTOR, d.code, 'mark_processed', { result: 'Đã ký' });
      assert.equal(await enqueueAll(deps, done), 2);
      const ret = await act(t.deps, SYSTEM_ACTOR, d.code, 'return_result', { method: 'desk' });
      assert.equal(await enqueueAll(deps, ret), 0, 'returning the result notifies nobody');

      const rows = await messagesOf(d.code);
      const mail = (kind: string) => rows.find((r) => r.kind === kind && r.channel === 'email')!;
      assert.ok(
        mail('supplement').body.includes('Nội dung cần bổ sung: Thiếu bản sao giấy chứng nhận kết hôn') &&
          mail('supplement').body.includes('- Giấy chứng nhận kết hôn'),
      );
      const apology = mail('apology').body;
      for (const s of [
        'xin lỗi',
        `Ngày hẹn trước: ${when(d.dueAt)}`,
        'Ngày hẹn lại trả kết quả: 30/12/2026 17:00',
        'Lý do: Cần xác minh với cơ quan khác',
      ])
        assert.ok(apology.includes(s), `apology lacks ${s}`);
      assert.match(mail('result_ready').subject, /đã có kết quả/);
      for (const r of rows.filter((x) => x.channel === 'sms')) {
        assert.match(r.body, /^[\x20-\x7e]+$/);
        assert.ok(gsmLength(r.body)! <= 160, r.body);
      }
      assert.ok(rows.find((r) => r.kind === 'apology' && r.channel === 'sms')!.body.includes('30/12/2026 17:00'));

      const online = await newDossier(citizen(), { submittedOnline: true, channel: 'online' });
      assert.equal(await enqueueAll(deps, online), 0, 'an online registration is not yet a receipt');
      const accepted = await act(t.deps, SYSTEM_ACTOR, online.code, 'accept', {});
      assert.equal(await enqueueAll(deps, accepted), 2, 'acceptance sends the receipt');
      const noContact = await newDossier(citizen({ phone: '', email: '' }));
      assert.equal(await enqueueAll(deps, noContact), 0);
      assert.equal(await enqueueAll(withConfig({}), await newDossier()), 0, 'no channel configured, no message');
    });

    test('opt-outs are honoured per channel or for every channel', async () => {
      const deps = withConfig({
        SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms',
        ZALO_WEBHOOK_URL: 'http://127.0.0.1:9/zalo',
        SMTP_URL: 'smtp://127.0.0.1:9',
        SMTP_FROM: 'motcua@camgiang.gov.vn',
      });
      const person = citizen();
      await addOptOut(t.deps, SYSTEM_ACTOR, slug, { recipient: person.phone, channel: 'sms' });
      const a = await newDossier(person);
      assert.equal(await enqueueAll(deps, a), 2);
      assert.deepEqual((await messagesOf(a.code)).map((r) => r.channel).sort(), ['email', 'zalo']);
      await addOptOut(t.deps, SYSTEM_ACTOR, slug, { recipient: person.email.toUpperCase(), channel: '*' });
      const b = await newDossier(person);
      assert.equal(await enqueueAll(deps, b), 1);
      assert.deepEqual(
        (await messagesOf(b.code)).map((r) => r.channel),
        ['zalo'],
      );
    });

    test('the worker writes file messages (delivered) and sends through SMTP and the SMS gateway (sent)', async () => {
      await clearOutbox();
      clock = new Date('2026-11-25T02:00:00Z');
      const smtp = await startTestSmtp({ user: 'motcua', pass: 'mat-khau' });
      const gw = await startFakeGateway();
      try {
        const deps = withConfig({
          SMTP_URL: `smtp://motcua:mat-khau@127.0.0.1:${smtp.port}`,
          SMTP_FROM: 'Trung tâm PVHCC xã Cẩm Giàng <motcua@camgiang.gov.vn>',
          SMS_WEBHOOK_URL: gw.url,
          WEBHOOK_SECRET: SECRET,
          NOTIFY_FILE_DIR: outDir,
        });
        const person = citizen();
        const d = await newDossier(person);
        assert.equal(await enqueueAll(deps, d), 4);
        const r = await runOutboxOnce(deps, clock);
        assert.deepEqual(r, { claimed: 4, sent: 2, delivered: 2, failed: 0 });
        const rows = await messagesOf(d.code);
        assert.deepEqual(rows.map((x) => [x.channel, x.status]).sort(), [
          ['email', 'sent'],
          ['file', 'delivered'],
          ['file', 'delivered'],
          ['sms', 'sent'],
        ]);
        for (const x of rows) assert.equal(x.sent_at, clock.toISOString());
        // SMTP
        const mail = await decodeMail(smtp.mails[0]!.raw);
        assert.equal(smtp.mails[0]!.to[0], person.email);
        assert.equal(mail.subject, rows.find((x) => x.channel === 'email')!.subject);
        assert.ok(mail.text.includes(`Mã hồ sơ: ${d.code}`));
        assert.equal(rows.find((x) => x.channel === 'email')!.provider_id, mail.headers.get('message-id'));
        // SMS gateway
        assert.equal(gw.posts.length, 1);
        assert.equal(gw.posts[0]!.headers['x-webhook-secret'], SECRET);
        assert.equal(gw.posts[0]!.body.to, person.phone.replace(/\s/g, ''));
        assert.equal(gw.posts[0]!.body.dossierCode, d.code);
        assert.equal(rows.find((x) => x.channel === 'sms')!.provider_id, 'prov-1');
        // Files
        for (const x of rows.filter((y) => y.channel === 'file')) {
          const path = join(outDir, x.provider_id!);
          assert.ok(existsSync(path), path);
          assert.match(x.provider_id!, new RegExp(`^2026-11-25/${x.id}-receipt-(sms|email)\\.txt$`));
          assert.ok(readFileSync(path, 'utf8').includes(x.body));
        }
        assert.deepEqual(
          await runOutboxOnce(deps, new Date(clock.getTime() + 3600_000)),
          { claimed: 0, sent: 0, delivered: 0, failed: 0 },
          'nothing is sent twice',
        );
      } finally {
        await smtp.close();
        await gw.close();
      }
    });

    test('a failing gateway is retried after 1, 5, 30 and 120 minutes, then stays failed — visible in the console, sent again on "Gửi lại"', async () => {
      await clearOutbox();
      const t0 = new Date('2026-11-25T03:00:00Z');
      clock = t0;
      let up = false;
      const gw = await startFakeGateway(() =>
        up ? { status: 200, body: { id: 'ok-1' } } : { status: 500, body: { error: 'gateway down' } },
      );
      try {
        const deps = withConfig({ SMS_WEBHOOK_URL: gw.url });
        const d = await newDossier();
        assert.equal(await enqueueAll(deps, d), 1);
        const row = async () => (await messagesOf(d.code))[0]!;
        let now = t0;
        const expectedWaits = [1, 5, 30, 120];
        for (let attempt = 1; attempt <= 5; attempt++) {
          const early = await runOutboxOnce(deps, new Date(now.getTime() - 1000));
          assert.equal(early.claimed, 0, `attempt ${attempt} waits for its time`);
          assert.deepEqual(await runOutboxOnce(deps, now), { claimed: 1, sent: 0, delivered: 0, failed: 1 });
          const r = await row();
          assert.equal(r.status, 'failed');
          assert.equal(r.attempts, attempt);
          assert.match(r.last_error!, /HTTP 500/);
          if (attempt < 5) {
            assert.equal(new Date(r.next_attempt_at!).getTime() - now.getTime(), expectedWaits[attempt - 1]! * MINUTE);
            now = new Date(r.next_attempt_at!);
          } else assert.equal(r.next_attempt_at, null, 'failed for good after 5 attempts');
        }
        assert.equal(gw.posts.length, 5);
        assert.equal(
          (await runOutboxOnce(deps, new Date(now.getTime() + 7 * 24 * 3600_000))).claimed,
          0,
          'never retried automatically again',
        );

        const s = await signIn(app, users.admin!, TEST_PASSWORD);
        const page = await app.inject({ method: 'GET', url: '/console/notifications', headers: { cookie: s.cookie } });
        assert.equal(page.statusCode, 200);
        const failedTable = /<table data-testid="failed-messages">([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? '';
        const id = (await row()).id;
        assert.ok(failedTable.includes(`data-id="${id}"`), 'the message is listed under failed messages');
        for (const s2 of [
          d.code,
          'Lỗi, đã dừng',
          'HTTP 500',
          `/console/notifications/${id}/retry`,
          'Gửi lại',
          '*******',
        ])
          assert.ok(failedTable.includes(s2), `failed table lacks ${s2}`);
        assert.match(page.body, /data-status="failed">1</);

        const noCsrf = await app.inject({
          method: 'POST',
          url: `/console/notifications/${id}/retry`,
          ...form({ ...s, csrf: 'wrong' }, {}),
        });
        assert.equal(noCsrf.statusCode, 403);
        clock = new Date(now.getTime() + 3600_000);
        const retry = await app.inject({ method: 'POST', url: `/console/notifications/${id}/retry`, ...form(s, {}) });
        assert.equal(retry.statusCode, 303);
        assert.equal(retry.headers.location, '/console/notifications?ok=retried');
        assert.equal((await row()).status, 'queued');
        const again = await app.inject({ method: 'POST', url: `/console/notifications/${id}/retry`, ...form(s, {}) });
        assert.equal(again.statusCode, 409, 'only a failed message can be sent again');
        up = true;
        assert.deepEqual(await runOutboxOnce(deps, clock), { claimed: 1, sent: 1, delivered: 0, failed: 0 });
        const sent = await row();
        assert.deepEqual([sent.status, sent.attempts, sent.provider_id], ['sent', 6, 'ok-1']);
        const audit = await t.deps.db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'notifications.retry')
          .where('subject', '=', String(id))
          .execute();
        assert.equal(audit.length, 1);
      } finally {
        await gw.close();
      }
    });

    test('a refused recipient fails for good at once; a message left "sending" by a dead worker is sent after its lease', async () => {
      await clearOutbox();
      clock = new Date('2026-11-25T04:00:00Z');
      const gw = await startFakeGateway(() => ({ status: 422, body: { error: 'invalid number' } }));
      try {
        const deps = withConfig({ SMS_WEBHOOK_URL: gw.url });
        const d = await newDossier();
        await enqueueAll(deps, d);
        await runOutboxOnce(deps, clock);
        const r = (await messagesOf(d.code))[0]!;
        assert.deepEqual([r.status, r.attempts, r.next_attempt_at], ['failed', 1, null]);
        assert.match(r.last_error!, /422/);
      } finally {
        await gw.close();
      }
      const sent: number[] = [];
      const deps = withConfig(
        { SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms' },
        { sms: { send: async (m) => (sent.push(m.id), { providerId: null, delivered: false }) } },
      );
      const d = await newDossier();
      await enqueueAll(deps, d);
      const id = (await messagesOf(d.code))[0]!.id;
      // A worker claimed it, then died before recording anything.
      await t.deps.db
        .updateTable('notification')
        .set({
          status: 'sending',
          attempts: 1,
          next_attempt_at: new Date(clock.getTime() + SENDING_LEASE_MS).toISOString(),
        })
        .where('id', '=', id)
        .execute();
      assert.equal(
        (await runOutboxOnce(deps, new Date(clock.getTime() + SENDING_LEASE_MS - 1000))).claimed,
        0,
        'a live send is never taken over',
      );
      assert.equal((await runOutboxOnce(deps, new Date(clock.getTime() + SENDING_LEASE_MS))).sent, 1);
      assert.deepEqual(sent, [id]);
      const r = (await messagesOf(d.code))[0]!;
      assert.deepEqual([r.status, r.attempts], ['sent', 2]);
      assert.match(r.last_error!, /interrupted/);
    });

    test('concurrent workers never send a message twice', async () => {
      await clearOutbox();
      clock = new Date('2026-11-25T05:00:00Z');
      const sends = new Map<number, number>();
      const slow: Channel = {
        async send(m) {
          sends.set(m.id, (sends.get(m.id) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
          return { providerId: `p${m.id}`, delivered: false };
        },
      };
      const deps = withConfig(
        {
          SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms',
          SMTP_URL: 'smtp://127.0.0.1:9',
          SMTP_FROM: 'a@camgiang.gov.vn',
          NOTIFY_FILE_DIR: outDir,
        },
        { sms: slow, email: slow, file: slow },
      );
      let expected = 0;
      for (let i = 0; i < 15; i++) expected += await enqueueAll(deps, await newDossier());
      assert.equal(expected, 60);
      // Two passes at once, each able to take every message.
      const [a, b] = await Promise.all([
        runOutboxOnce(deps, clock, { batchSize: 100 }),
        runOutboxOnce(deps, clock, { batchSize: 100 }),
      ]);
      assert.equal(a.claimed + b.claimed, 60);
      // Then three workers draining small batches of fresh messages in parallel.
      for (let i = 0; i < 15; i++) expected += await enqueueAll(deps, await newDossier());
      const drain = async () => {
        let n = 0;
        for (
          let r = await runOutboxOnce(deps, clock, { batchSize: 7 });
          r.claimed;
          r = await runOutboxOnce(deps, clock, { batchSize: 7 })
        )
          n += r.claimed;
        return n;
      };
      const drained = await Promise.all([drain(), drain(), drain()]);
      assert.equal(
        drained.reduce((x, y) => x + y, 0),
        60,
      );
      assert.equal(sends.size, expected);
      assert.ok(
        [...sends.values()].every((n) => n === 1),
        'each message sent exactly once',
      );
      const statuses = await t.deps.db.selectFrom('notification').select('status').execute();
      assert.ok(statuses.every((s) => s.status === 'sent'));
    });

    test('the background worker sends on its own and stops cleanly', async () => {
      await clearOutbox();
      const sent: number[] = [];
      const deps = withConfig(
        { SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms' },
        { sms: { send: async (m) => (sent.push(m.id), { providerId: null, delivered: false }) } },
      );
      await enqueueAll(deps, await newDossier());
      const stop = startOutboxWorker(deps, { intervalMs: 20 });
      for (let i = 0; i < 100 && !sent.length; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      await stop();
      assert.equal(sent.length, 1);
    });

    test('delivery receipts from the gateway mark messages delivered or failed; the shared secret is required', async () => {
      await clearOutbox();
      clock = new Date('2026-11-25T06:00:00Z');
      const gw = await startFakeGateway();
      try {
        const deps = withConfig({ SMS_WEBHOOK_URL: gw.url, WEBHOOK_SECRET: SECRET });
        const d1 = await newDossier();
        const d2 = await newDossier();
        await enqueueAll(deps, d1);
        await enqueueAll(deps, d2);
        await runOutboxOnce(deps, clock);
        const [m1, m2] = [(await messagesOf(d1.code))[0]!, (await messagesOf(d2.code))[0]!];
        assert.deepEqual([m1.provider_id, m2.provider_id].sort(), ['prov-1', 'prov-2']);
        const post = (provider: string, body: object, secret: string | null = SECRET) =>
          app.inject({
            method: 'POST',
            url: `/api/v1/notifications/webhook/${provider}`,
            headers: secret ? { 'x-webhook-secret': secret } : {},
            payload: body,
          });
        assert.equal((await post('sms', { id: m1.provider_id, status: 'delivered' }, null)).statusCode, 401);
        assert.equal(
          (await post('sms', { id: m1.provider_id, status: 'delivered' }, 'wrong-secret-wrong-secret')).statusCode,
          401,
        );
        assert.equal((await post('fax', { id: m1.provider_id, status: 'delivered' })).statusCode, 404);
        assert.equal(
          (await post('zalo', { id: m1.provider_id, status: 'delivered' })).statusCode,
          404,
          'another channel’s id is unknown',
        );
        assert.equal((await post('sms', { id: 'nope', status: 'delivered' })).statusCode, 404);
        assert.equal((await post('sms', { id: m1.provider_id, status: 'maybe' })).statusCode, 400);
        clock = new Date('2026-11-25T06:00:07Z');
        const ok = await post('sms', { id: m1.provider_id, status: 'delivered' });
        assert.equal(ok.statusCode, 200, ok.body);
        assert.deepEqual(ok.json(), { id: m1.id, status: 'delivered' });
        const bad = await post('sms', {
          reference: String(m2.id),
          status: 'failed',
          error: 'Thuê bao không liên lạc được',
        });
        assert.equal(bad.statusCode, 200, bad.body);
        const [r1, r2] = [(await messagesOf(d1.code))[0]!, (await messagesOf(d2.code))[0]!];
        assert.deepEqual([r1.status, r1.delivered_at], ['delivered', '2026-11-25T06:00:07.000Z']);
        assert.deepEqual([r2.status, r2.next_attempt_at], ['failed', null]);
        assert.match(r2.last_error!, /Thuê bao không liên lạc được/);
        await assert.rejects(
          deliveryReceipt(t.deps, 'sms', SECRET, { id: 'prov-1', status: 'delivered' }),
          /NOT_FOUND/,
          'no endpoint without a configured secret',
        );
      } finally {
        await gw.close();
      }
    });

    test('public opt-out: phone or e-mail proven by the dossier code and secret, a confirmation, no more messages', async () => {
      const person = citizen();
      const d = await newDossier(person);
      const page = await app.inject({ method: 'GET', url: `/${slug}/tu-choi-nhan-tin?ma=${d.code}` });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Từ chối nhận tin nhắn, thư thông báo') && page.body.includes(`value="${d.code}"`));
      const cookie = `mc_optout_csrf=${cookiesOf(page).mc_optout_csrf}`;
      const csrf = hiddenCsrf(page.body);
      const submit = (fields: Record<string, string>, withCookie = true) =>
        app.inject({
          method: 'POST',
          url: `/${slug}/tu-choi-nhan-tin`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(withCookie ? { cookie } : {}) },
          payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
        });
      assert.equal(
        (await submit({ 'lien-he': person.phone, ma: d.code, 'bi-mat': d.lookupSecret }, false)).statusCode,
        403,
        'CSRF',
      );
      const wrong = await submit({ 'lien-he': person.phone, ma: d.code, 'bi-mat': 'AAAAAA' });
      assert.equal(wrong.statusCode, 404);
      assert.ok(wrong.body.includes('Thông tin không khớp'));
      const stranger = await submit({ 'lien-he': '0987 000 111', ma: d.code, 'bi-mat': d.lookupSecret });
      assert.equal(stranger.statusCode, 404, 'only the dossier’s own contact may be opted out');
      assert.equal((await submit({ 'lien-he': 'abc', ma: d.code, 'bi-mat': d.lookupSecret })).statusCode, 400);
      const ok = await submit({ 'lien-he': person.phone, ma: d.code, 'bi-mat': d.lookupSecret.toLowerCase() });
      assert.equal(ok.statusCode, 200, ok.body.slice(0, 500));
      assert.ok(ok.body.includes('Đã ghi nhận yêu cầu từ chối nhận tin') && ok.body.includes('Điều gì tiếp theo'));
      const digits = person.phone.replace(/\s/g, '');
      assert.ok(ok.body.includes(`*******${digits.slice(-3)}`) && !ok.body.includes(digits), 'the phone is masked');
      const rows = await t.deps.db
        .selectFrom('notification_opt_out')
        .selectAll()
        .where('recipient', '=', digits)
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.channel, r.source]),
        [['*', 'public']],
      );
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'notifications.optout.public')
        .execute();
      assert.ok(audit.some((a) => a.detail?.includes(d.code)));
      const page2 = await app.inject({ method: 'GET', url: `/${slug}/tu-choi-nhan-tin?lang=en` });
      const again = await app.inject({
        method: 'POST',
        url: `/${slug}/tu-choi-nhan-tin?lang=en`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `mc_optout_csrf=${cookiesOf(page2).mc_optout_csrf}`,
        },
        payload: new URLSearchParams({
          _csrf: hiddenCsrf(page2.body),
          'lien-he': digits,
          ma: d.code,
          'bi-mat': d.lookupSecret,
        }).toString(),
      });
      assert.equal(again.statusCode, 200);
      assert.ok(again.body.includes('was already on the opt-out list'), 'English, and idempotent');
      const deps = withConfig({
        SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms',
        SMTP_URL: 'smtp://127.0.0.1:9',
        SMTP_FROM: 'a@camgiang.gov.vn',
      });
      const later = await act(t.deps, SYSTEM_ACTOR, d.code, 'mark_processed', {});
      assert.equal(await enqueueAll(deps, later), 1);
      assert.deepEqual(
        (await messagesOf(d.code)).map((r) => r.channel),
        ['email'],
      );
      // Opted out after being queued: respected at send time, and visible.
      await clearOutbox();
      const sent: number[] = [];
      const d2 = await newDossier(person);
      const sendDeps = withConfig(
        { SMTP_URL: 'smtp://127.0.0.1:9', SMTP_FROM: 'a@camgiang.gov.vn' },
        { email: { send: async (m) => (sent.push(m.id), { providerId: null, delivered: false }) } },
      );
      assert.equal(await enqueueAll(sendDeps, d2), 1);
      await addOptOut(t.deps, SYSTEM_ACTOR, slug, { recipient: person.email, channel: 'email' });
      await runOutboxOnce(sendDeps, clock);
      const r = (await messagesOf(d2.code))[0]!;
      assert.deepEqual([r.status, r.next_attempt_at, sent.length], ['failed', null, 0]);
      assert.match(r.last_error!, /opted out/);
    });

    test('console: only notification managers; opt-outs added and removed at the desk with CSRF and audit; English complete', async () => {
      const vol = await signIn(app, users.volunteer!, TEST_PASSWORD);
      assert.equal(
        (await app.inject({ method: 'GET', url: '/console/notifications', headers: { cookie: vol.cookie } }))
          .statusCode,
        403,
      );
      assert.ok(
        !(await app.inject({ method: 'GET', url: '/console', headers: { cookie: vol.cookie } })).body.includes(
          '/console/notifications',
        ),
        'no menu entry for a volunteer',
      );
      assert.equal(
        (await app.inject({ method: 'GET', url: '/console/notifications' })).statusCode,
        302,
        'sign-in first',
      );
      const s: Session = await signIn(app, users.director!, TEST_PASSWORD);
      const home = await app.inject({ method: 'GET', url: '/console', headers: { cookie: s.cookie } });
      assert.ok(home.body.includes('href="/console/notifications"'));
      assert.equal(
        (
          await app.inject({
            method: 'POST',
            url: '/console/notifications/opt-outs',
            ...form({ ...s, csrf: 'x' }, { recipient: '0933 111 222', channel: '*' }),
          })
        ).statusCode,
        403,
      );
      const bad = await app.inject({
        method: 'POST',
        url: '/console/notifications/opt-outs',
        ...form(s, { recipient: 'không phải số', channel: '*' }),
      });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.includes('Nhập số điện thoại'));
      const add = await app.inject({
        method: 'POST',
        url: '/console/notifications/opt-outs',
        ...form(s, { recipient: '0933 111 222', channel: 'zalo' }),
      });
      assert.equal(add.statusCode, 303);
      assert.equal(add.headers.location, '/console/notifications?ok=added');
      const dup = await app.inject({
        method: 'POST',
        url: '/console/notifications/opt-outs',
        ...form(s, { recipient: '+84933111222', channel: 'zalo' }),
      });
      assert.equal(dup.headers.location, '/console/notifications?ok=exists');
      const page = await app.inject({
        method: 'GET',
        url: '/console/notifications?ok=added',
        headers: { cookie: s.cookie },
      });
      assert.ok(page.body.includes('Đã thêm vào danh sách từ chối nhận tin'));
      const list = /<table data-testid="opt-outs">([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? '';
      assert.ok(
        list.includes('*******222') &&
          list.includes('Zalo') &&
          list.includes('Tại quầy') &&
          !list.includes('0933111222'),
      );
      const row = await t.deps.db
        .selectFrom('notification_opt_out')
        .selectAll()
        .where('recipient', '=', '0933111222')
        .executeTakeFirstOrThrow();
      const del = await app.inject({
        method: 'POST',
        url: `/console/notifications/opt-outs/${row.id}/delete`,
        ...form(s, {}),
      });
      assert.equal(del.headers.location, '/console/notifications?ok=removed');
      assert.equal(
        (await app.inject({ method: 'POST', url: `/console/notifications/opt-outs/${row.id}/delete`, ...form(s, {}) }))
          .statusCode,
        404,
      );
      const actions = (
        await t.deps.db.selectFrom('audit_log').select('action').where('subject', '=', '*******222').execute()
      ).map((a) => a.action);
      assert.deepEqual(actions.sort(), ['notifications.optout.add', 'notifications.optout.remove']);
      const en = await app.inject({
        method: 'GET',
        url: '/console/notifications?lang=en',
        headers: { cookie: s.cookie },
      });
      for (const w of ['Citizen notifications', 'Failed messages', 'Opt-out list', 'No channel is configured'])
        assert.ok(en.body.includes(w), w);
    });

    test('JSON API: list and retry need notifications.manage in the centre; another centre sees nothing', async () => {
      await clearOutbox();
      const gw = await startFakeGateway(() => ({ status: 500 }));
      try {
        const deps = withConfig({ SMS_WEBHOOK_URL: gw.url, NOTIFY_MAX_ATTEMPTS: '1' });
        await enqueueAll(deps, await newDossier());
        await runOutboxOnce(deps, clock);
      } finally {
        await gw.close();
      }
      const get = (who: string | null, q = '') =>
        app.inject({
          method: 'GET',
          url: `/api/v1/centers/${slug}/notifications${q}`,
          headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
        });
      assert.equal((await get(null)).statusCode, 401);
      assert.equal((await get('receiver')).statusCode, 403);
      assert.equal((await get('otherAdmin')).statusCode, 403);
      assert.equal((await get('director', '?status=bogus')).statusCode, 400);
      const res = await get('director', '?status=failed');
      assert.equal(res.statusCode, 200);
      const items = res.json().items as {
        id: number;
        status: string;
        final: boolean;
        recipient: string;
        createdAt: string;
      }[];
      assert.equal(items.length, 1);
      assert.deepEqual([items[0]!.status, items[0]!.final], ['failed', true]);
      assert.match(items[0]!.recipient, /^\*{7}\d{3}$/);
      assert.match(items[0]!.createdAt, /\+07:00$/);
      const retry = (who: string) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/notifications/${items[0]!.id}/retry`,
          headers: { authorization: `Bearer ${tokens[who]}` },
        });
      assert.equal((await retry('otherAdmin')).statusCode, 404, 'another centre’s message answers like a missing one');
      assert.equal((await retry('receiver')).statusCode, 403);
      const ok = await retry('admin');
      assert.equal(ok.statusCode, 200);
      assert.deepEqual(ok.json(), { id: items[0]!.id, status: 'queued' });
    });

    test('once the dossier service queues messages itself, an intake at the desk produces the receipt', async (tc) => {
      await clearOutbox();
      const deps = withConfig({ SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms' });
      const d = await intake(deps, SYSTEM_ACTOR, slug, { procedureCode: PROC.code, applicant: citizen() });
      const rows = await messagesOf(d.code);
      if (!rows.length) {
        tc.skip('the dossier service does not call enqueueForDossierEvent yet');
        return;
      }
      assert.deepEqual(
        rows.map((r) => [r.kind, r.channel]),
        [['receipt', 'sms']],
      );
    });
  });
}
