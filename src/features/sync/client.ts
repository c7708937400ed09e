/**
 * The HTTP client of the portal (DVCQG or the provincial system), in the shape the local
 * simulator serves and docs/dvcqg.md describes:
 *
 *   POST {DVCQG_URL}/api/hoso/them-moi   { "HoSo": [HoSo] }   create (URLThemMoi)
 *   POST {DVCQG_URL}/api/hoso/cap-nhat   { "HoSo": [HoSo] }   update, steps inside (URLCapNhat)
 *   GET  {DVCQG_URL}/api/hoso/truc-tuyen?MaDonVi=<agency code>  online submissions to take
 *
 * Every call carries `Authorization: Bearer <DVCQG_SECRET>` when a secret is configured; a send
 * carries `X-Idempotency-Key: <our code>:<seq>` so that a message whose answer was lost and is sent
 * again is taken once. Answers are `{ error_code, message, … }`, error_code 0 meaning success.
 */
import type { HoSo } from '../dossiers/index.ts';
import { classifyAnswer, type PortalOutcome, type SyncKind } from './model.ts';

export interface PortalConfig {
  url: string;
  secret: string | null;
  timeoutMs: number;
}

export const PATHS = {
  create: '/api/hoso/them-moi',
  update: '/api/hoso/cap-nhat',
  submissions: '/api/hoso/truc-tuyen',
} as const;

function headers(c: PortalConfig, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    accept: 'application/json',
    ...(c.secret ? { authorization: `Bearer ${c.secret}` } : {}),
    ...extra,
  };
}

function networkError(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'Hết thời gian chờ / timed out';
  return `Không kết nối được / cannot connect: ${err.cause?.code ?? err.cause?.message ?? err.message ?? String(e)}`;
}

/** Sends one message; never throws (a network failure is a retryable outcome). */
export async function sendMessage(c: PortalConfig, kind: SyncKind, key: string, hoSo: HoSo): Promise<PortalOutcome> {
  try {
    const res = await fetch(c.url + PATHS[kind], {
      method: 'POST',
      headers: headers(c, { 'x-idempotency-key': key }),
      body: JSON.stringify({ HoSo: [hoSo] }),
      signal: AbortSignal.timeout(c.timeoutMs),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = { message: text.slice(0, 200) };
    }
    return classifyAnswer(res.status, body);
  } catch (e) {
    return { ok: false, retry: true, error: networkError(e), ref: null };
  }
}

/** The online submissions the portal holds for a unit (agency code); throws with a readable message. */
export async function fetchSubmissions(c: PortalConfig, agencyCode: string): Promise<unknown[]> {
  let res: Response;
  try {
    res = await fetch(`${c.url}${PATHS.submissions}?MaDonVi=${encodeURIComponent(agencyCode)}`, {
      headers: headers(c),
      signal: AbortSignal.timeout(c.timeoutMs),
    });
  } catch (e) {
    throw new Error(networkError(e));
  }
  const body = (await res.json().catch(() => null)) as {
    error_code?: unknown;
    message?: unknown;
    HoSo?: unknown;
  } | null;
  const outcome = classifyAnswer(res.status, body);
  if (!outcome.ok) throw new Error(outcome.error ?? `HTTP ${res.status}`);
  return Array.isArray(body?.HoSo) ? (body.HoSo as unknown[]) : [];
}
