/** The console room's contract for other features (re-exports only). */
export { consoleNav } from './nav.ts';
