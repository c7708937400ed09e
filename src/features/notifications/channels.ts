/**
 * Delivery channels of the outbox: the file channel (demo: each message written under a folder),
 * e-mail over SMTP (a small client on node:net / node:tls: EHLO, STARTTLS, AUTH LOGIN/PLAIN,
 * MAIL, RCPT, DATA), and SMS / Zalo through a provider's HTTP webhook (a JSON POST). A channel
 * that is not configured is absent: no message is created for it.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import tls from 'node:tls';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import { toLocal } from '../../core/calendar/index.ts';
import type { Kind, NotificationChannel } from './model.ts';

export interface OutgoingMessage {
  id: number;
  kind: Kind;
  channel: NotificationChannel;
  recipient: string;
  subject: string;
  body: string;
  dossierCode: string | null;
}

export interface SendResult {
  providerId: string | null;
  delivered: boolean;
}

/** A failed send. `permanent` when trying again cannot help (the recipient was refused). */
export class ChannelError extends Error {
  readonly permanent: boolean;
  constructor(message: string, opts: { permanent?: boolean; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'ChannelError';
    this.permanent = opts.permanent ?? false;
  }
}

export interface Channel {
  send(m: OutgoingMessage, now: Date): Promise<SendResult>;
}
export type Channels = Partial<Record<NotificationChannel, Channel>>;

/** The channels this configuration enables. */
export function channelsFromConfig(config: Config): Channels {
  const n = config.notify;
  const out: Channels = {};
  if (n.fileDir) out.file = fileChannel(n.fileDir);
  if (n.smtpUrl && n.smtpFrom) out.email = smtpChannel({ url: n.smtpUrl, from: n.smtpFrom });
  if (n.smsWebhookUrl) out.sms = webhookChannel({ url: n.smsWebhookUrl, secret: n.webhookSecret, channel: 'sms' });
  if (n.zaloWebhookUrl) out.zalo = webhookChannel({ url: n.zaloWebhookUrl, secret: n.webhookSecret, channel: 'zalo' });
  return out;
}

export function enabledChannels(config: Config): Set<NotificationChannel> {
  return new Set(Object.keys(channelsFromConfig(config)) as NotificationChannel[]);
}

// ---- File ----

/**
 * Writes `<dir>/<yyyy-mm-dd>/<id>-<kind>-<sms|email>.txt` (the day in Vietnam; the suffix says
 * which real channel the file stands in for). Written to a temporary name and renamed, so a
 * reader never sees half a message. Counts as delivered.
 */
export function fileChannel(dir: string): Channel {
  return {
    async send(m, now) {
      const day = toLocal(now).date;
      const standIn = m.recipient.includes('@') ? 'email' : 'sms';
      const rel = `${day}/${m.id}-${m.kind}-${standIn}.txt`;
      const text = [
        `Đến / To: ${m.recipient}`,
        `Kênh / Channel: file (${standIn})`,
        `Loại / Kind: ${m.kind}`,
        `Hồ sơ / Dossier: ${m.dossierCode ?? '-'}`,
        `Thời điểm / At: ${now.toISOString()}`,
        `Tiêu đề / Subject: ${m.subject}`,
        '',
        m.body,
        '',
      ].join('\n');
      try {
        mkdirSync(join(dir, day), { recursive: true, mode: 0o700 });
        const tmp = join(dir, day, `.${m.id}.${randomBytes(4).toString('hex')}.tmp`);
        writeFileSync(tmp, text, { encoding: 'utf8', mode: 0o600 });
        renameSync(tmp, join(dir, rel));
      } catch (e) {
        throw new ChannelError(
          `Không ghi được tệp / cannot write the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          { cause: e },
        );
      }
      return { providerId: rel, delivered: true };
    },
  };
}

// ---- Webhook (SMS, Zalo) ----

/**
 * POSTs `{ reference, channel, kind, to, toInternational, subject, text, dossierCode }` as JSON
 * with the shared secret in `X-Webhook-Secret`. 2xx = accepted (the provider's id is read from
 * `id`, `messageId` or `providerId` of a JSON answer); 4xx other than 408/429 = refused for good;
 * anything else, a time-out or a network error = try again later.
 */
export function webhookChannel(o: {
  url: string;
  secret: string | null;
  channel: 'sms' | 'zalo';
  timeoutMs?: number;
}): Channel {
  return {
    async send(m) {
      const payload = {
        reference: String(m.id),
        channel: o.channel,
        kind: m.kind,
        to: m.recipient,
        toInternational: m.recipient.startsWith('0') ? `84${m.recipient.slice(1)}` : m.recipient,
        subject: m.subject,
        text: m.body,
        dossierCode: m.dossierCode,
      };
      let res: Response;
      try {
        res = await fetch(o.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            accept: 'application/json',
            ...(o.secret ? { 'x-webhook-secret': o.secret } : {}),
          },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
          redirect: 'error',
        });
      } catch (e) {
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        const detail = cause?.code ?? cause?.message;
        const why =
          e instanceof Error && e.name === 'TimeoutError'
            ? 'hết thời gian chờ / timed out'
            : `${(e as Error).message}${detail ? ` (${detail})` : ''}`;
        throw new ChannelError(`Cổng ${o.channel} không trả lời / gateway unreachable: ${why}`, { cause: e });
      }
      const text = await res.text().catch(() => '');
      if (!res.ok) {
        const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
        throw new ChannelError(
          `Cổng ${o.channel} từ chối / gateway refused: HTTP ${res.status} ${text.slice(0, 200)}`.trim(),
          { permanent },
        );
      }
      let providerId: string | null = null;
      try {
        const j = JSON.parse(text) as Record<string, unknown>;
        const v = j.id ?? j.messageId ?? j.providerId;
        if (typeof v === 'string' || typeof v === 'number') providerId = String(v).slice(0, 200);
      } catch {
        providerId = null; // a 2xx without JSON is an acceptance without an id
      }
      return { providerId, delivered: false };
    },
  };
}

// ---- SMTP ----

interface Reply {
  code: number;
  lines: string[];
}

/** A line-oriented SMTP conversation over a socket that can be upgraded to TLS. */
class SmtpConversation {
  private socket: net.Socket;
  private buf = '';
  private lines: string[] = [];
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private readonly onData = (chunk: Buffer) => {
    this.buf += chunk.toString('utf8');
    let i: number;
    while ((i = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, i).replace(/\r$/, '');
      this.buf = this.buf.slice(i + 1);
      this.lines.push(line);
      if (/^\d{3}(?: |$)/.test(line)) this.complete();
    }
  };
  private readonly onError = (e: Error) => {
    this.fail(e);
  };
  private readonly onClose = () => {
    this.fail(new Error('connection closed by the server'));
  };
  private replies: Reply[] = [];

  private readonly timeoutMs: number;

  constructor(socket: net.Socket, timeoutMs: number) {
    this.socket = socket;
    this.timeoutMs = timeoutMs;
    this.attach();
  }

  private attach() {
    this.socket.on('data', this.onData);
    this.socket.on('error', this.onError);
    this.socket.on('close', this.onClose);
    this.socket.setTimeout(this.timeoutMs, () => {
      this.fail(new Error('timed out'));
    });
  }

  private detach() {
    this.socket.off('data', this.onData);
    this.socket.off('error', this.onError);
    this.socket.off('close', this.onClose);
    this.socket.setTimeout(0);
  }

  private complete() {
    const lines = this.lines;
    this.lines = [];
    const reply: Reply = { code: Number(lines[lines.length - 1]!.slice(0, 3)), lines: lines.map((l) => l.slice(4)) };
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w.resolve(reply);
    } else this.replies.push(reply);
  }

  private fail(e: Error) {
    if (this.failure) return;
    this.failure = e;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w.reject(e);
    }
    this.socket.destroy();
  }

  read(): Promise<Reply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /** Sends a line and reads the reply; a reply outside `expect` is an SmtpReplyError. */
  async command(line: string, expect: number[], what = line.split(' ')[0]!): Promise<Reply> {
    if (this.failure) throw this.failure;
    this.socket.write(`${line}\r\n`);
    return this.expect(expect, what);
  }

  async expect(expect: number[], what: string): Promise<Reply> {
    const r = await this.read();
    if (!expect.includes(r.code)) throw new SmtpReplyError(what, r);
    return r;
  }

  writeRaw(data: string) {
    this.socket.write(data);
  }

  async startTls(servername: string, rejectUnauthorized: boolean): Promise<void> {
    this.detach();
    const plain = this.socket;
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect(
        { socket: plain, servername: net.isIP(servername) ? undefined : servername, rejectUnauthorized },
        () => {
          resolve(s);
        },
      );
      s.once('error', reject);
    });
    this.socket = secure;
    this.attach();
  }

  get secure(): boolean {
    return this.socket instanceof tls.TLSSocket;
  }

  close() {
    this.detach();
    this.socket.on('error', () => this.socket.destroy());
    this.socket.end();
  }
}

export class SmtpReplyError extends Error {
  readonly code: number;
  readonly stage: string;
  constructor(stage: string, r: Reply) {
    super(`SMTP ${stage}: ${r.code} ${r.lines.join(' ').slice(0, 200)}`);
    this.name = 'SmtpReplyError';
    this.code = r.code;
    this.stage = stage;
  }
}

/** RFC 2047 encoded words (UTF-8, base64) for a header value, folded; ASCII text is left as it is. */
export function encodeHeader(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const ch of value) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** `Name <addr@x>` or `addr@x` → the envelope address and the From header. */
export function parseFrom(from: string): { address: string; header: string } {
  const m = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from);
  if (!m) return { address: from.trim(), header: from.trim() };
  const name = m[1]!.replace(/^"|"$/g, '');
  if (!name) return { address: m[2]!, header: m[2]! };
  const shown = /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : encodeHeader(name);
  return { address: m[2]!, header: `${shown} <${m[2]!}>` };
}

/** The message as sent after DATA: headers, a base64 UTF-8 text body, CRLF line ends, dot-stuffed. */
export function buildMime(o: {
  fromHeader: string;
  to: string;
  subject: string;
  text: string;
  date: Date;
  messageId: string;
}): string {
  const date = o.date.toUTCString().replace(/GMT$/, '+0000');
  const body = Buffer.from(o.text.replace(/\r?\n/g, '\r\n'), 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n');
  const lines = [
    `From: ${o.fromHeader}`,
    `To: <${o.to}>`,
    `Subject: ${encodeHeader(o.subject)}`,
    `Date: ${date}`,
    `Message-ID: ${o.messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    'Auto-Submitted: auto-generated',
    '',
    body,
  ].join('\r\n');
  return lines.replace(/^\./gm, '..');
}

const isLoopback = (host: string) =>
  host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');

export interface SmtpOptions {
  url: string;
  from: string;
  timeoutMs?: number;
  rejectUnauthorized?: boolean;
}

/** Sends one message; resolves with the Message-ID. Throws ChannelError (permanent when the server refuses the recipient or the message). */
export async function sendMail(
  o: SmtpOptions,
  m: { to: string; subject: string; text: string; date: Date; id: number },
): Promise<string> {
  const url = new URL(o.url);
  const implicitTls = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : implicitTls ? 465 : 587;
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const rejectUnauthorized = o.rejectUnauthorized ?? true;
  const timeoutMs = o.timeoutMs ?? 30_000;
  const from = parseFrom(o.from);
  const domain = from.address.split('@')[1] ?? 'localhost';
  const messageId = `<n${m.id}.${randomBytes(6).toString('hex')}@${domain}>`;

  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const s: net.Socket = implicitTls
      ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, rejectUnauthorized }, () => {
          resolve(s);
        })
      : net.connect({ host, port }, () => {
          resolve(s);
        });
    s.setTimeout(timeoutMs, () => s.destroy(new Error('timed out')));
    s.once('error', reject);
  }).catch((e: Error) => {
    throw new ChannelError(
      `Không kết nối được máy chủ thư / cannot reach the SMTP server: ${(e as NodeJS.ErrnoException).code ?? e.message}`,
      { cause: e },
    );
  });
  const c = new SmtpConversation(socket, timeoutMs);
  try {
    await c.expect([220], 'greeting');
    let ehlo = await c.command(`EHLO ${domain}`, [250]);
    const has = (ext: string) => ehlo.lines.some((l) => l.toUpperCase().startsWith(ext));
    if (!c.secure && has('STARTTLS')) {
      await c.command('STARTTLS', [220]);
      await c.startTls(host, rejectUnauthorized);
      ehlo = await c.command(`EHLO ${domain}`, [250]);
    }
    if (user) {
      if (!c.secure && !isLoopback(host))
        throw new ChannelError(
          'Máy chủ thư không hỗ trợ STARTTLS, không gửi mật khẩu qua kết nối không mã hóa / the SMTP server offers no STARTTLS; refusing to send the password in clear',
        );
      const auth = ehlo.lines.find((l) => l.toUpperCase().startsWith('AUTH'))?.toUpperCase() ?? '';
      if (auth.includes('LOGIN') || !auth.includes('PLAIN')) {
        await c.command('AUTH LOGIN', [334]);
        await c.command(Buffer.from(user, 'utf8').toString('base64'), [334], 'AUTH');
        await c.command(Buffer.from(pass, 'utf8').toString('base64'), [235], 'AUTH');
      } else {
        await c.command(`AUTH PLAIN ${Buffer.from(`\0${user}\0${pass}`, 'utf8').toString('base64')}`, [235], 'AUTH');
      }
    }
    await c.command(`MAIL FROM:<${from.address}>`, [250]);
    await c.command(`RCPT TO:<${m.to}>`, [250, 251]);
    await c.command('DATA', [354]);
    c.writeRaw(
      `${buildMime({ fromHeader: from.header, to: m.to, subject: m.subject, text: m.text, date: m.date, messageId })}\r\n.\r\n`,
    );
    await c.expect([250], 'DATA');
    await c.command('QUIT', [221]).catch(() => undefined);
    return messageId;
  } catch (e) {
    if (e instanceof ChannelError) throw e;
    if (e instanceof SmtpReplyError) {
      // 5xx on the envelope or the content: this recipient/message will not be accepted later either.
      const permanent = e.code >= 500 && (e.stage === 'MAIL' || e.stage === 'RCPT' || e.stage === 'DATA');
      throw new ChannelError(e.message, { permanent, cause: e });
    }
    throw new ChannelError(`SMTP: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  } finally {
    c.close();
  }
}

export function smtpChannel(o: SmtpOptions): Channel {
  return {
    async send(m, now) {
      const providerId = await sendMail(o, { to: m.recipient, subject: m.subject, text: m.body, date: now, id: m.id });
      return { providerId, delivered: false };
    },
  };
}
