/**
 * One-stop desk use cases: intake (code, appointment, receipt secret), workflow actions as
 * appended events in the same transaction as the state change, staff views, the public lookup.
 */
import { randomInt } from 'node:crypto';
import type { Deps } from '../../core/deps.ts';
import type { Center, CounterGuidanceTable, DossierTable } from '../../core/db/schema.ts';
import type { Selectable } from 'kysely';
import { inTransaction } from '../../core/db/tx.ts';
import { decodeCursor, keysetPage, type KeysetPage } from '../../core/db/keyset.ts';
import { AppError, invalid, type ErrorDetail } from '../../core/http/errors.ts';
import { actorId, assertCan, can, type Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { sameSecretText } from '../../core/auth/service.ts';
import { ACTIONS as ROLE_ACTIONS, type Action } from '../../core/auth/roles.ts';
import { nfc } from '../../core/text/index.ts';
import { toLocal, type WorkCalendar } from '../../core/calendar/index.ts';
import {
  NO_APPOINTMENT,
  clockAt,
  isNoAppointment,
  monitorBucket,
  type MonitorBucket,
  type Clock,
  type ClockEvent,
  type ClockFacts,
  type Verdict,
} from './workflow/clock.ts';
import { centerForActor, getCenter, getCenterById } from '../centers/index.ts';
import { settingsOf } from '../centers/index.ts';
import { calendarOf } from '../calendar/index.ts';
import { catalogOf, procedureJson, procedureVersions } from '../catalog/index.ts';
import { hasFixedLimit, type DossierComponent, type ProcedureData } from '../catalog/index.ts';
import * as repo from './repo.ts';
import { parseFee, type DossierFee } from './intake/fees.ts';
import { normaliseDossierCode, normaliseSecret, openSupplement, publicSteps } from './workflow/lookup.ts';
import { publishDossierEvent } from './hooks.ts';
import { dossierRow, receivedEvent, receivedEventData, type NewDossier } from './intake/rows.ts';
import {
  applicantJson,
  applicantName,
  componentsJson,
  eventDataJson,
  feeLinesJson,
  guidanceApplicantJson,
  guidanceComponentsJson,
  guidanceMissingJson,
  ownerJson,
  type ReceivedComponent,
} from './columns.ts';
import {
  ACTIONS,
  CHANNELS,
  PAYMENT_METHODS,
  RETURN_METHODS,
  SECRET_ALPHABET,
  STATUS,
  TRANSITIONS,
  apologyBlocker,
  appointmentFor,
  canTransition,
  dayKey,
  isAction,
  reappointmentCount,
  dossierCode,
  isStatus,
  maskName,
  parseApplicant,
  searchTerms,
  type Applicant,
  type Channel,
  type DossierAction,
  type Status,
} from './model.ts';

type Row = Selectable<DossierTable>;

export type { ReceivedComponent } from './columns.ts';

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
  /** Fee at intake: `{ items: [{item, quantity}], pages, copies, status, method, receipt }` (see fees.ts). */
  fee?: unknown;
  /** Importing past dossiers only (permission dossier.backdate). */
  receivedAt?: unknown;
  vneidVerified?: unknown;
  /** The national portal's MaHoSo of a submission taken from the portal (stored, unique per centre). */
  portalCode?: string;
  /** A component taken from the citizen's data store on DVCQG (DuocLayTuKhoDMQG). */
  fromCitizenStore?: unknown;
  /** The national population database was consulted (MaCSDL). */
  populationData?: unknown;
  /**
   * The appointment the officer gives for a procedure whose time limit has no fixed amount
   * (ISO instant after the receipt); absent, empty or 'unknown': "không xác định" (decision 020).
   * Refused for a procedure with a fixed time limit (its appointment is computed).
   */
  dueAt?: unknown;
}

/** The officer's appointment for a no-fixed-limit procedure, or null (computed / không xác định). */
function officerDue(p: ProcedureData, raw: unknown, receivedAt: Date, problems: ErrorDetail[]): Date | null {
  if (raw === undefined || raw === null || raw === '' || raw === 'unknown') return null;
  if (hasFixedLimit(p.timeLimit)) {
    problems.push({
      field: 'dueAt',
      vi: 'Thủ tục có thời hạn giải quyết cố định: ngày hẹn trả được tính tự động.',
      en: 'This procedure has a fixed time limit: the appointment is computed.',
    });
    return null;
  }
  const d = typeof raw === 'string' ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(d.getTime()) || d.getTime() <= receivedAt.getTime() || d.toISOString() >= NO_APPOINTMENT) {
    problems.push({
      field: 'dueAt',
      vi: 'Ngày hẹn trả phải là thời điểm ISO-8601 sau lúc nhận hồ sơ, hoặc để trống (“không xác định”).',
      en: 'The appointment must be an ISO-8601 instant after the receipt, or empty ("not determined").',
    });
    return null;
  }
  return d;
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

/**
 * What was received. Without a list, the catalogue's checklist as the desk starts it: required
 * components received, "shown" ones recorded as shown, optional ones left out (they apply only
 * in their case — issue 11).
 */
function parseComponents(input: unknown, procedureComponents: readonly DossierComponent[]): ReceivedComponent[] {
  const byName = new Map(procedureComponents.map((c) => [c.name.normalize('NFC').toLowerCase(), c]));
  if (input === undefined || input === null)
    return procedureComponents
      .filter((c) => (c.requirement ?? 'required') !== 'optional')
      .map((c) => {
        const requirement = c.requirement ?? 'required';
        const shown = requirement === 'shown';
        return {
          name: c.name,
          requirement,
          shown,
          originals: c.originals,
          certifiedCopies: shown ? 0 : (c.certifiedCopies ?? 0),
          copies: shown ? 0 : c.copies,
          digitised: false,
          reused: false,
        };
      });
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
    const certifiedCopies = o.certifiedCopies === undefined ? 0 : n(o.certifiedCopies);
    const copies = o.copies === undefined ? 0 : n(o.copies);
    if (!name || Number.isNaN(originals) || Number.isNaN(copies) || Number.isNaN(certifiedCopies))
      fail([
        {
          field: `components[${i}]`,
          vi: 'Mỗi thành phần cần tên và số bản (0–100).',
          en: 'Each component needs a name and counts (0–100).',
        },
      ]);
    const known = byName.get(name.toLowerCase());
    const requirement = known ? (known.requirement ?? 'required') : undefined;
    // Shown for comparison: the catalogue says so, or the officer ticked "xuất trình".
    const shown = o.shown === true || (o.shown === undefined && requirement === 'shown');
    return {
      name,
      ...(requirement ? { requirement } : {}),
      shown,
      originals,
      certifiedCopies: shown ? 0 : certifiedCopies,
      copies: shown ? 0 : copies,
      digitised: o.digitised === true,
      reused: o.reused === true,
    };
  });
}

/** Takes a dossier at the desk, refuses it, or guides the citizen to complete it (form 02/03). */
export async function intake(deps: Deps, actor: Actor | null, slug: string, input: IntakeInput): Promise<DossierView> {
  if (input.outcome === 'guide')
    throw invalid(
      'outcome',
      'Hướng dẫn hoàn thiện hồ sơ tại quầy không phải là tiếp nhận: dùng guideAtCounter.',
      'Guidance at the counter is not an intake: use guideAtCounter.',
    );
  if (input.outcome === 'refuse') {
    return inTransaction(deps.db, async (tx) => {
      const d: Deps = { ...deps, db: tx };
      const created = await receive(d, actor, slug, { ...input, submittedOnline: true, fee: undefined });
      return act(d, actor, created.code, 'refuse', { reason: input.reason });
    });
  }
  return receive(deps, actor, slug, input);
}

/** A valid intake, read from the input: what `receive` records. */
interface ValidIntake {
  procedure: ProcedureData;
  applicant: Applicant;
  owner: Applicant | null;
  channel: Channel;
  sets: number;
  receivedAt: Date;
  fee: DossierFee | null;
  /** The officer's appointment (no fixed time limit), else null (computed). */
  given: Date | null;
}

const unknownProcedure: ErrorDetail = {
  field: 'procedureCode',
  vi: 'Không có thủ tục với mã này trong danh mục đang công khai.',
  en: 'No published procedure has this code.',
};

function channelProblem(channel: string): ErrorDetail | null {
  return (CHANNELS as readonly string[]).includes(channel)
    ? null
    : { field: 'channel', vi: `Kênh nộp: ${CHANNELS.join(', ')}.`, en: `channel: ${CHANNELS.join(', ')}.` };
}

/** The receipt time: now, or a past instant imported by an administrator (permission dossier.backdate). */
function receivedAtOf(deps: Deps, actor: Actor | null, center: Center, raw: unknown, problems: ErrorDetail[]): Date {
  if (raw === undefined) return deps.now();
  if (!can(actor, 'dossier.backdate', center.id))
    throw new AppError('FORBIDDEN', [
      {
        field: 'receivedAt',
        vi: 'Chỉ quản trị được nhập hồ sơ với thời điểm nhận trong quá khứ.',
        en: 'Only an administrator may import dossiers with a past receipt time.',
      },
    ]);
  const d = typeof raw === 'string' ? new Date(raw) : new Date(NaN);
  if (!Number.isNaN(d.getTime()) && d.getTime() <= deps.now().getTime()) return d;
  problems.push({
    field: 'receivedAt',
    vi: 'Thời điểm nhận phải là ISO-8601 trong quá khứ.',
    en: 'receivedAt must be an ISO-8601 instant in the past.',
  });
  return deps.now();
}

/** Step 1 of `receive`: every problem of the input at once (400), or the valid intake. */
function validateIntake(
  deps: Deps,
  actor: Actor | null,
  center: Center,
  procedure: ProcedureData | undefined,
  input: IntakeInput,
): ValidIntake {
  const problems: ErrorDetail[] = [];
  if (!procedure) problems.push(unknownProcedure);
  const { applicant, problems: ap } = parseApplicant(input.applicant);
  problems.push(...ap);
  let owner: Applicant | null = null;
  if (input.owner !== undefined && input.owner !== null) {
    const r = parseApplicant(input.owner, 'owner');
    owner = r.applicant;
    problems.push(...r.problems);
  }
  const channel = (input.channel ?? 'direct') as Channel;
  const cp = channelProblem(channel);
  if (cp) problems.push(cp);
  const sets = input.sets === undefined ? (procedure?.sets ?? 1) : Number(input.sets);
  if (!Number.isInteger(sets) || sets < 1 || sets > 20)
    problems.push({ field: 'sets', vi: 'Số bộ hồ sơ từ 1 đến 20.', en: 'Sets must be between 1 and 20.' });
  const receivedAt = receivedAtOf(deps, actor, center, input.receivedAt, problems);
  const { fee, problems: fp } = parseFee(procedure?.fees ?? [], input.fee);
  problems.push(...fp);
  const given = procedure ? officerDue(procedure, input.dueAt, receivedAt, problems) : null;
  if (problems.length || !procedure) fail(problems);
  return { procedure, applicant, owner, channel, sets, receivedAt, fee, given };
}

/** The subject line: the officer's, else "<procedure> — <applicant>". */
function subjectOf(raw: unknown, procedure: ProcedureData, applicant: Applicant): string {
  return typeof raw === 'string' && nfc(raw)
    ? nfc(raw).slice(0, 1000)
    : `${procedure.name} — ${applicant.kind === 'organization' ? applicant.orgName : applicant.fullName}`;
}

/** Step 2 of `receive`: the new dossier (without its code) and its appointment. */
async function buildIntake(
  deps: Deps,
  actor: Actor | null,
  center: Center,
  ids: { procedureId: number; versionId: number },
  v: ValidIntake,
  input: IntakeInput,
) {
  const { procedure } = v;
  const components = parseComponents(input.components, procedure.components);
  const subject = subjectOf(input.subject, procedure, v.applicant);
  const cal = await calendarOf(deps, center);
  const computed = appointmentFor(cal, procedure, v.receivedAt, { weekdays: settingsOf(center).sameDayWeekdays });
  const appointment = v.given ? { dueAt: v.given, sameDay: false, rule: 'given by the officer' } : computed;
  const status: Status = input.submittedOnline ? STATUS.SUBMITTED : STATUS.ACCEPTED;
  const dossier: Omit<NewDossier, 'code'> = {
    centerId: center.id,
    procedure: {
      id: ids.procedureId,
      versionId: ids.versionId,
      code: procedure.code,
      name: procedure.name,
      field: procedure.field,
    },
    status,
    channel: v.channel,
    applicant: v.applicant,
    owner: v.owner,
    subject,
    sets: v.sets,
    components,
    receivedAt: v.receivedAt,
    appointment,
    lookupSecret: newSecret(),
    vneidVerified: input.vneidVerified === true,
    citizenStore: input.fromCitizenStore === true,
    populationData: input.populationData === true,
    createdBy: actor ? actorId(actor) : null,
    createdAt: deps.now().toISOString(),
    portalCode: input.portalCode ?? null,
    fee: v.fee,
  };
  return { cal, dossier, eventData: receivedEventData(v.channel, appointment) };
}

/**
 * Step 3 of `receive`: one transaction — the day's number, the row, its 'received' event, and the
 * desk event published to the subscribers (notifications, letters, sync…), who work in this
 * transaction: the receipt message exists if and only if the intake is committed.
 */
async function persistIntake(
  deps: Deps,
  actor: Actor,
  center: Center,
  n: Omit<NewDossier, 'code'>,
  eventData: ReturnType<typeof receivedEventData>,
): Promise<Row> {
  return inTransaction(deps.db, async (tx) => {
    const seq = await repo.nextSeq(tx, center.id, dayKey(n.receivedAt));
    const code = dossierCode(center.agency_code, n.receivedAt, seq);
    const values = dossierRow({ ...n, code });
    const inserted = await repo.insertDossier(tx, values);
    const row: Row = { ...values, id: inserted.id };
    const at = n.createdAt;
    await repo.appendEvent(tx, {
      ...receivedEvent({
        centerId: center.id,
        status: n.status,
        actorUserId: actorId(actor),
        actorName: actor.fullName,
        at,
        data: eventData,
      }),
      dossier_id: row.id,
    });
    await publishDossierEvent(
      { ...deps, db: tx },
      {
        centerId: center.id,
        dossierId: row.id,
        code,
        action: 'received',
        fromStatus: null,
        toStatus: n.status,
        at,
        data: eventData,
        center,
        dossier: {
          code,
          status: n.status,
          procedureCode: n.procedure.code,
          procedureName: n.procedure.name,
          applicant: n.applicant,
          owner: n.owner,
          dueAt: n.appointment.dueAt.toISOString(),
          extendedDueAt: null,
          lookupSecret: n.lookupSecret,
        },
      },
    );
    return row;
  });
}

/** Records a dossier (or an online submission): validate, build, persist — one transaction, one event. */
async function receive(deps: Deps, actor: Actor | null, slug: string, input: IntakeInput): Promise<DossierView> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'dossier.intake', center.id);
  const code = typeof input.procedureCode === 'string' ? input.procedureCode.trim() : '';
  const catalog = await catalogOf(deps, center);
  const valid = validateIntake(deps, actor, center, catalog.byCode.get(code), input);
  const ids = catalog.ids.get(valid.procedure.code);
  if (!ids) fail([{ field: 'procedureCode', vi: 'Thủ tục chưa được công bố.', en: 'The procedure is not published.' }]);
  const { cal, dossier, eventData } = await buildIntake(deps, actor, center, ids, valid, input);
  const row = await persistIntake(deps, actor, center, dossier, eventData);
  return present(row, cal, deps.now());
}

function feeOf(
  d: Pick<Row, 'fee_amount' | 'fee_status' | 'fee_lines' | 'fee_method' | 'fee_receipt'>,
): DossierFee | null {
  if (d.fee_amount === null || d.fee_status === null) return null;
  const extra = d.fee_lines ? feeLinesJson.decode(d.fee_lines) : {};
  return {
    total: d.fee_amount,
    status: d.fee_status as DossierFee['status'],
    method: (d.fee_method as DossierFee['method']) ?? null,
    receipt: d.fee_receipt ?? '',
    lines: extra.lines ?? [],
    capped: extra.capped === true,
  };
}

function str(v: unknown, max: number): string {
  return typeof v === 'string' ? nfc(v).slice(0, max) : '';
}

// ---- Workflow actions: one step per action kind ----

/** What an action step reads: the dossier as loaded, its centre and calendar, now, the caller's payload. */
interface ActContext {
  deps: Deps;
  d: Row;
  center: Center;
  cal: WorkCalendar;
  now: Date;
  nowIso: string;
  payload: Record<string, unknown>;
}
/** What an action step writes: the row's new columns and the event's data. */
interface ActChange {
  set: Partial<Row>;
  data: Record<string, unknown>;
}
type ActionStep = (c: ActContext, change: ActChange) => void | Promise<void>;

const staleDossier = (): AppError =>
  new AppError('CONFLICT', [
    {
      vi: 'Hồ sơ vừa được người khác cập nhật, hãy tải lại.',
      en: 'The dossier was just changed by someone else; reload it.',
    },
  ]);

function needReason(payload: Record<string, unknown>, field = 'reason'): string {
  const r = str(payload[field], 1000);
  if (!r) throw invalid(field, 'Cần nêu lý do.', 'A reason is required.');
  return r;
}

/** The components named in a payload (supplement, guidance): texts only, 30 at most. */
function componentNames(raw: unknown): string[] {
  return Array.isArray(raw)
    ? raw
        .filter((x): x is string => typeof x === 'string')
        .map((x) => nfc(x).slice(0, 300))
        .slice(0, 30)
    : [];
}

async function acceptStep({ deps, d, center, cal, now, payload }: ActContext, { set, data }: ActChange) {
  const procedure = (await catalogOf(deps, center)).byCode.get(d.procedure_code);
  if (!procedure) return;
  const problems: ErrorDetail[] = [];
  const given = officerDue(procedure, payload.dueAt, now, problems);
  if (problems.length) fail(problems);
  const appt = given
    ? { dueAt: given, sameDay: false }
    : appointmentFor(cal, procedure, now, { weekdays: settingsOf(center).sameDayWeekdays });
  set.due_at = appt.dueAt.toISOString();
  set.same_day = appt.sameDay ? 1 : 0;
  data.dueAt = set.due_at;
}

/** refuse, stop: a reason, and the dossier ends. */
function endWithReasonStep({ d, nowIso, payload }: ActContext, { set, data }: ActChange) {
  data.reason = needReason(payload);
  set.ended_at = d.ended_at ?? nowIso;
}

/**
 * An online submission found incomplete: the citizen is guided (form 02) and the dossier waits at
 * status 1 for the completed file — not refused, not ended (BRIEF §3.2).
 */
function guideStep({ payload }: ActContext, { data }: ActChange) {
  data.reason = needReason(payload);
  data.components = componentNames(payload.components);
}

function withdrawStep({ d, nowIso, payload }: ActContext, { set, data }: ActChange) {
  data.reason = str(payload.reason, 1000);
  set.ended_at = d.ended_at ?? nowIso;
}

async function handoffStep({ deps, d, now, payload }: ActContext, { set, data }: ActChange) {
  const target = await handoffTarget(deps, d.center_id, payload);
  const due = new Date(d.extended_due_at ?? d.due_at);
  data.from = d.holder ?? 'Bộ phận Một cửa';
  if (d.assigned_user_id !== null) data.fromUserId = d.assigned_user_id;
  data.to = target.label;
  if (target.userId !== null) data.toUserId = target.userId;
  data.note = str(payload.note, 500);
  data.onTime = now.getTime() <= due.getTime();
  set.holder = target.label;
  set.assigned_user_id = target.userId;
}

function requestSupplementStep({ d, payload }: ActContext, { set, data }: ActChange) {
  data.reason = needReason(payload);
  data.components = componentNames(payload.components);
  set.supplement_count = d.supplement_count + 1;
  if (d.supplement_count + 1 > 1) data.countsAsLate = true;
}

/** complete_supplement, confirm_payment: how it was paid (cash by default), the reference, a note. */
function paymentStep({ payload }: ActContext, { data }: ActChange) {
  const method = payload.method === undefined || payload.method === '' ? 'cash' : payload.method;
  if (typeof method !== 'string' || !(PAYMENT_METHODS as readonly string[]).includes(method))
    throw invalid(
      'method',
      'Hình thức nộp tiền: cash (tiền mặt), transfer (chuyển khoản) hoặc online (trực tuyến).',
      'Payment method: cash, transfer or online.',
    );
  data.method = method;
  if (method === 'online') {
    data.online = true;
    // Paid on the national portal (DuocThanhToanTrucTuyen 1, gateway 'dvcqg') or through the province's own
    // gateway (2, the default when the desk does not say).
    const gateway = payload.gateway === undefined || payload.gateway === '' ? 'local' : payload.gateway;
    if (gateway !== 'dvcqg' && gateway !== 'local')
      throw invalid(
        'gateway',
        'Cổng thanh toán: dvcqg (Cổng Dịch vụ công quốc gia) hoặc local (cổng thanh toán của tỉnh).',
        'Payment gateway: dvcqg (the national portal) or local (the province’s gateway).',
      );
    data.gateway = gateway;
  }
  // The payment reference (mã giao dịch) the bank or gateway gave, exported with the dossier.
  if (str(payload.reference, 100)) data.reference = str(payload.reference, 100).trim();
  data.note = str(payload.note, 500);
}

function requestPaymentStep({ payload }: ActContext, { data }: ActChange) {
  const amount = Number(payload.amount);
  if (!Number.isInteger(amount) || amount < 0 || amount > 1_000_000_000)
    throw invalid('amount', 'Số tiền (đồng) là số nguyên không âm.', 'The amount (VND) is a non-negative integer.');
  data.amount = amount;
  data.note = str(payload.note, 500);
}

function markProcessedStep({ d, nowIso, payload }: ActContext, { set, data }: ActChange) {
  data.result = str(payload.result, 1000);
  set.processed_at = nowIso;
  set.ended_at = d.ended_at ?? nowIso;
  set.result_note = (data.result as string) || null;
  // "Có kết quả điện tử" is true only with a result file: attaching the signed PDF (allowed
  // once processed) sets it; a bare tick is refused (issue 11).
  if (payload.electronicResult === true && d.electronic_result !== 1)
    throw new AppError('UNPROCESSABLE', [
      {
        field: 'electronicResult',
        vi: 'Chưa có tệp kết quả điện tử. Đánh dấu “Đã xử lý xong”, rồi đính kèm tệp kết quả (PDF đã ký số): hồ sơ tự ghi nhận “Có kết quả điện tử”.',
        en: 'No electronic result file yet. Mark the dossier processed, then attach the result file (signed PDF): the dossier then records “electronic result”.',
      },
    ]);
  set.holder = 'Bộ phận Một cửa';
  set.assigned_user_id = null;
}

function returnResultStep({ d, nowIso, payload }: ActContext, { set, data }: ActChange) {
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
}

/** The new appointment of an extension: after the current one; none for a dossier without an appointment. */
function newDueOf(d: Row, raw: unknown): { current: Date; next: Date } {
  const next = typeof raw === 'string' ? new Date(raw) : new Date(NaN);
  const current = new Date(d.extended_due_at ?? d.due_at);
  if (isNoAppointment(d.due_at) && !d.extended_due_at)
    throw invalid(
      'newDueAt',
      'Hồ sơ chưa có ngày hẹn (không xác định): không hẹn lại được.',
      'The dossier has no appointment (not determined): it cannot be re-appointed.',
    );
  if (Number.isNaN(next.getTime()) || next.getTime() <= current.getTime() || next.toISOString() >= NO_APPOINTMENT)
    throw invalid(
      'newDueAt',
      'Ngày hẹn mới phải sau ngày hẹn hiện tại.',
      'The new appointment must be after the current one.',
    );
  return { current, next };
}

async function extendStep({ deps, d, center, payload }: ActContext, { set, data }: ActChange) {
  const max = center.max_reappointments;
  const done = reappointmentCount(await repo.eventsOf(deps.db, d.id));
  if (apologyBlocker(d.status, done, max) === 'limit')
    throw new AppError('CONFLICT', [
      {
        field: 'action',
        vi: `Hồ sơ đã được hẹn lại ${done} lần (tối đa ${max}).`,
        en: `The dossier has been re-appointed ${done} time(s) (at most ${max}).`,
      },
    ]);
  data.reason = needReason(payload);
  const { current, next } = newDueOf(d, payload.newDueAt);
  data.before = current.toISOString();
  data.after = next.toISOString();
  if (typeof payload.number === 'string' && payload.number) data.number = payload.number.slice(0, 30);
  // The body responsible for the delay and its signer, printed on form 04 (else the centre and its leader).
  for (const [key, limit] of [
    ['responsibleUnit', 200],
    ['signerTitle', 100],
    ['signerName', 100],
  ] as const)
    if (typeof payload[key] === 'string' && payload[key].trim()) data[key] = nfc(payload[key]).trim().slice(0, limit);
  set.extended_due_at = next.toISOString();
}

/** One step per action kind: what it checks in the payload and what it changes. */
const ACTION_STEPS: Record<DossierAction, ActionStep> = {
  accept: acceptStep,
  refuse: endWithReasonStep,
  stop: endWithReasonStep,
  guide: guideStep,
  withdraw: withdrawStep,
  handoff: handoffStep,
  request_supplement: requestSupplementStep,
  complete_supplement: paymentStep,
  confirm_payment: paymentStep,
  request_payment: requestPaymentStep,
  mark_processed: markProcessedStep,
  return_result: returnResultStep,
  extend: extendStep,
};

/** The action named by a caller, checked. */
function actionOf(action: string): DossierAction {
  if (!isAction(action))
    throw invalid(
      'action',
      `Thao tác không hợp lệ. Cho phép: ${ACTIONS.join(', ')}.`,
      `Unknown action. Allowed: ${ACTIONS.join(', ')}.`,
    );
  return action;
}

/** 409 when the caller saw another version (the console sends it) or the action is not allowed now. */
function assertActionable(d: Row, a: DossierAction, version: unknown): Status {
  if (version !== undefined && Number(version) !== d.version) throw staleDossier();
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
  return from;
}

/** The row updated (optimistic lock), the event appended and published to the subscribers: one transaction. */
async function commitAction(
  c: ActContext,
  actor: Actor,
  a: DossierAction,
  from: Status,
  to: Status,
  { set, data }: ActChange,
): Promise<void> {
  const { deps, d, center, nowIso } = c;
  await inTransaction(deps.db, async (tx) => {
    if (!(await repo.updateDossier(tx, d.id, d.version, set))) throw staleDossier();
    await repo.appendEvent(tx, {
      center_id: d.center_id,
      dossier_id: d.id,
      action: a,
      from_status: from,
      to_status: to,
      actor_user_id: actorId(actor),
      actor_name: actor.fullName,
      at: nowIso,
      data: eventDataJson.encode(data),
    });
    await publishDossierEvent(
      { ...deps, db: tx },
      {
        centerId: d.center_id,
        dossierId: d.id,
        code: d.code,
        action: a,
        fromStatus: from,
        toStatus: to,
        at: nowIso,
        data,
        center,
        dossier: {
          code: d.code,
          status: to,
          procedureCode: d.procedure_code,
          procedureName: d.procedure_name,
          applicant: applicantJson.decode(d.applicant),
          owner: ownerJson.decodeNullable(d.owner),
          dueAt: set.due_at ?? d.due_at,
          extendedDueAt: set.extended_due_at ?? d.extended_due_at,
          lookupSecret: d.lookup_secret,
        },
      },
    );
  });
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
  const a = actionOf(action);
  assertCan(actor, ACTION_PERMISSION[a], d.center_id);
  const from = assertActionable(d, a, payload.version);
  const center = await getCenterById(deps, d.center_id);
  const cal = await calendarOf(deps, center);
  const now = deps.now();
  const nowIso = now.toISOString();
  const to = TRANSITIONS[a].to ?? from;
  const change: ActChange = { set: { updated_at: nowIso, status: to }, data: {} };
  const context: ActContext = { deps, d, center, cal, now, nowIso, payload };
  await ACTION_STEPS[a](context, change);
  await commitAction(context, actor, a, from, to, change);
  const updated = (await repo.findByCode(deps.db, d.code))!;
  return present(updated, cal, deps.now());
}

/** Roles whose users may hold a dossier (those who may process one). */
export const HOLDER_ROLES: readonly string[] = ROLE_ACTIONS['dossier.process'];

/** The users of a centre a dossier can be handed to. */
export function handoffUsers(deps: Deps, centerId: number) {
  return repo.holdersOf(deps.db, centerId, HOLDER_ROLES);
}

/**
 * Who receives a hand-off: `toUserId` (a user of the centre who may process dossiers), or
 * `toUnit` (a unit, e.g. "Văn phòng HĐND-UBND"), or — as the API took before — `to` as text,
 * which names a user when it is one user's full name ("Name" or "Name — Title") or a title only
 * one user has, and a unit otherwise.
 */
async function handoffTarget(
  deps: Deps,
  centerId: number,
  payload: Record<string, unknown>,
): Promise<{ userId: number | null; label: string }> {
  const users = await handoffUsers(deps, centerId);
  const rawId = payload.toUserId;
  if (rawId !== undefined && rawId !== null && rawId !== '') {
    const id = Number(rawId);
    const u = Number.isInteger(id) ? users.find((x) => x.id === id) : undefined;
    if (!u)
      throw invalid(
        'toUserId',
        'Người nhận phải là công chức của Trung tâm được giao xử lý hồ sơ.',
        'The receiver must be an officer of the centre who may process dossiers.',
      );
    return { userId: u.id, label: u.full_name };
  }
  const unit = str(payload.toUnit, 200);
  if (unit) return { userId: null, label: unit };
  const text = str(payload.to, 200);
  if (!text)
    throw invalid('to', 'Cần chọn người hoặc bộ phận nhận hồ sơ.', 'Choose the officer or unit receiving the dossier.');
  const key = (x: string) => x.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
  const name = key(text.split(/\s+[—–-]\s+/)[0] ?? '');
  const byName = users.filter((u) => key(u.full_name) === name);
  const byTitle = users.filter((u) => u.title !== null && key(u.title) === key(text));
  const u = byName.length === 1 ? byName[0] : byName.length === 0 && byTitle.length === 1 ? byTitle[0] : undefined;
  return u ? { userId: u.id, label: u.full_name } : { userId: null, label: text };
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

/** The clock's facts of a stored dossier and its events. */
export function clockFacts(d: Pick<Row, 'received_at' | 'due_at'>, events: readonly ClockEvent[]): ClockFacts {
  return { receivedAt: d.received_at, dueAt: d.due_at, events };
}

export function toClockEvent(e: {
  action: string;
  at: string;
  from_status: number | null;
  to_status: number | null;
  data: string;
}): ClockEvent {
  return {
    action: e.action,
    at: e.at,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    data: eventDataJson.decode(e.data),
  };
}

/** The events the clock reads for some dossiers, grouped by dossier in order: one reader for every consumer. */
export async function clockEventsByDossier(
  deps: Pick<Deps, 'db'>,
  dossierIds: readonly number[],
): Promise<Map<number, ClockEvent[]>> {
  const byId = new Map<number, ClockEvent[]>();
  for (const e of await repo.clockEvents(deps.db, dossierIds)) {
    let l = byId.get(e.dossier_id);
    if (!l) byId.set(e.dossier_id, (l = []));
    l.push(toClockEvent(e));
  }
  return byId;
}

/** The clocks of many stored dossiers at `at` (one query for their events). */
export async function clocksOf(
  deps: Deps,
  cal: WorkCalendar,
  rows: readonly Row[],
  at: Date,
): Promise<Map<number, Clock>> {
  const byId = await clockEventsByDossier(
    deps,
    rows.map((r) => r.id),
  );
  return new Map(rows.map((r) => [r.id, clockAt(cal, clockFacts(r, byId.get(r.id) ?? []), at)]));
}

export type DossierView = ReturnType<typeof present>;

/** The dossier's Decision 766 flags; the two 4.5a sources default to false where a view predates them. */
export interface DossierFlags {
  digitised: boolean;
  reused: boolean;
  electronicResult: boolean;
  vneidVerified: boolean;
  citizenStore?: boolean;
  populationData?: boolean;
}

function present(d: Row, cal: WorkCalendar, now: Date, events: DossierEvent[] = [], known?: Clock) {
  const c =
    known ??
    (events.length
      ? clockAt(
          cal,
          clockFacts(
            d,
            events.map((e) => ({
              action: e.action,
              at: e.at,
              fromStatus: e.fromStatus,
              toStatus: e.toStatus,
              data: e.data,
            })),
          ),
          now,
        )
      : null);
  if (!isStatus(d.status)) throw new Error(`bad status ${d.status}`);
  return {
    code: d.code,
    status: d.status,
    procedureCode: d.procedure_code,
    procedureName: d.procedure_name,
    field: d.field,
    channel: d.channel as Channel,
    applicant: applicantJson.decode(d.applicant),
    owner: ownerJson.decodeNullable(d.owner),
    subject: d.subject,
    sets: d.sets,
    components: componentsJson.decode(d.components),
    receivedAt: d.received_at,
    dueAt: d.due_at,
    extendedDueAt: d.extended_due_at,
    sameDay: d.same_day === 1,
    lookupSecret: d.lookup_secret,
    supplementCount: d.supplement_count,
    holder: d.holder,
    /** The user holding the dossier ("Của tôi"), absent at the desk or with a unit. */
    ...(d.assigned_user_id !== null ? { holderUserId: d.assigned_user_id } : {}),
    processedAt: d.processed_at,
    returnedAt: d.returned_at,
    returnMethod: d.return_method,
    endedAt: d.ended_at,
    flags: {
      digitised: d.digitised === 1,
      reused: d.reused === 1,
      electronicResult: d.electronic_result === 1,
      vneidVerified: d.vneid_verified === 1,
      citizenStore: d.citizen_store === 1,
      populationData: d.population_db === 1,
    } as DossierFlags,
    fee: feeOf(d),
    /** "Không xác định": the procedure has no fixed time limit and the officer gave no appointment. */
    noAppointment: isNoAppointment(d.due_at),
    verdict: c ? c.verdict : null,
    effectiveDueAt: c?.effectiveDueAt ? c.effectiveDueAt.toISOString() : d.due_at,
    clock: c
      ? {
          state: c.state,
          running: c.running,
          currentDueAt: c.currentDueAt?.toISOString() ?? null,
          effectiveDueAt: c.effectiveDueAt?.toISOString() ?? null,
          endedAt: c.endedAt?.toISOString() ?? null,
          counted: c.counted,
        }
      : null,
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
    data: eventDataJson.decode(e.data),
  }));
  return { center, dossier: present(d, cal, deps.now(), events), events };
}

export interface ListQuery extends Partial<Omit<repo.ListFilter, 'terms' | 'holderUserId' | 'seek'>> {
  /** What the officer typed: a name (with or without diacritics), an ID number, a phone, a code fragment. */
  q?: string;
  /** Only the dossiers the actor holds ("Của tôi"). */
  mine?: boolean;
}

async function listRows(deps: Deps, actor: Actor | null, slug: string, f: ListQuery) {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'dossier.read', center.id);
  const cal = await calendarOf(deps, center);
  const terms = f.q ? searchTerms(f.q) : [];
  const me = actorId(actor);
  const filter = {
    limit: Math.min(f.limit ?? 50, 500),
    offset: f.offset ?? 0,
    status: f.status,
    dueBefore: f.dueBefore,
    field: f.field,
    terms,
    // A machine token or the system has no dossiers of its own: "mine" is then empty.
    holderUserId: f.mine ? (me ?? -1) : undefined,
    day: f.day,
  };
  return { center, cal, filter };
}

/** The centre's dossiers, filtered and searched; every call is an audited read of personal data. */
export async function listDossiers(deps: Deps, actor: Actor | null, slug: string, f: ListQuery = {}) {
  const { center, cal, filter } = await listRows(deps, actor, slug, f);
  const rows = await repo.list(deps.db, center.id, filter);
  await auditRead(deps, actor, center.id, 'dossier.list', center.slug, JSON.stringify({ ...f, rows: rows.length }));
  return rows.map((r) => present(r, cal, deps.now()));
}

/**
 * One page of the centre's dossiers, newest first, by keyset (decision 039): `cursor` is the
 * opaque `next`/`prev` of the page before (none = the first page); a cursor that does not decode
 * is a 400. Filters and search work as in `listDossiers`; an audited read.
 */
export async function listDossierPage(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  f: Omit<ListQuery, 'offset'> & { cursor?: string },
): Promise<KeysetPage<DossierView>> {
  const { cursor, ...rest } = f;
  const { center, cal, filter } = await listRows(deps, actor, slug, rest);
  const seek = cursor ? decodeCursor(cursor) : null;
  const page = await keysetPage(
    filter.limit,
    seek,
    (r: Row) => ({ at: r.received_at, id: r.id }),
    (s, limit) => repo.list(deps.db, center.id, { ...filter, offset: 0, limit, seek: s }),
  );
  await auditRead(
    deps,
    actor,
    center.id,
    'dossier.list',
    center.slug,
    JSON.stringify({ ...rest, cursor: cursor ? true : undefined, rows: page.items.length }),
  );
  return { ...page, items: page.items.map((r) => present(r, cal, deps.now())) };
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
    const v = (await procedureVersions(deps, center.id, row.procedure_id)).find(
      (x) => x.id === row.procedure_version_id,
    );
    if (v) return procedureJson.decode(v.data);
  }
  return (await catalogOf(deps, center)).byCode.get(procedureCode) ?? null;
}

/** The book's columns of a dossier (form 07): what `present` gives, without what the book never shows. */
export interface BookView {
  code: string;
  status: DossierView['status'];
  procedureCode: string;
  procedureName: string;
  channel: DossierView['channel'];
  applicant: DossierView['applicant'];
  sets: number;
  receivedAt: string;
  dueAt: string;
  extendedDueAt: string | null;
  sameDay: boolean;
  supplementCount: number;
  processedAt: string | null;
  returnedAt: string | null;
  returnMethod: string | null;
  fee: DossierFee | null;
  verdict: Verdict | null;
}

function bookViewOf(d: repo.BookDossierRow, c: Clock): BookView {
  if (!isStatus(d.status)) throw new Error(`bad status ${d.status}`);
  return {
    code: d.code,
    status: d.status,
    procedureCode: d.procedure_code,
    procedureName: d.procedure_name,
    channel: d.channel as Channel,
    applicant: applicantJson.decode(d.applicant),
    sets: d.sets,
    receivedAt: d.received_at,
    dueAt: d.due_at,
    extendedDueAt: d.extended_due_at,
    sameDay: d.same_day === 1,
    supplementCount: d.supplement_count,
    processedAt: d.processed_at,
    returnedAt: d.returned_at,
    returnMethod: d.return_method,
    fee: feeOf(d),
    verdict: c.verdict,
  };
}

/**
 * The tracking book's rows (form 07): dossiers received in a period (the book's columns only),
 * each with the one clock's verdict judged now and its first hand-off, both from one read of the
 * clock's events (a hand-off is one of them).
 */
export async function bookRows(deps: Deps, actor: Actor | null, fromDay: string, toDay: string) {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const center = await getCenterById(deps, actor.homeCenterId);
  assertCan(actor, 'dossier.read', center.id);
  const cal = await calendarOf(deps, center);
  const rows = await repo.bookDossiers(deps.db, center.id, fromDay, toDay);
  const events = await clockEventsByDossier(
    deps,
    rows.map((r) => r.id),
  );
  const now = deps.now();
  return {
    center,
    rows: rows.map((r) => {
      const evs = events.get(r.id) ?? [];
      const h = evs.find((e) => e.action === 'handoff');
      return {
        view: bookViewOf(r, clockAt(cal, clockFacts(r, evs), now)),
        firstHandoff: h ? { at: h.at, to: typeof h.data?.to === 'string' ? h.data.to : '' } : null,
      };
    }),
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
    dueAt: d.clock?.currentDueAt ?? d.extendedDueAt ?? d.dueAt,
    originalDueAt: d.dueAt,
    /** The clock's state (clock.ts): awaiting_acceptance, running, paused, ended, not_received. */
    clockState: d.clock?.state ?? null,
    noAppointment: d.noAppointment,
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

// ---- Guidance at the counter (form 02): not a dossier, not a refusal (issue 11) ----

export interface GuidanceView {
  id: number;
  /** A dossier-series code only when the centre logs guidance with a code. */
  code: string | null;
  procedureCode: string;
  procedureName: string;
  field: string;
  channel: Channel;
  applicant: Applicant;
  subject: string;
  /** What the citizen brought. */
  components: ReceivedComponent[];
  missing: string[];
  reason: string;
  actor: string;
  at: string;
}

function presentGuidance(r: Selectable<CounterGuidanceTable>): GuidanceView {
  return {
    id: r.id,
    code: r.code,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    field: r.field,
    channel: r.channel as Channel,
    applicant: guidanceApplicantJson.decode(r.applicant),
    subject: r.subject,
    components: guidanceComponentsJson.decode(r.components),
    missing: guidanceMissingJson.decode(r.missing),
    reason: r.reason,
    actor: r.actor_name,
    at: r.at,
  };
}

/**
 * An incomplete dossier at the counter: the officer guides the citizen with form 02 (what to
 * supplement, why). Nothing is received, so there is no dossier, no appointment and no status;
 * a dossier code is taken only when the centre chooses to log guidance with a code.
 */
export async function guideAtCounter(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  input: IntakeInput,
): Promise<GuidanceView> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'dossier.intake', center.id);
  const problems: ErrorDetail[] = [];
  const pcode = typeof input.procedureCode === 'string' ? input.procedureCode.trim() : '';
  const procedure = (await catalogOf(deps, center)).byCode.get(pcode);
  if (!procedure)
    problems.push({
      field: 'procedureCode',
      vi: 'Không có thủ tục với mã này trong danh mục đang công khai.',
      en: 'No published procedure has this code.',
    });
  const { applicant, problems: ap } = parseApplicant(input.applicant);
  problems.push(...ap);
  const reason = str(input.reason, 1000);
  if (!reason) problems.push({ field: 'reason', vi: 'Cần nêu lý do.', en: 'A reason is required.' });
  const missing = Array.isArray(input.missing)
    ? input.missing
        .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
        .map((x) => nfc(x).trim().slice(0, 300))
        .slice(0, 30)
    : [];
  const channel = (input.channel ?? 'direct') as Channel;
  if (!(CHANNELS as readonly string[]).includes(channel))
    problems.push({
      field: 'channel',
      vi: `Kênh nộp: ${CHANNELS.join(', ')}.`,
      en: `channel: ${CHANNELS.join(', ')}.`,
    });
  if (problems.length || !procedure) fail(problems);
  const components = parseComponents(input.components, procedure.components);
  const subject =
    typeof input.subject === 'string' && nfc(input.subject)
      ? nfc(input.subject).slice(0, 1000)
      : `${procedure.name} — ${applicant.kind === 'organization' ? applicant.orgName : applicant.fullName}`;
  const now = deps.now();
  const row = await inTransaction(deps.db, async (tx) => {
    const code =
      center.guidance_takes_code === 1
        ? dossierCode(center.agency_code, now, await repo.nextSeq(tx, center.id, dayKey(now)))
        : null;
    const values = {
      center_id: center.id,
      code,
      procedure_code: procedure.code,
      procedure_name: procedure.name,
      field: procedure.field,
      channel,
      applicant: guidanceApplicantJson.encode(applicant),
      subject,
      components: guidanceComponentsJson.encode(components),
      missing: guidanceMissingJson.encode(missing),
      reason,
      actor_user_id: actorId(actor),
      actor_name: actor.fullName,
      at: now.toISOString(),
      local_day: toLocal(now).date,
    };
    const { id } = await repo.insertGuidance(tx, values);
    return { ...values, id };
  });
  return presentGuidance(row);
}

/** One guidance record (staff of its centre; another centre's answers 404 like a missing one). */
export async function getGuidance(deps: Deps, actor: Actor | null, id: number) {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const r = Number.isSafeInteger(id) ? await repo.findGuidance(deps.db, id) : undefined;
  if (!r || !can(actor, 'dossier.read', r.center_id)) throw new AppError('NOT_FOUND');
  await auditRead(deps, actor, r.center_id, 'guidance.read', String(r.id), null);
  const center = await getCenterById(deps, r.center_id);
  const procedure = (await catalogOf(deps, center)).byCode.get(r.procedure_code) ?? null;
  return { center, guidance: presentGuidance(r), procedure };
}

/** Guidance given at the counter between two days (for a count beside the book; not dossiers). */
export async function guidanceBetween(deps: Deps, centerId: number, fromDay: string, toDay: string) {
  return (await repo.guidanceBetween(deps.db, centerId, fromDay, toDay)).map(presentGuidance);
}

// ---- The tracking book's volume and number (form 01, form 06 and the book itself) ----

export interface BookPlace {
  /** Quyển số: the year of receipt. */
  volume: number;
  /** Số thứ tự: rank in the year in the book's order (received_at, code), from 1. */
  number: number;
}

/**
 * Volumes and numbers in the tracking book — the one function the book and the forms use.
 * `ds` are consecutive dossiers of the centre in the book's order (received_at, then code), as
 * the book reads them; the first of each volume is ranked by one count, the next ones follow.
 */
export async function bookPlacesOf(
  deps: Deps,
  centerId: number,
  ds: readonly { receivedAt: string; code: string }[],
  /** The place of the dossier just before `ds[0]` in the book's order, when the caller knows it. */
  before: BookPlace | null = null,
): Promise<BookPlace[]> {
  const out: BookPlace[] = [];
  let prev: BookPlace | null = before;
  for (const d of ds) {
    const volume = Number(toLocal(new Date(d.receivedAt)).date.slice(0, 4));
    const place: BookPlace =
      prev?.volume === volume
        ? { volume, number: prev.number + 1 }
        : { volume, number: (await repo.bookRank(deps.db, centerId, volume, d.receivedAt, d.code)) + 1 };
    out.push(place);
    prev = place;
  }
  return out;
}

/** The volume and number of one dossier in the tracking book (forms 01 and 06). */
export async function bookPlaceOf(
  deps: Deps,
  centerId: number,
  d: { receivedAt: string; code: string },
): Promise<BookPlace> {
  const [place] = await bookPlacesOf(deps, centerId, [d]);
  if (!place) throw new Error('bookPlacesOf: no place');
  return place;
}

/** Fees recorded at intake for dossiers received in a period: paid total and counts (for reports). */
export async function feeFigures(deps: Deps, centerId: number, fromDay: string, toDay: string) {
  const rows = await repo.feesBetween(deps.db, centerId, fromDay, toDay);
  const of = (s: string) => rows.find((r) => r.status === s) ?? { count: 0, sum: 0 };
  return {
    paid: { count: of('paid').count, amount: of('paid').sum },
    unpaid: { count: of('unpaid').count, amount: of('unpaid').sum },
    exempt: { count: of('exempt').count },
  };
}
// ---- Deadline monitor ----

function applicantNameOf(json: string): string {
  return applicantName(applicantJson.decode(json));
}

export interface MonitorItem {
  code: string;
  procedureCode: string;
  procedureName: string;
  field: string;
  holder: string | null;
  /** Applicant (organisation) name: staff only. */
  applicant: string;
  status: number;
  state: Clock['state'];
  verdict: Clock['verdict'];
  receivedAt: string;
  /** The 766 appointment (original), null when "không xác định" or not yet accepted. */
  dueAt: string | null;
  /** What the citizen holds now (after a re-appointment). */
  currentDueAt: string | null;
  /** The original moved by completed supplement waits: what "overdue" is judged against. */
  effectiveDueAt: string | null;
}

/** The monitor's buckets, plus `later`: accepted, clock running, due after the next working day. */
export type Monitor = Record<MonitorBucket | 'later', MonitorItem[]>;

/**
 * The deadline monitor (console page and GET /api/v1/centers/<slug>/deadlines): every open or
 * awaiting dossier of the centre through the one clock (clock.ts) at now, in the monitor's
 * buckets: overdue (clock running, past the 766 limit), due today, due on the next working day,
 * awaiting acceptance (status 1), paused (waiting for the citizen's supplement).
 */
export async function deadlineMonitor(deps: Deps, actor: Actor | null, slug: string): Promise<Monitor> {
  const center = await centerForActor(deps, actor, slug);
  assertCan(actor, 'dossier.read', center.id);
  const cal = await calendarOf(deps, center);
  const now = deps.now();
  const rows = await repo.openOf(deps.db, center.id);
  const clocks = await clocksOf(deps, cal, rows, now);
  const out: Monitor = {
    overdue: [],
    dueToday: [],
    dueNextWorkingDay: [],
    awaitingAcceptance: [],
    paused: [],
    later: [],
  };
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  for (const r of rows) {
    const c = clocks.get(r.id)!;
    const b = monitorBucket(cal, c, now) ?? (c.state === 'running' ? 'later' : null);
    if (!b) continue;
    out[b].push({
      code: r.code,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      field: r.field,
      holder: r.holder,
      applicant: applicantNameOf(r.applicant),
      status: r.status,
      state: c.state,
      verdict: c.verdict,
      receivedAt: r.received_at,
      dueAt: iso(c.originalDueAt),
      currentDueAt: iso(c.currentDueAt),
      effectiveDueAt: iso(c.effectiveDueAt),
    });
  }
  const key = (x: MonitorItem) => x.effectiveDueAt ?? x.receivedAt;
  for (const l of Object.values(out)) l.sort((a, b) => key(a).localeCompare(key(b)) || a.code.localeCompare(b.code));
  await auditRead(deps, actor, center.id, 'dossier.list', center.slug, JSON.stringify({ monitor: rows.length }));
  return out;
}
