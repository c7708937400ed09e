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
import type { Deps } from '../../core/deps.ts';
import { requireActor } from '../../core/http/context.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { AnyQuery } from '../../core/http/schemas.ts';
import { baseUrlOf } from '../boards/routes.ts';
import type { FormCode, FormSize } from './forms.ts';
import { offload } from '../tasks.ts';
import { bookPlaceOf, getDossier, getGuidance, procedureVersionOf } from './service.ts';

// The renderers (pdfkit, docx, exceljs) load on first use, not with the server.
const forms = () => import('./forms.ts');

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
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
    const { center, dossier, events } = await getDossier(deps, req.actor, code);
    const input = {
      center,
      dossier,
      events,
      procedure: await procedureVersionOf(deps, center, dossier.code, dossier.procedureCode),
      baseUrl: baseUrlOf(deps, req),
      book: form === '01' || form === '06' ? await bookPlaceOf(deps, center.id, dossier) : null,
    };
    const { FORM_FILES, FormNotApplicable, form04Docx, form05Docx, renderForm } = await forms();
    try {
      if (m[2] === 'docx')
        return send(
          reply,
          DOCX,
          `${FORM_FILES[form]}-${dossier.code}.docx`,
          await (form === '05' ? form05Docx(input) : form04Docx(input)),
          false,
        );
      const pdf = await renderForm(form, input, { size });
      return send(reply, PDF, `${FORM_FILES[form]}-${dossier.code}${form === '01' ? `-${size}` : ''}.pdf`, pdf, true);
    } catch (err) {
      if (err instanceof FormNotApplicable)
        throw new AppError(err.kind === 'refused' ? 'CONFLICT' : 'NOT_FOUND', [
          { field: 'form', vi: err.vi, en: err.en },
        ]);
      throw err;
    }
  });

  const guidance = { hide: true, params: Type.Object({ id: Type.String() }) };
  r.get('/console/guidance/:id/02.pdf', { schema: guidance }, async (req, reply) => {
    const id = Number(req.params.id);
    const { center, guidance, procedure } = await getGuidance(deps, req.actor, id);
    const { FORM_FILES, form02Guidance } = await forms();
    const pdf = await form02Guidance(center, guidance, procedure);
    return send(reply, PDF, `${FORM_FILES['02']}-huong-dan-${guidance.code ?? String(guidance.id)}.pdf`, pdf, true);
  });

  for (const format of ['pdf', 'xlsx'] as const) {
    r.get(`/console/book.${format}`, { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
      const actor = requireActor(req);
      const q = req.query;
      // Rendered in the task pool: a year's book must not stall the server.
      const b = await offload(deps, actor.homeCenterId, 'trackingBook', actor, q.from, q.to, format);
      const bytes = Buffer.from(b.bytes);
      if (format === 'pdf') return send(reply, PDF, b.fileName, bytes, true);
      return send(reply, XLSX, b.fileName, bytes, false);
    });
  }
}
