// `npm test`: every *.test.ts / *.test.tsx under src/ and test/ with node's built-in runner.
// Database tests run on SQLite always, and on PostgreSQL too when TEST_DATABASE_URL is set.
// Browser tests need Chromium (/usr/bin/chromium); CI sets REQUIRE_BROWSER=1 so that a
// missing browser fails instead of skipping.
import { spawnSync } from 'node:child_process';
import { checkNode } from './node-guard.mjs';

checkNode();
const args = process.argv.slice(2);
const files = args.length ? args : ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'];
const r = spawnSync(
  process.execPath,
  [
    '--import',
    './bin/register.mjs',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`,
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } },
);
process.exit(r.status ?? 1);
