/** Table types: signatures and the certification book (issue 14, owners: signing, certification). Same portable conventions as ../schema.ts. */
import type { Generated } from 'kysely';

export interface SignImageTable {
  id: Generated<number>;
  center_id: number;
  kind: string; // seal | signature
  /** 0 for the centre's seal; the user's id for a signature image. */
  owner: number;
  /** PNG, base64. */
  png: string;
  width_mm: number;
  updated_at: string;
  updated_by: number | null;
}

export interface SignedDocumentTable {
  id: Generated<number>;
  center_id: number;
  kind: string;
  ref: string;
  title: string;
  file_name: string;
  signer_kind: string; // pkcs12 | pkcs11 | remote
  status: string; // pending | signed | rejected | expired | failed
  signer_name: string;
  cert_subject: string | null;
  cert_serial: string | null;
  cert_not_after: string | null;
  level: string | null; // B-B | B-T
  signing_time: string;
  remote_tx: string | null;
  /** Base64: the PDF with its empty placeholder (pending remote signatures). */
  prepared_pdf: string | null;
  signed_attrs: string | null;
  /** JSON array of base64 DER certificates. */
  certificates: string | null;
  /** Base64: the signed PDF. */
  pdf: string | null;
  sha256: string | null;
  error: string | null;
  created_by: number | null;
  created_at: string;
  completed_at: string | null;
}

export interface CertificationCounterTable {
  center_id: number;
  year: number;
  last_number: number;
}

export interface CertifiedCopyTable {
  id: Generated<number>;
  center_id: number;
  year: number;
  number: number;
  dossier_code: string | null;
  document_title: string;
  requester: string;
  original_name: string;
  original_type: string;
  original_bytes: number;
  original_sha256: string;
  original_key: string;
  pages: number;
  fee: number;
  certified_on: string;
  certifier_name: string;
  certifier_title: string;
  signed_document_id: number | null;
  created_by: number | null;
  created_at: string;
}

export interface SigningTables {
  sign_image: SignImageTable;
  signed_document: SignedDocumentTable;
  certification_counter: CertificationCounterTable;
  certified_copy: CertifiedCopyTable;
}
