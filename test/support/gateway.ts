/** An HTTP gateway on 127.0.0.1 for the tests: records each JSON POST (SMS/Zalo webhooks and the like). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayPost {
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** An HTTP gateway on 127.0.0.1: records each JSON POST and answers with `respond` (default 200 {"id": "prov-<n>"}). */
export async function startFakeGateway(respond?: (post: GatewayPost, n: number) => { status: number; body?: unknown }) {
  const posts: GatewayPost[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = { raw };
      }
      const post = { headers: req.headers, body };
      posts.push(post);
      const r = respond ? respond(post, posts.length) : { status: 200, body: { id: `prov-${posts.length}` } };
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(r.body === undefined ? '' : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/send`,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
