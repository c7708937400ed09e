/**
 * A local simulator of the national portal (DVCQG) / provincial system, for the tests, the bench
 * and the demo: the same JSON and the same error shapes as the client expects (client.ts,
 * docs/dvcqg.md), with a failing mode (a share of calls answer 503, an error_code, a reset
 * connection, or are taken but their answer is lost) and a slow mode. It keeps what it received in
 * memory and, with a state file, in a JSON-lines journal replayed at start: stop it and start it
 * again on the same file and it goes on where it was (de-duplication included).
 *
 * Besides the portal API it has a small control API under /_sim (no credential): what was received,
 * online submissions to offer, and the failure settings.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { seededRandom } from '../../core/random.ts';
import { PATHS } from './client.ts';

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** Share of portal calls that fail (0..1). */
  failRate?: number;
  /** Delay before each portal answer, in ms. */
  slowMs?: number;
  /** Required as `Authorization: Bearer <secret>` when set. */
  secret?: string | null;
  /** JSON-lines journal; without it the state lives in memory only. */
  stateFile?: string | null;
  seed?: number;
}

/** One message the portal took (a repeat of the same idempotency key is not recorded again). */
export interface Received {
  key: string;
  code: string;
  seq: number;
  kind: 'create' | 'update';
  status: string;
  at: string;
}

interface Submission {
  unit: string;
  hoSo: Record<string, unknown>;
  taken: boolean;
}

type Entry =
  { t: 'msg'; r: Received; hoSo: Record<string, unknown> } | { t: 'sub'; unit: string; hoSo: Record<string, unknown> };

export interface Simulator {
  url: string;
  port: number;
  received(): Received[];
  /** Sequence problems seen: a dossier's message whose number is not the previous one + 1. */
  orderViolations(): string[];
  dossier(code: string): Record<string, unknown> | undefined;
  addSubmissions(unit: string, list: Record<string, unknown>[]): void;
  setFailure(o: { failRate?: number; slowMs?: number }): void;
  /** Calls answered (all kinds), failures injected. */
  stats(): { calls: number; injected: number };
  stop(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown): ServerResponse => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  return res.end(text);
};

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 5_000_000) throw new Error('too large');
    chunks.push(c as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  let failRate = opts.failRate ?? 0;
  let slowMs = opts.slowMs ?? 0;
  const rand = seededRandom(opts.seed ?? Date.now() % 100_000);
  const received: Received[] = [];
  const keys = new Set<string>();
  const dossiers = new Map<string, Record<string, unknown>>();
  const lastSeq = new Map<string, number>();
  const violations: string[] = [];
  const submissions = new Map<string, Submission>();
  let calls = 0;
  let injected = 0;

  const apply = (e: Entry) => {
    if (e.t === 'msg') {
      keys.add(e.r.key);
      received.push(e.r);
      dossiers.set(e.r.code, e.hoSo);
      const ourCode = e.r.key.slice(0, e.r.key.lastIndexOf(':'));
      const prev = lastSeq.get(ourCode) ?? 0;
      if (e.r.seq !== prev + 1) violations.push(`${ourCode}: ${e.r.seq} after ${prev}`);
      lastSeq.set(ourCode, Math.max(prev, e.r.seq));
      const sub = submissions.get(e.r.code);
      if (sub) sub.taken = true;
    } else {
      const code = typeof e.hoSo.MaHoSo === 'string' ? e.hoSo.MaHoSo : '';
      if (!submissions.has(code)) submissions.set(code, { unit: e.unit, hoSo: e.hoSo, taken: dossiers.has(code) });
    }
  };
  /** A submission without NgayNopHoSo is dated when it is offered (so a sample file never goes stale). */
  const dated = (h: Record<string, unknown>): Record<string, unknown> =>
    typeof h.NgayNopHoSo === 'string' && h.NgayNopHoSo
      ? h
      : { ...h, NgayNopHoSo: new Date(Date.now() + 7 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14) };
  const record = (e: Entry) => {
    if (opts.stateFile) appendFileSync(opts.stateFile, JSON.stringify(e) + '\n');
    apply(e);
  };
  if (opts.stateFile && existsSync(opts.stateFile))
    for (const line of readFileSync(opts.stateFile, 'utf8').split('\n'))
      if (line.trim()) apply(JSON.parse(line) as Entry);

  const authorised = (req: IncomingMessage) => !opts.secret || req.headers.authorization === `Bearer ${opts.secret}`;

  async function portal(req: IncomingMessage, res: ServerResponse, path: string): Promise<ServerResponse | undefined> {
    calls++;
    if (slowMs > 0) await sleep(slowMs);
    if (!authorised(req))
      return json(res, 401, { error_code: 401, message: 'Sai thông tin xác thực / bad credentials' });
    // Failures injected before anything is taken (except "lost answer", below).
    const roll = failRate > 0 && rand() < failRate ? Math.floor(rand() * 4) : -1;
    if (roll === 0) {
      injected++;
      return json(res, 503, { error_code: 503, message: 'Hệ thống đang bận, vui lòng thử lại sau' });
    }
    if (roll === 1) {
      injected++;
      return json(res, 200, { error_code: -1, message: 'Lỗi kết nối cơ sở dữ liệu' });
    }
    if (roll === 2) {
      injected++;
      req.socket.destroy();
      return;
    }
    if (req.method === 'GET' && path === PATHS.submissions) {
      const unit = new URL(req.url ?? '/', 'http://x').searchParams.get('MaDonVi') ?? '';
      const list = [...submissions.values()].filter((s) => s.unit === unit && !s.taken).map((s) => s.hoSo);
      return json(res, 200, { error_code: 0, message: 'Thành công', HoSo: list });
    }
    if (req.method !== 'POST' || (path !== PATHS.create && path !== PATHS.update))
      return json(res, 404, { error_code: 404, message: 'Không có đường dẫn này' });
    let body: unknown;
    try {
      body = await readBody(req);
    } catch {
      return json(res, 400, { error_code: 400, message: 'Nội dung không phải JSON hợp lệ' });
    }
    const list = (body as { HoSo?: unknown } | null)?.HoSo;
    const hoSo = Array.isArray(list) && list.length === 1 ? (list[0] as Record<string, unknown>) : null;
    const key = req.headers['x-idempotency-key'];
    const m = typeof key === 'string' ? /^(.+):(\d+)$/.exec(key) : null;
    if (!hoSo || typeof hoSo.MaHoSo !== 'string' || !hoSo.MaHoSo || typeof hoSo.TrangThaiHoSo !== 'string' || !m)
      return json(res, 400, { error_code: 400, message: 'Thiếu HoSo, MaHoSo, TrangThaiHoSo hoặc X-Idempotency-Key' });
    const code = hoSo.MaHoSo;
    if (keys.has(key as string)) return json(res, 200, { error_code: 0, message: 'Đã nhận trước đó', MaGiaoDich: key });
    const kind = path === PATHS.create ? 'create' : 'update';
    if (kind === 'create' && dossiers.has(code))
      return json(res, 409, { error_code: 409, message: 'Hồ sơ đã tồn tại' });
    if (kind === 'update' && !dossiers.has(code) && !submissions.has(code))
      return json(res, 404, { error_code: 404, message: 'Không tìm thấy hồ sơ' });
    record({
      t: 'msg',
      r: {
        key: key as string,
        code,
        seq: Number(m[2]),
        kind,
        status: hoSo.TrangThaiHoSo,
        at: new Date().toISOString(),
      },
      hoSo,
    });
    if (roll === 3) {
      injected++;
      return json(res, 502, { error_code: 502, message: 'Bad gateway (câu trả lời bị mất)' });
    }
    return json(res, 200, { error_code: 0, message: 'Thành công', MaGiaoDich: key });
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<ServerResponse> {
    if (req.method === 'GET' && path === '/_sim/received')
      return json(res, 200, { received, orderViolations: violations, calls, injected });
    if (req.method === 'POST' && path === '/_sim/submissions') {
      const b = (await readBody(req)) as { MaDonVi?: unknown; HoSo?: unknown };
      if (typeof b.MaDonVi !== 'string' || !Array.isArray(b.HoSo))
        return json(res, 400, { error_code: 400, message: 'Cần { MaDonVi, HoSo: [...] }' });
      for (const h of b.HoSo as Record<string, unknown>[]) record({ t: 'sub', unit: b.MaDonVi, hoSo: dated(h) });
      return json(res, 200, { error_code: 0, message: 'Thành công', count: b.HoSo.length });
    }
    if (req.method === 'POST' && path === '/_sim/failure') {
      const b = (await readBody(req)) as { failRate?: unknown; slowMs?: unknown };
      if (typeof b.failRate === 'number') failRate = b.failRate;
      if (typeof b.slowMs === 'number') slowMs = b.slowMs;
      return json(res, 200, { error_code: 0, failRate, slowMs });
    }
    return json(res, 404, { error_code: 404, message: 'Không có đường dẫn này' });
  }

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const handler = path.startsWith('/_sim/') ? control : portal;
    handler(req, res, path).catch((e: unknown) => {
      if (!res.headersSent) json(res, 500, { error_code: 500, message: (e as Error).message });
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      ok();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    received: () => [...received],
    orderViolations: () => [...violations],
    dossier: (code) => dossiers.get(code),
    addSubmissions: (unit, list) => {
      for (const h of list) record({ t: 'sub', unit, hoSo: dated(h) });
    },
    setFailure: (o) => {
      if (o.failRate !== undefined) failRate = o.failRate;
      if (o.slowMs !== undefined) slowMs = o.slowMs;
    },
    stats: () => ({ calls, injected }),
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => {
          ok();
        });
      }),
  };
}
