/** Volunteers, roster shifts, check-ins, assistance log (issue 5, owner: volunteers). */
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up() {
    // Filled by the feature that owns these tables.
  },
};
