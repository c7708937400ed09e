/**
 * Boards rendered ahead, in the background (decisions 050, 053): when what a kept board prints
 * changes — a catalogue publication, a change of the centre's settings, a new day for the boards
 * that print the date — its boards are rendered again in the task pool and kept, so the next
 * citizen or officer gets a file instead of waiting for a rendering. One function,
 * `renderBoardsAhead`, whatever the cause; the server process never renders a PDF itself.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { getCenterById } from '../centers/index.ts';
import { catalogOf } from '../catalog/index.ts';
import { offload, taskPoolOf } from '../tasks.ts';
import { boardIdentity, boardsToPrerender, msToNextVnDay, prerenderBase } from './model.ts';
import { centresKeepingDatedBoards, keptBoardsOf, keptPrintable, renderPrintable, type KeptBoard } from './service.ts';

/** Centres waiting for their boards (with the newest origin they were given), and the one-at-a-time chain. */
const waiting = new Map<string, string | null>();
let chain: Promise<void> = Promise.resolve();

/**
 * The boards of a centre are stale (its catalogue, settings or day changed): they are rendered
 * again in the task pool and kept, one board at a time and one centre after another (a province
 * pushing to every commune never crowds the pool out: citizens' requests keep their places).
 * Which boards: the posting boards of decision 050 (whole catalogue and each field, A4) when an
 * address to print is known (`PUBLIC_URL`, else `origin`, the request that changed something),
 * and every board this process keeps for the centre (fee table, QR sheet, A3… as they were asked
 * for). A board whose kept file is still good is skipped. Without a pool (in-memory database, the
 * CLI) nothing is done. A board that fails is logged and left to its first request; the caller
 * (publication, settings save) never waits for this and is never affected.
 */
export function renderBoardsAhead(deps: Deps, centerId: number, origin: string | null): Promise<void> {
  if (!taskPoolOf(deps)) return Promise.resolve();
  const id = `${deps.config.databaseUrl}#${String(centerId)}`;
  // Already waiting: that run reads the centre and catalogue when it starts, so it covers this change too.
  if (waiting.has(id)) {
    if (origin !== null) waiting.set(id, origin);
    return chain;
  }
  waiting.set(id, origin);
  const job = chain.then(async () => {
    const o = waiting.get(id) ?? null;
    waiting.delete(id);
    await renderStaleBoards(deps, await getCenterById(deps, centerId), o);
  });
  chain = job.catch(() => undefined);
  return job;
}

/** Settles when every run queued so far has finished (tests, diagnostics). */
export function boardsRenderedAhead(): Promise<void> {
  return chain;
}

/** The boards of `center` to have kept: the standard posting boards, then every board kept already. */
async function boardsDue(deps: Deps, center: Center, origin: string | null): Promise<KeptBoard[]> {
  const base = prerenderBase(deps.config.publicUrl, origin);
  const standard =
    base === null
      ? []
      : boardsToPrerender((await catalogOf(deps, center)).fields).map((opts) => ({
          centerId: center.id,
          kind: 'bang-niem-yet',
          opts,
          baseUrl: base,
        }));
  const seen = new Set<string>();
  return [...standard, ...keptBoardsOf(deps, center.id)].filter((b) => {
    const id = boardIdentity(b.kind, b.opts, b.baseUrl);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

async function renderStaleBoards(deps: Deps, center: Center, origin: string | null): Promise<void> {
  for (const b of await boardsDue(deps, center, origin)) {
    try {
      if ((await keptPrintable(deps, center, b.kind, b.opts, b.baseUrl)) !== null) continue;
      await renderPrintable(deps, center, b.kind, b.opts, b.baseUrl, (date) =>
        offload(deps, `boards:${String(center.id)}`, 'printable', center.id, b.kind, b.opts, b.baseUrl, date),
      );
    } catch (err) {
      deps.log.warn({ err, center: center.slug, board: b.kind, opts: b.opts }, 'board not rendered ahead');
    }
  }
}

/**
 * A new day in Vietnam: the kept boards that print the date (posting boards, fee table) are
 * rendered again for it, centre after centre; the others (QR sheets) stay as they are.
 */
export async function renderDatedBoardsAhead(deps: Deps): Promise<void> {
  for (const centerId of centresKeepingDatedBoards(deps))
    await renderBoardsAhead(deps, centerId, null).catch((err: unknown) => {
      deps.log.warn({ err, centerId }, 'boards of the new day not rendered ahead');
    });
}

/**
 * Renders the dated boards again at each midnight in Vietnam (a few seconds after, so that every
 * clock agrees on the day), while the server runs: the timer holds no process open and stops
 * when the server closes. Only with a task pool (nothing would render without one).
 */
export function startDailyBoards(app: FastifyInstance, deps: Deps): void {
  if (!taskPoolOf(deps)) return;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const arm = () => {
    if (closed) return;
    timer = setTimeout(
      () => {
        void renderDatedBoardsAhead(deps).finally(arm);
      },
      msToNextVnDay(deps.now()) + 5_000,
    );
    timer.unref();
  };
  arm();
  app.addHook('onClose', () => {
    closed = true;
    clearTimeout(timer);
  });
}
