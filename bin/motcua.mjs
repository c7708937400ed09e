#!/usr/bin/env node
// The `motcua` command. When started by a Node other than the pinned major (for example the
// system Node 20 through a shebang), it re-runs itself with the project's own Node 24.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { REQUIRED_MAJOR } from '../scripts/node-guard.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
const pinned = join(root, 'node_modules', 'node', 'bin', 'node');
if (major !== REQUIRED_MAJOR && existsSync(pinned) && !process.env.MOTCUA_REEXEC) {
  const r = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, MOTCUA_REEXEC: '1' },
  });
  process.exit(r.status ?? 1);
}
await import('./register.mjs');
const { main } = await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
await main(process.argv.slice(2));
