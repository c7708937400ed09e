/** The sync's panel on the staff dossier page (registered with the desk in src/features/index.ts). */
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { can } from '../../core/auth/access.ts';
import type { DossierPanelContext } from '../dossiers/index.ts';
import { dossierSync, isSyncOn } from './service.ts';
import { DossierSyncPanel } from './pages/console.tsx';

export async function syncDossierPanel(deps: Deps, c: DossierPanelContext) {
  const rows = await dossierSync(deps, c.actor, c.centerId, c.code);
  if (rows === null || (!rows.length && !isSyncOn(deps))) return null;
  return h(DossierSyncPanel, {
    lang: c.lang,
    code: c.code,
    csrf: c.csrf,
    rows,
    canResync: isSyncOn(deps) && can(c.actor, 'sync.manage', c.centerId),
  });
}
