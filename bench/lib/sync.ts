/**
 * DVCQG sync throughput against the local portal simulator (same process, loopback HTTP), next to
 * a baseline measured in the same run: bare HTTP POSTs of the same HoSo bodies to the same
 * simulator with the same concurrency (fetch, no database). The sync figure is what the outbox
 * worker sustains: claim the first unacknowledged message of each dossier (one statement), POST
 * it, record the acknowledgement and its audit entry. SQLite, one process.
 *
 * Run alone: `npm run bench -- --only sync`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { migrateToLatest, openDatabase } from '../../src/core/db/connect.ts';
import type { Deps } from '../../src/core/deps.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { createCenter } from '../../src/features/centers/service.ts';
import { intake } from '../../src/features/dossiers/service.ts';
import { startSimulator } from '../../src/features/sync/simulator.ts';
import { drainSync } from '../../src/features/sync/service.ts';
import '../../src/features/index.ts'; // wires the sync as a subscriber of the desk's events
import type { Rate } from './intake.ts';

export interface SyncFigure {
  messages: number;
  concurrency: number;
  sync: Rate;
  bare: Rate;
}

export async function syncThroughput(n: number, concurrency = 8): Promise<SyncFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-sync-'));
  const sim = await startSimulator({ secret: 'bench-secret-123' });
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DEMO: 'off',
    DATA_DIR: dir,
    DVCQG_URL: sim.url,
    DVCQG_SECRET: 'bench-secret-123',
  });
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database);
    const deps: Deps = { db: database.db, dialect: database.dialect, config, now: () => new Date(), log: silent };
    await createCenter(deps, {
      slug: 'bench-sync',
      name: 'Trung tâm Phục vụ hành chính công xã Thử',
      shortName: 'Xã Thử',
      parentBody: 'UBND xã Thử',
      province: 'Hải Phòng',
      agencyCode: 'H26.99.99',
      address: 'Xã Thử',
    });
    const catalog = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
    await loadInitialCatalog(deps, SYSTEM_ACTOR, 'bench-sync', 'bench', catalog);
    const code = catalog[0]?.code ?? '';
    for (let i = 0; i < n; i++)
      await intake(deps, SYSTEM_ACTOR, 'bench-sync', {
        procedureCode: code,
        applicant: { fullName: `Nguyễn Văn Thử ${i}`, idNumber: '031086001234', phone: '0912345678' },
      });
    const payloads = (await deps.db.selectFrom('sync_message').select('payload').orderBy('id').execute()).map(
      (r) => r.payload,
    );
    // Sync: the worker drains the queue.
    let t = performance.now();
    const r = await drainSync(deps, { concurrency, batchSize: 50 });
    const syncSeconds = (performance.now() - t) / 1000;
    if (r.acked !== n) throw new Error(`sync bench: ${r.acked} of ${n} acknowledged`);
    // Baseline: the same bodies POSTed straight to the simulator (new codes, so it does the same work).
    let next = 0;
    const post = async () => {
      while (next < payloads.length) {
        const i = next++;
        const hoSo = { ...(JSON.parse(payloads[i] ?? '{}') as Record<string, unknown>), MaHoSo: `BARE-${i}` };
        const res = await fetch(`${sim.url}/api/hoso/them-moi`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            authorization: 'Bearer bench-secret-123',
            'x-idempotency-key': `BARE-${i}:1`,
          },
          body: JSON.stringify({ HoSo: [hoSo] }),
        });
        const body = (await res.json()) as { error_code?: number };
        if (body.error_code !== 0) throw new Error(`bare POST refused: ${JSON.stringify(body)}`);
      }
    };
    t = performance.now();
    await Promise.all(Array.from({ length: concurrency }, post));
    const bareSeconds = (performance.now() - t) / 1000;
    return {
      messages: n,
      concurrency,
      sync: { count: n, seconds: syncSeconds, perSecond: n / syncSeconds },
      bare: { count: n, seconds: bareSeconds, perSecond: n / bareSeconds },
    };
  } finally {
    await database.close();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
