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
