/**
 * Satisfaction surveys: criteria per centre, responses tied to a real dossier (code + the
 * receipt's secret, or the counter tablet) or a queue ticket, once per dossier and stage, the
 * results per officer, counter, field and month, and the director's follow-up of low scores.
 * Responses are anonymous: no contact data is asked; a rated officer never sees single responses.
 */
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { actorId, assertCan, can, type Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { sameSecretText } from '../../core/auth/service.ts';
import { nfc } from '../../core/text/index.ts';
import { toLocal } from '../../core/calendar/index.ts';
import type { Center } from '../../core/db/schema.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { getCenter, getCenterById } from '../centers/index.ts';
import { dossierByCode, dossierEventsOf, type DossierRecord } from '../dossiers/index.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { parseId } from '../../core/http/ids.ts';
import * as repo from './repo.ts';
import {
  CHANNELS,
  DEFAULT_CRITERIA,
  OVERALL,
  SCORE_OF,
  averagePct,
  lowScoreReason,
  consoleMonth,
  monthOf,
  monthRange,
  monthsBack,
  scoresCodec,
  sign,
  stageFor,
  type Criterion,
  type Overall,
  type Score,
  type Stage,
  type SurveyChannel,
} from './model.ts';

// ---- Settings and criteria ----

export async function settingOf(deps: Deps, centerId: number) {
  return (
    (await repo.findSetting(deps.db, centerId)) ??
    repo.ensureSetting(deps.db, centerId, randomBytes(32).toString('hex'), deps.now().toISOString())
  );
}

/** The centre's criteria (its edited list, or the defaults). */
export async function criteriaOf(deps: Deps, centerId: number): Promise<Criterion[]> {
  const rows = await repo.criteriaOf(deps.db, centerId);
  if (!rows.length) return DEFAULT_CRITERIA.map((c) => ({ ...c }));
  return rows.map((r) => ({
    code: r.code,
    kind: r.kind === 'conduct' ? 'conduct' : 'indicator',
    vi: r.label_vi,
    en: r.label_en,
    active: r.active === 1,
  }));
}

export async function surveySettings(deps: Deps, actor: Actor | null, slug: string) {
  const { center } = await authorizeCenter(deps, actor, slug);
  assertCan(actor, 'surveys.read', center.id);
  const s = await settingOf(deps, center.id);
  return { center, criteria: await criteriaOf(deps, center.id), lowThresholdPct: s.low_threshold_pct };
}

export interface CriteriaInput {
  criteria: unknown;
  lowThresholdPct?: unknown;
}

/** Replaces the criteria list (order kept) and the low-score threshold. */
export async function saveCriteria(deps: Deps, actor: Actor | null, slug: string, input: CriteriaInput): Promise<void> {
  const { center } = await authorizeCenter(deps, actor, slug);
  assertCan(actor, 'surveys.manage', center.id);
  if (!Array.isArray(input.criteria) || input.criteria.length > 40)
    throw invalid('criteria', 'Danh sách tiêu chí (tối đa 40).', 'A list of criteria (40 at most).');
  const seen = new Set<string>();
  const rows = input.criteria.map((raw, i) => {
    const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const vi = typeof o.vi === 'string' ? nfc(o.vi).slice(0, 300) : '';
    const en = typeof o.en === 'string' ? nfc(o.en).slice(0, 300) : '';
    let code = typeof o.code === 'string' ? o.code.trim().toLowerCase() : '';
    if (!code) code = `t${i + 1}`;
    if (!/^[a-z0-9-]{1,40}$/.test(code) || seen.has(code))
      throw invalid(
        `criteria[${i}].code`,
        'Mã tiêu chí chỉ gồm chữ thường, số, gạch ngang và không trùng.',
        'Criterion codes use a–z, 0–9 and dashes, and are unique.',
      );
    seen.add(code);
    if (!vi)
      throw invalid(
        `criteria[${i}].vi`,
        'Cần nội dung tiêu chí bằng tiếng Việt.',
        'The Vietnamese wording is required.',
      );
    const kind = o.kind === 'conduct' ? 'conduct' : 'indicator';
    return { code, kind, label_vi: vi, label_en: en || vi, active: (o.active === false ? 0 : 1) as 0 | 1 };
  });
  let pct: number | null = null;
  if (input.lowThresholdPct !== undefined && input.lowThresholdPct !== '') {
    pct = Number(input.lowThresholdPct);
    if (!Number.isInteger(pct) || pct < 0 || pct > 100)
      throw invalid('lowThresholdPct', 'Ngưỡng điểm thấp từ 0 đến 100 (%).', 'The low-score threshold is 0–100 (%).');
  }
  const at = deps.now().toISOString();
  await settingOf(deps, center.id);
  await inTransaction(deps.db, async (tx) => {
    await repo.replaceCriteria(tx, center.id, rows, at);
    if (pct !== null) await repo.setThreshold(tx, center.id, pct, at);
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: 'surveys.criteria',
      subject: center.slug,
      detail: JSON.stringify({ count: rows.length, lowThresholdPct: pct }),
      at,
    });
  });
}

// ---- The citizen's side ----

const NOT_FOUND_DETAIL = {
  vi: 'Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này.',
  en: 'No dossier matches this code and secret.',
};

type DossierRow = DossierRecord;

/** The dossier named by code (+ the receipt's secret unless `trusted`, i.e. the counter tablet) in this centre; another centre's answers like a missing one. */
async function dossierFor(
  deps: Deps,
  center: Center,
  code: unknown,
  secret: unknown,
  trusted: boolean,
): Promise<DossierRow> {
  const c = typeof code === 'string' ? code.trim() : '';
  const s = typeof secret === 'string' ? secret.trim().toUpperCase() : '';
  const d = c && c.length <= 40 && s.length <= 16 ? await dossierByCode(deps, c) : undefined;
  if (!d || d.center_id !== center.id) throw new AppError('NOT_FOUND', [NOT_FOUND_DETAIL]);
  if (!trusted && (!s || !sameSecretText(s, d.lookup_secret))) throw new AppError('NOT_FOUND', [NOT_FOUND_DETAIL]);
  return d;
}

export const ALREADY_RATED = {
  vi: 'Cảm ơn Ông/Bà! Hồ sơ này đã được đánh giá cho bước này rồi, mỗi hồ sơ chỉ đánh giá một lần cho mỗi bước. Ý kiến trước đó vẫn được giữ nguyên.',
  en: 'Thank you! This dossier has already been rated for this step; each dossier is rated once per step. The earlier answer is kept unchanged.',
};
const NOT_READY = {
  vi: 'Hồ sơ chưa có kết quả nên chưa thể đánh giá bước trả kết quả.',
  en: 'The result is not ready yet, so the return step cannot be rated.',
};

export interface SurveyContext {
  center: Center;
  dossier: { code: string; procedureName: string; field: string; status: number } | null;
  ticketCode: string | null;
  stage: Stage;
  alreadyRated: boolean;
  criteria: Criterion[];
}

/** What the survey page shows for a dossier (or a ticket at the tablet). */
export async function surveyContext(
  deps: Deps,
  slug: string,
  q: { code?: unknown; secret?: unknown; ticket?: unknown; stage?: Stage | null; trusted?: boolean },
): Promise<SurveyContext> {
  const center = await getCenter(deps, slug);
  const criteria = (await criteriaOf(deps, center.id)).filter((c) => c.active);
  const ticket = parseTicket(q.ticket);
  if (!q.code && ticket && q.trusted) {
    const stage = q.stage ?? 'receipt';
    const day = toLocal(deps.now()).date;
    return {
      center,
      dossier: null,
      ticketCode: ticket,
      stage,
      alreadyRated: !!(await repo.findTicketResponse(deps.db, center.id, day, ticket, stage)),
      criteria,
    };
  }
  const d = await dossierFor(deps, center, q.code, q.secret, q.trusted === true);
  const st = stageFor(d.status, q.stage ?? null);
  if ('error' in st) throw new AppError('CONFLICT', [NOT_READY]);
  const rated = await repo.findResponseFor(deps.db, d.id, st.stage);
  return {
    center,
    dossier: { code: d.code, procedureName: d.procedure_name, field: d.field, status: d.status },
    ticketCode: ticket,
    stage: st.stage,
    alreadyRated: !!rated,
    criteria,
  };
}

function parseTicket(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim().toUpperCase();
  if (!t) return null;
  if (!/^[A-Z0-9-]{1,20}$/.test(t))
    throw invalid(
      'ticket',
      'Số phiếu xếp hàng chỉ gồm chữ, số (tối đa 20 ký tự).',
      'A queue ticket is letters and digits (20 at most).',
    );
  return t;
}

export interface ResponseInput {
  code?: unknown;
  secret?: unknown;
  ticket?: unknown;
  stage?: Stage | null;
  channel: SurveyChannel;
  device: string;
  overall: unknown;
  scores?: unknown;
  comment?: unknown;
  /** The counter of the tablet (kiosk mode). */
  counter?: string | null;
  /** True at the counter tablet: the dossier code alone identifies the dossier in front of the officer. */
  trusted?: boolean;
}

/** The officer who received (receipt) or returned (result) the dossier, from its events. */
async function officerOf(
  deps: Deps,
  dossierId: number,
  stage: Stage,
): Promise<{ userId: number | null; name: string | null }> {
  const events = await dossierEventsOf(deps, dossierId);
  const pick =
    stage === 'receipt'
      ? (events.find((e) => e.action === 'accept') ?? events.find((e) => e.action === 'received' && e.to_status === 2))
      : [...events].reverse().find((e) => e.action === 'return_result');
  if (!pick) return { userId: null, name: null };
  return { userId: pick.actor_user_id, name: pick.actor_name || null };
}

/** The overall rating, or 400. */
function overallOf(v: unknown): Overall {
  if (typeof v !== 'string' || !(OVERALL as readonly string[]).includes(v))
    throw invalid(
      'overall',
      'Xin chọn mức độ hài lòng chung: Rất hài lòng, Hài lòng hoặc Không hài lòng.',
      'Please choose an overall rating: very satisfied, satisfied or not satisfied.',
    );
  return v as Overall;
}

/** The answers to the active criteria as scores 0–2 (unanswered ones left out), or 400. */
function scoresOf(criteria: Criterion[], given: unknown): Record<string, Score> {
  const scores: Record<string, Score> = {};
  const raw = (typeof given === 'object' && given !== null ? given : {}) as Record<string, unknown>;
  for (const c of criteria) {
    const v = raw[c.code];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string' || !(OVERALL as readonly string[]).includes(v))
      throw invalid(
        `scores.${c.code}`,
        'Câu trả lời cho tiêu chí không hợp lệ.',
        'The answer for a criterion is not valid.',
      );
    scores[c.code] = SCORE_OF[v as Overall];
  }
  return scores;
}

/** The rated dossier's id, its officer for the stage, and the counter (the tablet's, else the officer's). */
async function whoServed(deps: Deps, ctx: SurveyContext, tabletCounter: string | null | undefined) {
  let dossierId: number | null = null;
  let officer: { userId: number | null; name: string | null } = { userId: null, name: null };
  if (ctx.dossier) {
    const d = (await dossierByCode(deps, ctx.dossier.code))!;
    dossierId = d.id;
    officer = await officerOf(deps, d.id, ctx.stage);
  }
  const counter =
    tabletCounter ??
    (officer.name ? ((await repo.counterOfName(deps.db, ctx.center.id, officer.name))?.counter ?? null) : null);
  return { dossierId, officer, counter };
}

/** Records one response; a second one for the same dossier (or ticket) and stage is refused with 409 and changes nothing. */
export async function submitResponse(
  deps: Deps,
  slug: string,
  input: ResponseInput,
): Promise<{ id: number; stage: Stage; followup: boolean }> {
  if (!(CHANNELS as readonly string[]).includes(input.channel))
    throw invalid('channel', `Kênh: ${CHANNELS.join(', ')}.`, `channel: ${CHANNELS.join(', ')}.`);
  const ctx = await surveyContext(deps, slug, input);
  const overall = overallOf(input.overall);
  const scores = scoresOf(ctx.criteria, input.scores);
  const comment = typeof input.comment === 'string' ? nfc(input.comment).slice(0, 1000) || null : null;
  if (ctx.alreadyRated) throw new AppError('CONFLICT', [ALREADY_RATED]);
  const center = ctx.center;
  const now = deps.now();
  const at = now.toISOString();
  const day = toLocal(now).date;
  const setting = await settingOf(deps, center.id);
  const { dossierId, officer, counter } = await whoServed(deps, ctx, input.counter);
  const avg = averagePct(scores);
  const reason = lowScoreReason(overall, avg, setting.low_threshold_pct);
  try {
    const id = await inTransaction(deps.db, async (tx) => {
      const r = await repo.insertResponse(tx, {
        center_id: center.id,
        dossier_id: dossierId,
        dossier_code: ctx.dossier?.code ?? null,
        ticket_code: ctx.ticketCode,
        stage: ctx.stage,
        channel: input.channel,
        device: ['phone', 'tablet', 'desktop'].includes(input.device) ? input.device : 'other',
        overall,
        scores: scoresCodec.encode(scores),
        average_pct: avg,
        comment,
        officer_user_id: officer.userId,
        officer_name: officer.name,
        counter: counter ? counter.slice(0, 100) : null,
        field: ctx.dossier?.field ?? null,
        local_day: day,
        local_month: monthOf(day),
        created_at: at,
      });
      if (reason) await repo.insertFollowup(tx, { center_id: center.id, response_id: r.id, reason, created_at: at });
      return r.id;
    });
    return { id, stage: ctx.stage, followup: reason !== null };
  } catch (e) {
    // Two submissions at the same moment: the unique constraint decides, the loser is told politely.
    if (/unique|duplicate/i.test(String((e as Error)?.message)))
      throw new AppError('CONFLICT', [ALREADY_RATED], { cause: e });
    throw e;
  }
}

// ---- Kiosk (counter tablet) ----

export const KIOSK_HOURS = 12;

/** A cookie value that unlocks the counter tablet of a centre until it expires. */
export async function kioskToken(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  counter: string,
): Promise<{ token: string; center: Center; counter: string }> {
  const { center } = await authorizeCenter(deps, actor, slug);
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!can(actor, 'dossier.intake', center.id) && !can(actor, 'surveys.manage', center.id))
    throw new AppError('FORBIDDEN');
  const c = nfc(counter).slice(0, 60);
  if (!c) throw invalid('counter', 'Cần tên quầy.', 'The counter name is required.');
  const key = (await settingOf(deps, center.id)).signing_key;
  const exp = deps.now().getTime() + KIOSK_HOURS * 3_600_000;
  const payload = `${center.id}.${Buffer.from(c).toString('base64url')}.${exp}`;
  await insertAudit(deps.db, {
    center_id: center.id,
    actor_user_id: actorId(actor),
    action: 'surveys.kiosk.unlock',
    subject: c,
    detail: null,
    at: deps.now().toISOString(),
  });
  return { token: `${payload}.${sign(key, payload)}`, center, counter: c };
}

/** The counter a kiosk cookie unlocks for this centre, or null (missing, forged, expired, another centre). */
export async function kioskCounter(deps: Deps, center: Center, token: string | undefined): Promise<string | null> {
  if (!token) return null;
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [cid, c64, exp, sig] = parts as [string, string, string, string];
  if (Number(cid) !== center.id || !(Number(exp) > deps.now().getTime())) return null;
  const key = (await settingOf(deps, center.id)).signing_key;
  if (!sameSecretText(sign(key, `${cid}.${c64}.${exp}`), sig)) return null;
  return Buffer.from(c64, 'base64url').toString('utf8');
}

// ---- Results ----

export interface Tally {
  key: string;
  responses: number;
  verySatisfied: number;
  satisfied: number;
  dissatisfied: number;
  satisfiedRate: number | null;
  averagePct: number | null;
}

function tally(rows: { overall: string; average_pct: number | null }[], key: string): Tally {
  const t: Tally = {
    key,
    responses: rows.length,
    verySatisfied: 0,
    satisfied: 0,
    dissatisfied: 0,
    satisfiedRate: null,
    averagePct: null,
  };
  let sum = 0;
  let n = 0;
  for (const r of rows) {
    if (r.overall === 'very_satisfied') t.verySatisfied++;
    else if (r.overall === 'satisfied') t.satisfied++;
    else t.dissatisfied++;
    if (r.average_pct !== null) {
      sum += r.average_pct;
      n++;
    }
  }
  t.satisfiedRate = rows.length ? (t.verySatisfied + t.satisfied) / rows.length : null;
  t.averagePct = n ? Math.round(sum / n) : null;
  return t;
}

function groupBy<T>(rows: T[], key: (r: T) => string): Tally[] {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    m.set(k, [...(m.get(k) ?? []), r]);
  }
  return [...m.entries()]
    .map(([k, rs]) => tally(rs as { overall: string; average_pct: number | null }[], k))
    .sort((a, b) => b.responses - a.responses || a.key.localeCompare(b.key, 'vi'));
}

export const UNKNOWN = '—';

/** Results of a period: totals and per officer, counter, field, month, stage and channel. */
export async function surveyResults(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  range: { from: string; to: string },
) {
  const { center } = await authorizeCenter(deps, actor, slug);
  assertCan(actor, 'surveys.read', center.id);
  const rows = await repo.responsesBetween(deps.db, [center.id], range.from, range.to);
  await insertAudit(deps.db, {
    center_id: center.id,
    actor_user_id: actorId(actor),
    action: 'surveys.results',
    subject: center.slug,
    detail: JSON.stringify(range),
    at: deps.now().toISOString(),
  });
  return {
    center,
    range,
    total: tally(rows, 'all'),
    byOfficer: groupBy(rows, (r) => r.officer_name ?? UNKNOWN),
    byCounter: groupBy(rows, (r) => r.counter ?? UNKNOWN),
    byField: groupBy(rows, (r) => r.field ?? UNKNOWN),
    byMonth: groupBy(rows, (r) => r.local_month).sort((a, b) => a.key.localeCompare(b.key)),
    byStage: groupBy(rows, (r) => r.stage),
    byChannel: groupBy(rows, (r) => r.channel),
  };
}
export type SurveyResults = Awaited<ReturnType<typeof surveyResults>>;

// ---- Follow-up tasks ----

const STATUS_ORDER: Record<string, number> = { open: 0, assigned: 1, resolved: 2 };

export async function listFollowups(deps: Deps, actor: Actor | null, slug: string) {
  const { center } = await authorizeCenter(deps, actor, slug);
  assertCan(actor, 'surveys.read', center.id);
  const rows = await repo.followupsOf(deps.db, center.id, 300);
  return rows
    .map((r) => ({
      id: r.id,
      reason: r.reason,
      status: r.status,
      assignedUserId: r.assigned_user_id,
      assignedName: r.assigned_name,
      note: r.note,
      resolvedAt: r.resolved_at,
      createdAt: r.created_at,
      dossierCode: r.dossier_code,
      ticketCode: r.ticket_code,
      stage: r.stage,
      overall: r.overall,
      averagePct: r.average_pct,
      // Anonymous to the rated officer: their own low ratings are counted, never shown one by one.
      ownRating: r.officer_user_id !== null && r.officer_user_id === actor.userId,
      comment: r.officer_user_id !== null && r.officer_user_id === actor.userId ? null : r.comment,
      officerName: r.officer_name,
      counter: r.counter,
      field: r.field,
      day: r.local_day,
    }))
    .filter((r) => !r.ownRating)
    .sort(
      (a, b) => (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) || b.createdAt.localeCompare(a.createdAt),
    );
}
export type FollowupView = Awaited<ReturnType<typeof listFollowups>>[number];

export async function staffList(deps: Deps, centerId: number) {
  return repo.staffOf(deps.db, centerId);
}

/** Assigns, annotates or resolves a follow-up task (surveys.manage). */
export async function updateFollowup(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
  input: { action: unknown; assignee?: unknown; note?: unknown },
): Promise<void> {
  const { center } = await authorizeCenter(deps, actor, slug);
  assertCan(actor, 'surveys.manage', center.id);
  const n = parseId(id);
  if (n === null) throw new AppError('NOT_FOUND');
  const at = deps.now().toISOString();
  const note = typeof input.note === 'string' ? nfc(input.note).slice(0, 2000) : '';
  // The change and its audit entry are written together or not at all.
  await inTransaction(deps.db, async (tx) => {
    const f = await repo.findFollowup(tx, n);
    if (!f || f.center_id !== center.id) throw new AppError('NOT_FOUND');
    if (input.action === 'assign') {
      const uid = Number(input.assignee);
      const staff = await repo.staffOf(tx, center.id);
      if (!staff.some((s) => s.id === uid))
        throw invalid('assignee', 'Chọn người được giao trong Trung tâm.', 'Choose a person of this centre.');
      if (f.status === 'resolved')
        throw new AppError('CONFLICT', [{ vi: 'Việc này đã xử lý xong.', en: 'This task is already resolved.' }]);
      await repo.updateFollowup(tx, n, {
        status: 'assigned',
        assigned_user_id: uid,
        note: note || f.note,
        updated_at: at,
      });
    } else if (input.action === 'resolve') {
      if (!note) throw invalid('note', 'Cần ghi kết quả xử lý.', 'Write how it was resolved.');
      if (f.status === 'resolved')
        throw new AppError('CONFLICT', [{ vi: 'Việc này đã xử lý xong.', en: 'This task is already resolved.' }]);
      await repo.updateFollowup(tx, n, {
        status: 'resolved',
        note,
        resolved_by: actorId(actor),
        resolved_at: at,
        updated_at: at,
      });
    } else {
      throw invalid('action', 'Thao tác: assign hoặc resolve.', 'Action: assign or resolve.');
    }
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: `surveys.followup.${String(input.action)}`,
      subject: String(n),
      detail: null,
      at,
    });
  });
}

export async function centerOfActor(deps: Deps, actor: Actor) {
  return getCenterById(deps, actor.homeCenterId);
}

// ---- View models of the pages ----

/** What the citizen's survey page shows: the dossier (or why not), with the status the page answers with. */
export interface SurveyPageModel {
  center: Center;
  ctx: SurveyContext | null;
  already: string | null;
  notFound: boolean;
  status: number;
}

/**
 * /<centre>/danh-gia: the dossier of the code and secret (when given) and whether it was rated already
 * (409) or is unknown (404); `status` is the page's own status otherwise (400 after a bad form).
 */
export async function surveyPageModel(
  deps: Deps,
  slug: string,
  form: { code: string; secret: string; stage: Stage | null },
  lang: Lang,
  status: number,
): Promise<SurveyPageModel> {
  const center = await getCenter(deps, slug);
  const model: SurveyPageModel = { center, ctx: null, already: null, notFound: false, status };
  if (!form.code && !form.secret) return model;
  try {
    model.ctx = await surveyContext(deps, center.slug, form);
    if (model.ctx.alreadyRated) return { ...model, already: ALREADY_RATED[lang], status: 409 };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (e.code === 'NOT_FOUND') return { ...model, notFound: true, status: 404 };
    if (e.code === 'CONFLICT') return { ...model, already: e.details.map((d) => d[lang]).join(' '), status: 409 };
    throw e;
  }
  return model;
}

/** /<centre>/danh-gia/quay/<counter>: the counter when the kiosk cookie unlocks this one (else null: 403), the criteria. */
export async function kioskPageModel(
  deps: Deps,
  slug: string,
  counter: string,
  token: string | undefined,
): Promise<{ center: Center; counter: string | null; criteria: Criterion[] }> {
  const center = await getCenter(deps, slug);
  const unlocked = await kioskCounter(deps, center, token);
  const ok = unlocked !== null && unlocked === counter.normalize('NFC');
  const criteria = (await criteriaOf(deps, center.id)).filter((c) => c.active);
  return { center, counter: ok ? unlocked : null, criteria };
}

/** What /console/surveys shows for the officer's home centre and a month ('YYYY-MM'; a bad one → this month). */
export async function surveysConsoleModel(deps: Deps, actor: Actor, askedMonth: string) {
  const center = await getCenterById(deps, actor.homeCenterId);
  const month = consoleMonth(askedMonth, toLocal(deps.now()).date);
  const results = await surveyResults(deps, actor, center.slug, monthRange(month));
  const year = await surveyResults(deps, actor, center.slug, {
    from: `${monthsBack(month, 11)}-01`,
    to: monthRange(month).to,
  });
  const settings = await surveySettings(deps, actor, center.slug);
  return {
    center,
    month,
    results,
    year,
    followups: await listFollowups(deps, actor, center.slug),
    staff: await staffList(deps, center.id),
    criteria: settings.criteria,
    lowThresholdPct: settings.lowThresholdPct,
    canManage: can(actor, 'surveys.manage', center.id),
    canUnlock: can(actor, 'dossier.intake', center.id) || can(actor, 'surveys.manage', center.id),
    counters: (await repo.countersOf(deps.db, center.id)).map((c) => c.counter),
  };
}
