/**
 * Home service use cases: the vulnerable-people register (restricted, every read audited), requests
 * (public form, phone, from a dossier), scheduling visits, the officer's day list, and the visit
 * record — which, in one transaction, returns a dossier's result at home through the dossier
 * workflow (`act … return_result {method: 'home'}`), links dossiers taken at home (channel 'home'),
 * and closes the request. Another centre's data answers 404, exactly like missing data.
 */
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { idOr404, parseId } from '../../core/http/ids.ts';
import { AppError, type ErrorDetail } from '../../core/http/errors.ts';
import { actorId, can, type Actor } from '../../core/auth/access.ts';
import { ACTIONS as ROLE_ACTIONS } from '../../core/auth/roles.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { fromLocal, isLocalDate, localDateOf, parseHm } from '../../core/calendar/index.ts';
import { getCenter } from '../centers/index.ts';
import {
  act,
  getDossier,
  putBlob,
  readBlob,
  sniff,
  uploadsDir,
  MAX_BYTES,
  STATUS_LABELS,
  type Status,
} from '../dossiers/index.ts';
import * as repo from './repo.ts';
import { homeServiceFigures } from './figures.ts';
import {
  CARE_CATEGORIES,
  canReturnResult,
  closesRequest,
  foldName,
  hasTask,
  requestStatusAfter,
  statusesOf,
  wentToHome,
  type RecordInput,
  categoriesJson,
  needsJson,
  takenCodesJson,
  tasksJson,
  parsePerson,
  parseRecord,
  parseRequest,
  parseSchedule,
  trackingCode,
  type ConfirmKind,
  type ConsentMethod,
  type Need,
  type Outcome,
  type Relationship,
  type RequestStatus,
  type Slot,
  type Source,
  type Task,
} from './model.ts';

function fail(details: ErrorDetail[]): never {
  throw new AppError('VALIDATION_FAILED', details);
}

const today = (deps: Deps) => localDateOf(deps.now());

async function audit(
  deps: Deps,
  actor: Actor,
  centerId: number,
  action: string,
  subject: string,
  detail: Record<string, unknown> | null = null,
) {
  if (actor.via === 'system') return;
  await insertAudit(deps.db, {
    center_id: centerId,
    actor_user_id: actor.userId,
    action,
    subject,
    detail: detail ? JSON.stringify(detail) : null,
    at: deps.now().toISOString(),
  });
}

const idOf = (v: unknown): number => idOr404(v);

// ---------------------------------------------------------------------------------------------
// Register

export interface PersonView {
  id: number;
  fullName: string;
  birthYear: number | null;
  address: string;
  phone: string;
  categories: (typeof CARE_CATEGORIES)[number][];
  carer: { name: string; relation: string; phone: string };
  notes: string;
  consent: {
    date: string;
    method: ConsentMethod;
    givenBy: string;
    recordedBy: string | null;
    withdrawnAt: string | null;
    withdrawnNote: string | null;
  };
  active: boolean;
  createdAt: string;
}

async function presentPerson(
  deps: Deps,
  r: NonNullable<Awaited<ReturnType<typeof repo.findPerson>>>,
): Promise<PersonView> {
  const recorder = r.consent_recorded_by ? await repo.userFullName(deps.db, r.consent_recorded_by) : undefined;
  return {
    id: r.id,
    fullName: r.full_name,
    birthYear: r.birth_year,
    address: r.address,
    phone: r.phone,
    categories: categoriesJson.decode(r.categories),
    carer: { name: r.carer_name, relation: r.carer_relation, phone: r.carer_phone },
    notes: r.notes,
    consent: {
      date: r.consent_date,
      method: r.consent_method as ConsentMethod,
      givenBy: r.consent_given_by,
      recordedBy: recorder ?? null,
      withdrawnAt: r.withdrawn_at,
      withdrawnNote: r.withdrawn_note,
    },
    active: r.withdrawn_at === null,
    createdAt: r.created_at,
  };
}

export async function listPeople(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  f: { q?: string; withdrawn?: boolean } = {},
): Promise<PersonView[]> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'care.register.read');
  const q = f.q ? foldName(f.q).slice(0, 60) : '';
  const rows = await repo.listPeople(deps.db, center.id, { q, withdrawn: f.withdrawn, limit: 500 });
  await audit(deps, who, center.id, 'care.register.list', center.slug, { q: q || null, rows: rows.length });
  return Promise.all(rows.map((r) => presentPerson(deps, r)));
}

export async function getPerson(deps: Deps, actor: Actor | null, slug: string, id: unknown): Promise<PersonView> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'care.register.read');
  const r = await repo.findPerson(deps.db, center.id, idOf(id));
  if (!r) throw new AppError('NOT_FOUND');
  await audit(deps, who, center.id, 'care.register.read', `care_person:${r.id}`);
  return presentPerson(deps, r);
}

export async function createPerson(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  input: Record<string, unknown>,
): Promise<PersonView> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'care.register.manage');
  const { value: v, problems } = parsePerson(input, today(deps));
  if (problems.length) fail(problems);
  const now = deps.now().toISOString();
  const id = await inTransaction(deps.db, async (tx) => {
    const row = await repo.insertPerson(tx, {
      center_id: center.id,
      full_name: v.fullName,
      name_folded: foldName(v.fullName),
      birth_year: v.birthYear,
      address: v.address,
      phone: v.phone,
      categories: categoriesJson.encode(v.categories),
      carer_name: v.carerName,
      carer_relation: v.carerRelation,
      carer_phone: v.carerPhone,
      notes: v.notes,
      consent_date: v.consentDate,
      consent_method: v.consentMethod,
      consent_given_by: v.consentGivenBy,
      consent_recorded_by: actorId(who),
      withdrawn_at: null,
      withdrawn_note: null,
      created_at: now,
      updated_at: now,
    });
    await audit({ ...deps, db: tx }, who, center.id, 'care.register.create', `care_person:${row.id}`);
    return row.id;
  });
  return presentPerson(deps, (await repo.findPerson(deps.db, center.id, id))!);
}

/**
 * Consent withdrawn: the person leaves the register and their personal data is erased at once
 * (data minimisation, BRIEF §13); what remains is the consent history (dates, how, who recorded)
 * as proof that the withdrawal was honoured. Requests and visits keep their own service records.
 */
export async function withdrawConsent(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
  note: unknown,
): Promise<PersonView> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'care.register.manage');
  const r = await repo.findPerson(deps.db, center.id, idOf(id));
  if (!r) throw new AppError('NOT_FOUND');
  if (r.withdrawn_at)
    throw new AppError('CONFLICT', [
      { vi: 'Người này đã rút đồng ý trước đó.', en: 'This person has already withdrawn consent.' },
    ]);
  const now = deps.now().toISOString();
  const n = typeof note === 'string' ? note.normalize('NFC').trim().slice(0, 300) : '';
  await inTransaction(deps.db, async (tx) => {
    await repo.updatePerson(tx, r.id, {
      full_name: '',
      name_folded: '',
      birth_year: null,
      address: '',
      phone: '',
      categories: categoriesJson.encode([]),
      carer_name: '',
      carer_relation: '',
      carer_phone: '',
      notes: '',
      withdrawn_at: now,
      withdrawn_note: n || null,
      updated_at: now,
    });
    await audit({ ...deps, db: tx }, who, center.id, 'care.register.withdraw', `care_person:${r.id}`);
  });
  return presentPerson(deps, (await repo.findPerson(deps.db, center.id, r.id))!);
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface RequestView {
  id: number;
  code: string;
  source: Source;
  status: RequestStatus;
  personName: string;
  relationship: Relationship;
  requesterName: string;
  phone: string;
  address: string;
  needs: Need[];
  needsOther: string;
  preferredDate: string | null;
  preferredSlot: Slot;
  dossierCode: string | null;
  carePersonId: number | null;
  notes: string;
  consentAt: string | null;
  createdAt: string;
  closedAt: string | null;
  closeNote: string | null;
}

function presentRequest(r: NonNullable<Awaited<ReturnType<typeof repo.findRequest>>>): RequestView {
  return {
    id: r.id,
    code: r.code,
    source: r.source as Source,
    status: r.status as RequestStatus,
    personName: r.person_name,
    relationship: r.relationship as Relationship,
    requesterName: r.requester_name,
    phone: r.phone,
    address: r.address,
    needs: needsJson.decode(r.needs),
    needsOther: r.needs_other,
    preferredDate: r.preferred_date,
    preferredSlot: r.preferred_slot as Slot,
    dossierCode: r.dossier_code,
    carePersonId: r.care_person_id,
    notes: r.notes,
    consentAt: r.consent_at,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    closeNote: r.close_note,
  };
}

async function insertWithCode(
  deps: Deps,
  values: Omit<Parameters<typeof repo.insertRequest>[1], 'code'>,
): Promise<{ id: number; code: string }> {
  return inTransaction(deps.db, async (tx) => {
    for (let i = 0; i < 8; i++) {
      const code = trackingCode();
      if (await repo.codeTaken(tx, values.center_id, code)) continue;
      const row = await repo.insertRequest(tx, { ...values, code });
      return { id: row.id, code };
    }
    throw new Error('no free tracking code');
  });
}

/** The public form (no account): validated here; the spam checks are the route's. Returns the tracking code. */
export async function submitPublicRequest(
  deps: Deps,
  slug: string,
  input: Record<string, unknown>,
): Promise<{ code: string; center: Center }> {
  const center = await getCenter(deps, slug);
  const { value: v, problems } = parseRequest(input, today(deps), { requireConsent: true });
  if (problems.length) fail(problems);
  const now = deps.now().toISOString();
  const { code } = await insertWithCode(deps, {
    center_id: center.id,
    source: 'public',
    status: 'new',
    person_name: v.personName,
    relationship: v.relationship,
    requester_name: v.requesterName,
    phone: v.phone,
    address: v.address,
    needs: needsJson.encode(v.needs),
    needs_other: v.needsOther,
    preferred_date: v.preferredDate,
    preferred_slot: v.preferredSlot,
    dossier_code: null,
    care_person_id: null,
    notes: '',
    consent_at: now,
    local_day: today(deps),
    created_by: null,
    created_at: now,
    closed_at: null,
    close_note: null,
    updated_at: now,
  });
  return { code, center };
}

/** What the public confirmation page may show: code, needs, preferred time, the phone's last digits — never the address or the name. */
export async function publicConfirmation(deps: Deps, slug: string, code: unknown) {
  const center = await getCenter(deps, slug);
  const c = typeof code === 'string' ? code.trim().toUpperCase() : '';
  const r = /^HT-[A-Z2-9]{6}$/.test(c) ? await repo.findRequestByCode(deps.db, center.id, c) : undefined;
  if (!r) throw new AppError('NOT_FOUND');
  return {
    center,
    code: r.code,
    needs: needsJson.decode(r.needs),
    preferredDate: r.preferred_date,
    preferredSlot: r.preferred_slot as Slot,
    phoneEnd: r.phone.slice(-3),
    status: r.status as RequestStatus,
  };
}

const noDossier = (code: string): ErrorDetail[] => [
  { field: 'dossierCode', vi: `Không tìm thấy hồ sơ ${code} của Trung tâm.`, en: `No dossier ${code} in this centre.` },
];

/** A request raised from a dossier: the applicant's details fill the gaps (the dossier must be this centre's). */
async function fillFromDossier(
  deps: Deps,
  actor: Actor | null,
  center: Center,
  code: string,
  o: Record<string, unknown>,
) {
  const d = await getDossier(deps, actor, code).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) fail(noDossier(code));
    throw e;
  });
  if (d.center.id !== center.id) fail(noDossier(code));
  const a = d.dossier.applicant;
  if (!o.personName) o.personName = a.fullName;
  if (!o.phone) o.phone = a.phone;
  if (!o.address) o.address = a.address;
  if (!o.relationship) o.relationship = 'self';
}

/** A request for a register entry (read audited): its details fill the gaps; the entry's id. */
async function fillFromPerson(
  deps: Deps,
  actor: Actor | null,
  who: Actor,
  center: Center,
  o: Record<string, unknown>,
): Promise<number> {
  if (!can(actor, 'care.register.read', center.id)) throw new AppError('FORBIDDEN');
  const personId = parseId(o.carePersonId);
  const p = personId !== null ? await repo.findPerson(deps.db, center.id, personId) : undefined;
  if (!p || p.withdrawn_at)
    fail([
      {
        field: 'carePersonId',
        vi: 'Không có người này trong danh sách (hoặc đã rút đồng ý).',
        en: 'No such person in the register (or consent was withdrawn).',
      },
    ]);
  if (!o.personName) o.personName = p.full_name;
  if (!o.phone) o.phone = p.carer_phone || p.phone;
  if (!o.address) o.address = p.address;
  if (!o.relationship) o.relationship = 'self';
  await audit(deps, who, center.id, 'care.register.read', `care_person:${p.id}`, { for: 'home_request' });
  return p.id;
}

/** Staff: a request taken on the phone, or raised from a dossier (its applicant's details fill the gaps), optionally linked to a register entry. */
export async function createRequest(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  input: Record<string, unknown>,
): Promise<RequestView> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'homeservice.manage');
  const o: Record<string, unknown> = { ...input };
  const dossierCode = typeof o.dossierCode === 'string' ? o.dossierCode.trim().slice(0, 40) : '';
  if (dossierCode) await fillFromDossier(deps, actor, center, dossierCode, o);
  const linked = o.carePersonId !== undefined && o.carePersonId !== null && o.carePersonId !== '';
  const carePersonId = linked ? await fillFromPerson(deps, actor, who, center, o) : null;
  const { value: v, problems } = parseRequest(o, today(deps), { requireConsent: false });
  if (problems.length) fail(problems);
  const now = deps.now().toISOString();
  const { id } = await inTransaction(deps.db, async (tx) => {
    const r = await insertWithCode(
      { ...deps, db: tx },
      {
        center_id: center.id,
        source: dossierCode ? 'dossier' : 'phone',
        status: 'new',
        person_name: v.personName,
        relationship: v.relationship,
        requester_name: v.requesterName,
        phone: v.phone,
        address: v.address,
        needs: needsJson.encode(v.needs),
        needs_other: v.needsOther,
        preferred_date: v.preferredDate,
        preferred_slot: v.preferredSlot,
        dossier_code: dossierCode || null,
        care_person_id: carePersonId,
        notes: v.notes,
        consent_at: null,
        local_day: today(deps),
        created_by: actorId(who),
        created_at: now,
        closed_at: null,
        close_note: null,
        updated_at: now,
      },
    );
    await audit({ ...deps, db: tx }, who, center.id, 'homeservice.request.create', r.code);
    return r;
  });
  return presentRequest((await repo.findRequest(deps.db, center.id, id))!);
}

export async function listRequests(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  f: { status?: string } = {},
): Promise<RequestView[]> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'homeservice.manage');
  const rows = await repo.listRequests(deps.db, center.id, { statuses: statusesOf(f.status), limit: 200 });
  await audit(deps, who, center.id, 'homeservice.request.list', center.slug, {
    status: f.status ?? null,
    rows: rows.length,
  });
  return rows.map(presentRequest);
}

export async function getRequest(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
): Promise<{ center: Center; request: RequestView; visits: VisitView[] }> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'homeservice.manage');
  const r = await repo.findRequest(deps.db, center.id, idOf(id));
  if (!r) throw new AppError('NOT_FOUND');
  await audit(deps, who, center.id, 'homeservice.request.read', r.code);
  return { center, request: presentRequest(r), visits: (await repo.visitsOfRequest(deps.db, r.id)).map(presentVisit) };
}

export async function cancelRequest(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
  note: unknown,
): Promise<RequestView> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'homeservice.manage');
  const r = await repo.findRequest(deps.db, center.id, idOf(id));
  if (!r) throw new AppError('NOT_FOUND');
  const n = typeof note === 'string' ? note.normalize('NFC').trim().slice(0, 500) : '';
  if (!n) fail([{ field: 'note', vi: 'Cần nêu lý do hủy.', en: 'A reason is required.' }]);
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    if (
      !(await repo.updateRequest(tx, r.id, ['new', 'scheduled'], {
        status: 'cancelled',
        closed_at: now,
        close_note: n,
        updated_at: now,
      }))
    ) {
      throw new AppError('CONFLICT', [
        { vi: 'Yêu cầu đã kết thúc, không hủy được.', en: 'The request has already ended.' },
      ]);
    }
    await tx
      .updateTable('home_visit')
      .set({ status: 'cancelled', outcome_note: n, recorded_at: now, recorded_by: actorId(who), updated_at: now })
      .where('request_id', '=', r.id)
      .where('status', '=', 'scheduled')
      .execute();
    await audit({ ...deps, db: tx }, who, center.id, 'homeservice.request.cancel', r.code);
  });
  return presentRequest((await repo.findRequest(deps.db, center.id, r.id))!);
}

// ---------------------------------------------------------------------------------------------
// Visits

export interface VisitView {
  id: number;
  requestId: number;
  requestCode: string;
  personName: string;
  phone: string;
  requesterName: string;
  relationship: Relationship;
  needs: Need[];
  needsOther: string;
  officer: { id: number; name: string };
  date: string;
  time: string;
  address: string;
  tasks: Task[];
  dossierCode: string | null;
  notes: string;
  status: 'scheduled' | Outcome;
  visitedAt: string | null;
  outcomeNote: string | null;
  hasPhoto: boolean;
  confirmation: { kind: ConfirmKind | null; name: string | null };
  takenCodes: string[];
  resultReturned: boolean;
  cardDelivered: boolean;
  recordedAt: string | null;
}

function presentVisit(v: repo.VisitRow): VisitView {
  return {
    id: v.id,
    requestId: v.request_id,
    requestCode: v.request_code,
    personName: v.person_name,
    phone: v.request_phone,
    requesterName: v.requester_name,
    relationship: v.relationship as Relationship,
    needs: needsJson.decode(v.needs),
    needsOther: v.needs_other,
    officer: { id: v.officer_user_id, name: v.officer_name },
    date: v.visit_date,
    time: v.visit_time,
    address: v.address,
    tasks: tasksJson.decode(v.tasks),
    dossierCode: v.dossier_code,
    notes: v.notes,
    status: v.status as VisitView['status'],
    visitedAt: v.visited_at,
    outcomeNote: v.outcome_note,
    hasPhoto: v.photo_key !== null,
    confirmation: { kind: (v.confirm_kind as ConfirmKind | null) ?? null, name: v.confirm_name },
    takenCodes: takenCodesJson.decode(v.taken_codes),
    resultReturned: v.result_returned === 1,
    cardDelivered: v.card_delivered === 1,
    recordedAt: v.recorded_at,
  };
}

/** Staff who may be sent on a visit (they hold a role allowed to record visits). */
export async function officersOf(deps: Deps, centerId: number) {
  return repo.staffWithRoles(deps.db, centerId, ROLE_ACTIONS['homeservice.visit']);
}

async function dossierOfCentre(deps: Deps, actor: Actor, center: Center, code: string, field: string) {
  try {
    const d = await getDossier(deps, actor, code);
    if (d.center.id === center.id) return d;
  } catch (e) {
    if (!(e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN'))) throw e;
  }
  fail([{ field, vi: `Không tìm thấy hồ sơ ${code} của Trung tâm.`, en: `No dossier ${code} in this centre.` }]);
}

export async function scheduleVisit(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  requestId: unknown,
  input: Record<string, unknown>,
): Promise<VisitView> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'homeservice.manage');
  const r = await repo.findRequest(deps.db, center.id, idOf(requestId));
  if (!r) throw new AppError('NOT_FOUND');
  if (closesRequest(r.status as RequestStatus))
    throw new AppError('CONFLICT', [
      { vi: 'Yêu cầu đã kết thúc, không xếp lịch thêm.', en: 'The request has ended; no more visits.' },
    ]);
  const o = { ...input, address: input.address || r.address, dossierCode: input.dossierCode || r.dossier_code || '' };
  const { value: v, problems } = parseSchedule(o, today(deps));
  if (v.officerId > 0 && !(await officersOf(deps, center.id)).some((u) => u.id === v.officerId)) {
    problems.push({
      field: 'officerId',
      vi: 'Cán bộ này không thuộc Trung tâm hoặc không được giao đi cơ sở.',
      en: 'This officer is not on the centre’s staff for visits.',
    });
  }
  if (problems.length) fail(problems);
  if (v.dossierCode) await dossierOfCentre(deps, who, center, v.dossierCode, 'dossierCode');
  const now = deps.now().toISOString();
  const id = await inTransaction(deps.db, async (tx) => {
    const row = await repo.insertVisit(tx, {
      center_id: center.id,
      request_id: r.id,
      officer_user_id: v.officerId,
      visit_date: v.date,
      visit_time: v.time,
      address: v.address,
      tasks: tasksJson.encode(v.tasks),
      dossier_code: v.dossierCode,
      notes: v.notes,
      status: 'scheduled',
      visited_at: null,
      visited_day: null,
      outcome_note: null,
      photo_sha256: null,
      photo_key: null,
      photo_type: null,
      confirm_kind: null,
      confirm_name: null,
      taken_codes: takenCodesJson.encode([]),
      result_returned: 0,
      card_delivered: 0,
      recorded_by: null,
      recorded_at: null,
      created_by: actorId(who),
      created_at: now,
      updated_at: now,
    });
    if (!(await repo.updateRequest(tx, r.id, ['new', 'scheduled'], { status: 'scheduled', updated_at: now }))) {
      throw new AppError('CONFLICT', [
        { vi: 'Yêu cầu vừa kết thúc, không xếp lịch được.', en: 'The request just ended.' },
      ]);
    }
    await audit({ ...deps, db: tx }, who, center.id, 'homeservice.visit.schedule', r.code, {
      visit: row.id,
      officer: v.officerId,
      date: v.date,
    });
    return row.id;
  });
  return presentVisit((await repo.findVisit(deps.db, center.id, id))!);
}

export async function dayList(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  date: unknown,
  officer: unknown,
): Promise<{ center: Center; date: string; officer: { id: number; name: string } | null; visits: VisitView[] }> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'homeservice.visit');
  const d = typeof date === 'string' && date ? date : today(deps);
  // A real calendar date in a sane range: Date.parse accepts 2026-02-30 and year 0000 breaks the renderers.
  if (!isLocalDate(d) || d < '2000-01-01' || d > '2100-12-31')
    fail([
      {
        field: 'date',
        vi: 'Ngày phải là một ngày có thật dạng YYYY-MM-DD, trong khoảng năm 2000–2100.',
        en: 'The date must be a real date YYYY-MM-DD between the years 2000 and 2100.',
      },
    ]);
  let off: { id: number; name: string } | null = null;
  if (officer !== undefined && officer !== null && officer !== '') {
    const id = Number(officer);
    const u = (await officersOf(deps, center.id)).find((x) => x.id === id);
    if (!u)
      fail([{ field: 'officer', vi: 'Không có cán bộ này trong Trung tâm.', en: 'No such officer in this centre.' }]);
    off = { id: u.id, name: u.full_name };
  }
  const rows = await repo.visitsOfDay(deps.db, center.id, d, off?.id ?? null);
  await audit(deps, who, center.id, 'homeservice.daylist', center.slug, {
    date: d,
    officer: off?.id ?? null,
    rows: rows.length,
  });
  return { center, date: d, officer: off, visits: rows.map(presentVisit) };
}

export async function getVisit(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
): Promise<{ center: Center; visit: VisitView }> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'homeservice.visit');
  const v = await repo.findVisit(deps.db, center.id, idOf(id));
  if (!v) throw new AppError('NOT_FOUND');
  await audit(deps, who, center.id, 'homeservice.visit.read', `home_visit:${v.id}`);
  return { center, visit: presentVisit(v) };
}

export async function visitPhoto(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
): Promise<{ bytes: Buffer; contentType: string }> {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'homeservice.visit');
  const v = await repo.findVisit(deps.db, center.id, idOf(id));
  if (!v?.photo_key || !v.photo_sha256 || !v.photo_type) throw new AppError('NOT_FOUND');
  await audit(deps, who, center.id, 'homeservice.visit.photo', `home_visit:${v.id}`);
  return { bytes: await readBlob(uploadsDir(deps), v.photo_key, v.photo_sha256), contentType: v.photo_type };
}

function checkPhoto(file: unknown): { bytes: Buffer; contentType: 'image/jpeg' | 'image/png' } | null {
  if (file === undefined || file === null || (Buffer.isBuffer(file) && file.length === 0) || file === '') return null;
  if (!Buffer.isBuffer(file))
    fail([{ field: 'photo', vi: 'Ảnh phải là tệp JPEG hoặc PNG.', en: 'The photo must be a JPEG or PNG file.' }]);
  if (file.length > MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', [
      {
        field: 'photo',
        vi: 'Ảnh lớn hơn 5 MB; hãy chụp ở độ phân giải thấp hơn.',
        en: 'The photo is larger than 5 MB; take it at a lower resolution.',
      },
    ]);
  const t = sniff(file);
  if (t !== 'image/jpeg' && t !== 'image/png')
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', [
      {
        field: 'photo',
        vi: 'Chỉ nhận ảnh JPEG hoặc PNG (kiểm tra theo nội dung tệp).',
        en: 'Only JPEG or PNG photos are accepted (checked by content).',
      },
    ]);
  return { bytes: file, contentType: t };
}

/**
 * Records what happened at the visit. Done: the citizen confirms (typed name + box, or signed on
 * paper), a result returned at home closes the dossier's return step (status 9 → 10, method
 * 'home'), dossiers taken at home (channel 'home') are linked, and the request is closed. Not at
 * home / postponed: the request goes back to "waiting to be scheduled". Cancelled: the request is
 * cancelled. Everything in one transaction; a dossier that cannot be returned stops it all.
 */
export async function recordVisit(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
  input: Record<string, unknown>,
  photoFile?: unknown,
): Promise<VisitView> {
  const { center, actor: a } = await authorizeCenter(deps, actor, slug, 'homeservice.visit');
  const v = await repo.findVisit(deps.db, center.id, idOf(id));
  if (!v) throw new AppError('NOT_FOUND');
  if (v.status !== 'scheduled')
    throw new AppError('CONFLICT', [
      { vi: 'Chuyến đi này đã được ghi kết quả.', en: 'This visit has already been recorded.' },
    ]);
  const { rec, visitedAt } = checkRecord(deps, v, input);
  const photo = checkPhoto(photoFile);
  await checkRecordDossiers(deps, a, center, v, rec);
  const stored = photo ? await putBlob(uploadsDir(deps), photo.bytes) : null;
  await writeRecord(
    deps,
    a,
    center,
    v,
    rec,
    visitedAt,
    photo && stored ? { ...stored, type: photo.contentType } : null,
  );
  return presentVisit((await repo.findVisit(deps.db, center.id, v.id))!);
}

/** The record's fields checked against the visit (its time has come, outcome and tasks agree); or 400 with every reason. */
function checkRecord(deps: Deps, v: repo.VisitRow, input: Record<string, unknown>) {
  const { value: rec, problems } = parseRecord(input);
  const visit = { tasks: tasksJson.decode(v.tasks), dossierCode: v.dossier_code };
  let visitedAt: string | null = null;
  if (wentToHome(rec.outcome) && !problems.some((p) => p.field === 'time')) {
    const at = fromLocal(v.visit_date, parseHm(rec.time));
    if (at.getTime() > deps.now().getTime() + 5 * 60_000)
      problems.push({
        field: 'time',
        vi: 'Chưa đến giờ này: chỉ ghi kết quả sau khi đã đến nhà.',
        en: 'That time has not come yet: record the visit after it happened.',
      });
    else visitedAt = at.toISOString();
  }
  if (rec.outcome !== 'done' && (rec.resultReturned || rec.cardDelivered || rec.takenCodes.length)) {
    problems.push({
      field: 'outcome',
      vi: 'Chỉ ghi trả kết quả, trao thẻ, nhận hồ sơ khi kết quả là “đã làm xong”.',
      en: 'Results returned, cards delivered and dossiers taken go with the outcome “done” only.',
    });
  }
  if (rec.resultReturned && !canReturnResult(visit))
    problems.push({
      field: 'resultReturned',
      vi: 'Chuyến đi này không có việc trả kết quả.',
      en: 'This visit has no result to return.',
    });
  if (rec.cardDelivered && !hasTask(visit, 'deliver_card'))
    problems.push({
      field: 'cardDelivered',
      vi: 'Chuyến đi này không có việc trao thẻ BHYT.',
      en: 'This visit has no card to deliver.',
    });
  if (problems.length) fail(problems);
  return { rec, visitedAt };
}

/**
 * The dossiers a record names: those taken at home are this centre's, received through the 'home'
 * channel; the result to return is ready (checked first so that the reason is clear; `act` checks
 * again inside the transaction) and the actor may return results.
 */
async function checkRecordDossiers(deps: Deps, a: Actor, center: Center, v: repo.VisitRow, rec: RecordInput) {
  for (const code of rec.takenCodes) {
    const d = await dossierOfCentre(deps, a, center, code, 'takenCodes');
    if (d.dossier.channel !== 'home')
      fail([
        {
          field: 'takenCodes',
          vi: `Hồ sơ ${code} không được tiếp nhận theo kênh “tại nhà”.`,
          en: `Dossier ${code} was not received through the “home” channel.`,
        },
      ]);
  }
  if (!rec.resultReturned || !v.dossier_code) return;
  if (!can(a, 'dossier.return', center.id))
    throw new AppError('FORBIDDEN', [
      {
        field: 'resultReturned',
        vi: 'Bạn không có quyền trả kết quả hồ sơ; hãy nhờ cán bộ tiếp nhận và trả kết quả ghi nhận.',
        en: 'You may not return dossier results; ask a receiving officer to record it.',
      },
    ]);
  const d = await dossierOfCentre(deps, a, center, v.dossier_code, 'dossierCode');
  if (d.dossier.status !== 9) {
    const label = STATUS_LABELS[d.dossier.status as Status];
    throw new AppError('CONFLICT', [
      {
        field: 'resultReturned',
        vi: `Hồ sơ ${v.dossier_code} đang ở trạng thái “${label.vi}”, chưa thể trả kết quả (cần “Đã xử lý xong”). Chưa có gì được ghi.`,
        en: `Dossier ${v.dossier_code} is “${label.en}”; its result cannot be returned (it must be “Processed, result ready”). Nothing was recorded.`,
      },
    ]);
  }
}

/** One transaction: the result returned through the desk, the visit recorded, the request moved on, the audit. */
async function writeRecord(
  deps: Deps,
  a: Actor,
  center: Center,
  v: repo.VisitRow,
  rec: RecordInput,
  visitedAt: string | null,
  photo: { sha256: string; key: string; type: string } | null,
) {
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    const d: Deps = { ...deps, db: tx };
    if (rec.resultReturned && v.dossier_code) await act(d, a, v.dossier_code, 'return_result', { method: 'home' });
    const ok = await repo.updateVisit(tx, v.id, 'scheduled', {
      status: rec.outcome,
      visited_at: visitedAt,
      visited_day: visitedAt ? localDateOf(new Date(visitedAt)) : null,
      outcome_note: rec.notes || null,
      photo_sha256: photo?.sha256 ?? null,
      photo_key: photo?.key ?? null,
      photo_type: photo?.type ?? null,
      confirm_kind: rec.outcome === 'done' ? rec.confirmKind : null,
      confirm_name: rec.outcome === 'done' && rec.confirmKind === 'typed' ? rec.confirmName : null,
      taken_codes: takenCodesJson.encode(rec.takenCodes),
      result_returned: rec.resultReturned ? 1 : 0,
      card_delivered: rec.cardDelivered ? 1 : 0,
      recorded_by: actorId(a),
      recorded_at: now,
      updated_at: now,
    });
    if (!ok)
      throw new AppError('CONFLICT', [
        { vi: 'Chuyến đi này vừa được người khác ghi kết quả.', en: 'Someone else has just recorded this visit.' },
      ]);
    const next = requestStatusAfter(rec.outcome);
    const closes = closesRequest(next);
    await repo.updateRequest(tx, v.request_id, ['new', 'scheduled'], {
      status: next,
      closed_at: closes ? now : null,
      close_note: closes ? rec.notes || null : null,
      updated_at: now,
    });
    await audit(d, a, center.id, 'homeservice.visit.record', `home_visit:${v.id}`, {
      outcome: rec.outcome,
      request: v.request_code,
      returned: rec.resultReturned ? v.dossier_code : null,
      taken: rec.takenCodes,
    });
  });
}

/** The figures of a range of Vietnam days for the API (the range must not run backwards). */
export async function figuresBetween(deps: Deps, actor: Actor | null, slug: string, from: string, to: string) {
  const { center } = await authorizeCenter(deps, actor, slug, 'homeservice.manage');
  if (from > to)
    fail([{ field: 'from', vi: 'Ngày bắt đầu phải trước ngày kết thúc.', en: 'from must not be after to.' }]);
  return { from, to, ...(await homeServiceFigures(deps, [center.id], { from, to })) };
}
