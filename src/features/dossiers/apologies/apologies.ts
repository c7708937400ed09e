/**
 * Apology and re-appointment (plan III.3.4, form 04): a draft (by an officer, or by the daily
 * job for dossiers at risk of being late), approval by the director with a yearly number — which
 * re-appoints the dossier through the `extend` action — or rejection, then delivery. The original
 * appointment stays the one used for statistics.
 */
import type { Deps } from '../../../core/deps.ts';
import { inTransaction } from '../../../core/db/tx.ts';
import { AppError, invalid } from '../../../core/http/errors.ts';
import { fold } from '../../../core/text/index.ts';
import { actorId, assertCan, SYSTEM_ACTOR, type Actor } from '../../../core/auth/access.ts';
import { insertAudit } from '../../../core/auth/repo.ts';
import { nfc } from '../../../core/text/index.ts';
import { addWorkingMs, fromLocal, toLocal } from '../../../core/calendar/index.ts';
import { getCenterById } from '../../centers/index.ts';
import { calendarOf } from '../../calendar/index.ts';
import * as repo from '../repo.ts';
import * as apologies from './apologies-repo.ts';
import { act, clockEventsByDossier, clockFacts, getDossier } from '../service.ts';
import { atRisk, clockAt } from '../workflow/clock.ts';
import { apologyBlocker, reappointmentCount } from '../model.ts';

export const DELIVERY_CHANNELS = ['desk', 'email', 'sms', 'post'] as const;
/** A reason shorter than this (characters, after trimming) is not a reason the director can sign. */
export const MIN_REASON_CHARS = 15;

/** Sentences that stand in for a reason (the at-risk watch wrote the first before migration 018). */
const PLACEHOLDERS = ['can bo sung ly do', 'ly do cu the', 'chua co ly do', 'nhap ly do', 'placeholder', 'todo'];

/**
 * Whether a reason can go on a letter the director signs: written (not empty, not a placeholder
 * such as "chuyên viên cần bổ sung lý do cụ thể…"), at least MIN_REASON_CHARS long and three
 * words. Returns the problem in Vietnamese and English, or null. Pure.
 */
export function reasonProblem(reason: string): { vi: string; en: string } | null {
  const text = reason.normalize('NFC').trim();
  const folded = fold(text).replace(/\s+/g, ' ');
  if (!text)
    return {
      vi: 'Thư chưa có lý do chậm trả kết quả: chuyên viên (người đang giữ hồ sơ) cần ghi lý do cụ thể.',
      en: 'The letter has no reason for the delay yet: the specialist (the holder) must write a real reason.',
    };
  if (PLACEHOLDERS.some((p) => folded.includes(p)))
    return {
      vi: 'Lý do đang là câu để trống chờ điền, chưa phải lý do thật: hãy ghi lý do cụ thể (việc gì, chờ ai, vì sao chậm).',
      en: 'The reason is still a placeholder, not a real reason: write what is being waited for and why it is late.',
    };
  const letters = text.replace(/[^\p{L}\p{N}]/gu, '');
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (
    text.replace(/\s+/g, ' ').length < MIN_REASON_CHARS ||
    words.length < 3 ||
    new Set(letters.toLowerCase()).size < 4
  )
    return {
      vi: `Lý do quá ngắn: cần ít nhất ${MIN_REASON_CHARS} ký tự và 3 từ, nêu rõ vì sao hồ sơ chậm.`,
      en: `The reason is too short: at least ${MIN_REASON_CHARS} characters and three words saying why the dossier is late.`,
    };
  return null;
}

/** Re-appointments a dossier has had: its `extend` events (each approved letter makes one; so does a direct extension). */
async function reappointments(deps: Deps, dossierId: number): Promise<number> {
  return reappointmentCount(await repo.eventsOf(deps.db, dossierId));
}

function limitReached(done: number, max: number): AppError {
  return new AppError('CONFLICT', [
    {
      field: 'action',
      vi: `Hồ sơ đã được hẹn lại ${done} lần, Trung tâm cho phép tối đa ${max} lần: không soạn thêm thư xin lỗi và hẹn lại.`,
      en: `The dossier has been re-appointed ${done} time(s) and the centre allows at most ${max}: no further apology can be drafted.`,
    },
  ]);
}

/** The new appointment an officer proposes: an ISO instant after the current appointment, or the engine's proposal. */
async function proposedDue(deps: Deps, centerId: number, current: Date, input: unknown): Promise<Date> {
  if (input === undefined || input === null || input === '') return proposeNewDue(deps, centerId, current);
  const proposed = typeof input === 'string' ? new Date(input) : new Date(NaN);
  if (Number.isNaN(proposed.getTime()) || proposed.getTime() <= current.getTime())
    throw invalid(
      'proposedDueAt',
      'Ngày hẹn mới phải sau ngày hẹn hiện tại.',
      'The new appointment must be after the current one.',
    );
  return proposed;
}

/** Who answers for the delay on form 04: the responsible body and its signer (null = the centre and its leader). */
export interface ApologySigner {
  responsible_unit: string | null;
  signer_title: string | null;
  signer_name: string | null;
}

/**
 * The responsible body (unit name), the signer's title and name an officer states on the draft;
 * each optional (empty = the centre, its leader), but a signer's name goes with a title.
 * Fields left out keep `current`'s values. Throws a field error in Vietnamese and English.
 */
export function signerInput(
  input: SignerFields,
  current: ApologySigner = { responsible_unit: null, signer_title: null, signer_name: null },
): ApologySigner {
  const one = (v: unknown, field: string, max: number, was: string | null): string | null => {
    if (v === undefined) return was;
    if (v === null) return null;
    if (typeof v !== 'string') throw invalid(field, 'Phải là chữ.', 'Must be text.');
    const text = nfc(v).trim().replace(/\s+/g, ' ');
    if (text.length > max)
      throw invalid(field, `Dài quá ${String(max)} ký tự.`, `Longer than ${String(max)} characters.`);
    return text || null;
  };
  const out = {
    responsible_unit: one(input.responsibleUnit, 'responsibleUnit', 200, current.responsible_unit),
    signer_title: one(input.signerTitle, 'signerTitle', 100, current.signer_title),
    signer_name: one(input.signerName, 'signerName', 100, current.signer_name),
  };
  if (out.signer_name && !out.signer_title)
    throw invalid(
      'signerTitle',
      'Ghi chức vụ của người ký (ví dụ: Trưởng phòng, Chủ tịch) cùng với họ tên.',
      "Give the signer's title (e.g. Head of office, Chairman) with the name.",
    );
  return out;
}

/** The optional signer fields of a draft, as the API and the console form send them. */
export interface SignerFields {
  responsibleUnit?: unknown;
  signerTitle?: unknown;
  signerName?: unknown;
}

/** What drafting or revising takes. */
export type DraftInput = { reason?: unknown; proposedDueAt?: unknown } & SignerFields;

/** Working days proposed for the new appointment, counted from the current one. */
export const DEFAULT_EXTENSION_DAYS = 3;

export interface ApologyView {
  id: number;
  round: number;
  status: string;
  reason: string;
  proposedDueAt: string;
  auto: boolean;
  number: string | null;
  draftedAt: string;
  decidedAt: string | null;
  deliveredAt: string | null;
  deliveryChannel: string | null;
  /** The body responsible for the delay and the signer of form 04; null = the centre and its leader. */
  responsibleUnit: string | null;
  signerTitle: string | null;
  signerName: string | null;
  /** For a draft: why the director cannot approve it yet (no real reason), or null when it can be. */
  notReady: { vi: string; en: string } | null;
}

const present = (a: Awaited<ReturnType<typeof apologies.ofDossier>>[number]): ApologyView => ({
  id: a.id,
  round: a.round,
  status: a.status,
  reason: a.reason,
  proposedDueAt: a.proposed_due_at,
  auto: a.auto === 1,
  number: a.number !== null ? `${String(a.number).padStart(2, '0')}/PXL` : null,
  draftedAt: a.drafted_at,
  decidedAt: a.decided_at,
  deliveredAt: a.delivered_at,
  deliveryChannel: a.delivery_channel,
  responsibleUnit: a.responsible_unit,
  signerTitle: a.signer_title,
  signerName: a.signer_name,
  notReady: a.status === 'draft' ? reasonProblem(a.reason) : null,
});

/** The engine's proposal: the end of the N-th working day after the current appointment. */
export async function proposeNewDue(
  deps: Deps,
  centerId: number,
  currentDue: Date,
  days = DEFAULT_EXTENSION_DAYS,
): Promise<Date> {
  const cal = await calendarOf(deps, await getCenterById(deps, centerId));
  const day = cal.addWorkingDays(toLocal(currentDue).date, days);
  const sessions = cal.sessionsOf(day);
  return sessions.length ? sessions[sessions.length - 1]!.end : fromLocal(day, 17 * 60);
}

export async function apologiesOf(deps: Deps, actor: Actor | null, code: string): Promise<ApologyView[]> {
  const { dossier } = await getDossier(deps, actor, code);
  const row = (await repo.findByCode(deps.db, dossier.code))!;
  return (await apologies.ofDossier(deps.db, row.id)).map(present);
}

/** An officer drafts the apology (reason, proposed new appointment) for the director to approve. */
export async function draftApology(
  deps: Deps,
  actor: Actor | null,
  code: string,
  input: DraftInput,
  auto = false,
): Promise<ApologyView> {
  const { dossier } = await getDossier(deps, actor, code);
  const row = (await repo.findByCode(deps.db, dossier.code))!;
  assertCan(actor, 'dossier.process', row.center_id);
  const center = await getCenterById(deps, row.center_id);
  // The centre's limit is checked here, when drafting, not at approval (the director never sees a draft that cannot be approved).
  const done = await reappointments(deps, row.id);
  const blocker = apologyBlocker(row.status, done, center.max_reappointments);
  if (blocker === 'closed')
    throw new AppError('CONFLICT', [
      { vi: 'Chỉ soạn thư xin lỗi cho hồ sơ đang giải quyết.', en: 'Only an open dossier can get an apology.' },
    ]);
  if (blocker === 'limit') throw limitReached(done, center.max_reappointments);
  const existing = await apologies.ofDossier(deps.db, row.id);
  if (existing.some((a) => a.status === 'draft'))
    throw new AppError('CONFLICT', [
      {
        vi: 'Đã có một bản dự thảo chờ duyệt: hãy sửa lý do và ngày hẹn của bản đó.',
        en: 'A draft is already awaiting approval: edit its reason and date instead.',
      },
    ]);
  // The watch drafts without a reason (the holder writes it); an officer's draft needs a real one.
  const reason = auto ? '' : typeof input.reason === 'string' ? nfc(input.reason).slice(0, 1000) : '';
  const problem = auto ? null : reasonProblem(reason);
  if (problem) throw invalid('reason', problem.vi, problem.en);
  const signer = signerInput(input);
  const current = new Date(row.extended_due_at ?? row.due_at);
  const proposed = await proposedDue(deps, row.center_id, current, input.proposedDueAt);
  const now = deps.now().toISOString();
  const round = existing.length + 1;
  await inTransaction(deps.db, async (tx) => {
    const inserted = await apologies.insertDraft(tx, {
      center_id: row.center_id,
      dossier_id: row.id,
      round,
      reason,
      proposed_due_at: proposed.toISOString(),
      auto: auto ? 1 : 0,
      drafted_by: actorId(actor),
      drafted_at: now,
      ...signer,
    });
    if (!inserted) throw new AppError('CONFLICT', [{ vi: 'Đã có bản dự thảo.', en: 'A draft already exists.' }]);
    await insertAudit(tx, {
      center_id: row.center_id,
      actor_user_id: actorId(actor),
      action: 'apology.draft',
      subject: row.code,
      detail: JSON.stringify({ reason, proposed: proposed.toISOString(), auto, ...signer }),
      at: now,
    });
  });
  return (await apologies.ofDossier(deps.db, row.id)).map(present).find((a) => a.round === round)!;
}

/**
 * The specialist (or whoever may process the dossier, its holder among them) writes the reason and
 * proposes the new appointment on the pending draft — the watch's drafts have no reason until then.
 */
export async function reviseApology(
  deps: Deps,
  actor: Actor | null,
  code: string,
  input: DraftInput,
): Promise<ApologyView> {
  const { dossier } = await getDossier(deps, actor, code);
  const row = await repo.findByCode(deps.db, dossier.code);
  if (!row) throw new AppError('NOT_FOUND');
  assertCan(actor, 'dossier.process', row.center_id);
  const draft = (await apologies.ofDossier(deps.db, row.id)).find((a) => a.status === 'draft');
  if (!draft)
    throw new AppError('NOT_FOUND', [
      { vi: 'Không có bản dự thảo thư xin lỗi chờ duyệt.', en: 'No apology draft awaits approval.' },
    ]);
  const reason = typeof input.reason === 'string' ? nfc(input.reason).slice(0, 1000) : '';
  const problem = reasonProblem(reason);
  if (problem) throw invalid('reason', problem.vi, problem.en);
  const signer = signerInput(input, draft);
  const current = new Date(row.extended_due_at ?? row.due_at);
  const proposed =
    input.proposedDueAt === undefined || input.proposedDueAt === null || input.proposedDueAt === ''
      ? new Date(draft.proposed_due_at)
      : await proposedDue(deps, row.center_id, current, input.proposedDueAt);
  if (proposed.getTime() <= current.getTime())
    throw invalid(
      'proposedDueAt',
      'Ngày hẹn mới phải sau ngày hẹn hiện tại.',
      'The new appointment must be after the current one.',
    );
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    if (
      !(await apologies.revise(tx, draft.id, {
        reason,
        proposed_due_at: proposed.toISOString(),
        drafted_by: actorId(actor),
        ...signer,
      }))
    )
      throw new AppError('CONFLICT', [
        { vi: 'Bản dự thảo vừa được duyệt hoặc từ chối.', en: 'The draft was just approved or rejected.' },
      ]);
    await insertAudit(tx, {
      center_id: row.center_id,
      actor_user_id: actorId(actor),
      action: 'apology.revise',
      subject: row.code,
      detail: JSON.stringify({ reason, proposed: proposed.toISOString(), ...signer }),
      at: now,
    });
  });
  const revised = (await apologies.ofDossier(deps.db, row.id)).find((a) => a.id === draft.id);
  if (!revised) throw new AppError('NOT_FOUND');
  return present(revised);
}

/** The director approves: a yearly number, and the dossier is re-appointed (the `extend` event). */
export async function decideApology(
  deps: Deps,
  actor: Actor | null,
  code: string,
  decision: 'approve' | 'reject',
  input: { newDueAt?: unknown } = {},
): Promise<ApologyView> {
  const { dossier } = await getDossier(deps, actor, code);
  const row = (await repo.findByCode(deps.db, dossier.code))!;
  assertCan(actor, 'dossier.extend', row.center_id);
  const draft = (await apologies.ofDossier(deps.db, row.id)).find((a) => a.status === 'draft');
  if (!draft)
    throw new AppError('NOT_FOUND', [
      { vi: 'Không có bản dự thảo thư xin lỗi chờ duyệt.', en: 'No apology draft awaits approval.' },
    ]);
  if (decision === 'approve') {
    // A letter the director signs states why: a missing or placeholder reason cannot be approved.
    const problem = reasonProblem(draft.reason);
    if (problem) throw new AppError('CONFLICT', [{ field: 'reason', ...problem }]);
  }
  const now = deps.now();
  await inTransaction(deps.db, async (tx) => {
    const d: Deps = { ...deps, db: tx };
    if (decision === 'reject') {
      if (
        !(await apologies.decide(tx, draft.id, {
          status: 'rejected',
          number: null,
          number_year: null,
          decided_by: actorId(actor),
          decided_at: now.toISOString(),
        }))
      )
        throw new AppError('CONFLICT');
      return;
    }
    const dueAt = typeof input.newDueAt === 'string' && input.newDueAt ? input.newDueAt : draft.proposed_due_at;
    const year = Number(toLocal(now).date.slice(0, 4));
    const number = await apologies.nextNumber(tx, row.center_id, year);
    if (
      !(await apologies.decide(tx, draft.id, {
        status: 'approved',
        number,
        number_year: year,
        decided_by: actorId(actor),
        decided_at: now.toISOString(),
        proposed_due_at: new Date(dueAt).toISOString(),
      }))
    )
      throw new AppError('CONFLICT');
    await act(d, actor, row.code, 'extend', {
      reason: draft.reason,
      newDueAt: dueAt,
      number: `${String(number).padStart(2, '0')}/PXL`,
      // Form 04 prints these from the event (empty: the centre and its leader).
      ...(draft.responsible_unit ? { responsibleUnit: draft.responsible_unit } : {}),
      ...(draft.signer_title ? { signerTitle: draft.signer_title, signerName: draft.signer_name ?? '' } : {}),
    });
  });
  return (await apologies.ofDossier(deps.db, row.id)).map(present).find((a) => a.id === draft.id)!;
}

/** Records how the approved letter reached the citizen (the e-mail/SMS copies go through the outbox on approval). */
export async function deliverApology(
  deps: Deps,
  actor: Actor | null,
  code: string,
  channel: unknown,
): Promise<ApologyView> {
  const { dossier } = await getDossier(deps, actor, code);
  const row = (await repo.findByCode(deps.db, dossier.code))!;
  assertCan(actor, 'dossier.intake', row.center_id);
  if (typeof channel !== 'string' || !(DELIVERY_CHANNELS as readonly string[]).includes(channel))
    throw invalid(
      'channel',
      `Hình thức gửi: ${DELIVERY_CHANNELS.join(', ')}.`,
      `Delivery: ${DELIVERY_CHANNELS.join(', ')}.`,
    );
  const approved = (await apologies.ofDossier(deps.db, row.id)).find((a) => a.status === 'approved' && !a.delivered_at);
  if (!approved || !(await apologies.markDelivered(deps.db, approved.id, channel, deps.now().toISOString())))
    throw new AppError('NOT_FOUND', [
      { vi: 'Không có thư xin lỗi đã duyệt chờ gửi.', en: 'No approved apology awaits delivery.' },
    ]);
  return (await apologies.ofDossier(deps.db, row.id)).map(present).find((a) => a.id === approved.id)!;
}

/**
 * The daily watch (plan III.1.5): drafts an apology for every dossier genuinely at risk, as the
 * one clock decides (clock.ts atRisk): clock running (not paused for a supplement, not awaiting
 * acceptance), not yet past the limit, its Decision 766 appointment within the centre's warning
 * window in WORKING hours (center.apology_warning_hours), not received today, never re-appointed
 * and not yet apologised.
 */
export async function draftForAtRisk(deps: Deps): Promise<number> {
  let drafted = 0;
  const now = deps.now();
  for (const { id } of await apologies.centerIds(deps.db)) {
    const center = await getCenterById(deps, id);
    const cal = await calendarOf(deps, center);
    const hours = center.apology_warning_hours;
    // The 766 appointment is never before the original one: the original within the window is a bound.
    const horizon = addWorkingMs(cal, now, hours * 3_600_000);
    const candidates = await apologies.atRisk(deps.db, id, horizon.toISOString());
    const events = await clockEventsByDossier(
      deps,
      candidates.map((d) => d.id),
    );
    for (const d of candidates) {
      const facts = clockFacts(d, events.get(d.id) ?? []);
      if (!atRisk(cal, clockAt(cal, facts, now), facts, now, hours)) continue;
      try {
        // No reason yet: the holder writes it (reviseApology) before the director can approve.
        await draftApology(deps, SYSTEM_ACTOR, d.code, {}, true);
        drafted++;
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
      }
    }
  }
  return drafted;
}

export function listDrafts(deps: Deps, centerId: number) {
  return apologies.drafts(deps.db, centerId);
}
