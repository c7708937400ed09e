/**
 * Queue use cases: configuration (groups, counters, target wait), the public kiosk (issue a
 * ticket), the counter (call next, recall, skip, transfer, finish, link a dossier), the board and
 * phone views, and the figures. Every staff call checks the centre; another centre's staff and
 * another centre's tickets answer 404, like missing ones. Every change appends a queue_event in
 * the same transaction: the board's live feed polls the last event id (works across instances).
 */
import { randomInt } from 'node:crypto';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, type ErrorDetail } from '../../core/http/errors.ts';
import { parseId } from '../../core/http/ids.ts';
import { actorId, assertCan, can, type Actor } from '../../core/auth/access.ts';
import type { Action } from '../../core/auth/roles.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { nfc, weekdayName } from '../../core/text/index.ts';
import { addDays, formatHm, formatVi, fromLocal, toLocal, weekday, type LocalDate } from '../../core/calendar/index.ts';
import { getCenter } from '../centers/index.ts';
import { settingsOf } from '../centers/index.ts';
import { catalogOf } from '../catalog/index.ts';
import { calendarOf } from '../calendar/index.ts';
import { dossierByCode, dossiersTakenBy } from '../dossiers/index.ts';
import * as repo from './repo.ts';
import {
  DEFAULT_TARGET_WAIT_MINUTES,
  LETTER_RE,
  MAX_COUNTERS,
  MAX_GROUPS,
  PRIORITY_REASONS,
  PUBLIC_CODE_RE,
  RANDOM_ALPHABET,
  breakdown,
  counterGroupIdsJson,
  groupFieldsJson,
  priorityGroupsJson,
  canIssue,
  compareQueued,
  floorState,
  isPriorityReason,
  priorityGroupsOf,
  type FloorState,
  defaultGroups,
  estimateWaitMinutes,
  publicCode,
  ticketCode,
  type PriorityReason,
  type QueueBreakdown,
  type TicketStatus,
} from './model.ts';

type Tx = Deps['db'];

function fail(details: ErrorDetail[]): never {
  throw new AppError('VALIDATION_FAILED', details);
}

const today = (deps: Deps): LocalDate => toLocal(deps.now()).date;

/** "07:30 Thứ Hai, 08/12/2026": when the centre opens next. */
export function openingText(at: Date, lang: 'vi' | 'en'): string {
  const l = toLocal(at);
  const hm = formatHm(l.minute);
  const wd = weekdayName(weekday(l.date), lang);
  return lang === 'vi' ? `${hm} ${wd}, ${formatVi(l.date)}` : `${hm} on ${wd}, ${formatVi(l.date)}`;
}
// ---- Views ----

export interface GroupView {
  id: number;
  letter: string;
  name: string;
  nameEn: string;
  fields: string[];
  sortOrder: number;
  active: boolean;
}
export interface CounterView {
  id: number;
  number: number;
  name: string;
  groupIds: number[];
  staffUserId: number | null;
  staffName: string | null;
  active: boolean;
}
export interface TicketView {
  id: number;
  code: string;
  publicCode: string;
  day: string;
  groupId: number;
  groupLetter: string;
  groupName: string;
  groupNameEn: string;
  priority: boolean;
  priorityReason: PriorityReason | null;
  status: TicketStatus;
  issuedAt: string;
  firstCalledAt: string | null;
  calledAt: string | null;
  finishedAt: string | null;
  counterId: number | null;
  counterNumber: number | null;
  targetCounterId: number | null;
  callCount: number;
  dossierCode: string | null;
  version: number;
}

const groupView = (g: repo.GroupRow): GroupView => ({
  id: g.id,
  letter: g.letter,
  name: g.name,
  nameEn: g.name_en,
  fields: groupFieldsJson.decode(g.fields),
  sortOrder: g.sort_order,
  active: g.active === 1,
});

interface Lookup {
  groups: Map<number, repo.GroupRow>;
  counters: Map<number, repo.CounterRow>;
}
async function lookupOf(db: Tx, centerId: number): Promise<Lookup> {
  const [groups, counters] = await Promise.all([repo.listGroups(db, centerId), repo.listCounters(db, centerId)]);
  return { groups: new Map(groups.map((g) => [g.id, g])), counters: new Map(counters.map((c) => [c.id, c])) };
}

function ticketView(t: repo.TicketRow, l: Lookup): TicketView {
  const g = l.groups.get(t.group_id);
  return {
    id: t.id,
    code: t.code,
    publicCode: t.public_code,
    day: t.day,
    groupId: t.group_id,
    groupLetter: g?.letter ?? '',
    groupName: g?.name ?? '',
    groupNameEn: g?.name_en ?? '',
    priority: t.priority === 1,
    priorityReason: (t.priority_reason as PriorityReason | null) ?? null,
    status: t.status as TicketStatus,
    issuedAt: t.issued_at,
    firstCalledAt: t.first_called_at,
    calledAt: t.called_at,
    finishedAt: t.finished_at,
    counterId: t.counter_id,
    counterNumber: t.counter_id ? (l.counters.get(t.counter_id)?.number ?? null) : null,
    targetCounterId: t.target_counter_id,
    callCount: t.call_count,
    dossierCode: t.dossier_code,
    version: t.version,
  };
}

async function targetOf(db: Tx, centerId: number): Promise<number> {
  return (await repo.findSetting(db, centerId))?.target_wait_minutes ?? DEFAULT_TARGET_WAIT_MINUTES;
}

/** The kiosk's settings: the priority groups it offers and whether it issues tickets before opening. */
export interface FloorSettings {
  priorityGroups: PriorityReason[];
  earlyTickets: boolean;
}

async function floorSettingsOf(db: Tx, centerId: number): Promise<FloorSettings> {
  const s = await repo.findSetting(db, centerId);
  return { priorityGroups: priorityGroupsOf(s?.priority_groups), earlyTickets: s?.early_tickets === 1 };
}

/** Is the floor taking tickets now (the centre's hours and working calendar)? One truth for kiosk, ticket and phone pages. */
export async function floorOf(deps: Deps, center: Center): Promise<FloorState> {
  const [cal, s] = await Promise.all([calendarOf(deps, center), floorSettingsOf(deps.db, center.id)]);
  return floorState(cal, deps.now(), s.earlyTickets);
}

// ---- Configuration ----

export interface QueueConfig extends FloorSettings {
  targetWaitMinutes: number;
  groups: GroupView[];
  counters: CounterView[];
  staff: { id: number; name: string }[];
  fields: string[];
}

export async function queueConfig(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  action: Action = 'queue.manage',
): Promise<QueueConfig> {
  const { center } = await authorizeCenter(deps, actor, slug, action);
  return configOf(deps, center);
}

async function configOf(deps: Deps, center: Center): Promise<QueueConfig> {
  const [groups, counters, staff, target, cat, floor] = await Promise.all([
    repo.listGroups(deps.db, center.id),
    repo.listCounters(deps.db, center.id),
    repo.staffOf(deps.db, center.id),
    targetOf(deps.db, center.id),
    catalogOf(deps, center),
    floorSettingsOf(deps.db, center.id),
  ]);
  const names = new Map(staff.map((s) => [s.id, s.full_name]));
  return {
    ...floor,
    targetWaitMinutes: target,
    groups: groups.map(groupView),
    counters: counters.map((c) => ({
      id: c.id,
      number: c.number,
      name: c.name,
      groupIds: counterGroupIdsJson.decode(c.group_ids),
      staffUserId: c.staff_user_id,
      staffName: c.staff_user_id ? (names.get(c.staff_user_id) ?? null) : null,
      active: c.active === 1,
    })),
    staff: staff.map((s) => ({ id: s.id, name: s.full_name })),
    fields: cat.fields.map((f) => f.name),
  };
}

async function configChanged(
  tx: Tx,
  centerId: number,
  actor: Actor,
  at: string,
  what: string,
  detail: unknown,
): Promise<void> {
  await repo.insertEvent(tx, {
    center_id: centerId,
    ticket_id: null,
    kind: 'config',
    counter_id: null,
    actor_user_id: actorId(actor),
    at,
    data: JSON.stringify({ what }),
  });
  await insertAudit(tx, {
    center_id: centerId,
    actor_user_id: actorId(actor),
    action: `queue.${what}`,
    subject: null,
    detail: JSON.stringify(detail),
    at,
  });
}

/** The kiosk's priority groups (as the posted rules say) and the opening-time tickets switch. */
export async function saveFloor(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  input: { priorityGroups: unknown; earlyTickets: unknown },
): Promise<FloorSettings> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'queue.manage');
  const raw = Array.isArray(input.priorityGroups) ? (input.priorityGroups as unknown[]) : [];
  const unknown = raw.filter((r) => !isPriorityReason(r));
  if (unknown.length || raw.length > PRIORITY_REASONS.length)
    fail([
      {
        field: 'priorityGroups',
        vi: `Đối tượng ưu tiên: ${PRIORITY_REASONS.join(', ')}.`,
        en: `Priority groups: ${PRIORITY_REASONS.join(', ')}.`,
      },
    ]);
  const groups = PRIORITY_REASONS.filter((r) => raw.includes(r));
  const early = input.earlyTickets === true || input.earlyTickets === 'on' || input.earlyTickets === '1';
  const at = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.upsertFloorSetting(tx, center.id, priorityGroupsJson.encode(groups), early, actorId(who), at);
    await configChanged(tx, center.id, who, at, 'floor', { priorityGroups: groups, earlyTickets: early });
  });
  return { priorityGroups: groups, earlyTickets: early };
}

export async function saveTarget(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  input: { targetWaitMinutes: unknown },
): Promise<number> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'queue.manage');
  const n = Number(input.targetWaitMinutes);
  if (!Number.isInteger(n) || n < 1 || n > 240)
    fail([
      {
        field: 'targetWaitMinutes',
        vi: 'Thời gian chờ mục tiêu là số phút nguyên từ 1 đến 240.',
        en: 'The target wait is a whole number of minutes from 1 to 240.',
      },
    ]);
  const at = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.upsertSetting(tx, center.id, n, actorId(who), at);
    await configChanged(tx, center.id, who, at, 'target', { targetWaitMinutes: n });
  });
  return n;
}

/** Creates the default groups from the published catalogue's fields (only while the centre has none). */
export async function createDefaultGroups(deps: Deps, actor: Actor | null, slug: string): Promise<GroupView[]> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'queue.manage');
  const cat = await catalogOf(deps, center);
  const defs = defaultGroups(cat.fields.map((f) => ({ name: f.name, procedures: f.procedures.length })));
  if (!defs.length)
    fail([
      { vi: 'Danh mục thủ tục chưa có lĩnh vực nào được công bố.', en: 'The catalogue has no published field yet.' },
    ]);
  const at = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    if ((await repo.listGroups(tx, center.id)).length)
      throw new AppError('CONFLICT', [
        {
          vi: 'Trung tâm đã có nhóm dịch vụ; hãy sửa từng nhóm.',
          en: 'The centre already has service groups; edit them one by one.',
        },
      ]);
    let i = 0;
    for (const d of defs)
      await repo.insertGroup(tx, {
        center_id: center.id,
        letter: d.letter,
        name: d.name,
        name_en: d.nameEn,
        fields: groupFieldsJson.encode(d.fields),
        sort_order: ++i,
        active: 1,
        created_at: at,
        updated_at: at,
      });
    await configChanged(tx, center.id, who, at, 'groups.default', { groups: defs.map((d) => d.letter) });
  });
  return (await repo.listGroups(deps.db, center.id)).map(groupView);
}

export interface GroupInput {
  letter?: unknown;
  name?: unknown;
  nameEn?: unknown;
  fields?: unknown;
  sortOrder?: unknown;
  active?: unknown;
}

interface GroupValues {
  letter: string;
  name: string;
  nameEn: string;
  fields: string[];
  sortOrder: number | null;
  active: 0 | 1;
}

/** A group form or body, checked: every problem at once. */
function readGroupInput(input: GroupInput): GroupValues {
  const problems: ErrorDetail[] = [];
  const letter = typeof input.letter === 'string' ? input.letter.trim().toUpperCase() : '';
  if (!LETTER_RE.test(letter))
    problems.push({
      field: 'letter',
      vi: 'Chữ cái đầu số là một chữ in hoa từ A đến Z.',
      en: 'The ticket prefix is one capital letter A–Z.',
    });
  const name = typeof input.name === 'string' ? nfc(input.name) : '';
  if (!name || name.length > 60)
    problems.push({
      field: 'name',
      vi: 'Tên nhóm dịch vụ từ 1 đến 60 ký tự.',
      en: 'The group name needs 1 to 60 characters.',
    });
  const nameEn = typeof input.nameEn === 'string' && nfc(input.nameEn) ? nfc(input.nameEn).slice(0, 60) : name;
  const fieldsIn = input.fields === undefined ? [] : input.fields;
  if (
    !Array.isArray(fieldsIn) ||
    fieldsIn.length > 30 ||
    !fieldsIn.every((f) => typeof f === 'string' && f.length <= 120)
  )
    problems.push({
      field: 'fields',
      vi: 'Lĩnh vực là danh sách tên (tối đa 30).',
      en: 'Fields are a list of names (30 at most).',
    });
  const sortOrder = input.sortOrder === undefined || input.sortOrder === '' ? null : Number(input.sortOrder);
  if (sortOrder !== null && (!Number.isInteger(sortOrder) || sortOrder < 0 || sortOrder > 999))
    problems.push({
      field: 'sortOrder',
      vi: 'Thứ tự là số nguyên từ 0 đến 999.',
      en: 'The order is a whole number from 0 to 999.',
    });
  if (problems.length) fail(problems);
  const fields = (fieldsIn as string[]).map((f) => nfc(f)).filter(Boolean);
  const active =
    input.active === undefined ||
    input.active === true ||
    input.active === 'true' ||
    input.active === '1' ||
    input.active === 'on'
      ? 1
      : 0;
  return { letter, name, nameEn, fields, sortOrder, active };
}

/** Inserts (id null) or updates a group in a transaction; the letter is unique per centre. */
async function writeGroup(tx: Tx, centerId: number, id: number | null, v: GroupValues, at: string): Promise<number> {
  const groups = await repo.listGroups(tx, centerId);
  if (groups.some((g) => g.letter === v.letter && g.id !== id))
    throw new AppError('CONFLICT', [
      {
        field: 'letter',
        vi: `Chữ ${v.letter} đã dùng cho nhóm khác.`,
        en: `Letter ${v.letter} is used by another group.`,
      },
    ]);
  const row = {
    letter: v.letter,
    name: v.name,
    name_en: v.nameEn,
    fields: groupFieldsJson.encode(v.fields),
    active: v.active,
    updated_at: at,
  };
  if (id === null) {
    if (groups.length >= MAX_GROUPS)
      fail([{ vi: `Tối đa ${MAX_GROUPS} nhóm dịch vụ.`, en: `At most ${MAX_GROUPS} service groups.` }]);
    const sortOrder = v.sortOrder ?? groups.length + 1;
    return (await repo.insertGroup(tx, { ...row, center_id: centerId, sort_order: sortOrder, created_at: at })).id;
  }
  const r = await repo.updateGroup(tx, centerId, id, {
    ...row,
    ...(v.sortOrder !== null ? { sort_order: v.sortOrder } : {}),
  });
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND');
  return id;
}

export async function saveGroup(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: number | null,
  input: GroupInput,
): Promise<GroupView> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'queue.manage');
  if (id !== null && parseId(id) === null) throw new AppError('NOT_FOUND');
  const v = readGroupInput(input);
  const at = deps.now().toISOString();
  const savedId = await inTransaction(deps.db, async (tx) => {
    const gid = await writeGroup(tx, center.id, id, v, at);
    await configChanged(tx, center.id, who, at, 'group.save', { id: gid, letter: v.letter, name: v.name });
    return gid;
  });
  return groupView((await repo.findGroup(deps.db, center.id, savedId))!);
}

export interface CounterInput {
  number?: unknown;
  name?: unknown;
  groupIds?: unknown;
  staffUserId?: unknown;
  active?: unknown;
}

export async function saveCounter(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: number | null,
  input: CounterInput,
): Promise<CounterView> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'queue.manage');
  if (id !== null && parseId(id) === null) throw new AppError('NOT_FOUND');
  const cfg = await configOf(deps, center);
  const problems: ErrorDetail[] = [];
  const number = Number(input.number);
  if (!Number.isInteger(number) || number < 1 || number > 99)
    problems.push({
      field: 'number',
      vi: 'Số quầy là số nguyên từ 1 đến 99.',
      en: 'The counter number is a whole number from 1 to 99.',
    });
  const name = typeof input.name === 'string' && nfc(input.name) ? nfc(input.name) : `Quầy ${number}`;
  if (name.length > 80)
    problems.push({
      field: 'name',
      vi: 'Tên quầy tối đa 80 ký tự.',
      en: 'The counter name has 80 characters at most.',
    });
  const rawIds = input.groupIds === undefined ? [] : Array.isArray(input.groupIds) ? input.groupIds : [input.groupIds];
  const groupIds = rawIds.map(Number);
  if (!groupIds.every((g) => cfg.groups.some((x) => x.id === g)))
    problems.push({
      field: 'groupIds',
      vi: 'Có nhóm dịch vụ không thuộc Trung tâm.',
      en: 'A service group does not belong to the centre.',
    });
  const staffUserId =
    input.staffUserId === undefined || input.staffUserId === null || input.staffUserId === ''
      ? null
      : Number(input.staffUserId);
  if (staffUserId !== null && !cfg.staff.some((s) => s.id === staffUserId))
    problems.push({
      field: 'staffUserId',
      vi: 'Công chức không thuộc Trung tâm.',
      en: 'The officer does not work at the centre.',
    });
  if (problems.length) fail(problems);
  const active =
    input.active === undefined
      ? 1
      : input.active === true || input.active === 'true' || input.active === '1' || input.active === 'on'
        ? 1
        : 0;
  const at = deps.now().toISOString();
  const savedId = await inTransaction(deps.db, async (tx) => {
    const counters = await repo.listCounters(tx, center.id);
    if (counters.some((c) => c.number === number && c.id !== id))
      throw new AppError('CONFLICT', [
        { field: 'number', vi: `Đã có quầy số ${number}.`, en: `Counter ${number} already exists.` },
      ]);
    if (staffUserId !== null) await repo.clearStaff(tx, center.id, staffUserId, at);
    let cid = id;
    const values = {
      number,
      name,
      group_ids: counterGroupIdsJson.encode([...new Set(groupIds)]),
      staff_user_id: staffUserId,
      active: active as 0 | 1,
      updated_at: at,
    };
    if (id === null) {
      if (counters.length >= MAX_COUNTERS)
        fail([{ vi: `Tối đa ${MAX_COUNTERS} quầy.`, en: `At most ${MAX_COUNTERS} counters.` }]);
      cid = (await repo.insertCounter(tx, { center_id: center.id, ...values, created_at: at })).id;
    } else {
      const r = await repo.updateCounter(tx, center.id, id, values);
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND');
    }
    await configChanged(tx, center.id, who, at, 'counter.save', { id: cid, number, groupIds });
    return cid!;
  });
  return (await configOf(deps, center)).counters.find((c) => c.id === savedId)!;
}

/** An officer sits at a counter (and leaves any other). */
export async function takeCounter(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  counterId: number,
): Promise<CounterView> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'queue.serve');
  const at = deps.now().toISOString();
  // A malformed or impossible id (a form's "abc", NaN, beyond the integer range) is "no such counter".
  const id = await inTransaction(deps.db, async (tx) => {
    const c = await loadCounter(tx, center.id, counterId);
    const uid = actorId(who);
    if (uid !== null) {
      await repo.clearStaff(tx, center.id, uid, at);
      await repo.updateCounter(tx, center.id, c.id, { staff_user_id: uid, updated_at: at });
    }
    await repo.insertEvent(tx, {
      center_id: center.id,
      ticket_id: null,
      kind: 'config',
      counter_id: c.id,
      actor_user_id: uid,
      at,
      data: JSON.stringify({ what: 'counter.take' }),
    });
    return c.id;
  });
  return (await configOf(deps, center)).counters.find((c) => c.id === id)!;
}

// ---- Kiosk ----

export interface IssueInput {
  groupId?: unknown;
  priority?: unknown;
}

function newRandom(): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += RANDOM_ALPHABET[randomInt(RANDOM_ALPHABET.length)];
  return s;
}

/** Issues a ticket at the public kiosk: numbered per group and day (Vietnam), gapless, in one transaction. */
export async function issueTicket(
  deps: Deps,
  slug: string,
  input: IssueInput,
): Promise<TicketView & { ahead: number; estimateMinutes: number }> {
  const center = await getCenter(deps, slug);
  const groupId = Number(input.groupId);
  const problems: ErrorDetail[] = [];
  const reason =
    input.priority === undefined || input.priority === null || input.priority === '' ? null : input.priority;
  const floorSettings = await floorSettingsOf(deps.db, center.id);
  if (reason !== null && !(floorSettings.priorityGroups as readonly unknown[]).includes(reason))
    problems.push({
      field: 'priority',
      vi: `Đối tượng ưu tiên: ${floorSettings.priorityGroups.join(', ')}.`,
      en: `priority: ${floorSettings.priorityGroups.join(', ')}.`,
    });
  const floor = await floorOf(deps, center);
  if (!canIssue(floor) && floor.kind === 'closed')
    problems.push({
      field: 'time',
      vi: `Ngoài giờ làm việc: Trung tâm mở cửa lúc ${openingText(floor.opensAt, 'vi')}. Mời Ông/Bà quay lại lấy số khi Trung tâm mở cửa.`,
      en: `Outside working hours: the centre opens at ${openingText(floor.opensAt, 'en')}. Please take a number when the centre opens.`,
    });
  const group = parseId(groupId) !== null ? await repo.findGroup(deps.db, center.id, groupId) : undefined;
  if (!group || group.active !== 1)
    problems.push({
      field: 'groupId',
      vi: 'Không có nhóm dịch vụ này tại Trung tâm.',
      en: 'No such service group at this centre.',
    });
  if (problems.length || !group) fail(problems);
  const now = deps.now();
  const at = now.toISOString();
  const day = toLocal(now).date;
  const id = await inTransaction(deps.db, async (tx) => {
    const seq = await repo.nextSeq(tx, center.id, group.id, day);
    const code = ticketCode(group.letter, seq);
    const row = await repo.insertTicket(tx, {
      center_id: center.id,
      group_id: group.id,
      issued_group_id: group.id,
      day,
      seq,
      code,
      public_code: publicCode(code, day, newRandom()),
      priority: reason ? 1 : 0,
      priority_reason: reason as string | null,
      status: 'waiting',
      issued_at: at,
      queued_at: at,
      target_counter_id: null,
      counter_id: null,
      called_by: null,
      first_called_at: null,
      called_at: null,
      call_count: 0,
      finished_at: null,
      dossier_id: null,
      dossier_code: null,
      version: 1,
    });
    await repo.insertEvent(tx, {
      center_id: center.id,
      ticket_id: row.id,
      kind: 'issued',
      counter_id: null,
      actor_user_id: null,
      at,
      data: JSON.stringify({ code, priority: reason }),
    });
    return row.id;
  });
  const t = (await repo.findTicket(deps.db, center.id, id))!;
  const pos = await positionOf(deps, center, t);
  return { ...ticketView(t, await lookupOf(deps.db, center.id)), ...pos };
}

/** Groups shown at the kiosk (active ones), with how many people wait in each now; the floor's state and priority groups. */
export async function kioskGroups(deps: Deps, slug: string) {
  const center = await getCenter(deps, slug);
  const [groups, open, floor, settings] = await Promise.all([
    repo.listGroups(deps.db, center.id),
    repo.openTickets(deps.db, center.id, today(deps)),
    floorOf(deps, center),
    floorSettingsOf(deps.db, center.id),
  ]);
  return {
    center,
    floor,
    priorityGroups: settings.priorityGroups,
    groups: groups
      .filter((g) => g.active === 1)
      .map((g) => ({
        ...groupView(g),
        waiting: open.filter((t) => t.group_id === g.id && t.status === 'waiting').length,
      })),
  };
}

// ---- Counter ----

async function loadTicket(tx: Tx, centerId: number, id: number): Promise<repo.TicketRow> {
  const n = parseId(id);
  const t = n !== null ? await repo.findTicket(tx, centerId, n) : undefined;
  if (!t)
    throw new AppError('NOT_FOUND', [{ field: 'ticketId', vi: 'Không có số thứ tự này.', en: 'No such ticket.' }]);
  return t;
}

async function loadCounter(tx: Tx, centerId: number, id: number): Promise<repo.CounterRow> {
  const n = parseId(id);
  const c = n !== null ? await repo.findCounter(tx, centerId, n) : undefined;
  if (!c || c.active !== 1)
    throw new AppError('NOT_FOUND', [{ field: 'counterId', vi: 'Không có quầy này.', en: 'No such counter.' }]);
  return c;
}

const changed = () =>
  new AppError('CONFLICT', [
    {
      vi: 'Số này vừa được quầy khác xử lý; màn hình đã được cập nhật.',
      en: 'Another counter just handled this ticket; the screen has been refreshed.',
    },
  ]);

function checkVersion(t: repo.TicketRow, version: unknown): void {
  if (version !== undefined && version !== null && version !== '' && Number(version) !== t.version) throw changed();
}

/**
 * Calls the next ticket to a counter: priority first, then first come, among the counter's groups
 * and the tickets sent to it. Two counters calling at once never get the same ticket: the update
 * is conditional on the version read, and a counter that loses the race takes the next one.
 */
export async function callNext(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  counterId: number,
): Promise<TicketView | null> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'queue.serve');
  const day = today(deps);
  const at = deps.now().toISOString();
  const id = await inTransaction(deps.db, async (tx) => {
    const counter = await loadCounter(tx, center.id, counterId);
    const current = await repo.currentAt(tx, center.id, counter.id);
    if (current)
      throw new AppError('CONFLICT', [
        {
          field: 'counterId',
          vi: `Quầy đang phục vụ số ${current.code}: hãy hoàn thành, bỏ qua hoặc chuyển số này trước.`,
          en: `The counter is serving ${current.code}: finish, skip or transfer it first.`,
        },
      ]);
    const groupIds = counterGroupIdsJson.decode(counter.group_ids);
    for (let attempt = 0; attempt < 20; attempt++) {
      const t = await repo.nextCandidate(tx, center.id, day, counter.id, groupIds);
      if (!t) return null;
      const ok = await repo.updateTicket(tx, t.id, t.version, {
        status: 'called',
        counter_id: counter.id,
        called_by: actorId(who),
        called_at: at,
        first_called_at: t.first_called_at ?? at,
        call_count: t.call_count + 1,
        target_counter_id: null,
      });
      if (!ok) continue; // another counter took it first
      await repo.insertEvent(tx, {
        center_id: center.id,
        ticket_id: t.id,
        kind: 'called',
        counter_id: counter.id,
        actor_user_id: actorId(who),
        at,
        data: JSON.stringify({ code: t.code }),
      });
      return t.id;
    }
    throw changed();
  });
  if (id === null) return null;
  return ticketView((await repo.findTicket(deps.db, center.id, id))!, await lookupOf(deps.db, center.id));
}

interface TicketAct {
  ticketId: number;
  version?: unknown;
}

async function onCalled(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  a: TicketAct,
  fn: (tx: Tx, t: repo.TicketRow, center: Center, at: string, who: Actor) => Promise<void>,
): Promise<TicketView> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'queue.serve');
  const at = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    const t = await loadTicket(tx, center.id, a.ticketId);
    checkVersion(t, a.version);
    if (t.status !== 'called')
      throw new AppError('CONFLICT', [
        {
          field: 'ticketId',
          vi: `Số ${t.code} không ở trạng thái đang được gọi.`,
          en: `Ticket ${t.code} is not being called.`,
        },
      ]);
    await fn(tx, t, center, at, who);
  });
  return ticketView((await repo.findTicket(deps.db, center.id, a.ticketId))!, await lookupOf(deps.db, center.id));
}

export function recall(deps: Deps, actor: Actor | null, slug: string, a: TicketAct): Promise<TicketView> {
  return onCalled(deps, actor, slug, a, async (tx, t, center, at, who) => {
    if (!(await repo.updateTicket(tx, t.id, t.version, { called_at: at, call_count: t.call_count + 1 })))
      throw changed();
    await repo.insertEvent(tx, {
      center_id: center.id,
      ticket_id: t.id,
      kind: 'recalled',
      counter_id: t.counter_id,
      actor_user_id: actorId(who),
      at,
      data: JSON.stringify({ code: t.code, count: t.call_count + 1 }),
    });
  });
}

export function skip(deps: Deps, actor: Actor | null, slug: string, a: TicketAct): Promise<TicketView> {
  return onCalled(deps, actor, slug, a, async (tx, t, center, at, who) => {
    if (!(await repo.updateTicket(tx, t.id, t.version, { status: 'skipped', finished_at: at }))) throw changed();
    await repo.insertEvent(tx, {
      center_id: center.id,
      ticket_id: t.id,
      kind: 'skipped',
      counter_id: t.counter_id,
      actor_user_id: actorId(who),
      at,
      data: JSON.stringify({ code: t.code }),
    });
  });
}

/** Sends a called ticket to another counter or group; it keeps its place in the queue (its first queue time). */
export function transfer(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  a: TicketAct & { toCounterId?: unknown; toGroupId?: unknown },
): Promise<TicketView> {
  return onCalled(deps, actor, slug, a, async (tx, t, center, at, who) => {
    const toCounter =
      a.toCounterId === undefined || a.toCounterId === null || a.toCounterId === '' ? null : Number(a.toCounterId);
    const toGroup =
      a.toGroupId === undefined || a.toGroupId === null || a.toGroupId === '' ? null : Number(a.toGroupId);
    if ((toCounter === null) === (toGroup === null))
      fail([
        {
          field: 'toCounterId',
          vi: 'Chọn một quầy hoặc một nhóm dịch vụ để chuyển đến.',
          en: 'Choose one counter or one service group to transfer to.',
        },
      ]);
    let groupId = t.group_id;
    if (toCounter !== null) {
      const c = parseId(toCounter) !== null ? await repo.findCounter(tx, center.id, toCounter) : undefined;
      if (!c || c.active !== 1) fail([{ field: 'toCounterId', vi: 'Không có quầy này.', en: 'No such counter.' }]);
      if (c.id === t.counter_id)
        fail([{ field: 'toCounterId', vi: 'Số đang ở chính quầy này.', en: 'The ticket is already at this counter.' }]);
    } else {
      const g = parseId(toGroup) !== null ? await repo.findGroup(tx, center.id, toGroup!) : undefined;
      if (!g || g.active !== 1)
        fail([{ field: 'toGroupId', vi: 'Không có nhóm dịch vụ này.', en: 'No such service group.' }]);
      groupId = g.id;
    }
    if (
      !(await repo.updateTicket(tx, t.id, t.version, {
        status: 'waiting',
        group_id: groupId,
        target_counter_id: toCounter,
        counter_id: null,
        queued_at: t.issued_at,
      }))
    )
      throw changed();
    await repo.insertEvent(tx, {
      center_id: center.id,
      ticket_id: t.id,
      kind: 'transferred',
      counter_id: t.counter_id,
      actor_user_id: actorId(who),
      at,
      data: JSON.stringify({ code: t.code, toCounterId: toCounter, toGroupId: toGroup }),
    });
  });
}

/** Finishes serving a ticket, optionally linking the dossier taken for it. */
export async function finish(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  a: TicketAct & { dossierCode?: unknown },
): Promise<TicketView> {
  return onCalled(deps, actor, slug, a, async (tx, t, center, at, who) => {
    const link =
      typeof a.dossierCode === 'string' && a.dossierCode.trim()
        ? await dossierToLink(tx, center.id, t.id, a.dossierCode)
        : null;
    if (
      !(await repo.updateTicket(tx, t.id, t.version, {
        status: 'served',
        finished_at: at,
        ...(link ? { dossier_id: link.id, dossier_code: link.code } : {}),
      }))
    )
      throw changed();
    await repo.insertEvent(tx, {
      center_id: center.id,
      ticket_id: t.id,
      kind: 'served',
      counter_id: t.counter_id,
      actor_user_id: actorId(who),
      at,
      data: JSON.stringify({ code: t.code, dossierCode: link?.code ?? null }),
    });
  });
}

async function dossierToLink(tx: Tx, centerId: number, ticketId: number, code: unknown) {
  const c = typeof code === 'string' ? code.trim() : '';
  const d = c && c.length <= 40 ? await dossierByCode({ db: tx }, c) : undefined;
  // Another centre's dossier answers like an unknown code.
  if (!d || d.center_id !== centerId)
    fail([
      {
        field: 'dossierCode',
        vi: `Không có hồ sơ mã “${c}” tại Trung tâm.`,
        en: `No dossier with code “${c}” at this centre.`,
      },
    ]);
  const other = await repo.ticketLinkedTo(tx, centerId, d.id);
  if (other && other.id !== ticketId)
    throw new AppError('CONFLICT', [
      {
        field: 'dossierCode',
        vi: `Hồ sơ ${d.code} đã gắn với số ${other.code}.`,
        en: `Dossier ${d.code} is already linked to ticket ${other.code}.`,
      },
    ]);
  return d;
}

/** Links a ticket (being called or already served) to the dossier taken for it. */
export async function linkDossier(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  a: TicketAct & { dossierCode: unknown },
): Promise<TicketView> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'queue.serve');
  if (!can(actor, 'dossier.read', center.id)) assertCan(actor, 'dossier.intake', center.id);
  const at = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    const t = await loadTicket(tx, center.id, a.ticketId);
    checkVersion(t, a.version);
    if (t.status !== 'called' && t.status !== 'served')
      throw new AppError('CONFLICT', [
        {
          field: 'ticketId',
          vi: `Số ${t.code} chưa được gọi hoặc đã bỏ qua.`,
          en: `Ticket ${t.code} has not been called or was skipped.`,
        },
      ]);
    const d = await dossierToLink(tx, center.id, t.id, a.dossierCode);
    if (!(await repo.updateTicket(tx, t.id, t.version, { dossier_id: d.id, dossier_code: d.code }))) throw changed();
    await repo.insertEvent(tx, {
      center_id: center.id,
      ticket_id: t.id,
      kind: 'linked',
      counter_id: t.counter_id,
      actor_user_id: actorId(who),
      at,
      data: JSON.stringify({ code: t.code, dossierCode: d.code }),
    });
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(who),
      action: 'queue.link',
      subject: t.code,
      detail: JSON.stringify({ ticketId: t.id, dossierCode: d.code }),
      at,
    });
  });
  return ticketView((await repo.findTicket(deps.db, center.id, a.ticketId))!, await lookupOf(deps.db, center.id));
}

/**
 * For the desk: links a ticket to a dossier just taken (call from the intake when the form carried
 * `?ve=<ticket id>`). Returns false (and changes nothing) when the ticket is not linkable. It runs
 * after the dossier is committed, so it never throws: any failure (a bad id, a lost race, even a
 * database error) is logged and the intake still succeeds.
 */
export async function linkAfterIntake(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  ticketId: unknown,
  dossierCode: string,
): Promise<boolean> {
  try {
    const id = parseId(ticketId);
    if (id === null) return false;
    await linkDossier(deps, actor, slug, { ticketId: id, dossierCode });
    return true;
  } catch (e) {
    const expected = e instanceof AppError && e.status < 500;
    try {
      deps.log.warn(
        { err: String(e), ticketId: String(ticketId).slice(0, 20), dossierCode, expected },
        'queue: linking the ticket to the new dossier failed',
      );
    } catch {
      // logging must not break the intake either
    }
    return false;
  }
}

export interface CounterScreen {
  counters: CounterView[];
  counter: CounterView | null;
  current: TicketView | null;
  waiting: TicketView[];
  groups: GroupView[];
  recentDossiers: { code: string; procedureName: string; receivedAt: string }[];
  servedToday: TicketView[];
  canManage: boolean;
}

/** What the counter screen shows: the officer's counter (or the one asked for), its current ticket, today's queue. */
export async function counterScreen(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  counterId: number | null,
): Promise<CounterScreen> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'queue.serve');
  const cfg = await configOf(deps, center);
  const uid = actorId(who);
  const counter =
    (counterId !== null
      ? cfg.counters.find((c) => c.id === counterId && c.active)
      : cfg.counters.find((c) => c.active && uid !== null && c.staffUserId === uid)) ?? null;
  const l = await lookupOf(deps.db, center.id);
  const day = today(deps);
  const open = (await repo.openTickets(deps.db, center.id, day)).map((t) => ticketView(t, l));
  const current = counter ? (open.find((t) => t.status === 'called' && t.counterId === counter.id) ?? null) : null;
  const waiting = open.filter(
    (t) =>
      t.status === 'waiting' &&
      (!counter ||
        t.targetCounterId === counter.id ||
        (t.targetCounterId === null && counter.groupIds.includes(t.groupId))),
  );
  const since = current?.firstCalledAt ?? fromLocal(day, 0).toISOString();
  const recent = uid !== null && current ? await dossiersTakenBy(deps, center.id, uid, since) : [];
  const servedToday = counter
    ? (await repo.listTickets(deps.db, center.id, day, 'served', 50))
        .filter((t) => t.counter_id === counter.id)
        .slice(0, 10)
        .map((t) => ticketView(t, l))
    : [];
  return {
    counters: cfg.counters.filter((c) => c.active),
    counter,
    current,
    waiting,
    groups: cfg.groups,
    recentDossiers: recent.map((d) => ({ code: d.code, procedureName: d.procedure_name, receivedAt: d.received_at })),
    servedToday,
    canManage: can(actor, 'queue.manage', center.id),
  };
}

export async function listTickets(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  f: { day?: unknown; status?: unknown; limit?: unknown },
): Promise<TicketView[]> {
  const { center } = await authorizeCenter(deps, actor, slug, 'queue.serve');
  const day = typeof f.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(f.day) ? f.day : today(deps);
  const status = typeof f.status === 'string' && f.status ? f.status : null;
  const limit = Number.isInteger(f.limit) ? Math.min(500, Math.max(1, f.limit as number)) : 200;
  const l = await lookupOf(deps.db, center.id);
  return (await repo.listTickets(deps.db, center.id, day, status, limit)).map((t) => ticketView(t, l));
}

export async function getTicket(deps: Deps, actor: Actor | null, slug: string, id: number): Promise<TicketView> {
  const { center } = await authorizeCenter(deps, actor, slug, 'queue.serve');
  return ticketView(await loadTicket(deps.db, center.id, id), await lookupOf(deps.db, center.id));
}

// ---- Board and phone (public: ticket codes and counters only, no personal data) ----

export interface BoardCall {
  eventId: number;
  code: string;
  counterNumber: number | null;
  counterName: string;
  at: string;
  priority: boolean;
  recall: boolean;
}
export interface BoardState {
  center: { slug: string; name: string; shortName: string };
  lastEventId: number;
  at: string;
  latest: BoardCall | null;
  calls: BoardCall[];
  waiting: { letter: string; name: string; nameEn: string; waiting: number; next: string | null }[];
  totalWaiting: number;
}

export async function boardState(deps: Deps, slug: string): Promise<BoardState> {
  const center = await getCenter(deps, slug);
  return boardOf(deps, center);
}

export async function boardOf(deps: Deps, center: Center): Promise<BoardState> {
  const last = await repo.lastEventId(deps.db, center.id);
  const day = today(deps);
  const [l, open, recent] = await Promise.all([
    lookupOf(deps.db, center.id),
    repo.openTickets(deps.db, center.id, day),
    repo.recentCalls(deps.db, center.id, fromLocal(day, 0).toISOString(), 40),
  ]);
  const seen = new Set<string>();
  const calls: BoardCall[] = [];
  for (const r of recent) {
    if (seen.has(r.code)) continue;
    seen.add(r.code);
    const c = r.counter_id ? l.counters.get(r.counter_id) : undefined;
    calls.push({
      eventId: Number(r.eventId),
      code: r.code,
      counterNumber: c?.number ?? null,
      counterName: c?.name ?? '',
      at: r.at,
      priority: r.priority === 1,
      recall: r.kind === 'recalled',
    });
    if (calls.length >= 7) break;
  }
  const waiting = [...l.groups.values()]
    .filter((g) => g.active === 1)
    .sort((a, b) => a.sort_order - b.sort_order)
    .map((g) => {
      const w = open.filter((t) => t.status === 'waiting' && t.group_id === g.id).sort(compareQueued);
      return { letter: g.letter, name: g.name, nameEn: g.name_en, waiting: w.length, next: w[0]?.code ?? null };
    });
  return {
    center: { slug: center.slug, name: center.name, shortName: center.short_name },
    lastEventId: last,
    at: deps.now().toISOString(),
    latest: calls[0] ?? null,
    calls,
    waiting,
    totalWaiting: waiting.reduce((n, g) => n + g.waiting, 0),
  };
}

/** The last change id of a centre's queue (what the live feed compares). */
export const lastChange = (deps: Deps, centerId: number) => repo.lastEventId(deps.db, centerId);

async function positionOf(
  deps: Deps,
  center: Center,
  t: repo.TicketRow,
): Promise<{ ahead: number; estimateMinutes: number }> {
  if (t.status !== 'waiting') return { ahead: 0, estimateMinutes: 0 };
  const [open, counters, served] = await Promise.all([
    repo.openTickets(deps.db, center.id, t.day),
    repo.listCounters(deps.db, center.id),
    repo.recentServed(deps.db, center.id, t.group_id, addDays(t.day, -28), 50),
  ]);
  const ahead = open.filter(
    (o) => o.status === 'waiting' && o.id !== t.id && o.group_id === t.group_id && compareQueued(o, t) < 0,
  ).length;
  const mins = served
    .filter((s) => s.called_at && s.finished_at)
    .map((s) => (Date.parse(s.finished_at!) - Date.parse(s.called_at!)) / 60_000);
  const avg = mins.length ? mins.reduce((a, b) => a + b, 0) / mins.length : null;
  const openCounters = counters.filter(
    (c) => c.active === 1 && c.staff_user_id !== null && counterGroupIdsJson.decode(c.group_ids).includes(t.group_id),
  ).length;
  return { ahead, estimateMinutes: estimateWaitMinutes(ahead, avg, openCounters) };
}

export interface PhoneView {
  code: string;
  publicCode: string;
  groupName: string;
  groupNameEn: string;
  priority: boolean;
  status: TicketStatus;
  issuedAt: string;
  ahead: number;
  estimateMinutes: number;
  counterNumber: number | null;
  counterName: string | null;
  today: boolean;
}

/** The phone page: position and estimate of one ticket, by its public code. */
export async function phoneView(deps: Deps, slug: string, code: string): Promise<{ center: Center; view: PhoneView }> {
  const center = await getCenter(deps, slug);
  const c = code.trim().toUpperCase();
  const t = PUBLIC_CODE_RE.test(c) ? await repo.findTicketByPublic(deps.db, center.id, c) : undefined;
  if (!t) throw new AppError('NOT_FOUND', [{ vi: 'Không tìm thấy số thứ tự này.', en: 'This ticket was not found.' }]);
  const l = await lookupOf(deps.db, center.id);
  const v = ticketView(t, l);
  const pos = await positionOf(deps, center, t);
  const counter = t.counter_id ? l.counters.get(t.counter_id) : undefined;
  return {
    center,
    view: {
      code: v.code,
      publicCode: v.publicCode,
      groupName: v.groupName,
      groupNameEn: v.groupNameEn,
      priority: v.priority,
      status: v.status,
      issuedAt: v.issuedAt,
      ...pos,
      counterNumber: counter?.number ?? null,
      counterName: counter?.name ?? null,
      today: t.day === today(deps),
    },
  };
}

/** The full ticket behind a public code (for the printed ticket). */
export async function ticketByPublic(deps: Deps, center: Center, code: string): Promise<TicketView> {
  const t = await repo.findTicketByPublic(deps.db, center.id, code);
  if (!t) throw new AppError('NOT_FOUND');
  return ticketView(t, await lookupOf(deps.db, center.id));
}

// ---- Figures ----

export type FiguresView = QueueBreakdown & {
  groups: GroupView[];
  sameDayWeekdays: number[];
  from: LocalDate;
  to: LocalDate;
};

export async function queueFiguresFor(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  range: { from: LocalDate; to: LocalDate },
): Promise<FiguresView> {
  const { center } = await authorizeCenter(deps, actor, slug, 'queue.manage');
  const [rows, target, groups] = await Promise.all([
    repo.figureRows(deps.db, [center.id], range.from, range.to),
    targetOf(deps.db, center.id),
    repo.listGroups(deps.db, center.id),
  ]);
  const weekdays = settingsOf(center).sameDayWeekdays;
  return { ...breakdown(rows, target, weekdays), groups: groups.map(groupView), sameDayWeekdays: weekdays, ...range };
}

// ---- Counter screen actions (the console's forms) ----

/** What a counter-screen form asks of a ticket. */
export interface CounterAction {
  act: string;
  ticketId: number;
  version?: unknown;
  dossierCode?: string;
  toCounterId?: string;
  toGroupId?: string;
}

/** Runs one action of the counter screen; says which flash to show and which counter to come back to. */
const filled = (s: string | undefined) => (s === undefined || s === '' ? undefined : s);

export async function counterAction(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  a: CounterAction,
): Promise<{ ok: string; counterId: number | null }> {
  const t = { ticketId: a.ticketId, version: a.version };
  switch (a.act) {
    case 'recall':
      return { ok: 'recalled', counterId: (await recall(deps, actor, slug, t)).counterId };
    case 'skip':
      return { ok: 'skipped', counterId: (await skip(deps, actor, slug, t)).counterId };
    case 'finish':
      return {
        ok: 'served',
        counterId: (await finish(deps, actor, slug, { ...t, dossierCode: filled(a.dossierCode) })).counterId,
      };
    case 'transfer': {
      const before = await getTicket(deps, actor, slug, a.ticketId);
      await transfer(deps, actor, slug, {
        ...t,
        toCounterId: filled(a.toCounterId),
        toGroupId: filled(a.toGroupId),
      });
      return { ok: 'transferred', counterId: before.counterId };
    }
    case 'link':
      return {
        ok: 'linked',
        counterId: (await linkDossier(deps, actor, slug, { ...t, dossierCode: a.dossierCode ?? '' })).counterId,
      };
    default:
      throw new AppError('NOT_FOUND');
  }
}
