/**
 * Who listens to the desk (decision 042): the subscribers of the desk's dossier events, called in
 * registration order INSIDE the event's transaction, its page panels and its citizen links. The
 * desk (src/features/dossiers/) imports none of these features; they import its contract.
 *
 * Wired at load by src/features/index.ts (the HTTP app, hence the CLI and jobs) and by the demo
 * loader (src/features/demo/service.ts, which also runs in its own child process): whoever runs
 * the desk's services gets the same reactions.
 */
import { registerCitizenLink, registerDossierPanel, subscribeDossierEvents } from './dossiers/index.ts';
import { notifyOnDossierEvent } from './notifications/index.ts';
import { courtesyOnDossierEvent, lettersDossierPanel } from './letters/index.ts';
import { enqueueSyncForDossierEvent, syncDossierPanel } from './sync/index.ts';
import { surveyCitizenLink } from './surveys/index.ts';

export function wireDossierSubscribers(): void {
  // Events, in this order (as the desk called them before decision 042): the citizen's messages
  // (a failure rolls the dossier action back), the courtesy letter (never fails the action: its own
  // SAVEPOINT), the DVCQG sync outbox (a failure rolls back).
  subscribeDossierEvents('notifications', notifyOnDossierEvent);
  subscribeDossierEvents('letters', courtesyOnDossierEvent);
  subscribeDossierEvents('sync', enqueueSyncForDossierEvent);
  // The dossier page's side column: letters above the apologies, the sync below.
  registerDossierPanel('letters', lettersDossierPanel, 'top');
  registerDossierPanel('sync', syncDossierPanel);
  // Form 01's second QR code and the lookup page's link.
  registerCitizenLink('survey', surveyCitizenLink);
}
wireDossierSubscribers();
