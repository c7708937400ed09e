/**
 * Form 04 names the body responsible for the delay and its signer (issue 11; decision 024): the
 * specialist or holder writes them on the apology draft, and the director's approval carries them
 * into the `extend` event that the letter prints. Empty (null) = the centre and its leader.
 */
import type { Kysely } from 'kysely';
import type { Migration } from './helpers.ts';

// Migrations are written against an untyped database.
export const migration: Migration = {
  async up(raw) {
    const db = raw as Kysely<any>;
    for (const column of ['responsible_unit', 'signer_title', 'signer_name'])
      await db.schema.alterTable('apology').addColumn(column, 'text').execute();
  },
};
