/**
 * The running server computes reports and renders exports in its task pool (child processes with
 * their own database connection), not on its event loop — and answers exactly what the same
 * service functions answer when they run in the server's own process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every module this process (the server's) loads from here on, so that a test can prove a renderer
// was never loaded here: the modules below are imported after the hook, so none escapes it.
const loaded = new Set<string>();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});
const loadedLike = (re: RegExp) => [...loaded].filter((u) => re.test(u));

const { makeDeps, start } = await import('../../src/main.ts');
const { buildApp } = await import('../../src/core/http/app.ts');
const { SYSTEM_ACTOR } = await import('../../src/core/auth/access.ts');
const { offload, taskPoolOf, useTaskPool } = await import('../../src/features/tasks.ts');
const { centerReportDoc } = await import('../../src/features/reports/documents.ts');
const { parsePeriodQuery } = await import('../../src/features/reports/periods.ts');
const { readCatalogFile } = await import('../../src/features/catalog/import-file.ts');
const { loadInitialCatalog } = await import('../../src/features/catalog/service.ts');
const { intake } = await import('../../src/features/dossiers/service.ts');
const { testConfig } = await import('../support/db.ts');
const { makeCenter, makeToken, makeUser, TEST_PASSWORD } = await import('../support/factories.ts');
const { signIn } = await import('../support/http.ts');
const { rosterPdfFile, thankYouPdfFile } = await import('../../src/features/volunteers/view-models.ts');
const { createVolunteer } = await import('../../src/features/volunteers/service.ts');
const { resolveApiToken } = await import('../../src/core/auth/service.ts');

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** The report without the instant it was computed at. */
const stable = (body: unknown) => JSON.stringify(body, (k, v: unknown) => (k === 'asOf' ? undefined : v));

test('reports and their XLSX come from the task pool and equal the in-process computation', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-offload-'));
  const config = testConfig({ DATA_DIR: dir, DEMO: 'off' });
  try {
    const r = await start(config, { quiet: true });
    try {
      const deps = makeDeps(config, r.database, quiet);
      const pool = taskPoolOf(deps);
      assert.ok(pool, 'the server started a task pool for its SQLite file');
      const c = await makeCenter(deps);
      const director = await makeUser(deps, c.id, ['director']);
      const token = await makeToken(deps, director.username);
      const url = `/api/v1/centers/${c.slug}/reports/monthly?year=2026&month=11`;

      const res = await fetch(`${r.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200);
      const viaPool = (await res.json()) as unknown;
      assert.ok(pool.load.children >= 1, 'a child process computed it');

      // The same request answered in this process (no pool for this database).
      useTaskPool(deps, null);
      const app = await buildApp(deps, { logger: false });
      try {
        const here = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
        assert.equal(here.statusCode, 200);
        assert.equal(stable(viaPool), stable(here.json()));
      } finally {
        await app.close();
        useTaskPool(deps, pool);
      }

      // An export rendered in a child: a Buffer crosses the process boundary and is a real XLSX (ZIP).
      const period = parsePeriodQuery({ year: '2026', month: '11' }, new Date());
      const report = await offload(deps, c.slug, 'reportCenter', SYSTEM_ACTOR, c.slug, period);
      const xlsx = await offload(deps, c.slug, 'reportXlsx', centerReportDoc(report, new Date()));
      assert.ok(Buffer.isBuffer(xlsx));
      assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK');
    } finally {
      await r.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('courtesy letters (PDF, DOCX, batch, template preview, signing copy) and the home-service day list are rendered in the task pool: the server never loads their renderers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-offload-docs-'));
  const config = testConfig({ DATA_DIR: dir, DEMO: 'off' });
  try {
    const r = await start(config, { quiet: true });
    try {
      const deps = makeDeps(config, r.database, quiet);
      const pool = taskPoolOf(deps);
      assert.ok(pool, 'the server started a task pool for its SQLite file');
      const c = await makeCenter(deps, { leaderName: 'Nguyễn Thị Hà', leaderTitle: 'Giám đốc' });
      const catalog = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
      await loadInitialCatalog(deps, SYSTEM_ACTOR, c.slug, 'test', catalog);
      const director = await makeUser(deps, c.id, ['director']);
      const auth = { authorization: `Bearer ${await makeToken(deps, director.username)}` };
      // A death registration received: the desk's subscriber prepares a condolence letter.
      await intake(deps, SYSTEM_ACTOR, c.slug, {
        procedureCode: '1.000656',
        applicant: { fullName: 'Trần Văn Nam' },
        owner: { fullName: 'Trần Văn Bảy' },
      });
      const api = `/api/v1/centers/${c.slug}`;
      const list = await r.app.inject({ method: 'GET', url: `${api}/letters`, headers: auth });
      assert.equal(list.statusCode, 200, list.body);
      const [letter] = list.json<{ items: { id: number }[] }>().items;
      assert.ok(letter, 'a condolence letter was prepared');
      const file = async (url: string, session?: { cookie: string }) => {
        const res = await r.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : auth });
        assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
        return res.rawPayload;
      };
      const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';
      const isZip = (b: Buffer) => b.subarray(0, 2).toString('latin1') === 'PK';

      assert.ok(isPdf(await file(`${api}/letters/${letter.id}/letter.pdf`)), 'the letter (preview) as PDF');
      assert.ok(isZip(await file(`${api}/letters/${letter.id}/letter.docx`)), 'the letter as DOCX');
      assert.ok(isZip(await file(`${api}/register/export.xlsx`)), 'the register of official letters as XLSX');
      assert.ok(isZip(await file(`${api}/certified-copies/book/2026.xlsx`)), 'the certification book as XLSX');
      assert.ok(isPdf(await file(`${api}/certified-copies/book/2026.pdf`)), 'the certification book as PDF');
      assert.ok(isPdf(await file(`${api}/letter-templates/condolence/preview.pdf`)), 'a template preview');
      const printed = await r.app.inject({ method: 'POST', url: `${api}/letters/${letter.id}/print`, headers: auth });
      assert.equal(printed.statusCode, 200, printed.body);
      const session = await signIn(r.app, director.username, TEST_PASSWORD);
      assert.ok(isPdf(await file(`/console/letters/batch.pdf?ids=${letter.id}`, session)), 'the batch print');
      assert.ok(isPdf(await file(`/console/home-service/day.pdf`, session)), 'the officer’s day list');
      const signable = await offload(
        deps,
        c.slug,
        'signableDocument',
        SYSTEM_ACTOR,
        'letter',
        c.slug,
        String(letter.id),
      );
      assert.ok(isPdf(Buffer.from(signable.pdf)), 'the copy for the signing room');

      assert.ok(pool.load.children >= 1, 'a child process rendered them');
      assert.deepEqual(
        loadedLike(
          /\/(letters\/(render|files)|home-service\/(day-pdf|files)|register\/export|certification\/book)\.ts$/,
        ),
        [],
        'the renderers of letters, the day list and the register were not loaded by the server',
      );
      // The libraries themselves (pdfkit, docx…): test/integration/server-loads-no-renderer.test.ts.
    } finally {
      await r.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('queue tickets and volunteer printables are rendered in the task pool', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-offload-pdf-'));
  const config = testConfig({ DATA_DIR: dir, DEMO: 'off' });
  try {
    const r = await start(config, { quiet: true });
    try {
      const deps = makeDeps(config, r.database, quiet);
      const pool = taskPoolOf(deps);
      assert.ok(pool, 'the server started a task pool for its SQLite file');
      const c = await makeCenter(deps);
      const director = await makeUser(deps, c.id, ['director']);
      const actor = await resolveApiToken(deps, await makeToken(deps, director.username));
      assert.ok(actor);

      // The 80 mm queue ticket.
      const ticket = await offload(deps, c.id, 'queueTicketPdf', {
        lang: 'vi',
        centerName: 'Trung tâm Phục vụ hành chính công xã Thử',
        ticket: {
          id: 1,
          code: 'A001',
          publicCode: 'A001-261207-ABCD',
          day: '2026-12-07',
          groupId: 1,
          groupLetter: 'A',
          groupName: 'Hộ tịch',
          groupNameEn: 'Civil status',
          priority: false,
          priorityReason: null,
          status: 'waiting',
          issuedAt: '2026-12-07T01:00:00.000Z',
          firstCalledAt: null,
          calledAt: null,
          finishedAt: null,
          counterId: null,
          counterNumber: null,
          targetCounterId: null,
          callCount: 0,
          dossierCode: null,
          version: 1,
        },
        ahead: 2,
        estimateMinutes: 10,
        phoneUrl: 'http://localhost/thu/xep-hang/A001-261207-ABCD',
      });
      assert.ok(Buffer.isBuffer(ticket));
      assert.equal(ticket.subarray(0, 5).toString('latin1'), '%PDF-');

      // The volunteers' week roster and a thank-you letter, through the pages' own functions.
      const roster = await rosterPdfFile(deps, actor, '2026-11-25');
      assert.equal(roster.fileName, 'lich-truc-tinh-nguyen-2026-11-23.pdf');
      assert.equal(roster.pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const v = await createVolunteer(deps, actor, c.slug, { fullName: 'Đỗ Quang Huy', organisation: 'youth_union' });
      const letter = await thankYouPdfFile(deps, actor, v.id, { month: '2026-11' });
      assert.equal(letter.pdf.subarray(0, 5).toString('latin1'), '%PDF-');

      // Each was answered by a child process (the pool counts what its children answered).
      assert.equal(pool.answered.get('queueTicketPdf'), 1);
      assert.equal(pool.answered.get('volunteerRosterPdf'), 1);
      assert.equal(pool.answered.get('volunteerThankYouPdf'), 1);
    } finally {
      await r.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
