/**
 * Idle memory of the production server as `npm start` runs it: the dist bundle in its own
 * process (`node bin/serve.mjs`), on a fresh data folder with the demo centre, measured from
 * /proc/<pid>/status after it answered /healthz and idled. Baseline: a bare Node process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) * 1024;
}

async function waitForLine(child: ChildProcess, re: RegExp, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      reject(new Error(`timeout waiting for ${re}: ${out}`));
    }, ms);
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const m = re.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited (${code}) before ${re}: ${out}`));
    });
  });
}

export interface ProcessMemory {
  serverIdleRss: number;
  /** After 8 s quiet: the server's idle reclaim has run (decision 054). */
  serverSettledRss: number;
  bareNodeRss: number;
  buildMs: number;
}

export async function measureProductionServer(root: string, idleMs: number): Promise<ProcessMemory> {
  const t = performance.now();
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  const buildMs = performance.now() - t;

  const bare = spawn(process.execPath, ['-e', "console.log('ready'); setInterval(() => {}, 1000)"], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let bareNodeRss = 0;
  try {
    await waitForLine(bare, /ready/, 10_000);
    await sleep(idleMs);
    bareNodeRss = rssOf(bare.pid!);
  } finally {
    bare.kill();
  }

  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-serve-'));
  // The same Node flags as `npm start` (package.json), so the figure is what a commune runs.
  const startScript = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } })
    .scripts.start;
  const nodeArgs =
    /node ((?:--[\w-]+(?:=\S+)? )*)bin\/serve\.mjs/.exec(startScript)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
  const server = spawn(process.execPath, [...nodeArgs, 'bin/serve.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO: 'auto',
      LOG_LEVEL: 'silent',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const serverPid = server.pid ?? 0;
  try {
    const line = await waitForLine(server, /http:\/\/localhost:\d+/, 30_000);
    const res = await fetch(`${line.replace('localhost', '127.0.0.1')}/cam-giang`);
    if (res.status !== 200) throw new Error(`home page answered ${res.status}`);
    await res.arrayBuffer();
    await sleep(idleMs);
    const serverIdleRss = rssOf(serverPid);
    await sleep(Math.max(0, 8000 - idleMs));
    return { serverIdleRss, serverSettledRss: rssOf(serverPid), bareNodeRss, buildMs };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
