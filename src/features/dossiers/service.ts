/**
 * One-stop desk use cases: intake (code, appointment, receipt secret), workflow actions as
 * appended events in the same transaction as the state change, staff views, the public lookup.
 */
import { randomInt } from 'node:crypto';
import type { Deps } from '../../core/deps.ts';
import type { Center, DossierTable } from '../../core/db/schema.ts';
import type { Selectable } from 'kysely';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, invalid, type ErrorDetail } from '../../core/http/errors.ts';
import { actorId, assertCan, can, type Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { sameSecretText } from '../../core/auth/service.ts';
import type { Action } from '../../core/auth/roles.ts';
import { nfc } from '../../core/http/i18n.ts';
import { toLocal } from '../../core/calendar/index.ts';
import { getCenter, getCenterById } from '../centers/service.ts';
import { settingsOf } from '../centers/model.ts';
import { calendarOf } from '../calendar/service.ts';
import { catalogOf } from '../catalog/service.ts';
import * as catalogRepo from '../catalog/repo.ts';
import type { ProcedureData } from '../catalog/model.ts';
import * as repo from './repo.ts';
import { normaliseDossierCode, normaliseSecret, openSupplement, publicSteps } from './lookup.ts';
import { enqueueForDossierEvent } from '../notifications/service.ts';
import { prepareCourtesyForDossierEvent } from '../letters/hook.ts';
import {
  ACTIONS,
  CHANNELS,
  PAYMENT_METHODS,
  RETURN_METHODS,
  SECRET_ALPHABET,
  STATUS,
  TRANSITIONS,
  appointmentFor,
  canTransition,
  dayKey,
  dossierCode,
  isStatus,
  judge,
  maskName,
  parseApplicant,
  type Applicant,
  type Channel,
  type DossierAction,
  type Interval,
  type Judgement,
  type Status,
} from './model.ts';

type Row = Selectable<DossierTable>;

export interface ReceivedComponent {
  name: string;
  originals: number;
  copies: number;
  digitised: boolean;
  reused: boolean;
}

export interface IntakeInput {
  procedureCode: unknown;
  applicant: unknown;
  owner?: unknown;
  channel?: unknown;
  sets?: unknown;
  subject?: unknown;
  components?: unknown;
  /** Online submissions arrive as status 1 (to be accepted); the desk accepts at once. */
  submittedOnline?: boolean;
  /**
   * At the counter: 'refuse' (form 03) or 'guide' — incomplete, what is missing listed on form 02.
   * Either way the dossier is recorded (with a code) and ends "not received", in one transaction.
   */
  outcome?: 'accept' | 'refuse' | 'guide';
  reason?: unknown;
  missing?: unknown;
  /** Importing past dossiers only (permission dossier.backdate). */
  receivedAt?: unknown;
  vneidVerified?: unknown;
}

/** The permission each workflow action needs (the console shows only the forms the actor may use). */
export const ACTION_PERMISSION: Record<DossierAction, Action> = {
  accept: 'dossier.intake',
  refuse: 'dossier.intake',
  handoff: 'dossier.process',
  request_supplement: 'dossier.process',
  complete_supplement: 'dossier.intake',
  request_payment: 'dossier.process',
  confirm_payment: 'dossier.process',
  mark_processed: 'dossier.process',
  return_result: 'dossier.return',
  withdraw: 'dossier.intake',
  stop: 'dossier.stop',
  extend: 'dossier.extend',
  guide: 'dossier.intake',
};

function newSecret(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return s;
}

function fail(details: ErrorDetail[]): never {
  throw new AppError('VALIDATION_FAILED', details);
}

function parseComponents(
  input: unknown,
  procedureComponents: { name: string; originals: number; copies: number }[],
): ReceivedComponent[] {
  if (input === undefined || input === null)
    return procedureComponents.map((c) => ({
      name: c.name,
      originals: c.originals,
      copies: c.copies,
      digitised: false,
      reused: false,
    }));
  if (!Array.isArray(input) || input.length > 50)
    fail([
      {
        field: 'components',
        vi: 'Thành phần hồ sơ phải là danh sách (tối đa 50).',
        en: 'Components must be a list (50 at most).',
      },
    ]);
  return input.map((c, i) => {
    const o = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
    const name = typeof o.name === 'string' ? nfc(o.name).slice(0, 300) : '';
    const n = (v: unknown) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100 ? (v as number) : NaN);
    const originals = o.originals === undefined ? 0 : n(o.originals);
    const copies = o.copies === undefined ? 0 : n(o.copies);
    if (!name || Number.isNaN(originals) || Number.isNaN(copies))
      fail([
        {
          field: `components[${i}]`,
          vi: 'Mỗi thành phần cần tên và số bản (0–100).',
          en: 'Each component needs a name and counts (0–100).',
        },
      ]);
    return { name, originals, copies, digitised: o.digitised === true, reused: o.reused === true };
  });
}

/** Takes a dossier at the desk, refuses it, or guides the citizen to complete it (form 02/03). */
export async function intake(deps: Deps, actor: Actor | null, slug: string, input: IntakeInput): Promise<DossierView> {
  if (input.outcome === 'refuse' || input.outcome === 'guide') {
    const outcome = input.outcome;
    return inTransaction(deps.db, async (tx) => {
      const d: Deps = { ...deps, db: tx };
      const created = await receive(d, actor, slug, { ...input, submittedOnline: true });
      return act(d, actor, created.code, outcome, { reason: input.reason, components: input.missing });
    });
  }
  return receive(deps, actor, slug, input);
}

/** Records a dossier (or an online submission): one transaction, one event. */
async function receive(deps: Deps, actor: Actor | null, slug: string, input: IntakeInput): Promise<DossierView> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'dossier.intake', center.id);
  const problems: ErrorDetail[] = [];
  const code = typeof input.procedureCode === 'string' ? input.procedureCode.trim() : '';
  const catalog = await catalogOf(deps, center);
  const procedure = catalog.byCode.get(code);
  if (!procedure)
    problems.push({
      field: 'procedureCode',
      vi: 'Không có thủ tục với mã này trong danh mục đang công khai.',
      en: 'No published procedure has this code.',
    });
  const { applicant, problems: ap } = parseApplicant(input.applicant);
  problems.push(...ap);
  let owner: Applicant | null = null;
  if (input.owner !== undefined && input.owner !== null) {
    const r = parseApplicant(input.owner, 'owner');
    owner = r.applicant;
    problems.push(...r.problems);
  }
  const channel = (input.channel ?? 'direct') as Channel;
  if (!(CHANNELS as readonly string[]).includes(channel))
    problems.push({
      field: 'channel',
      vi: `Kênh nộp: ${CHANNELS.join(', ')}.`,
      en: `channel: ${CHANNELS.join(', ')}.`,
    });
  const sets = input.sets === undefined ? (procedure?.sets ?? 1) : Number(input.sets);
  if (!Number.isInteger(sets) || sets < 1 || sets > 20)
    problems.push({ field: 'sets', vi: 'Số bộ hồ sơ từ 1 đến 20.', en: 'Sets must be between 1 and 20.' });
  let receivedAt = deps.now();
  if (input.receivedAt !== undefined) {
    if (!can(actor, 'dossier.backdate', center.id))
      throw new AppError('FORBIDDEN', [
        {
          field: 'receivedAt',
          vi: 'Chỉ quản trị được nhập hồ sơ với thời điểm nhận trong quá khứ.',
          en: 'Only an administrator may import dossiers with a past receipt time.',
        },
      ]);
    const d = typeof input.receivedAt === 'string' ? new Date(input.receivedAt) : new Date(NaN);
    if (Number.isNaN(d.getTime()) || d.getTime() > deps.now().getTime())
      problems.push({
        field: 'receivedAt',
        vi: 'Thời điểm nhận phải là ISO-8601 trong quá khứ.',
        en: 'receivedAt must be an ISO-8601 instant in the past.',
      });
    else receivedAt = d;
  }
  if (problems.length || !procedure) fail(problems);
  const components = parseComponents(input.components, procedure.components);
  const subject =
    typeof input.subject === 'string' && nfc(input.subject)
      ? nfc(input.subject).slice(0, 1000)
      : `${procedure.name} — ${applicant.kind === 'organization' ? applicant.orgName : applicant.fullName}`;
  const cal = await calendarOf(deps, center);
  const appt = appointmentFor(cal, procedure, receivedAt, { weekdays: settingsOf(center).sameDayWeekdays });
  const now = deps.now().toISOString();
  const status: Status = input.submittedOnline ? STATUS.SUBMITTED : STATUS.ACCEPTED;
  const ids = catalog.ids.get(procedure.code);
  if (!ids) fail([{ field: 'procedureCode', vi: 'Thủ tục chưa được công bố.', en: 'The procedure is not published.' }]);
  const secret = newSecret();
  const row = await inTransaction(deps.db, async (tx) => {
    const seq = await repo.nextSeq(tx, center.id, dayKey(receivedAt));
    const code = dossierCode(center.agency_code, receivedAt, seq);
    const values = {
      center_id: center.id,
      code,
      procedure_id: ids.procedureId,
      procedure_version_id: ids.versionId,
      procedure_code: procedure.code,
      procedure_name: procedure.name,
      field: procedure.field,
      status,
      channel,
      applicant: JSON.stringify(applicant),
      owner: owner ? JSON.stringify(owner) : null,
      subject,
      sets,
      components: JSON.stringify(components),
      received_at: receivedAt.toISOString(),
      local_day: toLocal(receivedAt).date,
      due_at: appt.dueAt.toISOString(),
      extended_due_at: null,
      same_day: appt.sameDay ? 1 : 0,
      lookup_secret: secret,
      supplement_count: 0,
      holder: null,
      assigned_user_id: null,
      ended_at: null,
      processed_at: null,
      returned_at: null,
      return_method: null,
      result_note: null,
      digitised: components.some((c) => c.digitised) ? 1 : 0,
      reused: components.some((c) => c.reused) ? 1 : 0,
      electronic_result: 0,
      vneid_verified: input.vneidVerified === true ? 1 : 0,
      created_by: actor ? actorId(actor) : null,
      created_at: now,
      updated_at: now,
      version: 1,
    } satisfies Omit<Row, 'id'>;
    const inserted = await repo.insertDossier(tx, values);
    const row: Row = { ...values, id: inserted.id };
    await repo.appendEvent(tx, {
      center_id: center.id,
      dossier_id: row.id,
      seq: 1,
      action: 'received',
      from_status: null,
      to_status: status,
      actor_user_id: actorId(actor),
      actor_name: actor.fullName,
      at: now,
      data: JSON.stringify({ channel, dueAt: appt.dueAt.toISOString(), sameDay: appt.sameDay, rule: appt.rule }),
    });
    // The receipt message exists if and only if the intake is committed.
    await enqueueForDossierEvent(
      { ...deps, db: tx },
      {
        centerId: center.id,
        center,
        dossierId: row.id,
        dossier: {
          code,
          status,
          procedureName: procedure.name,
          applicant,
          dueAt: appt.dueAt.toISOString(),
          extendedDueAt: null,
          lookupSecret: secret,
        },
        event: { action: 'received', data: { dueAt: appt.dueAt.toISOString() } },
      },
    );
    await prepareCourtesyForDossierEvent(
      { ...deps, db: tx },
      { centerId: center.id, dossierId: row.id, action: 'received' },
    );
    return row;
  });
  return present(row, cal, deps.now());
}

function str(v: unknown, max: number): string {
  return typeof v === 'string' ? nfc(v).slice(0, max) : '';
}

/** Applies one workflow action; 409 when the action is not allowed in the current status or the dossier just changed. */
export async function act(
  deps: Deps,
  actor: Actor | null,
  code: string,
  action: string,
  payload: Record<string, unknown> = {},
): Promise<DossierView> {
  const d = await loadForActor(deps, actor, code);
  if (!(ACTIONS as readonly string[]).includes(action))
    throw invalid(
      'action',
      `Thao tác không hợp lệ. Cho phép: ${ACTIONS.join(', ')}.`,
      `Unknown action. Allowed: ${ACTIONS.join(', ')}.`,
    );
  const a = action as DossierAction;
  assertCan(actor, ACTION_PERMISSION[a], d.center_id);
  // The version the caller saw (the console sends it): acting on a stale page is a conflict.
  if (payload.version !== undefined && Number(payload.version) !== d.version) {
    throw new AppError('CONFLICT', [
      {
        vi: 'Hồ sơ vừa được người khác cập nhật, hãy tải lại.',
        en: 'The dossier was just changed by someone else; reload it.',
      },
    ]);
  }
  const from = d.status as Status;
  if (!canTransition(a, from)) {
    throw new AppError('CONFLICT', [
      {
        field: 'action',
        vi: `Không thể “${a}” khi hồ sơ đang ở trạng thái ${from}.`,
        en: `“${a}” is not allowed in status ${from}.`,
      },
    ]);
  }
  const center = await getCenterById(deps, d.center_id);
  const cal = await calendarOf(deps, center);
  const now = deps.now();
  const nowIso = now.toISOString();
  const set: Partial<Row> = { updated_at: nowIso };
  const data: Record<string, unknown> = {};
  const to = TRANSITIONS[a].to ?? from;
  set.status = to;
  const needReason = (field = 'reason') => {
    const r = str(payload[field], 1000);
    if (!r) throw invalid(field, 'Cần nêu lý do.', 'A reason is required.');
    return r;
  };
  switch (a) {
    case 'accept': {
      const procedure = (await catalogOf(deps, center)).byCode.get(d.procedure_code);
      if (procedure) {
        const appt = appointmentFor(cal, procedure, now, { weekdays: settingsOf(center).sameDayWeekdays });
        set.due_at = appt.dueAt.toISOString();
        set.same_day = appt.sameDay ? 1 : 0;
        data.dueAt = set.due_at;
      }
      break;
    }
    case 'refuse':
    case 'stop':
      data.reason = needReason();
      set.ended_at = d.ended_at ?? nowIso;
      break;
    case 'guide':
      data.reason = needReason();
      data.components = Array.isArray(payload.components)
        ? payload.components
            .filter((x): x is string => typeof x === 'string')
            .map((x) => nfc(x).slice(0, 300))
            .slice(0, 30)
        : [];
      set.ended_at = d.ended_at ?? nowIso;
      break;
    case 'withdraw':
      data.reason = str(payload.reason, 1000);
      set.ended_at = d.ended_at ?? nowIso;
      break;
    case 'handoff': {
      const target = str(payload.to, 200);
      if (!target) throw invalid('to', 'Cần ghi người hoặc bộ phận nhận hồ sơ.', 'Say who receives the dossier.');
      const due = new Date(d.extended_due_at ?? d.due_at);
      data.from = d.holder ?? 'Bộ phận Một cửa';
      data.to = target;
      data.note = str(payload.note, 500);
      data.onTime = now.getTime() <= due.getTime();
      set.holder = target;
      break;
    }
    case 'request_supplement':
      data.reason = needReason();
      data.components = Array.isArray(payload.components)
        ? payload.components
            .filter((x): x is string => typeof x === 'string')
            .map((x) => nfc(x).slice(0, 300))
            .slice(0, 30)
        : [];
      set.supplement_count = d.supplement_count + 1;
      if (d.supplement_count + 1 > 1) data.countsAsLate = true;
      break;
    case 'complete_supplement':
    case 'confirm_payment': {
      const method = payload.method === undefined || payload.method === '' ? 'cash' : payload.method;
      if (typeof method !== 'string' || !(PAYMENT_METHODS as readonly string[]).includes(method))
        throw invalid(
          'method',
          'Hình thức nộp tiền: cash (tiền mặt), transfer (chuyển khoản) hoặc online (trực tuyến).',
          'Payment method: cash, transfer or online.',
        );
      data.method = method;
      if (method === 'online') data.online = true;
      data.note = str(payload.note, 500);
      break;
    }
    case 'request_payment': {
      const amount = Number(payload.amount);
      if (!Number.isInteger(amount) || amount < 0 || amount > 1_000_000_000)
        throw invalid('amount', 'Số tiền (đồng) là số nguyên không âm.', 'The amount (VND) is a non-negative integer.');
      data.amount = amount;
      data.note = str(payload.note, 500);
      break;
    }
    case 'mark_processed':
      data.result = str(payload.result, 1000);
      set.processed_at = nowIso;
      set.ended_at = d.ended_at ?? nowIso;
      set.result_note = (data.result as string) || null;
      if (payload.electronicResult === true) set.electronic_result = 1;
      set.holder = 'Bộ phận Một cửa';
      break;
    case 'return_result': {
      const method = payload.method ?? 'desk';
      if (typeof method !== 'string' || !(RETURN_METHODS as readonly string[]).includes(method))
        throw invalid(
          'method',
          `Hình thức trả: ${RETURN_METHODS.join(', ')}.`,
          `Return method: ${RETURN_METHODS.join(', ')}.`,
        );
      data.method = method;
      set.returned_at = nowIso;
      set.return_method = method;
      set.ended_at = d.ended_at ?? nowIso;
      break;
    }
    case 'extend': {
      const max = center.max_reappointments;
      const done = (await repo.eventsOf(deps.db, d.id)).filter((e) => e.action === 'extend').length;
      if (done >= max)
        throw new AppError('CONFLICT', [
          {
            field: 'action',
            vi: `Hồ sơ đã được hẹn lại ${done} lần (tối đa ${max}).`,
            en: `The dossier has been re-appointed ${done} time(s) (at most ${max}).`,
          },
        ]);
      data.reason = needReason();
      const nd = typeof payload.newDueAt === 'string' ? new Date(payload.newDueAt) : new Date(NaN);
      const current = new Date(d.extended_due_at ?? d.due_at);
      if (Number.isNaN(nd.getTime()) || nd.getTime() <= current.getTime())
        throw invalid(
          'newDueAt',
          'Ngày hẹn mới phải sau ngày hẹn hiện tại.',
          'The new appointment must be after the current one.',
        );
      data.before = current.toISOString();
      data.after = nd.toISOString();
      if (typeof payload.number === 'string' && payload.number) data.number = payload.number.slice(0, 30);
      set.extended_due_at = nd.toISOString();
      break;
    }
  }
  await inTransaction(deps.db, async (tx) => {
    if (!(await repo.updateDossier(tx, d.id, d.version, set)))
      throw new AppError('CONFLICT', [
        {
          vi: 'Hồ sơ vừa được người khác cập nhật, hãy tải lại.',
          en: 'The dossier was just changed by someone else; reload it.',
        },
      ]);
    await repo.appendEvent(tx, {
      center_id: d.center_id,
      dossier_id: d.id,
      action: a,
      from_status: from,
      to_status: to,
      actor_user_id: actorId(actor),
      actor_name: actor.fullName,
      at: nowIso,
      data: JSON.stringify(data),
    });
    await enqueueForDossierEvent(
      { ...deps, db: tx },
      {
        centerId: d.center_id,
        center,
        dossierId: d.id,
        dossier: {
          code: d.code,
          status: to,
          procedureName: d.procedure_name,
          applicant: JSON.parse(d.applicant) as Applicant,
          dueAt: set.due_at ?? d.due_at,
          extendedDueAt: set.extended_due_at ?? d.extended_due_at,
          lookupSecret: d.lookup_secret,
        },
        event: { action: a, data },
      },
    );
    await prepareCourtesyForDossierEvent({ ...deps, db: tx }, { centerId: d.center_id, dossierId: d.id, action: a });
  });
  const updated = (await repo.findByCode(deps.db, d.code))!;
  return present(updated, cal, deps.now());
}

async function loadForActor(deps: Deps, actor: Actor | null, code: string): Promise<Row> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const d = typeof code === 'string' && code.length <= 40 ? await repo.findByCode(deps.db, code) : undefined;
  // Another centre's dossier answers exactly like a missing one.
  if (!d || !can(actor, 'dossier.read', d.center_id)) {
    if (d && actor.roles.has(d.center_id)) throw new AppError('FORBIDDEN');
    throw new AppError('NOT_FOUND');
  }
  return d;
}

export interface DossierEvent {
  seq: number;
  action: string;
  fromStatus: number | null;
  toStatus: number | null;
  actor: string;
  at: string;
  data: Record<string, unknown>;
}

function supplementsOf(events: DossierEvent[]): Interval[] {
  const out: Interval[] = [];
  for (const e of events) {
    if (e.action === 'request_supplement') out.push({ from: new Date(e.at), to: null });
    if (e.action === 'complete_supplement' && out.length && out[out.length - 1]!.to === null)
      out[out.length - 1]!.to = new Date(e.at);
  }
  return out;
}

export type DossierView = ReturnType<typeof present>;

function present(d: Row, cal: Awaited<ReturnType<typeof calendarOf>>, now: Date, events: DossierEvent[] = []) {
  const judgement: Judgement = judge(
    cal,
    {
      dueAt: new Date(d.due_at),
      receivedAt: new Date(d.received_at),
      endedAt: d.ended_at ? new Date(d.ended_at) : null,
      supplements: supplementsOf(events),
    },
    now,
  );
  if (!isStatus(d.status)) throw new Error(`bad status ${d.status}`);
  return {
    code: d.code,
    status: d.status,
    procedureCode: d.procedure_code,
    procedureName: d.procedure_name,
    field: d.field,
    channel: d.channel as Channel,
    applicant: JSON.parse(d.applicant) as Applicant,
    owner: d.owner ? (JSON.parse(d.owner) as Applicant) : null,
    subject: d.subject,
    sets: d.sets,
    components: JSON.parse(d.components) as ReceivedComponent[],
    receivedAt: d.received_at,
    dueAt: d.due_at,
    extendedDueAt: d.extended_due_at,
    sameDay: d.same_day === 1,
    lookupSecret: d.lookup_secret,
    supplementCount: d.supplement_count,
    holder: d.holder,
    processedAt: d.processed_at,
    returnedAt: d.returned_at,
    returnMethod: d.return_method,
    endedAt: d.ended_at,
    flags: {
      digitised: d.digitised === 1,
      reused: d.reused === 1,
      electronicResult: d.electronic_result === 1,
      vneidVerified: d.vneid_verified === 1,
    },
    verdict: events.length ? judgement.verdict : null,
    effectiveDueAt: judgement.effectiveDueAt.toISOString(),
    version: d.version,
  };
}

export async function getDossier(deps: Deps, actor: Actor | null, code: string) {
  const d = await loadForActor(deps, actor, code);
  await auditRead(deps, actor, d.center_id, 'dossier.read', d.code, null);
  return detail(deps, d);
}

/** Every read of citizens' personal data by staff is logged (ARCHITECTURE §8); machine reads are not. */
async function auditRead(
  deps: Deps,
  actor: Actor | null,
  centerId: number,
  action: string,
  subject: string,
  detail: string | null,
): Promise<void> {
  if (!actor || actor.via === 'system') return;
  await insertAudit(deps.db, {
    center_id: centerId,
    actor_user_id: actor.userId,
    action,
    subject,
    detail,
    at: deps.now().toISOString(),
  });
}

async function detail(deps: Deps, d: Row) {
  const center = await getCenterById(deps, d.center_id);
  const cal = await calendarOf(deps, center);
  const events: DossierEvent[] = (await repo.eventsOf(deps.db, d.id)).map((e) => ({
    seq: e.seq,
    action: e.action,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    actor: e.actor_name,
    at: e.at,
    data: JSON.parse(e.data) as Record<string, unknown>,
  }));
  return { center, dossier: present(d, cal, deps.now(), events), events };
}

export async function listDossiers(deps: Deps, actor: Actor | null, slug: string, f: Partial<repo.ListFilter> = {}) {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'dossier.read', center.id);
  const cal = await calendarOf(deps, center);
  const rows = await repo.list(deps.db, center.id, {
    limit: Math.min(f.limit ?? 50, 500),
    offset: f.offset ?? 0,
    status: f.status,
    dueBefore: f.dueBefore,
    field: f.field,
    q: f.q,
    day: f.day,
  });
  await auditRead(deps, actor, center.id, 'dossier.list', center.slug, JSON.stringify({ ...f, rows: rows.length }));
  return rows.map((r) => present(r, cal, deps.now()));
}

/**
 * The procedure version a dossier was received under (its time limit and handling agency as they
 * were then); the current catalogue entry when that version cannot be read.
 */
export async function procedureVersionOf(
  deps: Deps,
  center: Center,
  dossierCode: string,
  procedureCode: string,
): Promise<ProcedureData | null> {
  const row = await repo.findByCode(deps.db, dossierCode);
  if (row && row.center_id === center.id) {
    const v = (await catalogRepo.versionsOf(deps.db, center.id, row.procedure_id)).find(
      (x) => x.id === row.procedure_version_id,
    );
    if (v) return JSON.parse(v.data) as ProcedureData;
  }
  return (await catalogOf(deps, center)).byCode.get(procedureCode) ?? null;
}

/** The tracking book's rows (form 07): dossiers received in a period, with their first hand-off. */
export async function bookRows(deps: Deps, actor: Actor | null, fromDay: string, toDay: string) {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const center = await getCenterById(deps, actor.homeCenterId);
  assertCan(actor, 'dossier.read', center.id);
  const cal = await calendarOf(deps, center);
  const rows = await repo.receivedBetween(deps.db, center.id, fromDay, toDay);
  const handoffs = new Map<number, { at: string; to: string }>();
  for (const h of await repo.firstHandoffs(
    deps.db,
    rows.filter((r) => r.holder !== null).map((r) => r.id),
  )) {
    const data = JSON.parse(h.data) as { to?: unknown };
    handoffs.set(h.dossier_id, { at: h.at, to: typeof data.to === 'string' ? data.to : '' });
  }
  return {
    center,
    rows: rows.map((r) => ({ view: present(r, cal, deps.now()), firstHandoff: handoffs.get(r.id) ?? null })),
  };
}

/** The citizen's view: code + secret from the receipt. A wrong secret and an unknown code answer alike. */
export async function lookupPublic(deps: Deps, code: unknown, secret: unknown) {
  // What people type: lower case, spaces, en dashes… (lookup.ts; decision 026).
  const c = typeof code === 'string' ? normaliseDossierCode(code) : '';
  const s = typeof secret === 'string' ? normaliseSecret(secret) : '';
  const raw = typeof code === 'string' ? code.trim() : '';
  const d =
    c && c.length <= 40 && s
      ? ((await repo.findByCode(deps.db, c)) ??
        (raw !== c && raw.length <= 40 ? await repo.findByCode(deps.db, raw) : undefined))
      : undefined;
  if (!d || !s || !sameSecretText(s, d.lookup_secret))
    throw new AppError('NOT_FOUND', [
      { vi: 'Không tìm thấy hồ sơ với mã và mã tra cứu này.', en: 'No dossier matches this code and secret.' },
    ]);
  const { center, dossier, events } = await detail(deps, d);
  return presentPublic(center, dossier, events);
}

/** What a citizen may see: no ID number, address or phone; the name masked; no staff names. */
export function presentPublic(center: Center, d: DossierView, events: DossierEvent[]) {
  return {
    center: { slug: center.slug, name: center.name, address: center.address },
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    field: d.field,
    status: d.status,
    applicant: maskName(d.applicant.kind === 'organization' ? d.applicant.orgName : d.applicant.fullName),
    channel: d.channel,
    receivedAt: d.receivedAt,
    dueAt: d.extendedDueAt ?? d.dueAt,
    originalDueAt: d.dueAt,
    sameDay: d.sameDay,
    returnedAt: d.returnedAt,
    resultReady: d.status === 9,
    reappointed: d.extendedDueAt !== null,
    // Only what changed the dossier's state, in time order: attachments and reuse are internal work.
    timeline: [...events]
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq))
      .filter((e) => e.action !== 'attach' && e.action !== 'reuse')
      .map((e) => ({ action: e.action, status: e.toStatus, at: e.at })),
    /** The same in plain words, each step once (lookup.ts). */
    steps: publicSteps(events),
    /** Status 5: the papers asked for, when, and why. */
    supplement: openSupplement(events, d.status),
  };
}
export type PublicDossierView = ReturnType<typeof presentPublic>;

export type { Center };
