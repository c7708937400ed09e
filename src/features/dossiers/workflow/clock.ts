/**
 * The dossier's clock: ONE pure function decides, for a dossier at an instant, its state, whether
 * its clock runs, its current appointment and its Decision 766 verdict (BRIEF §3.3, §7.2 2.1),
 * from its events. The deadline monitor, the dossier page, the citizen lookup, the at-risk watch,
 * the monthly report and every drill-down, the 766 scorecard, the tracking book, the DVCQG
 * export and the XLSX/PDF exports all read it (SQL aggregates in reports/repo.ts are proven equal
 * to it by test/integration/clock-agreement.test.ts). No I/O. See docs/decisions/019.
 *
 * The rules:
 * - Status 1 (submitted online, not accepted): the clock has not started — "awaiting acceptance";
 *   not counted in the on-time rate.
 * - Refused / guided at the counter, or withdrawn before acceptance: never received — not counted.
 * - End of processing = the first terminal event: processed (9), returned (10), stopped (8), and a
 *   withdrawal (7) of an accepted dossier.
 * - The appointment judged is the ORIGINAL one (due_at), moved later by the working time the
 *   citizen took to complete a supplement; re-appointments (apology letters) never change it.
 * - More than one supplement request: late (ended) / past the limit (open).
 * - One supplement request still open: counted as ended at the request; the clock is paused.
 * - No appointment ("không xác định": procedures whose time limit has no fixed amount, the officer
 *   gave none): never late by the clock; ended → on time, open → within the limit. More than one
 *   supplement request is still late.
 */
import { addWorkingMs, toLocal, workingMsBetween, type WorkCalendar } from '../../../core/calendar/index.ts';

/**
 * The stored appointment of a dossier without one ("không xác định"): the last instant of year
 * 9999 in Vietnam. Stored as an instant (due_at is NOT NULL and compared in SQL), so that SQL
 * aggregates naturally never find it late; presenters show it as "không xác định" (isNoAppointment).
 */
export const NO_APPOINTMENT = '9999-12-31T16:59:59.999Z';
export const isNoAppointment = (iso: string | null | undefined): boolean => iso === NO_APPOINTMENT;

export interface ClockEvent {
  action: string;
  at: string;
  fromStatus: number | null;
  toStatus: number | null;
  data?: Record<string, unknown>;
}

export interface ClockFacts {
  /** Submission (online) or receipt time. */
  receivedAt: string;
  /** The original appointment (after acceptance), NO_APPOINTMENT when none was given. */
  dueAt: string;
  /** Every event of the dossier, in order (received, accept, request_supplement, …). */
  events: readonly ClockEvent[];
}

export type ClockState =
  | 'awaiting_acceptance' // status 1
  | 'running' // accepted, open, the clock runs
  | 'paused' // waiting for the citizen's supplement (status 5): the clock stops
  | 'ended' // processed, returned, stopped, withdrawn after acceptance
  | 'not_received'; // refused, guided at the counter, withdrawn before acceptance

export type Verdict =
  | 'awaiting' // status 1: not yet accepted, not counted
  | 'not_counted' // never received
  | 'early' // ended on a day before the (effective) appointment's day
  | 'on_time' // ended on the appointment's day, not after it
  | 'late' // ended after it, or more than one supplement request
  | 'in_time' // open, within the limit
  | 'overdue'; // open, past the limit

export interface Clock {
  /** DVCQG status at the instant. */
  status: number;
  state: ClockState;
  running: boolean;
  accepted: boolean;
  /** The 766 appointment (original), null when "không xác định" or not yet accepted. */
  originalDueAt: Date | null;
  /** The appointment the citizen holds now: the last re-appointment, else the original. */
  currentDueAt: Date | null;
  /** The original appointment moved by completed supplement waits (working time). */
  effectiveDueAt: Date | null;
  /** End of processing for 766 (an open single supplement counts as ended at its request). */
  endedAt: Date | null;
  /** True when a terminal event happened (endedAt may also be set by an open supplement). */
  finished: boolean;
  supplementCount: number;
  reappointments: number;
  verdict: Verdict;
  /** In the Decision 766 on-time rate (numerator or denominator). */
  counted: boolean;
  /** Verdict is good for 766: early, on_time, in_time. */
  good: boolean;
}

const TERMINAL = new Set([8, 9, 10]);

/** The part of a clock every state has. */
type ClockBase = Pick<
  Clock,
  'status' | 'accepted' | 'originalDueAt' | 'currentDueAt' | 'supplementCount' | 'reappointments'
>;

/**
 * The clock of a dossier at instant `at` (events after `at` are ignored; a report for a past
 * month asks at the end of the month).
 */
export function clockAt(cal: WorkCalendar, f: ClockFacts, at: Date): Clock {
  const t = at.getTime();
  const h = replay(f.events, t);
  const none = isNoAppointment(f.dueAt);
  const originalDueAt = h.accepted && !none ? new Date(f.dueAt) : null;
  const base = {
    status: h.status,
    accepted: h.accepted,
    originalDueAt,
    currentDueAt: h.currentDue ? new Date(h.currentDue) : originalDueAt,
    supplementCount: h.supplements.length,
    reappointments: h.reappointments,
  };
  if (!h.accepted) return { ...base, ...notAccepted(h) };
  const effectiveDueAt = dueAfterPauses(cal, originalDueAt, h.supplements);
  const open = h.supplements.find((s) => s.to === null);
  const paused = !h.finished && h.status === 5;
  const state: ClockState = h.finished ? 'ended' : paused ? 'paused' : 'running';
  // A single supplement request still open stops the clock at the request (the only one Decision 766 allows).
  const judgedEnd = h.endedAt ?? (open && h.supplements.length === 1 ? open.from : null);
  const verdict = verdictOf(h, judgedEnd, effectiveDueAt, t);
  return {
    ...base,
    state,
    running: state === 'running',
    effectiveDueAt,
    endedAt: judgedEnd,
    finished: h.finished,
    verdict,
    counted: true,
    good: verdict === 'early' || verdict === 'on_time' || verdict === 'in_time',
  };
}

/** What the events up to an instant say: status, acceptance, end, supplement rounds, re-appointments. */
interface History {
  status: number;
  accepted: boolean;
  endedAt: Date | null;
  finished: boolean;
  notReceived: boolean;
  currentDue: string | null;
  reappointments: number;
  supplements: { from: Date; to: Date | null }[];
}

/** A status change: acceptance, and the first end (refused/withdrawn before acceptance is "not received"). */
function applyStatus(h: History, e: ClockEvent, toStatus: number, et: Date): void {
  if ((e.action === 'received' || e.action === 'accept') && toStatus !== 1) h.accepted = true;
  if (!h.finished && !h.notReceived) {
    if (toStatus === 3) h.notReceived = true;
    else if (toStatus === 7) {
      if (h.accepted) {
        h.finished = true;
        h.endedAt = et;
      } else h.notReceived = true;
    } else if (TERMINAL.has(toStatus)) {
      h.finished = true;
      h.endedAt = et;
    }
  }
  h.status = toStatus;
}

/** Replays the events up to `t` (ms) in order. */
function replay(events: readonly ClockEvent[], t: number): History {
  const h: History = {
    status: 0,
    accepted: false,
    endedAt: null,
    finished: false,
    notReceived: false,
    currentDue: null,
    reappointments: 0,
    supplements: [],
  };
  for (const e of events) {
    const et = new Date(e.at);
    if (et.getTime() > t) break;
    if (e.toStatus !== null) applyStatus(h, e, e.toStatus, et);
    if (e.action === 'request_supplement') h.supplements.push({ from: et, to: null });
    else if (e.action === 'complete_supplement') {
      const last = h.supplements[h.supplements.length - 1];
      if (last?.to === null) last.to = et;
    } else if (e.action === 'extend' && typeof e.data?.after === 'string') {
      h.currentDue = e.data.after;
      h.reappointments++;
    }
  }
  return h;
}

/** The clock of a dossier not accepted: awaiting acceptance (status 1), or never received (not counted). */
function notAccepted(h: History): Omit<Clock, keyof ClockBase> {
  const awaiting = !h.notReceived && h.status === 1;
  return {
    state: awaiting ? 'awaiting_acceptance' : 'not_received',
    running: false,
    effectiveDueAt: null,
    endedAt: null,
    finished: !awaiting,
    verdict: awaiting ? 'awaiting' : 'not_counted',
    counted: false,
    good: false,
  };
}

/** The appointment moved by the working time of completed supplement rounds (the clock pauses in them). */
function dueAfterPauses(
  cal: WorkCalendar,
  originalDueAt: Date | null,
  supplements: History['supplements'],
): Date | null {
  let pausedMs = 0;
  for (const s of supplements) if (s.to && originalDueAt) pausedMs += Math.max(0, workingMsBetween(cal, s.from, s.to));
  return originalDueAt && pausedMs > 0 ? addWorkingMs(cal, originalDueAt, pausedMs) : originalDueAt;
}

/** The verdict of an accepted dossier: more than one supplement round is late; else its end (or now) against the due time. */
function verdictOf(h: History, judgedEnd: Date | null, effectiveDueAt: Date | null, t: number): Verdict {
  if (h.supplements.length > 1) return h.finished ? 'late' : 'overdue';
  if (judgedEnd) {
    if (!effectiveDueAt) return 'on_time';
    if (judgedEnd.getTime() > effectiveDueAt.getTime()) return 'late';
    return toLocal(judgedEnd).date < toLocal(effectiveDueAt).date ? 'early' : 'on_time';
  }
  return effectiveDueAt && t > effectiveDueAt.getTime() ? 'overdue' : 'in_time';
}

/** The monitor bucket of an open accepted dossier at `now` (null: nothing to show). */
export type MonitorBucket = 'overdue' | 'dueToday' | 'dueNextWorkingDay' | 'awaitingAcceptance' | 'paused';

export function monitorBucket(cal: WorkCalendar, c: Clock, now: Date): MonitorBucket | null {
  if (c.state === 'awaiting_acceptance') return 'awaitingAcceptance';
  if (c.state === 'paused') return 'paused';
  if (c.state !== 'running') return null;
  if (c.verdict === 'overdue' || c.verdict === 'late') return 'overdue';
  if (!c.effectiveDueAt) return null;
  const today = toLocal(now).date;
  const day = toLocal(c.effectiveDueAt).date;
  if (day <= today) return 'dueToday';
  if (day <= cal.addWorkingDays(today, 1)) return 'dueNextWorkingDay';
  return null;
}

/**
 * The at-risk watch's eligibility (apology drafts): clock running, not yet past the limit, due
 * within `warningHours` working hours of `now`, not received today, no re-appointment yet.
 */
export function atRisk(cal: WorkCalendar, c: Clock, f: ClockFacts, now: Date, warningHours: number): boolean {
  if (!c.running || c.verdict !== 'in_time' || !c.effectiveDueAt || c.reappointments > 0) return false;
  if (toLocal(new Date(f.receivedAt)).date === toLocal(now).date) return false;
  const left = workingMsBetween(cal, now, c.effectiveDueAt);
  return left <= warningHours * 3_600_000;
}
