/**
 * The one interface every signer implements (PKCS#12 file, PKCS#11 token, remote service): it
 * holds or reaches one private key and makes an RSASSA-PKCS1-v1_5 / SHA-256 signature over the
 * bytes it is given (the DER of the CMS signed attributes). Everything else — the CMS container,
 * the PAdES placeholder, the time-stamp, the visible images — is built around it by ./pades.ts.
 */
export type SignerKind = 'pkcs12' | 'pkcs11' | 'remote';
export const SIGNER_KINDS: readonly SignerKind[] = ['pkcs12', 'pkcs11', 'remote'];

export interface KeySigner {
  readonly kind: SignerKind;
  /** The signer's certificate first, then any intermediates, DER encoded. */
  certificates(): Promise<Buffer[]>;
  /** RSASSA-PKCS1-v1_5 with SHA-256 over `data`. */
  sign(data: Buffer): Promise<Buffer>;
}

/** A certificate's facts for the console and the audit trail. */
export interface CertificateFacts {
  subject: string;
  commonName: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  sha256: string;
}

/** A signing failure the caller can show: a stable reason and a message in both languages. */
export class SigningError extends Error {
  readonly reason: string;
  readonly vi: string;
  constructor(reason: string, vi: string, en: string, options?: ErrorOptions) {
    super(en, options);
    this.name = 'SigningError';
    this.reason = reason;
    this.vi = vi;
  }
}
