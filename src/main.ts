/**
 * Start-up: config → database → migrations → demo data (new database only) → HTTP server.
 */
import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { oldDataDirMessage } from './core/paths.ts';
import { Metrics } from './core/metrics.ts';
import { startRetentionJob } from './features/privacy/index.ts';
import { describeUrl, migrateToLatest, openDatabase, type Database } from './core/db/connect.ts';
import type { Deps, Logger } from './core/deps.ts';
import { buildApp } from './core/http/app.ts';
import { PgLimitStore } from './core/http/limits-pg.ts';
import { PgStreamSlots } from './core/http/stream-slots.ts';
import { writeServerLock } from './cli/backup.ts';
import { startJobs } from './features/notifications/job.ts';
import { startDeskJobs } from './features/dossiers/workflow/jobs.ts';
import { startSyncJobs } from './features/sync/index.ts';
import { demoHint, DEMO_PASSWORD, DEMO_SLUG, DEMO_USERS, isNewDatabase } from './features/demo/service.ts';
import { loadDemoIsolated } from './features/demo/isolated.ts';
import { createTaskPool, useTaskPool } from './features/tasks.ts';
import { setProcessReclaim, startIdleReclaim } from './core/memory.ts';

export const consoleLogger: Logger = {
  info: (o, m) => {
    console.log(typeof o === 'string' ? o : (m ?? JSON.stringify(o)));
  },
  warn: (o, m) => {
    console.warn(typeof o === 'string' ? o : (m ?? JSON.stringify(o)));
  },
  error: (o, m) => {
    console.error(typeof o === 'string' ? o : (m ?? JSON.stringify(o)));
  },
};

export function makeDeps(config: Config, database: Database, log: Logger = consoleLogger): Deps {
  const offset = config.clockOffsetMs;
  return {
    db: database.db,
    dialect: database.dialect,
    config,
    now: offset ? () => new Date(Date.now() + offset) : () => new Date(),
    log,
    metrics: new Metrics(),
    // Several instances on PostgreSQL share their counters; one SQLite process counts in memory.
    ...(database.dialect === 'postgres'
      ? { limits: new PgLimitStore(database.db), streamSlots: new PgStreamSlots(database.db, { log }) }
      : {}),
  };
}

export interface Running {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

export async function start(config: Config = loadConfig(), opts: { quiet?: boolean } = {}): Promise<Running> {
  const say = (s: string) => {
    if (!opts.quiet) console.log(s);
  };
  const moved = oldDataDirMessage(config.dataDir, config.databaseUrl);
  if (moved) throw new ConfigError(moved);
  const database = openDatabase(config.databaseUrl);
  say(`Cơ sở dữ liệu / Database: ${database.dialect} (${describeUrl(config.databaseUrl)})`);
  const applied = await migrateToLatest(database);
  if (applied.length) say(`Đã chạy migration / Migrations applied: ${applied.join(', ')}`);
  const deps = makeDeps(
    config,
    database,
    opts.quiet ? { info() {}, warn() {}, error: consoleLogger.error } : consoleLogger,
  );
  let demoLoaded = false;
  if (config.demo === 'auto' && (await isNewDatabase(deps))) {
    demoLoaded = (await loadDemoIsolated(deps)).loaded;
    if (demoLoaded) say(`Đã nạp Trung tâm mẫu / Demo centre loaded: ${DEMO_SLUG}`);
  }
  let hint = config.demo === 'off' ? null : await demoHint(deps);
  // Reports, drill-downs and exports run in child processes, never on this event loop.
  const tasks = createTaskPool(config);
  useTaskPool(deps, tasks);
  const app = await buildApp(deps, {
    demoHint: () => hint,
    logger: config.logLevel !== 'silent',
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  await app.listen({ port: config.port, host: config.host });
  const releaseLock = database.file && database.file !== ':memory:' ? writeServerLock(database.file) : () => {};
  // Background jobs (the notification outbox worker).
  const stopJobs = startJobs(deps);
  const stopDeskJobs = startDeskJobs(deps);
  const stopRetention = startRetentionJob(deps);
  const stopSyncJobs = startSyncJobs(deps);
  // Gives back the pages V8 keeps after a burst of requests, once the server is quiet (decision 054).
  const metrics = app.metrics;
  const reclaim = startIdleReclaim({
    activity: () => metrics.requestCount,
    onCollect: () => {
      metrics.jobRun('memory-reclaim', true);
    },
  });
  setProcessReclaim(reclaim);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://localhost:${port}`;
  say('');
  say(`Một Cửa Thân Thiện đang chạy tại / is running at: ${url}`);
  say(`  Trang công khai / Public site: ${url}/${DEMO_SLUG}`);
  say(`  Trang quản trị / Staff console: ${url}/console/login`);
  if (hint) {
    say(`  Tài khoản mẫu / Demo accounts: ${DEMO_USERS.map((u) => `${u.username} (${u.roles.join(',')})`).join(', ')}`);
    say(`  Mật khẩu / Password: ${DEMO_PASSWORD}`);
  }
  say('  Dừng / Stop: Ctrl+C');
  return {
    app,
    database,
    url,
    async stop() {
      hint = null;
      reclaim.stop();
      setProcessReclaim(null);
      await stopJobs();
      await stopDeskJobs();
      await stopRetention();
      await stopSyncJobs();
      await app.close();
      await tasks?.close();
      await database.close();
      releaseLock();
    },
  };
}
