/**
 * The one-stop desk through its HTML pages, signed in through the login form: intake (search,
 * form, appointment preview, validation re-render), the dossier page (only the actions the role
 * may take), every action through its form, the 409 when someone acted first, the deadline
 * monitor on a fixed clock, tenant isolation, and the citizen's masked lookup page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeUser } from '../support/factories.ts';
import { signIn, testApp, type Session } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { computeDeadline, formatHm, formatVi, toLocal } from '../../src/core/calendar/index.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import type { ProcedureData } from '../../src/features/catalog/model.ts';
import { getCenter } from '../../src/features/centers/service.ts';
import { calendarOf } from '../../src/features/calendar/service.ts';
import { act, intake } from '../../src/features/dossiers/service.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const byCode = (code: string) => CATALOG.find((p) => p.code === code)!;
/** A procedure counted in working days (≥ 2), not in the same-day model. */
const SLOW = CATALOG.find(
  (p) =>
    p.timeLimit.unit === 'working_days' &&
    (p.timeLimit.amount ?? 0) >= 2 &&
    !p.sameDayEligible &&
    p.components.length >= 2,
)!;
/** In the same-day model but with a limit of its own (3 working days). */
const SAME_DAY = CATALOG.find((p) => p.sameDayEligible && p.timeLimit.unit === 'working_days')!;
const citizen = {
  fullName: 'Nguyễn Văn An',
  idNumber: '031086001234',
  phone: '0912 345 678',
  address: 'Thôn Đông, xã Cẩm Giàng',
};

/** "17:00 ngày 27/11/2026" of an instant. */
const atVi = (d: Date) => `${formatHm(toLocal(d).minute)} ngày ${formatVi(toLocal(d).date)}`;

function intakeFields(p: ProcedureData, over: Record<string, string> = {}): [string, string][] {
  const out: [string, string][] = [
    ['procedureCode', p.code],
    ['kind', 'citizen'],
    ['fullName', citizen.fullName],
    ['idNumber', citizen.idNumber],
    ['phone', citizen.phone],
    ['email', ''],
    ['address', citizen.address],
    ['channel', 'direct'],
    ['sets', '1'],
  ];
  p.components.forEach((c, i) =>
    out.push(
      [`c${i}_name`, c.name],
      [`c${i}_got`, '1'],
      [`c${i}_o`, String(c.originals)],
      [`c${i}_p`, String(c.copies)],
    ),
  );
  return out
    .map(([k, v]) => [k, k in over ? over[k]! : v] as [string, string])
    .concat(Object.entries(over).filter(([k]) => !out.some(([o]) => o === k)));
}

const text = (html: string, testid: string) => {
  const m = new RegExp(`data-testid="${testid}"[^>]*>([\\s\\S]*?)</`).exec(html);
  return m ? m[1]!.replace(/<[^>]+>/g, '').trim() : null;
};
/** The action forms on a dossier page. */
const actionsOn = (html: string) => [...html.matchAll(/id="act-([a-z_]+)"/g)].map((m) => m[1]!).sort();
/** Rows of the timeline (the event names, in order). */
const timelineOf = (html: string) => {
  const table = /data-testid="timeline"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  return [...table.matchAll(/<tr data-action="([a-z_]+)"/g)].map((m) => m[1]!);
};
const versionOf = (html: string, action: string) => {
  const block = new RegExp(`id="act-${action}"[\\s\\S]*?</details>`).exec(html)?.[0] ?? '';
  return /name="version" value="(\d+)"/.exec(block)?.[1] ?? '';
};
/** Dossier codes listed in one bucket of the deadline monitor. */
const bucketCodes = (html: string, bucket: string) => {
  const sec = new RegExp(`data-bucket="${bucket}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
  return [...sec.matchAll(/<tr data-code="([^"]+)"/g)].map((m) => m[1]!).sort();
};

for (const { name, fresh } of DATABASES) {
  describe(`desk console pages (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let otherSlug: string;
    let clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00 in Vietnam
    const s: Record<string, Session> = {};

    const get = (who: string | null, url: string) =>
      app.inject({ method: 'GET', url, headers: who ? { cookie: s[who]!.cookie } : {} });
    const post = (who: string, url: string, fields: [string, string][] | Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s[who]!.cookie },
        payload: new URLSearchParams([
          ['_csrf', s[who]!.csrf],
          ...(Array.isArray(fields) ? fields : Object.entries(fields)),
        ]).toString(),
      });
    /** Takes a dossier through the intake form; returns its code. */
    async function take(p: ProcedureData = SLOW, over: Record<string, string> = {}): Promise<string> {
      const res = await post('receiver', '/console/dossiers/new', intakeFields(p, over));
      assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
      const m = /^\/console\/dossiers\/([^?]+)\?received=1$/.exec(res.headers.location!);
      assert.ok(m, `redirects to the dossier page: ${res.headers.location}`);
      return decodeURIComponent(m[1]!);
    }
    /** Submits an action form as it is on the page (with the page's version). */
    async function doAction(who: string, code: string, action: string, fields: [string, string][] = []) {
      const page = await get(who, `/console/dossiers/${code}`);
      assert.ok(actionsOn(page.body).includes(action), `${who} sees the ${action} form`);
      return post(who, `/console/dossiers/${code}/actions/${action}`, [
        ['version', versionOf(page.body, action)],
        ...fields,
      ]);
    }

    before(async () => {
      t = await fresh(() => clock);
      // The simulated clock walks three weeks: console sessions must outlive it.
      app = await testApp({ ...t, deps: { ...t.deps, config: { ...t.deps.config, sessionDays: 90 } } });
      const c = await makeCenter(t.deps, { sameDayWeekdays: [2, 5] });
      slug = c.slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      for (const role of ['receiver', 'specialist', 'director', 'volunteer'] as const) {
        const u = await makeUser(t.deps, c.id, [role], { fullName: `Cán bộ ${role}` });
        s[role] = await signIn(app, u.username, u.password);
      }
      const other = await makeCenter(t.deps);
      otherSlug = other.slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, otherSlug, 'test', CATALOG);
      const ou = await makeUser(t.deps, other.id, ['receiver', 'director']);
      s.other = await signIn(app, ou.username, ou.password);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('intake step 1: a search lists procedures as links to their form; a code goes straight to it', async () => {
      const res = await get('receiver', '/console/dossiers/new?q=khai+tu');
      assert.equal(res.statusCode, 200);
      assert.match(
        res.body,
        /href="\/console\/dossiers\/new\?procedure=1\.000656"[^>]*autofocus/,
        'the first hit takes the focus',
      );
      assert.match(res.body, /Đăng ký khai tử/);
      const byCodeRes = await get('receiver', '/console/dossiers/new?q=1.000656');
      assert.equal(byCodeRes.statusCode, 303);
      assert.equal(byCodeRes.headers.location, '/console/dossiers/new?procedure=1.000656');
      const empty = await get('receiver', '/console/dossiers/new');
      assert.match(empty.body, /id="q"[^>]*autofocus/);
      assert.equal((await get('receiver', '/console/dossiers/new?procedure=9.999999')).statusCode, 404);
      assert.equal((await get('volunteer', '/console/dossiers/new')).statusCode, 403);
      // Carried through the steps: the queue ticket (?ve=) and a preset channel (?channel=home, from a home visit).
      const carried = await get('receiver', '/console/dossiers/new?q=khai+tu&ve=12&channel=home');
      assert.match(carried.body, /href="\/console\/dossiers\/new\?procedure=1\.000656&amp;ve=12&amp;channel=home"/);
      const form2 = await get('receiver', '/console/dossiers/new?procedure=1.000656&ve=12&channel=home');
      assert.match(form2.body, /<input type="hidden" name="ve" value="12"/);
      assert.match(form2.body, /<option value="home" selected/);
      assert.match(form2.body, /data-testid="owner-hint">Đăng ký khai tử: ghi họ tên người đã mất/);
      const junk = await get('receiver', '/console/dossiers/new?procedure=1.000656&ve=99999999999&channel=spaceship');
      assert.doesNotMatch(junk.body, /name="ve"/);
      assert.match(junk.body, /<option value="direct" selected/);
      assert.equal(
        (await get('specialist', '/console/dossiers/new')).statusCode,
        403,
        'a specialist does not take dossiers',
      );
      const anon = await get(null, '/console/dossiers/new');
      assert.equal(anon.statusCode, 302);
      assert.match(anon.headers.location!, /^\/console\/login\?next=/);
    });

    test('intake step 2: the checklist is prefilled and the appointment preview comes from the calendar engine', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const res = await get('receiver', `/console/dossiers/new?procedure=${SLOW.code}`);
      assert.equal(res.statusCode, 200);
      const cal = await calendarOf(t.deps, await getCenter(t.deps, slug));
      const due = computeDeadline(cal, {
        receivedAt: clock,
        amount: SLOW.timeLimit.amount!,
        unit: 'working_days',
      }).dueAt;
      assert.equal(text(res.body, 'appointment-preview'), `Hẹn trả: ${atVi(due)}`);
      assert.equal((res.body.match(/data-testid="component"/g) ?? []).length, SLOW.components.length);
      assert.match(res.body, new RegExp(`name="c0_o" type="number"[^>]*value="${SLOW.components[0]!.originals}"`));
      assert.match(res.body, /id="fullName"[^>]*autofocus/);

      // Tuesday 10:00, a same-day procedure: due today at 17:00, with the badge.
      clock = new Date('2026-12-01T03:00:00Z');
      const tue = await get('receiver', `/console/dossiers/new?procedure=${SAME_DAY.code}`);
      assert.match(text(tue.body, 'appointment-preview') ?? '', /^Hẹn trả: 17:00 ngày 01\/12\/2026/);
      assert.match(tue.body, /Giải quyết trong ngày/);
      // Wednesday: the procedure's own limit, and a note about the same-day weekdays.
      clock = new Date('2026-12-02T03:00:00Z');
      const wed = await get('receiver', `/console/dossiers/new?procedure=${SAME_DAY.code}`);
      assert.doesNotMatch(text(wed.body, 'appointment-preview') ?? '', /01\/12|02\/12\/2026/);
      assert.match(wed.body, /nhận vào Thứ Ba và Thứ Sáu trước 15:00/);
    });

    test('intake happy path: the form takes the dossier and the page offers the receipt (Form 01) first', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const p = SLOW;
      const code = await take(p, { c1_got: '' });
      const page = await get('receiver', `/console/dossiers/${code}?received=1`);
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        new RegExp(
          `<a class="button big" href="/console/dossiers/${code.replace(/\./g, '\\.')}/forms/01\\.pdf"[^>]*autofocus[^>]*>In giấy tiếp nhận \\(Mẫu 01\\)</a>`,
        ),
      );
      assert.equal(text(page.body, 'status'), 'Được tiếp nhận');
      assert.match(page.body, /Nguyễn Văn An · Căn cước 031086001234/, 'staff see the full data');
      assert.match(page.body, /0912345678/);
      assert.deepEqual(timelineOf(page.body), ['received']);
      assert.ok(
        page.body.includes(`${p.components[0]!.name} <span class="muted">`),
        'the ticked component is recorded as received',
      );
      assert.ok(
        !page.body.includes(`${p.components[1]!.name} <span class="muted">`),
        'the unticked component is not recorded as received',
      );
      assert.match(page.body, /href="[^"]+\/forms\/06\.pdf"/);
      assert.doesNotMatch(page.body, /forms\/0[234]\.pdf/);
      assert.match(page.body, /Cán bộ receiver/);
    });

    test('intake validation re-renders the form with field messages and keeps what was typed', async () => {
      clock = new Date('2026-11-26T02:00:00Z');
      const before = await get('receiver', '/console/dossiers?q=-261126-');
      const res = await post(
        'receiver',
        '/console/dossiers/new',
        intakeFields(SLOW, {
          fullName: '',
          idNumber: '12345',
          phone: '12',
          email: 'khong-hop-le',
          address: 'Xóm Bắc',
          c0_o: 'abc',
        }),
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /class="error-summary"/);
      for (const id of ['c0_o']) assert.match(res.body, new RegExp(`href="#${id}"`));
      assert.match(res.body, /value="abc"/);
      // Fix the count: now the service finds the applicant's problems, each tied to its input.
      const res2 = await post(
        'receiver',
        '/console/dossiers/new',
        intakeFields(SLOW, { fullName: '', idNumber: '12345', phone: '12', email: 'khong-hop-le', address: 'Xóm Bắc' }),
      );
      assert.equal(res2.statusCode, 400);
      for (const id of ['fullName', 'idNumber', 'phone', 'email']) {
        assert.match(res2.body, new RegExp(`href="#${id}"`), `summary links to ${id}`);
        assert.match(res2.body, new RegExp(`id="${id}-error"`), `message under ${id}`);
      }
      assert.match(res2.body, /Số căn cước gồm 12 chữ số/);
      assert.match(res2.body, /id="idNumber"[^>]*value="12345"/);
      assert.match(res2.body, /id="address"[^>]*value="Xóm Bắc"/);
      assert.match(res2.body, /id="fullName"[^>]*autofocus/, 'the first field in error takes the focus');
      const after = await get('receiver', '/console/dossiers?q=-261126-');
      assert.equal(
        (after.body.match(/<tr data-code=/g) ?? []).length,
        (before.body.match(/<tr data-code=/g) ?? []).length,
        'nothing written',
      );
      // An organisation needs its name.
      const org = await post('receiver', '/console/dossiers/new', intakeFields(SLOW, { kind: 'organization' }));
      assert.equal(org.statusCode, 400);
      assert.match(org.body, /href="#orgName"/);
      assert.match(org.body, /name="kind" value="organization" checked/);
    });

    test('the dossier page shows only the action forms the role may use in the current status', async () => {
      clock = new Date('2026-11-26T02:00:00Z');
      const code = await take();
      const forms = async (who: string) => actionsOn((await get(who, `/console/dossiers/${code}`)).body);
      assert.deepEqual(await forms('receiver'), [
        'handoff',
        'mark_processed',
        'request_payment',
        'request_supplement',
        'withdraw',
      ]);
      assert.deepEqual(await forms('specialist'), [
        'handoff',
        'mark_processed',
        'request_payment',
        'request_supplement',
        'stop',
      ]);
      assert.deepEqual(await forms('director'), [
        'handoff',
        'mark_processed',
        'request_payment',
        'request_supplement',
        'stop',
        'withdraw',
      ]);
      assert.equal((await get('volunteer', `/console/dossiers/${code}`)).statusCode, 403);
      // The likely next step is open: hand-off for an accepted dossier.
      assert.match(
        (await get('receiver', `/console/dossiers/${code}`)).body,
        /<details class="action" id="act-handoff" open/,
      );
      await act(t.deps, SYSTEM_ACTOR, code, 'mark_processed', {});
      assert.deepEqual(await forms('receiver'), ['return_result']);
      assert.deepEqual(await forms('specialist'), []);
      assert.match((await get('specialist', `/console/dossiers/${code}`)).body, /data-testid="no-actions"/);
    });

    test('an incomplete dossier at the counter is guided (its own page, form 02 listing what is missing), not recorded as a dossier', async () => {
      clock = new Date('2026-11-26T03:00:00Z');
      const p = CATALOG.find((x) => x.components.length >= 2)!;
      const page = await get('receiver', `/console/dossiers/new?procedure=${p.code}`);
      assert.match(page.body, /data-testid="not-received"/);
      const fields = intakeFields(p, { c1_got: '0', outcome: 'guide', reason: 'Thiếu giấy tờ' }).filter(
        ([k, v]) => !(k === 'c1_got' && v === '0'),
      );
      const res = await post('receiver', '/console/dossiers/new', fields);
      assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
      // Guidance is its own page (issue 11): not a dossier, not a refusal, form 02 only.
      const id = /^\/console\/guidance\/(\d+)/.exec(res.headers.location!)![1]!;
      const page2 = (await get('receiver', `/console/guidance/${id}`)).body;
      assert.match(page2, /data-testid="guidance-intro"/);
      assert.doesNotMatch(page2, /Không được tiếp nhận/);
      assert.match(page2, /\/console\/guidance\/\d+\/02\.pdf/);
      assert.doesNotMatch(page2, /forms\/01\.pdf/);
      assert.ok(page2.includes(p.components[1]!.name), 'the unticked component is what is missing');
    });

    test('each action through its form changes the status and appends to the timeline', async () => {
      clock = new Date('2026-11-26T02:00:00Z');
      const code = await take();
      const status = async () => text((await get('receiver', `/console/dossiers/${code}`)).body, 'status');
      const steps: [string, string, [string, string][], string][] = [
        [
          'receiver',
          'handoff',
          [
            ['to', 'Phạm Minh Đức — Công chức Tư pháp – Hộ tịch'],
            ['note', ''],
          ],
          'Đang xử lý',
        ],
        [
          'specialist',
          'request_supplement',
          [
            ['reason', 'Thiếu bản sao giấy tờ tùy thân'],
            ['what', SLOW.components[0]!.name],
            ['other', 'Giấy ủy quyền'],
          ],
          'Yêu cầu bổ sung giấy tờ',
        ],
        ['receiver', 'complete_supplement', [['note', 'Đã nhận đủ']], 'Đang xử lý'],
        [
          'specialist',
          'request_payment',
          [
            ['amount', '50.000'],
            ['note', ''],
          ],
          'Yêu cầu thực hiện nghĩa vụ tài chính',
        ],
        ['specialist', 'confirm_payment', [['note', 'Biên lai số 12']], 'Đang xử lý'],
        ['apology', 'extend', [], 'Đang xử lý'],
        [
          'specialist',
          'mark_processed',
          // "electronic result" needs the result file (issue 11): it is set by attaching it, not ticked here
          [['result', 'Đã ký kết quả']],
          'Đã xử lý xong',
        ],
        ['receiver', 'return_result', [['method', 'desk']], 'Đã trả kết quả'],
      ];
      const done: string[] = ['received'];
      for (const [who, action, fields, expected] of steps) {
        clock = new Date(clock.getTime() + 3_600_000);
        if (who === 'apology') {
          // Re-appointment goes through the apology letter: the specialist drafts, the director approves.
          const draft = await post('specialist', `/console/dossiers/${code}/apologies`, [
            ['reason', 'Cần xác minh thêm'],
          ]);
          assert.equal(draft.statusCode, 303, draft.body.slice(0, 2000));
          assert.match((await get('director', `/console/dossiers/${code}`)).body, /Dự thảo chờ Giám đốc duyệt/);
          const approved = await post('director', `/console/dossiers/${code}/apologies/approve`, [
            ['newDueAt', '2026-12-10T16:30'],
          ]);
          assert.equal(approved.statusCode, 303, approved.body.slice(0, 2000));
          assert.equal(await status(), expected);
          done.push(action);
          assert.match((await get('receiver', `/console/dossiers/${code}`)).body, /Đã duyệt, số 01\/PXL/);
          continue;
        }
        const res = await doAction(who, code, action, fields);
        assert.equal(res.statusCode, 303, `${action}: ${res.body.slice(0, 3000)}`);
        assert.equal(res.headers.location, `/console/dossiers/${code}?done=${action}`);
        assert.equal(await status(), expected, action);
        done.push(action);
        const page = await get(who, res.headers.location);
        assert.deepEqual(timelineOf(page.body), done);
        assert.equal(text(page.body, 'flash')?.startsWith('Đã ghi:'), true);
      }
      const page = (await get('receiver', `/console/dossiers/${code}`)).body;
      assert.match(page, /Chuyển cho: Phạm Minh Đức — Công chức Tư pháp – Hộ tịch/);
      assert.match(page, /Cần bổ sung: .*; Giấy ủy quyền/);
      assert.match(page, /Số tiền: 50\.000 đ/);
      assert.match(page, /Hẹn mới: 16:30 ngày 10\/12\/2026/);
      assert.equal(text(page, 'extended-due'), '16:30 ngày 10/12/2026');
      assert.match(page, /forms\/02\.pdf/, 'Form 02 after a supplement request');
      assert.match(page, /forms\/04\.pdf/, 'Form 04 after an extension');
      assert.equal(text(page, 'verdict'), 'Trước hạn');
      assert.equal(text(page, 'holder'), 'Bộ phận Một cửa');

      // Stop, withdraw, accept and refuse, each on its own dossier.
      const stopped = await take();
      const missing = await doAction('specialist', stopped, 'stop', [['reason', '']]);
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /href="#stop-reason"/);
      assert.match(missing.body, /<details class="action" id="act-stop" open/, 'the submitted form stays open');
      assert.equal(
        (await doAction('specialist', stopped, 'stop', [['reason', 'Người nộp không bổ sung']])).statusCode,
        303,
      );
      assert.equal(text((await get('receiver', `/console/dossiers/${stopped}`)).body, 'status'), 'Dừng xử lý');
      const withdrawn = await take();
      assert.equal(
        (await doAction('receiver', withdrawn, 'withdraw', [['reason', 'Công dân xin rút']])).statusCode,
        303,
      );
      assert.equal(
        text((await get('receiver', `/console/dossiers/${withdrawn}`)).body, 'status'),
        'Công dân yêu cầu rút hồ sơ',
      );
      const center = await getCenter(t.deps, slug);
      const online = (
        await intake(t.deps, SYSTEM_ACTOR, center.slug, {
          procedureCode: SLOW.code,
          applicant: citizen,
          channel: 'online',
          submittedOnline: true,
        })
      ).code;
      assert.match(
        (await get('receiver', `/console/dossiers/${online}`)).body,
        /<details class="action" id="act-accept" open/,
      );
      assert.equal((await doAction('receiver', online, 'accept')).statusCode, 303);
      assert.equal(text((await get('receiver', `/console/dossiers/${online}`)).body, 'status'), 'Được tiếp nhận');
      const refused = (
        await intake(t.deps, SYSTEM_ACTOR, center.slug, {
          procedureCode: SLOW.code,
          applicant: citizen,
          channel: 'online',
          submittedOnline: true,
        })
      ).code;
      assert.equal(
        (await doAction('receiver', refused, 'refuse', [['reason', 'Không thuộc thẩm quyền']])).statusCode,
        303,
      );
      const refusedPage = (await get('receiver', `/console/dossiers/${refused}`)).body;
      assert.equal(text(refusedPage, 'status'), 'Không được tiếp nhận');
      assert.match(refusedPage, /forms\/03\.pdf/, 'Form 03 when refused');
    });

    test('409: when someone acted first, the form re-renders with a clear message and the current state', async () => {
      clock = new Date('2026-11-27T02:00:00Z');
      const code = await take();
      const seenByReceiver = (await get('receiver', `/console/dossiers/${code}`)).body;
      const seenBySpecialist = (await get('specialist', `/console/dossiers/${code}`)).body;
      const first = await post('receiver', `/console/dossiers/${code}/actions/handoff`, [
        ['version', versionOf(seenByReceiver, 'handoff')],
        ['to', 'Công chức Tư pháp'],
      ]);
      assert.equal(first.statusCode, 303);
      const late = await post('specialist', `/console/dossiers/${code}/actions/request_supplement`, [
        ['version', versionOf(seenBySpecialist, 'request_supplement')],
        ['reason', 'Thiếu giấy tờ'],
      ]);
      assert.equal(late.statusCode, 409);
      assert.match(late.body, /Hồ sơ vừa được người khác cập nhật \(trạng thái hiện tại: Đang xử lý\)/);
      assert.match(late.body, /Thiếu giấy tờ/, 'what was typed is kept');
      assert.deepEqual(timelineOf(late.body), ['received', 'handoff']);
      // An action the status no longer allows (e.g. posted from an old tab without a version).
      const wrong = await post('receiver', `/console/dossiers/${code}/actions/return_result`, [['method', 'desk']]);
      assert.equal(wrong.statusCode, 409);
      assert.match(wrong.body, /Không thể “Trả kết quả” khi hồ sơ đang ở trạng thái “Đang xử lý”/);
      assert.equal((await post('receiver', `/console/dossiers/${code}/actions/fly`, [])).statusCode, 404);
    });

    test('the list filters by status, field and code, newest first, with paging', async () => {
      clock = new Date('2026-11-27T03:00:00Z');
      const a = await take(SLOW);
      const b = await take(byCode('1.000656'));
      const all = await get('receiver', '/console/dossiers?q=-261127-');
      const codes = [...all.body.matchAll(/<tr data-code="([^"]+)"/g)].map((m) => m[1]);
      assert.ok(codes.indexOf(b) < codes.indexOf(a), 'newest first');
      const byField = await get('receiver', `/console/dossiers?field=${encodeURIComponent('Hộ tịch')}&q=-261127-`);
      assert.ok(byField.body.includes(`data-code="${b}"`) && !byField.body.includes(`data-code="${a}"`));
      const ended = await get('receiver', '/console/dossiers?status=10');
      assert.ok(!ended.body.includes(`data-code="${a}"`));
      const open = await get('receiver', '/console/dossiers?status=open&q=-261127-');
      assert.ok(open.body.includes(`data-code="${a}"`));
      const already = (all.body.match(/<tr data-code=/g) ?? []).length;
      const center = await getCenter(t.deps, slug);
      for (let i = 0; i < 51; i++)
        await intake(t.deps, SYSTEM_ACTOR, center.slug, {
          procedureCode: SLOW.code,
          applicant: { ...citizen, fullName: `Người ${i}` },
        });
      const p1 = await get('receiver', '/console/dossiers?q=-261127-');
      assert.equal((p1.body.match(/<tr data-code=/g) ?? []).length, 50);
      // Keyset paging (decision 039): the next page is a cursor that keeps the search.
      const next = /href="(\/console\/dossiers\?q=-261127-&amp;cursor=[A-Za-z0-9_-]+)" rel="next"/.exec(p1.body);
      assert.ok(next, 'a next link with the search and a cursor');
      const p2 = await get('receiver', (next[1] ?? '').replaceAll('&amp;', '&'));
      assert.equal((p2.body.match(/<tr data-code=/g) ?? []).length, already + 51 - 50);
      assert.match(p2.body, /rel="prev"/);
      assert.match(p2.body, /href="\/console\/dossiers\?q=-261127-" rel="first"/);
      const seen = [p1.body, p2.body].flatMap((b) => [...b.matchAll(/<tr data-code="([^"]+)"/g)].map((m) => m[1]));
      assert.equal(new Set(seen).size, already + 51, 'no dossier twice, none missing');
      // An old `?page=N` link opens the first page of the same filters.
      const old = await get('receiver', '/console/dossiers?q=-261127-&page=2');
      assert.equal(old.statusCode, 302);
      assert.equal(old.headers.location, '/console/dossiers?q=-261127-');
      // An altered cursor is a clear 400, not a server error.
      const bad = await get('receiver', '/console/dossiers?q=-261127-&cursor=bm90LWEtY3Vyc29y');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Liên kết chuyển trang không hợp lệ/);
    });

    test('tenant isolation: another centre’s staff get 404 for a dossier page and its actions', async () => {
      clock = new Date('2026-11-27T04:00:00Z');
      const code = await take();
      assert.equal((await get('other', `/console/dossiers/${code}`)).statusCode, 404);
      assert.equal((await post('other', `/console/dossiers/${code}/actions/handoff`, [['to', 'x']])).statusCode, 404);
      const list = await get('other', '/console/dossiers');
      assert.ok(!list.body.includes(code));
      const monitor = await get('other', '/console/dossiers/deadlines');
      assert.ok(!monitor.body.includes(code));
    });

    test('public lookup: masked status, the same message for a wrong secret and an unknown code, no script', async () => {
      clock = new Date('2026-11-27T05:00:00Z');
      const code = await take();
      const secret = text((await get('receiver', `/console/dossiers/${code}`)).body, 'secret')!;
      const form = await get(null, `/${slug}/tra-cuu`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /id="ma"[^>]*autofocus/);
      const ok = await get(null, `/${slug}/tra-cuu?ma=${encodeURIComponent(code)}&bi-mat=${secret.toLowerCase()}`);
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.headers['cache-control'], 'no-store');
      assert.equal(ok.headers['referrer-policy'], 'no-referrer');
      assert.equal(text(ok.body, 'lookup-status'), 'Được tiếp nhận');
      assert.match(ok.body, /Nguyễn V\. A\./);
      assert.match(ok.body, /Xã thử nghiệm/, 'where to collect: the centre’s address');
      for (const leak of [
        '031086001234',
        '0912345678',
        '0912 345 678',
        '345678',
        'Thôn Đông',
        'Nguyễn Văn An',
        'Cán bộ receiver',
      ])
        assert.ok(!ok.body.includes(leak), `leaks ${leak}`);
      assert.doesNotMatch(ok.body, /<script/i);
      const message = (html: string) => text(html, 'lookup-message');
      const wrong = await get(null, `/${slug}/tra-cuu?ma=${encodeURIComponent(code)}&bi-mat=AAAAAA`);
      const unknown = await get(null, `/${slug}/tra-cuu?ma=XX-000000-9999&bi-mat=AAAAAA`);
      const elsewhere = await get(null, `/${otherSlug}/tra-cuu?ma=${encodeURIComponent(code)}&bi-mat=${secret}`);
      for (const r of [wrong, unknown, elsewhere]) {
        assert.equal(r.statusCode, 404);
        assert.equal(message(r.body), message(wrong.body));
        assert.doesNotMatch(r.body, /<script/i);
      }
      assert.match(message(wrong.body) ?? '', /Không tìm thấy hồ sơ/);
      // Processed: "come and collect"; returned: "Đã trả kết quả".
      await act(t.deps, SYSTEM_ACTOR, code, 'mark_processed', {});
      const ready = await get(null, `/${slug}/tra-cuu?ma=${encodeURIComponent(code)}&bi-mat=${secret}`);
      assert.match(text(ready.body, 'result-ready') ?? '', /Kết quả đã có, mời đến nhận/);
      await act(t.deps, SYSTEM_ACTOR, code, 'return_result', { method: 'desk' });
      const returned = await get(null, `/${slug}/tra-cuu?ma=${encodeURIComponent(code)}&bi-mat=${secret}`);
      assert.equal(text(returned.body, 'lookup-status'), 'Đã trả kết quả');
    });

    test('the deadline monitor groups open dossiers into overdue, due today and due on the next working day', async () => {
      const c = await makeCenter(t.deps, { sameDayWeekdays: [] });
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, c.slug, 'test', CATALOG);
      const u = await makeUser(t.deps, c.id, ['receiver']);
      s.monitor = await signIn(app, u.username, u.password);
      const p = CATALOG.find(
        (x) => x.timeLimit.unit === 'working_days' && x.timeLimit.amount === 2 && !x.sameDayEligible,
      )!;
      const takeAt = async (iso: string) => {
        clock = new Date(iso);
        return (await intake(t.deps, SYSTEM_ACTOR, c.slug, { procedureCode: p.code, applicant: citizen })).code;
      };
      const a = await takeAt('2026-12-07T02:00:00Z'); // Mon 09:00 → due Wed 09/12 17:00
      const b = await takeAt('2026-12-08T02:00:00Z'); // Tue → due Thu 10/12
      const cc = await takeAt('2026-12-09T02:00:00Z'); // Wed → due Fri 11/12
      const d = await takeAt('2026-12-10T02:00:00Z'); // Thu → due Mon 14/12
      const done = await takeAt('2026-12-07T03:00:00Z');
      await act(t.deps, SYSTEM_ACTOR, done, 'mark_processed', {});
      await act(t.deps, SYSTEM_ACTOR, a, 'handoff', { to: 'Công chức Tư pháp' });
      clock = new Date('2026-12-10T03:00:00Z'); // Thursday 10:00
      const thu = await get('monitor', '/console/dossiers/deadlines');
      assert.equal(thu.statusCode, 200);
      assert.deepEqual(bucketCodes(thu.body, 'overdue'), [a]);
      assert.deepEqual(bucketCodes(thu.body, 'dueToday'), [b]);
      assert.deepEqual(bucketCodes(thu.body, 'dueNextWorkingDay'), [cc]);
      assert.ok(!thu.body.includes(done), 'processed dossiers are not open');
      assert.equal(text(thu.body, 'total-open'), 'Tổng số hồ sơ đang giải quyết: 4');
      assert.match(
        thu.body,
        /<tr data-group="Công chức Tư pháp"><th scope="row">Công chức Tư pháp<\/th><td class="num" data-count="open">1<\/td><td class="num late-num" data-count="overdue">1<\/td>/,
      );
      assert.match(
        thu.body,
        new RegExp(
          `<tr data-group="${p.field}"><th scope="row">${p.field}</th><td class="num" data-count="open">4</td>`,
        ),
      );
      // Friday: the next working day is Monday, over the weekend.
      clock = new Date('2026-12-11T03:00:00Z');
      const fri = await get('monitor', '/console/dossiers/deadlines');
      assert.deepEqual(bucketCodes(fri.body, 'overdue'), [a, b].sort());
      assert.deepEqual(bucketCodes(fri.body, 'dueToday'), [cc]);
      assert.deepEqual(bucketCodes(fri.body, 'dueNextWorkingDay'), [d]);
      assert.match(fri.body, /Đến hạn trong 1 ngày làm việc \(đến hết 14\/12\/2026\)/);
    });

    test('the lookup page is rate limited per address', async () => {
      let limited = false;
      for (let i = 0; i < 40 && !limited; i++)
        limited = (await get(null, `/${slug}/tra-cuu?ma=XX-000000-0001&bi-mat=AAAAAA`)).statusCode === 429;
      assert.ok(limited, 'answers 429 after 30 requests a minute');
    });
  });
}
