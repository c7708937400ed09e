/** What other features may use of the catalogue. */
export type { ComponentRequirement, DossierComponent, FeeItem, ProcedureData } from './model.ts';
