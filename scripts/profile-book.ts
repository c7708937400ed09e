/**
 * Renders the year's tracking book in this process (as a pool child would), for profiling:
 * `node --cpu-prof bin/run.mjs scripts/profile-book.ts data/bench-centre-year.sqlite pdf|xlsx|read [from] [to]`.
 */
import { createWriteStream, statSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/core/db/connect.ts';
import { openBook, writeBookPdf, writeBookXlsx } from '../src/features/dossiers/forms/book.ts';

const [file = 'data/bench-centre-year.sqlite', mode = 'pdf', from = '2026-01-01', to = '2026-12-31'] =
  process.argv.slice(2);
const config = { ...loadConfig({}), databaseUrl: `sqlite:${file}` };
const database = openDatabase(config.databaseUrl);
const deps = {
  db: database.db,
  dialect: database.dialect,
  config,
  now: () => new Date(),
  log: { info: () => undefined, warn: () => undefined, error: () => undefined },
};
const actor = {
  userId: 1,
  username: 'bench-director',
  fullName: 'Giám đốc Bench',
  homeCenterId: 1,
  roles: new Map([[1, new Set(['director'])]]),
  via: 'session' as const,
};
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const gc = (globalThis as { gc?: () => void }).gc;
const gcTimer = gc
  ? setInterval(() => {
      gc();
      const m = process.memoryUsage();
      console.log(
        `heapUsed ${Math.round(m.heapUsed / 2 ** 20)} MB, external ${Math.round(m.external / 2 ** 20)} MB, arrayBuffers ${Math.round(m.arrayBuffers / 2 ** 20)} MB, rss ${Math.round(m.rss / 2 ** 20)} MB`,
      );
    }, 1000)
  : undefined;
const t0 = performance.now();
const { head, chunks } = await openBook(deps, actor as never, from, to, mode === 'xlsx' ? 'xlsx' : 'pdf');
const out = `/tmp/book-profile.${mode}`;
let rows = 0;
if (mode === 'read') {
  for await (const c of chunks) rows += c.length;
} else {
  const ws = createWriteStream(out);
  await (mode === 'xlsx' ? writeBookXlsx(head, chunks, ws) : writeBookPdf(head, chunks, ws));
}
const ms = performance.now() - t0;
clearInterval(timer);
clearInterval(gcTimer);
const cpu = process.cpuUsage();
console.log(
  JSON.stringify({
    mode,
    total: head.total,
    rows,
    s: +(ms / 1000).toFixed(2),
    cpuS: +((cpu.user + cpu.system) / 1e6).toFixed(2),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    sampledPeakMb: Math.round(peak / 2 ** 20),
    size: mode === 'read' ? 0 : statSync(out).size,
  }),
);
await database.close();
