// Bundles the sources into dist/motcua.mjs for `npm start` (packages stay external).
// The server then runs plain JavaScript: no type stripping and no TSX loader in the process,
// which keeps idle memory inside the budget. Tests and `npx motcua` run the sources directly.
import { build } from 'esbuild';
import { checkNode } from './node-guard.mjs';

checkNode();
await build({
  entryPoints: ['src/cli/entry.ts'],
  outfile: 'dist/motcua.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
});
