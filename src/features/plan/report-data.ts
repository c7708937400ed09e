/**
 * What the quarterly report says (plan V.1: results of each task with documents and photos as
 * evidence, before the last working day of the quarter): gathered once, rendered as PDF, DOCX
 * and the evidence archive by report.ts. Light module: no renderer imported here.
 */
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { actorId } from '../../core/auth/access.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { isLocalDate, type LocalDate } from '../../core/calendar/index.ts';
import { calendarOf } from '../calendar/index.ts';
import { placeOf } from '../boards/index.ts';
import { FACILITY_STATUS_VI } from '../facilities/index.ts';
import { formatVnd } from '../../core/text/index.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { readStored } from './files.ts';
import { quarterKpis, type QuarterKpis } from './kpis.ts';
import * as m from './model.ts';
import * as repo from './repo.ts';
import { readPlanFile, todayOf } from './service.ts';
import { FACILITY_ITEMS, facilitiesForReport } from '../facilities/index.ts';

export interface ReportEvidence {
  code: string;
  title: string;
  kind: 'file' | 'link';
  kindLabel: string;
  url: string | null;
  contentType: string | null;
  /** The file's bytes (files only). */
  bytes: Buffer | null;
  /** The pseudonymised name in the archive. */
  archiveName: string | null;
  sha256: string | null;
  addedAt: string;
}

export interface ReportTask {
  number: string;
  title: string;
  lead: string;
  coordinators: string;
  product: string;
  timeframe: string;
  status: m.TaskStatus;
  statusLabel: string;
  progress: number;
  note: string;
  evidence: ReportEvidence[];
}

export interface ReportData {
  center: { slug: string; name: string; parentBody: string; place: string; leaderName: string; leaderTitle: string };
  year: number;
  quarter: m.Quarter;
  roman: string;
  number: string;
  date: LocalDate;
  deadline: LocalDate;
  planTitle: string;
  basis: string;
  sections: { number: string; title: string; tasks: ReportTask[] }[];
  counts: Record<m.TaskStatus, number>;
  total: number;
  kpis: QuarterKpis;
  facilities: { label: string; status: string; note: string; photo: Buffer | null; photoType: string | null }[];
  spending: { date: string; item: string; amount: number; amountText: string; source: string }[];
  spendingTotal: string;
  recipients: string[];
  fileBase: string;
}

const EXT: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

function kindLabel(e: repo.EvidenceRow): string {
  if (e.kind === 'file') return e.content_type === 'application/pdf' ? 'Tài liệu (PDF)' : 'Hình ảnh';
  return m.LINK_KIND_VI[e.link_kind as m.LinkKind] ?? 'Liên kết';
}

export interface ReportQuery {
  year: unknown;
  quarter: unknown;
  number?: unknown;
  date?: unknown;
}

/**
 * Evidence files are read into memory to build the report: at most this many bytes per request.
 * The PDF and DOCX only embed the photos; the archive takes every file.
 */
export const MAX_EVIDENCE_BYTES = 60 * 1024 * 1024;

/** The report's date: the one asked for, else today within the quarter, never after its deadline. */
function reportDate(deps: Deps, q: ReportQuery, year: number, quarter: m.Quarter, deadline: LocalDate): LocalDate {
  if (q.date !== undefined && q.date !== '') {
    if (typeof q.date !== 'string' || !isLocalDate(q.date))
      throw invalid('date', 'Ngày báo cáo phải có dạng YYYY-MM-DD.', 'The report date must look like YYYY-MM-DD.');
    return q.date;
  }
  const today = todayOf(deps);
  const date = today < deadline ? today : deadline;
  return date < m.quarterRange(year, quarter).from ? m.quarterRange(year, quarter).from : date;
}

/** 413 when the evidence files to read weigh more than `cap` bytes (nothing has been read yet). */
function checkEvidenceBudget(total: number, cap: number, year: number, quarter: m.Quarter): void {
  if (total <= cap) return;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1).replace('.', ',');
  const mbEn = (n: number) => (n / 1024 / 1024).toFixed(1);
  throw new AppError('PAYLOAD_TOO_LARGE', [
    {
      field: 'evidence',
      vi: `Minh chứng của Quý ${quarter}/${year} nặng ${mb(total)} MB, vượt giới hạn ${mb(cap)} MB cho một lần tải. Hãy tải từng tệp minh chứng riêng, hoặc thay ảnh bằng ảnh nhỏ hơn.`,
      en: `The evidence of Q${quarter}/${year} is ${mbEn(total)} MB, over the ${mbEn(cap)} MB limit for one download. Download the evidence files one by one, or replace photos with smaller ones.`,
    },
  ]);
}

type TaskRow = Awaited<ReturnType<typeof repo.listTasks>>[number];

async function reportEvidenceItem(
  deps: Deps,
  task: TaskRow,
  e: repo.EvidenceRow,
  code: string,
  archive: boolean,
): Promise<ReportEvidence> {
  const bytes = m.evidenceToRead(e, archive) ? await readStored(deps, e.storage_key!, e.sha256!) : null;
  return {
    code,
    title: e.title,
    kind: e.kind as 'file' | 'link',
    kindLabel: kindLabel(e),
    url: e.url,
    contentType: e.content_type,
    bytes,
    archiveName: m.isStoredEvidence(e)
      ? `minh-chung/${code}_${task.number.replace(/\./g, '-')}.${EXT[e.content_type ?? ''] ?? 'bin'}`
      : null,
    sha256: e.sha256,
    addedAt: e.added_at,
  };
}

/** The tasks grouped by section with their notes and evidence (codes MC-01, … in order); the status counts. */
async function reportSections(
  deps: Deps,
  rows: TaskRow[],
  notes: { task_id: number; note: string }[],
  evidence: repo.EvidenceRow[],
  archive: boolean,
): Promise<{ sections: ReportData['sections']; counts: Record<m.TaskStatus, number>; seq: number }> {
  let seq = 0;
  const sections: ReportData['sections'] = [];
  const counts: Record<m.TaskStatus, number> = { not_started: 0, in_progress: 0, done: 0, regular: 0 };
  for (const r of rows) {
    let s = sections.find((x) => x.number === r.section);
    if (!s) sections.push((s = { number: r.section, title: r.section_title, tasks: [] }));
    counts[r.status as m.TaskStatus]++;
    const ev: ReportEvidence[] = [];
    for (const e of evidence.filter((x) => x.task_id === r.id)) {
      seq++;
      ev.push(await reportEvidenceItem(deps, r, e, `MC-${String(seq).padStart(2, '0')}`, archive));
    }
    s.tasks.push({
      number: r.number,
      title: r.title,
      lead: r.lead,
      coordinators: r.coordinators,
      product: r.product,
      timeframe: r.timeframe,
      status: r.status as m.TaskStatus,
      statusLabel: m.STATUS_VI[r.status as m.TaskStatus],
      progress: r.progress,
      note: notes.find((n) => n.task_id === r.id)?.note ?? '',
      evidence: ev,
    });
  }
  return { sections, counts, seq };
}

/** The facility checklist (with photos) and the year's spending up to the quarter's end. */
async function reportFacilities(
  deps: Deps,
  center: { id: number; slug: string },
  year: number,
  to: string,
): Promise<Pick<ReportData, 'facilities' | 'spending' | 'spendingTotal'>> {
  const { rows: items, spending: spendingRows } = await facilitiesForReport(
    deps,
    center.id,
    center.slug,
    `${year}-01-01`,
    to,
  );
  const facilities = [];
  for (const i of FACILITY_ITEMS) {
    const r = items.find((x) => x.code === i.code);
    const photo =
      r?.photo_key && r.photo_sha256 && r.photo_type !== 'application/pdf'
        ? await readStored(deps, r.photo_key, r.photo_sha256)
        : null;
    facilities.push({
      label: i.vi,
      status: FACILITY_STATUS_VI[(r?.status as keyof typeof FACILITY_STATUS_VI) ?? 'missing'],
      note: r?.note ?? '',
      photo,
      photoType: photo ? r!.photo_type : null,
    });
  }
  const spending = spendingRows.map((s) => ({
    date: s.date,
    item: s.item,
    amount: s.amount,
    amountText: s.amountText,
    source: s.source,
  }));
  return { facilities, spending, spendingTotal: formatVnd(spending.reduce((s, x) => s + x.amount, 0)) };
}

/** The plan's tasks of a year with the quarter's notes and evidence (400 when the year has no plan). */
async function quarterTasks(deps: Deps, centerId: number, year: number, quarter: m.Quarter) {
  const rows = await repo.listTasks(deps.db, centerId, year);
  if (!rows.length)
    throw invalid(
      'year',
      `Chưa có nhiệm vụ của Kế hoạch năm ${year}: hãy nạp Kế hoạch cho năm này trước.`,
      `The plan has no tasks for ${year}: seed the plan for this year first.`,
    );
  const ids = rows.map((r) => r.id);
  const notes = (await repo.notesOf(deps.db, ids)).filter((n) => n.quarter === quarter);
  const evidence = (await repo.evidenceOf(deps.db, ids)).filter((e) => e.quarter === quarter);
  return { rows, notes, evidence };
}

/**
 * Gathers the report of a quarter (permission `plan.manage`); writes a `plan.report` audit row.
 * `archive`: read every evidence file (the ZIP), otherwise only the photos (PDF, DOCX). More than
 * MAX_EVIDENCE_BYTES to read → 413 PAYLOAD_TOO_LARGE before anything is read.
 */
export async function reportData(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  q: ReportQuery,
  opts: { archive?: boolean; maxEvidenceBytes?: number } = {},
): Promise<ReportData> {
  const { center, actor: a } = await authorizeCenter(deps, actor, slug, 'plan.manage');
  const year = m.parseYear(q.year);
  const quarter = m.parseQuarter(q.quarter);
  const number =
    m.text(q.number, 'number', 40, false, 'Số báo cáo', 'The report number') || '\u00a0'.repeat(6) + '/BC-TTPVHCC';
  const cal = await calendarOf(deps, center);
  const deadline = m.quarterDeadline(cal, year, quarter);
  const date = reportDate(deps, q, year, quarter, deadline);
  const plan = readPlanFile();
  const { rows, notes, evidence } = await quarterTasks(deps, center.id, year, quarter);
  const archive = opts.archive === true;
  const toReadBytes = evidence.filter((e) => m.evidenceToRead(e, archive)).reduce((n, e) => n + (e.bytes ?? 0), 0);
  checkEvidenceBudget(toReadBytes, opts.maxEvidenceBytes ?? MAX_EVIDENCE_BYTES, year, quarter);
  const { sections, counts, seq } = await reportSections(deps, rows, notes, evidence, archive);
  const range = m.quarterRange(year, quarter);
  const kpis = await quarterKpis(
    deps,
    center.id,
    range,
    m.quarterMonths(year, quarter).map((x) => ({ from: x.from, to: x.to })),
  );
  const money = await reportFacilities(deps, center, year, range.to);
  await insertAudit(deps.db, {
    center_id: center.id,
    actor_user_id: actorId(a),
    action: 'plan.report',
    subject: `${year}-Q${quarter}`,
    detail: JSON.stringify({ evidence: seq }),
    at: deps.now().toISOString(),
  });
  return {
    center: {
      slug: center.slug,
      name: center.name,
      parentBody: center.parent_body,
      place: placeOf({ parentBody: center.parent_body, name: center.name, province: center.province }),
      leaderName: (center.leader_name ?? '').trim(),
      leaderTitle: (center.leader_title ?? '').trim() || 'Giám đốc',
    },
    year,
    quarter,
    roman: m.ROMAN[quarter],
    number,
    date,
    deadline,
    planTitle: plan.title,
    basis: plan.basis,
    sections,
    counts,
    total: rows.length,
    kpis,
    ...money,
    recipients: ['- Như trên;', '- Lãnh đạo Trung tâm;', '- Các bộ phận thuộc Trung tâm;', '- Lưu: VT.'],
    fileBase: `bao-cao-ke-hoach-quy-${quarter}-${year}-${center.slug}`,
  };
}
