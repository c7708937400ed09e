/**
 * Times the console dossier list (and its JSON API) at page 1, 50 and 1000 on the bench's
 * centre-year set (`npm run bench:data -- --sqlite-only`), for decision 039. Not a bench: a
 * side measurement (the bench's own figures come from `npm run bench`).
 *
 *   node bin/run.mjs scripts/measure-list-pages.ts [offset|cursor] [runs]
 *
 * `offset` times the old `?page=N` / `offset=` links (the code before decision 039); `cursor`
 * reaches page N by following nextCursor over the API (limit 500, then the remainder) and times
 * `/console/dossiers?cursor=…` and `/api/v1/centers/:slug/dossiers?cursor=…&limit=50`.
 */
import { existsSync } from 'node:fs';
import { SQLITE_FILE, BENCH_NOW } from '../bench/data.ts';
import { openDatabase, migrateToLatest } from '../src/core/db/connect.ts';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/core/http/app.ts';
import { createApiToken, createUser, login } from '../src/core/auth/service.ts';
import type { Deps } from '../src/core/deps.ts';
import * as repo from '../src/features/dossiers/repo.ts';

const mode = process.argv[2] === 'offset' ? 'offset' : 'cursor';
const runs = Number(process.argv[3] ?? 9);
if (!existsSync(SQLITE_FILE)) throw new Error(`no ${SQLITE_FILE}: npm run bench:data -- --sqlite-only`);
const url = `sqlite:${SQLITE_FILE}`;
const database = openDatabase(url);
await migrateToLatest(database);
const ignore = (): void => undefined;
const deps: Deps = {
  db: database.db,
  dialect: database.dialect,
  config: loadConfig({ DATABASE_URL: url, DEMO: 'off', LOG_LEVEL: 'silent', NOTIFY_FILE_DIR: 'off' }),
  now: () => BENCH_NOW,
  log: { info: ignore, warn: ignore, error: ignore },
};
const center = await database.db.selectFrom('center').select(['id', 'slug']).orderBy('id').executeTakeFirstOrThrow();
const username = `measure.list.${Date.now().toString(36)}`;
await createUser(deps, {
  centerId: center.id,
  username,
  fullName: 'Đo',
  roles: ['director'],
  password: 'measure-password-long',
});
const token = (await createApiToken(deps, username, 'measure')).token;
const session = (await login(deps, username, 'measure-password-long')).sessionToken;
const app = await buildApp(deps, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const base = `http://127.0.0.1:${String(typeof addr === 'object' && addr ? addr.port : 0)}`;

async function get(path: string, how: 'api' | 'console'): Promise<string> {
  const headers: Record<string, string> =
    how === 'api' ? { authorization: `Bearer ${token}` } : { cookie: `mc_session=${session}` };
  const r = await fetch(base + path, { headers, redirect: 'manual' });
  const body = await r.text();
  if (r.status !== 200) throw new Error(`${path}: HTTP ${String(r.status)} ${body.slice(0, 200)}`);
  return body;
}

async function time(path: string, how: 'api' | 'console'): Promise<number> {
  await get(path, how);
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await get(path, how);
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)] ?? Number.NaN;
}

/** The cursor of page `n` (50 rows a page): follow nextCursor with big pages, then the remainder. */
async function cursorOfPage(n: number): Promise<string | null> {
  let skip = (n - 1) * 50;
  let cursor: string | null = null;
  while (skip > 0) {
    const limit = Math.min(500, skip);
    const j = JSON.parse(
      await get(
        `/api/v1/centers/${center.slug}/dossiers?limit=${String(limit)}${cursor ? `&cursor=${cursor}` : ''}`,
        'api',
      ),
    ) as { nextCursor: string | null };
    cursor = j.nextCursor;
    skip -= limit;
  }
  return cursor;
}

const out: string[] = [`mode ${mode}, median of ${String(runs)} runs, ${SQLITE_FILE}`];
for (const n of [1, 50, 1000]) {
  let consolePath: string;
  let apiPath: string;
  if (mode === 'offset') {
    consolePath = `/console/dossiers${n > 1 ? `?page=${String(n)}` : ''}`;
    apiPath = `/api/v1/centers/${center.slug}/dossiers?limit=50&offset=${String((n - 1) * 50)}`;
  } else {
    const c = await cursorOfPage(n);
    consolePath = `/console/dossiers${c ? `?cursor=${c}` : ''}`;
    apiPath = `/api/v1/centers/${center.slug}/dossiers?limit=50${c ? `&cursor=${c}` : ''}`;
  }
  const html = await get(consolePath, 'console');
  const rows = (html.match(/<tr data-code=/g) ?? []).length;
  out.push(
    `page ${String(n).padStart(4)}: console ${(await time(consolePath, 'console')).toFixed(1)} ms (${String(rows)} rows), API ${(await time(apiPath, 'api')).toFixed(1)} ms`,
  );
}
// The query alone, in process: OFFSET against the seek, the same 51 rows.
const keys = await database.db
  .selectFrom('dossier')
  .select(['id', 'received_at'])
  .where('center_id', '=', center.id)
  .orderBy('received_at', 'desc')
  .orderBy('id', 'desc')
  .execute();
async function timeFn(f: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await f();
  const xs: number[] = [];
  for (let i = 0; i < runs * 3; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)] ?? Number.NaN;
}
for (const n of [1, 50, 1000]) {
  const k = n > 1 ? keys[(n - 1) * 50 - 1] : undefined;
  const seek = k ? { after: { at: k.received_at, id: k.id } } : null;
  const offset = await timeFn(() => repo.list(database.db, center.id, { limit: 51, offset: (n - 1) * 50 }));
  // The code before decision 039 has no seek (offset mode runs against it).
  const keyset = mode === 'cursor' ? await timeFn(() => repo.list(database.db, center.id, { limit: 51, seek })) : NaN;
  out.push(`SQL page ${String(n).padStart(4)}: OFFSET ${offset.toFixed(2)} ms, keyset ${keyset.toFixed(2)} ms`);
}
process.stdout.write(out.join('\n') + '\n');
await app.close();
process.exit(0);
