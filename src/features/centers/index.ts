/** What other features use from the centres (import boundary: features import each other only through index.ts). */
export { getCenter } from './service.ts';
export { presentCenter, type PublicCenter } from './model.ts';
