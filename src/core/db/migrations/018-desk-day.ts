/**
 * The officer's day at the desk (issue 11, parts 5, 7, 8; docs/decisions/023-desk-search-and-holder.md,
 * 024-apology-reasons-and-cccd-scan.md):
 *
 * - dossier.search_text: the applicant's and owner's names folded (lower case, no diacritics,
 *   đ → d), their ID numbers, the phone and the code, kept at write time by the desk so that the
 *   console list finds a dossier by the person on SQLite and PostgreSQL alike. Existing rows are
 *   filled here. Index (center_id, received_at): the list walks a centre's dossiers newest first
 *   and stops at the page size.
 * - The holder becomes a user: dossier.assigned_user_id (already in 003, never written until now)
 *   is set from the holder's text where it names one user of the centre (full name, "Name — Title",
 *   or a title only one user has). The text stays as it was, for history; index for "Của tôi".
 * - Apology drafts made by the at-risk watch carried a placeholder sentence as their reason; that
 *   sentence is not a reason, so those drafts get an empty one (the holder writes it).
 */
import type { Kysely } from 'kysely';
import type { Migration } from './helpers.ts';

/** The same folding as src/core/http/i18n.ts fold() + searchTextOf() in the desk model, frozen here. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9./-]+/g, ' ')
    .trim();
}

interface Person {
  fullName?: unknown;
  orgName?: unknown;
  idNumber?: unknown;
  phone?: unknown;
  taxCode?: unknown;
}

function parse(json: string | null): Person {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null ? v : {};
  } catch {
    return {};
  }
}

const s = (v: unknown) => (typeof v === 'string' ? v : '');

function searchText(code: string, applicant: Person, owner: Person): string {
  const parts = [
    code.toLowerCase(),
    fold(s(applicant.fullName)),
    fold(s(applicant.orgName)),
    s(applicant.idNumber),
    s(applicant.phone),
    s(applicant.taxCode),
    fold(s(owner.fullName)),
    s(owner.idNumber),
  ].filter(Boolean);
  return ` ${parts.join(' ').replace(/\s+/g, ' ')} `;
}

const PLACEHOLDER = 'Hồ sơ có nguy cơ trễ hạn: chuyên viên cần bổ sung lý do cụ thể trước khi trình duyệt.';

// Migrations are written against an untyped database.
export const migration: Migration = {
  async up(raw) {
    const db = raw as Kysely<any>;
    await db.schema
      .alterTable('dossier')
      .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .createIndex('dossier_center_received_ix')
      .on('dossier')
      .columns(['center_id', 'received_at'])
      .execute();
    await db.schema
      .createIndex('dossier_assigned_user_ix')
      .on('dossier')
      .columns(['assigned_user_id', 'status'])
      .execute();

    await fillDeskDay(db);
  },
};

/**
 * The data part of migration 018 (exported for its test): search texts of dossiers that have
 * none, holders' text mapped to users on open dossiers, placeholder reasons emptied on drafts.
 */
export async function fillDeskDay(db: Kysely<any>): Promise<void> {
  {
    // Fill the search text of existing dossiers, a batch at a time.
    for (let lastId = 0; ;) {
      const rows: { id: number; code: string; applicant: string; owner: string | null }[] = await db
        .selectFrom('dossier')
        .select(['id', 'code', 'applicant', 'owner'])
        .where('id', '>', lastId)
        .where('search_text', '=', '')
        .orderBy('id')
        .limit(1000)
        .execute();
      if (!rows.length) break;
      for (const r of rows) {
        await db
          .updateTable('dossier')
          .set({ search_text: searchText(r.code, parse(r.applicant), parse(r.owner)) })
          .where('id', '=', r.id)
          .execute();
      }
      lastId = rows.at(-1)?.id ?? Number.MAX_SAFE_INTEGER;
    }

    // Holders written as text → the user they name, where exactly one user of the centre matches.
    const users: { id: number; center_id: number; full_name: string; title: string | null }[] = await db
      .selectFrom('app_user')
      .select(['id', 'center_id', 'full_name', 'title'])
      .where('active', '=', 1)
      .execute();
    const holders: { center_id: number; holder: string }[] = await db
      .selectFrom('dossier')
      .select(['center_id', 'holder'])
      .distinct()
      .where('holder', 'is not', null)
      .where('assigned_user_id', 'is', null)
      .execute();
    for (const h of holders) {
      const own = users.filter((u) => u.center_id === h.center_id);
      const name = fold(h.holder.split(/\s+[—–-]\s+/)[0] ?? '');
      const byName = own.filter((u) => fold(u.full_name) === name);
      const byTitle = own.filter((u) => u.title && fold(u.title) === fold(h.holder));
      const match = byName.length === 1 ? byName[0] : byName.length === 0 && byTitle.length === 1 ? byTitle[0] : null;
      if (!match) continue;
      await db
        .updateTable('dossier')
        .set({ assigned_user_id: match.id })
        .where('center_id', '=', h.center_id)
        .where('holder', '=', h.holder)
        .where('assigned_user_id', 'is', null)
        .where('status', 'in', [2, 4, 5, 6])
        .execute();
    }

    await db
      .updateTable('apology')
      .set({ reason: '' })
      .where('status', '=', 'draft')
      .where('reason', '=', PLACEHOLDER)
      .execute();
  }
}
