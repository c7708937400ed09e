/** What other features may use of centres (import boundary: only through this file). */
export { centerForActor, getCenter, getCenterById, listCenters } from './service.ts';
export { presentCenter, type PublicCenter } from './model.ts';
export { settingsOf, phonesOf } from './model.ts';
export { updateSettings, createCenter, countCenters } from './service.ts';
export { findCenter, findCenterById } from './service.ts';
export { onSettingsChanged, type SettingsChanged } from './hooks.ts';
