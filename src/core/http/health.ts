/**
 * /healthz: liveness (the process answers; no database call, so a database outage does not make
 * an orchestrator restart every instance). /readyz: readiness — the database answers, the data
 * folder is writable, and every check features registered (the outbox lag…) passes; 503 otherwise.
 * /metrics: Prometheus text, only with `Authorization: Bearer <METRICS_TOKEN>` (404 when unset,
 * 401 with a wrong token).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from '../deps.ts';
import type { Metrics } from '../metrics.ts';
import { sameSecretText } from '../auth/service.ts';
import { AppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
    /** Every route as registered, method by method (HEAD included). */
    routeList: { method: string; url: string }[];
  }
}

async function databaseCheck(deps: Deps) {
  try {
    await sql`select 1`.execute(deps.db);
    return { ok: true };
  } catch {
    return { ok: false, detail: 'database unreachable' };
  }
}

function storageCheck(deps: Deps) {
  try {
    mkdirSync(deps.config.dataDir, { recursive: true });
    const probe = join(deps.config.dataDir, `.readyz-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
    return { ok: true };
  } catch {
    return { ok: false, detail: 'data folder not writable' };
  }
}

export function registerHealthRoutes(app: FastifyInstance, deps: Deps, metrics: Metrics): void {
  app.get('/healthz', { schema: { hide: true } }, () => ({ status: 'ok', database: deps.dialect }));

  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const checks: Record<string, { ok: boolean; detail?: string }> = {
      database: await databaseCheck(deps),
      storage: storageCheck(deps),
    };
    for (const c of metrics.readinessChecks()) {
      try {
        checks[c.name] = await c.check();
      } catch {
        checks[c.name] = { ok: false, detail: 'check failed' };
      }
    }
    const ok = Object.values(checks).every((c) => c.ok);
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'ok' : 'unavailable', checks });
  });

  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    const expected = deps.config.metricsToken;
    if (!expected) throw new AppError('NOT_FOUND');
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!sameSecretText(expected, given)) throw new AppError('UNAUTHENTICATED');
    return reply
      .header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(await metrics.render());
  });
}
