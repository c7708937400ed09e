/**
 * Home service through the real app (SQLite and PostgreSQL): the public form's spam protections
 * (honeypot, too fast, expired, per-IP rate limit — clear vi/en messages, nothing stored), the
 * confirmation page that never echoes the address, the register's access rules (a volunteer gets
 * 403, reads are audited, search without diacritics, withdrawal erases), tenant isolation (another
 * centre's staff get 404 on everything), and a result returned at home: a dossier that is not
 * ready stops the record with a clear 409 and nothing written; once processed, the visit returns
 * it with method "home", closes the request, and the month figures count it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { form, signIn, testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { act, getDossier, intake } from '../../src/features/dossiers/service.ts';
import { homeServiceFigures } from '../../src/features/home-service/figures.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const PROCEDURE = CATALOG[0]!;
// 10:00 in Vietnam on a Wednesday.
const START = new Date('2026-11-25T03:00:00.000Z');

function tokenOf(html: string): string {
  const m = /name="_ts" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no _ts field');
  return m[1]!;
}

const goodForm = (ts: string, over: Record<string, string> = {}) => ({
  _ts: ts,
  website: '',
  personName: 'Nguyễn Thị Lựu',
  relationship: 'child',
  requesterName: 'Trần Văn Hậu',
  phone: '0912 400 321',
  address: 'Số 12 thôn Phú Lộc',
  needs: 'return_result',
  preferredSlot: 'morning',
  consent: 'yes',
  ...over,
});

for (const { name, fresh } of DATABASES) {
  describe(`home service API (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let clock = START;
    let slug = '';
    let centerId = 0;
    let receiver = '';
    let receiverId = 0;
    let volunteer = '';
    let otherAdmin = '';
    let users: Record<'receiver' | 'volunteer' | 'other', string> = { receiver: '', volunteer: '', other: '' };

    before(async () => {
      t = await fresh(() => clock);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      centerId = c.id;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      const other = await makeCenter(t.deps);
      const r = await makeUser(t.deps, c.id, ['receiver'], { fullName: 'Lê Thị Thu Hương' });
      receiverId = r.id;
      receiver = await makeToken(t.deps, r.username);
      const vol = await makeUser(t.deps, c.id, ['volunteer']);
      volunteer = await makeToken(t.deps, vol.username);
      const oa = await makeUser(t.deps, other.id, ['admin']);
      otherAdmin = await makeToken(t.deps, oa.username);
      users = { receiver: r.username, volunteer: vol.username, other: oa.username };
      app = await testApp(t);
    });
    after(async () => {
      await app?.close();
      await t?.close();
    });

    const api = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
      });
    const count = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('home_request')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('center_id', '=', centerId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const post = (form: Record<string, string>, lang = '') =>
      app.inject({
        method: 'POST',
        url: `/${slug}/ho-tro-tai-nha${lang}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      });

    test('public form: honeypot, too fast, expired and rate limit answer clearly in vi/en and store nothing; a good request gets a tracking code', async () => {
      const page = await app.inject({ method: 'GET', url: `/${slug}/ho-tro-tai-nha` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /name="website"/, 'the honeypot field is on the page');
      const ts = tokenOf(page.body);

      const tooFast = await post(goodForm(ts));
      assert.equal(tooFast.statusCode, 400);
      assert.match(tooFast.body, /Biểu mẫu được gửi quá nhanh/);
      assert.match(tooFast.body, /Nguyễn Thị Lựu/, 'what the relative typed is kept');
      assert.equal(await count(), 0);

      clock = new Date(START.getTime() + 20_000);
      const honey = await post(goodForm(ts, { website: 'http://spam.example' }));
      assert.equal(honey.statusCode, 400);
      assert.match(honey.body, /hệ thống chống thư rác chặn lại/);
      assert.equal(await count(), 0);

      const forged = await post(goodForm(`${ts.slice(0, -4)}AAAA`));
      assert.equal(forged.statusCode, 400);
      assert.match(forged.body, /Biểu mẫu không hợp lệ/);

      const ok = await post(goodForm(ts));
      assert.equal(ok.statusCode, 303);
      const loc = ok.headers.location!;
      assert.match(loc, new RegExp(`^/${slug}/ho-tro-tai-nha/da-gui\\?ma=HT-[A-Z2-9]{6}$`));
      assert.equal(await count(), 1);
      const done = await app.inject({ method: 'GET', url: loc });
      assert.equal(done.statusCode, 200);
      const code = /ma=(HT-[A-Z2-9]{6})/.exec(loc)![1]!;
      assert.match(done.body, new RegExp(code));
      assert.match(done.body, /đuôi 321/);
      assert.doesNotMatch(done.body, /Phú Lộc|Lựu|Hậu/, 'the confirmation never echoes the address or names');

      clock = new Date(START.getTime() + 3 * 3600_000);
      const expired = await post(goodForm(ts), '?lang=en');
      assert.equal(expired.statusCode, 400);
      assert.match(expired.body, /The form has expired/);
      assert.equal(await count(), 1);

      // Rejected attempts never lock a person out (decision 026): many mistakes, and the form still answers
      // with its errors; only ACCEPTED requests count towards five per address in ten minutes.
      clock = new Date(START.getTime() + 20_000);
      for (let i = 0; i < 8; i++) {
        const wrong = await post(goodForm(ts, { personName: '', consent: '' }));
        assert.equal(wrong.statusCode, 400, 'a rejected attempt is shown again with its errors, not refused');
      }
      assert.equal(await count(), 1);
      // (Five accepted requests, then the sixth refused: test/api/citizens-first.test.ts.)
      clock = START;
    });

    test('public form validates on the server: missing phone and needs, no consent', async () => {
      // A fresh app: a new rate-limit window.
      const a2 = await testApp(t);
      const before = await count();
      try {
        const page = await a2.inject({ method: 'GET', url: `/${slug}/ho-tro-tai-nha?lang=en` });
        clock = new Date(START.getTime() + 10_000);
        const bad = await a2.inject({
          method: 'POST',
          url: `/${slug}/ho-tro-tai-nha?lang=en`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({
            _ts: tokenOf(page.body),
            personName: 'Bà Tư',
            relationship: 'self',
            address: 'x',
            phone: '123',
          }).toString(),
        });
        assert.equal(bad.statusCode, 400);
        assert.match(bad.body, /Invalid phone number/);
        assert.match(bad.body, /Choose at least one thing to do/);
        assert.match(bad.body, /Tick the consent box/);
        assert.equal(await count(), before, 'nothing saved');
      } finally {
        clock = START;
        await a2.close();
      }
    });

    test('register: a volunteer gets 403; search without diacritics; reads are audited; withdrawal erases the personal data', async () => {
      assert.equal((await api(volunteer, 'GET', `/api/v1/centers/${slug}/care-register`)).statusCode, 403);
      assert.equal((await app.inject({ method: 'GET', url: `/api/v1/centers/${slug}/care-register` })).statusCode, 401);
      const add = await api(receiver, 'POST', `/api/v1/centers/${slug}/care-register`, {
        fullName: 'Phạm Văn Đạt',
        birthYear: 1950,
        address: 'Thôn Đông Giao',
        phone: '0978 112 233',
        categories: ['war_invalid', 'meritorious'],
        consentDate: '2026-11-20',
        consentMethod: 'verbal',
        consentGivenBy: 'Ông Đạt',
      });
      assert.equal(add.statusCode, 201, add.body);
      const id = add.json().id as number;
      const noConsent = await api(receiver, 'POST', `/api/v1/centers/${slug}/care-register`, {
        fullName: 'X',
        address: 'Y',
        categories: ['elderly'],
        consentDate: '2027-01-01',
        consentMethod: 'verbal',
        consentGivenBy: '',
      });
      assert.equal(noConsent.statusCode, 400);
      assert.deepEqual(
        noConsent
          .json()
          .error.details.map((d: { field: string }) => d.field)
          .sort(),
        ['consentDate', 'consentGivenBy'],
      );
      const found = await api(receiver, 'GET', `/api/v1/centers/${slug}/care-register?q=pham%20van%20dat`);
      assert.deepEqual(
        found.json().items.map((p: { fullName: string }) => p.fullName),
        ['Phạm Văn Đạt'],
      );
      assert.equal((await api(volunteer, 'GET', `/api/v1/centers/${slug}/care-register/${id}`)).statusCode, 403);
      assert.equal((await api(receiver, 'GET', `/api/v1/centers/${slug}/care-register/${id}`)).statusCode, 200);
      const audits = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'subject'])
        .where('actor_user_id', '=', receiverId)
        .where('action', 'like', 'care.register.%')
        .execute();
      assert.ok(audits.some((a) => a.action === 'care.register.read' && a.subject === `care_person:${id}`));
      assert.ok(audits.some((a) => a.action === 'care.register.list'));
      const w = await api(receiver, 'POST', `/api/v1/centers/${slug}/care-register/${id}/withdraw`, {
        note: 'Gọi điện rút lại',
      });
      assert.equal(w.statusCode, 200);
      assert.equal(w.json().fullName, '');
      assert.equal(w.json().address, '');
      assert.equal(w.json().active, false);
      const row = await t.deps.db.selectFrom('care_person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.phone, '');
      assert.equal(row.categories, '[]');
      assert.equal((await api(receiver, 'GET', `/api/v1/centers/${slug}/care-register?q=pham`)).json().items.length, 0);
    });

    test('a result returned at home: a dossier not ready stops everything (409); once processed the visit returns it with method home and closes the request', async () => {
      const november = { from: '2026-11-01', to: '2026-11-30' };
      const before = await homeServiceFigures(t.deps, [centerId], november);
      const d = await intake(t.deps, SYSTEM_ACTOR, slug, {
        procedureCode: PROCEDURE.code,
        applicant: { fullName: 'Trần Văn Bảy', phone: '0987 654 321', address: 'Thôn Tây' },
      });
      const created = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests`, {
        dossierCode: d.code,
        needs: ['return_result'],
      });
      assert.equal(created.statusCode, 201, created.body);
      const req = created.json();
      assert.equal(req.source, 'dossier');
      assert.equal(req.personName, 'Trần Văn Bảy', 'the dossier’s applicant fills the gaps');
      const sched = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests/${req.id}/visits`, {
        officerId: receiverId,
        date: '2026-11-25',
        time: '09:00',
        tasks: ['return_result'],
      });
      assert.equal(sched.statusCode, 201, sched.body);
      const visit = sched.json();
      assert.equal(visit.dossierCode, d.code);
      const past = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests/${req.id}/visits`, {
        officerId: receiverId,
        date: '2026-11-24',
        time: '09:00',
        tasks: ['return_result'],
      });
      assert.equal(past.statusCode, 400);

      const day = await api(volunteer, 'GET', `/api/v1/centers/${slug}/home-service/day?date=2026-11-25`);
      assert.equal(day.statusCode, 403);
      const list = await api(
        receiver,
        'GET',
        `/api/v1/centers/${slug}/home-service/day?date=2026-11-25&officer=${receiverId}`,
      );
      assert.deepEqual(
        list.json().items.map((v: { id: number }) => v.id),
        [visit.id],
      );

      const record = {
        outcome: 'done',
        time: '09:20',
        confirmKind: 'typed',
        confirmName: 'Trần Văn Bảy',
        confirmed: true,
        resultReturned: true,
      };
      const notReady = await api(
        receiver,
        'POST',
        `/api/v1/centers/${slug}/home-service/visits/${visit.id}/record`,
        record,
      );
      assert.equal(notReady.statusCode, 409);
      assert.match(
        notReady.json().error.details[0].messageVi,
        /đang ở trạng thái “Được tiếp nhận”, chưa thể trả kết quả/,
      );
      assert.equal(
        (await api(receiver, 'GET', `/api/v1/centers/${slug}/home-service/visits/${visit.id}`)).json().status,
        'scheduled',
        'nothing written',
      );
      assert.equal((await getDossier(t.deps, SYSTEM_ACTOR, d.code)).dossier.status, 2);

      const future = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/visits/${visit.id}/record`, {
        ...record,
        time: '16:00',
      });
      assert.equal(future.statusCode, 400, 'a visit cannot be recorded before it happened');
      const noConfirm = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/visits/${visit.id}/record`, {
        ...record,
        confirmed: false,
      });
      assert.equal(noConfirm.statusCode, 400);

      await act(t.deps, SYSTEM_ACTOR, d.code, 'mark_processed', { result: 'Trích lục' });
      const ok = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/visits/${visit.id}/record`, record);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().status, 'done');
      assert.equal(ok.json().visitedAt, '2026-11-25T09:20:00+07:00');
      const after = (await getDossier(t.deps, SYSTEM_ACTOR, d.code)).dossier;
      assert.equal(after.status, 10);
      assert.equal(after.returnMethod, 'home');
      const r2 = await api(receiver, 'GET', `/api/v1/centers/${slug}/home-service/requests/${req.id}`);
      assert.equal(r2.json().status, 'done');
      assert.ok(r2.json().closedAt);
      assert.equal(
        (await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/visits/${visit.id}/record`, record))
          .statusCode,
        409,
        'recorded once',
      );

      // A dossier taken at home must come through the 'home' channel.
      const home = await intake(t.deps, SYSTEM_ACTOR, slug, {
        procedureCode: PROCEDURE.code,
        channel: 'home',
        applicant: { fullName: 'Đỗ Văn Tình' },
      });
      const desk = await intake(t.deps, SYSTEM_ACTOR, slug, {
        procedureCode: PROCEDURE.code,
        applicant: { fullName: 'Đỗ Văn Tình' },
      });
      const r3 = (
        await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests`, {
          personName: 'Đỗ Văn Tình',
          relationship: 'self',
          phone: '0934556677',
          address: 'Thôn Hoàng Xá',
          needs: ['take_dossier', 'deliver_card'],
        })
      ).json();
      const v3 = (
        await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests/${r3.id}/visits`, {
          officerId: receiverId,
          date: '2026-11-25',
          time: '08:00',
          tasks: ['take_dossier', 'deliver_card'],
        })
      ).json();
      const wrong = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/visits/${v3.id}/record`, {
        outcome: 'done',
        time: '08:30',
        confirmKind: 'paper',
        takenCodes: [desk.code],
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.json().error.details[0].messageEn, /not received through the “home” channel/);
      const right = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/visits/${v3.id}/record`, {
        outcome: 'done',
        time: '08:30',
        confirmKind: 'paper',
        takenCodes: [home.code],
        cardDelivered: true,
      });
      assert.equal(right.statusCode, 200, right.body);

      // Hand count of what this test made on 25/11/2026: requests 2 (staff), visits 2, taken 1, returned 1, card 1.
      const figs = await homeServiceFigures(t.deps, [centerId], november);
      assert.deepEqual(figs, {
        requests: before.requests + 2,
        visits: before.visits + 2,
        dossiersTaken: before.dossiersTaken + 1,
        resultsReturned: before.resultsReturned + 1,
        cardsDelivered: before.cardsDelivered + 1,
      });
      assert.deepEqual(await homeServiceFigures(t.deps, [centerId], { from: '2026-12-01', to: '2026-12-31' }), {
        requests: 0,
        visits: 0,
        dossiersTaken: 0,
        resultsReturned: 0,
        cardsDelivered: 0,
      });
      const viaApi = await api(
        receiver,
        'GET',
        `/api/v1/centers/${slug}/home-service/figures?from=2026-11-01&to=2026-11-30`,
      );
      assert.equal(viaApi.json().resultsReturned, figs.resultsReturned);
    });

    test('another centre’s staff get 404 on everything; the visit’s officer must be on this centre’s staff', async () => {
      // Its own request and visit.
      const own = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests`, {
        personName: 'Lò Văn Pả',
        relationship: 'self',
        phone: '0912345679',
        address: 'Thôn Bắc',
        needs: ['deliver_card'],
      });
      assert.equal(own.statusCode, 201, own.body);
      const reqId = own.json().id as number;
      const ownVisit = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests/${reqId}/visits`, {
        officerId: receiverId,
        date: '2026-11-25',
        time: '10:00',
        tasks: ['deliver_card'],
      });
      assert.equal(ownVisit.statusCode, 201, ownVisit.body);
      const visitId = ownVisit.json().id as number;
      const urls: ['GET' | 'POST', string, unknown?][] = [
        ['GET', `/api/v1/centers/${slug}/care-register`],
        ['GET', `/api/v1/centers/${slug}/care-register/1`],
        ['GET', `/api/v1/centers/${slug}/home-service/requests`],
        ['GET', `/api/v1/centers/${slug}/home-service/requests/${reqId}`],
        [
          'POST',
          `/api/v1/centers/${slug}/home-service/requests`,
          {
            personName: 'A',
            relationship: 'self',
            phone: '0912345678',
            address: 'B',
            needs: ['other'],
            needsOther: 'C',
          },
        ],
        ['POST', `/api/v1/centers/${slug}/home-service/requests/${reqId}/cancel`, { note: 'x' }],
        ['GET', `/api/v1/centers/${slug}/home-service/day`],
        ['GET', `/api/v1/centers/${slug}/home-service/visits/${visitId}`],
        ['POST', `/api/v1/centers/${slug}/home-service/visits/${visitId}/record`, { outcome: 'cancelled' }],
        ['GET', `/api/v1/centers/${slug}/home-service/figures?from=2026-11-01&to=2026-11-30`],
      ];
      for (const [m, u, body] of urls) assert.equal((await api(otherAdmin, m, u, body)).statusCode, 404, `${m} ${u}`);
      const other = await makeCenter(t.deps);
      const stranger = await makeUser(t.deps, other.id, ['receiver']);
      const r = (
        await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests`, {
          personName: 'A',
          relationship: 'self',
          phone: '0912345678',
          address: 'B',
          needs: ['deliver_card'],
        })
      ).json();
      const bad = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests/${r.id}/visits`, {
        officerId: stranger.id,
        date: '2026-11-26',
        time: '08:00',
        tasks: ['deliver_card'],
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.details[0].field, 'officerId');
      // Not at home: the request waits to be scheduled again; a postponed visit needs no time.
      const v = (
        await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests/${r.id}/visits`, {
          officerId: receiverId,
          date: '2026-11-25',
          time: '08:00',
          tasks: ['deliver_card'],
        })
      ).json();
      const nh = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/visits/${v.id}/record`, {
        outcome: 'not_home',
        time: '08:05',
        notes: 'Gọi không nghe máy',
      });
      assert.equal(nh.statusCode, 200, nh.body);
      assert.equal(
        (await api(receiver, 'GET', `/api/v1/centers/${slug}/home-service/requests/${r.id}`)).json().status,
        'new',
      );
      const v2 = (
        await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests/${r.id}/visits`, {
          officerId: receiverId,
          date: '2026-11-26',
          time: '08:00',
          tasks: ['deliver_card'],
        })
      ).json();
      assert.equal(
        (
          await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/visits/${v2.id}/record`, {
            outcome: 'postponed',
          })
        ).statusCode,
        200,
      );
      const cancelled = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests/${r.id}/cancel`, {
        note: 'Gia đình tự lên Trung tâm',
      });
      assert.equal(cancelled.json().status, 'cancelled');
      assert.equal(
        (
          await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests/${r.id}/visits`, {
            officerId: receiverId,
            date: '2026-11-26',
            time: '08:00',
            tasks: ['deliver_card'],
          })
        ).statusCode,
        409,
      );
    });

    test('console pages: English complete, a form error re-renders with the reason, volunteers and other centres are kept out', async () => {
      const s = await signIn(app, users.receiver, TEST_PASSWORD);
      const home = await app.inject({
        method: 'GET',
        url: '/console/home-service?lang=en',
        headers: { cookie: s.cookie },
      });
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Home-service requests/);
      // The month's visits as the figures module counts them (three when the tests before ran: two done, one not at home).
      const { visits } = await homeServiceFigures(t.deps, [centerId], { from: '2026-11-01', to: '2026-11-30' });
      assert.match(home.body, new RegExp(`data-figure="visits"><strong>${String(visits)}<`));
      const reg = await app.inject({
        method: 'GET',
        url: '/console/home-service/register?q=dat&withdrawn=1',
        headers: { cookie: s.cookie },
      });
      assert.equal(reg.statusCode, 200);
      // A visit of its own on the day list.
      const mine = await api(receiver, 'POST', `/api/v1/centers/${slug}/home-service/requests`, {
        personName: 'Vi Thị Mến',
        relationship: 'self',
        phone: '0912345680',
        address: 'Thôn Nam',
        needs: ['deliver_card'],
      });
      assert.equal(mine.statusCode, 201, mine.body);
      const mineVisit = await api(
        receiver,
        'POST',
        `/api/v1/centers/${slug}/home-service/requests/${String(mine.json().id)}/visits`,
        { officerId: receiverId, date: '2026-11-25', time: '11:00', tasks: ['deliver_card'] },
      );
      assert.equal(mineVisit.statusCode, 201, mineVisit.body);
      const day = await app.inject({
        method: 'GET',
        url: '/console/home-service/day?date=2026-11-25',
        headers: { cookie: s.cookie },
      });
      assert.equal(day.statusCode, 200);
      assert.match(day.body, /Vi Thị Mến/);
      const pdf = await app.inject({
        method: 'GET',
        url: '/console/home-service/day.pdf?date=2026-11-25',
        headers: { cookie: s.cookie },
      });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      // A new request on the phone with errors: the page comes back with the reasons, nothing stored.
      const before = await count();
      const bad = await app.inject({
        method: 'POST',
        url: '/console/home-service/requests',
        ...form(s, { personName: 'Bà Năm', relationship: 'self', phone: '12', address: '' }),
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Số điện thoại không hợp lệ/);
      assert.equal(await count(), before);
      const good = await app.inject({
        method: 'POST',
        url: '/console/home-service/requests',
        ...form(s, {
          personName: 'Bà Năm',
          relationship: 'self',
          phone: '0912 000 111',
          address: 'Thôn Bắc',
          needs: 'deliver_card',
        }),
      });
      assert.equal(good.statusCode, 303);
      const page = await app.inject({
        method: 'GET',
        url: good.headers.location!,
        headers: { cookie: s.cookie },
      });
      assert.match(page.body, /Đã ghi yêu cầu HT-/);

      const spec = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
        paths: Record<string, Record<string, { tags?: string[]; summary?: string }>>;
      };
      for (const path of [
        '/api/v1/centers/{slug}/home-service/requests',
        '/api/v1/centers/{slug}/home-service/visits/{id}/record',
        '/api/v1/centers/{slug}/care-register',
      ]) {
        const ops = Object.values(spec.paths[path] ?? {});
        assert.ok(ops.length && ops.every((o) => o.tags?.length && o.summary), `${path} is documented`);
      }

      const v = await signIn(app, users.volunteer, TEST_PASSWORD);
      assert.equal(
        (await app.inject({ method: 'GET', url: '/console/home-service/register', headers: { cookie: v.cookie } }))
          .statusCode,
        403,
      );
      assert.equal(
        (await app.inject({ method: 'GET', url: '/console/home-service', headers: { cookie: v.cookie } })).statusCode,
        403,
      );
      const o = await signIn(app, users.other, TEST_PASSWORD);
      const reqId = /requests\/(\d+)/.exec(good.headers.location!)![1];
      assert.equal(
        (
          await app.inject({
            method: 'GET',
            url: `/console/home-service/requests/${reqId}`,
            headers: { cookie: o.cookie },
          })
        ).statusCode,
        404,
        'another centre’s request is missing in its console',
      );
    });
  });
}
