/**
 * A province runs its centres (issue 15, docs/decisions/033):
 * - app_user.province_admin: the province administrator, who creates centres, assigns province
 *   officers and sees every centre's health. Not a role of one centre: it reaches centres that do
 *   not exist yet.
 * - center.agency_code unique: dossier codes are `{agency code}-{yyMMdd}-{seq}`, so two centres
 *   with one agency code would hand out the same codes. A database that already has duplicates is
 *   refused with the list (fix them, then migrate again).
 */
import { sql } from 'kysely';
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db) {
    const dup = await sql<{ agency_code: string }>`
      SELECT agency_code FROM center GROUP BY agency_code HAVING count(*) > 1`.execute(db);
    if (dup.rows.length)
      throw new Error(
        `Mã cơ quan trùng giữa các trung tâm / agency codes shared by several centres: ${dup.rows
          .map((r) => r.agency_code)
          .join(', ')} — sửa trước khi cập nhật / fix them, then migrate again`,
      );
    await db.schema.createIndex('center_agency_code_uq').on('center').column('agency_code').unique().execute();
    await db.schema
      .alterTable('app_user')
      .addColumn('province_admin', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
