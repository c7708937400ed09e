/** The plan room's contract for other features (re-exports only). */
export { quarterlyReportSignable } from './signable.ts';
export { planAttention } from './attention.ts';
export { seedPlanDemo } from './demo.ts';
export { sendFile } from './console-http.ts';
export { consoleShell, formMessages, langSuffix, okFlash, type QReq } from './console-http.ts';
export { readStored, storeUpload, type ContentType } from './files.ts';
export { text } from './model.ts';
