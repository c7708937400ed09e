/** What other features use from the printables (import boundary: features import each other only through index.ts). */
export { declarationFor, declarationPdf, DECLARATIONS } from './declarations.ts';
