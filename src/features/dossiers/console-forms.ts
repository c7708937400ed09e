/**
 * The desk's console forms, parsed: urlencoded bodies and query strings into the service's inputs
 * (intake, workflow actions, apology letters), and the service's error details back to the form's
 * fields. Pure: no I/O, no rules (the service and model.ts keep them).
 */
import type { FastifyRequest } from 'fastify';
import type { ErrorDetail } from '../../core/http/errors.ts';
import { translator, type Lang } from '../../core/http/i18n.ts';
import { nfc } from '../../core/text/index.ts';
import { formatVi, fromLocal, isLocalDate, parseHm } from '../../core/calendar/index.ts';
import type { ProcedureData } from '../catalog/index.ts';
import { CHANNELS, type DossierAction } from './model.ts';
import type { IntakeInput } from './service.ts';
import { deskMessages } from './messages.ts';
import type { FieldError } from './pages/common.tsx';
import type { IntakeCarry, IntakeForm } from './pages/intake.tsx';
import { CCCD_PROBLEMS, parseCccd, scanStart } from './intake/cccd.ts';
import { dayMessages } from './workflow/day-messages.ts';

type Body = Record<string, unknown>;

/** Service field names → the ids of the intake form's inputs. */
export const INTAKE_FIELDS: Record<string, string> = {
  'applicant.fullName': 'fullName',
  'applicant.idNumber': 'idNumber',
  'applicant.phone': 'phone',
  'applicant.email': 'email',
  'applicant.orgName': 'orgName',
  'applicant.taxCode': 'taxCode',
  'owner.fullName': 'ownerName',
  'owner.idNumber': 'ownerId',
  channel: 'channel',
  sets: 'sets',
};

/** Form fields, from a urlencoded body: strings only (a repeated field keeps its first value). */
export function field(body: Body, name: string, max = 1000): string {
  const v = body[name];
  const s = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  return nfc(s).slice(0, max);
}
export function fields(body: Body, name: string): string[] {
  const v = body[name];
  return (Array.isArray(v) ? v : [v])
    .filter((x): x is string => typeof x === 'string')
    .map((x) => nfc(x).slice(0, 300))
    .filter(Boolean);
}

/** Lines of a textarea, trimmed, empty ones left out. */
function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** A console request whose query string was declared `AnyQuery` (any parameters, read by hand). */
export type PageRequest = FastifyRequest<{ Querystring: Record<string, unknown> }>;

export function queryText(req: PageRequest, name: string, max: number): string {
  const v = req.query[name];
  return typeof v === 'string' ? nfc(v).slice(0, max) : '';
}

export function detailsToErrors(
  details: ErrorDetail[],
  lang: Lang,
  idOf: (field: string) => string | undefined,
): FieldError[] {
  return details.map((d) => ({ field: d.field ? idOf(d.field) : undefined, message: d[lang] }));
}

/** `?lang=en` kept on a redirect (`sep` is '?' or '&'). */
export function langSuffix(lang: Lang, sep: '?' | '&'): string {
  return lang === 'en' ? `${sep}lang=en` : '';
}

/** `?ve=<ticket id>` (from the queue's counter screen) and `?channel=home` (from a home visit) carried through the intake steps. */
export function carryOf(req: PageRequest): IntakeCarry {
  const ve = queryText(req, 've', 12);
  const channel = queryText(req, 'channel', 10);
  return {
    ve: /^[1-9]\d{0,8}$/.test(ve) ? ve : '',
    channel: (CHANNELS as readonly string[]).includes(channel) ? channel : '',
  };
}

/** The intake form's address for a procedure, the carried ticket and channel kept. */
export function intakeFormHref(code: string, c: IntakeCarry, lang: Lang): string {
  const carry = `${c.ve ? `&ve=${c.ve}` : ''}${c.channel ? `&channel=${c.channel}` : ''}`;
  return `/console/dossiers/new?procedure=${encodeURIComponent(code)}${carry}${langSuffix(lang, '&')}`;
}

/**
 * A CCCD QR string typed by a scanner into any field of the intake form (the form was sent by the
 * scanner's Enter, without the page's script): which field, what it held before, and the scan.
 */
export function scanFromForm(body: Body): { key: string; before: string; raw: string } | null {
  for (const [key, v] of Object.entries(body)) {
    if (key === '_csrf' || typeof v !== 'string') continue;
    const at = scanStart(v);
    if (at >= 0) return { key, before: v.slice(0, at), raw: v.slice(at) };
  }
  return null;
}

/** The checklist's requirement posted back with the intake form (the catalogue's, kept in a hidden field). */
function requirementOf(raw: string): 'required' | 'optional' | 'shown' {
  return raw === 'optional' || raw === 'shown' ? raw : 'required';
}

/** The checklist rows posted back (c0_…, c1_…), with the counts that are not numbers 0–100. */
function componentsOf(body: Body, lang: Lang): { components: IntakeForm['components']; errors: FieldError[] } {
  const t = translator(deskMessages, lang);
  const components: IntakeForm['components'] = [];
  const errors: FieldError[] = [];
  for (let i = 0; i < 50 && typeof body[`c${i}_name`] === 'string'; i++) {
    const c = {
      name: field(body, `c${i}_name`, 300),
      requirement: requirementOf(field(body, `c${i}_req`, 10)),
      received: field(body, `c${i}_got`) === '1',
      shown: field(body, `c${i}_shown`) === '1',
      originals: field(body, `c${i}_o`, 4) || '0',
      certified: field(body, `c${i}_c`, 4) || '0',
      copies: field(body, `c${i}_p`, 4) || '0',
    };
    components.push(c);
    for (const [k, v] of [
      ['o', c.originals],
      ['c', c.certified],
      ['p', c.copies],
    ] as const) {
      if (!/^\d+$/.test(v) || Number(v) > 100)
        errors.push({ field: `c${i}_${k}`, message: `${c.name}: ${t('badNumber')}` });
    }
  }
  return { components, errors };
}

/** The intake form as posted (re-rendered as typed when something is wrong), and the counts that are not numbers. */
export function intakeFormOf(body: Body, p: ProcedureData, lang: Lang): { form: IntakeForm; errors: FieldError[] } {
  const { components, errors } = componentsOf(body, lang);
  const form: IntakeForm = {
    procedureCode: p.code,
    kind: field(body, 'kind') === 'organization' ? 'organization' : 'citizen',
    fullName: field(body, 'fullName', 120),
    idNumber: field(body, 'idNumber', 20),
    phone: field(body, 'phone', 20),
    email: field(body, 'email', 120),
    address: field(body, 'address', 300),
    orgName: field(body, 'orgName', 300),
    taxCode: field(body, 'taxCode', 20),
    ownerName: field(body, 'ownerName', 120),
    ownerId: field(body, 'ownerId', 20),
    ownerAddress: field(body, 'ownerAddress', 300),
    channel: field(body, 'channel', 20) || 'direct',
    sets: field(body, 'sets', 4),
    subject: field(body, 'subject', 1000),
    components,
    fee: {
      items: Object.fromEntries(p.fees.map((_, i) => [i, field(body, `fee_q${i}`, 6)])),
      pages: field(body, 'fee_pages', 6),
      copies: field(body, 'fee_copies', 6),
      status: field(body, 'fee_status', 10),
      method: field(body, 'fee_method', 10),
      receipt: field(body, 'fee_receipt', 40),
    },
    ve: /^[1-9]\d{0,8}$/.test(field(body, 've', 12)) ? field(body, 've', 12) : undefined,
    scanTarget: field(body, 'scanTarget', 10) === 'owner' ? 'owner' : 'applicant',
  };
  return { form, errors };
}

/**
 * A scanned CCCD fills the form (the applicant, or the owner), nothing is taken yet: the officer
 * checks it against the card. The notice says what was read, or why the scan was not read.
 */
export function fillFromScan(
  form: IntakeForm,
  raw: string,
  today: string,
  lang: Lang,
): { form: IntakeForm; notice: { ok: boolean; text: string } } {
  const r = parseCccd(raw, today);
  if (!r.ok) return { form, notice: { ok: false, text: CCCD_PROBLEMS[r.problem][lang] } };
  const c = r.card;
  const filled: IntakeForm =
    form.scanTarget === 'owner'
      ? { ...form, ownerName: c.fullName, ownerId: c.idNumber, ownerAddress: c.address }
      : { ...form, kind: 'citizen', fullName: c.fullName, idNumber: c.idNumber, address: c.address };
  const d = translator(dayMessages, lang);
  const vars = { name: c.fullName, id: c.idNumber, birth: formatVi(c.birthDate), sex: c.sex };
  return {
    form: filled,
    notice: { ok: true, text: d(form.scanTarget === 'owner' ? 'scanFilledOwner' : 'scanFilled', vars) },
  };
}

/** The fee at intake from the form (only for a procedure with a fee). */
function feeInputOf(form: IntakeForm, p: ProcedureData): IntakeInput['fee'] {
  if (!p.fees.some((x) => x.amount > 0)) return undefined;
  return {
    items: Object.entries(form.fee.items)
      .filter(([i, q]) => !p.fees[Number(i)]?.tier && q !== '')
      .map(([i, q]) => ({ item: Number(i), quantity: /^\d+$/.test(q) ? Number(q) : -1 })),
    ...(form.fee.pages !== '' ? { pages: form.fee.pages } : {}),
    ...(form.fee.copies !== '' ? { copies: form.fee.copies } : {}),
    status: form.fee.status,
    method: form.fee.method,
    receipt: form.fee.receipt,
  };
}

/**
 * The service's intake input from the form. `outcome` refuse or guide: not received — the reason,
 * and what is missing (typed, or the components left unticked), no fee.
 */
export function intakeInputOf(form: IntakeForm, body: Body, p: ProcedureData, outcome: string): IntakeInput {
  const owner =
    form.ownerName || form.ownerId || form.ownerAddress
      ? { fullName: form.ownerName, idNumber: form.ownerId, address: form.ownerAddress }
      : undefined;
  const dueDate = field(body, 'dueDate', 10);
  const input: IntakeInput = {
    procedureCode: p.code,
    applicant: {
      kind: form.kind,
      fullName: form.fullName,
      idNumber: form.idNumber,
      phone: form.phone,
      email: form.email,
      address: form.address,
      orgName: form.orgName,
      taxCode: form.taxCode,
    },
    owner,
    channel: form.channel,
    sets: form.sets === '' ? undefined : Number(form.sets),
    subject: form.subject || undefined,
    // No fixed time limit: the appointment the officer gives (17:00 of that day), else "không xác định".
    dueAt: isLocalDate(dueDate) ? fromLocal(dueDate, 17 * 60).toISOString() : undefined,
    components: form.components
      .filter((c) => c.received)
      .map((c) => ({
        name: c.name,
        shown: c.shown,
        originals: Number(c.originals),
        certifiedCopies: Number(c.certified),
        copies: Number(c.copies),
      })),
    fee: feeInputOf(form, p),
  };
  if (outcome !== 'refuse' && outcome !== 'guide') return input;
  const typed = lines(field(body, 'missing', 3000));
  if (outcome === 'refuse') input.outcome = outcome;
  input.fee = undefined;
  input.reason = field(body, 'reason');
  input.missing = typed.length ? typed : form.components.filter((c) => !c.received).map((c) => c.name);
  return input;
}

/** A date and a time typed in Vietnam, as an instant; null when either is not valid. */
function localInstant(date: string, time: string): string | null {
  let minute = Number.NaN;
  try {
    minute = parseHm(time);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  return isLocalDate(date) && !Number.isNaN(minute) ? fromLocal(date, minute).toISOString() : null;
}

/** The service payload of an action, from its form; problems found here are returned as field errors. */
export function payloadOf(
  action: DossierAction,
  body: Body,
  lang: Lang,
): { payload: Record<string, unknown>; errors: FieldError[] } {
  const f = (k: string, max = 1000) => field(body, k, max);
  const ok = (payload: Record<string, unknown>) => ({ payload, errors: [] });
  switch (action) {
    case 'refuse':
    case 'stop':
    case 'withdraw':
      return ok({ reason: f('reason') });
    case 'guide':
      return ok({ reason: f('reason'), components: lines(f('missing', 3000)) });
    case 'handoff':
      return ok({ toUserId: f('toUserId', 12) || undefined, to: f('to', 200), note: f('note', 500) });
    case 'request_supplement':
      return ok({ reason: f('reason'), components: [...fields(body, 'what'), ...lines(f('other', 3000))] });
    case 'complete_supplement':
      return ok({ note: f('note', 500) });
    case 'confirm_payment':
      return ok({
        method: f('method', 20) || 'cash',
        ...(f('method', 20) === 'online' ? { gateway: f('gateway', 20) } : {}),
        reference: f('reference', 100),
        note: f('note', 500),
      });
    case 'request_payment': {
      const digits = f('amount', 30).replace(/[\s.,đ]/gi, '');
      return ok({ amount: /^\d+$/.test(digits) ? Number(digits) : Number.NaN, note: f('note', 500) });
    }
    case 'mark_processed':
      return ok({ result: f('result'), electronicResult: f('electronic') === '1' });
    case 'return_result':
      return ok({ method: f('method', 20) || 'desk' });
    case 'extend': {
      const at = localInstant(f('date', 10), f('time', 5));
      if (at === null)
        return { payload: {}, errors: [{ field: 'extend-date', message: translator(deskMessages, lang)('badDate') }] };
      return ok({ reason: f('reason'), newDueAt: at });
    }
    case 'accept':
      return ok({});
  }
}

/** The values of a posted action form, kept to re-render it with its errors. */
export function submittedValues(body: Body): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body))
    if (k !== '_csrf' && (typeof v === 'string' || Array.isArray(v)))
      values[k] = typeof v === 'string' ? v : v.filter((x): x is string => typeof x === 'string');
  return values;
}

/** The version of the page the officer acted on, when the form sent one. */
export function versionOf(body: Body): number | null {
  const version = Number(field(body, 'version', 12));
  return Number.isInteger(version) && version > 0 ? version : null;
}

/** A service error's field → the id of the action form's input. */
export function actionFieldId(action: DossierAction, f: string): string | undefined {
  if (f === 'electronicResult') return `${action}-electronic`;
  if (f === 'newDueAt') return 'extend-date';
  return f === 'action' ? undefined : `${action}-${f}`;
}

/** An apology form: the reason, the proposed date (empty: the engine's; unreadable: 'invalid'), the signer. */
export function apologyDraftOf(body: Body) {
  const date = field(body, 'proposedDate', 10);
  const proposedDueAt = date ? (localInstant(date, field(body, 'proposedTime', 5) || '17:00') ?? 'invalid') : undefined;
  return {
    reason: body.reason,
    proposedDueAt,
    responsibleUnit: field(body, 'responsibleUnit', 600),
    signerTitle: field(body, 'signerTitle', 600),
    signerName: field(body, 'signerName', 600),
  };
}

/** The director's new appointment: datetime-local gives Vietnam wall time without an offset. */
export function approvedDueOf(body: Body): string | undefined {
  return typeof body.newDueAt === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(body.newDueAt)
    ? `${body.newDueAt}:00+07:00`
    : undefined;
}
