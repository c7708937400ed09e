/** Centres, staff accounts and roles, sessions, API tokens, calendar notices, audit log. */
import { sql } from 'kysely';
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await withId(db.schema.createTable('center'), ctx)
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text', (c) => c.notNull())
      .addColumn('parent_body', 'text', (c) => c.notNull())
      .addColumn('province', 'text', (c) => c.notNull())
      .addColumn('agency_code', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('phones', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('email', 'text')
      .addColumn('website', 'text')
      .addColumn('working_sessions', 'text', (c) => c.notNull())
      .addColumn('same_day_cutoff', 'text', (c) => c.notNull().defaultTo('15:00'))
      .addColumn('same_day_weekdays', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('culture_day_enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('culture_day_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('leader_name', 'text')
      .addColumn('leader_title', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('center_slug_uq', ['slug'])
      .addCheckConstraint('center_slug_ck', sql`slug <> ''`)
      .execute();

    await withId(db.schema.createTable('app_user'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('title', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_login_at', 'text')
      .addUniqueConstraint('app_user_username_uq', ['username'])
      .execute();
    await db.schema.createIndex('app_user_center_ix').on('app_user').column('center_id').execute();

    await db.schema
      .createTable('user_role')
      .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_role_pk', ['user_id', 'center_id', 'role'])
      .execute();

    await db.schema
      .createTable('session')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('session_user_ix').on('session').column('user_id').execute();

    await withId(db.schema.createTable('api_token'), ctx)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('expires_at', 'text')
      .addColumn('revoked_at', 'text')
      .addUniqueConstraint('api_token_hash_uq', ['token_hash'])
      .execute();

    await withId(db.schema.createTable('calendar_notice'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('working', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('reason_en', 'text', (c) => c.notNull())
      .addColumn('legal_basis', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('calendar_notice_day_uq', ['center_id', 'date'])
      .execute();

    await db.schema
      .createTable('calendar_year')
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('confirmed_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('confirmed_at', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('calendar_year_pk', ['center_id', 'year'])
      .execute();

    await withId(db.schema.createTable('audit_log'), ctx)
      .addColumn('center_id', 'integer', (c) => c.references('center.id').onDelete('cascade'))
      .addColumn('actor_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('detail', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_center_at_ix').on('audit_log').columns(['center_id', 'at']).execute();
  },
};
