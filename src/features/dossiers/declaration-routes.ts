/**
 * GET /console/dossiers/:code/to-khai.pdf — the procedure's declaration form (tờ khai, phiếu yêu
 * cầu) pre-filled with what the desk knows of the applicant (issue 12). Access is the dossier
 * service's (another centre's dossier answers 404 like a missing one; the read is audited); a
 * procedure whose form the desk does not know answers 404 with the reason. `no-store`: personal data.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { presentCenter } from '../centers/index.ts';
import { declarationFor, declarationPdf } from '../boards/index.ts';
import { getDossier } from './service.ts';

export function registerDeclarationRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { hide: true, params: Type.Object({ code: Type.String() }) };
  r.get('/console/dossiers/:code/to-khai.pdf', { schema }, async (req, reply) => {
    const { code } = req.params;
    const { center, dossier } = await getDossier(deps, req.actor, code);
    const form = declarationFor(dossier.procedureCode);
    if (!form)
      throw new AppError('NOT_FOUND', [
        {
          field: 'form',
          vi: 'Thủ tục của hồ sơ này chưa có mẫu tờ khai điền sẵn (có: khai sinh, khai tử, kết hôn, yêu cầu chứng thực).',
          en: 'No pre-filled declaration for this procedure (available: birth, death, marriage, certification request).',
        },
      ]);
    const a = dossier.applicant;
    const pdf = await declarationPdf({
      center: presentCenter(center),
      form,
      applicant: {
        fullName: a.kind === 'organization' ? a.orgName || a.fullName : a.fullName,
        idNumber: a.idNumber,
        address: a.address,
        phone: a.phone,
      },
      dossierCode: dossier.code,
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${form}-${dossier.code.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });
}
