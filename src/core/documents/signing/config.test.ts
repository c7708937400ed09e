import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSigningConfig } from './config.ts';
import { loadConfig, ConfigError } from '../../../config.ts';

test('signers are off unless configured', () => {
  const r = loadSigningConfig({});
  assert.deepEqual(r.config, { pkcs12: null, pkcs11: null, remote: null, tsa: null });
  assert.deepEqual(r.problems, []);
});

test('secrets from the environment or a file; missing ones are named; bad values refused at start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-sigcfg-'));
  try {
    writeFileSync(join(dir, 'pin'), '123456\n');
    const r = loadSigningConfig({
      SIGN_P12_FILE: '/etc/motcua/org.p12',
      SIGN_P12_PASSWORD: 'p',
      SIGN_PKCS11_MODULE: '/usr/lib/softhsm/libsofthsm2.so',
      SIGN_PKCS11_TOKEN: 'motcua',
      SIGN_PKCS11_KEY_ID: '01',
      SIGN_PKCS11_PIN_FILE: join(dir, 'pin'),
      SIGN_TSA_URL: 'http://tsa.example.vn',
    });
    assert.deepEqual(r.problems, []);
    assert.equal(r.config.pkcs11?.pin, '123456');
    assert.equal(r.config.pkcs12?.password, 'p');
    assert.equal(r.config.tsa?.url, 'http://tsa.example.vn');
    const bad = loadSigningConfig({
      SIGN_P12_FILE: 'x.p12',
      SIGN_PKCS11_MODULE: 'm.so',
      SIGN_PKCS11_KEY_ID: 'zz',
      SIGN_REMOTE_URL: 'ftp://x',
      SIGN_PKCS11_PIN_FILE: join(dir, 'missing'),
    });
    assert.equal(bad.config.pkcs12, null);
    assert.equal(bad.config.pkcs11, null);
    for (const k of [
      'SIGN_P12_PASSWORD',
      'SIGN_PKCS11_TOKEN',
      'SIGN_PKCS11_KEY_ID',
      'SIGN_REMOTE_URL',
      'SIGN_PKCS11_PIN_FILE',
    ])
      assert.ok(
        bad.problems.some((p) => p.startsWith(k)),
        k,
      );
    assert.throws(() => loadConfig({ SIGN_P12_FILE: 'x.p12' }), ConfigError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
