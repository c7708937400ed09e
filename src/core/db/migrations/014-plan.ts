/** Plan tasks, evidence, document register, facility checklist and spending (issue 7, owner: plan). */
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up() {
    // Filled by the feature that owns these tables.
  },
};
