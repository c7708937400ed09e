/** Form 04 (apology and new appointment) as a finished PDF for the signing room (issue 14). */
import type { Deps } from '../../../core/deps.ts';
import type { Actor } from '../../../core/auth/access.ts';
import { AppError } from '../../../core/http/errors.ts';
import { getDossier, procedureVersionOf } from '../service.ts';
import { findByCode, updateDossier } from '../repo.ts';

export async function form04Document(deps: Deps, actor: Actor, slug: string, code: string) {
  const { center, dossier, events } = await getDossier(deps, actor, code);
  if (center.slug !== slug) throw new AppError('NOT_FOUND');
  const input = {
    center,
    dossier,
    events,
    procedure: await procedureVersionOf(deps, center, dossier.code, dossier.procedureCode),
    baseUrl: deps.config.publicUrl ?? `http://localhost:${String(deps.config.port)}`,
  };
  const { FORM_FILES, FORM_TITLES, FormNotApplicable, renderForm } = await import('./forms.ts');
  try {
    return {
      title: `${FORM_TITLES['04']} – ${dossier.code}`,
      fileName: `${FORM_FILES['04']}-${dossier.code}-ky-so.pdf`,
      pdf: await renderForm('04', input, { size: 'A4' }),
    };
  } catch (err) {
    if (err instanceof FormNotApplicable) throw new AppError('NOT_FOUND', [{ field: 'ref', vi: err.vi, en: err.en }]);
    throw err;
  }
}

/**
 * Facts from an electronic certified copy (issue 14): the original was scanned (digitised) and
 * the result was issued electronically. Sets the dossier's flags from these facts — not from a
 * tick box — inside the caller's transaction. Unknown or other-centre codes are ignored.
 */
export async function markElectronicCopy(deps: Deps, centerId: number, code: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const d = await findByCode(deps.db, code);
    if (d?.center_id !== centerId) return false;
    if (d.digitised === 1 && d.electronic_result === 1) return true;
    if (await updateDossier(deps.db, d.id, d.version, { digitised: 1, electronic_result: 1 })) return true;
  }
  return false;
}
