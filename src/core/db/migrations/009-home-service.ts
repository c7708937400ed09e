/** Vulnerable-people register, home-service requests and visits (issue 5, owner: home-service). */
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up() {
    // Filled by the feature that owns these tables.
  },
};
