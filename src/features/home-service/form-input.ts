/**
 * The home service's HTML forms read field by field (console and public pages take any body and
 * answer a user's mistake with the page again, never a 400): each form's fields, NFC, trimmed, cut
 * to their length. Pure.
 */
import type { ErrorDetail } from '../../core/http/errors.ts';
import type { Lang } from '../../core/http/i18n.ts';
import type { FieldError } from '../dossiers/index.ts';
import type { PublicForm } from './pages/public.tsx';
import type { PersonForm, RequestForm, ScheduleForm } from './pages/console.tsx';

type Body = Record<string, unknown>;

/** A form field: the last value of a repeated string, NFC, trimmed. */
export function field(body: Body, name: string, max = 1000): string {
  const v = body[name];
  const s: unknown = Array.isArray(v) ? (v as unknown[])[v.length - 1] : v;
  return typeof s === 'string' ? s.normalize('NFC').trim().slice(0, max) : '';
}

/** The ticked values of a group of checkboxes. */
export function fieldList(body: Body, name: string): string[] {
  const v = body[name];
  return (Array.isArray(v) ? (v as unknown[]) : [v])
    .filter((x): x is string => typeof x === 'string' && x !== '')
    .map((x) => x.slice(0, 40));
}

export const toErrors = (d: ErrorDetail[], lang: Lang): FieldError[] =>
  d.map((x) => ({ field: x.field, message: x[lang] }));

/** `url` with ?lang=en (or &lang=en) on the English console. */
export const withLang = (url: string, lang: Lang) =>
  lang === 'en' ? `${url}${url.includes('?') ? '&' : '?'}lang=en` : url;

export function publicFormOf(b: Body): PublicForm {
  return {
    personName: field(b, 'personName', 120),
    relationship: field(b, 'relationship', 20),
    requesterName: field(b, 'requesterName', 120),
    phone: field(b, 'phone', 30),
    address: field(b, 'address', 300),
    needs: fieldList(b, 'needs'),
    needsOther: field(b, 'needsOther', 500),
    preferredDate: field(b, 'preferredDate', 10),
    preferredSlot: field(b, 'preferredSlot', 20) || 'any',
    consent: field(b, 'consent', 5) === 'yes',
  };
}

export function requestFormOf(b: Body): RequestForm {
  return {
    dossierCode: field(b, 'dossierCode', 40),
    personName: field(b, 'personName', 120),
    relationship: field(b, 'relationship', 20),
    requesterName: field(b, 'requesterName', 120),
    phone: field(b, 'phone', 30),
    address: field(b, 'address', 300),
    needsOther: field(b, 'needsOther', 500),
    preferredDate: field(b, 'preferredDate', 10),
    preferredSlot: field(b, 'preferredSlot', 20),
    notes: field(b, 'notes', 1000),
    needs: fieldList(b, 'needs'),
  };
}

export function scheduleFormOf(b: Body): ScheduleForm {
  return {
    officerId: field(b, 'officerId', 12),
    date: field(b, 'date', 10),
    time: field(b, 'time', 5),
    address: field(b, 'address', 300),
    tasks: fieldList(b, 'tasks'),
    dossierCode: field(b, 'dossierCode', 40),
    notes: field(b, 'notes', 1000),
  };
}

const RECORD_FIELDS = [
  'outcome',
  'time',
  'notes',
  'confirmKind',
  'confirmName',
  'confirmed',
  'takenCodes',
  'resultReturned',
  'cardDelivered',
] as const;

/** The visit record's fields (the photo travels apart, as the multipart file). */
export function recordFormOf(b: Body): Record<string, string> {
  return Object.fromEntries(RECORD_FIELDS.map((k) => [k, field(b, k, k === 'notes' ? 1000 : 400)]));
}

export function personFormOf(b: Body): PersonForm {
  return {
    fullName: field(b, 'fullName', 120),
    birthYear: field(b, 'birthYear', 4),
    address: field(b, 'address', 300),
    phone: field(b, 'phone', 30),
    carerName: field(b, 'carerName', 120),
    carerRelation: field(b, 'carerRelation', 60),
    carerPhone: field(b, 'carerPhone', 30),
    notes: field(b, 'notes', 1000),
    consentDate: field(b, 'consentDate', 10),
    consentMethod: field(b, 'consentMethod', 20),
    consentGivenBy: field(b, 'consentGivenBy', 120),
    categories: fieldList(b, 'categories'),
  };
}
