/**
 * A throw-away PKI for tests, the bench and the demo: a test CA, a signer certificate, a PKCS#12
 * file, a SoftHSM token holding the same kind of key (Debian `softhsm2`, driven by `softhsm2-util`
 * and OpenSC's `pkcs11-tool`) and a time-stamp authority certificate. Everything is made with the
 * openssl command line in a folder the caller owns. Never used for real documents: the CA is
 * made on the spot and trusted by nobody.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificate {
  certPem: string;
  keyPem: string;
  certDer: Buffer;
}

export interface TestPki {
  dir: string;
  ca: TestCertificate;
  signer: TestCertificate;
  p12File: string;
  p12Password: string;
}

const openssl = (args: string[], cwd: string) =>
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

function ext(dir: string, name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}

function certificate(dir: string, name: string): TestCertificate {
  const certPem = join(dir, `${name}.pem`);
  openssl(['x509', '-in', certPem, '-outform', 'DER', '-out', join(dir, `${name}.der`)], dir);
  return { certPem, keyPem: join(dir, `${name}.key`), certDer: readFileSync(join(dir, `${name}.der`)) };
}

/** Issues `name`.pem/.key signed by the CA in `dir`. */
function issue(dir: string, name: string, subject: string, extensions: string, days: number): TestCertificate {
  openssl(
    [
      'req',
      '-new',
      '-utf8',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    ],
    dir,
  );
  const e = ext(dir, `${name}.ext`, extensions);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      String(days),
      '-sha256',
      '-extfile',
      e,
    ],
    dir,
  );
  return certificate(dir, name);
}

export function makeTestPki(dir: string, o: { commonName: string; organisation: string; days?: number }): TestPki {
  mkdirSync(dir, { recursive: true });
  const caExt = ext(
    dir,
    'ca.ext',
    'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n',
  );
  openssl(
    [
      'req',
      '-x509',
      '-utf8',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '3650',
      '-sha256',
      '-subj',
      '/C=VN/O=Test CA (Mot Cua Than Thien)/CN=Test CA – không dùng thật',
      '-extensions',
      'v3',
      '-config',
      ext(dir, 'ca.cnf', `[req]\ndistinguished_name=dn\n[dn]\n[v3]\n${readFileSync(caExt, 'utf8')}`),
    ],
    dir,
  );
  const ca = certificate(dir, 'ca');
  const subject = `/C=VN/O=${o.organisation.replace(/\//g, ' ')}/CN=${o.commonName.replace(/\//g, ' ')}`;
  const signer = issue(
    dir,
    'signer',
    subject,
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=emailProtection\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
    o.days ?? 730,
  );
  const p12File = join(dir, 'signer.p12');
  const p12Password = 'test-p12-password';
  openssl(
    [
      'pkcs12',
      '-export',
      '-inkey',
      'signer.key',
      '-in',
      'signer.pem',
      '-certfile',
      'ca.pem',
      '-out',
      'signer.p12',
      '-passout',
      `pass:${p12Password}`,
      '-keypbe',
      'AES-256-CBC',
      '-certpbe',
      'AES-256-CBC',
      '-macalg',
      'sha256',
    ],
    dir,
  );
  return { dir, ca, signer, p12File, p12Password };
}

/** A time-stamp authority certificate and an `openssl ts` configuration for a fake TSA. */
export function makeTestTsa(pki: TestPki): { config: string; cert: TestCertificate } {
  const cert = issue(
    pki.dir,
    'tsa',
    '/C=VN/O=Test TSA/CN=Test TSA',
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n',
    730,
  );
  const config = ext(
    pki.dir,
    'tsa.cnf',
    `[tsa]\ndefault_tsa=tsa1\n[tsa1]\ndir=${pki.dir}\nserial=${join(pki.dir, 'tsa.serial')}\nsigner_cert=${cert.certPem}\ncerts=${pki.ca.certPem}\nsigner_key=${cert.keyPem}\nsigner_digest=sha256\ndefault_policy=1.2.3.4.1\ndigests=sha256\naccuracy=secs:1\nordering=no\ntsa_name=no\ness_cert_id_chain=no\ness_cert_id_alg=sha256\n`,
  );
  writeFileSync(join(pki.dir, 'tsa.serial'), '01\n');
  return { config, cert };
}

/** `openssl ts -reply` for one request (the fake TSA of tests and the demo). */
export function tsaReply(pki: TestPki, tsa: { config: string; cert: TestCertificate }, query: Buffer): Buffer {
  const q = join(pki.dir, `q-${String(process.pid)}-${String(Date.now())}-${String(Math.random()).slice(2)}.tsq`);
  writeFileSync(q, query);
  return execFileSync('openssl', ['ts', '-reply', '-config', tsa.config, '-queryfile', q, '-chain', pki.ca.certPem], {
    cwd: pki.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface TestToken {
  module: string;
  tokenLabel: string;
  keyId: string;
  pin: string;
  env: Record<string, string>;
}

export function softHsmAvailable(): boolean {
  return existsSync(SOFTHSM_MODULE);
}

/** A SoftHSM token in `<pki.dir>/softhsm` holding the signer's key and certificate. */
export function makeSoftHsmToken(pki: TestPki, label = 'motcua-test', pin = '123456'): TestToken {
  const tokens = join(pki.dir, 'softhsm', 'tokens');
  mkdirSync(tokens, { recursive: true });
  const conf = join(pki.dir, 'softhsm', 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const run = (cmd: string, args: string[]) =>
    execFileSync(cmd, args, { cwd: pki.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  run('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', '87654321', '--pin', pin]);
  openssl(['pkcs8', '-topk8', '-nocrypt', '-in', 'signer.key', '-out', 'signer.p8'], pki.dir);
  run('softhsm2-util', ['--import', 'signer.p8', '--token', label, '--label', 'signer', '--id', '01', '--pin', pin]);
  run('pkcs11-tool', [
    '--module',
    SOFTHSM_MODULE,
    '--token-label',
    label,
    '--login',
    '--pin',
    pin,
    '--write-object',
    'signer.der',
    '--type',
    'cert',
    '--id',
    '01',
    '--label',
    'signer',
  ]);
  return { module: SOFTHSM_MODULE, tokenLabel: label, keyId: '01', pin, env: { SOFTHSM2_CONF: conf } };
}
