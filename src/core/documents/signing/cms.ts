/**
 * The CMS container of a PAdES signature (ETSI EN 319 142-1, CAdES detached), built with PKI.js:
 * SignedData over the PDF's byte ranges with the signed attributes PAdES B-B requires
 * (content-type, message-digest, signing-certificate-v2; no signing-time — the PDF's /M carries
 * it) and, for B-T, the signature time-stamp token as an unsigned attribute.
 *
 * The build is split in two so a signature can wait for a remote service (phone confirmation):
 * `signedAttributes()` gives the bytes to sign; `assemble()` puts the signature in.
 */
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificateFacts } from './types.ts';
import { SigningError } from './types.ts';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
} as const;

const ab = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
export const sha256 = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();

function parseCertificate(der: Buffer): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(ab(der));
  } catch (e) {
    throw new SigningError(
      'bad_certificate',
      'Chứng thư số của người ký không đọc được.',
      "The signer's certificate cannot be read.",
      { cause: e },
    );
  }
}

/** DER sorts the members of a SET OF by their encodings (X.690 11.6). */
function derSorted(values: asn1js.AsnType[]): asn1js.AsnType[] {
  const enc = values.map((v) => ({ v, b: Buffer.from(v.toBER(false)) }));
  enc.sort((x, y) => {
    const n = Math.max(x.b.length, y.b.length);
    for (let i = 0; i < n; i++) {
      const d = (x.b[i] ?? 0) - (y.b[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
  return enc.map((e) => e.v);
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/**
 * The signed attributes for a digest of the signed byte ranges, DER encoded as the SET that is
 * signed (RFC 5652 §5.4). Deterministic: the same inputs give the same bytes.
 */
export function signedAttributes(contentDigest: Buffer, signerCertificate: Buffer): Buffer {
  const essCertIdV2 = new asn1js.Sequence({
    // hashAlgorithm DEFAULT sha256 is omitted (DER); issuerSerial is optional
    value: [new asn1js.OctetString({ valueHex: ab(sha256(signerCertificate)) })],
  });
  const attrs = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: ab(contentDigest) })),
    attribute(
      OID.signingCertificateV2,
      new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] }),
    ),
  ];
  const set = new asn1js.Set({ value: derSorted(attrs.map((a) => a.toSchema())) });
  return Buffer.from(set.toBER(false));
}

/** Reads the attributes back from the bytes `signedAttributes()` produced. */
function attributesOf(signedAttrs: Buffer): pkijs.Attribute[] {
  const parsed = asn1js.fromBER(ab(signedAttrs));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Set))
    throw new SigningError('bad_attributes', 'Dữ liệu ký không hợp lệ.', 'The signed attributes are invalid.');
  return parsed.result.valueBlock.value.map((v) => new pkijs.Attribute({ schema: v }));
}

export interface AssembleInput {
  signedAttrs: Buffer;
  signature: Buffer;
  /** Signer first, then intermediates (DER). */
  certificates: Buffer[];
  /** A TimeStampToken (ContentInfo DER) over the signature value, for PAdES B-T. */
  timeStampToken?: Buffer | undefined;
}

/** The detached CMS SignedData (ContentInfo, DER) that goes into the PDF's /Contents. */
export function assemble(i: AssembleInput): Buffer {
  const first = i.certificates[0];
  if (!first)
    throw new SigningError(
      'no_certificate',
      'Thiếu chứng thư số của người ký.',
      "The signer's certificate is missing.",
    );
  const cert = parseCertificate(first);
  const certs = [cert, ...i.certificates.slice(1).map(parseCertificate)];
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attributesOf(i.signedAttrs) }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: OID.sha256WithRSA,
      algorithmParams: new asn1js.Null(),
    }),
    signature: new asn1js.OctetString({ valueHex: ab(i.signature) }),
  });
  if (i.timeStampToken) {
    const tst = asn1js.fromBER(ab(i.timeStampToken));
    if (tst.offset === -1)
      throw new SigningError('bad_timestamp', 'Dấu thời gian không đọc được.', 'The time-stamp token cannot be read.');
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [attribute(OID.signatureTimeStampToken, tst.result)],
    });
  }
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: certs,
    signerInfos: [signerInfo],
  });
  const ci = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(ci.toSchema().toBER(false));
}

/** Checks a raw signature against the certificate's public key before it is embedded. */
export function checkSignature(signedAttrs: Buffer, signature: Buffer, certificate: Buffer): boolean {
  return cryptoVerify('sha256', signedAttrs, new X509Certificate(certificate).publicKey, signature);
}

/** Subject, issuer, validity and fingerprint of a certificate (DER). */
export function certificateFacts(der: Buffer): CertificateFacts {
  const x = new X509Certificate(der);
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(x.subject)?.[1] ?? x.subject;
  return {
    subject: x.subject.replace(/\n/g, ', '),
    commonName: cn,
    issuer: x.issuer.replace(/\n/g, ', '),
    serial: x.serialNumber,
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    sha256: sha256(der).toString('hex'),
  };
}
