/** Per-request context shared by handlers: language, actor, CSRF token, rendering helpers. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Actor } from '../auth/access.ts';
import { AppError } from './errors.ts';
import type { Lang } from './i18n.ts';
import { html } from './render.ts';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    actor: Actor | null;
    /** CSRF token of the console session (null without a session). */
    csrfToken: string | null;
  }
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export function sendPage<P>(reply: FastifyReply, tree: VNode<P>, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html(tree));
}

/** Where a browser asked for the page (path and query), for the language switch link. */
export function pathOf(req: FastifyRequest): string {
  return req.url;
}

export function wantsHtml(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/')) return false;
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') || !accept.includes('application/json');
}
