/**
 * RFC 3161 time-stamp client for PAdES B-T: asks the configured TSA to stamp the SHA-256 of the
 * signature value and returns the TimeStampToken (a CMS ContentInfo, DER) to embed as the
 * signature-time-stamp unsigned attribute.
 */
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256 } from './cms.ts';
import { SigningError } from './types.ts';

const ab = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export interface TsaOptions {
  url: string;
  /** Sent as HTTP Basic authentication when the TSA asks for it ("user:password"). */
  credentials?: string | undefined;
  timeoutMs?: number;
}

export function timeStampRequest(signature: Buffer): { der: Buffer; nonce: Buffer } {
  const nonce = randomBytes(8);
  nonce.writeUInt8(nonce.readUInt8(0) & 0x7f, 0); // a positive INTEGER
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new asn1js.OctetString({ valueHex: ab(sha256(signature)) }),
    }),
    certReq: true,
    nonce: new asn1js.Integer({ valueHex: ab(nonce) }),
  });
  return { der: Buffer.from(req.toSchema().toBER(false)), nonce };
}

const tsaError = (detail: string, cause?: unknown) =>
  new SigningError(
    'tsa',
    `Máy chủ dấu thời gian không trả được dấu thời gian (${detail}).`,
    `The time-stamp authority did not return a time-stamp (${detail}).`,
    cause === undefined ? undefined : { cause },
  );

/** Parses a TimeStampResp, checks it answers our request, and returns the token (DER). */
export function tokenFromResponse(resp: Buffer, signature: Buffer, nonce: Buffer): Buffer {
  let parsed: pkijs.TimeStampResp;
  try {
    parsed = pkijs.TimeStampResp.fromBER(ab(resp));
  } catch (e) {
    throw tsaError('unreadable response', e);
  }
  const status: number = parsed.status.status;
  // 0 granted, 1 granted with modifications
  if ((status !== 0 && status !== 1) || !parsed.timeStampToken) throw tsaError(`status ${String(status)}`);
  const sd = new pkijs.SignedData({ schema: parsed.timeStampToken.content });
  const eContent = sd.encapContentInfo.eContent;
  if (!eContent) throw tsaError('no TSTInfo');
  const info = pkijs.TSTInfo.fromBER(eContent.getValue());
  const imprint = Buffer.from(info.messageImprint.hashedMessage.getValue());
  if (!imprint.equals(sha256(signature))) throw tsaError('wrong message imprint');
  const n = info.nonce ? Buffer.from(info.nonce.valueBlock.valueHexView) : null;
  if (n && !n.equals(nonce)) throw tsaError('wrong nonce');
  return Buffer.from(parsed.timeStampToken.toSchema().toBER(false));
}

export async function timeStamp(signature: Buffer, o: TsaOptions): Promise<Buffer> {
  const { der, nonce } = timeStampRequest(signature);
  const headers: Record<string, string> = { 'content-type': 'application/timestamp-query' };
  if (o.credentials) headers.authorization = `Basic ${Buffer.from(o.credentials).toString('base64')}`;
  let res: Response;
  try {
    res = await fetch(o.url, {
      method: 'POST',
      headers,
      body: new Uint8Array(der),
      signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
    });
  } catch (e) {
    throw tsaError('unreachable', e);
  }
  if (!res.ok) throw tsaError(`HTTP ${String(res.status)}`);
  return tokenFromResponse(Buffer.from(await res.arrayBuffer()), signature, nonce);
}
