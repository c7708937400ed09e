/**
 * GET /console/dossiers/:code/to-khai.pdf — the procedure's declaration form (tờ khai, phiếu yêu
 * cầu) pre-filled with what the desk knows of the applicant (issue 12). Access is the dossier
 * service's (another centre's dossier answers 404 like a missing one; the read is audited); a
 * procedure whose form the desk does not know answers 404 with the reason. `no-store`: personal data.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Deps } from '../../../core/deps.ts';
import { offload } from '../../tasks.ts';

export function registerDeclarationRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { hide: true, params: Type.Object({ code: Type.String() }) };
  r.get('/console/dossiers/:code/to-khai.pdf', { schema }, async (req, reply) => {
    const { code } = req.params;
    // Rendered in the task pool: the server never loads the PDF kit.
    const f = await offload(deps, req.actor?.homeCenterId ?? '*', 'declarationForm', req.actor, code);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${f.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(f.bytes));
  });
}
