/**
 * Account use cases: create users, sign in and out (console sessions), API bearer tokens,
 * and turning a session or token into an Actor for the access-check module.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { AppError, invalid } from '../http/errors.ts';
import { nfc } from '../text/index.ts';
import type { Actor } from './access.ts';
import { dummyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';
import { isRole, type Role } from './roles.ts';

export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,39}$/;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const token = (bytes = 32) => randomBytes(bytes).toString('base64url');

export function validateUsername(username: string): string {
  const u = username.trim().toLowerCase();
  if (!USERNAME_RE.test(u)) {
    throw invalid(
      'username',
      'Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.',
      'A username is 3–40 characters: lower-case letters without accents, digits, dot, hyphen, underscore.',
    );
  }
  return u;
}

export function validatePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid(
      'password',
      `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`,
      `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
    );
  }
  if (password.length > 200)
    throw invalid(
      'password',
      'Mật khẩu quá dài (tối đa 200 ký tự).',
      'The password is too long (200 characters at most).',
    );
}

export interface NewUserInput {
  centerId: number;
  username: string;
  fullName: string;
  roles: readonly string[];
  password: string;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** The pseudo-role that makes a province administrator (`--role province-admin`), not a centre role. */
export const PROVINCE_ADMIN_ROLE = 'province-admin';

export async function createUser(deps: Deps, input: NewUserInput): Promise<number> {
  const username = validateUsername(input.username);
  validatePassword(input.password);
  const fullName = nfc(input.fullName);
  if (!fullName) throw invalid('fullName', 'Cần nhập họ và tên.', 'Full name is required.');
  const roles: Role[] = [];
  let provinceAdmin = false;
  for (const r of input.roles) {
    if (r === PROVINCE_ADMIN_ROLE || r === 'province_admin') {
      provinceAdmin = true;
      continue;
    }
    if (!isRole(r)) throw invalid('role', `Vai trò không hợp lệ: ${r}.`, `Unknown role: ${r}.`);
    roles.push(r);
  }
  if (roles.length === 0 && !provinceAdmin)
    throw invalid('role', 'Cần ít nhất một vai trò.', 'At least one role is required.');
  if (await repo.findUserByUsername(deps.db, username)) throw new AppError('USERNAME_TAKEN');
  const password_hash = await hashPassword(input.password);
  try {
    return await repo.insertUser(
      deps.db,
      {
        center_id: input.centerId,
        username,
        full_name: fullName,
        title: input.title ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        password_hash,
        created_at: deps.now().toISOString(),
        province_admin: provinceAdmin ? 1 : 0,
      },
      roles,
    );
  } catch (e) {
    // A concurrent insert of the same username loses the race on the unique constraint.
    if (await repo.findUserByUsername(deps.db, username)) throw new AppError('USERNAME_TAKEN', [], { cause: e });
    throw e;
  }
}

export async function setPassword(deps: Deps, username: string, password: string): Promise<void> {
  validatePassword(password);
  const user = await repo.findUserByUsername(deps.db, validateUsername(username));
  if (!user) throw new AppError('USER_NOT_FOUND');
  await repo.setPasswordHash(deps.db, user.id, await hashPassword(password));
}

async function actorFor(deps: Deps, userId: number, via: Actor['via']): Promise<Actor | null> {
  const user = await repo.findUserById(deps.db, userId);
  if (!user?.active) return null;
  const roles = new Map<number, Set<Role>>();
  for (const r of await repo.rolesOf(deps.db, user.id)) {
    if (!isRole(r.role)) continue;
    let set = roles.get(r.center_id);
    if (!set) roles.set(r.center_id, (set = new Set()));
    set.add(r.role);
  }
  return {
    userId: user.id,
    username: user.username,
    fullName: user.full_name,
    homeCenterId: user.center_id,
    roles,
    via,
    provinceAdmin: user.province_admin === 1,
    lang: user.lang === 'en' ? 'en' : 'vi',
  };
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
}

/** Verifies the password (constant work whether or not the user exists) and opens a session. */
export async function login(
  deps: Deps,
  usernameRaw: string,
  password: string,
  meta: { ip?: string; userAgent?: string } = {},
): Promise<LoginResult> {
  const username = usernameRaw.trim().toLowerCase();
  const user = USERNAME_RE.test(username) ? await repo.findUserByUsername(deps.db, username) : undefined;
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
  if (!user || !ok || !user.active) {
    await recordRefusedLogin(
      deps,
      username,
      meta.ip,
      user ? (user.active ? 'password' : 'inactive') : 'unknown_user',
      user,
    );
    throw new AppError('LOGIN_FAILED');
  }
  const sessionToken = token();
  const csrfToken = token(24);
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.config.sessionDays * 86_400_000);
  await repo.insertSession(deps.db, {
    id: sha256(sessionToken),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    ip: meta.ip ?? null,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
  });
  await repo.touchLogin(deps.db, user.id, now.toISOString());
  await repo.insertAudit(deps.db, {
    center_id: user.center_id,
    actor_user_id: user.id,
    action: 'auth.login',
    subject: null,
    detail: JSON.stringify({ ip: meta.ip ?? null }),
    at: now.toISOString(),
  });
  const actor = await actorFor(deps, user.id, 'session');
  if (!actor) throw new AppError('LOGIN_FAILED');
  return { sessionToken, csrfToken, expiresAt, actor };
}

/**
 * Audits a refused sign-in (wrong password, unknown or inactive account, too many attempts):
 * who was tried, from which address, why. A username that is not a valid username is not
 * stored (people sometimes type their password in that field).
 */
export async function recordRefusedLogin(
  deps: Deps,
  usernameRaw: string,
  ip: string | undefined,
  reason: 'password' | 'inactive' | 'unknown_user' | 'rate_limited',
  known?: { id: number; center_id: number },
): Promise<void> {
  const username = usernameRaw.trim().toLowerCase();
  const valid = USERNAME_RE.test(username);
  const user = known ?? (valid ? await repo.findUserByUsername(deps.db, username) : undefined);
  await repo.insertAudit(deps.db, {
    center_id: user?.center_id ?? null,
    actor_user_id: null,
    action: reason === 'rate_limited' ? 'auth.login_limited' : 'auth.login_failed',
    subject: valid ? username : null,
    detail: JSON.stringify({ ip: ip ?? null, reason }),
    at: deps.now().toISOString(),
  });
}

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  sessionId: string;
}

export async function resolveSession(deps: Deps, sessionToken: string | undefined): Promise<SessionInfo | null> {
  if (!sessionToken || sessionToken.length > 100) return null;
  const id = sha256(sessionToken);
  const s = await repo.findSession(deps.db, id);
  if (!s) return null;
  if (s.expires_at <= deps.now().toISOString()) {
    await repo.deleteSession(deps.db, id);
    return null;
  }
  const actor = await actorFor(deps, s.user_id, 'session');
  return actor ? { actor, csrfToken: s.csrf_token, sessionId: id } : null;
}

export async function logout(deps: Deps, sessionToken: string | undefined): Promise<void> {
  if (sessionToken) await repo.deleteSession(deps.db, sha256(sessionToken));
}

/** Constant-time comparison of two secrets of any content (lengths compared in bytes). */
export function sameSecretText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function csrfMatches(expected: string, given: unknown): boolean {
  return typeof given === 'string' && sameSecretText(expected, given);
}

export const TOKEN_PREFIX = 'mct_';

/** Creates an API bearer token for a user; the raw token is returned once and stored hashed. */
export async function createApiToken(
  deps: Deps,
  usernameRaw: string,
  name: string,
  days: number | null = null,
): Promise<{ token: string; id: number }> {
  const user = await repo.findUserByUsername(deps.db, validateUsername(usernameRaw));
  if (!user) throw new AppError('USER_NOT_FOUND');
  const label = nfc(name) || 'integration';
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650))
    throw invalid('days', 'Số ngày hiệu lực từ 1 đến 3650.', 'Days must be between 1 and 3650.');
  const secret = token(32);
  const raw = `${TOKEN_PREFIX}${secret}`;
  const now = deps.now();
  const row = await repo.insertToken(deps.db, {
    user_id: user.id,
    name: label.slice(0, 100),
    token_hash: sha256(raw),
    prefix: raw.slice(0, 10),
    created_at: now.toISOString(),
    expires_at: days ? new Date(now.getTime() + days * 86_400_000).toISOString() : null,
  });
  await repo.insertAudit(deps.db, {
    center_id: user.center_id,
    actor_user_id: user.id,
    action: 'auth.token.create',
    subject: String(row.id),
    detail: JSON.stringify({ name: label }),
    at: now.toISOString(),
  });
  return { token: raw, id: row.id };
}

/** How often a token's last use is recorded (ms). */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;

export function tokenUseIsStale(lastUsedAt: string | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - Date.parse(lastUsedAt) >= TOKEN_TOUCH_INTERVAL_MS;
}

export async function resolveApiToken(deps: Deps, raw: string): Promise<Actor | null> {
  if (!raw.startsWith(TOKEN_PREFIX) || raw.length > 100) return null;
  const t = await repo.findToken(deps.db, sha256(raw));
  if (!t || t.revoked_at) return null;
  const nowIso = deps.now().toISOString();
  if (t.expires_at && t.expires_at <= nowIso) return null;
  // Written at most once a minute per token: a read-only API call must not commit a write each time.
  if (tokenUseIsStale(t.last_used_at, deps.now())) await repo.touchToken(deps.db, t.id, nowIso);
  return actorFor(deps, t.user_id, 'token');
}

export function listUsers(deps: Deps, centerId: number) {
  return repo.listUsers(deps.db, centerId);
}

/** Stores the signed-in user's console language (their own setting, decision 025). */
export async function setConsoleLang(deps: Deps, actor: Actor | null, lang: unknown): Promise<'vi' | 'en'> {
  if (!actor || actor.via === 'system') throw new AppError('UNAUTHENTICATED');
  if (lang !== 'vi' && lang !== 'en')
    throw new AppError('VALIDATION_FAILED', [
      { field: 'lang', vi: 'Ngôn ngữ là vi hoặc en.', en: 'The language is vi or en.' },
    ]);
  await repo.setUserLang(deps.db, actor.userId, lang);
  return lang;
}
