/** What other features may use of the notifications feature. */
export { outboxBacklog, wipeOldMessageBodies } from './service.ts';
export { notifyOnDossierEvent } from './service.ts';
