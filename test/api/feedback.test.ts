/**
 * Citizen feedback (PAKN) and staff obstacles through HTTP on SQLite and PostgreSQL: the public
 * form with its spam protections (honeypot, signed stamp too fast / too old / forged, per-IP rate
 * limit), the tracking code and status page, the legal time limits in working days on the
 * centre's calendar (weekend and the National Day holiday skipped), staff handling, the masked
 * public answers, the overdue count, tenant isolation, the month figures; obstacles to leadership.
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
import { getCenter } from '../../src/features/centers/service.ts';
import { calendarOf } from '../../src/features/calendar/service.ts';
import { overdueFeedbackCount } from '../../src/features/feedback/service.ts';
import { feedbackFigures } from '../../src/features/feedback/figures.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const PROC = CATALOG[0]!;
let ip = 0;
const nextIp = () => `10.0.${Math.floor(++ip / 250)}.${ip % 250}`;

for (const { name, fresh } of DATABASES) {
  describe(`feedback (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let otherSlug: string;
    let centerId: number;
    let clock = new Date('2026-08-26T02:00:00Z'); // Wednesday 26/08/2026 09:00 in Vietnam
    const tokens: Record<string, string> = {};
    const users: Record<string, { id: number; username: string }> = {};
    const api = (method: 'GET' | 'POST', url: string, who: string | null, payload?: object, remoteAddress = nextIp()) =>
      app.inject({
        method,
        url,
        remoteAddress,
        headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
        ...(payload ? { payload } : {}),
      });
    const stamp = async (centre = slug) =>
      (await api('GET', `/api/v1/centers/${centre}/feedback/form-stamp`, null)).json().stamp as string;
    /** Files feedback through the API with a stamp issued 10 s earlier. */
    const file = async (body: Record<string, unknown>, centre = slug) => {
      const at = clock;
      clock = new Date(at.getTime() - 10_000);
      const s = await stamp(centre);
      clock = at;
      return api('POST', `/api/v1/centers/${centre}/feedback`, null, {
        about: 'other',
        content: 'Nội dung phản ánh đủ dài để gửi.',
        stamp: s,
        ...body,
      });
    };

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      centerId = c.id;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      for (const role of ['receiver', 'specialist', 'director', 'tthc_controller'] as const) {
        users[role] = await makeUser(t.deps, c.id, [role]);
        tokens[role] = await makeToken(t.deps, users[role].username);
      }
      const other = await makeCenter(t.deps);
      otherSlug = other.slug;
      tokens.otherDirector = await makeToken(t.deps, (await makeUser(t.deps, other.id, ['director'])).username);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('filed from the public form, answered by staff within 15 working days, published masked', async () => {
      clock = new Date('2026-08-26T01:59:50Z');
      const page = await app.inject({ method: 'GET', url: `/${slug}/phan-anh`, remoteAddress: nextIp() });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(PROC.name.slice(0, 20)));
      const s = /name="_t" value="([^"]+)"/.exec(page.body)![1]!;
      clock = new Date('2026-08-26T02:00:00Z');
      const content =
        'Tôi là Phạm Văn Khải, ở thôn Hoàng Xá, điện thoại 0987 654 321, email khai.pham@example.com, CCCD 031086001234. Nộp hồ sơ chứng thực phải chờ quá lâu.';
      const sent = await app.inject({
        method: 'POST',
        url: `/${slug}/phan-anh`,
        remoteAddress: nextIp(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _t: s,
          website: '',
          've-viec': 'procedure',
          'thu-tuc': PROC.code,
          'noi-dung': content,
          'ho-ten': 'Phạm Văn Khải',
          'dien-thoai': '0987 654 321',
          'thu-dien-tu': 'khai.pham@example.com',
        }).toString(),
      });
      assert.equal(sent.statusCode, 201, sent.body);
      const code = /data-testid="feedback-code">([^<]+)</.exec(sent.body)![1]!;
      assert.match(code, /^PA-260826-[A-Z0-9]{6}$/);
      assert.match(sent.body, /17:00 21\/09\/2026/);
      // The legal limits on the centre's calendar: weekend 29–30/08, the swapped day 31/08 and National Day 01–02/09 are skipped.
      const cal = await calendarOf(t.deps, await getCenter(t.deps, slug));
      assert.equal(cal.dayInfo('2026-09-02').kind, 'holiday');
      assert.equal(cal.dayInfo('2026-08-29').kind, 'weekend');
      const list = (await api('GET', `/api/v1/centers/${slug}/feedback/items`, 'director')).json();
      const item = list.items.find((i: { code: string }) => i.code === code);
      assert.equal(item.handleDueAt, '2026-09-21T10:00:00.000Z'); // 17:00 Mon 21/09 in Vietnam
      assert.equal(item.refuseDueAt, '2026-08-28T10:00:00.000Z');
      assert.equal(item.infoDueAt, '2026-09-07T10:00:00.000Z');
      assert.equal(item.contact.phone, '0987654321');
      assert.equal(item.classification, 'tthc');
      // The public status page: masked, due date in Vietnam time.
      const status = await app.inject({ method: 'GET', url: `/${slug}/phan-anh/${code}`, remoteAddress: nextIp() });
      assert.equal(status.statusCode, 200);
      assert.doesNotMatch(status.body, /Khải|0987|khai\.pham|031086001234|Hoàng Xá/);
      assert.match(status.body, /Đã tiếp nhận, đang xử lý/);
      // Staff answer on 10/09 and publish.
      clock = new Date('2026-09-10T03:00:00Z');
      const ans = await api('POST', `/api/v1/centers/${slug}/feedback/items/${item.id}/actions`, 'director', {
        action: 'answer',
        text: 'Trung tâm đã làm việc với ông Phạm Văn Khải (0987 654 321) và bố trí thêm công chức chứng thực vào buổi sáng.',
        publish: true,
      });
      assert.equal(ans.statusCode, 200, ans.body);
      assert.equal(ans.json().status, 'answered');
      assert.equal(ans.json().publishDueAt, '2026-09-14T10:00:00.000Z'); // 2 working days after Thu 10/09
      const pub = await app.inject({ method: 'GET', url: `/${slug}/phan-anh/da-tra-loi`, remoteAddress: nextIp() });
      assert.equal(pub.statusCode, 200);
      assert.match(pub.body, new RegExp(code));
      assert.match(pub.body, /bố trí thêm công chức chứng thực/);
      assert.match(pub.body, /\[họ tên đã ẩn\]/);
      assert.match(pub.body, /\[số điện thoại đã ẩn\]/);
      assert.doesNotMatch(pub.body, /Khải|0987|654 321|khai\.pham|031086001234|Hoàng Xá/);
      const pubApi = (await api('GET', `/api/v1/centers/${slug}/feedback/published`, null)).json().items;
      assert.equal(pubApi.length, 1);
      assert.doesNotMatch(JSON.stringify(pubApi), /Khải|0987|khai\.pham/);
      // Answering again is a conflict; the figures count it answered on time.
      assert.equal(
        (
          await api('POST', `/api/v1/centers/${slug}/feedback/items/${item.id}/actions`, 'director', {
            action: 'answer',
            text: 'Lần hai',
          })
        ).statusCode,
        409,
      );
      const f = await feedbackFigures(t.deps, [centerId], { from: '2026-08-01', to: '2026-08-31' });
      assert.deepEqual(
        { received: f.received, answered: f.answered, answeredOnTime: f.answeredOnTime },
        { received: 1, answered: 1, answeredOnTime: 1 },
      );
    });

    test('spam protections: honeypot, forged, too fast and too old stamps, per-IP rate limit; bad input 400', async () => {
      clock = new Date('2026-09-14T02:00:00Z');
      const s = await stamp();
      const post = (body: object, remoteAddress = nextIp()) =>
        api(
          'POST',
          `/api/v1/centers/${slug}/feedback`,
          null,
          { about: 'other', content: 'Nội dung phản ánh đủ dài để gửi.', ...body },
          remoteAddress,
        );
      assert.equal((await post({ stamp: s })).statusCode, 400, 'too fast');
      clock = new Date('2026-09-14T02:00:05Z');
      assert.equal((await post({ stamp: s, website: 'http://spam.example' })).statusCode, 400, 'honeypot');
      assert.equal((await post({ stamp: s.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) })).statusCode, 400, 'forged');
      assert.equal((await post({ stamp: `${Date.parse('2026-09-14T02:00:00Z')}` })).statusCode, 400, 'unsigned');
      const otherStamp = await stamp(otherSlug);
      clock = new Date('2026-09-14T02:00:10Z');
      assert.equal((await post({ stamp: otherStamp })).statusCode, 400, 'another centre’s stamp');
      clock = new Date('2026-09-14T05:00:00Z');
      assert.equal((await post({ stamp: s })).statusCode, 400, 'too old');
      clock = new Date('2026-09-14T02:00:05Z');
      const bad = await post({ stamp: s, content: 'ngắn', phone: '123', about: 'procedure' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(
        bad
          .json()
          .error.details.map((d: { field: string }) => d.field)
          .sort(),
        ['content', 'phone', 'procedureCode'],
      );
      assert.equal((await post({ stamp: s, about: 'nonsense' })).statusCode, 400);
      const before = Number(
        (
          await t.deps.db
            .selectFrom('feedback')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const one = '192.0.2.77';
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await post({ stamp: s, anonymous: true }, one)).statusCode);
      assert.deepEqual(codes, [201, 201, 201, 201, 201, 429]);
      const page: number[] = [];
      let last = '';
      for (let i = 0; i < 6; i++) {
        const res = await app.inject({
          method: 'POST',
          url: `/${slug}/phan-anh`,
          remoteAddress: '192.0.2.78',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'x=1',
        });
        page.push(res.statusCode);
        last = res.body;
      }
      // Rejected attempts never lock a person out (decision 026): only accepted submissions count.
      assert.deepEqual(page, [400, 400, 400, 400, 400, 400], 'rejected attempts do not count towards the limit');
      assert.doesNotMatch(last, /Quá nhiều yêu cầu/);
      // The page form shares the count of accepted submissions with the API: the address that filed five is refused.
      const sixth = await app.inject({
        method: 'POST',
        url: `/${slug}/phan-anh`,
        remoteAddress: one,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'x=1',
      });
      assert.equal(sixth.statusCode, 429);
      assert.match(sixth.body, /Quá nhiều yêu cầu/);
      // The five accepted ones are refused so the next tests start clean.
      for (const i of (await api('GET', `/api/v1/centers/${slug}/feedback/items?status=received`, 'director')).json()
        .items) {
        await api('POST', `/api/v1/centers/${slug}/feedback/items/${i.id}/actions`, 'director', {
          action: 'refuse',
          reason: 'Thử giới hạn gửi.',
        });
      }
      const afterCount = Number(
        (
          await t.deps.db
            .selectFrom('feedback')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      assert.equal(afterCount, before + 5);
    });

    test('request information → the citizen adds it on the status page; refuse with a reason; access and tenant isolation', async () => {
      clock = new Date('2026-09-15T02:00:00Z');
      const r = await file({ about: 'conduct', content: 'Công chức quầy 2 không hướng dẫn rõ ràng.', anonymous: true });
      assert.equal(r.statusCode, 201, r.body);
      const code = r.json().code;
      const id = (await api('GET', `/api/v1/centers/${slug}/feedback/items`, 'director'))
        .json()
        .items.find((i: { code: string }) => i.code === code).id;
      const actUrl = `/api/v1/centers/${slug}/feedback/items/${id}/actions`;
      assert.equal((await api('POST', actUrl, 'receiver', { action: 'refuse', reason: 'x' })).statusCode, 403);
      assert.equal((await api('GET', `/api/v1/centers/${slug}/feedback/items`, null)).statusCode, 401);
      assert.equal(
        (await api('GET', `/api/v1/centers/${slug}/feedback/items`, 'otherDirector')).statusCode,
        404,
        'another centre answers like a missing one',
      );
      assert.equal(
        (await api('GET', `/api/v1/centers/${otherSlug}/feedback/items/${id}`, 'otherDirector')).statusCode,
        404,
      );
      assert.equal(
        (
          await api('POST', `/api/v1/centers/${otherSlug}/feedback/items/${id}/actions`, 'otherDirector', {
            action: 'refuse',
            reason: 'x',
          })
        ).statusCode,
        404,
      );
      assert.equal((await api('GET', `/api/v1/centers/${otherSlug}/feedback/status/${code}`, null)).statusCode, 404);
      assert.equal(
        (await app.inject({ method: 'GET', url: `/${otherSlug}/phan-anh/${code}`, remoteAddress: nextIp() }))
          .statusCode,
        404,
      );
      assert.equal(
        (
          await api('POST', actUrl, 'tthc_controller', {
            action: 'classify',
            classification: 'behaviour',
            topic: 'Thái độ hướng dẫn',
          })
        ).statusCode,
        200,
      );
      assert.equal(
        (await api('POST', actUrl, 'tthc_controller', { action: 'assign', assignee: users.specialist!.id })).statusCode,
        200,
      );
      assert.equal(
        (
          await api('POST', actUrl, 'tthc_controller', {
            action: 'request_info',
            text: 'Xin cho biết ngày, giờ đến Trung tâm.',
          })
        ).statusCode,
        200,
      );
      const st = await app.inject({ method: 'GET', url: `/${slug}/phan-anh/${code}`, remoteAddress: nextIp() });
      assert.match(st.body, /Xin cho biết ngày, giờ đến Trung tâm/);
      const t0 = /name="_t" value="([^"]+)"/.exec(st.body)![1]!;
      clock = new Date('2026-09-15T02:01:00Z');
      const reply = await app.inject({
        method: 'POST',
        url: `/${slug}/phan-anh/${code}`,
        remoteAddress: nextIp(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _t: t0, 'bo-sung': 'Sáng thứ Hai 14/09, khoảng 9 giờ.' }).toString(),
      });
      assert.equal(reply.statusCode, 200, reply.body);
      const item = (await api('GET', `/api/v1/centers/${slug}/feedback/items/${id}`, 'tthc_controller')).json();
      assert.equal(item.status, 'received');
      assert.equal(item.infoReply, 'Sáng thứ Hai 14/09, khoảng 9 giờ.');
      assert.equal((await api('POST', actUrl, 'tthc_controller', { action: 'refuse' })).statusCode, 400);
      assert.equal(
        (
          await api('POST', actUrl, 'tthc_controller', {
            action: 'refuse',
            reason: 'Nội dung đã được giải quyết tại cuộc họp với công dân.',
          })
        ).statusCode,
        200,
      );
      assert.equal(
        (await api('POST', actUrl, 'tthc_controller', { action: 'refuse', reason: 'again' })).statusCode,
        409,
      );
      assert.equal((await api('POST', actUrl, 'tthc_controller', { action: 'publish' })).statusCode, 409);
      const audit = await t.deps.db.selectFrom('audit_log').select('action').where('subject', '=', code).execute();
      assert.ok(
        audit.some((a) => a.action === 'feedback.read'),
        'reading contact details is logged',
      );
    });

    test('overdue feedback: the count, the console list and the API', async () => {
      clock = new Date('2026-09-16T02:00:00Z');
      const r = await file({ about: 'other', content: 'Đề nghị có thêm chỗ để xe cho người dân.', anonymous: true });
      const code = r.json().code;
      assert.equal(await overdueFeedbackCount(t.deps, centerId), 0);
      clock = new Date('2026-10-08T02:00:00Z'); // 16 working days later
      assert.equal(await overdueFeedbackCount(t.deps, centerId), 1);
      const c = await api('GET', `/api/v1/centers/${slug}/feedback/overdue-count`, 'director');
      assert.equal(c.json().overdue, 1);
      const only = (await api('GET', `/api/v1/centers/${slug}/feedback/items?overdue=true`, 'director')).json().items;
      assert.deepEqual(
        only.map((i: { code: string }) => i.code),
        [code],
      );
      const s = await signIn(app, users.director!.username, TEST_PASSWORD);
      const page = await app.inject({
        method: 'GET',
        url: '/console/feedback?qua-han=1',
        headers: { cookie: s.cookie },
      });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /data-testid="overdue-count">Quá hạn: 1</);
      assert.match(page.body, new RegExp(code));
      const f = await feedbackFigures(t.deps, [centerId], { from: '2026-09-01', to: '2026-09-30' });
      assert.equal(f.overdue, 0, 'not yet overdue at the end of September');
      // Refused: those received in September and refused, counted by hand (made by the tests before, if any).
      const refusedInSeptember = await t.deps.db
        .selectFrom('feedback')
        .select('id')
        .where('center_id', '=', centerId)
        .where('status', '=', 'refused')
        .where('code', 'like', 'PA-2609%')
        .execute();
      assert.equal(f.refused, refusedInSeptember.length);
      const oct = await feedbackFigures(t.deps, [centerId], { from: '2026-10-01', to: '2026-10-31' });
      assert.equal(oct.overdue, 1);
      assert.equal(oct.received, 0);
      // The staff form answers it from the console.
      const id = only[0].id;
      const done = await app.inject({
        method: 'POST',
        url: `/console/feedback/${id}`,
        ...form(s, {
          action: 'answer',
          text: 'Trung tâm đã bố trí thêm chỗ để xe phía sau trụ sở.',
          version: String(only[0].version),
        }),
      });
      assert.equal(done.statusCode, 303, done.body);
      assert.equal(await overdueFeedbackCount(t.deps, centerId), 0);
    });

    test('staff obstacles: anyone raises, the raiser sees their own, leadership sees all and answers', async () => {
      const url = `/api/v1/centers/${slug}/obstacles`;
      assert.equal((await api('POST', url, 'receiver', { title: '', content: 'x' })).statusCode, 400);
      const r = await api('POST', url, 'receiver', {
        title: 'Máy in quầy 1 hỏng',
        content: 'Máy in Giấy tiếp nhận bị kẹt giấy liên tục.',
      });
      assert.equal(r.statusCode, 201, r.body);
      const id = r.json().id;
      assert.equal((await api('GET', url, 'receiver')).json().items.length, 1);
      assert.equal((await api('GET', url, 'specialist')).json().items.length, 0, 'not someone else’s');
      assert.equal((await api('GET', url, 'director')).json().items.length, 1);
      assert.equal((await api('POST', `${url}/${id}/answer`, 'specialist', { answer: 'x' })).statusCode, 403);
      assert.equal(
        (await api('POST', `/api/v1/centers/${otherSlug}/obstacles/${id}/answer`, 'otherDirector', { answer: 'x' }))
          .statusCode,
        404,
      );
      assert.equal(
        (
          await api('POST', `${url}/${id}/answer`, 'director', {
            answer: 'Đã giao kế toán thay máy in mới trong tuần.',
          })
        ).statusCode,
        200,
      );
      const mine = (await api('GET', url, 'receiver')).json().items[0];
      assert.equal(mine.status, 'answered');
      assert.equal(mine.answer, 'Đã giao kế toán thay máy in mới trong tuần.');
      const s = await signIn(app, users.receiver!.username, TEST_PASSWORD);
      const page = await app.inject({ method: 'GET', url: '/console/obstacles', headers: { cookie: s.cookie } });
      assert.match(page.body, /Máy in quầy 1 hỏng/);
      assert.match(page.body, /Đã giao kế toán thay máy in mới/);
      const raised = await app.inject({
        method: 'POST',
        url: '/console/obstacles',
        ...form(s, { 'tieu-de': 'Thiếu ghế chờ', 'noi-dung': 'Sáng thứ Hai thiếu ghế chờ cho người dân.' }),
      });
      assert.equal(raised.statusCode, 303);
    });
  });
}
