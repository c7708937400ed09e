/** What other features may use of the catalogue. */
export { catalogOf, publishImport, stageImport } from './service.ts';
export { readCatalogFile } from './import-file.ts';
export type { ComponentRequirement, DossierComponent, FeeItem, ProcedureData } from './model.ts';
export { seedCatalogReviewDemo } from './demo.ts';
export { timeLimitText, portalUrlFor, hasFixedLimit } from './model.ts';
export { procedureJson } from './model.ts';
export { loadInitialCatalog } from './service.ts';
export { CenterHomeLinks, centerNav } from './pages/public.tsx';
export { joinWords } from './public-messages.ts';
export { procedureVersions } from './service.ts';
export { onCatalogPublished, type CatalogPublished } from './hooks.ts';
