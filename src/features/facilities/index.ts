/** What other features may use of this feature (import boundary: only through this file). */
export { addSpending, setItem } from './service.ts';
export { FACILITY_STATUS_VI, FACILITY_ITEMS, type FacilityCode, type FacilityStatus } from './model.ts';
export { facilitiesForReport } from './service.ts';
