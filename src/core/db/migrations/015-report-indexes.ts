/** Indexes that keep the monthly report fast on a centre-year and a province (issue 7, owner: bench/scale). */
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up() {
    // Filled by the owner of the report benchmarks.
  },
};
