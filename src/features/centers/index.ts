/** The centres room's contract for other features (re-exports only). */
export { centerForActor, getCenter, getCenterById } from './service.ts';
