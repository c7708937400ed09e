/**
 * The officer's day at the desk (issue 11, parts 5, 7, 8): finding a dossier by the person
 * (folded name, ID number, phone, code fragment — audited, one centre only), the holder as a user
 * and "Của tôi", the receiver's and director's home page, apologies that need a real reason and
 * the centre's limit checked when drafting, and a CCCD scan typed into the intake form without
 * the page's script.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';
import { form, signIn, testApp, type Session } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { draftForAtRisk } from '../../src/features/dossiers/apologies/apologies.ts';
import { fillDeskDay } from '../../src/core/db/migrations/018-desk-day.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const CARD = '034190001234|123456789|Nguyễn Văn An|01011990|Nam|Thôn Bình Long, Cẩm Giàng, Hải Dương|15032021';

for (const { name, fresh } of DATABASES) {
  describe(`the officer's day at the desk (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let otherSlug: string;
    let centerId: number;
    let clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00
    const tokens: Record<string, string> = {};
    type Who = 'receiver' | 'specialist' | 'specialist2' | 'director' | 'otherReceiver';
    const users = {} as Record<Who, { id: number; username: string; password: string }>;
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${tokens[who]}` }, ...(payload ? { payload } : {}) });
    const found = CATALOG.find(
      (x) => x.timeLimit.unit === 'working_days' && x.timeLimit.amount === 3 && !x.sameDayEligible,
    );
    if (!found) throw new Error('the demo catalogue has a three-working-day procedure');
    const threeDays = found;
    const take = async (applicant: object, extra: object = {}) => {
      const r = await call('POST', `/api/v1/centers/${slug}/dossiers`, 'receiver', {
        procedureCode: threeDays.code,
        applicant,
        ...extra,
      });
      assert.equal(r.statusCode, 201, r.body);
      return r.json<{ code: string }>();
    };
    const search = async (q: string, who = 'receiver', s = slug) => {
      const r = await call('GET', `/api/v1/centers/${s}/dossiers?q=${encodeURIComponent(q)}`, who);
      return {
        status: r.statusCode,
        codes: r.statusCode === 200 ? (r.json().items as { code: string }[]).map((d) => d.code) : [],
      };
    };

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps); // one re-appointment allowed (the default)
      slug = c.slug;
      centerId = c.id;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      for (const [role, fullName] of [
        ['receiver', 'Lê Thị Thu Hương'],
        ['specialist', 'Phạm Minh Đức'],
        ['specialist2', 'Đỗ Văn Hải'],
        ['director', 'Nguyễn Thị Hà'],
      ] as const) {
        users[role] = await makeUser(t.deps, c.id, [role === 'specialist2' ? 'specialist' : role], { fullName });
        tokens[role] = await makeToken(t.deps, users[role].username);
      }
      const other = await makeCenter(t.deps);
      otherSlug = other.slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, otherSlug, 'test', CATALOG);
      users.otherReceiver = await makeUser(t.deps, other.id, ['receiver'], { fullName: 'Trần Văn Khác' });
      tokens.otherReceiver = await makeToken(t.deps, users.otherReceiver.username);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('the list finds yesterday’s dossier by folded name, ID number, phone and code fragment; every search is audited', async () => {
      clock = new Date('2026-11-24T03:00:00Z'); // yesterday
      const y = await take({ fullName: 'Nguyễn Thị Ý', idNumber: '001305012345', phone: '0912 345 678' });
      const other = await take({ fullName: 'Nguyễn Thị Yến', phone: '0987654321' });
      const decoy = await take({ fullName: 'Trần Văn Nguyên' });
      clock = new Date('2026-11-25T02:00:00Z');
      assert.deepEqual((await search('nguyen thi y')).codes, [other.code, y.code], 'a word matches at its start');
      assert.deepEqual((await search('Nguyễn Thị Ý')).codes, [other.code, y.code]);
      assert.deepEqual((await search('NGUYEN THI Y')).codes, [other.code, y.code]);
      assert.deepEqual((await search('thi yen')).codes, [other.code]);
      // Folded, "Nguyên" is "nguyen" too: the officer sees all three and the full names.
      assert.deepEqual((await search('nguyen')).codes.sort(), [y.code, other.code, decoy.code].sort());
      assert.deepEqual((await search('001305012345')).codes, [y.code], 'ID number');
      assert.deepEqual((await search('5012345')).codes, [y.code], 'part of the ID number');
      assert.deepEqual((await search('0912.345.678')).codes, [y.code], 'phone written with dots');
      assert.deepEqual((await search('+84912345678')).codes, [y.code], 'phone with +84');
      assert.deepEqual((await search(y.code.slice(-11))).codes, [y.code], 'code fragment');
      assert.deepEqual((await search('thi%y_')).codes, [other.code, y.code], 'LIKE wildcards are not wildcards');
      assert.deepEqual((await search('khong co ai')).codes, []);
      assert.ok(!(await search('nguyen thi')).codes.includes(decoy.code));
      // Audited: who searched for what, in which centre.
      const audits = await t.deps.db
        .selectFrom('audit_log')
        .select(['actor_user_id', 'action', 'detail', 'center_id'])
        .where('action', '=', 'dossier.list')
        .where('actor_user_id', '=', users.receiver.id)
        .execute();
      assert.ok(
        audits.some((a) => a.center_id === centerId && (a.detail ?? '').includes('001305012345')),
        'the ID-number search is in the audit log',
      );
      // Another centre's officer finds nothing, in their centre or ours.
      assert.deepEqual((await search('001305012345', 'otherReceiver', otherSlug)).codes, []);
      assert.equal((await search('001305012345', 'otherReceiver', slug)).status, 403);
    });

    test('hand-offs pick a user or a unit; "Của tôi" lists what the user holds; a stranger cannot be picked', async () => {
      const a = await take({ fullName: 'Bùi Văn Một' });
      const b = await take({ fullName: 'Bùi Văn Hai' });
      const c = await take({ fullName: 'Bùi Văn Ba' });
      const toUser = await call('POST', `/api/v1/dossiers/${a.code}/actions`, 'receiver', {
        action: 'handoff',
        toUserId: users.specialist.id,
      });
      assert.equal(toUser.statusCode, 200, toUser.body);
      assert.equal(toUser.json().holder, 'Phạm Minh Đức');
      assert.equal(toUser.json().holderUserId, users.specialist.id);
      // The API's old text form still works: a user's name (with a title) is that user.
      const byName = await call('POST', `/api/v1/dossiers/${b.code}/actions`, 'receiver', {
        action: 'handoff',
        to: 'Phạm Minh Đức — Công chức Tư pháp – Hộ tịch',
      });
      assert.equal(byName.json().holderUserId, users.specialist.id);
      const toUnit = await call('POST', `/api/v1/dossiers/${c.code}/actions`, 'receiver', {
        action: 'handoff',
        toUnit: 'Văn phòng HĐND và UBND xã',
      });
      assert.equal(toUnit.json().holder, 'Văn phòng HĐND và UBND xã');
      assert.equal(toUnit.json().holderUserId, undefined);
      const stranger = await call('POST', `/api/v1/dossiers/${c.code}/actions`, 'receiver', {
        action: 'handoff',
        toUserId: users.otherReceiver.id,
      });
      assert.equal(stranger.statusCode, 400);
      assert.match(stranger.body, /công chức của Trung tâm/);

      const mine = async (who: string) =>
        ((await call('GET', `/api/v1/centers/${slug}/dossiers?mine=1`, who)).json().items as { code: string }[]).map(
          (d) => d.code,
        );
      assert.deepEqual((await mine('specialist')).sort(), [a.code, b.code].sort());
      assert.deepEqual(await mine('specialist2'), []);
      // Handed on: it leaves the first inbox and enters the second.
      await call('POST', `/api/v1/dossiers/${b.code}/actions`, 'specialist', {
        action: 'handoff',
        toUserId: users.specialist2.id,
      });
      assert.deepEqual(await mine('specialist'), [a.code]);
      assert.deepEqual(await mine('specialist2'), [b.code]);
      // Processed: back at the desk, out of the inbox.
      await call('POST', `/api/v1/dossiers/${a.code}/actions`, 'specialist', { action: 'mark_processed' });
      assert.deepEqual(await mine('specialist'), []);

      // The console's hand-off form picks an officer from a list.
      const r = await signIn(app, users.receiver.username, users.receiver.password);
      const d = await take({ fullName: 'Bùi Văn Bốn' });
      const pageBody = (
        await app.inject({ method: 'GET', url: `/console/dossiers/${d.code}`, headers: { cookie: r.cookie } })
      ).body;
      assert.match(pageBody, new RegExp(`<option value="${users.specialist2.id}">Đỗ Văn Hải</option>`));
      const handed = await app.inject({
        method: 'POST',
        url: `/console/dossiers/${d.code}/actions/handoff`,
        ...form(r, { toUserId: String(users.specialist2.id), to: '', note: '' }),
      });
      assert.equal(handed.statusCode, 303, handed.body.slice(0, 500));
      assert.deepEqual((await mine('specialist2')).sort(), [b.code, d.code].sort());

      // The specialist's home page and the console's "Của tôi" list show the held dossier with its deadline.
      const s: Session = await signIn(app, users.specialist2.username, users.specialist2.password);
      const home = await app.inject({ method: 'GET', url: '/console', headers: { cookie: s.cookie } });
      assert.match(home.body, /data-testid="home-mine"/);
      assert.ok(home.body.includes(`data-code="${b.code}"`), 'held dossier on the home page');
      const list = await app.inject({ method: 'GET', url: '/console/dossiers?mine=1', headers: { cookie: s.cookie } });
      assert.match(list.body, /Hồ sơ của tôi/);
      assert.ok(list.body.includes(`data-code="${b.code}"`));
      assert.ok(!list.body.includes(`data-code="${a.code}"`));
    });

    test('the receiver’s home lists online dossiers waiting for acceptance with how long they have waited', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const online = await take({ fullName: 'Hoàng Thị Mạng' }, { submittedOnline: true, channel: 'online' });
      clock = new Date('2026-11-25T05:00:00Z'); // three hours later
      const s = await signIn(app, users.receiver.username, users.receiver.password);
      const home = await app.inject({ method: 'GET', url: '/console', headers: { cookie: s.cookie } });
      const section = /data-testid="home-awaiting"[\s\S]*?<\/section>/.exec(home.body)?.[0] ?? '';
      assert.ok(section.includes(`data-code="${online.code}"`), section);
      assert.match(section, /đã chờ 3 giờ/);
      assert.ok(section.includes(`/console/dossiers/${online.code}#act-accept`));
      assert.ok(!section.includes('Hoàng Thị Mạng'), 'no personal data on the home page');
      // Accepted: it leaves the list.
      await call('POST', `/api/v1/dossiers/${online.code}/actions`, 'receiver', { action: 'accept' });
      const again = await app.inject({ method: 'GET', url: '/console', headers: { cookie: s.cookie } });
      assert.ok(!again.body.includes(`data-code="${online.code}"`));
    });

    test('apologies: the watch drafts without a reason, the director cannot approve until the holder writes a real one', async () => {
      clock = new Date('2026-12-02T02:00:00Z'); // Wednesday: due Monday 07/12 17:00
      const d = await take({ fullName: 'Vũ Thị Chậm' });
      await call('POST', `/api/v1/dossiers/${d.code}/actions`, 'receiver', {
        action: 'handoff',
        toUserId: users.specialist.id,
      });
      clock = new Date('2026-12-07T02:00:00Z'); // Monday 09:00: due at 17:00, inside the centre's warning window
      assert.ok((await draftForAtRisk(t.deps)) >= 1);
      const drafts = (await call('GET', `/api/v1/dossiers/${d.code}/apologies`, 'director')).json().items;
      assert.equal(drafts[0].status, 'draft');
      assert.equal(drafts[0].reason, '', 'no placeholder sentence pretending to be a reason');
      assert.ok(drafts[0].notReady);

      // The director's home page lists it, flagged as not ready.
      const s = await signIn(app, users.director.username, users.director.password);
      const home = await app.inject({ method: 'GET', url: '/console', headers: { cookie: s.cookie } });
      assert.match(home.body, new RegExp(`data-code="${d.code}" data-ready="0"`));

      const approve = await call('POST', `/api/v1/dossiers/${d.code}/apologies/approve`, 'director', {});
      assert.equal(approve.statusCode, 409);
      assert.match(approve.body, /chưa có lý do/);
      // The console says why, on the dossier page.
      const page = await app.inject({
        method: 'POST',
        url: `/console/dossiers/${d.code}/apologies/approve`,
        ...form(s, {}),
      });
      assert.equal(page.statusCode, 409);
      assert.match(page.body, /Thư chưa có lý do chậm trả kết quả/);

      const revise = (reason: string, proposedDueAt?: string) =>
        call('PUT', `/api/v1/dossiers/${d.code}/apologies/draft`, 'specialist', { reason, proposedDueAt });
      const placeholder = await revise(
        'Hồ sơ có nguy cơ trễ hạn: chuyên viên cần bổ sung lý do cụ thể trước khi trình duyệt.',
      );
      assert.equal(placeholder.statusCode, 400);
      assert.match(placeholder.body, /câu để trống chờ điền/);
      assert.equal((await revise('chậm')).statusCode, 400);
      assert.equal(
        (await revise('Chờ Công an xã xác minh', '2026-12-01T10:00:00Z')).statusCode,
        400,
        'a date before the appointment',
      );
      const ok = await revise('Chờ Công an xã xác minh nơi cư trú của người mất', '2026-12-10T10:00:00Z');
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().notReady, null);
      assert.equal(ok.json().proposedDueAt, '2026-12-10T10:00:00.000Z');
      const approved = await call('POST', `/api/v1/dossiers/${d.code}/apologies/approve`, 'director', {});
      assert.equal(approved.statusCode, 200, approved.body);
      assert.match(approved.json().number, /\/PXL$/);
      const after = (await call('GET', `/api/v1/dossiers/${d.code}`, 'receiver')).json();
      assert.equal(after.extendedDueAt, '2026-12-10T17:00:00+07:00');
    });

    test('a re-appointment beyond the centre’s limit is refused when drafting, not at approval', async () => {
      clock = new Date('2026-12-02T02:00:00Z');
      const d = await take({ fullName: 'Đinh Văn Hẹn' });
      // Re-appointed once already (the centre allows one), here by a direct extension.
      const ext = await call('POST', `/api/v1/dossiers/${d.code}/actions`, 'director', {
        action: 'extend',
        reason: 'Chờ ý kiến của cơ quan cấp trên',
        newDueAt: '2026-12-14T10:00:00Z',
      });
      assert.equal(ext.statusCode, 200, ext.body);
      const draft = await call('POST', `/api/v1/dossiers/${d.code}/apologies`, 'specialist', {
        reason: 'Vẫn chờ ý kiến của cơ quan cấp trên',
      });
      assert.equal(draft.statusCode, 409, draft.body);
      assert.match(draft.body, /tối đa 1 lần/);
      assert.equal((await call('GET', `/api/v1/dossiers/${d.code}/apologies`, 'director')).json().items.length, 0);
    });

    test('migration 018 on rows written before it: search text filled, holders’ names mapped to users, placeholder reasons emptied', async () => {
      clock = new Date('2026-12-02T02:00:00Z');
      const named = await take({ fullName: 'Lương Thị Cũ', idNumber: '036180000111' });
      const unit = await take({ fullName: 'Lương Văn Cũ' });
      const db = t.deps.db;
      // As they were before migration 018: no search text, the holder as typed text, a placeholder reason.
      await db
        .updateTable('dossier')
        .set({
          search_text: '',
          holder: 'Phạm Minh Đức — Công chức Tư pháp – Hộ tịch',
          assigned_user_id: null,
          status: 4,
        })
        .where('code', '=', named.code)
        .execute();
      await db
        .updateTable('dossier')
        .set({ search_text: '', holder: 'Phòng Kinh tế', assigned_user_id: null, status: 4 })
        .where('code', '=', unit.code)
        .execute();
      const row = await db.selectFrom('dossier').select('id').where('code', '=', named.code).executeTakeFirstOrThrow();
      await db
        .insertInto('apology')
        .values({
          center_id: centerId,
          dossier_id: row.id,
          round: 1,
          status: 'draft',
          reason: 'Hồ sơ có nguy cơ trễ hạn: chuyên viên cần bổ sung lý do cụ thể trước khi trình duyệt.',
          proposed_due_at: '2026-12-15T10:00:00.000Z',
          auto: 1,
          number: null,
          number_year: null,
          drafted_by: null,
          drafted_at: clock.toISOString(),
          decided_by: null,
          decided_at: null,
          delivered_at: null,
          delivery_channel: null,
        })
        .execute();
      assert.deepEqual((await search('luong thi cu')).codes, [], 'not findable before');
      await fillDeskDay(db);
      assert.deepEqual((await search('luong thi cu')).codes, [named.code]);
      assert.deepEqual((await search('036180000111')).codes, [named.code]);
      const after = await db
        .selectFrom('dossier')
        .select(['code', 'holder', 'assigned_user_id'])
        .where('code', 'in', [named.code, unit.code])
        .execute();
      const byCode = new Map(after.map((r) => [r.code, r]));
      assert.equal(byCode.get(named.code)?.assigned_user_id, users.specialist.id, 'the name is the user');
      assert.equal(byCode.get(named.code)?.holder, 'Phạm Minh Đức — Công chức Tư pháp – Hộ tịch', 'the text kept');
      assert.equal(byCode.get(unit.code)?.assigned_user_id, null, 'a unit stays a unit');
      const apology = await db
        .selectFrom('apology')
        .select('reason')
        .where('dossier_id', '=', row.id)
        .executeTakeFirstOrThrow();
      assert.equal(apology.reason, '');
    });

    test('a CCCD scanned into any intake field without the script fills the applicant or the owner; a mangled one fills nothing', async () => {
      const s = await signIn(app, users.receiver.username, users.receiver.password);
      const before = await t.deps.db.selectFrom('dossier').select('id').execute();
      const post = (fields: Record<string, string>) =>
        app.inject({
          method: 'POST',
          url: '/console/dossiers/new',
          ...form(s, { procedureCode: threeDays.code, ...fields }),
        });
      const filled = await post({ fullName: '', phone: CARD });
      assert.equal(filled.statusCode, 200, filled.body.slice(0, 500));
      assert.match(filled.body, /id="fullName" name="fullName" type="text" value="Nguyễn Văn An"/);
      assert.match(filled.body, /id="idNumber" name="idNumber" type="text" value="034190001234"/);
      assert.match(filled.body, /value="Thôn Bình Long, Cẩm Giàng, Hải Dương"/);
      assert.match(filled.body, /id="phone" name="phone" type="tel" value[ />]/, 'the scan is taken out of the field');
      assert.match(filled.body, /Đã đọc thẻ căn cước: Nguyễn Văn An, số 034190001234, sinh ngày 01\/01\/1990, Nam/);
      const owner = await post({ fullName: 'Nguyễn Thị Con', scanTarget: 'owner', ownerName: CARD });
      assert.match(owner.body, /id="ownerName" name="ownerName" type="text" value="Nguyễn Văn An"/);
      assert.match(owner.body, /id="fullName" name="fullName" type="text" value="Nguyễn Thị Con"/);
      const mangled = await post({
        fullName: '034190001234|123456789|Nguyá»…n VÄƒn An|01011990|Nam|Thôn Bình Long|15032021',
      });
      assert.equal(mangled.statusCode, 400);
      assert.match(mangled.body, /bị sai dấu/);
      assert.match(mangled.body, /id="fullName" name="fullName" type="text" value[ />]/);
      assert.equal(
        (await t.deps.db.selectFrom('dossier').select('id').execute()).length,
        before.length,
        'nothing taken',
      );
      // The script the page loads carries the parser.
      const js = await app.inject({ method: 'GET', url: '/console/assets/cccd-scan.js' });
      assert.equal(js.statusCode, 200);
      assert.match(String(js.headers['content-type']), /javascript/);
      assert.match(js.body, /var parseCccd = function parseCccd|var parseCccd = /);
    });
  });
}
