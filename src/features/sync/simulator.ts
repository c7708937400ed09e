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

/** The simulator's memory: what it received, the portal's dossiers and submissions, the failure settings. */
interface SimState {
  opts: SimulatorOptions;
  failRate: number;
  slowMs: number;
  rand: () => number;
  received: Received[];
  keys: Set<string>;
  dossiers: Map<string, Record<string, unknown>>;
  lastSeq: Map<string, number>;
  violations: string[];
  submissions: Map<string, Submission>;
  calls: number;
  injected: number;
}

function apply(st: SimState, e: Entry): void {
  if (e.t === 'msg') {
    st.keys.add(e.r.key);
    st.received.push(e.r);
    st.dossiers.set(e.r.code, e.hoSo);
    const ourCode = e.r.key.slice(0, e.r.key.lastIndexOf(':'));
    const prev = st.lastSeq.get(ourCode) ?? 0;
    if (e.r.seq !== prev + 1) st.violations.push(`${ourCode}: ${e.r.seq} after ${prev}`);
    st.lastSeq.set(ourCode, Math.max(prev, e.r.seq));
    const sub = st.submissions.get(e.r.code);
    if (sub) sub.taken = true;
  } else {
    const code = typeof e.hoSo.MaHoSo === 'string' ? e.hoSo.MaHoSo : '';
    if (!st.submissions.has(code))
      st.submissions.set(code, { unit: e.unit, hoSo: e.hoSo, taken: st.dossiers.has(code) });
  }
}

/** A submission without NgayNopHoSo is dated when it is offered (so a sample file never goes stale). */
const dated = (h: Record<string, unknown>): Record<string, unknown> =>
  typeof h.NgayNopHoSo === 'string' && h.NgayNopHoSo
    ? h
    : { ...h, NgayNopHoSo: new Date(Date.now() + 7 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14) };

function record(st: SimState, e: Entry): void {
  if (st.opts.stateFile) appendFileSync(st.opts.stateFile, JSON.stringify(e) + '\n');
  apply(st, e);
}

/** A line of the state file, checked: a message received or a submission offered. */
function entryOf(v: unknown): Entry {
  const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const hoSo = o.hoSo;
  if ((o.t !== 'msg' && o.t !== 'sub') || typeof hoSo !== 'object' || hoSo === null)
    throw new Error(`simulator state file: not an entry: ${JSON.stringify(v).slice(0, 100)}`);
  return v as Entry;
}

function loadState(opts: SimulatorOptions): SimState {
  const st: SimState = {
    opts,
    failRate: opts.failRate ?? 0,
    slowMs: opts.slowMs ?? 0,
    rand: seededRandom(opts.seed ?? Date.now() % 100_000),
    received: [],
    keys: new Set(),
    dossiers: new Map(),
    lastSeq: new Map(),
    violations: [],
    submissions: new Map(),
    calls: 0,
    injected: 0,
  };
  if (opts.stateFile && existsSync(opts.stateFile))
    for (const line of readFileSync(opts.stateFile, 'utf8').split('\n'))
      if (line.trim()) apply(st, entryOf(JSON.parse(line)));
  return st;
}

/** Failures injected before anything is taken: busy (0), an error answer (1), a dropped connection (2); 3 is decided later. */
function injectFailure(st: SimState, req: IncomingMessage, res: ServerResponse, roll: number): boolean {
  if (roll < 0 || roll > 2) return false;
  st.injected++;
  if (roll === 0) json(res, 503, { error_code: 503, message: 'Hệ thống đang bận, vui lòng thử lại sau' });
  else if (roll === 1) json(res, 200, { error_code: -1, message: 'Lỗi kết nối cơ sở dữ liệu' });
  else req.socket.destroy();
  return true;
}

/** A create or update: checked, recorded once per idempotency key, answered. */
async function acceptMessage(st: SimState, req: IncomingMessage, res: ServerResponse, path: string, roll: number) {
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
  if (st.keys.has(key as string))
    return json(res, 200, { error_code: 0, message: 'Đã nhận trước đó', MaGiaoDich: key });
  const kind = path === PATHS.create ? 'create' : 'update';
  if (kind === 'create' && st.dossiers.has(code))
    return json(res, 409, { error_code: 409, message: 'Hồ sơ đã tồn tại' });
  if (kind === 'update' && !st.dossiers.has(code) && !st.submissions.has(code))
    return json(res, 404, { error_code: 404, message: 'Không tìm thấy hồ sơ' });
  const at = new Date().toISOString();
  record(st, {
    t: 'msg',
    r: { key: key as string, code, seq: Number(m[2]), kind, status: hoSo.TrangThaiHoSo, at },
    hoSo,
  });
  if (roll === 3) {
    st.injected++;
    return json(res, 502, { error_code: 502, message: 'Bad gateway (câu trả lời bị mất)' });
  }
  return json(res, 200, { error_code: 0, message: 'Thành công', MaGiaoDich: key });
}

async function portal(
  st: SimState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<ServerResponse | undefined> {
  st.calls++;
  if (st.slowMs > 0) await sleep(st.slowMs);
  if (st.opts.secret && req.headers.authorization !== `Bearer ${st.opts.secret}`)
    return json(res, 401, { error_code: 401, message: 'Sai thông tin xác thực / bad credentials' });
  // Failures injected before anything is taken (except "lost answer", in acceptMessage).
  const roll = st.failRate > 0 && st.rand() < st.failRate ? Math.floor(st.rand() * 4) : -1;
  if (injectFailure(st, req, res, roll)) return roll === 2 ? undefined : res;
  if (req.method === 'GET' && path === PATHS.submissions) {
    const unit = new URL(req.url ?? '/', 'http://x').searchParams.get('MaDonVi') ?? '';
    const list = [...st.submissions.values()].filter((s) => s.unit === unit && !s.taken).map((s) => s.hoSo);
    return json(res, 200, { error_code: 0, message: 'Thành công', HoSo: list });
  }
  if (req.method !== 'POST' || (path !== PATHS.create && path !== PATHS.update))
    return json(res, 404, { error_code: 404, message: 'Không có đường dẫn này' });
  return acceptMessage(st, req, res, path, roll);
}

async function control(st: SimState, req: IncomingMessage, res: ServerResponse, path: string): Promise<ServerResponse> {
  if (req.method === 'GET' && path === '/_sim/received')
    return json(res, 200, {
      received: st.received,
      orderViolations: st.violations,
      calls: st.calls,
      injected: st.injected,
    });
  if (req.method === 'POST' && path === '/_sim/submissions') {
    const b = (await readBody(req)) as { MaDonVi?: unknown; HoSo?: unknown };
    if (typeof b.MaDonVi !== 'string' || !Array.isArray(b.HoSo))
      return json(res, 400, { error_code: 400, message: 'Cần { MaDonVi, HoSo: [...] }' });
    for (const h of b.HoSo as Record<string, unknown>[]) record(st, { t: 'sub', unit: b.MaDonVi, hoSo: dated(h) });
    return json(res, 200, { error_code: 0, message: 'Thành công', count: b.HoSo.length });
  }
  if (req.method === 'POST' && path === '/_sim/failure') {
    const b = (await readBody(req)) as { failRate?: unknown; slowMs?: unknown };
    if (typeof b.failRate === 'number') st.failRate = b.failRate;
    if (typeof b.slowMs === 'number') st.slowMs = b.slowMs;
    return json(res, 200, { error_code: 0, failRate: st.failRate, slowMs: st.slowMs });
  }
  return json(res, 404, { error_code: 404, message: 'Không có đường dẫn này' });
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const st = loadState(opts);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const handler = path.startsWith('/_sim/') ? control : portal;
    handler(st, req, res, path).catch((e: unknown) => {
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
    received: () => [...st.received],
    orderViolations: () => [...st.violations],
    dossier: (code) => st.dossiers.get(code),
    addSubmissions: (unit, list) => {
      for (const h of list) record(st, { t: 'sub', unit, hoSo: dated(h) });
    },
    setFailure: (o) => {
      if (o.failRate !== undefined) st.failRate = o.failRate;
      if (o.slowMs !== undefined) st.slowMs = o.slowMs;
    },
    stats: () => ({ calls: st.calls, injected: st.injected }),
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => {
          ok();
        });
      }),
  };
}
