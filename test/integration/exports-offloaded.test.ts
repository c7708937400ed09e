/**
 * Every heavy document of the console and the public boards is rendered in the task pool (child
 * processes), never in the server — proved by the pool's own count of the tasks its children
 * answered — and a whole year's tracking book (form 07) of a generated centre answers 200 with a
 * valid PDF (poppler reads it) and a complete XLSX, read and written in chunks; the DVCQG export of
 * a quarter is written by a child and streamed too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { makeDeps, start } from '../../src/main.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { inTransaction } from '../../src/core/db/tx.ts';
import { taskPoolOf } from '../../src/features/tasks.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadDossierHistory } from '../../src/features/demo/dossiers.ts';
import { ROOT } from '../../src/core/paths.ts';
import { testConfig } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const hasPoppler = spawnSync('pdfinfo', ['-v']).error === undefined;

function poppler(pdf: Buffer): { pages: number; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-book-'));
  try {
    const file = join(dir, 'b.pdf');
    writeFileSync(file, pdf);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.equal(info.status, 0, info.stderr);
    const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
    return { pages, text: text.replace(/\s+/g, ' ') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('forms, boards, the quarterly report and a year’s tracking book are rendered in the task pool', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-exports-'));
  const config = testConfig({ DATA_DIR: dir, DEMO: 'off' });
  try {
    const r = await start(config, { quiet: true });
    try {
      const deps = makeDeps(config, r.database, quiet);
      const pool = taskPoolOf(deps);
      assert.ok(pool, 'the server started a task pool for its SQLite file');
      const ran = (task: string) => pool.answered.get(task) ?? 0;
      const c = await makeCenter(deps);
      const director = await makeUser(deps, c.id, ['director', 'receiver']);
      const token = await makeToken(deps, director.username);
      const get = (url: string) => fetch(`${r.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
      const procedures = readCatalogFile(
        'cam-giang.json',
        readFileSync(join(ROOT, 'data', 'catalog', 'cam-giang.json')),
      ).procedures;
      await loadInitialCatalog(deps, SYSTEM_ACTOR, c.slug, 'Danh mục mẫu', procedures);
      // A year of a small centre: two dossiers a working day on average.
      await inTransaction(deps.db, (tx) =>
        loadDossierHistory({ ...deps, db: tx }, c.slug, {
          from: '2025-12-01',
          to: '2026-12-01',
          perDay: 2,
          seed: 40,
          now: new Date('2026-11-30T17:00:00Z'),
        }),
      );
      const rows = await deps.db
        .selectFrom('dossier')
        .select(['code', 'status', 'received_at'])
        .where('center_id', '=', c.id)
        .where('local_day', '>=', '2025-12-01')
        .where('local_day', '<=', '2026-11-30')
        .orderBy('received_at')
        .orderBy('code')
        .execute();
      assert.ok(rows.length > 300, `a year of dossiers (${String(rows.length)})`);

      // The year's book, PDF: 200, streamed from the file the child wrote, a valid PDF with every dossier.
      const before = ran('trackingBook');
      const pdfRes = await get('/console/book.pdf?from=2025-12-01&to=2026-11-30');
      assert.equal(pdfRes.status, 200);
      assert.equal(pdfRes.headers.get('content-type'), 'application/pdf');
      const pdf = Buffer.from(await pdfRes.arrayBuffer());
      assert.equal(Number(pdfRes.headers.get('content-length')), pdf.length);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      if (hasPoppler) {
        const { pages, text } = poppler(pdf);
        assert.ok(pages > rows.length / 20, `${String(pages)} pages for ${String(rows.length)} dossiers`);
        assert.ok(text.includes('SỔ THEO DÕI HỒ SƠ'));
        assert.ok(text.includes(`Tổng số: ${String(rows.length)} hồ sơ`), 'the totals counted by the database');
        // Codes print on two lines at their first hyphen; the tail is unique per dossier.
        const tail = (code: string) => code.slice(code.indexOf('-') + 1);
        for (const row of [rows[0], rows[Math.floor(rows.length / 2)], rows.at(-1)])
          assert.ok(row && text.includes(tail(row.code)), `row ${row?.code ?? ''} is in the book`);
        // Page numbers as the pages were added: the last page carries its own number.
        assert.ok(text.includes(` ${String(pages)} `) || text.endsWith(String(pages)));
      }

      // The same year as XLSX: one row per dossier between the header and the totals line.
      const xRes = await get('/console/book.xlsx?from=2025-12-01&to=2026-11-30');
      assert.equal(xRes.status, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await xRes.arrayBuffer());
      const ws = wb.worksheets[0];
      assert.ok(ws);
      assert.equal(ws.getCell(1, 2).value, 'Mã hồ sơ');
      assert.equal(ws.getCell(2, 2).value, rows[0]?.code);
      assert.equal(ws.getCell(rows.length + 1, 2).value, rows.at(-1)?.code);
      assert.match(ws.getCell(rows.length + 2, 2).text, /^Phí, lệ phí đã thu/);
      assert.equal(ran('trackingBook'), before + 2, 'both books were written by a child process');

      // The DVCQG export of a quarter: written by a child into a file, streamed with its length,
      // every dossier received in the quarter once, in receipt order; the audit row counts them.
      const quarter = rows.filter((x) => {
        const day = new Date(new Date(x.received_at).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
        return day >= '2026-09-01' && day <= '2026-11-30';
      });
      const dRes = await get(`/api/v1/centers/${c.slug}/dvcqg/dossiers?from=2026-09-01&to=2026-11-30`);
      assert.equal(dRes.status, 200);
      assert.match(dRes.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(dRes.headers.get('cache-control'), 'no-store');
      const dText = await dRes.text();
      assert.equal(Number(dRes.headers.get('content-length')), Buffer.byteLength(dText));
      const dJson = JSON.parse(dText) as { HoSo: { MaHoSo: string }[] };
      assert.deepEqual(
        dJson.HoSo.map((x) => x.MaHoSo),
        quarter.map((x) => x.code),
      );
      assert.equal(ran('dvcqgExport'), 1, 'the DVCQG export was written by a child process');
      const dAudit = await deps.db
        .selectFrom('audit_log')
        .select(['subject', 'detail'])
        .where('action', '=', 'dossier.dvcqg.export')
        .executeTakeFirstOrThrow();
      assert.equal(dAudit.subject, '2026-09-01..2026-11-30');
      assert.deepEqual(JSON.parse(dAudit.detail ?? '{}'), { dossiers: quarter.length });

      // Forms 01 and 06 of a received dossier, its pre-filled declaration where it has one.
      const received = rows.find((x) => x.status !== 0 && x.status !== 11);
      assert.ok(received);
      for (const form of ['01', '06']) {
        const res = await get(`/console/dossiers/${received.code}/forms/${form}.pdf`);
        assert.equal(res.status, 200, `form ${form}`);
        assert.equal(
          Buffer.from(await res.arrayBuffer())
            .subarray(0, 5)
            .toString('latin1'),
          '%PDF-',
        );
      }
      assert.equal(ran('dossierForm'), 2);
      const notFound = await get(`/console/dossiers/NO-SUCH-CODE/forms/01.pdf`);
      assert.equal(notFound.status, 404, 'a catalogue error thrown in the child keeps its status');

      // The posting board: rendered once by a child, then served from the file kept under the data folder.
      const board1 = await fetch(`${r.url}/${c.slug}/in/bang-niem-yet.pdf`);
      assert.equal(board1.status, 200);
      const b1 = Buffer.from(await board1.arrayBuffer());
      const board2 = await fetch(`${r.url}/${c.slug}/in/bang-niem-yet.pdf`);
      assert.equal(board2.status, 200);
      assert.ok(Buffer.from(await board2.arrayBuffer()).equals(b1));
      assert.equal(ran('printable'), 1, 'rendered once');
      assert.equal(readdirSync(join(dir, 'printables')).length, 1, 'kept as a file');
      const qr = await fetch(`${r.url}/${c.slug}/in/ma-qr.pdf`);
      assert.equal(qr.status, 200);
      assert.equal(ran('printable'), 2);

      // The quarterly report (an empty plan still reports): rendered in a child.
      const rep = await get(`/api/v1/centers/${c.slug}/plan/reports/2026/4.pdf`);
      assert.ok(ran('planReport') >= 1, 'the report was read and rendered in a child');
      if (rep.status === 200)
        assert.equal(
          Buffer.from(await rep.arrayBuffer())
            .subarray(0, 5)
            .toString('latin1'),
          '%PDF-',
        );
    } finally {
      await r.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
