/**
 * Queue rules without I/O: ticket codes, the calling order (priority first, then first come),
 * default service groups from the catalogue's fields, the phone page's estimate and the figures
 * (waits, service times, share within the target wait) computed from ticket rows.
 */
import Type from 'typebox';
import {
  addDays,
  formatHm,
  isLocalDate,
  toLocal,
  weekday,
  type LocalDate,
  type WorkCalendar,
} from '../../core/calendar/index.ts';
import { schemaCodec } from '../../core/db/json.ts';
import { AppError } from '../../core/http/errors.ts';

export const TICKET_STATUSES = ['waiting', 'called', 'served', 'skipped'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Every priority group the kiosk knows; a centre offers those its posted rules name (queue_setting.priority_groups). */
export const PRIORITY_REASONS = ['elderly', 'disabled', 'pregnant', 'meritorious', 'child'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

export const PRIORITY_LABELS: Record<PriorityReason, { vi: string; en: string }> = {
  elderly: { vi: 'Người cao tuổi', en: 'Elderly person' },
  disabled: { vi: 'Người khuyết tật', en: 'Person with a disability' },
  pregnant: { vi: 'Phụ nữ mang thai', en: 'Pregnant woman' },
  meritorious: { vi: 'Người có công với cách mạng', en: 'Person with meritorious services to the revolution' },
  child: { vi: 'Người đi cùng trẻ nhỏ dưới 6 tuổi', en: 'Person with a child under 6' },
};

/**
 * The groups the posted working rules promise priority (commitments: "ưu tiên người cao tuổi,
 * người khuyết tật, phụ nữ có thai, người có công"), plus people carrying a small child.
 */
export const DEFAULT_PRIORITY_GROUPS: readonly PriorityReason[] = PRIORITY_REASONS;

export function isPriorityReason(v: unknown): v is PriorityReason {
  return (PRIORITY_REASONS as readonly unknown[]).includes(v);
}

// ---- JSON columns (decoded through the codec: a bad row fails loudly) ----

/** queue_setting.priority_groups: the priority groups a centre offers (names the kiosk may not know are ignored). */
export const priorityGroupsJson = schemaCodec('queue_setting.priority_groups', Type.Array(Type.String()));
/** queue_group.fields: the catalogue fields (lĩnh vực) a group serves. */
export const groupFieldsJson = schemaCodec('queue_group.fields', Type.Array(Type.String()));
/** queue_counter.group_ids: the groups a counter serves. */
export const counterGroupIdsJson = schemaCodec('queue_counter.group_ids', Type.Array(Type.Integer()));

/** The stored list (JSON) as known groups in the kiosk's order; null → the default. */
export function priorityGroupsOf(json: string | null | undefined): PriorityReason[] {
  if (json === null || json === undefined) return [...DEFAULT_PRIORITY_GROUPS];
  const v: readonly string[] = priorityGroupsJson.decode(json);
  return PRIORITY_REASONS.filter((r) => v.includes(r));
}

/** The priority the kiosk shows as chosen: only one the centre offers. */
export function offeredPriority(
  asked: PriorityReason | null,
  offered: readonly PriorityReason[],
): PriorityReason | null {
  return asked && offered.includes(asked) ? asked : null;
}

// ---- The floor follows the clock ----

/**
 * Whether the floor is taking tickets now, from the centre's working calendar:
 * - open: inside a session of a working day;
 * - break: between two sessions of today (lunch): tickets are issued, calls resume at `resumesAt`;
 * - closed: before the first session, after the last, or on a day off; `opensAt` is the next
 *   session's start. `early` is true when the centre lets the kiosk issue tickets for an opening
 *   later the same day (setting queue_setting.early_tickets); tickets are never issued for another day.
 */
export type FloorState =
  | { kind: 'open' }
  | { kind: 'break'; resumesAt: Date }
  | { kind: 'closed'; opensAt: Date; dayOff: boolean; early: boolean };

export function floorState(cal: WorkCalendar, now: Date, earlyTickets: boolean): FloorState {
  if (cal.isWithinSession(now)) return { kind: 'open' };
  const today = toLocal(now).date;
  const sessions = cal.sessionsOf(today);
  const opensAt = cal.nextSessionStart(now);
  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  if (first && last && now.getTime() >= first.start.getTime() && now.getTime() < last.end.getTime())
    return { kind: 'break', resumesAt: opensAt };
  const sameDay = toLocal(opensAt).date === today;
  return { kind: 'closed', opensAt, dayOff: sessions.length === 0, early: earlyTickets && sameDay };
}

/** May the kiosk issue a ticket in this state? */
export function canIssue(s: FloorState): boolean {
  return s.kind !== 'closed' || s.early;
}

/** When calling starts, if not now: before the opening or during the lunch break (null while open). */
export function callsFrom(floor: FloorState): Date | null {
  return floor.kind === 'closed' ? floor.opensAt : floor.kind === 'break' ? floor.resumesAt : null;
}

/** Should the waiting list refresh itself? Only while nobody is being served and no form came back with an error. */
export function counterAutoRefresh(screen: { counter: unknown; current: unknown }, status: number): boolean {
  return screen.counter !== null && screen.current === null && status === 200;
}

/** Should the phone page refresh itself? Only for today's ticket still waiting or being called. */
export function phoneAutoRefresh(view: { today: boolean; status: TicketStatus }): boolean {
  return view.today && (view.status === 'waiting' || view.status === 'called');
}

/**
 * The figures' period from a query: `to` defaults to today, `from` to 27 days before `to`;
 * `from` after `to` is a validation error, more than a year RANGE_TOO_LARGE.
 */
export function figuresRange(
  q: { from?: unknown; to?: unknown },
  today: LocalDate,
): { from: LocalDate; to: LocalDate } {
  const to = isLocalDate(q.to) ? q.to : today;
  const from = isLocalDate(q.from) ? q.from : addDays(to, -27);
  if (from > to)
    throw new AppError('VALIDATION_FAILED', [
      {
        field: 'from',
        vi: 'Ngày bắt đầu phải trước ngày kết thúc.',
        en: 'The start date must not be after the end date.',
      },
    ]);
  if (addDays(from, 366) < to)
    throw new AppError('RANGE_TOO_LARGE', [{ field: 'to', vi: 'Tối đa một năm.', en: 'One year at most.' }]);
  return { from, to };
}

/** "07:30" and the local date of an instant, for "the centre opens at …". */
export function openingParts(at: Date): { hm: string; date: LocalDate; weekday: number } {
  const l = toLocal(at);
  return { hm: formatHm(l.minute), date: l.date, weekday: weekday(l.date) };
}

export const STATUS_LABELS: Record<TicketStatus, { vi: string; en: string }> = {
  waiting: { vi: 'Đang chờ', en: 'Waiting' },
  called: { vi: 'Đang được gọi', en: 'Called' },
  served: { vi: 'Đã phục vụ', en: 'Served' },
  skipped: { vi: 'Vắng mặt (bỏ qua)', en: 'No-show (skipped)' },
};

export const DEFAULT_TARGET_WAIT_MINUTES = 15;
/** Service time assumed for the estimate when a group has no recent history. */
export const DEFAULT_SERVICE_MINUTES = 8;
export const MAX_GROUPS = 26;
export const MAX_COUNTERS = 50;

export const LETTER_RE = /^[A-Z]$/;

/** 'A001': the letter of the group and the day's sequence, at least three digits. */
export function ticketCode(letter: string, seq: number): string {
  return `${letter}${String(seq).padStart(3, '0')}`;
}

/** 'A001-261125-K7MQ': the phone page address (the day keeps it unique, the random part unguessable). */
export function publicCode(code: string, day: LocalDate, random: string): string {
  return `${code}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${random}`;
}
export const PUBLIC_CODE_RE = /^[A-Z]\d{3,4}-\d{6}-[A-Z0-9]{4}$/;
export const RANDOM_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Short names (vi, en) of the usual fields (lĩnh vực), for big kiosk buttons. */
const FIELD_NAMES: Record<string, { vi: string; en: string }> = {
  'Hộ tịch': { vi: 'Hộ tịch', en: 'Civil status' },
  'Chứng thực': { vi: 'Chứng thực', en: 'Certification' },
  'Thành lập và hoạt động của hộ kinh doanh': { vi: 'Hộ kinh doanh', en: 'Household business' },
  'Người có công': { vi: 'Người có công', en: 'Meritorious people' },
  'Bảo trợ xã hội': { vi: 'Bảo trợ xã hội', en: 'Social protection' },
  'Giảm nghèo': { vi: 'Giảm nghèo', en: 'Poverty reduction' },
  'Bảo hiểm y tế': { vi: 'Bảo hiểm y tế', en: 'Health insurance' },
  'Đất đai': { vi: 'Đất đai', en: 'Land' },
  'Hoạt động xây dựng': { vi: 'Xây dựng', en: 'Construction' },
  'Đăng ký, quản lý cư trú': { vi: 'Cư trú', en: 'Residence' },
  'Nuôi con nuôi': { vi: 'Nuôi con nuôi', en: 'Adoption' },
};

export interface DefaultGroup {
  letter: string;
  name: string;
  nameEn: string;
  fields: string[];
}

/**
 * Default service groups from the catalogue's fields, busiest first (by number of procedures):
 * one group per field for the first `own - 1`, the rest together as "Lĩnh vực khác". Letters A, B, C…
 */
export function defaultGroups(fields: { name: string; procedures: number }[], own = 6): DefaultGroup[] {
  const sorted = [...fields].sort((a, b) => b.procedures - a.procedures);
  const alone = sorted.length <= own ? sorted : sorted.slice(0, own - 1);
  const rest = sorted.length <= own ? [] : sorted.slice(own - 1);
  const out: DefaultGroup[] = alone.map((f, i) => ({
    letter: String.fromCharCode(65 + i),
    name: FIELD_NAMES[f.name]?.vi ?? f.name,
    nameEn: FIELD_NAMES[f.name]?.en ?? f.name,
    fields: [f.name],
  }));
  if (rest.length)
    out.push({
      letter: String.fromCharCode(65 + out.length),
      name: 'Lĩnh vực khác',
      nameEn: 'Other fields',
      fields: rest.map((f) => f.name),
    });
  return out;
}

/** What the calling order needs of a ticket. */
export interface Queued {
  id: number;
  priority: number;
  queued_at: string;
}

/** The calling order: priority tickets first, then first come (queue time), then ticket id. */
export function compareQueued(a: Queued, b: Queued): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.queued_at !== b.queued_at) return a.queued_at < b.queued_at ? -1 : 1;
  return a.id - b.id;
}

/** Minutes to wait, for the phone page: people ahead × the group's service time ÷ open counters (whole minutes, rounded up). */
export function estimateWaitMinutes(ahead: number, serviceMinutes: number | null, openCounters: number): number {
  const per = serviceMinutes && serviceMinutes > 0 ? serviceMinutes : DEFAULT_SERVICE_MINUTES;
  return Math.ceil((ahead * per) / Math.max(1, openCounters));
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

// ---- Figures ----

export interface FigureRow {
  group_id: number;
  day: string;
  status: string;
  priority: number;
  issued_at: string;
  first_called_at: string | null;
  called_at: string | null;
  finished_at: string | null;
}

export interface Metrics {
  tickets: number;
  served: number;
  skipped: number;
  priority: number;
  /** Tickets called at least once: the base of the wait figures. */
  called: number;
  avgWaitMinutes: number | null;
  maxWaitMinutes: number | null;
  avgServiceMinutes: number | null;
  withinTarget: number;
  /** Called within the target wait ÷ called; null when nobody was called. */
  withinTargetRate: number | null;
}

interface Acc {
  tickets: number;
  served: number;
  skipped: number;
  priority: number;
  called: number;
  waitSum: number;
  waitMax: number;
  serviceSum: number;
  serviceN: number;
  within: number;
}
const acc = (): Acc => ({
  tickets: 0,
  served: 0,
  skipped: 0,
  priority: 0,
  called: 0,
  waitSum: 0,
  waitMax: 0,
  serviceSum: 0,
  serviceN: 0,
  within: 0,
});
const round1 = (x: number) => Math.round(x * 10) / 10;

function add(a: Acc, r: FigureRow, target: number): void {
  a.tickets++;
  if (r.priority) a.priority++;
  if (r.status === 'served') a.served++;
  if (r.status === 'skipped') a.skipped++;
  if (r.first_called_at) {
    const w = Math.max(0, minutesBetween(r.issued_at, r.first_called_at));
    a.called++;
    a.waitSum += w;
    a.waitMax = Math.max(a.waitMax, w);
    if (w <= target) a.within++;
  }
  if (r.status === 'served' && r.called_at && r.finished_at) {
    a.serviceSum += Math.max(0, minutesBetween(r.called_at, r.finished_at));
    a.serviceN++;
  }
}

function metricsOf(a: Acc): Metrics {
  return {
    tickets: a.tickets,
    served: a.served,
    skipped: a.skipped,
    priority: a.priority,
    called: a.called,
    avgWaitMinutes: a.called ? round1(a.waitSum / a.called) : null,
    maxWaitMinutes: a.called ? round1(a.waitMax) : null,
    avgServiceMinutes: a.serviceN ? round1(a.serviceSum / a.serviceN) : null,
    withinTarget: a.within,
    withinTargetRate: a.called ? a.within / a.called : null,
  };
}

export interface QueueBreakdown {
  targetWaitMinutes: number;
  total: Metrics;
  byGroup: ({ groupId: number } & Metrics)[];
  /** Hour of issue in Vietnam (7 = 07:00–07:59). */
  byHour: ({ hour: number } & Metrics)[];
  /** 0 = Sunday … 6 = Saturday; `sameDay`: one of the centre's same-day days (“thứ 6 không chờ”). */
  byWeekday: ({ weekday: number; sameDay: boolean } & Metrics)[];
  sameDayDays: Metrics;
  otherDays: Metrics;
}

/** Breaks ticket rows down per group, hour and weekday; the same-day weekdays apart from the others. */
export function breakdown(
  rows: readonly FigureRow[],
  targetWaitMinutes: number,
  sameDayWeekdays: readonly number[],
): QueueBreakdown {
  const total = acc();
  const groups = new Map<number, Acc>();
  const hours = new Map<number, Acc>();
  const days = new Map<number, Acc>();
  const same = acc();
  const other = acc();
  for (const r of rows) {
    add(total, r, targetWaitMinutes);
    const g = groups.get(r.group_id) ?? acc();
    groups.set(r.group_id, g);
    add(g, r, targetWaitMinutes);
    const hour = Math.floor(toLocal(new Date(r.issued_at)).minute / 60);
    const hAcc = hours.get(hour) ?? acc();
    hours.set(hour, hAcc);
    add(hAcc, r, targetWaitMinutes);
    const wd = weekday(r.day);
    const dAcc = days.get(wd) ?? acc();
    days.set(wd, dAcc);
    add(dAcc, r, targetWaitMinutes);
    add(sameDayWeekdays.includes(wd) ? same : other, r, targetWaitMinutes);
  }
  const weekOrder = [1, 2, 3, 4, 5, 6, 0];
  return {
    targetWaitMinutes,
    total: metricsOf(total),
    byGroup: [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([groupId, a]) => ({ groupId, ...metricsOf(a) })),
    byHour: [...hours.entries()].sort((a, b) => a[0] - b[0]).map(([hour, a]) => ({ hour, ...metricsOf(a) })),
    byWeekday: weekOrder
      .filter((d) => days.has(d))
      .map((d) => ({ weekday: d, sameDay: sameDayWeekdays.includes(d), ...metricsOf(days.get(d)!) })),
    sameDayDays: metricsOf(same),
    otherDays: metricsOf(other),
  };
}

/** A share as the console prints it: '87 %' ('—' when there is nothing to divide). */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`;
}
