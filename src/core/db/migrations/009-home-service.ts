/**
 * Home service for vulnerable people (issue 5, owner: home-service):
 * - `care_person`: the register of people who may need service at home, with their consent
 *   (date, how, given by whom, recorded by whom; withdrawal erases the personal fields);
 * - `home_request`: a request (public form, phone, or raised from a dossier) with its tracking code;
 * - `home_visit`: a scheduled visit (officer, Vietnam date and time, address, tasks) and its record
 *   (outcome, time, notes, photo, the citizen's confirmation, dossiers taken / returned, card delivered).
 */
import { sql } from 'kysely';
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await withId(db.schema.createTable('care_person'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('full_name', 'text', (c) => c.notNull())
      // lower case, no diacritics (fold): search "nguyen van an" finds "Nguyễn Văn An"
      .addColumn('name_folded', 'text', (c) => c.notNull())
      .addColumn('birth_year', 'integer')
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('categories', 'text', (c) => c.notNull()) // JSON array of CARE_CATEGORIES
      .addColumn('carer_name', 'text', (c) => c.notNull())
      .addColumn('carer_relation', 'text', (c) => c.notNull())
      .addColumn('carer_phone', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('consent_date', 'text', (c) => c.notNull()) // YYYY-MM-DD
      .addColumn('consent_method', 'text', (c) => c.notNull())
      .addColumn('consent_given_by', 'text', (c) => c.notNull())
      .addColumn('consent_recorded_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('withdrawn_at', 'text')
      .addColumn('withdrawn_note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('care_person_method_ck', sql`consent_method IN ('written', 'verbal', 'relative', 'phone')`)
      .execute();
    await db.schema
      .createIndex('care_person_center_ix')
      .on('care_person')
      .columns(['center_id', 'name_folded'])
      .execute();

    await withId(db.schema.createTable('home_request'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('person_name', 'text', (c) => c.notNull())
      .addColumn('relationship', 'text', (c) => c.notNull())
      .addColumn('requester_name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('needs', 'text', (c) => c.notNull()) // JSON array of NEEDS
      .addColumn('needs_other', 'text', (c) => c.notNull())
      .addColumn('preferred_date', 'text') // YYYY-MM-DD
      .addColumn('preferred_slot', 'text', (c) => c.notNull())
      .addColumn('dossier_code', 'text')
      .addColumn('care_person_id', 'integer', (c) => c.references('care_person.id').onDelete('set null'))
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('consent_at', 'text')
      .addColumn('local_day', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('close_note', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('home_request_source_ck', sql`source IN ('public', 'phone', 'dossier')`)
      .addCheckConstraint('home_request_status_ck', sql`status IN ('new', 'scheduled', 'done', 'cancelled')`)
      .execute();
    await db.schema
      .createIndex('home_request_code_ux')
      .on('home_request')
      .columns(['center_id', 'code'])
      .unique()
      .execute();
    await db.schema.createIndex('home_request_day_ix').on('home_request').columns(['center_id', 'local_day']).execute();

    await withId(db.schema.createTable('home_visit'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('request_id', 'integer', (c) => c.notNull().references('home_request.id').onDelete('restrict'))
      .addColumn('officer_user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('restrict'))
      .addColumn('visit_date', 'text', (c) => c.notNull()) // YYYY-MM-DD in Vietnam
      .addColumn('visit_time', 'text', (c) => c.notNull()) // HH:mm in Vietnam
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('tasks', 'text', (c) => c.notNull()) // JSON array of TASKS
      .addColumn('dossier_code', 'text')
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('visited_at', 'text') // instant of the visit (UTC ISO)
      .addColumn('visited_day', 'text') // YYYY-MM-DD in Vietnam, for the month figures
      .addColumn('outcome_note', 'text')
      .addColumn('photo_sha256', 'text')
      .addColumn('photo_key', 'text')
      .addColumn('photo_type', 'text')
      .addColumn('confirm_kind', 'text')
      .addColumn('confirm_name', 'text')
      .addColumn('taken_codes', 'text', (c) => c.notNull()) // JSON array of dossier codes taken at home
      .addColumn('result_returned', 'integer', (c) => c.notNull())
      .addColumn('card_delivered', 'integer', (c) => c.notNull())
      .addColumn('recorded_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('recorded_at', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint(
        'home_visit_status_ck',
        sql`status IN ('scheduled', 'done', 'not_home', 'postponed', 'cancelled')`,
      )
      .addCheckConstraint(
        'home_visit_confirm_ck',
        sql`confirm_kind IS NULL OR confirm_kind IN ('typed', 'paper', 'none')`,
      )
      .execute();
    await db.schema
      .createIndex('home_visit_day_ix')
      .on('home_visit')
      .columns(['center_id', 'visit_date', 'officer_user_id'])
      .execute();
    await db.schema.createIndex('home_visit_request_ix').on('home_visit').column('request_id').execute();
    await db.schema
      .createIndex('home_visit_visited_ix')
      .on('home_visit')
      .columns(['center_id', 'visited_day'])
      .execute();

    // The key that signs the public form's timestamp (one row, shared by every server process).
    await db.schema
      .createTable('home_form_secret')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
