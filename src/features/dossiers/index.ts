/** The desk's contract for other features (re-exports only). */
export { form04Document, markElectronicCopy } from './signable.ts';
export { getDossier, lookupPublic } from './service.ts';
export { checkFile, putBlob, readBlob, uploadsDir } from './attachments.ts';
