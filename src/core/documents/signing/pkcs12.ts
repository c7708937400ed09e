/**
 * PKCS#12 signer: the centre's organisation certificate kept in a file on the server. The file
 * path and its password come from the environment (or a password file), never from the database.
 * node-forge reads the container (Node's crypto cannot); the key then lives in a Node KeyObject.
 */
import { readFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey, sign as cryptoSign, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { SigningError, type KeySigner } from './types.ts';

const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';

export interface Pkcs12Options {
  file: string;
  password: string;
}

export class Pkcs12Signer implements KeySigner {
  readonly kind = 'pkcs12' as const;
  private readonly key: KeyObject;
  private readonly chain: Buffer[];

  constructor(o: Pkcs12Options) {
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
      const der = readFileSync(o.file);
      p12 = forge.pkcs12.pkcs12FromAsn1(
        forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary'))),
        o.password,
      );
    } catch (e) {
      throw new SigningError(
        'pkcs12_unreadable',
        'Không mở được tệp chứng thư số PKCS#12 (đường dẫn hoặc mật khẩu không đúng).',
        'Cannot open the PKCS#12 file (wrong path or password).',
        { cause: e },
      );
    }
    const bagsOf = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
    const keyBag = [...bagsOf(SHROUDED_KEY_BAG), ...bagsOf(KEY_BAG)].find((b) => b.key !== undefined);
    const certs = bagsOf(CERT_BAG).flatMap((b) =>
      b.cert ? [Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert)).getBytes(), 'binary')] : [],
    );
    if (!keyBag?.key || certs.length === 0)
      throw new SigningError(
        'pkcs12_incomplete',
        'Tệp PKCS#12 không có khóa bí mật hoặc chứng thư số.',
        'The PKCS#12 file holds no private key or no certificate.',
      );
    this.key = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
    // the certificate of this key first, then the others (intermediates)
    const pub = createPublicKey(this.key).export({ type: 'spki', format: 'pem' }).toString();
    certs.sort((a, b) => Number(publicPem(b) === pub) - Number(publicPem(a) === pub));
    this.chain = certs;
  }

  certificates(): Promise<Buffer[]> {
    return Promise.resolve(this.chain);
  }

  sign(data: Buffer): Promise<Buffer> {
    return Promise.resolve(cryptoSign('sha256', data, this.key));
  }
}

function publicPem(der: Buffer): string {
  return new X509Certificate(der).publicKey.export({ type: 'spki', format: 'pem' }).toString();
}
