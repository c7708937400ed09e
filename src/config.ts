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
  HOST: Type.String({ minLength: 1, default: '0.0.0.0', description: 'Interface to listen on (0.0.0.0 lets the counter PCs, kiosk and TV of the centre reach it)' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'Folder for the SQLite database, uploads and backups' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(postgres(ql)?://|sqlite:).+', description: 'postgres://user:pass@host/db for PostgreSQL, or sqlite:<file>; default sqlite:<DATA_DIR>/motcua.sqlite' })),
  DEMO: Type.Union([Type.Literal('auto'), Type.Literal('off')], { default: 'auto', description: "'auto' loads the demo centre when the database is new; 'off' never" }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://', description: 'External address printed in QR codes and links, e.g. https://motcua.camgiang.gov.vn' })),
  TRUST_PROXY: Type.Union([Type.Literal('0'), Type.Literal('1')], { default: '0', description: '1 behind a TLS reverse proxy: trust X-Forwarded-* and mark cookies Secure' }),
  SESSION_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 7, description: 'Console session lifetime in days' }),
  LOGIN_RATE_LIMIT: Type.Integer({ minimum: 1, maximum: 1000, default: 10, description: 'Login attempts per IP and username per 15 minutes' }),
});

export type RawConfig = Static<typeof ConfigSchema>;

export type Config = {
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
};

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
  const c = withDefaults as RawConfig;
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
  };
}
