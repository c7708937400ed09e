/**
 * The year's tracking book (form 07) of a generated busy centre, over HTTP from the server that
 * renders it in its task pool, on SQLite and on PostgreSQL: PDF and XLSX answer 200 and hold every
 * dossier the database counts for the year, each once — no 500 (the old id list passed the bind
 * limit), no row lost between chunks. No timing is asserted (the bench times it, decision 044).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { start } from '../../src/main.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { inTransaction } from '../../src/core/db/tx.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadDossierHistory } from '../../src/features/demo/dossiers.ts';
import { ROOT } from '../../src/core/paths.ts';
import { DATABASES, testConfig } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;

/** The unique part of each dossier code printed in the PDF (codes break after their first hyphen). */
function codeTailsInPdf(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-yearbook-'));
  try {
    const file = join(dir, 'b.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.match(/\b\d{6}-\d{4}\b/g) ?? [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const { name, fresh } of DATABASES)
  test(`${name}: a busy centre's year book answers 200 with every dossier of the year, PDF and XLSX`, async () => {
    const db = await fresh();
    const dir = mkdtempSync(join(tmpdir(), 'motcua-yearbook-data-'));
    try {
      const { deps } = db;
      const c = await makeCenter(deps);
      const director = await makeUser(deps, c.id, ['director']);
      const token = await makeToken(deps, director.username);
      const catalog = readFileSync(join(ROOT, 'data', 'catalog', 'cam-giang.json'));
      await loadInitialCatalog(
        deps,
        SYSTEM_ACTOR,
        c.slug,
        'Danh mục',
        readCatalogFile('cam-giang.json', catalog).procedures,
      );
      // A busy year: about 20 dossiers a working day, several thousand in all (beyond any bind limit).
      await inTransaction(deps.db, (tx) =>
        loadDossierHistory({ ...deps, db: tx }, c.slug, {
          from: '2026-01-01',
          to: '2027-01-01',
          perDay: 20,
          seed: 13,
          now: new Date('2026-12-31T10:00:00Z'),
        }),
      );
      const codes = (
        await deps.db
          .selectFrom('dossier')
          .select('code')
          .where('center_id', '=', c.id)
          .where('local_day', '>=', '2026-01-01')
          .where('local_day', '<=', '2026-12-31')
          .execute()
      ).map((r) => r.code);
      assert.ok(codes.length > 4000, `a busy year (${String(codes.length)} dossiers)`);

      const r = await start(testConfig({ DATABASE_URL: db.config.databaseUrl, DATA_DIR: dir }), { quiet: true });
      try {
        const get = (url: string) => fetch(`${r.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
        const pdfRes = await get('/console/book.pdf?from=2026-01-01&to=2026-12-31');
        assert.equal(pdfRes.status, 200);
        const pdf = Buffer.from(await pdfRes.arrayBuffer());
        assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
        // Sent from the task's file through the server's two buffers (sendExportFile): whole, with
        // its length and the headers every answer carries.
        assert.equal(Number(pdfRes.headers.get('content-length')), pdf.length);
        assert.equal(pdfRes.headers.get('content-type'), 'application/pdf');
        assert.equal(pdfRes.headers.get('cache-control'), 'no-store');
        assert.equal(pdfRes.headers.get('x-content-type-options'), 'nosniff');
        assert.ok(pdfRes.headers.get('x-request-id'));
        assert.match(pdfRes.headers.get('content-disposition') ?? '', /^inline; filename="so-theo-doi-ho-so-/);
        assert.ok(pdf.subarray(-6).toString('latin1').includes('%%EOF'), 'the file ends as a PDF ends');
        // A client that goes away after the first bytes: the server stops sending and keeps serving.
        const abort = new AbortController();
        const partial = await fetch(`${r.url}/console/book.pdf?from=2026-01-01&to=2026-12-31`, {
          headers: { authorization: `Bearer ${token}` },
          signal: abort.signal,
        });
        assert.equal(partial.status, 200);
        const reader = partial.body?.getReader();
        assert.ok(reader);
        assert.ok((await reader.read()).value?.length);
        abort.abort();
        await reader.read().catch(() => undefined);
        if (hasPoppler) {
          const tails = codeTailsInPdf(pdf);
          const expected = codes.map((code) => code.slice(code.indexOf('-') + 1));
          assert.equal(tails.length, codes.length, 'one row per dossier in the PDF');
          assert.deepEqual(new Set(tails), new Set(expected), 'the same dossiers');
        }

        const xRes = await get('/console/book.xlsx?from=2026-01-01&to=2026-12-31');
        assert.equal(xRes.status, 200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(await xRes.arrayBuffer());
        const ws = wb.worksheets[0];
        assert.ok(ws);
        const inSheet: string[] = [];
        ws.eachRow((row, i) => {
          const v = row.getCell(2).value;
          if (i > 1 && typeof v === 'string' && !v.startsWith('Phí')) inSheet.push(v);
        });
        assert.equal(inSheet.length, codes.length, 'one row per dossier in the workbook');
        assert.deepEqual(new Set(inSheet), new Set(codes));
      } finally {
        await r.stop();
      }
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
