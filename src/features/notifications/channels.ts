/**
 * Delivery channels of the outbox: the file channel (demo: each message written under a folder),
 * e-mail over SMTP (nodemailer: STARTTLS, AUTH, MIME with UTF-8 headers), and SMS / Zalo through a provider's HTTP webhook (a JSON POST). A channel
 * that is not configured is absent: no message is created for it.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
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
        const j: unknown = JSON.parse(text);
        const o = typeof j === 'object' && j !== null ? (j as Record<string, unknown>) : {};
        const v = o.id ?? o.messageId ?? o.providerId;
        if (typeof v === 'string' || typeof v === 'number') providerId = String(v).slice(0, 200);
      } catch {
        providerId = null; // a 2xx without JSON is an acceptance without an id
      }
      return { providerId, delivered: false };
    },
  };
}

// ---- SMTP (nodemailer) ----

const isLoopback = (host: string) =>
  host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');

export interface SmtpOptions {
  url: string;
  from: string;
  timeoutMs?: number;
  rejectUnauthorized?: boolean;
}

/** nodemailer's error: the SMTP reply code and the command it answered, when the server replied. */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

/**
 * Sends one message over SMTP (smtp:// with STARTTLS when offered — required before a password
 * leaves this machine; smtps:// for implicit TLS); resolves with the Message-ID. Throws
 * ChannelError, permanent when the server refuses the sender, the recipient or the message (5xx).
 */
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
  const timeoutMs = o.timeoutMs ?? 30_000;
  const domain = /@([^>\s]+)>?\s*$/.exec(o.from)?.[1] ?? 'localhost';
  const messageId = `<n${m.id}.${randomBytes(6).toString('hex')}@${domain}>`;
  const transport = nodemailer.createTransport({
    host,
    port,
    secure: implicitTls,
    // A password is never sent in clear to another machine: STARTTLS is then required.
    requireTLS: Boolean(user) && !implicitTls && !isLoopback(host),
    auth: user ? { user, pass } : undefined,
    tls: { rejectUnauthorized: o.rejectUnauthorized ?? true, servername: net.isIP(host) ? undefined : host },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    name: domain,
  });
  try {
    const info = (await transport.sendMail({
      from: o.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      date: m.date,
      messageId,
      headers: { 'Auto-Submitted': 'auto-generated' },
    })) as { messageId?: string };
    return info.messageId ?? messageId;
  } catch (e) {
    const err = e as SmtpError;
    if (err.responseCode) {
      const stage = (err.command ?? '').toUpperCase();
      const permanent =
        err.responseCode >= 500 && (stage.startsWith('MAIL') || stage.startsWith('RCPT') || stage === 'DATA');
      throw new ChannelError(
        `SMTP ${stage || 'reply'}: ${err.responseCode} ${(err.response ?? err.message).slice(0, 200)}`,
        {
          permanent,
          cause: e,
        },
      );
    }
    const reason = (err as NodeJS.ErrnoException).code ?? err.message;
    throw new ChannelError(`Không gửi được thư / cannot send the e-mail over SMTP: ${reason} ${err.message}`.trim(), {
      cause: e,
    });
  } finally {
    transport.close();
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
