/** What other features use from the printables (import boundary: features import each other only through index.ts). */
export { declarationFor, DECLARATIONS } from './declaration-specs.ts';
/** The renderer of a declaration form (loads the PDF kit: call it from a task-pool task). */
export const declarationPdf = async (...a: Parameters<typeof import('./declarations.ts').declarationPdf>) =>
  (await import('./declarations.ts')).declarationPdf(...a);
export { feeUnit, placeOf, publicSiteUrl } from './model.ts';
export { baseUrlOf } from './routes.ts';
