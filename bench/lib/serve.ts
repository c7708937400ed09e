/**
 * The product as users meet it, for the figures of issue 13 item 7: the dist bundle that `npm start`
 * runs (`node --max-semi-space-size=4 bin/serve.mjs`, same flags), in its own process on a data set,
 * reached over HTTP on 127.0.0.1; a console session opened through the real login form; the
 * memory of the server's whole process tree (the server and the task-pool children it forks,
 * src/core/workers/pool.ts) read from /proc.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Served {
  port: number;
  pid: number;
  base: string;
  /** Time from spawn to the "running at" line (migrations of the data set included), ms. */
  startMs: number;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();

/** Kills the servers still running (the error path of the bench). */
export function killServers(): void {
  for (const c of live) c.kill('SIGKILL');
  live.clear();
}

let built = false;
/** Builds dist/ once per run (esbuild, about a second). */
export function buildDist(root: string): void {
  if (built) return;
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  built = true;
}

/**
 * Starts `npm start`'s server on `databaseUrl` (or a new SQLite file in a temporary data folder
 * with `demo: 'auto'`). Resolves once it prints its address.
 */
export async function serveProduct(
  root: string,
  opts: { databaseUrl?: string; demo: 'auto' | 'off'; startTimeoutMs: number },
): Promise<Served & { dataDir: string }> {
  buildDist(root);
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-users-'));
  const startScript = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } })
    .scripts.start;
  const nodeArgs =
    /node ((?:--[\w-]+(?:=\S+)? )*)bin\/serve\.mjs/.exec(startScript)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO: opts.demo,
    LOG_LEVEL: 'silent',
    DATABASE_URL: opts.databaseUrl ?? '',
    NOTIFY_FILE_DIR: 'off',
  };
  delete env.PUBLIC_URL;
  const t = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, 'bin/serve.mjs'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let err = '';
  child.stderr.on('data', (b: Buffer) => {
    err = (err + b.toString()).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    live.delete(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => {
        reject(new Error(`the server did not start within ${opts.startTimeoutMs / 1000} s: ${out}${err}`));
      }, opts.startTimeoutMs);
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /http:\/\/localhost:(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code}) before it listened: ${out}${err}`));
      });
    });
    child.stdout.resume();
    const pid = child.pid;
    if (pid === undefined) throw new Error('the server process has no pid');
    return {
      port,
      pid,
      base: `http://127.0.0.1:${port}`,
      startMs: performance.now() - t,
      dataDir,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Memory of a process tree

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // exited between the listing and the read
  }
}

/** The pids of `pid` and every process below it (from /proc/<n>/stat's parent field). */
export function processTree(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces and parentheses: read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(d), ppid);
    } catch {
      // gone
    }
  }
  const out = [pid];
  // out grows while it is walked: every child found is visited in turn.
  for (const q of out) for (const [c, p] of parent) if (p === q) out.push(c);
  return out;
}

export interface TreeRss {
  /** Bytes of the server process alone. */
  main: number;
  /** Bytes of the server and its descendants: the sum of their RSS. */
  total: number;
  /**
   * Bytes the tree keeps resident, each shared page once: the sum of RSS counts the pages of the
   * node binary and libraries (mapped from the same files, one copy in memory) once per process.
   * Private pages of every process, plus the shared pages of each file at the most any process
   * of the tree has of it. Only with `detail` (reading smaps costs the kernel a page-table walk).
   */
  unique: number;
  processes: number;
}

/** Private bytes of a process and its shared bytes per mapped file (from /proc/<pid>/smaps). */
function smapsOf(pid: number): { priv: number; shared: Map<string, number> } {
  const shared = new Map<string, number>();
  let priv = 0;
  let text = '';
  try {
    text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return { priv, shared }; // exited
  }
  let file = '';
  for (const line of text.split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      file = head[1]?.startsWith('/') ? head[1] : '';
      continue;
    }
    const m = /^(Private_Clean|Private_Dirty|Shared_Clean|Shared_Dirty):\s+(\d+) kB/.exec(line);
    if (!m) continue;
    const kb = Number(m[2]) * 1024;
    if (m[1]?.startsWith('Private') || !file) priv += kb;
    else shared.set(file, (shared.get(file) ?? 0) + kb);
  }
  return { priv, shared };
}

export function treeRss(pid: number, detail = false): TreeRss {
  const pids = processTree(pid);
  let total = 0;
  for (const p of pids) total += rssKb(p);
  let unique = 0;
  if (detail) {
    const files = new Map<string, number>();
    for (const p of pids) {
      const { priv, shared } = smapsOf(p);
      unique += priv;
      for (const [f, b] of shared) files.set(f, Math.max(files.get(f) ?? 0, b));
    }
    for (const b of files.values()) unique += b;
  }
  return { main: rssKb(pid) * 1024, total: total * 1024, unique, processes: pids.length };
}

/** Samples the tree every `everyMs` until stopped; returns the peaks. */
export function sampleTree(pid: number, everyMs = 100, detail = false): { stop: () => TreeRss & { samples: number } } {
  const peak: TreeRss = { main: 0, total: 0, unique: 0, processes: 0 };
  let samples = 0;
  const take = () => {
    const r = treeRss(pid, detail);
    samples++;
    peak.main = Math.max(peak.main, r.main);
    peak.total = Math.max(peak.total, r.total);
    peak.unique = Math.max(peak.unique, r.unique);
    peak.processes = Math.max(peak.processes, r.processes);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { ...peak, samples };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP as a browser does it

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
}

/** Signs in through the console's login form (GET for the form token, POST, 303) and returns the Cookie header. */
export async function loginSession(base: string, username: string, password: string): Promise<string> {
  const form = await fetch(`${base}/console/login`, { redirect: 'manual' });
  const html = await form.text();
  if (form.status !== 200) throw new Error(`GET /console/login → HTTP ${form.status}`);
  const csrf = /name="_csrf"\s+value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"\s+name="_csrf"/.exec(html)?.[1];
  if (!csrf) throw new Error('the login form has no _csrf field');
  const jar = cookiesOf(form);
  const res = await fetch(`${base}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ username, password, _csrf: csrf }).toString(),
  });
  await res.arrayBuffer();
  const session = cookiesOf(res).find((c) => c.startsWith('mc_session='));
  if (res.status !== 303 || !session) throw new Error(`POST /console/login → HTTP ${res.status} without a session`);
  return session;
}

export interface Got {
  status: number;
  ms: number;
  bytes: number;
  text: string | null;
}

/** One GET with the session; the time is send → last byte of the body. */
export async function timedGet(
  base: string,
  path: string,
  cookie: string | null,
  opts: { keepText?: boolean; timeoutMs?: number } = {},
): Promise<Got> {
  const t = performance.now();
  const res = await fetch(`${base}${path}`, {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
    signal: AbortSignal.timeout(opts.timeoutMs ?? 300_000),
  });
  if (opts.keepText) {
    const text = await res.text();
    return { status: res.status, ms: performance.now() - t, bytes: Buffer.byteLength(text), text };
  }
  const buf = await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t, bytes: buf.byteLength, text: null };
}

/** Decodes the few entities an href carries in the product's HTML. */
export function unescapeHref(h: string): string {
  return h
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/gi, '/')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');
}

/** The href of the `rel="next"` link of a page, if any (attribute order either way). */
export function nextLink(html: string): string | null {
  const tag = /<a\b[^>]*\brel="next"[^>]*>/.exec(html)?.[0];
  const href = tag ? /\bhref="([^"]+)"/.exec(tag)?.[1] : undefined;
  return href ? unescapeHref(href) : null;
}

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return 0;
  }
}

/**
 * Waits until no process of the tree uses CPU for `quietMs` (at most `maxMs`): after a request the
 * client gave up on, the server's child may still be rendering it, and the next figure must not
 * share the machine with it.
 */
export async function waitTreeQuiet(pid: number, quietMs = 2000, maxMs = 180_000): Promise<number> {
  const t = performance.now();
  const total = () => processTree(pid).reduce((n, p) => n + cpuTicks(p), 0);
  let last = total();
  let quietSince = performance.now();
  while (performance.now() - t < maxMs) {
    await new Promise((r) => setTimeout(r, 500));
    const now = total();
    // A few ticks (timers, the at-risk watch) are not work.
    if (now - last > 5) quietSince = performance.now();
    last = now;
    if (performance.now() - quietSince >= quietMs) break;
  }
  return performance.now() - t;
}
