/**
 * Heavy work that must not run on the server's event loop: reports, drill-downs and exports.
 * `offload(deps, name, …args)` runs the named task in the task pool (src/core/workers, child
 * processes with their own database connection) when the server started one, and in this
 * process otherwise (tests, the CLI, an in-memory database). The same service functions run in
 * both places, so the answer is the same; only where the CPU time is spent changes.
 *
 * A task's arguments and value cross a process boundary (structured clone: plain objects, Maps,
 * Sets, Dates, Buffers — no functions or class instances).
 */
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Deps } from '../core/deps.ts';
import { ROOT } from '../core/paths.ts';
import { TaskPool } from '../core/workers/pool.ts';
import { TaskLanes } from '../core/workers/lanes.ts';
import { reclaimSoon } from '../core/memory.ts';

type Rest<F> = F extends (deps: Deps, ...rest: infer A) => unknown ? A : never;
type Result<F> = F extends (...a: never[]) => infer R ? Awaited<R> : never;

type Reports = typeof import('./reports/service.ts');
type ReportExport = typeof import('./reports/export.ts');
type Book = typeof import('./dossiers/forms/book.ts');
type FormFiles = typeof import('./dossiers/forms/form-files.ts');
type Boards = typeof import('./boards/service.ts');
type PlanReport = typeof import('./plan/report-file.ts');
type HomeFiles = typeof import('./home-service/files.ts');
type LetterFiles = typeof import('./letters/files.ts');
type RegisterExport = typeof import('./register/export.ts');
type CertificationBook = typeof import('./certification/book.ts');
type DvcqgExport = typeof import('./dossiers/dvcqg/dvcqg-export.ts');
type QueueTicket = typeof import('./queue/ticket-pdf.ts');
type VolunteerPrintables = typeof import('./volunteers/printables.ts');
type Signables = typeof import('./signables.ts');
type PadesTasks = typeof import('./signing/pades-tasks.ts');
type CopyTasks = typeof import('./certification/copy-tasks.ts');

/**
 * The tracking book (form 07) for the actor's centre and period, written to a temporary file
 * (src/core/documents/files.ts): the server streams it from there, never holding it whole.
 */
async function trackingBook(deps: Deps, ...a: Rest<Book['bookFile']>) {
  return (await import('./dossiers/forms/book.ts')).bookFile(deps, ...a);
}

/** The tasks: each takes the deps of the process it runs in, then its own arguments. */
export const TASKS = {
  trackingBook,
  dossierForm: async (deps: Deps, ...a: Rest<FormFiles['dossierFormFile']>) =>
    (await import('./dossiers/forms/form-files.ts')).dossierFormFile(deps, ...a),
  guidanceForm: async (deps: Deps, ...a: Rest<FormFiles['guidanceFormFile']>) =>
    (await import('./dossiers/forms/form-files.ts')).guidanceFormFile(deps, ...a),
  declarationForm: async (deps: Deps, ...a: Rest<FormFiles['declarationFile']>) =>
    (await import('./dossiers/forms/form-files.ts')).declarationFile(deps, ...a),
  printable: async (deps: Deps, ...a: Rest<Boards['renderPrintableNow']>) =>
    (await import('./boards/service.ts')).renderPrintableNow(deps, ...a),
  planReport: async (deps: Deps, ...a: Rest<PlanReport['planReportFile']>) =>
    (await import('./plan/report-file.ts')).planReportFile(deps, ...a),
  reportCenter: async (deps: Deps, ...a: Rest<Reports['centerReport']>) =>
    (await import('./reports/service.ts')).centerReport(deps, ...a),
  reportScorecardYear: async (deps: Deps, ...a: Rest<Reports['scorecardYear']>) =>
    (await import('./reports/service.ts')).scorecardYear(deps, ...a),
  reportProvince: async (deps: Deps, ...a: Rest<Reports['provinceReport']>) =>
    (await import('./reports/service.ts')).provinceReport(deps, ...a),
  reportDrill: async (deps: Deps, ...a: Rest<Reports['drill']>) =>
    (await import('./reports/service.ts')).drill(deps, ...a),
  reportFigureDossiers: async (deps: Deps, ...a: Rest<Reports['figureDossiers']>) =>
    (await import('./reports/service.ts')).figureDossiers(deps, ...a),
  reportXlsx: async (_deps: Deps, ...a: Parameters<ReportExport['reportXlsx']>) =>
    (await import('./reports/export.ts')).reportXlsx(...a),
  reportPdf: async (_deps: Deps, ...a: Parameters<ReportExport['reportPdf']>) =>
    (await import('./reports/export.ts')).reportPdf(...a),
  homeDayList: async (deps: Deps, ...a: Rest<HomeFiles['dayListFile']>) =>
    (await import('./home-service/files.ts')).dayListFile(deps, ...a),
  letterFile: async (deps: Deps, ...a: Rest<LetterFiles['letterFile']>) =>
    (await import('./letters/files.ts')).letterFile(deps, ...a),
  lettersBatch: async (deps: Deps, ...a: Rest<LetterFiles['lettersBatchFile']>) =>
    (await import('./letters/files.ts')).lettersBatchFile(deps, ...a),
  letterTemplatePreview: async (deps: Deps, ...a: Rest<LetterFiles['templatePreviewFile']>) =>
    (await import('./letters/files.ts')).templatePreviewFile(deps, ...a),
  registerXlsx: async (_deps: Deps, ...a: Parameters<RegisterExport['registerXlsx']>) =>
    (await import('./register/export.ts')).registerXlsx(...a),
  certificationBookXlsx: async (_deps: Deps, ...a: Parameters<CertificationBook['bookXlsx']>) =>
    (await import('./certification/book.ts')).bookXlsx(...a),
  certificationBookPdf: async (_deps: Deps, ...a: Parameters<CertificationBook['bookPdf']>) =>
    (await import('./certification/book.ts')).bookPdf(...a),
  /** The DVCQG period export (HoSo JSON) written to a temporary file, streamed by the server. */
  dvcqgExport: async (deps: Deps, ...a: Rest<DvcqgExport['hoSoExportFile']>) =>
    (await import('./dossiers/dvcqg/dvcqg-export.ts')).hoSoExportFile(deps, ...a),
  queueTicketPdf: async (_deps: Deps, ...a: Parameters<QueueTicket['ticketPdf']>) =>
    (await import('./queue/ticket-pdf.ts')).ticketPdf(...a),
  volunteerRosterPdf: async (_deps: Deps, ...a: Parameters<VolunteerPrintables['rosterPdf']>) =>
    (await import('./volunteers/printables.ts')).rosterPdf(...a),
  volunteerThankYouPdf: async (_deps: Deps, ...a: Parameters<VolunteerPrintables['thankYouPdf']>) =>
    (await import('./volunteers/printables.ts')).thankYouPdf(...a),
  /** The signing room (decision 052): the document to sign, rendered by its source (form 04, letter, report). */
  signableDocument: async (deps: Deps, ...a: Rest<Signables['renderSignable']>) =>
    (await import('./signables.ts')).renderSignable(deps, ...a),
  /** PAdES with a PKCS#12 file or PKCS#11 token: images, placeholder, CMS; the signer built from this process's config. */
  signPdfWithKey: async (deps: Deps, ...a: Rest<PadesTasks['signWithKey']>) =>
    (await import('./signing/pades-tasks.ts')).signWithKey(deps, ...a),
  /** PAdES for a remote signer: the prepared PDF and the bytes to sign, then the finished PDF. */
  signPdfPrepare: async (deps: Deps, ...a: Rest<PadesTasks['prepareToSign']>) =>
    (await import('./signing/pades-tasks.ts')).prepareToSign(deps, ...a),
  signPdfFinish: async (deps: Deps, ...a: Rest<PadesTasks['finishSigned']>) =>
    (await import('./signing/pades-tasks.ts')).finishSigned(deps, ...a),
  /** The signers' health: each configured signer's certificate (a PKCS#12 file is opened with node-forge). */
  signerCertificates: async (deps: Deps, ...a: Rest<PadesTasks['signerCertificates']>) =>
    (await import('./signing/pades-tasks.ts')).signerCertificates(deps, ...a),
  /** Electronic certified copies: the original's page count and the copy rendered (pdf-lib, pdfkit). */
  certifiedCopyPages: async (deps: Deps, ...a: Rest<CopyTasks['countOriginalPages']>) =>
    (await import('./certification/copy-tasks.ts')).countOriginalPages(deps, ...a),
  certifiedCopyPdf: async (deps: Deps, ...a: Rest<CopyTasks['renderCopy']>) =>
    (await import('./certification/copy-tasks.ts')).renderCopy(deps, ...a),
} as const;

export type TaskName = keyof typeof TASKS;
type TaskArgs<K extends TaskName> = (typeof TASKS)[K] extends (deps: Deps, ...a: infer A) => unknown ? A : never;

type Pool = TaskPool | TaskLanes;
const pools = new WeakMap<Deps['db'], Pool>();

/** Makes `offload` on this database send tasks to `pool` (the server does this at start-up). */
export function useTaskPool(deps: Pick<Deps, 'db'>, pool: Pool | null): void {
  if (pool) pools.set(deps.db, pool);
  else pools.delete(deps.db);
}

/** The pool serving this database, if any (tests, /metrics). */
export function taskPoolOf(deps: Pick<Deps, 'db'>): Pool | null {
  return pools.get(deps.db) ?? null;
}

/**
 * Runs a heavy task off the event loop when a pool is set up, here otherwise. `key` (the centre)
 * bounds how many tasks one centre may hold at once; beyond the pool's limits this throws BUSY (429).
 */
export async function offload<K extends TaskName>(
  deps: Deps,
  key: string | number,
  name: K,
  ...args: TaskArgs<K>
): Promise<Result<(typeof TASKS)[K]>> {
  const pool = pools.get(deps.db);
  const task = TASKS[name] as (deps: Deps, ...a: unknown[]) => Promise<Result<(typeof TASKS)[K]>>;
  if (!pool) return task(deps, ...args);
  // The server waits seconds on a child here: a good moment to give back what a burst left (decision 054).
  if (STREAMED_EXPORTS.has(name)) reclaimSoon();
  const value = await pool.run<Result<(typeof TASKS)[K]>>(name, args, String(key));
  // Buffers come back as Uint8Array over IPC: give callers the Buffer they would get in-process.
  return (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value) as Result<
    (typeof TASKS)[K]
  >;
}

/** The child side: runs a task by name with this process's deps. */
export async function runTaskHere(deps: Deps, name: string, args: unknown): Promise<unknown> {
  if (!Object.hasOwn(TASKS, name) || !Array.isArray(args)) throw new Error(`unknown task ${name}`);
  const task = TASKS[name as TaskName] as (deps: Deps, ...a: unknown[]) => Promise<unknown>;
  return task(deps, ...(args as unknown[]));
}

/**
 * V8 flags of the streamed-exports lane (decision 044): the year's book holds about a week of rows,
 * the fonts and bounded layout memos (live heap ≈ 40–55 MB in its lean child); without a cap V8
 * lets garbage grow the child to ≈ 550 MB. 96 MB leaves the live heap twice its size.
 */
export const EXPORT_HEAP_FLAGS: readonly string[] = ['--max-old-space-size=96', '--max-semi-space-size=4'];

/**
 * glibc's allocator for the streamed-exports child: two arenas instead of eight per core (the
 * child renders on one thread; the others' arenas only held freed memory it never reused).
 */
export const EXPORT_MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** Tasks whose memory is bounded by design (streamed to a file), run in the capped lane. */
export const STREAMED_EXPORTS: ReadonlySet<TaskName> = new Set(['trackingBook', 'dvcqgExport']);

/**
 * The server's pool, two lanes: reports, forms and other documents in up to two children (this
 * class of machine has two cores), two tasks per centre, eight waiting overall; the streamed
 * exports (the tracking book) in one child of their own with a capped heap, two per centre, four
 * waiting. An idle child exits after a minute (an idle server is its main process alone);
 * children run at nice 10, so the server (citizens' pages, intake) has the CPU first. None for
 * an in-memory database, which another process cannot open.
 */
export function createTaskPool(config: Config): TaskLanes | null {
  if (config.databaseUrl === 'sqlite::memory:') return null;
  // From the sources (tests, npx motcua) the child runs the .ts module with the TSX loader; from the dist bundle, its own entry.
  const fromSources = import.meta.url.endsWith('.ts');
  const entryOf = (name: 'task-worker' | 'export-worker') =>
    fromSources
      ? {
          modulePath: join(ROOT, 'src', 'features', `${name}.ts`),
          execArgv: ['--import', join(ROOT, 'bin', 'register.mjs')],
        }
      : // No --max-semi-space-size for reports (the server has it): it cost them CPU (decision 040).
        { modulePath: join(ROOT, 'dist', `${name}.mjs`), execArgv: [] };
  const common = {
    env: { ...process.env, MOTCUA_TASK_CONFIG: JSON.stringify(config) },
    idleMs: 60_000,
    timeoutMs: 180_000,
    niceness: 10,
  };
  // The streamed exports' child loads only what they need (export-worker.ts) under a capped heap.
  const exportsEntry = entryOf('export-worker');
  return new TaskLanes([
    {
      pool: new TaskPool({
        ...common,
        env: { ...common.env, ...EXPORT_MALLOC_ENV },
        entry: { ...exportsEntry, execArgv: [...EXPORT_HEAP_FLAGS, ...exportsEntry.execArgv] },
        size: 1,
        maxPerKey: 2,
        maxWaiting: 4,
      }),
      tasks: STREAMED_EXPORTS,
      // The book's tree holds the server and its child only: an idle report child goes (decision 054).
      alone: true,
    },
    {
      pool: new TaskPool({ ...common, entry: entryOf('task-worker'), size: 2, maxPerKey: 2, maxWaiting: 8 }),
      tasks: null,
    },
  ]);
}
