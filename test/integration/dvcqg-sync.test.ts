/**
 * DVCQG sync end to end against the local portal simulator (real HTTP, real SQLite / PostgreSQL):
 * dossiers moving through random workflows are all acknowledged in order; with the simulator
 * failing half of the calls and restarted mid-run (state file), nothing is lost or taken twice and
 * every dossier's messages arrive in sequence; indicator 1.4; incoming submissions (pull and
 * webhook) de-duplicated by the portal's code; the console list, health and re-send; online payment.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { form, signIn, testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { seededRandom } from '../../src/core/random.ts';
import { toLocal } from '../../src/core/calendar/index.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { getCenter } from '../../src/features/centers/service.ts';
import { act, intake } from '../../src/features/dossiers/service.ts';
import { exportHoSo } from '../../src/features/dossiers/dvcqg/dvcqg-service.ts';
import { canTransition, type DossierAction, type Status } from '../../src/features/dossiers/model.ts';
import { startSimulator, type Simulator } from '../../src/features/sync/simulator.ts';
import { drainSync, pullSubmissions, runSyncOnce } from '../../src/features/sync/service.ts';
import { computeMonthlyStatistics } from '../../src/features/reports/statistics.ts';
import { scorecardOf } from '../../src/features/reports/scorecard.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const SECRET = 'portal-secret-123';
const HOOK_SECRET = 'webhook-secret-0123456789';

const STEPS: [DossierAction, Record<string, unknown>][] = [
  ['handoff', { to: 'Công chức Tư pháp - Hộ tịch' }],
  ['request_supplement', { reason: 'Thiếu bản sao giấy khai sinh', components: ['Giấy khai sinh'] }],
  ['complete_supplement', {}],
  ['request_payment', { amount: 50000 }],
  ['confirm_payment', { method: 'online', gateway: 'dvcqg', reference: 'DVCQG-PAY-1' }],
  ['mark_processed', { result: 'Đã cấp' }],
  ['return_result', { method: 'desk' }],
  ['withdraw', { reason: 'Công dân rút' }],
  ['stop', { reason: 'Dừng theo yêu cầu' }],
];

/** The value, asserted present. */
function must<T>(x: T | null | undefined, what = 'value'): T {
  assert.ok(x !== null && x !== undefined, `${what} is missing`);
  return x;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const { name, fresh } of DATABASES) {
  describe(`DVCQG sync against the simulator (${name})`, () => {
    let t: TestDb;
    let sim: Simulator;
    let slug: string;
    let agency: string;
    let dir: string;
    const p = must(CATALOG.find((x) => x.timeLimit.unit === 'working_days' && (x.timeLimit.amount ?? 0) >= 3));
    let n = 0;
    const citizen = () => ({
      fullName: 'Nguyễn Văn An',
      idNumber: '031086001234',
      phone: `0912${String(100000 + n++)}`,
    });

    const messages = () => t.deps.db.selectFrom('sync_message').selectAll().orderBy('id').execute();
    const notAcked = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('sync_message')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('status', '<>', 'acked')
            .executeTakeFirstOrThrow()
        ).n,
      );
    /** Passes until every message is acknowledged (waiting for retry times), at most `ms`. */
    async function settle(ms = 60_000) {
      const end = Date.now() + ms;
      while ((await notAcked()) > 0) {
        if (Date.now() > end) {
          const left = (await messages()).filter((m) => m.status !== 'acked');
          throw new Error(
            `not settled: ${JSON.stringify(left.map((m) => [m.dossier_code, m.seq, m.kind, m.status, m.next_attempt_at, m.last_error]))}`,
          );
        }
        await drainSync(t.deps, { concurrency: 8 });
        await sleep(10);
      }
    }

    /** A random workflow of up to `max` steps for a new dossier (some online, accepted or refused first). */
    async function randomDossier(rand: () => number, max: number): Promise<string> {
      const online = rand() < 0.3;
      const d = await intake(t.deps, SYSTEM_ACTOR, slug, {
        procedureCode: p.code,
        applicant: citizen(),
        channel: online ? 'online' : 'direct',
        submittedOnline: online,
      });
      let status: Status = d.status;
      if (online) {
        const refuse = rand() < 0.15;
        await act(t.deps, SYSTEM_ACTOR, d.code, refuse ? 'refuse' : 'accept', { reason: 'Không đúng thẩm quyền' });
        status = refuse ? 3 : 2;
      }
      const steps = Math.floor(rand() * (max + 1));
      for (let i = 0; i < steps; i++) {
        const allowed = STEPS.filter(([a]) => canTransition(a, status));
        if (!allowed.length) break;
        const [a, payload] = must(allowed[Math.floor(rand() * allowed.length)]);
        status = (await act(t.deps, SYSTEM_ACTOR, d.code, a, payload)).status;
      }
      return d.code;
    }

    /** Every dossier's messages reached the portal once each, 1..n in order, with the status of each step. */
    async function assertInOrder() {
      const ours = await messages();
      const got = sim.received();
      assert.deepEqual(sim.orderViolations(), [], 'the portal saw a message out of order');
      assert.equal(new Set(got.map((r) => r.key)).size, got.length, 'a message was taken twice');
      const byKey = new Map(got.map((r) => [r.key, r]));
      for (const m of ours) {
        assert.equal(m.status, 'acked', `${m.dossier_code}:${m.seq} not acknowledged`);
        const r = byKey.get(`${m.dossier_code}:${m.seq}`);
        assert.ok(r, `${m.dossier_code}:${m.seq} never reached the portal`);
        assert.equal(r.status, String(m.dossier_status));
        assert.equal(r.kind, m.kind);
      }
      // Per dossier, the portal's record is exactly 1..n in arrival order.
      const perDossier = new Map<string, number[]>();
      for (const r of got) {
        const code = r.key.slice(0, r.key.lastIndexOf(':'));
        perDossier.set(code, [...(perDossier.get(code) ?? []), r.seq]);
      }
      for (const [code, seqs] of perDossier)
        assert.deepEqual(
          seqs,
          seqs.map((_, i) => i + 1),
          code,
        );
    }

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'motcua-sim-'));
      sim = await startSimulator({ secret: SECRET, stateFile: join(dir, 'portal.jsonl'), seed: 7 });
      t = await fresh();
      t.deps.config = {
        ...t.deps.config,
        sync: {
          url: sim.url,
          secret: SECRET,
          webhookSecret: HOOK_SECRET,
          intervalSeconds: 0,
          pullSeconds: 0,
          timeoutMs: 3000,
          retryBaseMs: 5,
          retryMaxMs: 200,
        },
      };
      const c = await makeCenter(t.deps);
      slug = c.slug;
      agency = (await getCenter(t.deps, slug)).agency_code;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
    });
    after(async () => {
      await sim.stop();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('500 dossiers through random workflows, sent while they move: all acknowledged, each in order', async () => {
      const rand = seededRandom(42);
      const worker = { stop: false, passes: 0 };
      // Sync runs while the desk works, as the job would.
      const loop = (async () => {
        while (!worker.stop) {
          await drainSync(t.deps, { concurrency: 8, maxPasses: 5 });
          worker.passes++;
          await sleep(5);
        }
      })();
      const codes: string[] = [];
      for (let i = 0; i < 500; i++) {
        codes.push(await randomDossier(rand, 3));
        // SQLite answers synchronously: give the worker's HTTP calls their turn, as a server's requests would.
        await new Promise((r) => setImmediate(r));
      }
      worker.stop = true;
      await loop;
      await settle();
      assert.ok(worker.passes > 1);
      const ours = await messages();
      assert.equal(new Set(ours.map((m) => m.dossier_code)).size, 500);
      assert.ok(ours.length > 1000, `only ${ours.length} messages`);
      await assertInOrder();
      // The first message of a desk dossier creates it; the portal holds the latest state.
      const last = must(codes[codes.length - 1]);
      const hoSo = await exportHoSo(t.deps, SYSTEM_ACTOR, last);
      assert.equal(sim.dossier(last)?.TrangThaiHoSo, hoSo.TrangThaiHoSo);
      assert.deepEqual([...new Set(ours.filter((m) => m.seq === 1).map((m) => m.kind))], ['create']);
      // Every acknowledgement is in the audit log.
      const audited = await t.deps.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', 'dvcqg.sync.ack')
        .executeTakeFirstOrThrow();
      assert.ok(Number(audited.n) >= ours.length);
    });

    test('half of the calls failing, two workers, the portal restarted mid-run: nothing lost, nothing taken twice, in order', async () => {
      const before = sim.received().length;
      sim.setFailure({ failRate: 0.5 });
      const rand = seededRandom(9);
      const worker = { stop: false };
      // Two workers at once, as two app instances would run them.
      const loops = [0, 1].map(async () => {
        while (!worker.stop) {
          await runSyncOnce(t.deps, { concurrency: 4, batchSize: 20 }).catch(() => undefined);
          await sleep(3);
        }
      });
      const tick = () => new Promise((r) => setImmediate(r));
      for (let i = 0; i < 40; i++) await randomDossier(rand, 3).then(tick);
      // The portal goes down and comes back with the state it had (its journal), still failing half of the calls.
      const port = sim.port;
      await sim.stop();
      for (let i = 0; i < 20; i++) await randomDossier(rand, 3).then(tick);
      sim = await startSimulator({
        port,
        secret: SECRET,
        stateFile: join(dir, 'portal.jsonl'),
        failRate: 0.5,
        seed: 11,
      });
      for (let i = 0; i < 20; i++) await randomDossier(rand, 3).then(tick);
      await sleep(200);
      worker.stop = true;
      await Promise.all(loops);
      assert.ok(sim.stats().injected > 0, 'the simulator injected failures');
      const failedAttempts = await t.deps.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', 'dvcqg.sync.fail')
        .executeTakeFirstOrThrow();
      assert.ok(Number(failedAttempts.n) > 0);
      await settle(90_000);
      assert.ok(sim.received().length > before);
      await assertInOrder();
    });

    test('indicator 1.4: the acknowledged share of the dossiers received in the period', async () => {
      sim.setFailure({ failRate: 0 });
      const day = toLocal(new Date()).date;
      const range = { from: `${day.slice(0, 8)}01`, to: day };
      const centerId = (await getCenter(t.deps, slug)).id;
      const s1 = await computeMonthlyStatistics(t.deps, [centerId], range);
      const f1 = must(s1.figures.find((f) => f.key === 'syncedRate'));
      assert.equal(f1.numerator, f1.denominator, 'everything so far was acknowledged');
      // Five more dossiers while the portal refuses everything: received, not acknowledged.
      sim.setFailure({ failRate: 1 });
      for (let i = 0; i < 5; i++)
        await intake(t.deps, SYSTEM_ACTOR, slug, { procedureCode: p.code, applicant: citizen() });
      await runSyncOnce(t.deps);
      const s2 = await computeMonthlyStatistics(t.deps, [centerId], range);
      const f2 = must(s2.figures.find((f) => f.key === 'syncedRate'));
      assert.equal(f2.denominator, must(f1.denominator) + 5);
      assert.equal(f2.numerator, f1.numerator);
      assert.equal(f2.value, must(f1.numerator) / (must(f1.denominator) + 5));
      const ind = must(scorecardOf(s2).indicators.find((i) => i.id === '1.4'));
      assert.equal(ind.computable, true);
      assert.equal(ind.score, Math.round(6 * must(f2.value) * 100) / 100);
      sim.setFailure({ failRate: 0 });
      await settle();
      const s3 = await computeMonthlyStatistics(t.deps, [centerId], range);
      assert.equal(must(s3.figures.find((f) => f.key === 'syncedRate')).value, 1);
    });

    describe('incoming submissions, console and payment', () => {
      let app: FastifyInstance;
      before(async () => {
        app = await testApp(t);
      });
      after(async () => {
        await app.close();
      });
      const submission = (code: string) => ({
        MaHoSo: code,
        MaTTHC: `${p.code}.000.00.00.H26`,
        KenhThucHien: '2',
        TrangThaiHoSo: '1',
        ChuHoSo: 'Phạm Thị Dung',
        SoGiayToChuHoSo: '031190007788',
        SoDienThoai: '0912000111',
        NgayNopHoSo: (() => {
          const l = toLocal(new Date(Date.now() - 3_600_000));
          const hh = String(Math.floor(l.ms / 3_600_000)).padStart(2, '0');
          const mm = String(Math.floor((l.ms % 3_600_000) / 60_000)).padStart(2, '0');
          return `${l.date.replace(/-/g, '')}${hh}${mm}00`;
        })(),
      });
      const byPortal = (code: string) =>
        t.deps.db.selectFrom('dossier').selectAll().where('portal_code', '=', code).execute();

      test('pulled and pushed submissions become status-1 dossiers once per portal code; their steps go back under the portal code', async () => {
        sim.addSubmissions(agency, [submission('000.00.00.H26-261207-0001'), submission('000.00.00.H26-261207-0002')]);
        const r1 = await pullSubmissions(t.deps);
        assert.equal(r1.imported, 2);
        const [d1] = await byPortal('000.00.00.H26-261207-0001');
        assert.ok(d1);
        assert.equal(d1.status, 1);
        assert.equal(d1.channel, 'online');
        const r2 = await pullSubmissions(t.deps);
        assert.equal(r2.imported, 0);
        assert.equal(r2.skipped, 2);
        // The webhook: the same code again is skipped, a new one taken; a wrong secret gets nothing.
        const hook = (secret: string | undefined, codes: string[]) =>
          app.inject({
            method: 'POST',
            url: `/api/v1/centers/${slug}/dvcqg/webhook`,
            headers: secret ? { 'x-webhook-secret': secret } : {},
            payload: { HoSo: codes.map(submission) },
          });
        sim.addSubmissions(agency, [submission('000.00.00.H26-261207-0003')]); // what the portal pushes, it holds
        assert.equal((await hook('wrong-secret-000000000', ['000.00.00.H26-261207-0003'])).statusCode, 401);
        assert.equal((await hook(undefined, ['000.00.00.H26-261207-0003'])).statusCode, 401);
        const res = await hook(HOOK_SECRET, ['000.00.00.H26-261207-0001', '000.00.00.H26-261207-0003']);
        assert.equal(res.statusCode, 201);
        const body = res.json<{
          imported: { portalCode: string }[];
          skipped: { portalCode: string; code: string }[];
        }>();
        assert.deepEqual(
          body.imported.map((x) => x.portalCode),
          ['000.00.00.H26-261207-0003'],
        );
        assert.deepEqual(
          body.skipped.map((x) => [x.portalCode, x.code]),
          [['000.00.00.H26-261207-0001', d1.code]],
        );
        assert.equal((await byPortal('000.00.00.H26-261207-0001')).length, 1);
        // Accepting it sends updates under the portal's code; the portal stops offering it.
        await act(t.deps, SYSTEM_ACTOR, d1.code, 'accept');
        await settle();
        const ours = (await messages()).filter((m) => m.dossier_code === d1.code);
        assert.deepEqual(
          ours.map((m) => m.kind),
          ['update', 'update'],
        );
        assert.equal(sim.dossier('000.00.00.H26-261207-0001')?.TrangThaiHoSo, '2');
        // Every submission taken here was answered (its first message), so the portal offers none any more.
        const r3 = await pullSubmissions(t.deps);
        assert.deepEqual(r3, { imported: 0, skipped: 0, refused: 0 });
      });

      test('the webhook does not exist unless configured', async () => {
        const saved = t.deps.config;
        t.deps.config = { ...saved, sync: { ...saved.sync, webhookSecret: null } };
        try {
          const res = await app.inject({
            method: 'POST',
            url: `/api/v1/centers/${slug}/dvcqg/webhook`,
            headers: { 'x-webhook-secret': HOOK_SECRET },
            payload: { HoSo: [] },
          });
          assert.equal(res.statusCode, 404);
        } finally {
          t.deps.config = saved;
        }
      });

      test('console: health and a failed message sent again; the dossier page shows its sync; online payment with its reference', async () => {
        const c = await getCenter(t.deps, slug);
        const director = await makeUser(t.deps, c.id, ['director']);
        const clerk = await makeUser(t.deps, c.id, ['clerk']);
        const s = await signIn(app, director.username, TEST_PASSWORD);
        // A message the portal refuses for good (no MaHoSo): it waits for a person.
        const d = await intake(t.deps, SYSTEM_ACTOR, slug, { procedureCode: p.code, applicant: citizen() });
        await t.deps.db
          .updateTable('sync_message')
          .set({ payload: JSON.stringify({ TrangThaiHoSo: '2' }) })
          .where('dossier_code', '=', d.code)
          .execute();
        await drainSync(t.deps);
        const [m] = await t.deps.db.selectFrom('sync_message').selectAll().where('dossier_code', '=', d.code).execute();
        assert.equal(must(m).status, 'failed');
        assert.equal(must(m).next_attempt_at, null);
        assert.match(must(m).last_error ?? '', /HTTP 400/);
        const page = await app.inject({ method: 'GET', url: '/console/sync', headers: { cookie: s.cookie } });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /data-testid="sync-queue">1</);
        assert.match(page.body, new RegExp(`data-testid="sync-last-error">[^<]*${d.code}`));
        assert.ok(page.body.includes(`/console/sync/${must(m).id}/resend`));
        const clerkSession = await signIn(app, clerk.username, TEST_PASSWORD);
        assert.equal(
          (await app.inject({ method: 'GET', url: '/console/sync', headers: { cookie: clerkSession.cookie } }))
            .statusCode,
          403,
        );
        // Fixed (here: the payload put back) and sent again from the console.
        await t.deps.db
          .updateTable('sync_message')
          .set({ payload: JSON.stringify(await exportHoSo(t.deps, SYSTEM_ACTOR, d.code)) })
          .where('id', '=', must(m).id)
          .execute();
        const resend = await app.inject({ method: 'POST', url: `/console/sync/${must(m).id}/resend`, ...form(s, {}) });
        assert.equal(resend.statusCode, 303);
        await settle();
        const resent = await t.deps.db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'dvcqg.sync.resend')
          .where('subject', '=', d.code)
          .execute();
        assert.equal(resent.length, 1);
        const again = await app.inject({ method: 'POST', url: `/console/sync/${must(m).id}/resend`, ...form(s, {}) });
        assert.equal(again.statusCode, 409);
        // The dossier page: its messages, all acknowledged.
        const dp = await app.inject({
          method: 'GET',
          url: `/console/dossiers/${d.code}`,
          headers: { cookie: s.cookie },
        });
        assert.match(dp.body, /data-testid="dossier-sync"/);
        assert.match(dp.body, /Cổng đã nhận đủ 1 tin/);
        // Online payment through the province's gateway, with its reference: marked in the message.
        await act(t.deps, SYSTEM_ACTOR, d.code, 'request_payment', { amount: 20000 });
        await act(t.deps, SYSTEM_ACTOR, d.code, 'confirm_payment', {
          method: 'online',
          gateway: 'local',
          reference: 'VNPT-PAY-778899',
        });
        await settle();
        const sent = must(sim.dossier(d.code));
        assert.equal(sent.DuocThanhToanTrucTuyen, '2');
        assert.ok(JSON.stringify(sent.QuaTrinhXuLy).includes('mã giao dịch: VNPT-PAY-778899'));
        const bad = await act(t.deps, SYSTEM_ACTOR, d.code, 'request_payment', { amount: 1000 }).then(() =>
          act(t.deps, SYSTEM_ACTOR, d.code, 'confirm_payment', { method: 'online', gateway: 'paypal' }).catch(
            (e: unknown) => e,
          ),
        );
        assert.equal((bad as { code?: string }).code, 'VALIDATION_FAILED');
      });
    });
  });
}
