/**
 * HTTP load generator, run as a child process (`fork`) so it has its own event loop, its own core
 * when the machine has two or more, and its memory does not count in the product's RSS.
 *
 * `concurrency` connections each keep one GET in flight over a persistent HTTP/1.1 connection
 * (keep-alive, no pipelining), cycling through `paths`. The client is a minimal HTTP/1.1
 * reader on `node:net` (status line, Content-Length framing) because node:http's client costs
 * more per request than a bare Fastify route and would cap the baseline. Requests that start
 * during the warm-up are not recorded.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface LoadJob {
  host: string;
  port: number;
  paths: string[];
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadClientResult {
  requests: number;
  errors: number;
  firstError: string | null;
  statuses: Record<string, number>;
  /** Body bytes of recorded responses. */
  bytes: number;
  /** Measured window: end of warm-up → last recorded response, ms. */
  windowMs: number;
  /** Client-side latency of every recorded request, ms. */
  latencies: Float64Array;
  /** TCP connections opened (equals `concurrency` when keep-alive holds). */
  connections: number;
}

export type LoadMessage =
  { type: 'warm' } | { type: 'done'; result: LoadClientResult } | { type: 'failed'; message: string };

const HEADER_END = Buffer.from('\r\n\r\n');

interface Response {
  status: number;
  bodyBytes: number;
}

/** One persistent connection that sends a GET and resolves with the response, one at a time. */
class Connection {
  private readonly socket: net.Socket;
  private head: Buffer | null = null;
  private status = 0;
  private remaining = -1;
  private bodyBytes = 0;
  private pending: { resolve: (r: Response) => void; reject: (e: Error) => void } | null = null;
  private failed: Error | null = null;
  private readonly hostHeader: string;

  constructor(host: string, port: number) {
    this.hostHeader = `${host}:${port}`;
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => {
      this.onData(chunk);
    });
    this.socket.on('error', (err) => {
      this.fail(err);
    });
    this.socket.on('close', () => {
      this.fail(new Error('connection closed by the server'));
    });
  }

  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => {
        resolve();
      });
      this.socket.once('error', reject);
    });
  }

  get(path: string): Promise<Response> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.head = null;
      this.remaining = -1;
      this.bodyBytes = 0;
      this.socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${this.hostHeader}\r\nAccept: application/json\r\nConnection: keep-alive\r\n\r\n`,
      );
    });
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  private fail(err: Error): void {
    this.failed ??= err;
    const p = this.pending;
    this.pending = null;
    p?.reject(err);
  }

  private onData(chunk: Buffer): void {
    if (!this.pending) {
      this.fail(new Error('unexpected data without a request in flight'));
      return;
    }
    if (this.remaining < 0) {
      // Still reading the head: it is small and nearly always in the first chunk.
      const buf = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      const end = buf.indexOf(HEADER_END);
      if (end < 0) {
        this.head = buf;
        return;
      }
      const head = buf.toString('latin1', 0, end);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!status) {
        this.fail(new Error(`malformed status line: ${head.slice(0, 60)}`));
        return;
      }
      if (!length) {
        this.fail(
          new Error('response without Content-Length (chunked responses are not supported by the bench client)'),
        );
        return;
      }
      this.status = Number(status[1]);
      this.remaining = Number(length[1]);
      chunk = buf.subarray(end + HEADER_END.length);
    }
    this.bodyBytes += chunk.length;
    this.remaining -= chunk.length;
    if (this.remaining > 0) return;
    if (this.remaining < 0) {
      this.fail(new Error('more bytes than Content-Length (pipelining is not used)'));
      return;
    }
    const p = this.pending;
    this.pending = null;
    p.resolve({ status: this.status, bodyBytes: this.bodyBytes });
  }
}

export async function runLoad(job: LoadJob, onWarm: () => void): Promise<LoadClientResult> {
  if (job.paths.length === 0) throw new Error('load: no paths');
  const conns = Array.from({ length: job.concurrency }, () => new Connection(job.host, job.port));
  await Promise.all(conns.map((c) => c.ready()));
  const t0 = performance.now();
  const warmEnd = t0 + job.warmupMs;
  const end = warmEnd + job.durationMs;
  let latencies = new Float64Array(1 << 16);
  let n = 0;
  let errors = 0;
  let firstError: string | null = null;
  let bytes = 0;
  let lastDone = warmEnd;
  let cursor = 0;
  let warmed = false;
  const statuses: Record<string, number> = {};
  const timer = setTimeout(() => {
    warmed = true;
    onWarm();
  }, job.warmupMs);

  async function loop(conn: Connection): Promise<void> {
    for (;;) {
      const start = performance.now();
      if (start >= end) return;
      const path = job.paths[cursor]!;
      cursor = cursor + 1 === job.paths.length ? 0 : cursor + 1;
      let r: Response;
      try {
        r = await conn.get(path);
      } catch (err) {
        errors++;
        firstError ??= `${err instanceof Error ? err.message : String(err)} (GET ${path})`;
        return; // a broken connection would otherwise spin; the run is reported as failed
      }
      const done = performance.now();
      if (start < warmEnd) continue;
      if (n === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[n++] = done - start;
      bytes += r.bodyBytes;
      if (done > lastDone) lastDone = done;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== 200) {
        errors++;
        firstError ??= `HTTP ${r.status} (GET ${path})`;
      }
    }
  }

  try {
    await Promise.all(conns.map((c) => loop(c)));
  } finally {
    clearTimeout(timer);
    for (const c of conns) c.close();
  }
  if (!warmed) onWarm();
  return {
    requests: n,
    errors,
    firstError,
    statuses,
    bytes,
    windowMs: lastDone - warmEnd,
    latencies: latencies.slice(0, n),
    connections: conns.length,
  };
}

// Entry point when forked by bench/lib/load.ts: one job in, messages out, then exit.
if (process.send && process.argv.includes('--bench-load-client')) {
  const send = (m: LoadMessage) =>
    new Promise<void>((resolve) =>
      process.send!(m, () => {
        resolve();
      }),
    );
  process.once('message', (job: LoadJob) => {
    runLoad(job, () => void send({ type: 'warm' }))
      .then((result) => send({ type: 'done', result }))
      .catch((err: unknown) => send({ type: 'failed', message: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        process.disconnect();
      });
  });
}
