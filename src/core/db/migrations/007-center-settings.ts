/** Centre settings added with the desk: how many re-appointments (apology letters) a dossier may get. */
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db) {
    await db.schema
      .alterTable('center')
      .addColumn('max_reappointments', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  },
};
