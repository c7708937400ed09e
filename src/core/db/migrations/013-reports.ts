/** Report targets and settings, public headline opt-in (issue 7, owner: reports). */
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up() {
    // Filled by the feature that owns these tables.
  },
};
