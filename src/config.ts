/**
 * Environment configuration, parsed and validated once at start-up.
 * Every variable is documented here and in the README's configuration table.
 * Settings a centre changes at run time (working hours, same-day days…) live in the database.
 */
import { resolve } from 'node:path';
import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'HTTP port' }),
  HOST: Type.String({
    minLength: 1,
    default: '0.0.0.0',
    description: 'Interface to listen on (0.0.0.0 lets the counter PCs, kiosk and TV of the centre reach it)',
  }),
  DATA_DIR: Type.String({
    minLength: 1,
    default: './data',
    description: 'Folder for the SQLite database, uploads and backups',
  }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^(postgres(ql)?://|sqlite:).+',
      description:
        'postgres://user:pass@host/db for PostgreSQL, or sqlite:<file>; default sqlite:<DATA_DIR>/motcua.sqlite',
    }),
  ),
  DEMO: Type.Union([Type.Literal('auto'), Type.Literal('off')], {
    default: 'auto',
    description: "'auto' loads the demo centre when the database is new; 'off' never",
  }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  PUBLIC_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'External address printed in QR codes and links, e.g. https://motcua.camgiang.gov.vn',
    }),
  ),
  TRUST_PROXY: Type.Union([Type.Literal('0'), Type.Literal('1')], {
    default: '0',
    description: '1 behind a TLS reverse proxy: trust X-Forwarded-* and mark cookies Secure',
  }),
  SESSION_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 7, description: 'Console session lifetime in days' }),
  LOGIN_RATE_LIMIT: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 10,
    description: 'Login attempts per IP and username per 15 minutes',
  }),
  NOTIFY_FILE_DIR: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        "Folder where the file channel writes each citizen message (<dir>/<yyyy-mm-dd>/<id>-<kind>-file.txt); default <DATA_DIR>/outbox when DEMO=auto, none otherwise; 'off' disables it",
    }),
  ),
  SMTP_URL: Type.Optional(
    Type.String({
      pattern: '^smtps?://[^/?#]+/?$',
      description:
        'E-mail channel: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465; unset = no e-mails',
    }),
  ),
  SMTP_FROM: Type.Optional(
    Type.String({
      minLength: 3,
      maxLength: 200,
      description:
        'Sender of e-mails, e.g. Trung tâm PVHCC xã Cẩm Giàng <motcua@camgiang.gov.vn>; required with SMTP_URL',
    }),
  ),
  SMS_WEBHOOK_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'SMS channel: the provider gateway receiving a JSON POST per message; unset = no SMS',
    }),
  ),
  ZALO_WEBHOOK_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'Zalo channel: the provider gateway receiving a JSON POST per message; unset = no Zalo messages',
    }),
  ),
  WEBHOOK_SECRET: Type.Optional(
    Type.String({
      minLength: 16,
      maxLength: 200,
      description:
        'Shared secret sent to the SMS/Zalo gateways in X-Webhook-Secret and required on their delivery receipts',
    }),
  ),
  NOTIFY_INTERVAL_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 3600,
    default: 30,
    description: 'How often the outbox worker sends due messages; 0 = this instance does not run the worker',
  }),
  NOTIFY_MAX_ATTEMPTS: Type.Integer({
    minimum: 1,
    maximum: 10,
    default: 5,
    description:
      'Delivery attempts per message before it stays failed; waits between attempts 1 min, 5 min, 30 min, 2 h, then 12 h',
  }),
  TEST_CLOCK_OFFSET_MS: Type.Integer({
    minimum: -366 * 86_400_000,
    maximum: 366 * 86_400_000,
    default: 0,
    description:
      'Tests only: milliseconds added to the clock the product reads (browser tests put the floor inside working hours). Leave 0 in production.',
  }),
});

export type RawConfig = Static<typeof ConfigSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  demo: 'auto' | 'off';
  logLevel: string;
  publicUrl: string | undefined;
  trustProxy: boolean;
  sessionDays: number;
  loginRateLimit: number;
  /** Tests only: added to the real clock (0 in production). */
  clockOffsetMs: number;
  /** Citizen notifications (outbox): channels and worker. A channel left unconfigured is not used. */
  notify: {
    /** Absolute folder of the file channel, or null when it is off. */
    fileDir: string | null;
    smtpUrl: string | null;
    smtpFrom: string | null;
    smsWebhookUrl: string | null;
    zaloWebhookUrl: string | null;
    webhookSecret: string | null;
    intervalSeconds: number;
    maxAttempts: number;
  };
}

export class ConfigError extends Error {}

/** Parse and validate the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const v = env[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const withDefaults = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, picked));
  if (!Value.Check(ConfigSchema, withDefaults)) {
    const problems = [...Value.Errors(ConfigSchema, withDefaults)].map(
      (e) => `  ${e.instancePath.replace(/^\//, '') || '(root)'}: ${e.message}`,
    );
    throw new ConfigError(`Cấu hình không hợp lệ / Invalid configuration:\n${problems.join('\n')}`);
  }
  const c = withDefaults;
  if (c.SMTP_URL && !c.SMTP_FROM)
    throw new ConfigError(
      'Cấu hình không hợp lệ / Invalid configuration:\n  SMTP_FROM: cần địa chỉ người gửi khi có SMTP_URL / required with SMTP_URL',
    );
  const dataDir = resolve(c.DATA_DIR);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    databaseUrl: c.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'motcua.sqlite')}`,
    demo: c.DEMO,
    logLevel: c.LOG_LEVEL,
    publicUrl: c.PUBLIC_URL?.replace(/\/+$/, ''),
    trustProxy: c.TRUST_PROXY === '1',
    sessionDays: c.SESSION_DAYS,
    loginRateLimit: c.LOGIN_RATE_LIMIT,
    clockOffsetMs: c.TEST_CLOCK_OFFSET_MS,
    notify: {
      fileDir:
        c.NOTIFY_FILE_DIR === 'off'
          ? null
          : c.NOTIFY_FILE_DIR
            ? resolve(c.NOTIFY_FILE_DIR)
            : c.DEMO === 'auto'
              ? resolve(dataDir, 'outbox')
              : null,
      smtpUrl: c.SMTP_URL ?? null,
      smtpFrom: c.SMTP_FROM ?? null,
      smsWebhookUrl: c.SMS_WEBHOOK_URL ?? null,
      zaloWebhookUrl: c.ZALO_WEBHOOK_URL ?? null,
      webhookSecret: c.WEBHOOK_SECRET ?? null,
      intervalSeconds: c.NOTIFY_INTERVAL_SECONDS,
      maxAttempts: c.NOTIFY_MAX_ATTEMPTS,
    },
  };
}
