#!/usr/bin/env node
// Runs a TypeScript entry file on the pinned Node: `node bin/run.mjs path/to/file.ts [args...]`.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import './register.mjs';

const [, , entry, ...rest] = process.argv;
if (!entry) {
  process.stderr.write('usage: node bin/run.mjs <file.ts> [args...]\n');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(entry), ...rest];
await import(pathToFileURL(resolve(entry)).href);
