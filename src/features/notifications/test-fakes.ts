/**
 * Test peers on 127.0.0.1: a tiny SMTP server (EHLO, AUTH LOGIN/PLAIN, MAIL, RCPT, DATA, QUIT)
 * and an HTTP gateway that records JSON posts. Real protocol peers, used by the tests only.
 */
import net from 'node:net';
import tls from 'node:tls';
import http from 'node:http';

/** A self-signed certificate for localhost/127.0.0.1, for the fake SMTP server's STARTTLS only (not a secret). */
export const TEST_TLS = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQguna4iMycN98UoiUq
e364QkLAIc4w0ZD+d5caunW/hxGhRANCAAR2jIuoPHDtQVnHBjg8n7+8YSEXgCxx
qXfcsisDqmTyXQC3Pzb8EAiwm8POBkajPOMmN5nqdZPWCQkZilo06JRj
-----END PRIVATE KEY-----`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUHakDvS5aPtj9YZqSTCpL5xVDK+wwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNTIwNDA0MloYDzIxMjYxMTAx
MjA0MDQyWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAR2jIuoPHDtQVnHBjg8n7+8YSEXgCxxqXfcsisDqmTyXQC3Pzb8EAiw
m8POBkajPOMmN5nqdZPWCQkZilo06JRjo28wbTAdBgNVHQ4EFgQUTfSDdS9sOxlx
1NB18X788jlbhxYwHwYDVR0jBBgwFoAUTfSDdS9sOxlx1NB18X788jlbhxYwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDRwAwRAIgUhMoDeZlfhtp4WaFn0yNNfp7090ZCJjuvrMf6czc5KQCIGZV
lYP3HgiY4DBVT0fQDsAoJfOddvTFgzphIMzXpRAj
-----END CERTIFICATE-----`,
};

export interface ReceivedMail {
  auth: string | null;
  from: string;
  to: string[];
  data: string;
}

/** Decodes the mail as a reader would: the Subject's encoded words and the base64 body. */
export function decodeMail(data: string): { headers: Record<string, string>; subject: string; text: string } {
  const [head = '', body = ''] = data.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const subject = (headers.subject ?? '').replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_m, b64: string) =>
    Buffer.from(b64, 'base64').toString('utf8'),
  );
  const text = Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8');
  return { headers, subject, text };
}

export async function startFakeSmtp(
  o: { user?: string; pass?: string; rejectRcpt?: RegExp; failData?: boolean; starttls?: boolean } = {},
) {
  const mails: ReceivedMail[] = [];
  const transcripts: string[][] = [];
  const server = net.createServer((plain) => {
    let sock: net.Socket = plain;
    let secure = false;
    const lines: string[] = [];
    transcripts.push(lines);
    let buf = '';
    let mode: 'cmd' | 'data' | 'auth-user' | 'auth-pass' = 'cmd';
    let auth: string | null = null;
    let user = '';
    let from = '';
    let to: string[] = [];
    let data: string[] = [];
    const say = (s: string) => sock.write(`${s}\r\n`);
    say('220 fake.smtp.test ESMTP ready');
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (mode === 'data') {
          if (line === '.') {
            mode = 'cmd';
            if (o.failData) say('554 5.6.0 message refused');
            else {
              mails.push({ auth, from, to, data: data.join('\r\n') });
              say(`250 2.0.0 Ok: queued as Q${mails.length}`);
            }
            data = [];
          } else data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        lines.push(line);
        if (mode === 'auth-user') {
          user = Buffer.from(line, 'base64').toString('utf8');
          mode = 'auth-pass';
          say('334 UGFzc3dvcmQ6');
          continue;
        }
        if (mode === 'auth-pass') {
          const pass = Buffer.from(line, 'base64').toString('utf8');
          mode = 'cmd';
          if (user === o.user && pass === o.pass) {
            auth = `LOGIN ${user}`;
            say('235 2.7.0 Authentication successful');
          } else say('535 5.7.8 Authentication failed');
          continue;
        }
        const cmd = line.split(' ')[0]!.toUpperCase();
        if (cmd === 'EHLO')
          sock.write(
            `250-fake.smtp.test\r\n${o.starttls && !secure ? '250-STARTTLS\r\n' : ''}250-AUTH LOGIN PLAIN\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n`,
          );
        else if (cmd === 'STARTTLS' && o.starttls && !secure) {
          say('220 2.0.0 Ready to start TLS');
          sock.off('data', onData);
          const s2 = new tls.TLSSocket(sock, { isServer: true, key: TEST_TLS.key, cert: TEST_TLS.cert });
          s2.on('data', onData);
          s2.on('error', () => s2.destroy());
          sock = s2;
          secure = true;
          lines.push('(tls)');
        } else if (cmd === 'AUTH' && /^AUTH LOGIN$/i.test(line)) {
          mode = 'auth-user';
          say('334 VXNlcm5hbWU6');
        } else if (cmd === 'AUTH' && /^AUTH PLAIN /i.test(line)) {
          const [, u, p] = Buffer.from(line.slice(11), 'base64').toString('utf8').split('\0');
          if (u === o.user && p === o.pass) {
            auth = `PLAIN ${u}`;
            say('235 2.7.0 Authentication successful');
          } else say('535 5.7.8 Authentication failed');
        } else if (cmd === 'MAIL') {
          if (o.user && !auth) say('530 5.7.0 Authentication required');
          else {
            from = /<([^>]*)>/.exec(line)?.[1] ?? '';
            to = [];
            say('250 2.1.0 Ok');
          }
        } else if (cmd === 'RCPT') {
          const addr = /<([^>]*)>/.exec(line)?.[1] ?? '';
          if (o.rejectRcpt?.test(addr)) say('550 5.1.1 No such user');
          else {
            to.push(addr);
            say('250 2.1.5 Ok');
          }
        } else if (cmd === 'DATA') {
          mode = 'data';
          say('354 End data with <CR><LF>.<CR><LF>');
        } else if (cmd === 'RSET' || cmd === 'NOOP') say('250 Ok');
        else if (cmd === 'QUIT') {
          say('221 Bye');
          sock.end();
        } else say('502 5.5.2 Command not recognised');
      }
    };
    sock.on('data', onData);
    sock.on('error', () => sock.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    mails,
    transcripts,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

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
  const port = (server.address() as net.AddressInfo).port;
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
