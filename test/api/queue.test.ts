/**
 * The queue through the real app (Fastify inject) on SQLite and PostgreSQL: configuration, the
 * kiosk's gapless numbers under concurrent requests, priority order, two counters calling at once,
 * recall/skip/transfer/serve/link with optimistic locking, the board and phone views, tenant
 * isolation (another centre's staff get 404), bad input answered in Vietnamese and English, and
 * the figures checked against a hand count on a fixed clock.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';
import { form, signIn, testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { intake } from '../../src/features/dossiers/service.ts';
import { getCenter } from '../../src/features/centers/service.ts';
import * as svc from '../../src/features/queue/service.ts';
import { queueFigures } from '../../src/features/queue/figures.ts';
import { inspectPdf } from '../../src/core/documents/inspect.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;

for (const { name, fresh } of DATABASES) {
  describe(`queue API (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let clock = new Date('2026-11-20T01:00:00Z'); // Friday 20/11/2026 08:00 in Vietnam (a same-day weekday)
    let slug: string;
    let otherSlug: string;
    let manager: string; // bearer tokens
    let officer1: string;
    let officer2: string;
    let stranger: string; // staff of another centre
    let groups: { id: number; letter: string; name: string }[];
    let c1: number;
    let c2: number;
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const api = (path: string) => `/api/v1/centers/${slug}/queue${path}`;
    const at = (iso: string) => {
      clock = new Date(iso);
    };

    before(async () => {
      t = await fresh(() => clock);
      ({ slug } = await makeCenter(t.deps));
      const id = (await getCenter(t.deps, slug)).id;
      ({ slug: otherSlug } = await makeCenter(t.deps));
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      const other = await getCenter(t.deps, otherSlug);
      const m = await makeUser(t.deps, id, ['tthc_controller']);
      const o1 = await makeUser(t.deps, id, ['receiver']);
      const o2 = await makeUser(t.deps, id, ['receiver']);
      const s = await makeUser(t.deps, other.id, ['admin']);
      [manager, officer1, officer2, stranger] = (await Promise.all(
        [m, o1, o2, s].map((u) => makeToken(t.deps, u.username)),
      )) as [string, string, string, string];
      app = await testApp(t);
    });
    after(async () => {
      await app?.close();
      await t?.close();
    });

    test('configuration: default groups from the catalogue, counters, target; bad input answered in vi and en', async () => {
      const d = await app.inject({ method: 'POST', url: api('/groups/defaults'), headers: auth(manager) });
      assert.equal(d.statusCode, 201, d.body);
      groups = d.json().items;
      assert.deepEqual(
        groups.map((g) => g.letter),
        ['A', 'B', 'C', 'D', 'E', 'F'],
      );
      assert.equal(groups[0]!.name, 'Hộ tịch');
      assert.equal(groups[1]!.name, 'Chứng thực');
      assert.equal(groups[5]!.name, 'Lĩnh vực khác');
      assert.equal(
        (await app.inject({ method: 'POST', url: api('/groups/defaults'), headers: auth(manager) })).statusCode,
        409,
        'only once',
      );
      // An officer may not configure.
      assert.equal(
        (await app.inject({ method: 'POST', url: api('/counters'), headers: auth(officer1), payload: { number: 1 } }))
          .statusCode,
        403,
      );
      const k1 = await app.inject({
        method: 'POST',
        url: api('/counters'),
        headers: auth(manager),
        payload: { number: 1, name: 'Quầy 1', groupIds: [groups[0]!.id, groups[1]!.id] },
      });
      assert.equal(k1.statusCode, 201, k1.body);
      c1 = k1.json().id;
      const k2 = await app.inject({
        method: 'POST',
        url: api('/counters'),
        headers: auth(manager),
        payload: { number: 2, name: 'Quầy 2', groupIds: [groups[0]!.id] },
      });
      c2 = k2.json().id;
      const dup = await app.inject({
        method: 'POST',
        url: api('/counters'),
        headers: auth(manager),
        payload: { number: 2 },
      });
      assert.equal(dup.statusCode, 409);
      assert.match(dup.json().error.details[0].messageVi, /Đã có quầy số 2/);
      const badLetter = await app.inject({
        method: 'POST',
        url: `${api('/groups')}?lang=en`,
        headers: auth(manager),
        payload: { letter: '1', name: 'X' },
      });
      assert.equal(badLetter.statusCode, 400);
      assert.equal(badLetter.json().error.code, 'VALIDATION_FAILED');
      assert.ok(badLetter.json().error.messageVi && badLetter.json().error.messageEn);
      const foreignGroup = await app.inject({
        method: 'POST',
        url: api('/counters'),
        headers: auth(manager),
        payload: { number: 9, groupIds: [999999] },
      });
      assert.equal(foreignGroup.statusCode, 400);
      assert.match(foreignGroup.json().error.details[0].messageVi, /không thuộc Trung tâm/);
      assert.match(foreignGroup.json().error.details[0].messageEn, /does not belong/);
      const target = await app.inject({
        method: 'PUT',
        url: api('/settings'),
        headers: auth(manager),
        payload: { targetWaitMinutes: 15 },
      });
      assert.equal(target.statusCode, 200);
      assert.equal(
        (
          await app.inject({
            method: 'PUT',
            url: api('/settings'),
            headers: auth(manager),
            payload: { targetWaitMinutes: 0 },
          })
        ).statusCode,
        400,
      );
      // Officers sit at their counters.
      assert.equal(
        (await app.inject({ method: 'POST', url: api(`/counters/${c1}/take`), headers: auth(officer1) })).statusCode,
        200,
      );
      assert.equal(
        (await app.inject({ method: 'POST', url: api(`/counters/${c2}/take`), headers: auth(officer2) })).statusCode,
        200,
      );
    });

    test('the kiosk numbers are gapless per group and day under concurrent requests', async () => {
      at('2026-11-19T01:00:00Z'); // Thursday 08:00
      const n = 25;
      const res = await Promise.all(
        Array.from({ length: n }, () =>
          app.inject({ method: 'POST', url: api('/tickets'), payload: { groupId: groups[0]!.id } }),
        ),
      );
      assert.ok(
        res.every((r) => r.statusCode === 201),
        res.map((r) => r.statusCode).join(','),
      );
      const codes = res.map((r) => r.json().code as string).sort();
      assert.deepEqual(
        codes,
        Array.from({ length: n }, (_, i) => `A${String(i + 1).padStart(3, '0')}`),
      );
      assert.equal(new Set(res.map((r) => r.json().publicCode)).size, n);
      // Another group has its own sequence; a new day starts again at 001 (Vietnam day: 00:31 UTC is 07:31 the next day).
      const b = await app.inject({ method: 'POST', url: api('/tickets'), payload: { groupId: groups[1]!.id } });
      assert.equal(b.json().code, 'B001');
      // At 00:30 in Vietnam the centre is closed: the kiosk says when it opens and issues nothing (issue 12).
      at('2026-11-19T17:30:00Z');
      const night = await app.inject({ method: 'POST', url: api('/tickets'), payload: { groupId: groups[0]?.id } });
      assert.equal(night.statusCode, 400);
      assert.match(night.json().error.details[0].messageVi, /Ngoài giờ làm việc: Trung tâm mở cửa lúc 07:30/);
      at('2026-11-20T00:31:00Z');
      const next = await app.inject({ method: 'POST', url: api('/tickets'), payload: { groupId: groups[0]!.id } });
      assert.equal(next.json().code, 'A001');
      assert.equal(next.json().day, '2026-11-20');
    });

    test('bad kiosk input: clear errors in Vietnamese and English, never a 500', async () => {
      at('2026-11-19T02:00:00Z'); // Thursday 09:00
      const cases = [{ groupId: 'x' }, { groupId: groups[0]!.id, priority: 'vip' }, {}];
      for (const payload of cases) {
        const r = await app.inject({ method: 'POST', url: api('/tickets'), payload });
        assert.equal(r.statusCode, 400, JSON.stringify(payload));
        assert.equal(r.json().error.code, 'VALIDATION_FAILED');
        assert.match(r.json().error.messageVi, /không hợp lệ/);
      }
      const unknown = await app.inject({
        method: 'POST',
        url: `${api('/tickets')}?lang=en`,
        payload: { groupId: 999999 },
      });
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().error.details[0].message, 'No such service group at this centre.');
      assert.equal(unknown.json().error.details[0].messageVi, 'Không có nhóm dịch vụ này tại Trung tâm.');
      const cross = await app.inject({
        method: 'POST',
        url: api('/tickets'),
        headers: { origin: 'https://evil.example' },
        payload: { groupId: groups[0]!.id },
      });
      assert.equal(cross.statusCode, 403, 'a form from another site is refused');
      assert.equal(
        (await app.inject({ method: 'POST', url: '/api/v1/centers/khong-co/queue/tickets', payload: { groupId: 1 } }))
          .statusCode,
        404,
      );
    });

    test('priority tickets are called first, then first come; two counters calling at once get different tickets', async () => {
      at('2026-11-23T01:00:00Z'); // Monday 08:00
      const issue = async (g: number, priority?: string) => svc.issueTicket(t.deps, slug, { groupId: g, priority });
      const first = await issue(groups[0]!.id);
      at('2026-11-23T01:01:00Z');
      const second = await issue(groups[1]!.id);
      at('2026-11-23T01:02:00Z');
      const prio = await issue(groups[1]!.id, 'elderly');
      assert.equal(prio.code, 'B002');
      assert.equal(prio.ahead, 0, 'a priority ticket goes before the others');
      assert.equal(second.ahead, 0);
      at('2026-11-23T01:05:00Z');
      const call = (counter: number, token: string) =>
        app.inject({ method: 'POST', url: api(`/counters/${counter}/call-next`), headers: auth(token) });
      const serve = (id: number, token: string) =>
        app.inject({ method: 'POST', url: api(`/tickets/${id}/serve`), headers: auth(token), payload: {} });
      const a = (await call(c1, officer1)).json().ticket;
      assert.equal(a.id, prio.id, 'priority first');
      const busy = await call(c1, officer1);
      assert.equal(busy.statusCode, 409, 'finish the current ticket first');
      assert.match(busy.json().error.details[0].messageVi, new RegExp(prio.code));
      await serve(a.id, officer1);
      assert.equal(
        (await call(c1, officer1)).json().ticket.id,
        first.id,
        'then first come across the counter’s groups',
      );
      await serve(first.id, officer1);
      assert.equal((await call(c1, officer1)).json().ticket.id, second.id);
      await serve(second.id, officer1);
      assert.equal((await call(c1, officer1)).json().ticket, null, 'nobody left');

      // Six tickets of group A, both counters call at the same moment, three times.
      const six = [];
      for (let i = 0; i < 6; i++) six.push(await issue(groups[0]!.id));
      const seen = new Set<number>();
      for (let round = 0; round < 3; round++) {
        const [x, y] = await Promise.all([call(c1, officer1), call(c2, officer2)]);
        assert.equal(x.statusCode, 200, x.body);
        assert.equal(y.statusCode, 200, y.body);
        const tx = x.json().ticket;
        const ty = y.json().ticket;
        assert.ok(tx && ty);
        assert.notEqual(tx.id, ty.id, 'never the same ticket');
        assert.ok(!seen.has(tx.id) && !seen.has(ty.id));
        seen.add(tx.id).add(ty.id);
        await Promise.all([serve(tx.id, officer1), serve(ty.id, officer2)]);
      }
      assert.deepEqual(
        [...seen].sort((p, q) => p - q),
        six.map((s) => s.id).sort((p, q) => p - q),
      );
    });

    test('recall, skip, transfer, serve and link a dossier; a stale version is refused; the board and phone follow', async () => {
      at('2026-11-26T02:00:00Z'); // Thursday 09:00 (24/11 is Vietnamese Culture Day, a day off from 2026)
      const x = await svc.issueTicket(t.deps, slug, { groupId: groups[0]!.id });
      const y = await svc.issueTicket(t.deps, slug, { groupId: groups[0]!.id });
      const phone = await app.inject({ method: 'GET', url: `/${slug}/xep-hang/${y.publicCode}` });
      assert.equal(phone.statusCode, 200);
      assert.match(phone.body, /Số người chờ trước Ông\/Bà: 1/);
      // The printed ticket: an HTML page with print CSS, and a PDF exactly 80 mm wide with Tinos embedded.
      const page = await app.inject({ method: 'GET', url: `/${slug}/lay-so/ve/${y.publicCode}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`>${y.code}<`));
      const pdf = await app.inject({ method: 'GET', url: `/${slug}/lay-so/ve/${y.publicCode}/in.pdf` });
      assert.equal(pdf.statusCode, 200);
      const facts = inspectPdf(pdf.rawPayload);
      assert.equal(facts.pages, 1);
      assert.ok(Math.abs(facts.pageSizes[0]![0] - (80 * 72) / 25.4) < 0.5, `80 mm wide: ${facts.pageSizes[0]}`);
      assert.ok(facts.fonts.some((f) => f.startsWith('Tinos')));
      assert.equal(
        (await app.inject({ method: 'GET', url: `/${otherSlug}/lay-so/ve/${y.publicCode}` })).statusCode,
        404,
        'not under another centre',
      );
      const called = (
        await app.inject({ method: 'POST', url: api(`/counters/${c1}/call-next`), headers: auth(officer1) })
      ).json().ticket;
      assert.equal(called.id, x.id);
      const board = (await app.inject({ method: 'GET', url: api('/board') })).json();
      assert.equal(board.latest.code, x.code);
      assert.equal(board.latest.counterName, 'Quầy 1');
      assert.ok(!JSON.stringify(board).includes('Nguyễn'), 'no personal data on the board');
      assert.match(
        (await app.inject({ method: 'GET', url: `/${slug}/xep-hang/${y.publicCode}` })).body,
        /Sắp đến lượt/,
      );
      const recalled = await app.inject({
        method: 'POST',
        url: api(`/tickets/${x.id}/recall`),
        headers: auth(officer1),
        payload: { version: called.version },
      });
      assert.equal(recalled.statusCode, 200);
      assert.equal(recalled.json().callCount, 2);
      const stale = await app.inject({
        method: 'POST',
        url: api(`/tickets/${x.id}/skip`),
        headers: auth(officer1),
        payload: { version: called.version },
      });
      assert.equal(stale.statusCode, 409, 'someone changed it since');
      // Transfer to counter 2: only counter 2 may call it, and it keeps its place.
      const tr = await app.inject({
        method: 'POST',
        url: api(`/tickets/${x.id}/transfer`),
        headers: auth(officer1),
        payload: { toCounterId: c2 },
      });
      assert.equal(tr.statusCode, 200, tr.body);
      assert.equal(tr.json().status, 'waiting');
      const both = await app.inject({
        method: 'POST',
        url: api(`/tickets/${x.id}/transfer`),
        headers: auth(officer1),
        payload: {},
      });
      assert.equal(both.statusCode, 409, 'not being called any more');
      assert.equal(
        (await app.inject({ method: 'POST', url: api(`/counters/${c1}/call-next`), headers: auth(officer1) })).json()
          .ticket.id,
        y.id,
      );
      assert.equal(
        (await app.inject({ method: 'POST', url: api(`/counters/${c2}/call-next`), headers: auth(officer2) })).json()
          .ticket.id,
        x.id,
      );
      // y: a dossier is taken for it and linked.
      const p = CATALOG.find((c) => c.field === 'Hộ tịch')!;
      const dossier = await intake(t.deps, SYSTEM_ACTOR, slug, {
        procedureCode: p.code,
        applicant: { fullName: 'Nguyễn Văn An', idNumber: '031086001234', phone: '0912345678' },
      });
      const badCode = await app.inject({
        method: 'POST',
        url: `${api(`/tickets/${y.id}/link`)}?lang=en`,
        headers: auth(officer1),
        payload: { dossierCode: 'KHONG-CO' },
      });
      assert.equal(badCode.statusCode, 400);
      assert.match(badCode.json().error.details[0].message, /No dossier with code/);
      const served = await app.inject({
        method: 'POST',
        url: api(`/tickets/${y.id}/serve`),
        headers: auth(officer1),
        payload: { dossierCode: dossier.code },
      });
      assert.equal(served.statusCode, 200, served.body);
      assert.equal(served.json().status, 'served');
      assert.equal(served.json().dossierCode, dossier.code);
      // The same dossier cannot be linked to a second ticket.
      const again = await app.inject({
        method: 'POST',
        url: api(`/tickets/${x.id}/link`),
        headers: auth(officer2),
        payload: { dossierCode: dossier.code },
      });
      assert.equal(again.statusCode, 409);
      const skipped = await app.inject({
        method: 'POST',
        url: api(`/tickets/${x.id}/skip`),
        headers: auth(officer2),
        payload: {},
      });
      assert.equal(skipped.json().status, 'skipped');
      assert.match(
        (await app.inject({ method: 'GET', url: `/${slug}/xep-hang/${x.publicCode}` })).body,
        /không có mặt/,
      );
      assert.equal((await app.inject({ method: 'GET', url: `/${slug}/xep-hang/A001-000000-ZZZZ` })).statusCode, 404);
    });

    test('another centre’s staff get 404 for everything of this centre; the public gets 401 on staff routes', async () => {
      const tickets = (await app.inject({ method: 'GET', url: api('/tickets'), headers: auth(officer1) })).json().items;
      const any = tickets[0].id;
      for (const [method, url] of [
        ['GET', api('/config')],
        ['GET', api('/tickets')],
        ['GET', api(`/tickets/${any}`)],
        ['POST', api(`/counters/${c1}/call-next`)],
        ['POST', api(`/tickets/${any}/recall`)],
        ['GET', api('/figures')],
      ] as const) {
        const r = await app.inject({
          method,
          url,
          headers: auth(stranger),
          ...(method === 'POST' ? { payload: {} } : {}),
        });
        assert.equal(r.statusCode, 404, `${method} ${url}`);
      }
      // The stranger's own centre has no such ticket either.
      assert.equal(
        (
          await app.inject({
            method: 'GET',
            url: `/api/v1/centers/${otherSlug}/queue/tickets/${any}`,
            headers: auth(stranger),
          })
        ).statusCode,
        404,
      );
      assert.equal((await app.inject({ method: 'GET', url: api('/config') })).statusCode, 401);
      // An officer reads but may not see the figures (queue.manage).
      assert.equal(
        (await app.inject({ method: 'GET', url: api('/figures'), headers: auth(officer1) })).statusCode,
        403,
      );
    });

    test('OpenAPI documents the queue; the kiosk and board speak English with ?lang=en; pages through the console forms', async () => {
      const spec = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
      for (const path of [
        '/api/v1/centers/{slug}/queue/tickets',
        '/api/v1/centers/{slug}/queue/counters/{id}/call-next',
        '/api/v1/centers/{slug}/queue/board',
        '/api/v1/centers/{slug}/queue/figures',
      ]) {
        const ops = spec.paths[path];
        assert.ok(ops, path);
        for (const op of Object.values(ops) as { tags: string[]; summary: string }[]) {
          assert.ok(op.tags.includes('queue'), path);
          assert.ok(op.summary.length > 10, path);
        }
      }
      const en = await app.inject({ method: 'GET', url: `/${slug}/lay-so?lang=en&uu-tien=pregnant` });
      assert.equal(en.statusCode, 200);
      assert.match(en.body, /Take a number/);
      assert.match(en.body, /Priority chosen: Pregnant woman/);
      assert.match(en.body, /Civil status/);
      assert.match(
        (await app.inject({ method: 'GET', url: `/${slug}/man-hinh-xep-hang?lang=en` })).body,
        /Just called/,
      );
      // The kiosk form issues a ticket without sign-in and answers with the printable ticket.
      const groupId = /name="groupId" value="(\d+)"/.exec(en.body)![1]!;
      const issued = await app.inject({
        method: 'POST',
        url: `/${slug}/lay-so`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `groupId=${groupId}&priority=pregnant`,
      });
      assert.equal(issued.statusCode, 303);
      assert.match(issued.headers.location!, new RegExp(`^/${slug}/lay-so/ve/A\\d{3}-\\d{6}-[A-Z0-9]{4}\\?in=1$`));
      const bad = await app.inject({
        method: 'POST',
        url: `/${slug}/lay-so`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'groupId=abc',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Không có nhóm dịch vụ này tại Trung tâm/);
    });

    test('console settings and counter pages: forms with CSRF, errors re-rendered in place, another role sees 403', async () => {
      const center = await getCenter(t.deps, slug);
      const boss = await makeUser(t.deps, center.id, ['director']);
      const s = await signIn(app, boss.username, boss.password);
      const setup = await app.inject({ method: 'GET', url: '/console/queue/setup', headers: { cookie: s.cookie } });
      assert.equal(setup.statusCode, 200);
      assert.match(setup.body, /Thời gian chờ mục tiêu/);
      const badGroup = await app.inject({
        method: 'POST',
        url: '/console/queue/setup/groups',
        ...form(s, { letter: '?', name: '', activeSent: '1' }),
      });
      assert.equal(badGroup.statusCode, 400);
      assert.match(badGroup.body, /Chữ cái đầu số là một chữ in hoa/);
      const ok = await app.inject({
        method: 'POST',
        url: '/console/queue/setup/groups',
        ...form(s, { letter: 'g', name: 'Tư vấn', nameEn: 'Advice', activeSent: '1', active: '1' }),
      });
      assert.equal(ok.statusCode, 303);
      const counterForm = await app.inject({
        method: 'POST',
        url: '/console/queue/setup/counters',
        ...form(s, { number: '7', name: 'Quầy 7', activeSent: '1', active: '1' }),
      });
      assert.equal(counterForm.statusCode, 303);
      const noCsrf = await app.inject({
        method: 'POST',
        url: '/console/queue/setup/target',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.cookie },
        payload: 'targetWaitMinutes=20',
      });
      assert.equal(noCsrf.statusCode, 403);
      const cfg = (await app.inject({ method: 'GET', url: api('/config'), headers: auth(manager) })).json();
      assert.ok(cfg.groups.some((g: { letter: string; nameEn: string }) => g.letter === 'G' && g.nameEn === 'Advice'));
      const seven = cfg.counters.find((c: { number: number }) => c.number === 7);
      // The director sits at counter 7 from the counter screen, and calls: nobody waits in its (no) groups.
      const take = await app.inject({
        method: 'POST',
        url: '/console/queue/take',
        ...form(s, { counterId: String(seven.id) }),
      });
      assert.equal(take.statusCode, 303);
      const screen = await app.inject({ method: 'GET', url: '/console/queue', headers: { cookie: s.cookie } });
      assert.match(screen.body, /Quầy của tôi: Quầy 7/);
      const call = await app.inject({
        method: 'POST',
        url: '/console/queue/call',
        ...form(s, { counterId: String(seven.id) }),
      });
      assert.equal(call.headers.location, `/console/queue?ok=nobody&quay=${seven.id}`);
      // A clerk may not serve the queue.
      const clerk = await makeUser(t.deps, center.id, ['clerk']);
      const cs = await signIn(app, clerk.username, clerk.password);
      assert.equal(
        (await app.inject({ method: 'GET', url: '/console/queue', headers: { cookie: cs.cookie } })).statusCode,
        403,
      );
    });

    test('the board feed (server-sent events) follows a change made through another server instance on the same database', async () => {
      at('2026-11-25T03:00:00Z'); // Wednesday 10:00
      const second = await testApp(t); // another instance: its own process memory, the same database
      try {
        const base = await app.listen({ port: 0, host: '127.0.0.1' });
        const abort = new AbortController();
        const res = await fetch(`${base}/api/v1/centers/${slug}/queue/board/events`, { signal: abort.signal });
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        let text = '';
        const until = async (re: RegExp) => {
          while (!re.test(text)) {
            const { value, done } = await reader.read();
            if (done) throw new Error(`stream ended: ${text}`);
            text += decoder.decode(value, { stream: true });
          }
        };
        await until(/event: state\ndata: /); // the state at once
        const ticket = (
          await second.inject({ method: 'POST', url: api('/tickets'), payload: { groupId: groups[0]!.id } })
        ).json();
        const called = await second.inject({
          method: 'POST',
          url: api(`/counters/${c1}/call-next`),
          headers: auth(officer1),
        });
        assert.equal(called.json().ticket.code, ticket.code);
        await until(new RegExp(`event: state\\ndata: \\{[^\\n]*"latest":\\{[^}]*"code":"${ticket.code}"`));
        abort.abort();
        await svc.finish(t.deps, SYSTEM_ACTOR, slug, { ticketId: ticket.id });
      } finally {
        await second.close();
      }
    });

    test('figures match a hand count; same-day weekdays are apart', async () => {
      const slug2 = (await makeCenter(t.deps)).slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug2, 'test', CATALOG);
      const g = (await svc.createDefaultGroups(t.deps, SYSTEM_ACTOR, slug2))[0]!;
      const k = await svc.saveCounter(t.deps, SYSTEM_ACTOR, slug2, null, { number: 1, groupIds: [g.id] });
      const step = async (iso: string, fn: () => Promise<unknown>) => {
        at(iso);
        return fn();
      };
      // Friday 27/11 (a same-day weekday): X waits 10 min, served in 6; Y waits 29 min, no-show.
      const x = (await step('2026-11-27T01:00:00Z', () =>
        svc.issueTicket(t.deps, slug2, { groupId: g.id }),
      )) as svc.TicketView;
      const y = (await step('2026-11-27T01:01:00Z', () =>
        svc.issueTicket(t.deps, slug2, { groupId: g.id }),
      )) as svc.TicketView;
      await step('2026-11-27T01:10:00Z', () => svc.callNext(t.deps, SYSTEM_ACTOR, slug2, k.id));
      await step('2026-11-27T01:16:00Z', () => svc.finish(t.deps, SYSTEM_ACTOR, slug2, { ticketId: x.id }));
      await step('2026-11-27T01:30:00Z', () => svc.callNext(t.deps, SYSTEM_ACTOR, slug2, k.id));
      await step('2026-11-27T01:31:00Z', () => svc.skip(t.deps, SYSTEM_ACTOR, slug2, { ticketId: y.id }));
      // Monday 30/11: Z waits 5, served in 10; W never called.
      const z = (await step('2026-11-30T01:00:00Z', () =>
        svc.issueTicket(t.deps, slug2, { groupId: g.id }),
      )) as svc.TicketView;
      await step('2026-11-30T01:02:00Z', () => svc.issueTicket(t.deps, slug2, { groupId: g.id }));
      await step('2026-11-30T01:05:00Z', () => svc.callNext(t.deps, SYSTEM_ACTOR, slug2, k.id));
      await step('2026-11-30T01:15:00Z', () => svc.finish(t.deps, SYSTEM_ACTOR, slug2, { ticketId: z.id }));
      const center2 = await getCenter(t.deps, slug2);
      const f = await queueFigures(t.deps, [center2.id], { from: '2026-11-27', to: '2026-11-30' });
      assert.equal(f.tickets, 4);
      assert.equal(f.served, 2);
      assert.equal(f.skipped, 1);
      assert.equal(f.called, 3);
      assert.equal(f.avgWaitMinutes, 14.7); // (10 + 29 + 5) / 3
      assert.equal(f.withinTargetRate, 2 / 3); // target 15 min (default)
      assert.equal(f.avgServiceMinutes, 8); // (6 + 10) / 2
      assert.deepEqual(f.sameDayDays, { tickets: 2, avgWaitMinutes: 19.5, withinTargetRate: 0.5 });
      assert.deepEqual(f.otherDays, { tickets: 2, avgWaitMinutes: 5, withinTargetRate: 1 });
      assert.equal((await queueFigures(t.deps, [center2.id], { from: '2026-12-01', to: '2026-12-31' })).tickets, 0);
      // The API breaks it down per weekday (Friday marked as a same-day day) and hour.
      const token = await makeToken(t.deps, (await makeUser(t.deps, center2.id, ['director'])).username);
      const r = await app.inject({
        method: 'GET',
        url: `/api/v1/centers/${slug2}/queue/figures?from=2026-11-27&to=2026-11-30`,
        headers: auth(token),
      });
      assert.equal(r.statusCode, 200, r.body);
      const wd = r.json().byWeekday as { weekday: number; sameDay: boolean; tickets: number }[];
      assert.deepEqual(
        wd.map((d) => [d.weekday, d.sameDay, d.tickets]),
        [
          [1, false, 2],
          [5, true, 2],
        ],
      );
      assert.deepEqual(
        r.json().byHour.map((h: { hour: number; tickets: number }) => [h.hour, h.tickets]),
        [[8, 4]],
      );
      const bad = await app.inject({
        method: 'GET',
        url: `/api/v1/centers/${slug2}/queue/figures?from=2026-12-01&to=2026-11-01`,
        headers: auth(token),
      });
      assert.equal(bad.statusCode, 400);
    });
  });
}
