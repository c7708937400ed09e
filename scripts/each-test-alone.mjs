// `npm run test:alone [-- options] [files or globs]`: runs every test file on its own, one node
// process per file, and lists those that fail alone (a file must not need rows, files or state
// left by another). Same environment as `npm test`: SQLite always, PostgreSQL too when
// TEST_DATABASE_URL is set, browser tests with Chromium (REQUIRE_BROWSER=1 makes its absence fail).
//
//   --tests     also run each test of each file alone (--test-name-pattern on its full name):
//               a test must not need rows made by the tests before it
//   --jobs N    files run N at a time (default 1: alone means alone; the CPU column needs 1)
//   --json F    write the results (file, ok, wall and CPU seconds, failing tests) to F
//
// The CPU column is the processor time the file used, its children included (Chromium, workers,
// servers): with --jobs 1 the total over all files, divided by the number of cores, is the least
// wall time `npm test` can take on a quiet machine.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNode } from './node-guard.mjs';
import { DEFAULT_PATTERNS, testFiles } from './test-files.mjs';

checkNode();

const args = process.argv.slice(2);
const opt = { tests: false, jobs: 1, json: '' };
const patterns = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--tests') opt.tests = true;
  else if (a === '--jobs') opt.jobs = Math.max(1, Number(args[++i]) || 1);
  else if (a === '--json') opt.json = args[++i] ?? '';
  else patterns.push(a);
}
const files = testFiles(patterns.length ? patterns : DEFAULT_PATTERNS);

const TICKS = 100; // USER_HZ on Linux
/** CPU seconds of this process's finished children (and theirs), from /proc/self/stat. */
function childCpu() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / TICKS; // cutime, cstime (fields 16 and 17)
  } catch {
    return NaN;
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'motcua-alone-'));
let seq = 0;

/** Runs one file (or one test of it, by its full name); resolves with what happened. */
function runOne(file, testName) {
  const names = join(tmp, `${++seq}.jsonl`);
  const argv = [
    '--import',
    './bin/register.mjs',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/test-names-reporter.mjs',
    `--test-reporter-destination=${names}`,
  ];
  if (testName) argv.push(`--test-name-pattern=^${testName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  argv.push(file);
  const t0 = performance.now();
  const c0 = childCpu();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, {
      env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const wall = (performance.now() - t0) / 1000;
      const cpu = childCpu() - c0;
      let results = [];
      try {
        results = readFileSync(names, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
      } catch {
        // no test reported at all: the file failed to load
      }
      const ran = results.filter((r) => r.kind === 'test' && !r.skipped);
      resolve({
        ok: code === 0 && (!testName || ran.length > 0),
        wall,
        cpu,
        tests: results.filter((r) => r.kind === 'test').map((r) => r.name),
        failed: results.filter((r) => !r.ok && r.kind === 'test').map((r) => r.name),
        output: out,
      });
    });
  });
}

const results = [];
const fmt = (s) => (Number.isFinite(s) ? s.toFixed(1).padStart(6) : '     ?');
const started = performance.now();

async function checkFile(file) {
  const r = await runOne(file);
  const entry = { file, ok: r.ok, wall: r.wall, cpu: opt.jobs === 1 ? r.cpu : null, failed: r.failed, alone: [] };
  process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${fmt(r.wall)} s wall ${fmt(entry.cpu ?? NaN)} s cpu  ${file}\n`);
  if (!r.ok) process.stdout.write(`${r.output.replace(/^/gm, '     | ')}\n`);
  if (opt.tests && r.ok && r.tests.length > 1) {
    for (const name of r.tests) {
      const t = await runOne(file, name);
      if (!t.ok) {
        entry.alone.push(name);
        process.stdout.write(`     FAIL alone: ${name}\n${t.output.replace(/^/gm, '     | ')}\n`);
      }
    }
    if (entry.alone.length === 0) process.stdout.write(`     each of its ${r.tests.length} tests passes alone\n`);
  }
  results.push(entry);
}

const queue = [...files];
await Promise.all(
  Array.from({ length: Math.min(opt.jobs, queue.length) }, async () => {
    for (let f = queue.shift(); f; f = queue.shift()) await checkFile(f);
  }),
);
rmSync(tmp, { recursive: true, force: true });

const bad = results.filter((r) => !r.ok || r.alone.length > 0);
const wall = (performance.now() - started) / 1000;
const cpu = results.reduce((s, r) => s + (r.cpu ?? 0), 0);
process.stdout.write(
  `\n${results.length} files, ${results.length - bad.length} pass alone, ${bad.length} do not; ` +
    `${wall.toFixed(0)} s wall${opt.jobs === 1 ? `, ${cpu.toFixed(0)} s CPU (children included)` : ''}; ` +
    `PostgreSQL ${process.env.TEST_DATABASE_URL ? 'on' : 'off'}\n`,
);
for (const r of bad)
  process.stdout.write(`  ${r.file}${r.ok ? '' : ' (the file)'}${r.alone.map((n) => `\n    - ${n}`).join('')}\n`);
if (opt.json)
  writeFileSync(opt.json, JSON.stringify({ postgres: Boolean(process.env.TEST_DATABASE_URL), results }, null, 2));
process.exit(bad.length ? 1 : 0);
