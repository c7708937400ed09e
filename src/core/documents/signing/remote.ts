/**
 * Remote signing (the CA services that confirm on the signer's phone, e.g. VNPT SmartCA, Viettel
 * MySign) behind one small HTTP shape; a provider's own API is reached through a thin gateway that
 * speaks it (docs/signing.md). All calls carry `Authorization: Bearer <SIGN_REMOTE_TOKEN>`.
 *
 *   GET  {base}/v1/certificate?user=<id>  → 200 {"certificates": ["<base64 DER>", …]}  signer first
 *   POST {base}/v1/sign   {"user", "hashAlgorithm": "SHA-256", "hash": "<base64>", "documentName", "description"}
 *                                          → 202 {"transactionId": "…", "expiresAt": "<ISO 8601>"}
 *   GET  {base}/v1/sign/<transactionId>    → 200 {"status": "pending" | "signed" | "rejected" | "expired",
 *                                                 "signature": "<base64>"}   (signature when signed)
 *
 * `hash` is the SHA-256 of the CMS signed attributes; `signature` is RSASSA-PKCS1-v1_5 over the
 * DigestInfo of that hash (what a token's CKM_RSA_PKCS over the DigestInfo gives). Errors are any
 * non-2xx with {"error": {"code", "message"}}.
 */
import { sha256 } from './cms.ts';
import { SigningError, type KeySigner } from './types.ts';

export interface RemoteOptions {
  url: string;
  token: string;
  user: string;
  timeoutMs?: number | undefined;
  /** How long `sign()` waits for the phone confirmation when used synchronously. */
  waitMs?: number | undefined;
  pollMs?: number | undefined;
}

export type RemoteStatus =
  { status: 'pending' } | { status: 'signed'; signature: Buffer } | { status: 'rejected' | 'expired' };

const remoteError = (detail: string, cause?: unknown) =>
  new SigningError(
    'remote',
    `Dịch vụ ký số từ xa báo lỗi (${detail}).`,
    `The remote signing service failed (${detail}).`,
    cause === undefined ? undefined : { cause },
  );

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class RemoteSigner implements KeySigner {
  readonly kind = 'remote' as const;
  private readonly o: RemoteOptions;
  private chain: Buffer[] | null = null;

  constructor(o: RemoteOptions) {
    this.o = o;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.o.url.endsWith('/') ? this.o.url : `${this.o.url}/`), {
        method,
        headers: {
          authorization: `Bearer ${this.o.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 15_000),
      });
    } catch (e) {
      throw remoteError('unreachable', e);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch (e) {
      throw remoteError(`HTTP ${String(res.status)}, not JSON`, e);
    }
    if (!res.ok) {
      const err = isRecord(json) && isRecord(json.error) ? json.error : {};
      const code = typeof err.code === 'string' ? err.code : '';
      throw remoteError(`HTTP ${String(res.status)}${code ? ` ${code}` : ''}`);
    }
    if (!isRecord(json)) throw remoteError('bad response');
    return json;
  }

  async certificates(): Promise<Buffer[]> {
    if (this.chain) return this.chain;
    const r = await this.call('GET', `v1/certificate?user=${encodeURIComponent(this.o.user)}`);
    const list = Array.isArray(r.certificates) ? r.certificates : [];
    const certs = list.filter((c): c is string => typeof c === 'string').map((c) => Buffer.from(c, 'base64'));
    if (certs.length === 0) throw remoteError('no certificate');
    this.chain = certs;
    return certs;
  }

  /** Asks the service to sign; the signer confirms on the phone. */
  async request(
    data: Buffer,
    meta: { documentName: string; description: string },
  ): Promise<{ transactionId: string; expiresAt: string | null }> {
    const r = await this.call('POST', 'v1/sign', {
      user: this.o.user,
      hashAlgorithm: 'SHA-256',
      hash: sha256(data).toString('base64'),
      documentName: meta.documentName,
      description: meta.description,
    });
    if (typeof r.transactionId !== 'string' || r.transactionId === '' || r.transactionId.length > 200)
      throw remoteError('no transactionId');
    return { transactionId: r.transactionId, expiresAt: typeof r.expiresAt === 'string' ? r.expiresAt : null };
  }

  async status(transactionId: string): Promise<RemoteStatus> {
    const r = await this.call('GET', `v1/sign/${encodeURIComponent(transactionId)}`);
    switch (r.status) {
      case 'pending':
        return { status: 'pending' };
      case 'signed':
        if (typeof r.signature !== 'string' || r.signature === '') throw remoteError('signed without signature');
        return { status: 'signed', signature: Buffer.from(r.signature, 'base64') };
      case 'rejected':
      case 'expired':
        return { status: r.status };
      default:
        throw remoteError('unknown status');
    }
  }

  /** Synchronous use (bench, CLI): request, then wait for the confirmation. */
  async sign(data: Buffer): Promise<Buffer> {
    const { transactionId } = await this.request(data, { documentName: 'document.pdf', description: '' });
    const until = Date.now() + (this.o.waitMs ?? 120_000);
    for (;;) {
      const s = await this.status(transactionId);
      if (s.status === 'signed') return s.signature;
      if (s.status !== 'pending') throw remoteError(s.status);
      if (Date.now() > until) throw remoteError('timeout');
      await new Promise((r) => setTimeout(r, this.o.pollMs ?? 2000));
    }
  }
}
