/**
 * Plan tasks (issue 7 item 4): the plan's items for a year, seeded from data/plan/*.json; each
 * with status, progress, a note per quarter and evidence (uploaded files, or links to records
 * the system holds); and the quarterly reporting deadline from the centre's working calendar.
 * Every call: `plan.manage` in the centre (another centre answers 404).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { actorId, type Actor } from '../../core/auth/access.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { localDateOf, type LocalDate } from '../../core/calendar/index.ts';
import { ROOT } from '../../core/paths.ts';
import type { Center } from '../../core/db/schema.ts';
import { calendarOf } from '../calendar/index.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { parseId, idOr404 } from '../../core/http/ids.ts';
import { storeUpload, readStored, type ContentType } from './files.ts';
import * as m from './model.ts';
import * as repo from './repo.ts';
import { dossierByCode } from '../dossiers/index.ts';

export const PLAN_FILE = 'chinh-quyen-than-thien-cam-giang.json';

export function readPlanFile(name = PLAN_FILE): m.PlanFile {
  if (!/^[a-z0-9-]+\.json$/.test(name)) throw new Error(`bad plan file name ${name}`);
  return m.parsePlanFile(readFileSync(join(ROOT, 'data', 'plan', name), 'utf8'));
}

export interface EvidenceView {
  id: number;
  quarter: m.Quarter;
  kind: 'file' | 'link';
  title: string;
  linkKind: m.LinkKind | null;
  ref: string | null;
  url: string | null;
  name: string | null;
  contentType: ContentType | null;
  bytes: number | null;
  addedAt: string;
  href: string | null;
}

export interface TaskView {
  id: number;
  year: number;
  number: string;
  section: string;
  sectionTitle: string;
  title: string;
  content: string;
  lead: string;
  coordinators: string;
  product: string;
  timeframe: string;
  status: m.TaskStatus;
  progress: number;
  updatedAt: string;
  notes: Partial<Record<m.Quarter, string>>;
  evidence: EvidenceView[];
}

export function evidenceFileHref(slug: string, id: number): string {
  return `/api/v1/centers/${slug}/plan/evidence/${id}/file`;
}

function presentEvidence(slug: string, e: repo.EvidenceRow): EvidenceView {
  return {
    id: e.id,
    quarter: e.quarter as m.Quarter,
    kind: e.kind as 'file' | 'link',
    title: e.title,
    linkKind: (e.link_kind as m.LinkKind | null) ?? null,
    ref: e.ref,
    url: e.url,
    name: e.name,
    contentType: (e.content_type as ContentType | null) ?? null,
    bytes: e.bytes,
    addedAt: e.added_at,
    href: e.kind === 'file' ? evidenceFileHref(slug, e.id) : e.url,
  };
}

async function viewsOf(deps: Deps, slug: string, rows: repo.TaskRow[]): Promise<TaskView[]> {
  const ids = rows.map((r) => r.id);
  const notes = await repo.notesOf(deps.db, ids);
  const evidence = await repo.evidenceOf(deps.db, ids);
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    number: r.number,
    section: r.section,
    sectionTitle: r.section_title,
    title: r.title,
    content: r.content,
    lead: r.lead,
    coordinators: r.coordinators,
    product: r.product,
    timeframe: r.timeframe,
    status: r.status as m.TaskStatus,
    progress: r.progress,
    updatedAt: r.updated_at,
    notes: Object.fromEntries(notes.filter((n) => n.task_id === r.id).map((n) => [n.quarter, n.note])),
    evidence: evidence.filter((e) => e.task_id === r.id).map((e) => presentEvidence(slug, e)),
  }));
}

/**
 * Seeds the plan's items for `year` (idempotent: items already there are kept as they are).
 * Returns how many were added.
 */
export async function seedPlan(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  yearIn: unknown,
  file = PLAN_FILE,
): Promise<{ added: number; total: number }> {
  const { center, actor: a } = await authorizeCenter(deps, actor, slug, 'plan.manage');
  const year = m.parseYear(yearIn);
  const plan = readPlanFile(file);
  const sectionTitle = new Map(plan.sections.map((s) => [s.number, s.title]));
  return inTransaction(deps.db, async (tx) => {
    const have = await repo.existingNumbers(tx, center.id, year);
    const now = deps.now().toISOString();
    let added = 0;
    for (const [i, t] of plan.tasks.entries()) {
      if (have.has(t.number)) continue;
      const section = m.sectionOf(t.number);
      await repo.insertTask(tx, {
        center_id: center.id,
        year,
        seq: i + 1,
        number: t.number,
        section,
        section_title: sectionTitle.get(section) ?? '',
        title: t.title,
        content: t.content,
        lead: t.lead,
        coordinators: t.coordinators,
        product: t.product,
        timeframe: t.timeframe.replace(/2026/g, String(year)),
        status: 'not_started',
        progress: 0,
        created_at: now,
        updated_at: now,
        updated_by: actorId(a),
      });
      added++;
    }
    if (added)
      await insertAudit(tx, {
        center_id: center.id,
        actor_user_id: actorId(a),
        action: 'plan.seed',
        subject: String(year),
        detail: JSON.stringify({ file, added }),
        at: now,
      });
    return { added, total: have.size + added };
  });
}

export async function listPlan(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  yearIn: unknown,
): Promise<{ center: Center; year: number; years: number[]; tasks: TaskView[] }> {
  const { center } = await authorizeCenter(deps, actor, slug, 'plan.manage');
  const year = m.parseYear(yearIn);
  const rows = await repo.listTasks(deps.db, center.id, year);
  return { center, year, years: await repo.yearsOf(deps.db, center.id), tasks: await viewsOf(deps, slug, rows) };
}

async function loadTask(deps: Deps, actor: Actor | null, slug: string, idIn: unknown) {
  const { center, actor: a } = await authorizeCenter(deps, actor, slug, 'plan.manage');
  const row = await repo.findTask(deps.db, center.id, idOr404(idIn));
  if (!row) throw new AppError('NOT_FOUND');
  return { center, actor: a, row };
}

export async function getTask(deps: Deps, actor: Actor | null, slug: string, id: unknown): Promise<TaskView> {
  const { row } = await loadTask(deps, actor, slug, id);
  return (await viewsOf(deps, slug, [row]))[0]!;
}

export interface TaskUpdate {
  status?: unknown;
  progress?: unknown;
}

/** Status and progress together: "done" means 100 %; "not started" means 0 %. */
export async function updateTask(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
  input: TaskUpdate,
): Promise<TaskView> {
  const { center, actor: a, row } = await loadTask(deps, actor, slug, id);
  const status = input.status === undefined ? (row.status as m.TaskStatus) : m.parseStatus(input.status);
  let progress = input.progress === undefined || input.progress === '' ? row.progress : m.parseProgress(input.progress);
  if (status === 'done') progress = 100;
  if (status === 'not_started' && input.progress !== undefined && input.progress !== '' && progress > 0) {
    throw invalid('progress', 'Nhiệm vụ chưa thực hiện thì tiến độ là 0%.', 'A task not started has 0% progress.');
  }
  if (status === 'not_started') progress = 0;
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.updateTask(tx, row.id, { status, progress, updated_at: now, updated_by: actorId(a) });
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(a),
      action: 'plan.task.update',
      subject: `${row.year}/${row.number}`,
      detail: JSON.stringify({ status, progress }),
      at: now,
    });
  });
  return getTask(deps, a, slug, row.id);
}

/** The task's note for a quarter (an empty note removes it). */
export async function setNote(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
  quarterIn: unknown,
  noteIn: unknown,
): Promise<TaskView> {
  const { center, actor: a, row } = await loadTask(deps, actor, slug, id);
  const quarter = m.parseQuarter(quarterIn);
  const note = m.text(noteIn, 'note', 4000, false, 'Ghi chú', 'The note');
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    if (note)
      await repo.upsertNote(tx, {
        center_id: center.id,
        task_id: row.id,
        quarter,
        note,
        updated_at: now,
        updated_by: actorId(a),
      });
    else await repo.deleteNote(tx, row.id, quarter);
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(a),
      action: 'plan.note',
      subject: `${row.year}/${row.number}`,
      detail: JSON.stringify({ quarter }),
      at: now,
    });
  });
  return getTask(deps, a, slug, row.id);
}

export interface FileEvidenceInput {
  quarter: unknown;
  title?: unknown;
  name?: unknown;
  file: unknown;
}

/** A photo, scan or screenshot for a task (PDF, JPEG or PNG by content, at most 5 MB). */
export async function addFileEvidence(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
  input: FileEvidenceInput,
): Promise<EvidenceView> {
  const { center, actor: a, row } = await loadTask(deps, actor, slug, id);
  const quarter = m.parseQuarter(input.quarter);
  const title = m.text(input.title, 'title', 300, false, 'Tiêu đề', 'The title');
  const f = await storeUpload(deps, input.file, input.name, title || `Minh chứng ${row.number}`);
  const now = deps.now().toISOString();
  const r = await inTransaction(deps.db, async (tx) => {
    const ins = await repo.insertEvidence(tx, {
      center_id: center.id,
      task_id: row.id,
      quarter,
      kind: 'file',
      title: title || f.name,
      link_kind: null,
      ref: null,
      url: null,
      name: f.name,
      content_type: f.contentType,
      bytes: f.bytes,
      sha256: f.sha256,
      storage_key: f.key,
      added_by: actorId(a),
      added_at: now,
    });
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(a),
      action: 'plan.evidence.add',
      subject: `${row.year}/${row.number}`,
      detail: JSON.stringify({ id: ins.id, kind: 'file', quarter }),
      at: now,
    });
    return ins;
  });
  return presentEvidence(slug, (await repo.findEvidence(deps.db, center.id, r.id))!);
}

export interface LinkEvidenceInput {
  quarter: unknown;
  title: unknown;
  linkKind: unknown;
  ref?: unknown;
  url?: unknown;
}

/**
 * A link to evidence the system already holds: a letter, a home visit, a report, a public page, a
 * dossier (by code, checked in this centre) or a register document (by id, checked). A dossier or
 * a register document gets its console address; others need a URL (http(s) or a path '/…').
 */
export async function addLinkEvidence(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
  input: LinkEvidenceInput,
): Promise<EvidenceView> {
  const { center, actor: a, row } = await loadTask(deps, actor, slug, id);
  const quarter = m.parseQuarter(input.quarter);
  const linkKind = m.parseLinkKind(input.linkKind);
  const title = m.text(input.title, 'title', 300, true, 'Tiêu đề minh chứng', 'The evidence title');
  const refText = m.text(input.ref, 'ref', 100, false, 'Mã tham chiếu', 'The reference');
  const urlGiven = typeof input.url === 'string' && input.url.trim() !== '';
  let url = urlGiven ? m.parseUrl(input.url) : null;
  const ref: string | null = refText || null;
  if (linkKind === 'dossier') {
    if (!ref) throw invalid('ref', 'Cần nhập mã hồ sơ.', 'The dossier code is required.');
    const d = await dossierByCode(deps, ref);
    if (d?.center_id !== center.id)
      throw invalid('ref', `Không tìm thấy hồ sơ ${ref} trong Trung tâm.`, `No dossier ${ref} in this centre.`);
    url = url ?? `/console/dossiers/${encodeURIComponent(d.code)}`;
  } else if (linkKind === 'register_document') {
    const n = parseId(ref);
    const doc = n !== null ? await repo.registerDocById(deps.db, center.id, n) : undefined;
    if (!doc)
      throw invalid(
        'ref',
        'Không tìm thấy văn bản này trong sổ công văn của Trung tâm.',
        'This document is not in the centre’s register.',
      );
    url = url ?? `/console/register/${doc.id}`;
  } else if (!url) {
    throw invalid(
      'url',
      'Cần nhập đường dẫn tới minh chứng (http(s)://… hoặc /…).',
      'A link to the evidence is required (http(s)://… or /…).',
    );
  }
  const now = deps.now().toISOString();
  const r = await inTransaction(deps.db, async (tx) => {
    const ins = await repo.insertEvidence(tx, {
      center_id: center.id,
      task_id: row.id,
      quarter,
      kind: 'link',
      title,
      link_kind: linkKind,
      ref,
      url,
      name: null,
      content_type: null,
      bytes: null,
      sha256: null,
      storage_key: null,
      added_by: actorId(a),
      added_at: now,
    });
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(a),
      action: 'plan.evidence.add',
      subject: `${row.year}/${row.number}`,
      detail: JSON.stringify({ id: ins.id, kind: 'link', linkKind, quarter }),
      at: now,
    });
    return ins;
  });
  return presentEvidence(slug, (await repo.findEvidence(deps.db, center.id, r.id))!);
}

export async function removeEvidence(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  evidenceId: unknown,
): Promise<{ taskId: number }> {
  const { center, actor: a } = await authorizeCenter(deps, actor, slug, 'plan.manage');
  const e = await repo.findEvidence(deps.db, center.id, idOr404(evidenceId));
  if (!e) throw new AppError('NOT_FOUND');
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.deleteEvidence(tx, e.id);
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(a),
      action: 'plan.evidence.remove',
      subject: String(e.task_id),
      detail: JSON.stringify({ id: e.id, kind: e.kind, title: e.title }),
      at: now,
    });
  });
  return { taskId: e.task_id };
}

export async function readEvidenceFile(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  evidenceId: unknown,
): Promise<{ bytes: Buffer; contentType: ContentType; name: string }> {
  const { center } = await authorizeCenter(deps, actor, slug, 'plan.manage');
  const e = await repo.findEvidence(deps.db, center.id, idOr404(evidenceId));
  if (!e || e.kind !== 'file' || !e.storage_key || !e.sha256) throw new AppError('NOT_FOUND');
  return {
    bytes: await readStored(deps, e.storage_key, e.sha256),
    contentType: e.content_type as ContentType,
    name: e.name ?? 'minh-chung',
  };
}

/** Today in Vietnam. */
export function todayOf(deps: Deps): LocalDate {
  return localDateOf(deps.now());
}

/**
 * The reporting deadline of a quarter (or the next one from today) with the working days left,
 * from the centre's working calendar. When it is URGENT (≤ 5 working days) the first look of the
 * day writes one `plan.reminder` audit row per quarter (idempotent per quarter and centre).
 */
export async function reminder(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  q?: { year?: unknown; quarter?: unknown },
): Promise<m.Reminder> {
  const { center, actor: a } = await authorizeCenter(deps, actor, slug, 'plan.manage');
  const cal = await calendarOf(deps, center);
  const today = todayOf(deps);
  if (q?.year !== undefined && q.year !== '' && q?.quarter !== undefined && q.quarter !== '') {
    const year = m.parseYear(q.year);
    const quarter = m.parseQuarter(q.quarter);
    const deadline = m.quarterDeadline(cal, year, quarter);
    const left = m.workingDaysUntil(cal, today, deadline);
    return {
      year,
      quarter,
      deadline,
      deadlineVi: deadline.split('-').reverse().join('/'),
      workingDaysLeft: left,
      urgent: deadline >= today && left <= m.URGENT_WORKING_DAYS,
      overdueToday: deadline === today,
    };
  }
  const r = m.nextReminder(cal, today);
  if (r.urgent) await noteReminder(deps, center.id, a, r);
  return r;
}

async function noteReminder(deps: Deps, centerId: number, a: Actor, r: m.Reminder): Promise<void> {
  const subject = `${r.year}-Q${r.quarter}`;
  if (await repo.reminderNoted(deps.db, centerId, subject)) return;
  await insertAudit(deps.db, {
    center_id: centerId,
    actor_user_id: actorId(a),
    action: 'plan.reminder',
    subject,
    detail: JSON.stringify({ deadline: r.deadline, workingDaysLeft: r.workingDaysLeft }),
    at: deps.now().toISOString(),
  });
}

// ---- View models of the console pages -------------------------------------------------------

export interface PlanPageModel {
  year: number;
  years: number[];
  tasks: TaskView[];
  reminder: m.Reminder;
  deadlines: { q: m.Quarter; date: LocalDate }[];
  /** The year asked for was not one (the page shows this year and says why). */
  yearError: AppError | null;
}

/** /console/plan: the year's tasks (this year when none or a bad one is asked), the next deadline, the four deadlines. */
export async function planPageModel(deps: Deps, actor: Actor, slug: string, yearIn: unknown): Promise<PlanPageModel> {
  const thisYear = Number(todayOf(deps).slice(0, 4));
  let year = thisYear;
  let yearError: AppError | null = null;
  try {
    if (yearIn !== undefined && yearIn !== '') year = m.parseYear(yearIn);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    yearError = e;
  }
  const plan = await listPlan(deps, actor, slug, year);
  const rem = await reminder(deps, actor, slug);
  const cal = await calendarOf(deps, plan.center);
  const deadlines = ([1, 2, 3, 4] as const).map((q) => ({ q, date: m.quarterDeadline(cal, year, q) }));
  return { year, years: plan.years, tasks: plan.tasks, reminder: rem, deadlines, yearError };
}

/** /console/plan/tasks/:id: the task and the quarter its forms default to (this one, or Q4 of a past year). */
export async function taskPageModel(
  deps: Deps,
  actor: Actor,
  slug: string,
  id: unknown,
): Promise<{ task: TaskView; quarter: m.Quarter }> {
  const task = await getTask(deps, actor, slug, id);
  return { task, quarter: m.defaultQuarter(task.year, todayOf(deps)) };
}
