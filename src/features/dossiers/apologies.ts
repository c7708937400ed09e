/**
 * Apology and re-appointment (plan III.3.4, form 04): a draft (by an officer, or by the daily
 * job for dossiers at risk of being late), approval by the director with a yearly number — which
 * re-appoints the dossier through the `extend` action — or rejection, then delivery. The original
 * appointment stays the one used for statistics.
 */
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { actorId, assertCan, SYSTEM_ACTOR, type Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { nfc } from '../../core/http/i18n.ts';
import { addWorkingMs, fromLocal, toLocal } from '../../core/calendar/index.ts';
import { getCenterById } from '../centers/service.ts';
import { calendarOf } from '../calendar/service.ts';
import * as repo from './repo.ts';
import * as apologies from './apologies-repo.ts';
import { act, clockFacts, getDossier, toClockEvent } from './service.ts';
import { atRisk, clockAt, type ClockEvent } from './clock.ts';

export const DELIVERY_CHANNELS = ['desk', 'email', 'sms', 'post'] as const;
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
  input: { reason?: unknown; proposedDueAt?: unknown },
  auto = false,
): Promise<ApologyView> {
  const { dossier } = await getDossier(deps, actor, code);
  const row = (await repo.findByCode(deps.db, dossier.code))!;
  assertCan(actor, 'dossier.process', row.center_id);
  if (![2, 4, 5, 6].includes(row.status))
    throw new AppError('CONFLICT', [
      { vi: 'Chỉ soạn thư xin lỗi cho hồ sơ đang giải quyết.', en: 'Only an open dossier can get an apology.' },
    ]);
  const center = await getCenterById(deps, row.center_id);
  const approvedBefore = (await apologies.ofDossier(deps.db, row.id)).filter((a) => a.status === 'approved').length;
  if (approvedBefore >= center.max_reappointments)
    throw new AppError('CONFLICT', [
      {
        vi: `Hồ sơ đã được hẹn lại ${approvedBefore} lần (tối đa ${center.max_reappointments}).`,
        en: `The dossier has been re-appointed ${approvedBefore} time(s) (at most ${center.max_reappointments}).`,
      },
    ]);
  const reason = typeof input.reason === 'string' ? nfc(input.reason).slice(0, 1000) : '';
  if (!reason) throw invalid('reason', 'Cần nêu lý do chậm trả kết quả.', 'A reason for the delay is required.');
  const current = new Date(row.extended_due_at ?? row.due_at);
  let proposed: Date;
  if (input.proposedDueAt === undefined || input.proposedDueAt === '')
    proposed = await proposeNewDue(deps, row.center_id, current);
  else {
    proposed = typeof input.proposedDueAt === 'string' ? new Date(input.proposedDueAt) : new Date(NaN);
    if (Number.isNaN(proposed.getTime()) || proposed.getTime() <= current.getTime())
      throw invalid(
        'proposedDueAt',
        'Ngày hẹn mới phải sau ngày hẹn hiện tại.',
        'The new appointment must be after the current one.',
      );
  }
  const now = deps.now().toISOString();
  const existing = await apologies.ofDossier(deps.db, row.id);
  if (existing.some((a) => a.status === 'draft'))
    throw new AppError('CONFLICT', [
      { vi: 'Đã có một bản dự thảo chờ duyệt.', en: 'A draft is already awaiting approval.' },
    ]);
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
    });
    if (!inserted) throw new AppError('CONFLICT', [{ vi: 'Đã có bản dự thảo.', en: 'A draft already exists.' }]);
    await insertAudit(tx, {
      center_id: row.center_id,
      actor_user_id: actorId(actor),
      action: 'apology.draft',
      subject: row.code,
      detail: JSON.stringify({ reason, proposed: proposed.toISOString(), auto }),
      at: now,
    });
  });
  return (await apologies.ofDossier(deps.db, row.id)).map(present).find((a) => a.round === round)!;
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
    const events = new Map<number, ClockEvent[]>();
    for (const e of await repo.clockEvents(
      deps.db,
      candidates.map((d) => d.id),
    )) {
      const l = events.get(e.dossier_id) ?? [];
      l.push(toClockEvent(e));
      events.set(e.dossier_id, l);
    }
    for (const d of candidates) {
      const facts = clockFacts(d, events.get(d.id) ?? []);
      if (!atRisk(cal, clockAt(cal, facts, now), facts, now, hours)) continue;
      try {
        await draftApology(
          deps,
          SYSTEM_ACTOR,
          d.code,
          { reason: 'Hồ sơ có nguy cơ trễ hạn: chuyên viên cần bổ sung lý do cụ thể trước khi trình duyệt.' },
          true,
        );
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
