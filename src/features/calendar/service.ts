/**
 * A centre's working calendar: the pure engine (src/core/calendar) fed with the centre's
 * settings, the shipped official notices and the notices its admins recorded.
 */
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { Center } from '../../core/db/schema.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { actorId, assertCan, can, type Actor } from '../../core/auth/access.ts';
import type { YearView } from './pages/year.tsx';
import { insertAudit } from '../../core/auth/repo.ts';
import { nfc } from '../../core/text/index.ts';
import {
  computeDeadline,
  createWorkCalendar,
  DeadlineInputError,
  DEADLINE_UNITS,
  MAX_DAYS_RANGE,
  type DeadlineUnit,
  isLocalDate,
  SHIPPED_NOTICES,
  diffDays,
  type OfficialNotice,
  type WorkCalendar,
} from '../../core/calendar/index.ts';
import { getCenter } from '../centers/index.ts';
import { settingsOf } from '../centers/index.ts';
import * as repo from './repo.ts';

export const CULTURE_DAY_FROM = '2026-07-01';

interface Cached {
  at: number;
  version: string;
  cal: WorkCalendar;
}
/** Keyed by database and centre: one process may hold several databases (tests, tools). */
const cache = new Map<string, Cached>();
const keyOf = (deps: Deps, centerId: number) => `${deps.config.databaseUrl}#${centerId}`;
/** Other instances pick up changes within this many milliseconds. */
const CACHE_MS = 10_000;

export function invalidateCalendar(deps: Deps, centerId: number): void {
  cache.delete(keyOf(deps, centerId));
}

async function build(deps: Deps, center: Center): Promise<WorkCalendar> {
  const s = settingsOf(center);
  const rows = await repo.listNotices(deps.db, center.id);
  const years = await repo.listConfirmedYears(deps.db, center.id);
  const local: OfficialNotice[] = rows.map((r) => ({
    id: `center-${r.id}`,
    year: r.year,
    title: r.legal_basis,
    legalBasis: r.legal_basis,
    entries: [{ date: r.date, working: r.working === 1, reason: r.reason, reasonEn: r.reason_en }],
  }));
  return createWorkCalendar({
    sessions: s.sessions,
    cutoff: s.cutoff,
    notices: [...SHIPPED_NOTICES, ...local],
    cultureDay: { enabled: s.cultureDay.enabled, confirmed: s.cultureDay.confirmed, from: CULTURE_DAY_FROM },
    confirmedYears: years.map((y) => y.year),
  });
}

export async function calendarOf(deps: Deps, center: Center): Promise<WorkCalendar> {
  const hit = cache.get(keyOf(deps, center.id));
  const now = Date.now();
  // Settings changes bump center.updated_at, which every request reads fresh.
  if (hit && hit.version === center.updated_at && now - hit.at < CACHE_MS) return hit.cal;
  const cal = await build(deps, center);
  cache.set(keyOf(deps, center.id), { at: now, version: center.updated_at, cal });
  return cal;
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Parses an ISO-8601 instant; without an offset it is read as Vietnam time (+07:00). */
export function parseInstant(field: string, s: unknown): Date {
  if (typeof s !== 'string' || !ISO_INSTANT.test(s)) {
    throw invalid(
      field,
      `“${field}” phải là thời điểm ISO-8601, ví dụ 2026-11-25T09:30:00+07:00.`,
      `“${field}” must be an ISO-8601 instant, e.g. 2026-11-25T09:30:00+07:00.`,
    );
  }
  const withZone = /Z|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s}+07:00`;
  const d = new Date(withZone);
  const m = ISO_INSTANT.exec(s)!;
  if (Number.isNaN(d.getTime()) || Number(m[2]) > 12 || Number(m[3]) > 31 || !isLocalDate(`${m[1]}-${m[2]}-${m[3]}`)) {
    throw invalid(field, `“${field}” không phải là ngày giờ có thật.`, `“${field}” is not a real date and time.`);
  }
  const year = Number(m[1]);
  if (year < 1901 || year > 2099)
    throw invalid(field, 'Năm phải từ 1901 đến 2099.', 'The year must be between 1901 and 2099.');
  return d;
}

export interface DeadlineQuery {
  center: string;
  receivedAt: string;
  amount?: number;
  unit: string;
  pauses?: { from: string; to: string }[];
}

export async function deadline(deps: Deps, q: DeadlineQuery) {
  const center = await getCenter(deps, q.center);
  const receivedAt = parseInstant('receivedAt', q.receivedAt);
  if (!(DEADLINE_UNITS as readonly string[]).includes(q.unit)) {
    throw invalid(
      'unit',
      `Đơn vị thời hạn phải là một trong: ${DEADLINE_UNITS.join(', ')}.`,
      `unit must be one of: ${DEADLINE_UNITS.join(', ')}.`,
    );
  }
  const unit = q.unit as DeadlineUnit;
  const amount = q.amount ?? (unit === 'same_day' ? 1 : undefined);
  if (amount === undefined) throw invalid('amount', 'Cần nhập số lượng thời hạn (amount).', 'amount is required.');
  const pauses = (q.pauses ?? []).map((p, i) => ({
    from: parseInstant(`pauses[${i}].from`, p.from),
    to: parseInstant(`pauses[${i}].to`, p.to),
  }));
  const cal = await calendarOf(deps, center);
  try {
    const r = computeDeadline(cal, { receivedAt, amount, unit, pauses });
    return { center, receivedAt, amount, unit, ...r, cal };
  } catch (e) {
    if (e instanceof DeadlineInputError)
      throw invalid(e.field, `Thời hạn không hợp lệ: ${e.message}`, `Invalid deadline input: ${e.message}`);
    if (e instanceof RangeError)
      throw invalid('pauses', `Khoảng tạm dừng không hợp lệ: ${e.message}`, `Invalid pause: ${e.message}`);
    throw e;
  }
}

export function parseLocalDateParam(field: string, s: unknown): string {
  if (typeof s !== 'string' || !isLocalDate(s))
    throw invalid(
      field,
      `“${field}” phải là ngày có thật dạng YYYY-MM-DD.`,
      `“${field}” must be a real date as YYYY-MM-DD.`,
    );
  const y = Number(s.slice(0, 4));
  if (y < 1901 || y > 2099)
    throw invalid(field, 'Năm phải từ 1901 đến 2099.', 'The year must be between 1901 and 2099.');
  return s;
}

export async function days(deps: Deps, q: { center: string; from: string; to: string }) {
  const center = await getCenter(deps, q.center);
  const from = parseLocalDateParam('from', q.from);
  const to = parseLocalDateParam('to', q.to);
  if (to < from) throw invalid('to', '“to” phải sau hoặc bằng “from”.', '“to” must not be before “from”.');
  if (diffDays(from, to) + 1 > MAX_DAYS_RANGE)
    throw new AppError('RANGE_TOO_LARGE', [
      { field: 'to', vi: `Tối đa ${MAX_DAYS_RANGE} ngày mỗi lần.`, en: `At most ${MAX_DAYS_RANGE} days per request.` },
    ]);
  const cal = await calendarOf(deps, center);
  return { center, cal, days: cal.days(from, to) };
}

export async function yearOverview(deps: Deps, actor: Actor | null, slug: string, year: number) {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'calendar.view', center.id);
  if (!Number.isInteger(year) || year < 1901 || year > 2099)
    throw invalid('year', 'Năm phải từ 1901 đến 2099.', 'The year must be between 1901 and 2099.');
  const cal = await calendarOf(deps, center);
  const notices = (await repo.listNotices(deps.db, center.id)).filter((n) => n.year === year);
  const confirmation = (await repo.listConfirmedYears(deps.db, center.id)).find((y) => y.year === year) ?? null;
  const shipped = SHIPPED_NOTICES.filter((n) => n.year === year);
  return {
    center,
    cal,
    year,
    days: cal.days(`${year}-01-01`, `${year}-12-31`),
    status: cal.yearStatus(year),
    notices,
    shipped,
    confirmation,
    settings: settingsOf(center),
  };
}

export interface NoticeInput {
  date: unknown;
  working: unknown;
  reason: unknown;
  reasonEn?: unknown;
  legalBasis: unknown;
}

/** Records an official notice for one day (extra day off or make-up working day). */
export async function recordNotice(deps: Deps, actor: Actor | null, slug: string, input: NoticeInput): Promise<number> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'calendar.notice.write', center.id);
  const date = parseLocalDateParam('date', input.date);
  const working = input.working === true || input.working === 'true' || input.working === '1' || input.working === 1;
  const reason = typeof input.reason === 'string' ? nfc(input.reason) : '';
  const legalBasis = typeof input.legalBasis === 'string' ? nfc(input.legalBasis) : '';
  if (!reason || reason.length > 200)
    throw invalid(
      'reason',
      'Cần nhập lý do (tối đa 200 ký tự), ví dụ “Nghỉ bù”.',
      'A reason is required (200 characters at most), e.g. “Nghỉ bù”.',
    );
  if (!legalBasis || legalBasis.length > 300)
    throw invalid(
      'legalBasis',
      'Cần nhập căn cứ (số, ngày văn bản), tối đa 300 ký tự.',
      'The legal basis (document number and date) is required, 300 characters at most.',
    );
  const reasonEn =
    typeof input.reasonEn === 'string' && nfc(input.reasonEn)
      ? nfc(input.reasonEn).slice(0, 200)
      : working
        ? 'Make-up working day'
        : 'Day off by official notice';
  const now = deps.now().toISOString();
  const id = await inTransaction(deps.db, async (tx) => {
    const id = await repo.upsertNotice(tx, {
      center_id: center.id,
      year: Number(date.slice(0, 4)),
      date,
      working: working ? 1 : 0,
      reason,
      reason_en: reasonEn,
      legal_basis: legalBasis,
      created_by: actorId(actor),
      created_at: now,
    });
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: 'calendar.notice.record',
      subject: date,
      detail: JSON.stringify({ working, reason, legalBasis }),
      at: now,
    });
    return id;
  });
  invalidateCalendar(deps, center.id);
  return id;
}

export async function removeNotice(deps: Deps, actor: Actor | null, slug: string, id: number): Promise<void> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'calendar.notice.write', center.id);
  const n = Number.isInteger(id) ? await repo.findNotice(deps.db, center.id, id) : undefined;
  if (!n) throw new AppError('NOT_FOUND');
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.deleteNotice(tx, center.id, id);
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: 'calendar.notice.remove',
      subject: n.date,
      detail: JSON.stringify(n),
      at: now,
    });
  });
  invalidateCalendar(deps, center.id);
}

/** An admin confirms that a computed year (no official notice shipped) matches the official schedule. */
export async function confirmYear(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  year: number,
  note: string | null,
): Promise<void> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'calendar.year.confirm', center.id);
  if (!Number.isInteger(year) || year < 1901 || year > 2099)
    throw invalid('year', 'Năm phải từ 1901 đến 2099.', 'The year must be between 1901 and 2099.');
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.confirmYear(tx, {
      center_id: center.id,
      year,
      confirmed_by: actorId(actor),
      confirmed_at: now,
      note: note ? nfc(note).slice(0, 300) : null,
    });
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: 'calendar.year.confirm',
      subject: String(year),
      detail: note,
      at: now,
    });
  });
  invalidateCalendar(deps, center.id);
}

/** The status of every year a day range touches (the days API lists them). */
export function yearStatuses(cal: { yearStatus(y: number): string }, from: string, to: string) {
  const years: { year: number; status: string }[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    years.push({ year: y, status: cal.yearStatus(y) });
  return years;
}

/** What the console's year page shows for the actor's centre. */
export async function yearPageModel(
  deps: Deps,
  actor: Actor,
  slug: string,
  year: number,
  opts: { saved?: boolean; errors?: string[] } = {},
): Promise<YearView> {
  const v = await yearOverview(deps, actor, slug, year);
  return {
    year,
    status: v.status,
    days: v.days,
    notices: v.notices,
    shippedTitles: v.shipped.map((n) => `${n.title} (${n.legalBasis})`),
    confirmationNote: v.confirmation ? (v.confirmation.note ?? v.confirmation.confirmed_at.slice(0, 10)) : null,
    canEdit: can(actor, 'calendar.notice.write', v.center.id),
    canConfirm: can(actor, 'calendar.year.confirm', v.center.id),
    cultureDay: v.settings.cultureDay,
    sessionsText: v.settings.sessions.map((s) => `${s.start}–${s.end}`).join(', '),
    cutoff: v.settings.cutoff,
    saved: opts.saved ?? false,
    errors: opts.errors ?? [],
  };
}
