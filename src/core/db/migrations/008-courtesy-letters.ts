/** Courtesy letters, templates, print queue, handovers (issue 5, owner: letters). */
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up() {
    // Filled by the feature that owns these tables.
  },
};
