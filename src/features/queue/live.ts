/**
 * The board's live feed. One poller per centre and process reads the centre's last queue event
 * id from the database (a cheap indexed max) about once a second while a board listens; when it
 * moves, the new board state is pushed to every listener as a server-sent event. Because the
 * change comes from the database, a ticket called through another server instance reaches every
 * board too. Streams end when the server closes, so a restart never hangs on an open board.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/errors.ts';
import { boardOf, lastChange } from './service.ts';

const POLL_MS = 1000;
const PING_MS = 15_000;
/** How long a disconnected browser waits before reconnecting. */
const RETRY_MS = 2000;
/** Open board streams per process, and per client address: beyond, 503 and the board polls. */
export const MAX_STREAMS = 200;
export const MAX_STREAMS_PER_IP = 20;
/** Seconds a refused board waits before trying the stream again (it polls meanwhile). */
export const STREAM_RETRY_AFTER_S = 30;
export interface StreamLimits {
  total: number;
  perIp: number;
}

interface Listener {
  send(event: string, data: string, id?: number): void;
  end(): void;
}
interface Feed {
  center: Center;
  last: number;
  listeners: Set<Listener>;
  timer: NodeJS.Timeout | null;
  busy: boolean;
}

export interface LiveFeeds {
  subscribe(center: Center, l: Listener): Promise<() => void>;
  /** Takes a stream slot for a client address; null when the process or the address is at its cap. The release runs once. */
  admit(ip: string): (() => void) | null;
  closeAll(): void;
  size(): number;
}

export function liveFeeds(
  deps: Deps,
  limits: StreamLimits = { total: MAX_STREAMS, perIp: MAX_STREAMS_PER_IP },
): LiveFeeds {
  const feeds = new Map<number, Feed>();
  let open = 0;
  const byIp = new Map<string, number>();

  async function tick(f: Feed): Promise<void> {
    if (f.busy) return;
    f.busy = true;
    try {
      const last = await lastChange(deps, f.center.id);
      if (last !== f.last) {
        f.last = last;
        const state = JSON.stringify(await boardOf(deps, f.center));
        for (const l of f.listeners) l.send('state', state, last);
      }
    } catch (err) {
      deps.log.warn({ err: String(err), center: f.center.slug }, 'queue live feed: poll failed');
    } finally {
      f.busy = false;
    }
  }

  return {
    async subscribe(center, l) {
      let f = feeds.get(center.id);
      if (!f) {
        f = { center, last: await lastChange(deps, center.id), listeners: new Set(), timer: null, busy: false };
        feeds.set(center.id, f);
        const feed = f;
        feed.timer = setInterval(() => void tick(feed), POLL_MS);
        feed.timer.unref();
      }
      f.listeners.add(l);
      const feed = f;
      return () => {
        feed.listeners.delete(l);
        if (!feed.listeners.size) {
          if (feed.timer) clearInterval(feed.timer);
          feeds.delete(center.id);
        }
      };
    },
    admit(ip) {
      const mine = byIp.get(ip) ?? 0;
      if (open >= limits.total || mine >= limits.perIp) return null;
      open++;
      byIp.set(ip, mine + 1);
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        open--;
        const n = (byIp.get(ip) ?? 1) - 1;
        if (n > 0) byIp.set(ip, n);
        else byIp.delete(ip);
      };
    },
    closeAll() {
      for (const f of feeds.values()) {
        if (f.timer) clearInterval(f.timer);
        for (const l of f.listeners) l.end();
      }
      feeds.clear();
    },
    size: () => [...feeds.values()].reduce((n, f) => n + f.listeners.size, 0),
  };
}

/** A stream slot for this client address (this process and, with several instances, all of them), or 503. */
async function takeStreamSlot(deps: Deps, live: LiveFeeds, reply: FastifyReply, ip: string): Promise<() => void> {
  const local = live.admit(ip);
  // Several instances: the per-address cap also counts the other instances' streams.
  let shared: (() => void) | null = null;
  try {
    shared = local && deps.streamSlots ? await deps.streamSlots.take(ip, MAX_STREAMS_PER_IP) : null;
  } catch (e) {
    local?.();
    throw e;
  }
  if (local && deps.streamSlots && !shared) local();
  const release =
    local && (!deps.streamSlots || shared)
      ? () => {
          local();
          shared?.();
        }
      : null;
  if (!release) {
    reply.header('retry-after', String(STREAM_RETRY_AFTER_S));
    throw new AppError('UNAVAILABLE', [
      {
        vi: 'Quá nhiều màn hình đang theo dõi trực tiếp; màn hình sẽ tự cập nhật định kỳ.',
        en: 'Too many boards are following live; this board will refresh periodically instead.',
      },
    ]);
  }
  return release;
}

/**
 * Answers one board with an event stream: the state at once, then every change, and a ping now and then.
 * Open streams are capped (process and client address): beyond, 503 UNAVAILABLE with Retry-After,
 * and the board page falls back to polling the JSON state.
 */
export async function streamBoard(
  deps: Deps,
  live: LiveFeeds,
  center: Center,
  reply: FastifyReply,
  ip: string,
): Promise<void> {
  const release = await takeStreamSlot(deps, live, reply, ip);
  let state: Awaited<ReturnType<typeof boardOf>>;
  try {
    state = await boardOf(deps, center);
  } catch (e) {
    release();
    throw e;
  }
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let open = true;
  const write = (s: string) => {
    if (open) res.write(s);
  };
  const listener: Listener = {
    send(event, data, id) {
      write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${data}\n\n`);
    },
    end() {
      if (!open) return;
      open = false;
      res.end();
    },
  };
  let unsubscribe: (() => void) | null = null;
  let ping: NodeJS.Timeout | null = null;
  const done = () => {
    open = false;
    release();
    if (ping) clearInterval(ping);
    unsubscribe?.();
    unsubscribe = null;
  };
  // The response closes when the browser goes away (or after end()).
  res.on('close', done);
  write(`retry: ${RETRY_MS}\n\n`);
  listener.send('state', JSON.stringify(state), state.lastEventId);
  const unsub = await live.subscribe(center, listener);
  // The browser may have gone while we subscribed.
  if (!open) {
    unsub();
    return;
  }
  unsubscribe = unsub;
  ping = setInterval(() => {
    write(`event: ping\ndata: {}\n\n`);
  }, PING_MS);
  ping.unref();
}

/** Ends every open board stream before the server closes. */
export function closeStreamsOnShutdown(app: FastifyInstance, live: LiveFeeds): void {
  app.addHook('preClose', async () => {
    live.closeAll();
  });
}
