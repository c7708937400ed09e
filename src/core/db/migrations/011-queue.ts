/** Queue groups, counters, tickets (issue 6, owner: queue). */
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up() {
    // Filled by the feature that owns these tables.
  },
};
