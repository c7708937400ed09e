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

/**
 * The clock of a dossier at instant `at` (events after `at` are ignored; a report for a past
 * month asks at the end of the month).
 */
export function clockAt(cal: WorkCalendar, f: ClockFacts, at: Date): Clock {
  const t = at.getTime();
  let status = 0;
  let accepted = false;
  let endedAt: Date | null = null;
  let finished = false;
  let notReceived = false;
  let currentDue: string | null = null;
  let reappointments = 0;
  const supplements: { from: Date; to: Date | null }[] = [];
  for (const e of f.events) {
    const et = new Date(e.at);
    if (et.getTime() > t) break;
    if (e.toStatus !== null) {
      if (e.action === 'received' || e.action === 'accept') {
        if (e.toStatus !== 1) accepted = true;
      }
      if (!finished && !notReceived) {
        if (e.toStatus === 3) notReceived = true;
        else if (e.toStatus === 7) {
          if (accepted) {
            finished = true;
            endedAt = et;
          } else notReceived = true;
        } else if (TERMINAL.has(e.toStatus)) {
          finished = true;
          endedAt = et;
        }
      }
      status = e.toStatus;
    }
    if (e.action === 'request_supplement') supplements.push({ from: et, to: null });
    else if (e.action === 'complete_supplement') {
      const last = supplements[supplements.length - 1];
      if (last?.to === null) last.to = et;
    } else if (e.action === 'extend' && typeof e.data?.after === 'string') {
      currentDue = e.data.after;
      reappointments++;
    }
  }
  const none = isNoAppointment(f.dueAt);
  const originalDueAt = accepted && !none ? new Date(f.dueAt) : null;
  const supplementCount = supplements.length;
  const base = {
    status,
    accepted,
    originalDueAt,
    currentDueAt: currentDue ? new Date(currentDue) : originalDueAt,
    supplementCount,
    reappointments,
  };
  if (!accepted) {
    const awaiting = !notReceived && status === 1;
    return {
      ...base,
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
  let pausedMs = 0;
  for (const s of supplements) if (s.to && originalDueAt) pausedMs += Math.max(0, workingMsBetween(cal, s.from, s.to));
  const effectiveDueAt = originalDueAt && pausedMs > 0 ? addWorkingMs(cal, originalDueAt, pausedMs) : originalDueAt;
  const open = supplements.find((s) => s.to === null);
  const paused = !finished && status === 5;
  const state: ClockState = finished ? 'ended' : paused ? 'paused' : 'running';
  const judgedEnd = endedAt ?? (open && supplementCount === 1 ? open.from : null);
  let verdict: Verdict;
  if (supplementCount > 1) verdict = finished ? 'late' : 'overdue';
  else if (judgedEnd) {
    if (!effectiveDueAt) verdict = 'on_time';
    else if (judgedEnd.getTime() > effectiveDueAt.getTime()) verdict = 'late';
    else verdict = toLocal(judgedEnd).date < toLocal(effectiveDueAt).date ? 'early' : 'on_time';
  } else verdict = effectiveDueAt && t > effectiveDueAt.getTime() ? 'overdue' : 'in_time';
  return {
    ...base,
    state,
    running: state === 'running',
    effectiveDueAt,
    endedAt: judgedEnd,
    finished,
    verdict,
    counted: true,
    good: verdict === 'early' || verdict === 'on_time' || verdict === 'in_time',
  };
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
