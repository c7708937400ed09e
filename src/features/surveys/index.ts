/** What other features may use of the surveys feature (import boundary: only through this file). */
export { surveyCitizenLink } from './link.ts';
export { surveysAttention } from './attention.ts';
export { seedSurveysDemo } from './demo.ts';
export { settingOf } from './service.ts';
export { sign } from './model.ts';
