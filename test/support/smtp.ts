/**
 * A real SMTP server on 127.0.0.1 for the tests (the `smtp-server` package: EHLO, STARTTLS,
 * AUTH LOGIN/PLAIN, MAIL, RCPT, DATA), recording what it accepted, and a reader that decodes a
 * received message as a mail client would (`mailparser`).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAuthentication } from 'smtp-server';
import { simpleParser } from 'mailparser';

/** A self-signed certificate for localhost/127.0.0.1, for the test server's STARTTLS only (not a secret). */
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
  /** `LOGIN user` / `PLAIN user`, or null without authentication. */
  auth: string | null;
  /** Whether the session was inside TLS when it authenticated. */
  authInTls: boolean;
  from: string;
  to: string[];
  raw: string;
}

export async function startTestSmtp(
  o: { user?: string; pass?: string; rejectRcpt?: RegExp; failData?: boolean; starttls?: boolean } = {},
) {
  const mails: ReceivedMail[] = [];
  const auths = new Map<string, { auth: string; inTls: boolean }>();
  const server = new SMTPServer({
    name: 'smtp.test',
    secure: false,
    key: TEST_TLS.key,
    cert: TEST_TLS.cert,
    disabledCommands: o.starttls ? [] : ['STARTTLS'],
    authMethods: ['LOGIN', 'PLAIN'],
    authOptional: !o.user,
    allowInsecureAuth: !o.starttls,
    logger: false,
    onAuth(auth: SMTPServerAuthentication, session, done) {
      if (auth.username !== o.user || auth.password !== o.pass) {
        done(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
        return;
      }
      auths.set(session.id, { auth: `${auth.method} ${auth.username ?? ''}`, inTls: session.secure });
      done(null, { user: auth.username });
    },
    onRcptTo(address, _session, done) {
      if (o.rejectRcpt?.test(address.address)) {
        done(Object.assign(new Error('No such user'), { responseCode: 550 }));
        return;
      }
      done();
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (o.failData) {
          done(Object.assign(new Error('message refused'), { responseCode: 554 }));
          return;
        }
        const a = auths.get(session.id);
        mails.push({
          auth: a?.auth ?? null,
          authInTls: a?.inTls ?? false,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Decodes a received message as a mail client would: subject, text body, headers. */
export async function decodeMail(
  raw: string,
): Promise<{ subject: string; text: string; headers: Map<string, unknown> }> {
  const m = await simpleParser(raw);
  return { subject: m.subject ?? '', text: m.text ?? '', headers: m.headers };
}
