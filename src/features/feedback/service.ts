/**
 * Citizen feedback (PAKN) use cases: the public form (anonymous or with private contact details,
 * protected by a honeypot, a signed time stamp and a per-IP rate limit at the route), the public
 * status page by tracking code, staff handling (classify, assign, request information, refuse,
 * answer, publish) within the legal time limits on the centre's working calendar, the masked
 * public list of answers, the overdue count for the dashboard; and staff obstacles (vướng mắc)
 * raised to the centre's leadership.
 */
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, invalid, type ErrorDetail } from '../../core/http/errors.ts';
import { actorId, can, type Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { sameSecretText } from '../../core/auth/service.ts';
import { nfc } from '../../core/text/index.ts';
import { toLocal } from '../../core/calendar/index.ts';
import type { Center } from '../../core/db/schema.ts';
import type { FeedbackTable } from '../../core/db/tables/surveys-feedback.ts';
import type { Selectable } from 'kysely';
import { getCenter } from '../centers/index.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { parseId } from '../../core/http/ids.ts';
import { calendarOf } from '../calendar/index.ts';
import { catalogOf } from '../catalog/index.ts';
import { dossierByCode, normalisePhone } from '../dossiers/index.ts';
import { settingOf } from '../surveys/index.ts';
import { sign } from '../surveys/index.ts';
import * as repo from './repo.ts';
import {
  ABOUT,
  CLASSIFICATIONS,
  CODE_RE,
  dueDates,
  initialClassification,
  isOpenFeedback,
  isAnonymousChoice,
  feedbackCode,
  isOverdue,
  maskPersonal,
  publishDue,
  type About,
  type FeedbackStatus,
} from './model.ts';
import { isEmail } from '../../core/text/email.ts';

type Row = Selectable<FeedbackTable>;

// ---- Spam protection: signed time stamp ----

/** The form must not be sent faster than a person types, nor from a page older than this. */
export const MIN_FILL_MS = 3_000;
export const MAX_FORM_AGE_MS = 2 * 3_600_000;
export const HONEYPOT = 'website';

/** A stamp for a public form, signed with the centre's key: "<issued ms>.<hmac>". */
export async function formStamp(deps: Deps, centerId: number): Promise<string> {
  const key = (await settingOf(deps, centerId)).signing_key;
  const t = String(deps.now().getTime());
  return `${t}.${sign(key, `feedback.${centerId}.${t}`)}`;
}

const SPAM = {
  field: 'form',
  vi: 'Biểu mẫu không hợp lệ hoặc đã hết hạn. Vui lòng tải lại trang, điền lại và gửi.',
  en: 'The form is not valid or has expired. Reload the page, fill it in and send it again.',
};
const TOO_FAST = {
  field: 'form',
  vi: 'Biểu mẫu được gửi quá nhanh. Vui lòng kiểm tra nội dung rồi gửi lại.',
  en: 'The form was sent too quickly. Check your text and send it again.',
};

async function checkStamp(deps: Deps, centerId: number, stamp: unknown, honeypot: unknown): Promise<void> {
  if (typeof honeypot === 'string' && honeypot.trim() !== '') throw new AppError('VALIDATION_FAILED', [SPAM]);
  const [t, sig] = typeof stamp === 'string' ? stamp.split('.') : [];
  const key = (await settingOf(deps, centerId)).signing_key;
  if (!t || !sig || !/^\d{10,16}$/.test(t) || !sameSecretText(sign(key, `feedback.${centerId}.${t}`), sig))
    throw new AppError('VALIDATION_FAILED', [SPAM]);
  const age = deps.now().getTime() - Number(t);
  if (age < MIN_FILL_MS) throw new AppError('VALIDATION_FAILED', [TOO_FAST]);
  if (age > MAX_FORM_AGE_MS) throw new AppError('VALIDATION_FAILED', [SPAM]);
}

// ---- Public ----

export interface FeedbackInput {
  about: unknown;
  procedureCode?: unknown;
  dossierCode?: unknown;
  content: unknown;
  anonymous?: unknown;
  name?: unknown;
  phone?: unknown;
  email?: unknown;
  stamp: unknown;
  honeypot?: unknown;
}

const s = (v: unknown, max: number) => (typeof v === 'string' ? nfc(v).slice(0, max) : '');

/** The procedure a petition names (checked against the catalogue; required when it is about a procedure). */
async function procedureOf(
  deps: Deps,
  center: Center,
  about: unknown,
  pc: string,
  problems: ErrorDetail[],
): Promise<{ code: string; name: string } | null> {
  if (!pc) {
    if (about === 'procedure')
      problems.push({
        field: 'procedureCode',
        vi: 'Xin chọn thủ tục được phản ánh.',
        en: 'Choose the procedure it is about.',
      });
    return null;
  }
  const p = (await catalogOf(deps, center)).byCode.get(pc);
  if (p) return { code: p.code, name: p.name };
  problems.push({
    field: 'procedureCode',
    vi: 'Không có thủ tục với mã này trong danh mục.',
    en: 'No procedure in the catalogue has this code.',
  });
  return null;
}

/** The petitioner's contact (nothing when anonymous), with problems for a bad phone or e-mail. */
function contactOf(input: FeedbackInput, problems: ErrorDetail[]) {
  const anonymous = isAnonymousChoice(input.anonymous);
  const name = anonymous ? '' : s(input.name, 120);
  const rawPhone = anonymous ? '' : s(input.phone, 20);
  const email = anonymous ? '' : s(input.email, 120);
  const phone = rawPhone ? normalisePhone(rawPhone) : null;
  if (rawPhone && !phone)
    problems.push({
      field: 'phone',
      vi: 'Số điện thoại không đúng (ví dụ 0912 345 678).',
      en: 'The phone number is not valid (e.g. 0912 345 678).',
    });
  if (email && !isEmail(email))
    problems.push({ field: 'email', vi: 'Địa chỉ thư điện tử không đúng.', en: 'The e-mail address is not valid.' });
  return { anonymous, name, phone, email };
}

/** The id of the centre's dossier with this code (another centre's or an unknown code links to nothing). */
async function linkedDossierId(deps: Deps, center: Center, dc: string): Promise<number | null> {
  if (!dc) return null;
  const d = await dossierByCode(deps, dc);
  return d && d.center_id === center.id ? d.id : null;
}

/** Checks what the form says (every problem at once); 400 VALIDATION_FAILED when anything is wrong. */
async function checkedFeedback(deps: Deps, center: Center, input: FeedbackInput) {
  const problems: ErrorDetail[] = [];
  const about = input.about as About;
  if (typeof about !== 'string' || !(ABOUT as readonly string[]).includes(about))
    problems.push({
      field: 'about',
      vi: 'Xin chọn nội dung phản ánh: thủ tục, cán bộ hoặc khác.',
      en: 'Choose what it is about: a procedure, staff conduct or other.',
    });
  const content = s(input.content, 5000);
  if (content.length < 10)
    problems.push({
      field: 'content',
      vi: 'Nội dung phản ánh, kiến nghị cần ít nhất 10 ký tự.',
      en: 'Please write at least 10 characters.',
    });
  const procedure = await procedureOf(deps, center, about, s(input.procedureCode, 40), problems);
  const contact = contactOf(input, problems);
  const dc = s(input.dossierCode, 40);
  const dossierId = await linkedDossierId(deps, center, dc);
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
  return { about, content, procedure, contact, dossierCode: dc, dossierId };
}

/** Files a petition from the public site; returns its tracking code. */
export async function submitFeedback(
  deps: Deps,
  slug: string,
  input: FeedbackInput,
): Promise<{ code: string; handleDueAt: string }> {
  const center = await getCenter(deps, slug);
  await checkStamp(deps, center.id, input.stamp, input.honeypot);
  const { about, content, procedure, contact, dossierCode: dc, dossierId } = await checkedFeedback(deps, center, input);
  const { anonymous, name, phone, email } = contact;
  const now = deps.now();
  const cal = await calendarOf(deps, center);
  const due = dueDates(cal, now);
  const at = now.toISOString();
  const code = feedbackCode(now);
  await repo.insertFeedback(deps.db, {
    center_id: center.id,
    code,
    about,
    procedure_code: procedure?.code ?? null,
    procedure_name: procedure?.name ?? null,
    dossier_code: dc || null,
    dossier_id: dossierId,
    content,
    anonymous: anonymous || (!name && !phone && !email) ? 1 : 0,
    contact_name: name || null,
    contact_phone: phone,
    contact_email: email || null,
    classification: initialClassification(about),
    topic: null,
    status: 'received',
    assigned_user_id: null,
    received_at: at,
    local_day: toLocal(now).date,
    handle_due_at: due.handle.toISOString(),
    refuse_due_at: due.refuse.toISOString(),
    info_due_at: due.requestInfo.toISOString(),
    info_request: null,
    info_requested_at: null,
    info_reply: null,
    info_replied_at: null,
    answer: null,
    answered_at: null,
    answered_by: null,
    refuse_reason: null,
    refused_at: null,
    publish_due_at: null,
    published: 0,
    published_at: null,
    updated_at: at,
    version: 1,
  });
  return { code, handleDueAt: due.handle.toISOString() };
}

async function byCode(deps: Deps, center: Center, code: unknown): Promise<Row> {
  const c = typeof code === 'string' ? code.trim().toUpperCase() : '';
  const f = CODE_RE.test(c) ? await repo.findByCode(deps.db, c) : undefined;
  if (!f || f.center_id !== center.id)
    throw new AppError('NOT_FOUND', [
      { vi: 'Không tìm thấy phản ánh với mã này.', en: 'No feedback has this tracking code.' },
    ]);
  return f;
}

function known(f: Row): string[] {
  return [f.contact_name, f.contact_email, f.contact_phone].filter((x): x is string => !!x);
}

/** What anyone holding the tracking code sees: status, dates, limits and the answer, personal data masked. */
export function presentPublic(f: Row, now: Date) {
  return {
    code: f.code,
    about: f.about as About,
    procedureName: f.procedure_name,
    status: f.status as FeedbackStatus,
    content: maskPersonal(f.content, known(f)),
    receivedAt: f.received_at,
    handleDueAt: f.handle_due_at,
    overdue: isOverdue(f, now),
    infoRequest: f.status === 'info_requested' ? f.info_request : null,
    answer: f.answer ? maskPersonal(f.answer, known(f)) : null,
    answeredAt: f.answered_at,
    refuseReason: f.refuse_reason,
    refusedAt: f.refused_at,
    published: f.published === 1,
  };
}
export type PublicFeedback = ReturnType<typeof presentPublic>;

export async function publicStatus(deps: Deps, slug: string, code: unknown) {
  const center = await getCenter(deps, slug);
  return { center, feedback: presentPublic(await byCode(deps, center, code), deps.now()) };
}

/** The citizen's additional information after a request; the item goes back to handling. */
export async function replyInfo(
  deps: Deps,
  slug: string,
  code: unknown,
  input: { text: unknown; stamp: unknown; honeypot?: unknown },
): Promise<void> {
  const center = await getCenter(deps, slug);
  const f = await byCode(deps, center, code);
  await checkStamp(deps, center.id, input.stamp, input.honeypot);
  const text = s(input.text, 5000);
  if (text.length < 2) throw invalid('text', 'Xin nhập thông tin bổ sung.', 'Please write the additional information.');
  if (f.status !== 'info_requested')
    throw new AppError('CONFLICT', [
      { vi: 'Phản ánh này không chờ bổ sung thông tin.', en: 'This feedback is not waiting for more information.' },
    ]);
  const at = deps.now().toISOString();
  if (
    !(await repo.updateFeedback(deps.db, f.id, f.version, {
      status: 'received',
      info_reply: text,
      info_replied_at: at,
      updated_at: at,
    }))
  )
    throw new AppError('CONFLICT');
}

/** Published answers of a centre, masked (names, phones, e-mails, ID numbers, addresses). */
export async function publishedAnswers(deps: Deps, slug: string) {
  const center = await getCenter(deps, slug);
  const rows = await repo.publishedOf(deps.db, center.id, 100);
  return {
    center,
    items: rows.map((f) => ({
      code: f.code,
      about: f.about as About,
      procedureName: f.procedure_name,
      receivedAt: f.received_at,
      question: maskPersonal(f.content, known(f)),
      answer: maskPersonal(f.answer ?? '', known(f)),
      answeredAt: f.answered_at,
      publishedAt: f.published_at,
    })),
  };
}

// ---- Staff ----

export function presentStaff(f: Row, now: Date) {
  return {
    id: f.id,
    code: f.code,
    about: f.about as About,
    procedureCode: f.procedure_code,
    procedureName: f.procedure_name,
    dossierCode: f.dossier_code,
    content: f.content,
    anonymous: f.anonymous === 1,
    contact: { name: f.contact_name, phone: f.contact_phone, email: f.contact_email },
    classification: f.classification,
    topic: f.topic,
    status: f.status as FeedbackStatus,
    assignedUserId: f.assigned_user_id,
    receivedAt: f.received_at,
    handleDueAt: f.handle_due_at,
    refuseDueAt: f.refuse_due_at,
    infoDueAt: f.info_due_at,
    publishDueAt: f.publish_due_at,
    infoRequest: f.info_request,
    infoRequestedAt: f.info_requested_at,
    infoReply: f.info_reply,
    infoRepliedAt: f.info_replied_at,
    answer: f.answer,
    answeredAt: f.answered_at,
    refuseReason: f.refuse_reason,
    refusedAt: f.refused_at,
    published: f.published === 1,
    publishedAt: f.published_at,
    overdue: isOverdue(f, now),
    maskedPreview: maskPersonal(f.content, known(f)),
    version: f.version,
  };
}
export type StaffFeedback = ReturnType<typeof presentStaff>;

export async function listFeedback(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  f: { status?: string; overdue?: boolean } = {},
) {
  const { center } = await authorizeCenter(deps, actor, slug, 'feedback.handle');
  const status =
    f.status && (['received', 'info_requested', 'answered', 'refused'] as string[]).includes(f.status)
      ? [f.status]
      : undefined;
  const now = deps.now();
  const rows = await repo.listFeedback(deps.db, center.id, {
    status,
    overdueAt: f.overdue ? now.toISOString() : undefined,
    limit: 300,
  });
  return { center, items: rows.map((r) => presentStaff(r, now)), staff: await repo.staffOf(deps.db, center.id) };
}

async function loadForStaff(deps: Deps, actor: Actor | null, slug: string, id: number) {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'feedback.handle');
  const n = parseId(id);
  const f = n !== null ? await repo.findById(deps.db, n) : undefined;
  if (!f || f.center_id !== center.id) throw new AppError('NOT_FOUND');
  return { center, f, who };
}

/** One item with the sender's private contact details: the read is logged. */
export async function getFeedback(deps: Deps, actor: Actor | null, slug: string, id: number) {
  const { center, f, who } = await loadForStaff(deps, actor, slug, id);
  await insertAudit(deps.db, {
    center_id: center.id,
    actor_user_id: actorId(who),
    action: 'feedback.read',
    subject: f.code,
    detail: null,
    at: deps.now().toISOString(),
  });
  return { center, item: presentStaff(f, deps.now()), staff: await repo.staffOf(deps.db, center.id) };
}

export const FEEDBACK_ACTIONS = [
  'classify',
  'assign',
  'request_info',
  'refuse',
  'answer',
  'publish',
  'unpublish',
] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

const closed = {
  vi: 'Phản ánh đã được trả lời hoặc từ chối.',
  en: 'The feedback has already been answered or refused.',
};

const JUST_CHANGED = {
  vi: 'Phản ánh vừa được người khác cập nhật, hãy tải lại.',
  en: 'The item was just changed by someone else; reload it.',
};

/** The columns an action changes (400 for bad input, 409 when the item's status does not allow it). */
async function changesOf(
  deps: Deps,
  ctx: { center: Center; f: Row; who: Actor },
  action: FeedbackAction,
  p: Record<string, unknown>,
  now: Date,
): Promise<Partial<Row>> {
  const { center, f, who } = ctx;
  const at = now.toISOString();
  const open = isOpenFeedback(f.status);
  const set: Partial<Row> = { updated_at: at };
  switch (action) {
    case 'classify': {
      const c = s(p.classification, 20);
      if (!(CLASSIFICATIONS as readonly string[]).includes(c))
        throw invalid(
          'classification',
          'Phân loại: tthc (thủ tục hành chính) hoặc behaviour (hành vi cán bộ).',
          'Classification: tthc or behaviour.',
        );
      set.classification = c;
      set.topic = s(p.topic, 200) || null;
      break;
    }
    case 'assign': {
      const uid = Number(p.assignee);
      if (!(await repo.staffOf(deps.db, center.id)).some((x) => x.id === uid))
        throw invalid('assignee', 'Chọn người xử lý trong Trung tâm.', 'Choose a person of this centre.');
      if (!open) throw new AppError('CONFLICT', [closed]);
      set.assigned_user_id = uid;
      break;
    }
    case 'request_info': {
      if (f.status !== 'received') throw new AppError('CONFLICT', [closed]);
      const text = s(p.text, 2000);
      if (!text) throw invalid('text', 'Ghi rõ thông tin cần bổ sung.', 'Say what information is needed.');
      set.status = 'info_requested';
      set.info_request = text;
      set.info_requested_at = at;
      break;
    }
    case 'refuse': {
      if (!open) throw new AppError('CONFLICT', [closed]);
      const reason = s(p.reason, 2000);
      if (!reason) throw invalid('reason', 'Cần nêu lý do không tiếp nhận.', 'A reason is required.');
      set.status = 'refused';
      set.refuse_reason = reason;
      set.refused_at = at;
      break;
    }
    case 'answer': {
      if (!open) throw new AppError('CONFLICT', [closed]);
      const text = s(p.text, 5000);
      if (text.length < 5) throw invalid('text', 'Cần nội dung trả lời.', 'The answer is required.');
      set.status = 'answered';
      set.answer = text;
      set.answered_at = at;
      set.answered_by = actorId(who);
      set.publish_due_at = publishDue(await calendarOf(deps, center), now).toISOString();
      if (p.publish === true || p.publish === 'on' || p.publish === '1') {
        set.published = 1;
        set.published_at = at;
      }
      break;
    }
    case 'publish':
      if (f.status !== 'answered')
        throw new AppError('CONFLICT', [
          { vi: 'Chỉ công khai được phản ánh đã trả lời.', en: 'Only answered feedback can be published.' },
        ]);
      set.published = 1;
      set.published_at = f.published_at ?? at;
      break;
    case 'unpublish':
      set.published = 0;
      break;
  }
  return set;
}

/** One staff action on an item; 409 when it is not allowed in the current status or the item just changed. */
export async function actOnFeedback(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: number,
  action: unknown,
  p: Record<string, unknown>,
) {
  const { center, f, who } = await loadForStaff(deps, actor, slug, id);
  if (typeof action !== 'string' || !(FEEDBACK_ACTIONS as readonly string[]).includes(action))
    throw invalid('action', `Thao tác: ${FEEDBACK_ACTIONS.join(', ')}.`, `Action: ${FEEDBACK_ACTIONS.join(', ')}.`);
  if (p.version !== undefined && p.version !== '' && Number(p.version) !== f.version)
    throw new AppError('CONFLICT', [JUST_CHANGED]);
  const now = deps.now();
  const at = now.toISOString();
  const set = await changesOf(deps, { center, f, who }, action as FeedbackAction, p, now);
  await inTransaction(deps.db, async (tx) => {
    if (!(await repo.updateFeedback(tx, f.id, f.version, set))) throw new AppError('CONFLICT', [JUST_CHANGED]);
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(who),
      action: `feedback.${action}`,
      subject: f.code,
      detail: null,
      at,
    });
  });
  return presentStaff((await repo.findById(deps.db, f.id))!, deps.now());
}

/** Open feedback past its 15-working-day limit in a centre: the dashboard's count. No access check (the caller shows it to staff of that centre). */
export async function overdueFeedbackCount(deps: Deps, centerId: number): Promise<number> {
  return repo.countOverdue(deps.db, [centerId], deps.now().toISOString());
}

// ---- Staff obstacles (vướng mắc) ----

export async function raiseObstacle(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  input: { title: unknown; content: unknown },
) {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'obstacles.raise');
  const title = s(input.title, 200);
  const content = s(input.content, 5000);
  const problems: ErrorDetail[] = [];
  if (!title) problems.push({ field: 'title', vi: 'Cần tiêu đề.', en: 'A title is required.' });
  if (content.length < 5)
    problems.push({ field: 'content', vi: 'Cần nội dung vướng mắc.', en: 'Describe the obstacle.' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
  const at = deps.now().toISOString();
  const r = await repo.insertObstacle(deps.db, {
    center_id: center.id,
    raised_by: actorId(who),
    raised_by_name: who.fullName,
    title,
    content,
    status: 'open',
    answer: null,
    answered_by: null,
    answered_by_name: null,
    answered_at: null,
    created_at: at,
  });
  return r.id;
}

function presentObstacle(o: Awaited<ReturnType<typeof repo.findObstacle>> & object) {
  return {
    id: o.id,
    title: o.title,
    content: o.content,
    status: o.status,
    raisedBy: o.raised_by_name,
    raisedByUserId: o.raised_by,
    createdAt: o.created_at,
    answer: o.answer,
    answeredBy: o.answered_by_name,
    answeredAt: o.answered_at,
  };
}
export type ObstacleView = ReturnType<typeof presentObstacle>;

/** Leadership sees every obstacle; anyone else sees the ones they raised. */
export async function listObstacles(deps: Deps, actor: Actor | null, slug: string) {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'obstacles.raise');
  const all = can(who, 'obstacles.read', center.id);
  const rows = await repo.listObstacles(deps.db, center.id, all ? 'all' : actorId(who));
  return { center, all, items: rows.map(presentObstacle) };
}

export async function answerObstacle(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: number,
  input: { answer: unknown },
) {
  const { center, actor: who } = await authorizeCenter(deps, actor, slug, 'obstacles.read');
  const n = parseId(id);
  const found = n !== null ? await repo.findObstacle(deps.db, n) : undefined;
  if (n === null || !found || found.center_id !== center.id) throw new AppError('NOT_FOUND');
  const answer = s(input.answer, 5000);
  if (answer.length < 2) throw invalid('answer', 'Cần nội dung trả lời.', 'The answer is required.');
  const alreadyAnswered = () =>
    new AppError('CONFLICT', [
      {
        vi: 'Vướng mắc này đã được trả lời; tải lại trang để xem câu trả lời.',
        en: 'This obstacle has already been answered; reload to see the answer.',
      },
    ]);
  if (found.status !== 'open') throw alreadyAnswered();
  const at = deps.now().toISOString();
  return inTransaction(deps.db, async (tx) => {
    // Only an open obstacle is answered: a second answer (even a concurrent one) never overwrites the first.
    if (
      !(await repo.answerObstacle(tx, n, {
        answer,
        answered_by: actorId(who),
        answered_by_name: who.fullName,
        answered_at: at,
      }))
    )
      throw alreadyAnswered();
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(who),
      action: 'obstacles.answer',
      subject: String(n),
      detail: null,
      at,
    });
    return presentObstacle((await repo.findObstacle(tx, n))!);
  });
}

// ---- View models of the pages ----

/** The public form: the centre, its procedures to choose from and a fresh signed stamp. */
export async function feedbackFormModel(deps: Deps, slug: string) {
  const center = await getCenter(deps, slug);
  const procedures = (await catalogOf(deps, center)).procedures.map((p) => ({ code: p.code, name: p.name }));
  return { center, procedures, stamp: await formStamp(deps, center.id) };
}

/** A petition's public status page (with a stamp for the "more information" reply). */
export async function feedbackStatusModel(deps: Deps, slug: string, code: unknown) {
  const r = await publicStatus(deps, slug, code);
  return { center: r.center, feedback: r.feedback, stamp: await formStamp(deps, r.center.id) };
}

/** /console/feedback: the filtered items and the centre's overdue count. */
export async function feedbackListModel(
  deps: Deps,
  actor: Actor,
  center: Center,
  filter: { status: string; overdue: boolean },
) {
  const r = await listFeedback(deps, actor, center.slug, filter);
  return { items: r.items, overdue: await overdueFeedbackCount(deps, center.id) };
}
