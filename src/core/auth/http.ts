/**
 * Authentication for HTTP: resolves the actor from a bearer token (API) or the console
 * session cookie, and enforces CSRF on every state-changing request made with a cookie.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { explicitLang } from '../http/i18n.ts';
import { csrfMatches, resolveApiToken, resolveSession } from './service.ts';

export const SESSION_COOKIE = 'mc_session';
export const LOGIN_CSRF_COOKIE = 'mc_login_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1]! : '';
}

function submittedCsrf(req: FastifyRequest): unknown {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = req.body;
  if (body && typeof body === 'object' && '_csrf' in body) return body._csrf;
  return undefined;
}

export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('preHandler', async (req) => {
    // /metrics carries its own bearer token (METRICS_TOKEN, checked in core/http/health.ts), not an account's.
    if (req.routeOptions.url === '/metrics') return;
    const token = bearer(req);
    if (token !== null) {
      const actor = token ? await resolveApiToken(deps, token) : null;
      if (!actor) throw new AppError('UNAUTHENTICATED');
      req.actor = actor;
      return; // bearer requests carry no ambient credentials: no CSRF check needed
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) {
      const s = await resolveSession(deps, cookie);
      if (s) {
        req.actor = s.actor;
        req.csrfToken = s.csrfToken;
        // The console speaks the user's own language; the public cookie and the browser do not count.
        if (req.url.startsWith('/console')) req.lang = explicitLang(req.query) ?? s.actor.lang ?? 'vi';
      }
    }
    if (UNSAFE.has(req.method) && req.actor && req.csrfToken) {
      if (!csrfMatches(req.csrfToken, submittedCsrf(req))) throw new AppError('CSRF_INVALID');
    }
  });
}

export function cookieOptions(deps: Deps, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.trustProxy,
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}
