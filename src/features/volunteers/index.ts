/** What other features may use of this feature (import boundary: only through this file). */
export { seedVolunteersDemo } from './demo.ts';
