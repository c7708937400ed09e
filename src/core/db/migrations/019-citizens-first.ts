/**
 * Citizens first (issue 12): the console language as each user's own setting, and the queue's
 * posted priority groups and opening-time tickets as a centre's settings (decisions 025, 026).
 *
 * - app_user.lang: 'vi' (default) or 'en' — the console follows the user, not the browser.
 * - queue_setting.priority_groups: JSON list of the priority groups the kiosk offers (null: the
 *   groups of the posted working rules, model.ts DEFAULT_PRIORITY_GROUPS).
 * - queue_setting.early_tickets: 1 = outside hours the kiosk issues tickets for the next opening.
 */
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db) {
    await db.schema
      .alterTable('app_user')
      .addColumn('lang', 'text', (c) => c.notNull().defaultTo('vi'))
      .execute();
    await db.schema.alterTable('queue_setting').addColumn('priority_groups', 'text').execute();
    await db.schema
      .alterTable('queue_setting')
      .addColumn('early_tickets', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
