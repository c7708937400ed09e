/**
 * Server side of the HTTP benchmark: forks the load client (bench/lib/load-client.ts) for one
 * scenario and measures the server-side time of the same requests through Node's built-in HTTP diagnostics channels
 * (request parsed → response handed to the socket), which includes routing, validation,
 * hooks, the handler and serialisation, but not the network or the client.
 */
import dc from 'node:diagnostics_channel';
import type { Server } from 'node:http';
import { fork, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { LoadClientResult, LoadJob, LoadMessage } from './load-client.ts';
import { percentileOfSorted } from './stats.ts';

export interface LoadResult {
  label: string;
  path: string;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  requestsPerSecond: number;
  meanBytes: number;
  connections: number;
  windowMs: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  serverMs: { samples: number; p50: number; p90: number; p99: number; max: number };
  /** Delay of the server's event loop during the measured window (stalls such as GC pauses). */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

interface ServerMessage {
  server: Server;
  response: object;
}

/** Records server-side durations for one server while `recording` is on. */
class ServerTimer {
  private readonly started = new WeakMap<object, number>();
  private target: Server | null = null;
  private recording = false;
  private samples: number[] = [];
  private readonly onStart = (m: unknown) => {
    const msg = m as ServerMessage;
    if (msg.server === this.target) this.started.set(msg.response, performance.now());
  };
  private readonly onFinish = (m: unknown) => {
    const msg = m as ServerMessage;
    if (msg.server !== this.target) return;
    const t = this.started.get(msg.response);
    if (t === undefined) return;
    this.started.delete(msg.response);
    if (this.recording) this.samples.push(performance.now() - t);
  };
  attach(server: Server): void {
    this.target = server;
    this.recording = false;
    this.samples = [];
    dc.subscribe('http.server.request.start', this.onStart);
    dc.subscribe('http.server.response.finish', this.onFinish);
  }
  record(): void {
    this.samples = [];
    this.recording = true;
  }
  detach(): number[] {
    dc.unsubscribe('http.server.request.start', this.onStart);
    dc.unsubscribe('http.server.response.finish', this.onFinish);
    this.recording = false;
    this.target = null;
    return this.samples;
  }
}

const live = new Set<ChildProcess>();

/** Kills load clients still running (used by the error path). */
export function killLoadClients(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

const CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url));

function runClient(job: LoadJob, onWarm: () => void): Promise<LoadClientResult> {
  return new Promise((resolve, reject) => {
    // Plain Node flags: the client is a .ts file without JSX, which Node 24 runs natively.
    const child = fork(CLIENT, ['--bench-load-client'], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    live.add(child);
    let result: LoadClientResult | null = null;
    let failure: string | null = null;
    child.on('message', (m: LoadMessage) => {
      if (m.type === 'warm') onWarm();
      else if (m.type === 'done') result = m.result;
      else failure = m.message;
    });
    child.on('error', (err) => {
      live.delete(child);
      reject(new Error(`load client failed: ${err.message}`, { cause: err }));
    });
    // Settle once the process has exited and its IPC channel is drained (in either order).
    let exit: string | null = null;
    let drained = false;
    const settle = () => {
      if (exit === null || !drained) return;
      live.delete(child);
      if (result) resolve(result);
      else reject(new Error(`load client ${failure ? `failed: ${failure}` : `exited (${exit}) before reporting`}`));
    };
    child.on('disconnect', () => {
      drained = true;
      settle();
    });
    child.on('exit', (code, signal) => {
      exit = signal ?? `code ${code}`;
      settle();
    });
    child.send(job);
  });
}

/** Runs the load client for `job` without a server-side timer (a server in another process). */
export function runLoadClient(job: LoadJob): Promise<LoadClientResult> {
  return runClient(job, () => undefined);
}

function summarise(values: ArrayLike<number>) {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i]!;
  return {
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p99: percentileOfSorted(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** Loads `server` (listening on host:port) with GETs of `paths` and returns client and server figures. */
export async function measure(label: string, server: Server, job: LoadJob): Promise<LoadResult> {
  const timer = new ServerTimer();
  timer.attach(server);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let r: LoadClientResult;
  let serverSamples: number[];
  try {
    r = await runClient(job, () => {
      timer.record();
      loop.enable();
    });
  } finally {
    serverSamples = timer.detach();
    loop.disable();
  }
  if (r.errors > 0 || r.requests === 0) {
    throw new Error(
      `HTTP benchmark “${label}” failed: ${r.errors} error(s) in ${r.requests} request(s)` +
        (r.firstError ? ` — first: ${r.firstError}` : '') +
        ` — statuses ${JSON.stringify(r.statuses)}`,
    );
  }
  const lat = summarise(r.latencies);
  const srv = summarise(serverSamples);
  return {
    label,
    path: job.paths.length === 1 ? job.paths[0]! : `${job.paths[0]} (+${job.paths.length - 1} more)`,
    requests: r.requests,
    errors: r.errors,
    statuses: r.statuses,
    requestsPerSecond: r.requests / (r.windowMs / 1000),
    meanBytes: r.bytes / r.requests,
    connections: r.connections,
    windowMs: r.windowMs,
    latencyMs: lat,
    serverMs: { samples: serverSamples.length, p50: srv.p50, p90: srv.p90, p99: srv.p99, max: srv.max },
    eventLoopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
  };
}
