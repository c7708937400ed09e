// Bundles the sources into dist/ for `npm start` (packages stay external; dist/motcua.mjs is the
// entry). The server then runs plain JavaScript: no type stripping and no TSX loader in the
// process. Code splitting keeps what is imported dynamically (PDF, DOCX, XLSX renderers and their
// heavy packages) out of memory until first used — both keep idle memory inside the budget.
// Tests and `npx motcua` run the sources directly.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { checkNode } from './node-guard.mjs';

checkNode();
rmSync('dist', { recursive: true, force: true });
await build({
  // The demo loader runs in a child process on a new database (src/features/demo/isolated.ts);
  // reports and exports run in the task pool's children (src/features/tasks.ts).
  entryPoints: {
    motcua: 'src/cli/entry.ts',
    'demo-worker': 'src/features/demo/worker.ts',
    'task-worker': 'src/features/task-worker.ts',
    'export-worker': 'src/features/export-worker.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
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
