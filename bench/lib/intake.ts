/**
 * Dossier intake throughput: through the service (validate, code, appointment, insert with its
 * event, one transaction) and through HTTP (POST /api/v1/centers/<slug>/dossiers), each next to
 * a baseline measured in the same run — a bare node:sqlite transaction with two inserts (same
 * pragmas), and a bare Fastify route that parses the same JSON body.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { Deps } from '../../src/core/deps.ts';
import { openSqlite } from '../../src/core/db/sqlite-adapter.ts';
import { intake } from '../../src/features/dossiers/service.ts';
import '../../src/features/subscribers.ts'; // the desk's subscribers (notifications, letters, sync), as in the server
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';

export interface Rate {
  count: number;
  seconds: number;
  perSecond: number;
}

const applicant = (i: number) => ({
  fullName: `Nguyễn Văn Thử ${i}`,
  idNumber: '031086001234',
  phone: '0912345678',
  address: 'Thôn Đông, xã Cẩm Giàng',
});

export async function serviceIntake(deps: Deps, slug: string, procedureCode: string, n: number): Promise<Rate> {
  for (let i = 0; i < 20; i++) await intake(deps, SYSTEM_ACTOR, slug, { procedureCode, applicant: applicant(i) }); // warm-up
  const t = performance.now();
  for (let i = 0; i < n; i++) await intake(deps, SYSTEM_ACTOR, slug, { procedureCode, applicant: applicant(i) });
  const seconds = (performance.now() - t) / 1000;
  return { count: n, seconds, perSecond: n / seconds };
}

/** Baseline: BEGIN; two prepared INSERTs; COMMIT — on a file with the product's pragmas (WAL, synchronous=FULL). */
export function bareSqliteTransactions(n: number): Rate {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-sqlite-'));
  try {
    const db = openSqlite(join(dir, 'b.sqlite'));
    db.exec(
      'CREATE TABLE d (id INTEGER PRIMARY KEY, code TEXT UNIQUE, data TEXT); CREATE TABLE e (id INTEGER PRIMARY KEY, d INTEGER, data TEXT)',
    );
    const insD = db.prepare('INSERT INTO d (code, data) VALUES (?, ?)');
    const insE = db.prepare('INSERT INTO e (d, data) VALUES (?, ?)');
    const body = JSON.stringify(applicant(0));
    const t = performance.now();
    for (let i = 0; i < n; i++) {
      db.exec('BEGIN IMMEDIATE');
      const r = insD.run(`X-${i}`, body);
      insE.run(r.lastInsertRowid, '{}');
      db.exec('COMMIT');
    }
    const seconds = (performance.now() - t) / 1000;
    db.close();
    return { count: n, seconds, perSecond: n / seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** POSTs `n` JSON bodies over keep-alive connections, `concurrency` in flight; every answer must be `expect`. */
async function postLoad(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: (i: number) => string,
  n: number,
  concurrency: number,
  expect: number,
): Promise<Rate> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const payload = body(i);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            res.statusCode === expect ? resolve() : reject(new Error(`POST ${path} → ${res.statusCode}`));
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const worker = async () => {
    while (next < n) await one(next++);
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t) / 1000;
  agent.destroy();
  return { count: n, seconds, perSecond: n / seconds };
}

export async function httpIntake(
  port: number,
  slug: string,
  token: string,
  procedureCode: string,
  n: number,
): Promise<{ product: Rate; bare: Rate }> {
  const body = (i: number) => JSON.stringify({ procedureCode, applicant: applicant(i), channel: 'direct' });
  const bareApp = Fastify({ logger: false });
  bareApp.post('/', async (req, reply) =>
    reply.code(201).send({ ok: true, got: (req.body as { procedureCode: string }).procedureCode }),
  );
  await bareApp.listen({ port: 0, host: '127.0.0.1' });
  try {
    const barePort = (bareApp.server.address() as AddressInfo).port;
    await postLoad(barePort, '/', {}, body, 200, 10, 201);
    const bare = await postLoad(barePort, '/', {}, body, n, 10, 201);
    await postLoad(port, `/api/v1/centers/${slug}/dossiers`, { authorization: `Bearer ${token}` }, body, 50, 10, 201);
    const product = await postLoad(
      port,
      `/api/v1/centers/${slug}/dossiers`,
      { authorization: `Bearer ${token}` },
      body,
      n,
      10,
      201,
    );
    return { product, bare };
  } finally {
    await bareApp.close();
  }
}

/** The same service intake on a fresh PostgreSQL database (when TEST_DATABASE_URL is set, as in CI). */
export async function postgresServiceIntake(adminUrl: string, n: number): Promise<Rate> {
  const pg = (await import('pg')).default;
  const { openDatabase, migrateToLatest } = await import('../../src/core/db/connect.ts');
  const { loadConfig } = await import('../../src/config.ts');
  const { loadDemo, DEMO_SLUG } = await import('../../src/features/demo/service.ts');
  const name = `motcua_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString());
  try {
    await migrateToLatest(database);
    const config = loadConfig({
      DATABASE_URL: url.toString(),
      DEMO: 'off',
      LOG_LEVEL: 'silent',
      NOTIFY_FILE_DIR: 'off',
    });
    const deps: Deps = {
      db: database.db,
      dialect: database.dialect,
      config,
      now: () => new Date(),
      log: { info() {}, warn() {}, error() {} },
    };
    await loadDemo(deps);
    return await serviceIntake(deps, DEMO_SLUG, '1.001193', n);
  } finally {
    await database.close();
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}
