/**
 * The CPU-heavy half of signing, run in the task pool (src/features/tasks.ts, decision 052): the
 * visible images drawn with pdf-lib, the signature placeholder, the byte-range hash, the CMS and,
 * for a PKCS#12 file, opening the container with node-forge. The server keeps the access checks,
 * the network round trips of a remote signer, the database rows and the audit (service.ts).
 *
 * Arguments and values cross a process boundary: bytes arrive as Uint8Array (made Buffers here),
 * the signer is built in the process that signs from its own configuration (`signerFor`), and a
 * signer's failure leaves as the catalogue error SIGNING_FAILED with its reason in both languages.
 */
import type { Deps } from '../../core/deps.ts';
import { SigningError, type CertificateFacts, type SignerKind } from '../../core/documents/signing/index.ts';
import type { Prepared, SignedPdf, SignRequest } from '../../core/documents/signing/pades.ts';
import { asBuffer } from '../../core/workers/bytes.ts';
import { failed, signerFor } from './signers.ts';

/** Bytes as they arrive from another process (Uint8Array) or from this one (Buffer). */
type Bytes = Uint8Array;

const buffer = asBuffer;

/** What the server sends with a PDF to sign: the request with its images as bytes. */
export interface SignRequestData extends Omit<SignRequest, 'images'> {
  images?: { signature: Bytes | null; seal: Bytes | null; sealMm: number } | undefined;
}

function request(r: SignRequestData): SignRequest {
  const i = r.images;
  return {
    ...r,
    images: i && {
      signature: i.signature && buffer(i.signature),
      seal: i.seal && buffer(i.seal),
      sealMm: i.sealMm,
    },
  };
}

async function signing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw e instanceof SigningError ? failed(e) : e;
  }
}

/** Signs in one go with a key this process holds or reaches at once (PKCS#12 file, PKCS#11 token). */
export function signWithKey(
  deps: Deps,
  pdf: Bytes,
  kind: Exclude<SignerKind, 'remote'>,
  r: SignRequestData,
): Promise<SignedPdf> {
  return signing(async () => {
    const signer = await signerFor(deps.config.signing, kind);
    const pades = await import('../../core/documents/signing/pades.ts');
    return pades.signPdf(buffer(pdf), signer, request(r));
  });
}

/** For a remote signer: the PDF with its images and placeholder, and the bytes the phone signs. */
export function prepareToSign(_deps: Deps, pdf: Bytes, certificates: Bytes[], r: SignRequestData): Promise<Prepared> {
  return signing(async () => {
    const pades = await import('../../core/documents/signing/pades.ts');
    return pades.prepare(buffer(pdf), certificates.map(buffer), request(r));
  });
}

/** Puts the remote signer's signature (and a time-stamp) into the prepared PDF. */
export function finishSigned(
  _deps: Deps,
  p: { pdf: Bytes; signedAttrs: Bytes; certificates: Bytes[] },
  signature: Bytes,
  tsa: SignRequest['tsa'],
): Promise<{ pdf: Buffer; level: 'B-B' | 'B-T' }> {
  return signing(async () => {
    const pades = await import('../../core/documents/signing/pades.ts');
    const prepared = {
      pdf: buffer(p.pdf),
      signedAttrs: buffer(p.signedAttrs),
      certificates: p.certificates.map(buffer),
    };
    return pades.finish(prepared, buffer(signature), tsa);
  });
}

/** A configured signer's certificate, or why it cannot be read (the signers' health). */
export interface SignerCertificate {
  certificate: CertificateFacts | null;
  error: { vi: string; en: string } | null;
}

/**
 * The certificates of the given signers, in their order: opening a PKCS#12 file (node-forge) or
 * asking a token or a remote service is done here, not in the server.
 */
export async function signerCertificates(deps: Deps, kinds: SignerKind[]): Promise<SignerCertificate[]> {
  const { certificateFacts } = await import('../../core/documents/signing/cms.ts');
  const out: SignerCertificate[] = [];
  for (const kind of kinds) {
    try {
      const first = (await (await signerFor(deps.config.signing, kind)).certificates())[0];
      out.push({ certificate: first ? certificateFacts(first) : null, error: null });
    } catch (e) {
      const error =
        e instanceof SigningError
          ? { vi: e.vi, en: e.message }
          : { vi: 'Không đọc được chứng thư số.', en: 'Cannot read the certificate.' };
      out.push({ certificate: null, error });
    }
  }
  return out;
}
