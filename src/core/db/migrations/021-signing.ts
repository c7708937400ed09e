/**
 * Digital signatures and electronic certified copies (issue 14, owners: signing, certification).
 *
 * - sign_image: a centre's seal (owner 0) and each signer's handwritten-signature image (owner =
 *   the user's id), transparent PNG, base64; the seal's real width in millimetres.
 * - signed_document: every signing, done or waiting: what was signed (kind + ref), by whom, with
 *   which certificate; a remote signature waiting for the phone keeps its prepared PDF, the bytes
 *   to sign and the chain, so it completes after a restart; the signed PDF once done.
 * - certification_counter / certified_copy: the certification book (sổ chứng thực) — numbers
 *   gapless per centre and year (same upsert as dossier codes), one row per electronic copy with
 *   the uploaded original (content-addressed under <DATA_DIR>/uploads), pages, fee, signer.
 */
import { sql } from 'kysely';
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await withId(db.schema.createTable('sign_image'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('owner', 'integer', (c) => c.notNull())
      .addColumn('png', 'text', (c) => c.notNull())
      .addColumn('width_mm', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addUniqueConstraint('sign_image_uq', ['center_id', 'kind', 'owner'])
      .addCheckConstraint('sign_image_kind_ck', sql`kind IN ('seal', 'signature')`)
      .addCheckConstraint('sign_image_width_ck', sql`width_mm BETWEEN 10 AND 80`)
      .execute();

    await withId(db.schema.createTable('signed_document'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('signer_kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('signer_name', 'text', (c) => c.notNull())
      .addColumn('cert_subject', 'text')
      .addColumn('cert_serial', 'text')
      .addColumn('cert_not_after', 'text')
      .addColumn('level', 'text')
      .addColumn('signing_time', 'text', (c) => c.notNull())
      .addColumn('remote_tx', 'text')
      .addColumn('prepared_pdf', 'text')
      .addColumn('signed_attrs', 'text')
      .addColumn('certificates', 'text')
      .addColumn('pdf', 'text')
      .addColumn('sha256', 'text')
      .addColumn('error', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addCheckConstraint(
        'signed_document_status_ck',
        sql`status IN ('pending', 'signed', 'rejected', 'expired', 'failed')`,
      )
      .addCheckConstraint('signed_document_signer_ck', sql`signer_kind IN ('pkcs12', 'pkcs11', 'remote')`)
      .addCheckConstraint(
        'signed_document_done_ck',
        sql`status <> 'signed' OR (pdf IS NOT NULL AND sha256 IS NOT NULL)`,
      )
      .execute();
    await db.schema
      .createIndex('signed_document_ref_ix')
      .on('signed_document')
      .columns(['center_id', 'kind', 'ref'])
      .execute();
    await db.schema.createIndex('signed_document_status_ix').on('signed_document').columns(['status']).execute();

    await db.schema
      .createTable('certification_counter')
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last_number', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('certification_counter_pk', ['center_id', 'year'])
      .execute();

    await withId(db.schema.createTable('certified_copy'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('dossier_code', 'text')
      .addColumn('document_title', 'text', (c) => c.notNull())
      .addColumn('requester', 'text', (c) => c.notNull())
      .addColumn('original_name', 'text', (c) => c.notNull())
      .addColumn('original_type', 'text', (c) => c.notNull())
      .addColumn('original_bytes', 'integer', (c) => c.notNull())
      .addColumn('original_sha256', 'text', (c) => c.notNull())
      .addColumn('original_key', 'text', (c) => c.notNull())
      .addColumn('pages', 'integer', (c) => c.notNull())
      .addColumn('fee', 'integer', (c) => c.notNull())
      .addColumn('certified_on', 'text', (c) => c.notNull())
      .addColumn('certifier_name', 'text', (c) => c.notNull())
      .addColumn('certifier_title', 'text', (c) => c.notNull())
      .addColumn('signed_document_id', 'integer', (c) => c.references('signed_document.id').onDelete('set null'))
      .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('certified_copy_number_uq', ['center_id', 'year', 'number'])
      .addCheckConstraint('certified_copy_pages_ck', sql`pages >= 1`)
      .addCheckConstraint('certified_copy_fee_ck', sql`fee >= 0`)
      .execute();
    await db.schema
      .createIndex('certified_copy_dossier_ix')
      .on('certified_copy')
      .columns(['center_id', 'dossier_code'])
      .execute();
  },
};
