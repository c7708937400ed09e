// `npm test [-- files or globs]`: every *.test.ts / *.test.tsx under src/ and test/ with node's
// built-in runner, one process per file, several files at a time.
// Database tests run on SQLite always, and on PostgreSQL too when TEST_DATABASE_URL is set.
// Browser tests need Chromium (/usr/bin/chromium); CI sets REQUIRE_BROWSER=1 so that a
// missing browser fails instead of skipping.
//
// Files run in parallel because each one stands alone (`npm run test:alone` checks it): its own
// SQLite file in a temporary folder, its own PostgreSQL database per test, servers on port 0, its
// own data folders and screenshot names. A file that cannot share the machine (a fixed port, a
// global resource) goes in SERIAL: it runs after the others, on its own. None does today.
//
// TEST_CONCURRENCY sets how many files run at once (default: the number of CPUs, at least 2).
// Files start longest first (scripts/test-files.mjs), so that no long file runs on alone at the end.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { checkNode } from './node-guard.mjs';
import { DEFAULT_PATTERNS, testFiles } from './test-files.mjs';

checkNode();

/** Files that must not run beside another test file (paths as testFiles() gives them). */
const SERIAL = new Set([]);

const args = process.argv.slice(2);
const patterns = args.filter((a) => !a.startsWith('--'));
/** The node --test options that still work here: --test-name-pattern=…, --test-skip-pattern=…, --test-only. */
const options = { testNamePatterns: [], testSkipPatterns: [], only: false };
for (const a of args.filter((x) => x.startsWith('--'))) {
  const [flag, value = ''] = a.split(/=(.*)/s);
  if (flag === '--test-name-pattern') options.testNamePatterns.push(value);
  else if (flag === '--test-skip-pattern') options.testSkipPatterns.push(value);
  else if (flag === '--test-only') options.only = true;
  else {
    process.stderr.write(`Unknown option ${a} (known: --test-name-pattern=…, --test-skip-pattern=…, --test-only)\n`);
    process.exit(1);
  }
}
for (const p of patterns)
  if (testFiles([p]).length === 0) {
    process.stderr.write(`No test file matches ${p}\n`);
    process.exit(1);
  }
const files = testFiles(patterns.length ? patterns : DEFAULT_PATTERNS);
const concurrency = Number(process.env.TEST_CONCURRENCY) || Math.max(2, availableParallelism());
process.env.LOG_LEVEL ??= 'silent';

/** Runs `list` with node:test, `n` files at a time; resolves true when every test passed. */
async function runFiles(list, n) {
  if (list.length === 0) return true;
  let ok = true;
  const stream = run({
    files: list.map((f) => resolve(f)),
    concurrency: n,
    isolation: 'process',
    execArgv: ['--import', './bin/register.mjs'],
    testNamePatterns: options.testNamePatterns.length ? options.testNamePatterns : undefined,
    testSkipPatterns: options.testSkipPatterns.length ? options.testSkipPatterns : undefined,
    only: options.only,
  });
  stream.on('test:fail', (data) => {
    if (!data.todo) ok = false;
  });
  stream.on('test:summary', (data) => {
    if (data.file === undefined && !data.success) ok = false;
  });
  for await (const chunk of stream.compose(spec)) process.stdout.write(chunk);
  return ok;
}

const started = performance.now();
const parallelOk = await runFiles(
  files.filter((f) => !SERIAL.has(f)),
  concurrency,
);
const serialOk = await runFiles(
  files.filter((f) => SERIAL.has(f)),
  1,
);
const seconds = ((performance.now() - started) / 1000).toFixed(0);
process.stdout.write(`\n${files.length} test files, ${concurrency} at a time: ${seconds} s\n`);
process.exitCode = parallelOk && serialOk ? 0 : 1;
