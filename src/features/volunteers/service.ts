/**
 * Volunteers at the desk: records (managers), the weekly roster, check-in and check-out, the
 * quick assistance log and the figures. Who may do what:
 * - `volunteers.manage` (admin, director, TTHC controller): everything in their centre;
 * - desk staff (`volunteers.log` and `dossier.intake`, the receiving officer): see everyone, check
 *   anyone in or out and log for anyone;
 * - a volunteer (`volunteers.log` only): their own record, shifts, check-ins, log and figures.
 * Another centre's data answers exactly like missing data (404).
 */
import type { Selectable } from 'kysely';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import type { VolunteerTable } from '../../core/db/tables/volunteers.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { actorId, can, type Actor } from '../../core/auth/access.ts';
import type { Action } from '../../core/auth/roles.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import {
  addDays,
  diffDays,
  formatHm,
  isLocalDate,
  toLocal,
  weekday,
  type DayInfo,
  type LocalDate,
} from '../../core/calendar/index.ts';
import { instantBounds, type DayRange } from '../../core/figures.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { settingsOf } from '../centers/index.ts';
import { calendarOf } from '../calendar/index.ts';
import * as repo from './repo.ts';
import { dossierByCode } from '../dossiers/index.ts';
import { computeVolunteerFigures, type VolunteerFiguresDetail as VolunteerFigures } from './figures.ts';
import {
  KINDS,
  monthRange,
  mondayOf,
  parseAssist,
  parseShift,
  parseVolunteer,
  type Kind,
  type Organisation,
  type SessionKind,
} from './model.ts';

type VolunteerRow = Selectable<VolunteerTable> & { username: string | null };

export interface Scope {
  center: Center;
  actor: Actor;
  /** May edit records and the roster. */
  manager: boolean;
  /** May see everyone and act for anyone (managers and desk staff). */
  forOthers: boolean;
  /** The actor's own volunteer record in this centre, if linked. */
  self: VolunteerRow | null;
}

/** The centre, with the access check: another centre's staff get 404, like a missing centre. */
export async function scopeOf(deps: Deps, actor: Actor | null, slug: string, action: Action): Promise<Scope> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, action);
  const manager = can(who, 'volunteers.manage', center.id);
  const forOthers = manager || can(who, 'dossier.intake', center.id);
  const self = who.via === 'system' ? null : ((await repo.findVolunteerByUser(deps.db, center.id, who.userId)) ?? null);
  return { center, actor: who, manager, forOthers, self };
}

export interface VolunteerView {
  id: number;
  fullName: string;
  organisation: Organisation;
  organisationName: string | null;
  phone: string | null;
  active: boolean;
  username: string | null;
}

function present(v: VolunteerRow): VolunteerView {
  return {
    id: v.id,
    fullName: v.full_name,
    organisation: v.organisation as Organisation,
    organisationName: v.organisation_name,
    phone: v.phone,
    active: v.active === 1,
    username: v.username,
  };
}

const NOT_LINKED = new AppError('FORBIDDEN', [
  {
    field: 'volunteerId',
    vi: 'Tài khoản này chưa được gắn với hồ sơ tình nguyện viên nào; đề nghị lãnh đạo Trung tâm gắn tài khoản.',
    en: 'This account is not linked to a volunteer record; ask the centre to link it.',
  },
]);

/** The volunteer an action is for: oneself for a volunteer, anyone of the centre for staff. */
async function targetOf(deps: Deps, s: Scope, requested: number | null | undefined): Promise<VolunteerRow> {
  if (!s.forOthers) {
    if (!s.self) throw NOT_LINKED;
    if (requested !== undefined && requested !== null && requested !== s.self.id) {
      throw new AppError('FORBIDDEN', [
        {
          field: 'volunteerId',
          vi: 'Tình nguyện viên chỉ ghi nhận cho chính mình.',
          en: 'A volunteer records only for themselves.',
        },
      ]);
    }
    if (s.self.active !== 1)
      throw invalid('volunteerId', 'Hồ sơ tình nguyện viên đang tạm ngừng.', 'The volunteer record is inactive.');
    return s.self;
  }
  const id = requested ?? s.self?.id;
  if (id === undefined || id === null)
    throw invalid('volunteerId', 'Cần chọn tình nguyện viên.', 'Choose a volunteer (volunteerId).');
  const v = Number.isInteger(id) && id > 0 ? await repo.findVolunteer(deps.db, s.center.id, id) : undefined;
  if (!v)
    throw new AppError('NOT_FOUND', [
      {
        field: 'volunteerId',
        vi: 'Không có tình nguyện viên này ở Trung tâm.',
        en: 'No such volunteer in this centre.',
      },
    ]);
  if (v.active !== 1)
    throw invalid('volunteerId', 'Hồ sơ tình nguyện viên đang tạm ngừng.', 'The volunteer record is inactive.');
  return v;
}

/** A unique index refused the row (PostgreSQL 23505, SQLite "UNIQUE constraint failed"). */
function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  return (
    !!err &&
    (err.code === '23505' || (typeof err.message === 'string' && err.message.includes('UNIQUE constraint failed')))
  );
}

/** Runs a write; a unique-index refusal (a concurrent duplicate) becomes `conflict`. */
async function unique<T>(fn: () => Promise<T>, conflict: AppError): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict;
    throw e;
  }
}

const audit = (db: Deps['db'], s: Scope, action: string, subject: string, detail: unknown, at: string) =>
  insertAudit(db, {
    center_id: s.center.id,
    actor_user_id: actorId(s.actor),
    action,
    subject,
    detail: detail === null ? null : JSON.stringify(detail),
    at,
  });

// ---- Volunteer records ---------------------------------------------------------------------

export async function listVolunteers(
  deps: Deps,
  actor: Actor | null,
  slug: string,
): Promise<{ scope: Scope; items: VolunteerView[] }> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.log');
  if (!s.forOthers) return { scope: s, items: s.self ? [present(s.self)] : [] };
  const rows = await repo.listVolunteers(deps.db, s.center.id, !s.manager);
  return { scope: s, items: rows.map(present) };
}

export async function getVolunteer(deps: Deps, actor: Actor | null, slug: string, id: number): Promise<VolunteerView> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.log');
  if (!s.forOthers && s.self?.id !== id) throw new AppError('NOT_FOUND');
  const v = Number.isInteger(id) ? await repo.findVolunteer(deps.db, s.center.id, id) : undefined;
  if (!v) throw new AppError('NOT_FOUND');
  return present(v);
}

async function accountFor(deps: Deps, center: Center, username: string | null): Promise<number | null> {
  if (!username) return null;
  const u = await repo.findVolunteerAccount(deps.db, center.id, username);
  if (!u)
    throw invalid(
      'username',
      `Không có tài khoản “${username}” với vai trò Tình nguyện viên tại Trung tâm.`,
      `No account “${username}” with the role Volunteer in this centre.`,
    );
  return u.id;
}

const LINKED = new AppError('CONFLICT', [
  {
    field: 'username',
    vi: 'Tài khoản này đã gắn với một tình nguyện viên khác.',
    en: 'This account is already linked to another volunteer.',
  },
]);

export async function createVolunteer(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  raw: Record<string, unknown>,
): Promise<VolunteerView> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.manage');
  const v = parseVolunteer(raw);
  const now = deps.now().toISOString();
  const userId = await accountFor(deps, s.center, v.username);
  const id = await unique(
    () =>
      inTransaction(deps.db, async (tx) => {
        if (userId !== null && (await repo.findVolunteerByUser(tx, s.center.id, userId))) throw LINKED;
        const { id } = await repo.insertVolunteer(tx, {
          center_id: s.center.id,
          full_name: v.fullName,
          organisation: v.organisation,
          organisation_name: v.organisationName,
          phone: v.phone,
          user_id: userId,
          active: v.active ? 1 : 0,
          created_at: now,
          updated_at: now,
        });
        await audit(tx, s, 'volunteers.create', String(id), v, now);
        return id;
      }),
    LINKED,
  );
  return present((await repo.findVolunteer(deps.db, s.center.id, id))!);
}

export async function updateVolunteer(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: number,
  raw: Record<string, unknown>,
): Promise<VolunteerView> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.manage');
  const before = Number.isInteger(id) ? await repo.findVolunteer(deps.db, s.center.id, id) : undefined;
  if (!before) throw new AppError('NOT_FOUND');
  const merged = {
    fullName: before.full_name,
    organisation: before.organisation,
    organisationName: before.organisation_name ?? '',
    phone: before.phone ?? '',
    active: before.active === 1,
    username: before.username ?? '',
    ...Object.fromEntries(Object.entries(raw).filter(([, x]) => x !== undefined)),
  };
  const v = parseVolunteer(merged);
  const userId = await accountFor(deps, s.center, v.username);
  const now = deps.now().toISOString();
  await unique(
    () =>
      inTransaction(deps.db, async (tx) => {
        const other = userId !== null ? await repo.findVolunteerByUser(tx, s.center.id, userId) : undefined;
        if (other && other.id !== id) throw LINKED;
        await repo.updateVolunteer(tx, s.center.id, id, {
          full_name: v.fullName,
          organisation: v.organisation,
          organisation_name: v.organisationName,
          phone: v.phone,
          user_id: userId,
          active: v.active ? 1 : 0,
          updated_at: now,
        });
        await audit(tx, s, 'volunteers.update', String(id), v, now);
      }),
    LINKED,
  );
  return present((await repo.findVolunteer(deps.db, s.center.id, id))!);
}

// ---- Roster --------------------------------------------------------------------------------

export interface ShiftView {
  id: number;
  volunteerId: number;
  volunteerName: string;
  organisation: Organisation;
  organisationName: string | null;
  date: LocalDate;
  session: SessionKind;
  start: string;
  end: string;
  note: string | null;
  /** False on a weekend, holiday or day off of the centre's working calendar. */
  workingDay: boolean;
  dayReason: string;
  dayReasonEn: string;
}

export function parseRange(from: unknown, to: unknown, maxDays = 366): DayRange {
  const bad = (f: string) =>
    invalid(f, `“${f}” phải là ngày có thật dạng YYYY-MM-DD.`, `“${f}” must be a real date as YYYY-MM-DD.`);
  if (!isLocalDate(from) || Number(String(from).slice(0, 4)) < 2000 || Number(String(from).slice(0, 4)) > 2099)
    throw bad('from');
  if (!isLocalDate(to) || Number(String(to).slice(0, 4)) < 2000 || Number(String(to).slice(0, 4)) > 2099)
    throw bad('to');
  if (to < from) throw invalid('to', '“to” phải sau hoặc bằng “from”.', '“to” must not be before “from”.');
  if (diffDays(from, to) + 1 > maxDays)
    throw new AppError('RANGE_TOO_LARGE', [
      { field: 'to', vi: `Tối đa ${maxDays} ngày mỗi lần.`, en: `At most ${maxDays} days per request.` },
    ]);
  return { from, to };
}

async function presentShifts(
  deps: Deps,
  center: Center,
  rows: Awaited<ReturnType<typeof repo.listShifts>>,
): Promise<ShiftView[]> {
  const cal = await calendarOf(deps, center);
  return rows.map((r) => {
    const day = cal.dayInfo(r.date);
    return {
      id: r.id,
      volunteerId: r.volunteer_id,
      volunteerName: r.full_name,
      organisation: r.organisation as Organisation,
      organisationName: r.organisation_name,
      date: r.date,
      session: r.session as SessionKind,
      start: r.start_time,
      end: r.end_time,
      note: r.note,
      workingDay: day.working,
      dayReason: day.reason,
      dayReasonEn: day.reasonEn,
    };
  });
}

export async function listShifts(deps: Deps, actor: Actor | null, slug: string, range: DayRange): Promise<ShiftView[]> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.log');
  if (!s.forOthers && !s.self) return [];
  const rows = await repo.listShifts(deps.db, s.center.id, range.from, range.to, s.forOthers ? undefined : s.self!.id);
  return presentShifts(deps, s.center, rows);
}

export interface Week {
  scope: Scope;
  monday: LocalDate;
  days: { info: DayInfo; shifts: ShiftView[] }[];
  volunteers: VolunteerView[];
}

/** The roster of the week (Monday to Sunday) holding `date`. */
export async function week(deps: Deps, actor: Actor | null, slug: string, date: unknown): Promise<Week> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.log');
  const today = toLocal(deps.now()).date;
  const d = date === undefined || date === '' ? today : date;
  if (!isLocalDate(d) || Number(String(d).slice(0, 4)) < 2000 || Number(String(d).slice(0, 4)) > 2099)
    throw invalid('week', 'Tuần: ngày có thật dạng YYYY-MM-DD.', 'Week: a real date as YYYY-MM-DD.');
  const monday = mondayOf(d, weekday, addDays);
  const sunday = addDays(monday, 6);
  const shifts =
    s.forOthers || s.self
      ? await presentShifts(
          deps,
          s.center,
          await repo.listShifts(deps.db, s.center.id, monday, sunday, s.forOthers ? undefined : s.self!.id),
        )
      : [];
  const cal = await calendarOf(deps, s.center);
  const days = cal.days(monday, sunday).map((info) => ({ info, shifts: shifts.filter((x) => x.date === info.date) }));
  const volunteers = s.forOthers
    ? (await repo.listVolunteers(deps.db, s.center.id, true)).map(present)
    : s.self
      ? [present(s.self)]
      : [];
  return { scope: s, monday, days, volunteers };
}

export async function addShift(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  raw: Record<string, unknown>,
): Promise<ShiftView> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.manage');
  const input = parseShift(raw, settingsOf(s.center).sessions);
  const v = await repo.findVolunteer(deps.db, s.center.id, input.volunteerId);
  if (!v)
    throw invalid('volunteerId', 'Không có tình nguyện viên này ở Trung tâm.', 'No such volunteer in this centre.');
  if (v.active !== 1)
    throw invalid('volunteerId', 'Hồ sơ tình nguyện viên đang tạm ngừng.', 'The volunteer record is inactive.');
  const now = deps.now().toISOString();
  const same = new AppError('CONFLICT', [
    { field: 'date', vi: 'Tình nguyện viên đã có ca trực này.', en: 'The volunteer already has this shift.' },
  ]);
  const id = await unique(
    () =>
      inTransaction(deps.db, async (tx) => {
        if (await repo.findSameShift(tx, v.id, input.date, input.start)) throw same;
        const { id } = await repo.insertShift(tx, {
          center_id: s.center.id,
          volunteer_id: v.id,
          date: input.date,
          session: input.session,
          start_time: input.start,
          end_time: input.end,
          note: input.note,
          created_by: actorId(s.actor),
          created_at: now,
        });
        await audit(tx, s, 'volunteers.shift.add', String(id), input, now);
        return id;
      }),
    same,
  );
  const rows = await repo.listShifts(deps.db, s.center.id, input.date, input.date, v.id);
  return (
    await presentShifts(
      deps,
      s.center,
      rows.filter((r) => r.id === id),
    )
  )[0]!;
}

export async function removeShift(deps: Deps, actor: Actor | null, slug: string, id: number): Promise<void> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.manage');
  const before = Number.isInteger(id) ? await repo.findShift(deps.db, s.center.id, id) : undefined;
  if (!before) throw new AppError('NOT_FOUND');
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.deleteShift(tx, s.center.id, id);
    await audit(tx, s, 'volunteers.shift.remove', String(id), before, now);
  });
}

// ---- Check-in / check-out ------------------------------------------------------------------

export interface CheckinView {
  id: number;
  volunteerId: number;
  volunteerName: string;
  shiftId: number | null;
  checkedInAt: string;
  checkedOutAt: string | null;
}

const presentCheckin = (
  c: {
    id: number;
    volunteer_id: number;
    shift_id: number | null;
    checked_in_at: string;
    checked_out_at: string | null;
  },
  name: string,
): CheckinView => ({
  id: c.id,
  volunteerId: c.volunteer_id,
  volunteerName: name,
  shiftId: c.shift_id,
  checkedInAt: c.checked_in_at,
  checkedOutAt: c.checked_out_at,
});

export async function checkIn(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  volunteerId?: number | null,
): Promise<CheckinView> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.log');
  const v = await targetOf(deps, s, volunteerId);
  const nowD = deps.now();
  const now = nowD.toISOString();
  const { date, minute } = toLocal(nowD);
  // The shift this check-in belongs to: today's shift that is on now, else the next one today, else the last one.
  const todays = await repo.listShifts(deps.db, s.center.id, date, date, v.id);
  const hm = formatHm(minute);
  const shift =
    todays.find((x) => x.start_time <= hm && hm < x.end_time) ?? todays.find((x) => hm < x.start_time) ?? todays.at(-1);
  const busy = new AppError('CONFLICT', [
    {
      field: 'volunteerId',
      vi: `${v.full_name} đã vào ca; hãy kết thúc ca trước.`,
      en: `${v.full_name} is already checked in; check out first.`,
    },
  ]);
  const id = await unique(
    () =>
      inTransaction(deps.db, async (tx) => {
        const open = await repo.openCheckin(tx, s.center.id, v.id);
        if (open) {
          throw new AppError('CONFLICT', [
            {
              field: 'volunteerId',
              vi: `${v.full_name} đã vào ca lúc ${formatHm(toLocal(new Date(open.checked_in_at)).minute)}; hãy kết thúc ca trước.`,
              en: `${v.full_name} checked in at ${formatHm(toLocal(new Date(open.checked_in_at)).minute)}; check out first.`,
            },
          ]);
        }
        const { id } = await repo.insertCheckin(tx, {
          center_id: s.center.id,
          volunteer_id: v.id,
          shift_id: shift?.id ?? null,
          checked_in_at: now,
          checked_in_by: actorId(s.actor),
        });
        await audit(tx, s, 'volunteers.checkin', String(v.id), { checkin: id, shift: shift?.id ?? null }, now);
        return id;
      }),
    busy,
  );
  return presentCheckin(
    { id, volunteer_id: v.id, shift_id: shift?.id ?? null, checked_in_at: now, checked_out_at: null },
    v.full_name,
  );
}

export async function checkOut(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  volunteerId?: number | null,
): Promise<CheckinView> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.log');
  const v = await targetOf(deps, s, volunteerId);
  const now = deps.now().toISOString();
  return inTransaction(deps.db, async (tx) => {
    const open = await repo.openCheckin(tx, s.center.id, v.id);
    if (!open || !(await repo.closeCheckin(tx, open.id, now, actorId(s.actor)))) {
      throw new AppError('CONFLICT', [
        {
          field: 'volunteerId',
          vi: `${v.full_name} chưa vào ca nên không thể kết thúc ca.`,
          en: `${v.full_name} is not checked in, so cannot check out.`,
        },
      ]);
    }
    await audit(tx, s, 'volunteers.checkout', String(v.id), { checkin: open.id }, now);
    return presentCheckin({ ...open, checked_out_at: now }, v.full_name);
  });
}

export async function listCheckins(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  range: DayRange,
): Promise<CheckinView[]> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.log');
  if (!s.forOthers && !s.self) return [];
  const { fromIso, toIso } = instantBounds(range);
  const rows = await repo.listCheckins(deps.db, s.center.id, fromIso, toIso, s.forOthers ? undefined : s.self!.id);
  return rows.map((r) => presentCheckin(r, r.full_name));
}

// ---- Assistance log ------------------------------------------------------------------------

export interface AssistView {
  id: number;
  volunteerId: number;
  volunteerName: string;
  kind: Kind;
  count: number;
  dossierCode: string | null;
  note: string | null;
  at: string;
  checkinId: number | null;
}

const presentAssist = (
  a: {
    id: number;
    volunteer_id: number;
    kind: string;
    people: number;
    dossier_code: string | null;
    note: string | null;
    at: string;
    checkin_id: number | null;
  },
  name: string,
): AssistView => ({
  id: a.id,
  volunteerId: a.volunteer_id,
  volunteerName: name,
  kind: a.kind as Kind,
  count: a.people,
  dossierCode: a.dossier_code,
  note: a.note,
  at: a.at,
  checkinId: a.checkin_id,
});

/** A dossier of this centre by its code (the desk's contract; only its id and code: volunteers never read dossiers). */
async function dossierOfCenter(
  deps: Deps,
  centerId: number,
  code: string,
): Promise<{ id: number; code: string } | undefined> {
  const d = await dossierByCode(deps, code);
  return d?.center_id === centerId ? { id: d.id, code: d.code } : undefined;
}

export async function logAssist(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  raw: Record<string, unknown>,
): Promise<AssistView> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.log');
  const input = parseAssist(raw);
  const v = await targetOf(deps, s, input.volunteerId);
  let dossierId: number | null = null;
  let dossierCode: string | null = null;
  if (input.dossierCode) {
    const d =
      (await dossierOfCenter(deps, s.center.id, input.dossierCode)) ??
      (await dossierOfCenter(deps, s.center.id, input.dossierCode.toUpperCase()));
    if (!d)
      throw invalid(
        'dossierCode',
        `Không có hồ sơ mã ${input.dossierCode} tại Trung tâm này; kiểm tra lại mã trên giấy tiếp nhận.`,
        `No dossier ${input.dossierCode} in this centre; check the code on the receipt.`,
      );
    dossierId = d.id;
    dossierCode = d.code;
  }
  const now = deps.now().toISOString();
  return inTransaction(deps.db, async (tx) => {
    const open = await repo.openCheckin(tx, s.center.id, v.id);
    const row = {
      center_id: s.center.id,
      volunteer_id: v.id,
      checkin_id: open?.id ?? null,
      kind: input.kind,
      people: input.people,
      dossier_id: dossierId,
      dossier_code: dossierCode,
      note: input.note,
      at: now,
      created_by: actorId(s.actor),
    };
    const { id } = await repo.insertAssist(tx, row);
    await audit(
      tx,
      s,
      'volunteers.assist',
      String(id),
      { volunteer: v.id, kind: input.kind, count: input.people, dossier: input.dossierCode },
      now,
    );
    return presentAssist({ id, ...row }, v.full_name);
  });
}

/** Takes back a mistaken tap: a volunteer their own entries of today; managers any entry. */
export async function undoAssist(deps: Deps, actor: Actor | null, slug: string, id: number): Promise<void> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.log');
  const a = Number.isInteger(id) ? await repo.findAssist(deps.db, s.center.id, id) : undefined;
  if (!a) throw new AppError('NOT_FOUND');
  if (!s.manager) {
    const mine = s.forOthers ? a.created_by === actorId(s.actor) : a.volunteer_id === s.self?.id;
    if (!mine) throw new AppError('NOT_FOUND');
    if (toLocal(new Date(a.at)).date !== toLocal(deps.now()).date)
      throw new AppError('CONFLICT', [
        { field: 'id', vi: 'Chỉ hủy được mục ghi trong ngày hôm nay.', en: "Only today's entries can be taken back." },
      ]);
  }
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.deleteAssist(tx, s.center.id, id);
    await audit(tx, s, 'volunteers.assist.undo', String(id), a, now);
  });
}

export async function listAssists(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  range: DayRange,
): Promise<AssistView[]> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.log');
  if (!s.forOthers && !s.self) return [];
  const { fromIso, toIso } = instantBounds(range);
  const rows = await repo.listAssists(deps.db, s.center.id, fromIso, toIso, s.forOthers ? undefined : s.self!.id);
  return rows.map((r) => presentAssist(r, r.full_name));
}

// ---- Figures -------------------------------------------------------------------------------

export interface FiguresView {
  scope: Scope;
  range: DayRange;
  /** 'center' for managers and desk staff, 'self' for a volunteer (their own figures). */
  of: 'center' | 'self';
  figures: VolunteerFigures;
  byVolunteer: { volunteer: VolunteerView; byKind: Record<Kind, number>; total: number }[];
}

export async function figures(deps: Deps, actor: Actor | null, slug: string, range: DayRange): Promise<FiguresView> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.log');
  if (!s.forOthers) {
    if (!s.self) throw NOT_LINKED;
    const f = await computeVolunteerFigures(deps, [s.center.id], range, s.self.id);
    const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
    byKind.guide = f.guided;
    byKind.online_submission = f.onlineSubmissionsHelped;
    byKind.vneid = f.vneidHelped;
    byKind.form_filling = f.formsFilled;
    byKind.other = f.otherHelped;
    return {
      scope: s,
      range,
      of: 'self',
      figures: f,
      byVolunteer: [{ volunteer: present(s.self), byKind, total: f.peopleHelped }],
    };
  }
  const f = await computeVolunteerFigures(deps, [s.center.id], range);
  const { fromIso, toIso } = instantBounds(range);
  const rows = await repo.assistByVolunteer(deps.db, {
    centerIds: [s.center.id],
    fromIso,
    toIso,
    fromDate: range.from,
    toDate: range.to,
  });
  const vols = await repo.listVolunteers(deps.db, s.center.id);
  const byVolunteer = vols
    .map((v) => {
      const byKind = Object.fromEntries(
        KINDS.map((k) => [
          k,
          rows.filter((r) => r.volunteer_id === v.id && r.kind === k).reduce((n, r) => n + r.people, 0),
        ]),
      ) as Record<Kind, number>;
      return { volunteer: present(v), byKind, total: Object.values(byKind).reduce((a, b) => a + b, 0) };
    })
    .filter((x) => x.total > 0 || x.volunteer.active);
  return { scope: s, range, of: 'center', figures: f, byVolunteer };
}

// ---- Today (the phone page) ----------------------------------------------------------------

export interface Today {
  scope: Scope;
  date: LocalDate;
  day: DayInfo;
  /** The volunteer the page acts for (oneself; staff pick one with ?v=). */
  me: VolunteerView | null;
  open: CheckinView | null;
  myShifts: ShiftView[];
  myLog: AssistView[];
  myTotals: Record<Kind, number>;
  /** Staff: every active volunteer with their state today. */
  board: { volunteer: VolunteerView; open: CheckinView | null; shifts: ShiftView[]; helped: number }[];
}

export async function today(deps: Deps, actor: Actor | null, slug: string, pick?: number): Promise<Today> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.log');
  const date = toLocal(deps.now()).date;
  const cal = await calendarOf(deps, s.center);
  const range = { from: date, to: date };
  const { fromIso, toIso } = instantBounds(range);
  let me: VolunteerRow | null = s.self;
  if (s.forOthers && pick !== undefined) me = (await repo.findVolunteer(deps.db, s.center.id, pick)) ?? null;
  const shifts = await presentShifts(
    deps,
    s.center,
    await repo.listShifts(deps.db, s.center.id, date, date, s.forOthers ? undefined : (s.self?.id ?? -1)),
  );
  const assists = (
    await repo.listAssists(deps.db, s.center.id, fromIso, toIso, s.forOthers ? undefined : (s.self?.id ?? -1))
  ).map((r) => presentAssist(r, r.full_name));
  const opens = await repo.openCheckins(deps.db, s.center.id);
  const openOf = (v: VolunteerRow): CheckinView | null => {
    const o = opens.find((x) => x.volunteer_id === v.id);
    return o
      ? {
          id: o.id,
          volunteerId: v.id,
          volunteerName: v.full_name,
          shiftId: null,
          checkedInAt: o.checked_in_at,
          checkedOutAt: null,
        }
      : null;
  };
  const myLog = me ? assists.filter((a) => a.volunteerId === me.id) : [];
  const myTotals = Object.fromEntries(
    KINDS.map((k) => [k, myLog.filter((a) => a.kind === k).reduce((n, a) => n + a.count, 0)]),
  ) as Record<Kind, number>;
  const board = s.forOthers
    ? (await repo.listVolunteers(deps.db, s.center.id, true)).map((v) => ({
        volunteer: present(v),
        open: openOf(v),
        shifts: shifts.filter((x) => x.volunteerId === v.id),
        helped: assists.filter((a) => a.volunteerId === v.id).reduce((n, a) => n + a.count, 0),
      }))
    : [];
  return {
    scope: s,
    date,
    day: cal.dayInfo(date),
    me: me ? present(me) : null,
    open: me ? openOf(me) : null,
    myShifts: me ? shifts.filter((x) => x.volunteerId === me.id) : [],
    myLog,
    myTotals,
    board,
  };
}

// ---- Thank-you letter ----------------------------------------------------------------------

export interface ThankYouLetter {
  center: Center;
  volunteer: VolunteerView;
  to: 'person' | 'organisation';
  /** 'YYYY-MM' of the figures quoted. */
  month: string;
  range: DayRange;
  figures: VolunteerFigures;
  /** The letter's date: today in Vietnam. */
  date: LocalDate;
}

/** What the thank-you letter to a volunteer (or their organisation) says: their month's figures. */
export async function thankYouData(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: number,
  month: string,
  to: 'person' | 'organisation',
): Promise<ThankYouLetter> {
  const s = await scopeOf(deps, actor, slug, 'volunteers.manage');
  const v = Number.isInteger(id) ? await repo.findVolunteer(deps.db, s.center.id, id) : undefined;
  if (!v) throw new AppError('NOT_FOUND');
  const range = monthRange(month);
  const f = await computeVolunteerFigures(deps, [s.center.id], range, v.id);
  await audit(deps.db, s, 'volunteers.thank_you', String(v.id), { month, to }, deps.now().toISOString());
  return { center: s.center, volunteer: present(v), to, month, range, figures: f, date: toLocal(deps.now()).date };
}
