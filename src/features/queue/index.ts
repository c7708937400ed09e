/** What other features may use of this feature (import boundary: only through this file). */
export { seedQueueDemo } from './demo.ts';
export { linkAfterIntake } from './service.ts';
