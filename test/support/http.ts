/** Real app + Fastify inject, and a helper that signs in through the login form. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/core/http/app.ts';
import type { TestDb } from './db.ts';

export async function testApp(t: TestDb): Promise<FastifyInstance> {
  const app = await buildApp(t.deps, { logger: false });
  await app.ready();
  return app;
}

export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.cookies) out[c.name] = c.value;
  return out;
}

export function hiddenCsrf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no _csrf field in page');
  return m[1]!;
}

export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs in through GET/POST /console/login and returns the session cookie and CSRF token. */
export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Session> {
  const page = await app.inject({ method: 'GET', url: '/console/login' });
  const loginCsrf = cookiesOf(page).mc_login_csrf!;
  const res = await app.inject({
    method: 'POST',
    url: '/console/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `mc_login_csrf=${loginCsrf}` },
    payload: new URLSearchParams({ _csrf: hiddenCsrf(page.body), username, password }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode}`);
  const cookie = `mc_session=${cookiesOf(res).mc_session}`;
  const consolePage = await app.inject({ method: 'GET', url: '/console', headers: { cookie } });
  return { cookie, csrf: hiddenCsrf(consolePage.body) };
}

export function form(s: Session, fields: Record<string, string>) {
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.cookie },
    payload: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
  };
}
