/** A courtesy letter as a finished PDF for the signing room (issue 14). Numbered letters only. */
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import { AppError } from '../../core/http/errors.ts';
import { letterDocument } from './service.ts';

export async function letterSignable(deps: Deps, actor: Actor, slug: string, id: string) {
  const r = await letterDocument(deps, actor, slug, id);
  if (r.letter.status === 'declined' || r.draft)
    throw new AppError('CONFLICT', [
      {
        field: 'ref',
        vi: 'Chỉ ký số thư đã in (đã có số) và gia đình không từ chối.',
        en: 'Only a printed (numbered) letter the family did not decline can be signed.',
      },
    ]);
  const { lettersPdf } = await import('./render.ts');
  const title = `${r.content.title} – ${r.letter.dossierCode}`;
  const kind = r.letter.kind === 'condolence' ? 'chia-buon' : 'chuc-mung';
  return {
    title,
    fileName: `thu-${kind}-${r.letter.dossierCode}-ky-so.pdf`,
    pdf: await lettersPdf(r.center, [{ content: r.content, draft: false }], title),
  };
}
