/** Console sign-in and sign-out pages, and GET /api/v1/me. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { requireActor, sendPage } from '../http/context.ts';
import { AnyQuery, FormBody } from '../http/schemas.ts';
import { cookieOptions, LOGIN_CSRF_COOKIE, SESSION_COOKIE } from './http.ts';
import { csrfMatches, login, logout, recordRefusedLogin, setConsoleLang } from './service.ts';
import { admitLogin, loginKeys, recordLoginFailure, recordLoginSuccess } from './login-limits.ts';
import type { LimitStore } from '../http/limits.ts';
import { LoginPage } from './pages/login.tsx';
import { ROLE_LABELS, type Role } from './roles.ts';

/** Only same-site console paths may be used as a post-login destination. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/console(\/[\w\-/.?=&%]*)?$/.test(next) ? next : '/console';
}

interface AuthOptions {
  demoHint: () => string | null;
  limits: LimitStore;
}

/** The sign-in page and form (CSRF cookie of its own, login rate limits). */
function registerLoginPages(app: FastifyInstance, deps: Deps, opts: AuthOptions): void {
  const { limits } = opts;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/login', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    if (req.actor) return reply.redirect('/console');
    const csrf = randomBytes(18).toString('base64url');
    reply.setCookie(LOGIN_CSRF_COOKIE, csrf, cookieOptions(deps, 3600));
    const q = req.query;
    return sendPage(
      reply,
      h(LoginPage, {
        lang: req.lang,
        path: req.url,
        csrf,
        next: q.next ? safeNext(q.next) : undefined,
        demoHint: opts.demoHint(),
      }),
    );
  });

  r.post('/console/login', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const body = req.body ?? {};
    const username = typeof body.username === 'string' ? body.username : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const keys = loginKeys(req.ip, username);
    if (!(await admitLogin(limits, keys, deps.config.loginRateLimit))) {
      await recordRefusedLogin(deps, username, req.ip, 'rate_limited');
      throw new AppError('RATE_LIMITED');
    }
    const renderError = (error: 'loginFailed' | 'formExpired', status: number) => {
      const csrf = randomBytes(18).toString('base64url');
      reply.setCookie(LOGIN_CSRF_COOKIE, csrf, cookieOptions(deps, 3600));
      return sendPage(
        reply,
        h(LoginPage, {
          lang: req.lang,
          path: '/console/login',
          csrf,
          username,
          error,
          next: safeNext(body.next),
          demoHint: opts.demoHint(),
        }),
        status,
      );
    };
    const expected = req.cookies[LOGIN_CSRF_COOKIE];
    if (!expected || !csrfMatches(expected, body._csrf)) return renderError('formExpired', 403);
    try {
      const r = await login(deps, username, password, { ip: req.ip, userAgent: req.headers['user-agent'] });
      await recordLoginSuccess(limits, keys);
      reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/' });
      reply.setCookie(
        SESSION_COOKIE,
        r.sessionToken,
        cookieOptions(deps, Math.floor((r.expiresAt.getTime() - Date.now()) / 1000)),
      );
      // A province administrator with no centre role has only the province console.
      const home = r.actor.provinceAdmin && r.actor.roles.size === 0 ? '/console/province-admin' : safeNext(body.next);
      return reply.redirect(home, 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'LOGIN_FAILED') {
        await recordLoginFailure(limits, keys);
        return renderError('loginFailed', 401);
      }
      throw e;
    }
  });
}

const meSchema = {
  operationId: 'getMe',
  tags: ['accounts'],
  summary: 'The signed-in user or token owner, with roles per centre',
  security: [{ bearer: [] }],
  response: {
    200: Type.Object({
      username: Type.String(),
      fullName: Type.String(),
      centers: Type.Array(
        Type.Object({
          centerId: Type.Integer(),
          roles: Type.Array(Type.Object({ role: Type.String(), label: Type.String() })),
        }),
      ),
    }),
  },
};

/** Sign-out, the console's language switch and GET /api/v1/me. */
function registerSessionRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/console/logout', { schema: { hide: true } }, async (req, reply) => {
    await logout(deps, req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/console/login', 303);
  });

  // The console's language switch: a form (works without JavaScript) that stores the user's setting.
  r.post(
    '/console/language',
    {
      schema: {
        hide: true,
        body: Type.Object({
          lang: Type.String({ maxLength: 5 }),
          next: Type.Optional(Type.String({ maxLength: 500 })),
        }),
      },
    },
    async (req, reply) => {
      const body = req.body;
      await setConsoleLang(deps, requireActor(req), body.lang);
      return reply.redirect(safeNext(body.next?.replace(/([?&])lang=(vi|en)&?/, '$1').replace(/[?&]$/, '')), 303);
    },
  );

  r.get('/api/v1/me', { schema: meSchema }, async (req) => {
    const actor = requireActor(req);
    return {
      username: actor.username,
      fullName: actor.fullName,
      centers: [...actor.roles].map(([centerId, roles]) => ({
        centerId,
        roles: [...roles].map((r: Role) => ({ role: r, label: ROLE_LABELS[r][req.lang] })),
      })),
    };
  });
}

export function registerAuthRoutes(app: FastifyInstance, deps: Deps, opts: AuthOptions): void {
  registerLoginPages(app, deps, opts);
  registerSessionRoutes(app, deps);
}
