/**
 * A year's tracking book lists tens of thousands of dossiers: the queries that read their events
 * must not bind one parameter per dossier in a single statement (SQLite allows 32,766, PostgreSQL
 * 65,535) — the book answered 500 "too many SQL variables" for a centre-year.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASES, type TestDb } from '../support/db.ts';
import { clockEvents } from '../../src/features/dossiers/repo.ts';

for (const { name, fresh } of DATABASES) {
  describe(`event reads over very long dossier lists (${name})`, () => {
    let t: TestDb;
    before(async () => {
      t = await fresh();
    });
    after(async () => {
      await t.close();
    });

    test('70,000 dossier ids: clock events (and the first hand-offs among them) are read in chunks, no bind-limit error', async () => {
      const ids = Array.from({ length: 70_000 }, (_, i) => i + 1);
      assert.deepEqual(await clockEvents(t.deps.db, ids), []);
    });
  });
}
