/** The letters room's contract for other features (re-exports only). */
export { lettersAttention } from './attention.ts';
export { courtesyOnDossierEvent } from './hook.ts';
export { lettersDossierPanel } from './panel.ts';
export { seedLetterDemo } from './demo.ts';
