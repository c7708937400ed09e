/**
 * The public form's signed timestamp (spam protection without third-party services): the page
 * carries `<issued ms>.<nonce>.<HMAC-SHA256>` bound to the centre; a submission is refused when the
 * signature is wrong, when it comes sooner than MIN_FILL_MS after the page was served (a script,
 * not a person) or later than FORM_TTL_MS (a stale or replayed page). The key is one random row in
 * `home_form_secret`, so every server process signs and checks alike.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../core/deps.ts';
import { FORM_TTL_MS, MIN_FILL_MS } from './model.ts';
import * as repo from './repo.ts';

const keys = new WeakMap<object, Buffer>();

async function keyOf(deps: Deps): Promise<Buffer> {
  const cached = keys.get(deps.db);
  if (cached) return cached;
  const secret = await repo.formSecret(deps.db, () => randomBytes(32).toString('base64url'), deps.now().toISOString());
  const key = Buffer.from(secret, 'base64url');
  keys.set(deps.db, key);
  return key;
}

function mac(key: Buffer, slug: string, issued: number, nonce: string): string {
  return createHmac('sha256', key).update(`ho-tro-tai-nha|${slug}|${issued}|${nonce}`).digest('base64url');
}

export async function issueFormToken(deps: Deps, slug: string): Promise<string> {
  const issued = deps.now().getTime();
  const nonce = randomBytes(9).toString('base64url');
  return `${issued}.${nonce}.${mac(await keyOf(deps), slug, issued, nonce)}`;
}

export type TokenVerdict = 'ok' | 'invalid' | 'too_fast' | 'expired';

export async function checkFormToken(deps: Deps, slug: string, token: unknown): Promise<TokenVerdict> {
  if (typeof token !== 'string' || token.length > 200) return 'invalid';
  const m = /^(\d{10,16})\.([A-Za-z0-9_-]{8,20})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return 'invalid';
  const issued = Number(m[1]);
  const expected = Buffer.from(mac(await keyOf(deps), slug, issued, m[2]!));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = deps.now().getTime() - issued;
  if (age < MIN_FILL_MS) return 'too_fast';
  if (age > FORM_TTL_MS) return 'expired';
  return 'ok';
}
