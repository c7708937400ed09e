/** The letters' panel on the staff dossier page (registered with the desk in src/features/index.ts, above the apologies). */
import { h, type ComponentChildren } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { can } from '../../core/auth/access.ts';
import type { DossierPanelContext } from '../dossiers/index.ts';
import { lettersOfDossier } from './repo.ts';
import { DossierLetters } from './dossier-links.tsx';

export async function lettersDossierPanel(deps: Deps, ctx: DossierPanelContext): Promise<ComponentChildren> {
  if (!can(ctx.actor, 'letters.manage', ctx.centerId)) return null;
  return h(DossierLetters, { lang: ctx.lang, letters: await lettersOfDossier(deps.db, ctx.centerId, ctx.code) });
}
