/** What other features use from the catalogue (import boundary: features import each other only through index.ts). */
export { seedCatalogReviewDemo } from './demo.ts';
