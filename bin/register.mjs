// Loaded with `node --import ./bin/register.mjs`: checks the Node major, then teaches Node to load
// .tsx files (Node 24 strips types from .ts natively but does not transform JSX).
import { registerHooks } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkNode } from '../scripts/node-guard.mjs';

checkNode();

const { transformSync } = await import('esbuild');

registerHooks({
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.tsx')) return nextLoad(url, context);
    const path = fileURLToPath(url);
    const { code } = transformSync(readFileSync(path, 'utf8'), {
      loader: 'tsx',
      format: 'esm',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      sourcefile: path,
      sourcemap: 'inline',
      target: 'node24',
    });
    return { format: 'module', source: code, shortCircuit: true };
  },
});
