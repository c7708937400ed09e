/**
 * DVCQG dossier exchange API: export in the national portal's HoSo shape (a period is written by
 * the task pool into a file and streamed, decision 046), import online submissions.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../../core/deps.ts';
import { sendExportFile } from '../../../core/http/download.ts';
import { offload } from '../../tasks.ts';
import * as svc from './dvcqg-service.ts';
import { exportOneSchema, exportPeriodSchema, importSchema } from './dvcqg-schemas.ts';

/** GET a period: the pool writes the JSON into a file; the server streams it with its length. */
function registerExportPeriod(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/v1/centers/:slug/dvcqg/dossiers', { schema: exportPeriodSchema }, async (req, reply) => {
    const { slug } = req.params;
    const file = await offload(deps, slug, 'dvcqgExport', req.actor, slug, req.query.from, req.query.to);
    return sendJsonFile(reply, file.path);
  });
}

/** The written JSON, sent with its length (the response schema documents its shape; the child wrote it). */
async function sendJsonFile(reply: FastifyReply, path: string): Promise<FastifyReply> {
  await sendExportFile(reply, path, { type: 'application/json; charset=utf-8' });
  return reply;
}

function registerExportOne(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/v1/dossiers/:code/dvcqg', { schema: exportOneSchema }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return svc.exportHoSo(deps, req.actor, req.params.code);
  });
}

function registerImport(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/api/v1/centers/:slug/dvcqg/dossiers', { schema: importSchema }, async (req, reply) => {
    const out = await svc.importHoSo(deps, req.actor, req.params.slug, req.body);
    return reply.code(201).send({
      imported: out.imported,
      skipped: out.skipped.map((s) => ({ portalCode: s.portalCode, code: s.code, reason: s.reason[req.lang] })),
    });
  });
}

export function registerDvcqgRoutes(app: FastifyInstance, deps: Deps): void {
  registerExportPeriod(app, deps);
  registerExportOne(app, deps);
  registerImport(app, deps);
}
