/** Digital signatures on the product's PDFs (PAdES): one interface, three kinds of signer. */
export type { CertificateFacts, KeySigner, SignerKind } from './types.ts';
export { SIGNER_KINDS, SigningError } from './types.ts';
export { markSignatureBox, type SignatureBox } from './box.ts';
