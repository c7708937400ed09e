/** The plan room's contract for other features (re-exports only). */
export { quarterlyReportSignable } from './signable.ts';
export { planAttention } from './attention.ts';
