/** SQL of the DVCQG export: the events of many dossiers at once (the dossier rows come from the desk's repo). */
import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';

type Db = Kysely<DB>;

/** The largest id list a statement binds: far below SQLite's 32,766 and PostgreSQL's 65,535. */
const CHUNK = 500;

/** Every event of these dossiers, in order (dossier, then seq): one query per 500 dossiers. */
export async function eventsOfDossiers(db: Db, dossierIds: readonly number[]) {
  const out = [];
  for (let i = 0; i < dossierIds.length; i += CHUNK) {
    const chunk = dossierIds.slice(i, i + CHUNK);
    out.push(
      ...(await db
        .selectFrom('dossier_event')
        .selectAll()
        .where('dossier_id', 'in', chunk)
        .orderBy('dossier_id')
        .orderBy('seq')
        .execute()),
    );
  }
  return out;
}
