/** Survey criteria and responses, citizen feedback (PAKN), staff obstacles (issue 6, owner: surveys/feedback). */
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up() {
    // Filled by the feature that owns these tables.
  },
};
