/**
 * The configured signers and how their failures reach the user, shared by the server side of the
 * signing room (service.ts) and its tasks in the pool (pades-tasks.ts).
 */
import { AppError } from '../../core/http/errors.ts';
import { SigningError, type KeySigner, type SignerKind } from '../../core/documents/signing/index.ts';
import type { SigningConfig } from '../../core/documents/signing/config.ts';

const signerCache = new Map<string, KeySigner>();

/** The configured signer of a kind, or 409 when it is not configured. */
export async function signerFor(config: SigningConfig, kind: SignerKind): Promise<KeySigner> {
  const key = `${kind}:${JSON.stringify(config[kind])}`;
  const cached = signerCache.get(key);
  if (cached) return cached;
  let s: KeySigner;
  if (kind === 'pkcs12' && config.pkcs12) {
    const { Pkcs12Signer } = await import('../../core/documents/signing/pkcs12.ts');
    s = new Pkcs12Signer(config.pkcs12);
  } else if (kind === 'pkcs11' && config.pkcs11) {
    const { Pkcs11Signer } = await import('../../core/documents/signing/pkcs11.ts');
    s = new Pkcs11Signer(config.pkcs11);
  } else if (kind === 'remote' && config.remote) {
    const { RemoteSigner } = await import('../../core/documents/signing/remote.ts');
    s = new RemoteSigner(config.remote);
  } else throw new AppError('SIGNER_NOT_CONFIGURED');
  signerCache.set(key, s);
  return s;
}

/** A signing failure as a catalogue error (SIGNING_FAILED with the signer's reason in both languages). */
export function failed(e: unknown): AppError {
  if (e instanceof SigningError)
    return new AppError('SIGNING_FAILED', [{ field: 'signer', vi: e.vi, en: e.message }], { cause: e });
  if (e instanceof AppError) return e;
  return new AppError('SIGNING_FAILED', [], { cause: e });
}
