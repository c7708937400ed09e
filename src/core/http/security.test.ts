/** Security headers worked out once equal what helmet's middleware sets on each response. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { CSP_DIRECTIVES, registerSecurityHeaders } from './security.ts';

const BASE: HelmetOptions = { contentSecurityPolicy: { directives: CSP_DIRECTIVES }, hsts: false };
const EMBED: HelmetOptions = {
  frameguard: false,
  contentSecurityPolicy: { directives: { ...CSP_DIRECTIVES, frameAncestors: ['*'] } },
};

/** The headers a bare node:http server gets from helmet's own middleware, request by request. */
async function helmetHeaders(options: HelmetOptions): Promise<Record<string, string>> {
  const mw = helmet(options);
  const server = createServer((req, res) => {
    res.setHeader('X-Powered-By', 'something');
    mw(req, res, () => {
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const res = await fetch(`http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`);
    await res.text();
    return Object.fromEntries(res.headers);
  } finally {
    server.close();
  }
}

const securityOnly = (h: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(h).filter(
      ([k]) => !['date', 'connection', 'keep-alive', 'content-length', 'content-type'].includes(k),
    ),
  );

test('every answer carries exactly helmet’s headers; a route’s own options apply to it alone', async () => {
  const app = Fastify();
  registerSecurityHeaders(app, BASE);
  app.get('/page', () => 'page');
  app.get('/embed', { config: { securityHeaders: EMBED } }, () => 'embed');
  await app.ready();
  const page = await app.inject({ url: '/page' });
  const embed = await app.inject({ url: '/embed' });
  const missing = await app.inject({ url: '/nowhere' });

  const expected = securityOnly(await helmetHeaders(BASE));
  assert.deepEqual(securityOnly(page.headers), expected);
  assert.deepEqual(securityOnly(missing.headers), expected, 'the 404 answer too');
  assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
  assert.equal(page.headers['x-frame-options'], 'SAMEORIGIN');
  assert.equal(page.headers['strict-transport-security'], undefined, 'hsts off as asked');

  assert.deepEqual(
    securityOnly(embed.headers),
    securityOnly(await helmetHeaders({ ...BASE, ...EMBED } as HelmetOptions)),
  );
  assert.equal(embed.headers['x-frame-options'], undefined);
  assert.match(String(embed.headers['content-security-policy']), /frame-ancestors \*/);
  await app.close();
});

test('HSTS is sent when asked for (behind a TLS proxy)', async () => {
  const app = Fastify();
  registerSecurityHeaders(app, { ...BASE, hsts: true });
  app.get('/', () => 'ok');
  const res = await app.inject({ url: '/' });
  assert.match(String(res.headers['strict-transport-security']), /^max-age=\d+; includeSubDomains$/);
  await app.close();
});
