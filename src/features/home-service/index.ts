/** What other features may use of the home service (import boundary: only through this file). */
export { homeServiceAttention } from './attention.ts';
export { seedHomeServiceDemo } from './demo.ts';
