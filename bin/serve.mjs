#!/usr/bin/env node
// `npm start`: runs the bundle built by scripts/build.mjs (`motcua serve`). package.json starts it
// with `--max-semi-space-size=4`: a commune server is idle most of the day, and V8's default 16 MB
// semi-spaces keep ~30 MB of RSS that a few requests per second never need (npm run bench).
import { checkNode } from '../scripts/node-guard.mjs';

checkNode();
const { main } = await import('../dist/motcua.mjs');
await main(['serve', ...process.argv.slice(2)]);
