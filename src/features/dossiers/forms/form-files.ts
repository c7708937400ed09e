/**
 * The one-stop forms as files (01–06 PDF, 04/05 DOCX, 02 for a guidance): everything a download
 * needs — access through the dossier service, the tracking book's place, the renderer — in one
 * function, so that the task pool (src/features/tasks.ts) runs it in a child process and the
 * server never loads pdfkit, fontkit or docx.
 */
import type { Deps } from '../../../core/deps.ts';
import type { Actor } from '../../../core/auth/access.ts';
import { AppError } from '../../../core/http/errors.ts';
import type { FormCode, FormSize } from './forms.ts';
import { presentCenter } from '../../centers/index.ts';
import { declarationFor, declarationPdf } from '../../boards/index.ts';
import { bookPlaceOf, getDossier, getGuidance, procedureVersionOf } from '../service.ts';

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface FormFile {
  fileName: string;
  type: string;
  bytes: Uint8Array;
  inline: boolean;
}

/** Form `form` of a dossier as PDF (or DOCX for 04 and 05); 404/409 with the reason when it does not apply. */
export async function dossierFormFile(
  deps: Deps,
  actor: Actor | null,
  code: string,
  form: FormCode,
  ext: 'pdf' | 'docx',
  size: FormSize,
  baseUrl: string,
): Promise<FormFile> {
  const { center, dossier, events } = await getDossier(deps, actor, code);
  const input = {
    center,
    dossier,
    events,
    procedure: await procedureVersionOf(deps, center, dossier.code, dossier.procedureCode),
    baseUrl,
    book: form === '01' || form === '06' ? await bookPlaceOf(deps, center.id, dossier) : null,
  };
  const { FORM_FILES, FormNotApplicable, form04Docx, form05Docx, renderForm } = await import('./forms.ts');
  try {
    if (ext === 'docx')
      return {
        fileName: `${FORM_FILES[form]}-${dossier.code}.docx`,
        type: DOCX,
        bytes: await (form === '05' ? form05Docx(input) : form04Docx(input)),
        inline: false,
      };
    return {
      fileName: `${FORM_FILES[form]}-${dossier.code}${form === '01' ? `-${size}` : ''}.pdf`,
      type: PDF,
      bytes: await renderForm(form, input, { size }),
      inline: true,
    };
  } catch (err) {
    if (err instanceof FormNotApplicable)
      throw new AppError(err.kind === 'refused' ? 'CONFLICT' : 'NOT_FOUND', [
        { field: 'form', vi: err.vi, en: err.en },
      ]);
    throw err;
  }
}

/** Form 02 given at the counter for a guidance (not a dossier). */
export async function guidanceFormFile(deps: Deps, actor: Actor | null, id: number): Promise<FormFile> {
  const { center, guidance, procedure } = await getGuidance(deps, actor, id);
  const { FORM_FILES, form02Guidance } = await import('./forms.ts');
  return {
    fileName: `${FORM_FILES['02']}-huong-dan-${guidance.code ?? String(guidance.id)}.pdf`,
    type: PDF,
    bytes: await form02Guidance(center, guidance, procedure),
    inline: true,
  };
}

/** The procedure's declaration form (tờ khai) pre-filled with what the desk knows of the applicant. */
export async function declarationFile(deps: Deps, actor: Actor | null, code: string): Promise<FormFile> {
  const { center, dossier } = await getDossier(deps, actor, code);
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
  return {
    fileName: `${form}-${dossier.code}.pdf`,
    type: PDF,
    inline: true,
    bytes: await declarationPdf({
      center: presentCenter(center),
      form,
      applicant: {
        fullName: a.kind === 'organization' ? a.orgName || a.fullName : a.fullName,
        idNumber: a.idNumber,
        address: a.address,
        phone: a.phone,
      },
      dossierCode: dossier.code,
    }),
  };
}
