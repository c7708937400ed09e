/**
 * A test PKI and a SoftHSM token for trying digital signatures on the demo (never for real
 * documents): node bin/run.mjs scripts/signing-demo-token.ts [folder]  (default ./data/signing-demo)
 * Prints the environment variables to start the product with; the director "Nguyễn Thị Hà" of
 * the demo centre is the certificate's subject.
 */
import { resolve } from 'node:path';
import { makeSoftHsmToken, makeTestPki } from '../src/core/documents/signing/test-pki.ts';

const dir = resolve(process.argv[2] ?? 'data/signing-demo');
const pki = makeTestPki(dir, { commonName: 'Nguyễn Thị Hà', organisation: 'UBND xã Cẩm Giàng (TEST)' });
const token = makeSoftHsmToken(pki, 'motcua-demo', '123456');
console.log(`# Test PKI and SoftHSM token in ${dir} (test CA: ${pki.ca.certPem})
export SOFTHSM2_CONF=${token.env.SOFTHSM2_CONF ?? ''}
export SIGN_PKCS11_MODULE=${token.module}
export SIGN_PKCS11_TOKEN=${token.tokenLabel}
export SIGN_PKCS11_KEY_ID=${token.keyId}
export SIGN_PKCS11_PIN=${token.pin}
export SIGN_P12_FILE=${pki.p12File}
export SIGN_P12_PASSWORD=${pki.p12Password}`);
