/** What other features may use of the reports feature. */
export { grantProvinceRole } from './province-officer.ts';
export { buildRollups } from './rollups.ts';
export { computeMonthlyStatistics, type MonthlyStatistics } from './statistics.ts';
