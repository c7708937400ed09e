/**
 * Limits on console sign-in (README, docs/decisions/033). Counted after the form is parsed, so
 * the username is known:
 * - every attempt per (IP, username): LOGIN_RATE_LIMIT per 15 minutes;
 * - failed attempts per username from any IP: 3 × LOGIN_RATE_LIMIT (password guessing spread
 *   over many addresses);
 * - failed attempts per IP for any username: 10 × LOGIN_RATE_LIMIT (one address trying many
 *   accounts), high enough for a centre whose staff share one address.
 * A successful sign-in clears the username's failures. The IP is Fastify's `req.ip`, which trusts
 * X-Forwarded-For only as far as TRUST_PROXY says (hop count or proxy addresses).
 */
import type { LimitStore } from '../http/limits.ts';

export const LOGIN_WINDOW_MS = 15 * 60_000;

export interface LoginLimitKeys {
  ipUser: string;
  user: string;
  ip: string;
}

export function loginKeys(ip: string, username: string): LoginLimitKeys {
  const u = username.trim().toLowerCase().slice(0, 60);
  return { ipUser: `login|ip-user|${ip}|${u}`, user: `login|user|${u}`, ip: `login|ip|${ip}` };
}

/** Counts this attempt and says whether it may go ahead (false = answer 429). */
export async function admitLogin(store: LimitStore, keys: LoginLimitKeys, max: number): Promise<boolean> {
  const [attempts, userFails, ipFails] = await Promise.all([
    store.hit(keys.ipUser, LOGIN_WINDOW_MS),
    store.peek(keys.user),
    store.peek(keys.ip),
  ]);
  return attempts.count <= max && userFails.count < 3 * max && ipFails.count < 10 * max;
}

export async function recordLoginFailure(store: LimitStore, keys: LoginLimitKeys): Promise<void> {
  await Promise.all([store.hit(keys.user, LOGIN_WINDOW_MS), store.hit(keys.ip, LOGIN_WINDOW_MS)]);
}

export async function recordLoginSuccess(store: LimitStore, keys: LoginLimitKeys): Promise<void> {
  await Promise.all([store.reset(keys.user), store.reset(keys.ipUser)]);
}
