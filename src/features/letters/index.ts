/** The letters room's contract for other features (re-exports only). */
export { letterSignable } from './signable.ts';
