/** Figures of the desk that other features (reports) may read. */
export { feeFigures } from './service.ts';
