/**
 * Console downloads of the one-stop forms and the tracking register (session or bearer token):
 *
 * - GET /console/dossiers/:code/forms/01.pdf?size=A5|A4 — receipt and appointment slip
 * - GET /console/dossiers/:code/forms/{02,03,04,05,06}.pdf — supplement request, refusal, apology, stop notice, control slip
 * - GET /console/dossiers/:code/forms/{04,05}.docx — the letters as Word documents
 * - GET /console/guidance/:id/02.pdf — form 02 given at the counter (guidance, not a dossier)
 *
 * A dossier that was not received (refused, or online and not yet accepted) has no form 01: 409.
 * - GET /console/book.pdf|book.xlsx?from=YYYY-MM-DD&to=YYYY-MM-DD — Mẫu 07 for the actor's centre
 *
 * Access is the dossier service's: another centre's dossier answers 404, like a missing one.
 * A form whose event has not happened (02 without a supplement request, …) answers 404 with
 * the reason. Every answer is `no-store`: the forms carry personal data.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Deps } from '../../../core/deps.ts';
import { requireActor } from '../../../core/http/context.ts';
import { AppError, invalid } from '../../../core/http/errors.ts';
import { AnyQuery } from '../../../core/http/schemas.ts';
import { baseUrlOf } from '../../boards/index.ts';
import type { FormCode, FormSize } from './forms.ts';
import { offload } from '../../tasks.ts';
import { sendExportFile } from '../../../core/http/download.ts';
import { PDF } from './form-files.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file name safe in a Content-Disposition header (codes are [A-Z0-9.-]). */
function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_');
}

function send(reply: FastifyReply, type: string, filename: string, body: Buffer, inline: boolean): FastifyReply {
  return reply
    .type(type)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${safeName(filename)}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

function sizeOf(raw: unknown): FormSize {
  if (raw === undefined || raw === '') return 'A5';
  if (raw === 'A4' || raw === 'A5' || raw === 'a4' || raw === 'a5') return (raw as string).toUpperCase() as FormSize;
  throw invalid('size', 'Khổ giấy: A5 hoặc A4.', 'Paper size: A5 or A4.');
}

export function registerDossierFormRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Pages check their path and query by hand (404 for an unknown form, a bilingual message for a bad size).
  const formFile = {
    hide: true,
    params: Type.Object({ code: Type.String(), file: Type.String() }),
    querystring: AnyQuery,
  };
  r.get('/console/dossiers/:code/forms/:file', { schema: formFile }, async (req, reply) => {
    const { code, file } = req.params;
    const m = /^(01|02|03|04|05|06)\.(pdf|docx)$/.exec(file);
    if (!m || (m[2] === 'docx' && m[1] !== '04' && m[1] !== '05')) {
      throw new AppError('NOT_FOUND', [
        {
          field: 'form',
          vi: 'Biểu mẫu: 01, 02, 03, 04, 05, 06 (.pdf) hoặc 04.docx, 05.docx.',
          en: 'Forms: 01, 02, 03, 04, 05, 06 (.pdf) or 04.docx, 05.docx.',
        },
      ]);
    }
    const form = m[1] as FormCode;
    const size = form === '01' ? sizeOf(req.query.size) : 'A4';
    // Rendered in the task pool: the server never loads the PDF and DOCX renderers.
    const f = await offload(
      deps,
      req.actor?.homeCenterId ?? '*',
      'dossierForm',
      req.actor,
      code,
      form,
      m[2] as 'pdf' | 'docx',
      size,
      baseUrlOf(deps, req),
    );
    return send(reply, f.type, f.fileName, Buffer.from(f.bytes), f.inline);
  });

  const guidance = { hide: true, params: Type.Object({ id: Type.String() }) };
  r.get('/console/guidance/:id/02.pdf', { schema: guidance }, async (req, reply) => {
    const id = Number(req.params.id);
    const f = await offload(deps, req.actor?.homeCenterId ?? '*', 'guidanceForm', req.actor, id);
    return send(reply, f.type, f.fileName, Buffer.from(f.bytes), f.inline);
  });

  for (const format of ['pdf', 'xlsx'] as const) {
    r.get(`/console/book.${format}`, { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
      const actor = requireActor(req);
      const q = req.query;
      // Rendered in the task pool: a year's book must not stall the server.
      const b = await offload(deps, actor.homeCenterId, 'trackingBook', actor, q.from, q.to, format);
      // Written to a file in the task pool and sent from there: a year's book never sits in memory.
      await sendExportFile(reply, b.path, {
        type: format === 'pdf' ? PDF : XLSX,
        disposition: `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${safeName(b.fileName)}"`,
      });
      return reply;
    });
  }
}
