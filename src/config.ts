/**
 * Environment configuration, parsed and validated once at start-up.
 * Every variable is documented here and in the README's configuration table.
 * Settings a centre changes at run time (working hours, same-day days…) live in the database.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';
import { loadSigningConfig, type SigningConfig } from './core/documents/signing/config.ts';

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'HTTP port' }),
  HOST: Type.String({
    minLength: 1,
    default: '0.0.0.0',
    description: 'Interface to listen on (0.0.0.0 lets the counter PCs, kiosk and TV of the centre reach it)',
  }),
  DATA_DIR: Type.String({
    minLength: 1,
    default: './var',
    description:
      "Folder for run-time data: the SQLite database, uploads and backups (never the repository's data/, which holds reference data)",
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
  TRUST_PROXY: Type.String({
    default: '0',
    pattern: '^([0-9]|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$',
    description:
      "Behind a TLS reverse proxy: the number of proxy hops in front of the app (1 = one proxy) or a comma-separated list of the proxies' addresses/CIDRs; trusts X-Forwarded-* only from them and marks cookies Secure. 0 = no proxy",
  }),
  METRICS_TOKEN: Type.Optional(
    Type.String({
      minLength: 16,
      maxLength: 200,
      description: 'Bearer token that opens /metrics (Prometheus); unset = /metrics answers 404',
    }),
  ),
  RETENTION_DAYS: Type.Integer({
    minimum: 0,
    maximum: 3650,
    default: 365,
    description:
      'Days after which sent citizen messages lose their text and the audit log its details (dossiers are archival records and are kept); 0 = never',
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
        "Folder where the file channel writes each citizen message (<dir>/<yyyy-mm-dd>/<id>-<kind>-file.txt), for testing only (the files hold names and lookup codes); unset or 'off' = no file channel",
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
  STORAGE: Type.Union([Type.Literal('disk'), Type.Literal('s3')], {
    default: 'disk',
    description:
      "Where uploaded files (scans, photos, evidence) are kept: 'disk' = <DATA_DIR>/uploads (one instance), 's3' = an S3-compatible bucket (several instances)",
  }),
  S3_ENDPOINT: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'S3-compatible endpoint, e.g. https://s3.hcm.example.vn or http://minio:9000; unset = AWS',
    }),
  ),
  S3_BUCKET: Type.Optional(
    Type.String({
      pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      description: 'Bucket name; required with STORAGE=s3',
    }),
  ),
  S3_REGION: Type.String({ minLength: 1, default: 'us-east-1', description: 'Bucket region' }),
  S3_PREFIX: Type.String({
    default: '',
    pattern: '^([A-Za-z0-9._-]+/)*$',
    description: "Key prefix inside the bucket, ending in '/', e.g. motcua/; default none",
  }),
  S3_ACCESS_KEY_ID: Type.Optional(
    Type.String({ minLength: 1, description: 'Access key (or use S3_CREDENTIALS_FILE)' }),
  ),
  S3_SECRET_ACCESS_KEY: Type.Optional(
    Type.String({ minLength: 1, description: 'Secret key (or use S3_CREDENTIALS_FILE)' }),
  ),
  S3_CREDENTIALS_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'File holding the access key on its first line and the secret key on its second (a mounted secret); read at start',
    }),
  ),
  NOTIFY_MAX_ATTEMPTS: Type.Integer({
    minimum: 1,
    maximum: 10,
    default: 5,
    description:
      'Delivery attempts per message before it stays failed; waits between attempts 1 min, 5 min, 30 min, 2 h, then 12 h',
  }),
  DVCQG_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description:
        'Sync with the national portal (DVCQG) or the provincial system: its base address (e.g. http://127.0.0.1:8090 for `motcua dvcqg-simulator`); unset = no sync, nothing queued',
    }),
  ),
  DVCQG_SECRET: Type.Optional(
    Type.String({
      minLength: 8,
      maxLength: 500,
      description: 'Credential sent to the portal (Authorization: Bearer …); prefer DVCQG_SECRET_FILE',
    }),
  ),
  DVCQG_SECRET_FILE: Type.Optional(
    Type.String({ minLength: 1, description: 'File holding the portal credential (read once at start-up, trimmed)' }),
  ),
  DVCQG_WEBHOOK_SECRET: Type.Optional(
    Type.String({
      minLength: 16,
      maxLength: 200,
      description:
        'Secret the portal sends in X-Webhook-Secret when it pushes online submissions; unset = the webhook answers 404',
    }),
  ),
  DVCQG_WEBHOOK_SECRET_FILE: Type.Optional(
    Type.String({ minLength: 1, description: 'File holding DVCQG_WEBHOOK_SECRET (read once at start-up, trimmed)' }),
  ),
  DVCQG_INTERVAL_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 3600,
    default: 5,
    description: 'How often the sync worker sends due messages; 0 = this instance does not send',
  }),
  DVCQG_PULL_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 86400,
    default: 60,
    description: 'How often online submissions are pulled from the portal; 0 = never (webhook only)',
  }),
  DVCQG_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 120000,
    default: 15000,
    description: 'Time limit of one call to the portal (a slower answer counts as a failure and is retried)',
  }),
  DVCQG_RETRY_BASE_MS: Type.Integer({
    minimum: 1,
    maximum: 3600000,
    default: 10000,
    description: 'First wait after a failed send; it doubles at each failure (with jitter) up to DVCQG_RETRY_MAX_MS',
  }),
  DVCQG_RETRY_MAX_MS: Type.Integer({
    minimum: 1,
    maximum: 86400000,
    default: 3600000,
    description: 'Longest wait between two attempts of a failed send (default one hour)',
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
  /** TLS proxy in front: cookies Secure, HSTS. */
  trustProxy: boolean;
  /** What Fastify trusts in X-Forwarded-For: a hop count or the proxies' addresses (never `true`). */
  proxyTrust: number | string[];
  metricsToken: string | null;
  /** Days before message bodies and audit details are wiped; 0 = never. */
  retentionDays: number;
  sessionDays: number;
  loginRateLimit: number;
  /** Tests only: added to the real clock (0 in production). */
  clockOffsetMs: number;
  /** Uploaded files: local disk (default) or an S3-compatible bucket (core/storage). */
  storage: StorageConfig;
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
  /** DVCQG / provincial sync: off (url null) unless configured. Secrets from the environment or a file only. */
  sync: {
    url: string | null;
    secret: string | null;
    webhookSecret: string | null;
    intervalSeconds: number;
    pullSeconds: number;
    timeoutMs: number;
    retryBaseMs: number;
    retryMaxMs: number;
  };
  /** Digital signatures: each signer off unless configured (src/core/documents/signing/config.ts). */
  signing: SigningConfig;
}

function secretOf(value: string | undefined, file: string | undefined, name: string): string | null {
  if (value) return value;
  if (!file) return null;
  try {
    const s = readFileSync(resolve(file), 'utf8').trim();
    if (s.length < 8) throw new Error('shorter than 8 characters');
    return s;
  } catch (e) {
    throw new ConfigError(
      `Cấu hình không hợp lệ / Invalid configuration:\n  ${name}_FILE: không đọc được / cannot read ${file} (${(e as Error).message})`,
    );
  }
}

export type StorageConfig =
  | { kind: 'disk' }
  | {
      kind: 's3';
      endpoint: string | null;
      bucket: string;
      region: string;
      prefix: string;
      accessKeyId: string | null;
      secretAccessKey: string | null;
    };

export class ConfigError extends Error {}

function storageConfig(c: RawConfig): StorageConfig {
  if (c.STORAGE === 'disk') return { kind: 'disk' };
  const bad = (m: string) => new ConfigError(`Cấu hình không hợp lệ / Invalid configuration:\n  ${m}`);
  if (!c.S3_BUCKET) throw bad('S3_BUCKET: cần tên bucket khi STORAGE=s3 / required with STORAGE=s3');
  let accessKeyId = c.S3_ACCESS_KEY_ID ?? null;
  let secretAccessKey = c.S3_SECRET_ACCESS_KEY ?? null;
  if (c.S3_CREDENTIALS_FILE) {
    let lines: string[];
    try {
      lines = readFileSync(c.S3_CREDENTIALS_FILE, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
    } catch {
      throw bad(`S3_CREDENTIALS_FILE: không đọc được / cannot read ${c.S3_CREDENTIALS_FILE}`);
    }
    if (lines.length < 2 || !lines[0] || !lines[1])
      throw bad(
        'S3_CREDENTIALS_FILE: dòng 1 là access key, dòng 2 là secret key / line 1 access key, line 2 secret key',
      );
    [accessKeyId, secretAccessKey] = [lines[0], lines[1]];
  }
  if (!accessKeyId !== !secretAccessKey)
    throw bad('S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: cần cả hai / both or neither');
  return {
    kind: 's3',
    endpoint: c.S3_ENDPOINT?.replace(/\/+$/, '') ?? null,
    bucket: c.S3_BUCKET,
    region: c.S3_REGION,
    prefix: c.S3_PREFIX,
    accessKeyId,
    secretAccessKey,
  };
}

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
  const signing = loadSigningConfig(env);
  if (signing.problems.length)
    throw new ConfigError(`Cấu hình không hợp lệ / Invalid configuration:\n  ${signing.problems.join('\n  ')}`);
  const dataDir = resolve(c.DATA_DIR);
  const proxyTrust = parseTrustProxy(c.TRUST_PROXY);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    databaseUrl: c.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'motcua.sqlite')}`,
    demo: c.DEMO,
    logLevel: c.LOG_LEVEL,
    publicUrl: c.PUBLIC_URL?.replace(/\/+$/, ''),
    trustProxy: proxyTrust !== 0,
    proxyTrust,
    metricsToken: c.METRICS_TOKEN ?? null,
    retentionDays: c.RETENTION_DAYS,
    sessionDays: c.SESSION_DAYS,
    loginRateLimit: c.LOGIN_RATE_LIMIT,
    clockOffsetMs: c.TEST_CLOCK_OFFSET_MS,
    storage: storageConfig(c),
    notify: {
      fileDir: c.NOTIFY_FILE_DIR === undefined || c.NOTIFY_FILE_DIR === 'off' ? null : resolve(c.NOTIFY_FILE_DIR),
      smtpUrl: c.SMTP_URL ?? null,
      smtpFrom: c.SMTP_FROM ?? null,
      smsWebhookUrl: c.SMS_WEBHOOK_URL ?? null,
      zaloWebhookUrl: c.ZALO_WEBHOOK_URL ?? null,
      webhookSecret: c.WEBHOOK_SECRET ?? null,
      intervalSeconds: c.NOTIFY_INTERVAL_SECONDS,
      maxAttempts: c.NOTIFY_MAX_ATTEMPTS,
    },
    sync: {
      url: c.DVCQG_URL?.replace(/\/+$/, '') ?? null,
      secret: secretOf(c.DVCQG_SECRET, c.DVCQG_SECRET_FILE, 'DVCQG_SECRET'),
      webhookSecret: secretOf(c.DVCQG_WEBHOOK_SECRET, c.DVCQG_WEBHOOK_SECRET_FILE, 'DVCQG_WEBHOOK_SECRET'),
      intervalSeconds: c.DVCQG_INTERVAL_SECONDS,
      pullSeconds: c.DVCQG_PULL_SECONDS,
      timeoutMs: c.DVCQG_TIMEOUT_MS,
      retryBaseMs: c.DVCQG_RETRY_BASE_MS,
      retryMaxMs: c.DVCQG_RETRY_MAX_MS,
    },
    signing: signing.config,
  };
}

const IPV4_CIDR = /^(\d{1,3})(\.\d{1,3}){3}(\/\d{1,2})?$/;
const IPV6_CIDR = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*(\/\d{1,3})?$/;

/**
 * TRUST_PROXY: a hop count (0–9; 1 = one reverse proxy) or a list of the proxies' addresses or
 * CIDRs. Never "trust every address": a client could then choose its own IP with X-Forwarded-For.
 */
export function parseTrustProxy(raw: string): number | string[] {
  if (/^\d$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((s) => s.trim());
  for (const a of list) {
    if (!IPV4_CIDR.test(a) && !IPV6_CIDR.test(a))
      throw new ConfigError(
        `Cấu hình không hợp lệ / Invalid configuration:\n  TRUST_PROXY: “${a}” không phải địa chỉ IP/CIDR / is not an IP address or CIDR`,
      );
  }
  return list;
}
