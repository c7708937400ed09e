/**
 * PAdES signing of the product's own PDFs: B-B, or B-T when a time-stamp authority is configured.
 * Takes a finished PDF (from any renderer), draws the visible signature images where the renderer
 * marked its signature block, adds a signature placeholder (@signpdf/placeholder-plain, SubFilter
 * ETSI.CAdES.detached) and fills it with a CMS built around a KeySigner (./cms.ts).
 *
 * For a remote signer that waits for a phone, the work is split: `prepare()` gives the PDF with
 * its placeholder and the bytes to sign (both stored), `finish()` completes it later, also after
 * a restart, because the placeholder PDF is kept byte for byte.
 */
import { stripDiacritics } from '../../text/index.ts';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { assemble, certificateFacts, checkSignature, sha256, signedAttributes } from './cms.ts';
import { stampPdf, type StampImages } from './stamp.ts';
import { timeStamp, type TsaOptions } from './tsa.ts';
import { SigningError, type CertificateFacts, type KeySigner } from './types.ts';

export type PadesLevel = 'B-B' | 'B-T';

export interface SignRequest {
  /** Shown in the signature panel: the signer's name. */
  name: string;
  reason: string;
  location: string;
  contactInfo?: string | undefined;
  signingTime: Date;
  images?: StampImages | undefined;
  tsa?: TsaOptions | undefined;
}

export interface SignedPdf {
  pdf: Buffer;
  level: PadesLevel;
  certificate: CertificateFacts;
  /** Boxes that got the signature/seal images. */
  stamped: number;
}

/** Room for the CMS: the chain, the signature and a time-stamp token with its TSA's certificates. */
const SIGNATURE_LENGTH = 24_576;

/** Runs signpdf's byte-range logic with a callback that returns the CMS for the signed bytes. */
class CallbackSigner extends Signer {
  private readonly fn: (data: Buffer) => Promise<Buffer>;
  constructor(fn: (data: Buffer) => Promise<Buffer>) {
    super();
    this.fn = fn;
  }
  override sign(pdfBuffer: Buffer): Promise<Buffer> {
    return this.fn(pdfBuffer);
  }
}

function checkValidity(cert: Buffer, at: Date): CertificateFacts {
  const facts = certificateFacts(cert);
  if (at.getTime() < Date.parse(facts.notBefore) || at.getTime() > Date.parse(facts.notAfter))
    throw new SigningError(
      'certificate_expired',
      `Chứng thư số của người ký không còn hiệu lực (hiệu lực đến ${facts.notAfter.slice(0, 10)}).`,
      `The signer's certificate is not valid at the signing time (valid until ${facts.notAfter.slice(0, 10)}).`,
    );
  return facts;
}

/**
 * placeholder-plain writes non-ASCII text of the signature dictionary (/Name, /Reason, /Location)
 * as UTF-16 re-encoded in UTF-8, which readers show as garbage; those three fields are therefore
 * written without diacritics (the signer's name with diacritics is in the certificate, and the
 * document itself is untouched). See docs/signing.md.
 */
export function ascii(s: string): string {
  return stripDiacritics(s)
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/[()\\]/g, ' ');
}

export interface Prepared {
  /** The PDF with the visible images and the empty signature placeholder. */
  pdf: Buffer;
  /** The CMS signed attributes (DER) — what the key signs. */
  signedAttrs: Buffer;
  certificates: Buffer[];
  certificate: CertificateFacts;
  stamped: number;
}

/** Stamps the images, adds the placeholder and computes the bytes to sign. */
export async function prepare(pdf: Buffer, certificates: Buffer[], r: SignRequest): Promise<Prepared> {
  const first = certificates[0];
  if (!first)
    throw new SigningError(
      'no_certificate',
      'Thiếu chứng thư số của người ký.',
      "The signer's certificate is missing.",
    );
  const certificate = checkValidity(first, r.signingTime);
  const stamped = r.images ? await stampPdf(pdf, r.images) : { pdf, stamped: 0 };
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: stamped.pdf,
    reason: ascii(r.reason),
    contactInfo: ascii(r.contactInfo ?? ''),
    name: ascii(r.name),
    location: ascii(r.location),
    signingTime: r.signingTime,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'MotCuaThanThien',
  });
  const captured: { attrs: Buffer | null } = { attrs: null };
  await new SignPdf().sign(
    withPlaceholder,
    new CallbackSigner((data) => {
      captured.attrs = signedAttributes(sha256(data), first);
      return Promise.resolve(Buffer.alloc(0));
    }),
  );
  const signedAttrs = captured.attrs;
  if (!signedAttrs)
    throw new SigningError(
      'placeholder',
      'Không tạo được chỗ ký trong tệp PDF.',
      'Cannot add a signature placeholder.',
    );
  return { pdf: withPlaceholder, signedAttrs, certificates, certificate, stamped: stamped.stamped };
}

/** Puts the signature (and, with a TSA, its time-stamp) into the prepared PDF. */
export async function finish(
  p: Pick<Prepared, 'pdf' | 'signedAttrs' | 'certificates'>,
  signature: Buffer,
  tsa?: TsaOptions,
): Promise<{ pdf: Buffer; level: PadesLevel }> {
  const first = p.certificates[0];
  if (!first || !checkSignature(p.signedAttrs, signature, first))
    throw new SigningError(
      'bad_signature',
      'Chữ ký nhận được không khớp với chứng thư số của người ký.',
      "The signature received does not match the signer's certificate.",
    );
  const timeStampToken = tsa ? await timeStamp(signature, tsa) : undefined;
  const cms = assemble({ signedAttrs: p.signedAttrs, signature, certificates: p.certificates, timeStampToken });
  const out = await new SignPdf().sign(
    p.pdf,
    new CallbackSigner((data) => {
      if (!signedAttributes(sha256(data), first).equals(p.signedAttrs))
        throw new SigningError('changed', 'Tệp chờ ký đã bị thay đổi.', 'The prepared PDF has changed.');
      return Promise.resolve(cms);
    }),
  );
  return { pdf: out, level: tsa ? 'B-T' : 'B-B' };
}

/** Signs in one go with a signer that answers at once (PKCS#12, PKCS#11). */
export async function signPdf(pdf: Buffer, signer: KeySigner, r: SignRequest): Promise<SignedPdf> {
  const p = await prepare(pdf, await signer.certificates(), r);
  const signature = await signer.sign(p.signedAttrs);
  const done = await finish(p, signature, r.tsa);
  return { pdf: done.pdf, level: done.level, certificate: p.certificate, stamped: p.stamped };
}
