#!/usr/bin/env node
// `npm start`: runs the bundle built by scripts/build.mjs (`motcua serve`).
import { checkNode } from '../scripts/node-guard.mjs';

checkNode();
const { main } = await import('../dist/motcua.mjs');
await main(['serve', ...process.argv.slice(2)]);
