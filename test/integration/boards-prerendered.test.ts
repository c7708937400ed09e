/**
 * Publishing a catalogue renders the centre's posting boards ahead, in the task pool and in the
 * background (decision 050): the board's file exists before anyone asked for it, and the first
 * request is served from that file without another rendering.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeDeps, start } from '../../src/main.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { taskPoolOf } from '../../src/features/tasks.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { publishImport, stageImport, catalogOf } from '../../src/features/catalog/service.ts';
import { keptPrintable } from '../../src/features/boards/service.ts';
import { getCenter } from '../../src/features/centers/index.ts';
import { inspectPdf } from '../../src/core/documents/inspect.ts';
import { testConfig } from '../support/db.ts';
import { makeCenter } from '../support/factories.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

test('a publication leaves the posting boards rendered as files before any request for them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-prerender-'));
  const config = testConfig({ DATA_DIR: dir, DEMO: 'off' });
  try {
    const r = await start(config, { quiet: true });
    try {
      const deps = makeDeps(config, r.database, quiet);
      const pool = taskPoolOf(deps);
      assert.ok(pool, 'the server started a task pool for its SQLite file');
      const c = await makeCenter(deps);
      const { procedures } = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json'));
      const staged = await stageImport(deps, SYSTEM_ACTOR, c.slug, {
        sourceName: 'test',
        format: 'json',
        procedures,
        full: true,
      });
      assert.equal(pool.answered.get('printable') ?? 0, 0, 'nothing rendered before the publication');
      // The publication answers at once; the boards follow in the background.
      const { published } = await publishImport(deps, SYSTEM_ACTOR, c.slug, staged.importId, { origin: r.url });
      assert.ok(published > 0);

      const center = await getCenter(deps, c.slug);
      const field = (await catalogOf(deps, center)).fields[0];
      assert.ok(field);
      const whole = { size: 'A4' };
      const ofField = { field: field.slug, size: 'A4' };
      // Wait for the files to appear (the last board rendered is a field's); two minutes at most.
      let kept = await keptPrintable(deps, center, 'bang-niem-yet', ofField, r.url);
      for (let i = 0; kept === null && i < 1200; i++) {
        await sleep(100);
        kept = await keptPrintable(deps, center, 'bang-niem-yet', ofField, r.url);
      }
      assert.ok(kept !== null, 'the boards were rendered after the publication');
      const wholeFile = await keptPrintable(deps, center, 'bang-niem-yet', whole, r.url);
      for (const file of [wholeFile, kept]) {
        assert.ok(typeof file === 'string', 'kept as a file under the data folder');
        assert.ok(file.startsWith(join(dir, 'printables')) && existsSync(file));
        const info = inspectPdf(readFileSync(file));
        assert.ok(info.pages >= 1);
      }
      const rendered = pool.answered.get('printable') ?? 0;
      assert.ok(rendered >= 2, 'rendered in the task pool');

      // The first request (named paper or not) is the kept file; nothing is rendered again.
      for (const url of ['bang-niem-yet.pdf', 'bang-niem-yet.pdf?kho=A4']) {
        const res = await fetch(`${r.url}/${c.slug}/in/${url}`);
        assert.equal(res.status, 200);
        assert.deepEqual(Buffer.from(await res.arrayBuffer()), readFileSync(wholeFile as string));
      }
      assert.equal(pool.answered.get('printable'), rendered, 'served from the file, not rendered again');
    } finally {
      await r.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
