/** The only place that speaks SQL for survey settings, criteria, responses and follow-up tasks. */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SurveyResponseTable } from '../../core/db/tables/surveys-feedback.ts';

type Db = Kysely<DB>;

export const findSetting = (db: Db, centerId: number) =>
  db.selectFrom('survey_setting').selectAll().where('center_id', '=', centerId).executeTakeFirst();

export async function ensureSetting(db: Db, centerId: number, key: string, at: string) {
  await db
    .insertInto('survey_setting')
    .values({ center_id: centerId, low_threshold_pct: 50, signing_key: key, updated_at: at })
    .onConflict((oc) => oc.column('center_id').doNothing())
    .execute();
  return (await findSetting(db, centerId))!;
}

export const setThreshold = (db: Db, centerId: number, pct: number, at: string) =>
  db
    .updateTable('survey_setting')
    .set({ low_threshold_pct: pct, updated_at: at })
    .where('center_id', '=', centerId)
    .execute();

export const criteriaOf = (db: Db, centerId: number) =>
  db.selectFrom('survey_criterion').selectAll().where('center_id', '=', centerId).orderBy('sort_order').execute();

export async function replaceCriteria(
  db: Db,
  centerId: number,
  rows: { code: string; kind: string; label_vi: string; label_en: string; active: 0 | 1 }[],
  at: string,
) {
  await db.deleteFrom('survey_criterion').where('center_id', '=', centerId).execute();
  if (rows.length)
    await db
      .insertInto('survey_criterion')
      .values(rows.map((r, i) => ({ ...r, center_id: centerId, sort_order: i + 1, updated_at: at })))
      .execute();
}

export const insertResponse = (db: Db, row: Insertable<SurveyResponseTable>) =>
  db.insertInto('survey_response').values(row).returning('id').executeTakeFirstOrThrow();

export const findResponseFor = (db: Db, dossierId: number, stage: string) =>
  db
    .selectFrom('survey_response')
    .select(['id'])
    .where('dossier_id', '=', dossierId)
    .where('stage', '=', stage)
    .executeTakeFirst();

export const findTicketResponse = (db: Db, centerId: number, day: string, ticket: string, stage: string) =>
  db
    .selectFrom('survey_response')
    .select(['id'])
    .where('center_id', '=', centerId)
    .where('local_day', '=', day)
    .where('ticket_code', '=', ticket)
    .where('stage', '=', stage)
    .executeTakeFirst();

export const stagesRated = (db: Db, dossierId: number) =>
  db.selectFrom('survey_response').select(['stage']).where('dossier_id', '=', dossierId).execute();

/** Responses of some centres between two local days (inclusive); only the columns statistics need. */
export const responsesBetween = (db: Db, centerIds: number[], fromDay: string, toDay: string) =>
  centerIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('survey_response')
        .select([
          'id',
          'center_id',
          'dossier_id',
          'stage',
          'channel',
          'device',
          'overall',
          'average_pct',
          'officer_user_id',
          'officer_name',
          'counter',
          'field',
          'local_day',
          'local_month',
        ])
        .where('center_id', 'in', centerIds)
        .where('local_day', '>=', fromDay)
        .where('local_day', '<=', toDay)
        .orderBy('local_day')
        .orderBy('id')
        .execute();

export const insertFollowup = (
  db: Db,
  row: { center_id: number; response_id: number; reason: string; created_at: string },
) =>
  db
    .insertInto('survey_followup')
    .values({
      ...row,
      status: 'open',
      assigned_user_id: null,
      note: null,
      resolved_by: null,
      resolved_at: null,
      updated_at: row.created_at,
    })
    .execute();

export const followupsOf = (db: Db, centerId: number, limit: number) =>
  db
    .selectFrom('survey_followup as f')
    .innerJoin('survey_response as r', 'r.id', 'f.response_id')
    .leftJoin('app_user as a', 'a.id', 'f.assigned_user_id')
    .select([
      'f.id',
      'f.reason',
      'f.status',
      'f.assigned_user_id',
      'a.full_name as assigned_name',
      'f.note',
      'f.resolved_at',
      'f.created_at',
      'r.dossier_code',
      'r.ticket_code',
      'r.stage',
      'r.overall',
      'r.average_pct',
      'r.comment',
      'r.officer_user_id',
      'r.officer_name',
      'r.counter',
      'r.field',
      'r.local_day',
    ])
    .where('f.center_id', '=', centerId)
    .orderBy('f.status', 'desc') // resolved last ('resolved' > 'open' > 'assigned' is not alphabetical enough: sorted again in the service)
    .orderBy('f.created_at', 'desc')
    .limit(limit)
    .execute();

export const findFollowup = (db: Db, id: number) =>
  db.selectFrom('survey_followup').selectAll().where('id', '=', id).executeTakeFirst();

export const updateFollowup = (
  db: Db,
  id: number,
  set: {
    status?: string;
    assigned_user_id?: number | null;
    note?: string | null;
    resolved_by?: number | null;
    resolved_at?: string | null;
    updated_at: string;
  },
) => db.updateTable('survey_followup').set(set).where('id', '=', id).execute();

export const staffOf = (db: Db, centerId: number) =>
  db
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.full_name'])
    .distinct()
    .where('user_role.center_id', '=', centerId)
    .where('app_user.active', '=', 1)
    .orderBy('app_user.full_name')
    .execute();

export const counterOfName = (db: Db, centerId: number, name: string) =>
  db
    .selectFrom('staff_contact')
    .select(['counter'])
    .where('center_id', '=', centerId)
    .where('name', '=', name)
    .where('counter', '!=', '')
    .orderBy('sort_order')
    .executeTakeFirst();

export const countersOf = (db: Db, centerId: number) =>
  db
    .selectFrom('staff_contact')
    .select(['counter'])
    .distinct()
    .where('center_id', '=', centerId)
    .where('counter', '!=', '')
    .orderBy('counter')
    .execute();

/** Unresolved follow-ups of a centre, leaving out those about `exceptOfficer`'s own service (ratings stay anonymous to the rated officer). */
export async function countOpenFollowups(db: Db, centerId: number, exceptOfficer: number | null): Promise<number> {
  let q = db
    .selectFrom('survey_followup as f')
    .innerJoin('survey_response as r', 'r.id', 'f.response_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('f.center_id', '=', centerId)
    .where('f.status', '!=', 'resolved');
  if (exceptOfficer !== null)
    q = q.where((eb) => eb.or([eb('r.officer_user_id', 'is', null), eb('r.officer_user_id', '!=', exceptOfficer)]));
  const r = await q.executeTakeFirst();
  return Number(r?.n ?? 0);
}
