/**
 * Security headers (helmet's set) of every answer. helmet decides the headers; they are worked out
 * once per configuration, not once per request: @fastify/helmet built a new helmet middleware
 * (all its sub-middlewares, the CSP parsed again) for each request, which made the largest share
 * of a public page's garbage (decision 055). A route may relax them with
 * `config: { securityHeaders: { … } }` (the embeddable fragment may be framed).
 */
import { IncomingMessage, type ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** Content-Security-Policy of every page: no inline script or style, no framing (a route may relax frameAncestors). */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's changes to the security headers (merged over the app's options). */
    securityHeaders?: HelmetOptions;
    /** The headers that gives, worked out when the route is registered (set by registerSecurityHeaders). */
    securityHeadersSet?: SecurityHeaders;
  }
}

/** What helmet does to a response for these options: headers set, headers removed. */
export interface SecurityHeaders {
  set: readonly (readonly [string, string])[];
  remove: readonly string[];
}

/** helmet's middleware run once against a recorder (its directives are static strings, no per-request nonce). */
function securityHeadersFor(options: HelmetOptions): SecurityHeaders {
  const set: [string, string][] = [];
  const remove: string[] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      set.push([name, String(value)]);
    },
    removeHeader(name: string) {
      remove.push(name);
    },
  };
  const state: { finished: boolean; failure: Error | null } = { finished: false, failure: null };
  helmet(options)(new IncomingMessage(new Socket()), recorder as unknown as ServerResponse, (err) => {
    if (err) state.failure = err instanceof Error ? err : new Error(`helmet: ${JSON.stringify(err)}`);
    state.finished = true;
  });
  if (state.failure) throw state.failure;
  if (!state.finished) throw new Error('helmet did not finish synchronously');
  return { set, remove };
}

/** Sets the headers on every answer of `app` (the not-found and error answers too). */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const base = securityHeadersFor(options);
  // A route's own set, worked out when it is registered.
  app.addHook('onRoute', (route) => {
    const own = route.config?.securityHeaders;
    if (own)
      route.config = {
        ...route.config,
        securityHeadersSet: securityHeadersFor({ ...options, ...own } as HelmetOptions),
      };
  });
  app.addHook('onRequest', (req, reply, done) => {
    const h = req.routeOptions.config.securityHeadersSet ?? base;
    const res = reply.raw;
    for (const name of h.remove) res.removeHeader(name);
    for (const [name, value] of h.set) res.setHeader(name, value);
    done();
  });
}
