/** What other features may use of the catalogue. */
export { catalogOf, publishImport, stageImport } from './service.ts';
export { readCatalogFile } from './import-file.ts';
export type { ProcedureData } from './model.ts';
export { seedCatalogReviewDemo } from './demo.ts';
