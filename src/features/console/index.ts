/** What other features may use of the console shell (import boundary: only through this file). */
export { consoleNav } from './nav.ts';
