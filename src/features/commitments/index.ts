/** What other features may use of this feature (import boundary: only through this file). */
export { type CenterTexts } from './model.ts';
export { textsOf } from './service.ts';
