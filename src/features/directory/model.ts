/** Staff and counters directory (danh bạ): who answers which phone, at which counter. Pure. */
import Type from 'typebox';
import { schemaCodec } from '../../core/db/json.ts';
import { nfc } from '../../core/text/index.ts';
import { invalid } from '../../core/http/errors.ts';
import { isEmail } from '../../core/text/email.ts';

export interface StaffContact {
  id: number;
  name: string;
  /** Chức vụ, e.g. "Giám đốc Trung tâm", "Công chức Tư pháp – Hộ tịch". */
  title: string;
  /** Quầy / bộ phận, e.g. "Quầy 1 – Tư pháp, Hộ tịch, Chứng thực". Empty for leaders. */
  counter: string;
  /** Lĩnh vực phụ trách, matching procedure fields. */
  fields: string[];
  phone: string;
  email: string;
  /** Shown on public pages and printed lists. */
  isPublic: boolean;
  sortOrder: number;
}

export type StaffContactInput = Omit<StaffContact, 'id'>;

const PHONE_RE = /^(\+84|0)[\d .-]{8,14}$/;

export function parseStaffContact(o: Record<string, unknown>): StaffContactInput {
  const s = (k: string) => (typeof o[k] === 'string' ? nfc(o[k]) : '');
  const name = s('name');
  if (!name || name.length > 120)
    throw invalid('name', 'Cần nhập họ tên (tối đa 120 ký tự).', 'A name is required (120 characters at most).');
  const phone = s('phone');
  if (phone && !PHONE_RE.test(phone))
    throw invalid(
      'phone',
      'Số điện thoại không hợp lệ (ví dụ 0220 3000 001).',
      'Invalid phone number (e.g. 0220 3000 001).',
    );
  const email = s('email');
  if (email && !isEmail(email)) throw invalid('email', 'Thư điện tử không hợp lệ.', 'Invalid e-mail address.');
  const fieldsRaw = o.fields;
  const fields = Array.isArray(fieldsRaw)
    ? fieldsRaw
        .filter((x): x is string => typeof x === 'string')
        .map(nfc)
        .filter(Boolean)
    : typeof fieldsRaw === 'string'
      ? fieldsRaw.split(/[|\n]/).map(nfc).filter(Boolean)
      : [];
  const sort = Number(o.sortOrder ?? 0);
  return {
    name,
    title: s('title').slice(0, 200),
    counter: s('counter').slice(0, 200),
    fields,
    phone,
    email,
    isPublic: o.isPublic === true || o.isPublic === '1' || o.isPublic === 'on' || o.isPublic === undefined,
    sortOrder: Number.isInteger(sort) ? sort : 0,
  };
}

/** tel: link target for a Vietnamese phone number. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** staff_contact.fields: the procedure fields an officer answers for. */
export const contactFieldsJson = schemaCodec('staff_contact.fields', Type.Array(Type.String()));
