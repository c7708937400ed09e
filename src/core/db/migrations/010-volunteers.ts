/** Volunteers, roster shifts, check-ins, assistance log (issue 5, owner: volunteers). */
import { sql } from 'kysely';
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    // A Youth Union / Women's Union member (or another organisation's) on duty at the desk,
    // optionally linked to a staff account with the role 'volunteer' so they can sign in on a phone.
    await withId(db.schema.createTable('volunteer'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('organisation', 'text', (c) => c.notNull())
      .addColumn('organisation_name', 'text')
      .addColumn('phone', 'text')
      .addColumn('user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('volunteer_org_ck', sql`organisation IN ('youth_union', 'women_union', 'other')`)
      .addCheckConstraint('volunteer_active_ck', sql`active IN (0, 1)`)
      .execute();
    await db.schema.createIndex('volunteer_center_ix').on('volunteer').columns(['center_id', 'active']).execute();
    // One volunteer record per account and centre.
    await db.schema
      .createIndex('volunteer_user_uq')
      .on('volunteer')
      .columns(['center_id', 'user_id'])
      .unique()
      .execute();

    // The weekly roster: one row per volunteer, day and time span (Vietnam wall clock).
    await withId(db.schema.createTable('volunteer_shift'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('volunteer_id', 'integer', (c) => c.notNull().references('volunteer.id').onDelete('cascade'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('session', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull())
      .addColumn('end_time', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('volunteer_shift_session_ck', sql`session IN ('morning', 'afternoon', 'custom')`)
      .addCheckConstraint('volunteer_shift_span_ck', sql`start_time < end_time`)
      .addUniqueConstraint('volunteer_shift_uq', ['volunteer_id', 'date', 'start_time'])
      .execute();
    await db.schema
      .createIndex('volunteer_shift_center_date_ix')
      .on('volunteer_shift')
      .columns(['center_id', 'date'])
      .execute();

    // Presence at the desk: check-in and check-out instants.
    await withId(db.schema.createTable('volunteer_checkin'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('volunteer_id', 'integer', (c) => c.notNull().references('volunteer.id').onDelete('cascade'))
      .addColumn('shift_id', 'integer', (c) => c.references('volunteer_shift.id').onDelete('set null'))
      .addColumn('checked_in_at', 'text', (c) => c.notNull())
      .addColumn('checked_out_at', 'text')
      .addColumn('checked_in_by', 'integer')
      .addColumn('checked_out_by', 'integer')
      .execute();
    await db.schema
      .createIndex('volunteer_checkin_center_ix')
      .on('volunteer_checkin')
      .columns(['center_id', 'checked_in_at'])
      .execute();
    await db.schema
      .createIndex('volunteer_checkin_volunteer_ix')
      .on('volunteer_checkin')
      .columns(['volunteer_id', 'checked_in_at'])
      .execute();
    // At most one open check-in per volunteer, even when two phones tap at once.
    await db.schema
      .createIndex('volunteer_checkin_open_uq')
      .on('volunteer_checkin')
      .column('volunteer_id')
      .unique()
      .where(sql.ref('checked_out_at'), 'is', null)
      .execute();

    // The quick assistance log: what kind of help, for how many people, optionally which dossier.
    await withId(db.schema.createTable('volunteer_assist'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('volunteer_id', 'integer', (c) => c.notNull().references('volunteer.id').onDelete('cascade'))
      .addColumn('checkin_id', 'integer', (c) => c.references('volunteer_checkin.id').onDelete('set null'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('people', 'integer', (c) => c.notNull())
      .addColumn('dossier_id', 'integer', (c) => c.references('dossier.id').onDelete('set null'))
      .addColumn('dossier_code', 'text')
      .addColumn('note', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addCheckConstraint(
        'volunteer_assist_kind_ck',
        sql`kind IN ('guide', 'online_submission', 'vneid', 'form_filling', 'other')`,
      )
      .addCheckConstraint('volunteer_assist_people_ck', sql`people BETWEEN 1 AND 100`)
      .execute();
    await db.schema
      .createIndex('volunteer_assist_center_at_ix')
      .on('volunteer_assist')
      .columns(['center_id', 'at'])
      .execute();
    await db.schema
      .createIndex('volunteer_assist_volunteer_ix')
      .on('volunteer_assist')
      .columns(['volunteer_id', 'at'])
      .execute();
  },
};
