/**
 * Public results board (plan III.1.3): results ready to collect, per field, with masked names
 * only; and the month's figures per field — received, resolved on time, late, apologised.
 */
import type { Deps } from '../../../core/deps.ts';
import type { Center } from '../../../core/db/schema.ts';
import { addDays, fromLocal, isLocalDate, toLocal } from '../../../core/calendar/index.ts';
import { invalid } from '../../../core/http/errors.ts';
import { calendarOf } from '../../calendar/index.ts';
import * as repo from '../repo.ts';
import { maskName } from '../model.ts';
import { applicantJson } from '../columns.ts';
import { clockAt } from './clock.ts';
import { clockEventsByDossier } from '../service.ts';

export interface FieldFigures {
  field: string;
  received: number;
  resolved: number;
  onTime: number;
  late: number;
  apologised: number;
  open: number;
}

/** "Thứ 3 không hẹn, thứ 6 không chờ" (plan III.3.1): same-day dossiers and how many were returned that day. */
export interface SameDayFigures {
  received: number;
  returnedSameDay: number;
}

export interface ResultsBoard {
  month: string; // YYYY-MM
  ready: {
    field: string;
    items: { code: string; applicant: string; procedureName: string; processedAt: string }[];
  }[];
  figures: FieldFigures[];
  sameDay: SameDayFigures;
}

export function parseMonth(v: unknown, now: Date): string {
  if (v === undefined || v === '') return toLocal(now).date.slice(0, 7);
  if (typeof v !== 'string' || !/^\d{4}-\d{2}$/.test(v) || !isLocalDate(`${v}-01`))
    throw invalid('thang', 'Tháng có dạng YYYY-MM.', 'The month looks like YYYY-MM.');
  return v;
}

export async function resultsBoard(deps: Deps, center: Center, month: string): Promise<ResultsBoard> {
  const cal = await calendarOf(deps, center);
  const first = `${month}-01`;
  let last = first;
  while (addDays(last, 1).slice(0, 7) === month) last = addDays(last, 1);
  const fromIso = fromLocal(first, 0).toISOString();
  const toIso = fromLocal(addDays(last, 1), 0).toISOString();

  const readyRows = await repo.readyToCollect(deps.db, center.id, 500);
  const ready: ResultsBoard['ready'] = [];
  for (const r of readyRows) {
    let g = ready.find((x) => x.field === r.field);
    if (!g) ready.push((g = { field: r.field, items: [] }));
    const a = applicantJson.decode(r.applicant);
    g.items.push({
      code: r.code,
      applicant: maskName(a.kind === 'organization' ? a.orgName : a.fullName),
      procedureName: r.procedure_name,
      processedAt: r.processed_at ?? '',
    });
  }

  const rows = await repo.activityBetween(deps.db, center.id, first, last, fromIso, toIso);
  // The month's ended dossiers are judged by the one clock (clock.ts) from their events.
  const judged = rows.filter(
    (r) => r.ended_at !== null && r.ended_at >= fromIso && r.ended_at < toIso && (r.status === 9 || r.status === 10),
  );
  const events = await clockEventsByDossier(
    deps,
    judged.map((r) => r.id),
  );
  const now = deps.now();
  const figures = new Map<string, FieldFigures>();
  const sameDay: SameDayFigures = { received: 0, returnedSameDay: 0 };
  for (const r of rows) {
    if (r.same_day === 1 && r.local_day >= first && r.local_day <= last) {
      sameDay.received++;
      if (r.returned_at && toLocal(new Date(r.returned_at)).date === r.local_day) sameDay.returnedSameDay++;
    }
    const f = figures.get(r.field) ?? {
      field: r.field,
      received: 0,
      resolved: 0,
      onTime: 0,
      late: 0,
      apologised: 0,
      open: 0,
    };
    figures.set(r.field, f);
    if (r.local_day >= first && r.local_day <= last) {
      f.received++;
      if (r.extended_due_at) f.apologised++;
      if ([2, 4, 5, 6].includes(r.status)) f.open++;
    }
    const endedInMonth =
      r.ended_at !== null && r.ended_at >= fromIso && r.ended_at < toIso && (r.status === 9 || r.status === 10);
    if (endedInMonth) {
      f.resolved++;
      const j = clockAt(
        cal,
        { receivedAt: r.received_at, dueAt: r.due_at, events: events.get(r.id) ?? [] },
        now.toISOString() < toIso ? now : new Date(toIso),
      );
      if (j.verdict === 'late') f.late++;
      else f.onTime++;
    }
  }
  return {
    month,
    ready,
    sameDay,
    figures: [...figures.values()].sort((a, b) => b.received - a.received || a.field.localeCompare(b.field, 'vi')),
  };
}
