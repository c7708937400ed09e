/**
 * The server process stays light (issue 13, decision 037): PDF, DOCX, XLSX, signing and ZIP
 * libraries load only in the task pool's children. A re-export of a renderer from a feature's
 * index.ts would silently pull them into every process that imports that feature — this catches it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEAVY =
  /\/node_modules\/(pdfkit|fontkit|docx|exceljs|@signpdf\/[^/]+|@cantoo\/pdf-lib|node-forge|fflate|jszip|archiver)\//;

test('the started server (demo centre, a few pages) loads no renderer library', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-modules-'));
  try {
    const out = execFileSync(process.execPath, ['--import', './bin/register.mjs', 'test/support/server-modules.ts'], {
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const loaded = JSON.parse(out) as string[];
    assert.ok(
      loaded.some((u) => u.endsWith('/src/main.ts')),
      'the list is the server’s own',
    );
    assert.ok(
      loaded.some((u) => u.includes('/node_modules/fastify/')),
      'the list includes packages',
    );
    const heavy = [...new Set(loaded.filter((u) => HEAVY.test(u)).map((u) => HEAVY.exec(u)?.[1]))];
    assert.deepEqual(heavy, [], 'renderer libraries loaded by the server');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
