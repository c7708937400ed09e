/**
 * Signing configuration from the environment (validated with the rest of the configuration in
 * src/config.ts). Each signer is off unless configured; secrets (PKCS#12 password, token PIN,
 * remote-service token) come from the environment or from a file named by `…_FILE`, never from
 * the database.
 *
 *   SIGN_P12_FILE, SIGN_P12_PASSWORD | SIGN_P12_PASSWORD_FILE         organisation certificate
 *   SIGN_PKCS11_MODULE, SIGN_PKCS11_TOKEN, SIGN_PKCS11_KEY_ID,
 *     SIGN_PKCS11_PIN | SIGN_PKCS11_PIN_FILE                          USB token (PKCS#11)
 *   SIGN_REMOTE_URL, SIGN_REMOTE_USER, SIGN_REMOTE_TOKEN | SIGN_REMOTE_TOKEN_FILE   remote signing
 *   SIGN_TSA_URL                                                      RFC 3161 time-stamps (PAdES B-T)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface SigningConfig {
  pkcs12: { file: string; password: string } | null;
  pkcs11: { module: string; tokenLabel: string; keyId: string | undefined; pin: string } | null;
  remote: { url: string; token: string; user: string } | null;
  tsa: { url: string } | null;
}

export const SIGNING_ENV = [
  'SIGN_P12_FILE',
  'SIGN_P12_PASSWORD',
  'SIGN_P12_PASSWORD_FILE',
  'SIGN_PKCS11_MODULE',
  'SIGN_PKCS11_TOKEN',
  'SIGN_PKCS11_KEY_ID',
  'SIGN_PKCS11_PIN',
  'SIGN_PKCS11_PIN_FILE',
  'SIGN_REMOTE_URL',
  'SIGN_REMOTE_USER',
  'SIGN_REMOTE_TOKEN',
  'SIGN_REMOTE_TOKEN_FILE',
  'SIGN_TSA_URL',
] as const;

/** Parses the SIGN_* variables; returns the problems instead of throwing (src/config.ts reports them all). */
export function loadSigningConfig(env: Record<string, string | undefined>): {
  config: SigningConfig;
  problems: string[];
} {
  const problems: string[] = [];
  const get = (k: (typeof SIGNING_ENV)[number]) => {
    const v = env[k];
    return v === undefined || v === '' ? undefined : v;
  };
  const secret = (k: (typeof SIGNING_ENV)[number], fileKey: (typeof SIGNING_ENV)[number]) => {
    const f = get(fileKey);
    if (f) {
      try {
        return readFileSync(resolve(f), 'utf8').replace(/\r?\n$/, '');
      } catch {
        problems.push(`${fileKey}: không đọc được tệp / cannot read the file`);
        return undefined;
      }
    }
    return get(k);
  };
  const url = (k: (typeof SIGNING_ENV)[number]) => {
    const v = get(k);
    if (v && !/^https?:\/\/[^\s]+$/.test(v)) {
      problems.push(`${k}: cần địa chỉ http(s):// / must be an http(s):// URL`);
      return undefined;
    }
    return v;
  };

  let pkcs12: SigningConfig['pkcs12'] = null;
  const p12 = get('SIGN_P12_FILE');
  if (p12) {
    const password = secret('SIGN_P12_PASSWORD', 'SIGN_P12_PASSWORD_FILE');
    if (password === undefined)
      problems.push('SIGN_P12_PASSWORD: cần mật khẩu khi có SIGN_P12_FILE / required with SIGN_P12_FILE');
    else pkcs12 = { file: resolve(p12), password };
  }

  let pkcs11: SigningConfig['pkcs11'] = null;
  const module = get('SIGN_PKCS11_MODULE');
  if (module) {
    const tokenLabel = get('SIGN_PKCS11_TOKEN');
    const pin = secret('SIGN_PKCS11_PIN', 'SIGN_PKCS11_PIN_FILE');
    const keyId = get('SIGN_PKCS11_KEY_ID');
    if (!tokenLabel) problems.push('SIGN_PKCS11_TOKEN: cần nhãn token / the token label is required');
    if (pin === undefined) problems.push('SIGN_PKCS11_PIN: cần mã PIN / the PIN is required');
    if (keyId !== undefined && !/^(?:[0-9a-fA-F]{2})+$/.test(keyId))
      problems.push('SIGN_PKCS11_KEY_ID: chuỗi hex, ví dụ 01 / hex, e.g. 01');
    if (tokenLabel && pin !== undefined) pkcs11 = { module, tokenLabel, keyId, pin };
  }

  let remote: SigningConfig['remote'] = null;
  const remoteUrl = url('SIGN_REMOTE_URL');
  if (remoteUrl) {
    const token = secret('SIGN_REMOTE_TOKEN', 'SIGN_REMOTE_TOKEN_FILE');
    const user = get('SIGN_REMOTE_USER');
    if (token === undefined)
      problems.push('SIGN_REMOTE_TOKEN: cần khi có SIGN_REMOTE_URL / required with SIGN_REMOTE_URL');
    if (!user) problems.push('SIGN_REMOTE_USER: cần khi có SIGN_REMOTE_URL / required with SIGN_REMOTE_URL');
    if (token !== undefined && user) remote = { url: remoteUrl, token, user };
  }

  const tsaUrl = url('SIGN_TSA_URL');
  return { config: { pkcs12, pkcs11, remote, tsa: tsaUrl ? { url: tsaUrl } : null }, problems };
}

export const NO_SIGNING: SigningConfig = { pkcs12: null, pkcs11: null, remote: null, tsa: null };
