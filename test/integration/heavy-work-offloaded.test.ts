/**
 * The running server computes reports and renders exports in its task pool (child processes with
 * their own database connection), not on its event loop — and answers exactly what the same
 * service functions answer when they run in the server's own process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDeps, start } from '../../src/main.ts';
import { buildApp } from '../../src/core/http/app.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { offload, taskPoolOf, useTaskPool } from '../../src/features/tasks.ts';
import { centerReportDoc } from '../../src/features/reports/documents.ts';
import { parsePeriodQuery } from '../../src/features/reports/periods.ts';
import { testConfig } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';
import { rosterPdfFile, thankYouPdfFile } from '../../src/features/volunteers/view-models.ts';
import { createVolunteer } from '../../src/features/volunteers/service.ts';
import { resolveApiToken } from '../../src/core/auth/service.ts';

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
