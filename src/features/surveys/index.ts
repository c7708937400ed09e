/** What other features may use of the surveys feature (import boundary: only through this file). */
export { surveyCitizenLink } from './link.ts';
export { surveysAttention } from './attention.ts';
