/**
 * Memory of the server process (the dist bundle, as `npm start` runs it, demo centre) idle and
 * after a round of exports — the tracking book PDF and XLSX, the report XLSX and PDF, forms 01
 * and 06, a posting board and a QR sheet — measured from /proc/<pid>/status (VmRSS; the task
 * pool's children are other processes). `node bin/run.mjs scripts/measure-main-rss.ts [root]`:
 * root defaults to this checkout (pass another checkout to compare).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseSync } from 'node:sqlite';

const root = resolve(process.argv[2] ?? '.');
const rss = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'))?.[1]) / 1024;

function waitFor(child: ChildProcess, re: RegExp): Promise<string> {
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const m = re.exec(out);
      if (m) ok(m[0]);
    });
    child.once('exit', (c) => {
      fail(new Error(`server exited (${String(c)}): ${out}`));
    });
  });
}

const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
if (b.status !== 0) throw new Error(b.stderr);
const dir = mkdtempSync(join(tmpdir(), 'motcua-rss-'));
// The demo's own SQLite file in a fresh folder, whatever DATABASE_URL this shell has.
const { DATABASE_URL: _ignored, ...inherited } = process.env;
const env: NodeJS.ProcessEnv = {
  ...inherited,
  DATA_DIR: dir,
  PORT: '0',
  HOST: '127.0.0.1',
  DEMO: 'auto',
  LOG_LEVEL: 'silent',
};
const server = spawn(process.execPath, ['--max-semi-space-size=4', 'bin/serve.mjs'], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const pid = server.pid ?? 0;
try {
  const url = (await waitFor(server, /http:\/\/localhost:\d+/)).replace('localhost', '127.0.0.1');
  await (await fetch(`${url}/cam-giang`)).arrayBuffer();
  await sleep(10_000);
  const idle = rss(pid);
  const t = spawnSync(process.execPath, ['bin/motcua.mjs', 'token', 'create', '--username', 'giamdoc'], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  const token = t.stdout.trim().split('\n').pop() ?? '';
  const db = new DatabaseSync(join(dir, 'motcua.sqlite'), { readOnly: true });
  const { code } = db
    .prepare('SELECT code FROM dossier WHERE received_at IS NOT NULL AND status NOT IN (0, 11) ORDER BY id LIMIT 1')
    .get() as { code: string };
  db.close();
  const urls = [
    '/console/book.pdf?from=2026-11-01&to=2026-11-30',
    '/console/book.xlsx?from=2026-11-01&to=2026-11-30',
    '/console/reports/export.xlsx?year=2026&month=11',
    '/console/reports/export.pdf?year=2026&month=11',
    `/console/dossiers/${code}/forms/01.pdf`,
    `/console/dossiers/${code}/forms/06.pdf`,
    '/cam-giang/in/bang-niem-yet.pdf',
    '/cam-giang/in/ma-qr.pdf',
  ];
  let peak = idle;
  for (const u of urls) {
    const res = await fetch(`${url}${u}`, { headers: { authorization: `Bearer ${token}` } });
    const n = (await res.arrayBuffer()).byteLength;
    peak = Math.max(peak, rss(pid));
    console.log(`${String(res.status)} ${String(n).padStart(9)} B  ${u}`);
  }
  const after = rss(pid);
  await sleep(20_000);
  const settled = rss(pid);
  console.log(
    `main RSS: idle ${idle.toFixed(0)} MB, peak during round ${peak.toFixed(0)} MB, right after ${after.toFixed(0)} MB, 20 s later ${settled.toFixed(0)} MB`,
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
