/** Entry of the production bundle (dist/motcua.mjs, built by scripts/build.mjs). */
export { main } from './main.ts';
