/** Centre use cases: look up, list, create, change run-time settings. */
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { actorId, assertCan, type Actor } from '../../core/auth/access.ts';
import { nfc } from '../../core/text/index.ts';
import type { Action } from '../../core/auth/roles.ts';
import type { Center } from '../../core/db/schema.ts';
import * as repo from './repo.ts';
import {
  DEFAULT_CUTOFF,
  DEFAULT_SESSIONS,
  SLUG_RE,
  phonesJson,
  sessionsJson,
  weekdaysJson,
  validateCutoff,
  validateSessions,
  validateSwitch,
  validateWarningHours,
  validateWeekdays,
  type Phone,
  type Session,
} from './model.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { authorizeCenter, centerBySlug } from '../../core/auth/authorize.ts';
import { isEmail } from '../../core/text/email.ts';
import { announceSettingsChange } from './hooks.ts';

export const getCenter = (deps: Deps, slug: string): Promise<Center> => centerBySlug(deps, slug);

/**
 * The centre of `slug` for a staff request (see `authorizeCenter` in core/auth, which this
 * delegates to): 401 without an actor, 404 for another centre, 403 without the action.
 */
export async function centerForActor(
  deps: Deps,
  actor: Actor | null | undefined,
  slug: string,
  action?: Action,
): Promise<Center> {
  return (await authorizeCenter(deps, actor, slug, action)).center;
}

export async function getCenterById(deps: Deps, id: number) {
  const c = await repo.findById(deps.db, id);
  if (!c) throw new AppError('CENTER_NOT_FOUND');
  return c;
}

export const listCenters = (deps: Deps) => repo.listAll(deps.db);
/** The centre of `slug`, or undefined (no error). */
export const findCenter = (deps: Pick<Deps, 'db'>, slug: string) => repo.findBySlug(deps.db, slug);
/** The centre of `id`, or undefined (no error). */
export const findCenterById = (deps: Pick<Deps, 'db'>, id: number) => repo.findById(deps.db, id);
export const countCenters = (deps: Deps) => repo.count(deps.db);

export interface NewCenterInput {
  slug: string;
  name: string;
  shortName: string;
  parentBody: string;
  province: string;
  agencyCode: string;
  address: string;
  phones?: Phone[];
  email?: string | null;
  website?: string | null;
  sessions?: Session[];
  cutoff?: string;
  sameDayWeekdays?: number[];
  leaderName?: string | null;
  leaderTitle?: string | null;
}

export async function createCenter(deps: Deps, input: NewCenterInput): Promise<number> {
  if (!SLUG_RE.test(input.slug))
    throw invalid(
      'slug',
      'Mã đường dẫn chỉ gồm chữ thường không dấu, số và gạch ngang.',
      'A slug has lower-case letters without accents, digits and hyphens.',
    );
  for (const [field, v] of Object.entries({
    name: input.name,
    shortName: input.shortName,
    parentBody: input.parentBody,
    agencyCode: input.agencyCode,
  })) {
    if (!nfc(v)) throw invalid(field, `Thiếu ${field}.`, `${field} is required.`);
  }
  const now = deps.now().toISOString();
  const row = await repo.insert(deps.db, {
    slug: input.slug,
    name: nfc(input.name),
    short_name: nfc(input.shortName),
    parent_body: nfc(input.parentBody),
    province: nfc(input.province),
    agency_code: nfc(input.agencyCode),
    address: nfc(input.address),
    phones: phonesJson.encode((input.phones ?? []).map((p) => ({ label: nfc(p.label), number: p.number.trim() }))),
    email: input.email ?? null,
    website: input.website ?? null,
    working_sessions: sessionsJson.encode(validateSessions(input.sessions ?? DEFAULT_SESSIONS)),
    same_day_cutoff: validateCutoff(input.cutoff ?? DEFAULT_CUTOFF),
    same_day_weekdays: weekdaysJson.encode(validateWeekdays(input.sameDayWeekdays ?? [])),
    culture_day_enabled: 1,
    culture_day_confirmed: 0,
    leader_name: input.leaderName ?? null,
    leader_title: input.leaderTitle ?? null,
    created_at: now,
    updated_at: now,
  });
  return row.id;
}

export interface SettingsInput {
  sessions?: unknown;
  cutoff?: unknown;
  sameDayWeekdays?: unknown;
  cultureDayEnabled?: boolean;
  cultureDayConfirmed?: boolean;
  maxReappointments?: unknown;
  /** The at-risk watch's window in working hours (1–40). */
  apologyWarningHours?: unknown;
  /** Counter guidance (form 02) is logged with a dossier code: 0/1. */
  guidanceTakesCode?: unknown;
  leaderName?: unknown;
  leaderTitle?: unknown;
  address?: unknown;
  email?: unknown;
  phones?: unknown;
}

/**
 * Changes the centre's run-time settings; once committed, listeners hear of it in the background
 * (centers/hooks.ts). `origin` is the saving request's `protocol://host`, when a request saved.
 */
export async function updateSettings(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  input: SettingsInput,
  opts: { origin?: string } = {},
): Promise<void> {
  const c = await getCenter(deps, slug);
  assertCan(actor, 'center.settings.update', c.id);
  const now = deps.now().toISOString();
  const set: Parameters<typeof repo.update>[2] = { updated_at: now };
  if (input.sessions !== undefined) set.working_sessions = sessionsJson.encode(validateSessions(input.sessions));
  if (input.cutoff !== undefined) set.same_day_cutoff = validateCutoff(input.cutoff);
  if (input.sameDayWeekdays !== undefined)
    set.same_day_weekdays = weekdaysJson.encode(validateWeekdays(input.sameDayWeekdays));
  if (input.cultureDayEnabled !== undefined) set.culture_day_enabled = input.cultureDayEnabled ? 1 : 0;
  if (input.cultureDayConfirmed !== undefined) set.culture_day_confirmed = input.cultureDayConfirmed ? 1 : 0;
  if (input.maxReappointments !== undefined) {
    const n = Number(input.maxReappointments);
    if (!Number.isInteger(n) || n < 0 || n > 3)
      throw invalid('maxReappointments', 'Số lần hẹn lại từ 0 đến 3.', 'Re-appointments: 0 to 3.');
    set.max_reappointments = n;
  }
  if (input.apologyWarningHours !== undefined)
    set.apology_warning_hours = validateWarningHours(input.apologyWarningHours);
  if (input.guidanceTakesCode !== undefined)
    set.guidance_takes_code = validateSwitch(input.guidanceTakesCode, 'guidanceTakesCode');
  const text = (v: unknown, field: string, max: number) => {
    if (typeof v !== 'string' || nfc(v).length > max)
      throw invalid(field, `Tối đa ${max} ký tự.`, `At most ${max} characters.`);
    return nfc(v);
  };
  if (input.leaderName !== undefined) set.leader_name = text(input.leaderName, 'leaderName', 120) || null;
  if (input.leaderTitle !== undefined) set.leader_title = text(input.leaderTitle, 'leaderTitle', 120) || null;
  if (input.address !== undefined) set.address = text(input.address, 'address', 300);
  if (input.email !== undefined) {
    const e = text(input.email, 'email', 120);
    if (e && !isEmail(e)) throw invalid('email', 'Thư điện tử không hợp lệ.', 'Invalid e-mail address.');
    set.email = e || null;
  }
  if (input.phones !== undefined) {
    const lines = text(input.phones, 'phones', 1000)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const phones = lines.map((l) => {
      const [label = '', number = ''] = l.split('|').map((x) => x.trim());
      if (!label || !/^(\+84|0)[\d .-]{8,14}$/.test(number))
        throw invalid('phones', 'Mỗi dòng: tên bộ phận | số điện thoại.', 'One per line: label | phone number.');
      return { label, number };
    });
    set.phones = phonesJson.encode(phones);
  }
  await inTransaction(deps.db, async (tx) => {
    await repo.update(tx, c.id, set);
    await insertAudit(tx, {
      center_id: c.id,
      actor_user_id: actorId(actor),
      action: 'center.settings.update',
      subject: c.slug,
      detail: JSON.stringify(set),
      at: now,
    });
  });
  announceSettingsChange(deps, { centerId: c.id, slug: c.slug, origin: opts.origin ?? null });
}
