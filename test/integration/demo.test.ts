/** The demo centre is a living desk: dossiers in every status, some late, some due today, some apologised. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASES } from '../support/db.ts';
import { loadDemo, DEMO_SLUG } from '../../src/features/demo/service.ts';
import { listDossiers, getDossier } from '../../src/features/dossiers/service.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { toLocal } from '../../src/core/calendar/index.ts';

for (const { name, fresh } of DATABASES) {
  test(`the demo desk has dossiers in every state (${name})`, async () => {
    const now = new Date('2026-11-27T03:30:00Z'); // Friday 10:30 in Vietnam
    const t = await fresh(() => now);
    try {
      assert.equal((await loadDemo(t.deps)).loaded, true);
      const all = await listDossiers(t.deps, SYSTEM_ACTOR, DEMO_SLUG, { limit: 500 });
      assert.ok(all.length >= 80, `${all.length} dossiers`);
      const statuses = new Set(all.map((d) => d.status));
      for (const s of [1, 2, 3, 4, 5, 7, 8, 9, 10]) assert.ok(statuses.has(s as never), `status ${s} present`);
      const open = all.filter((d) => [2, 4, 5, 6].includes(d.status));
      const today = toLocal(now).date;
      assert.ok(
        open.some((d) => new Date(d.extendedDueAt ?? d.dueAt) < now),
        'some open dossiers are overdue',
      );
      assert.ok(
        open.some((d) => toLocal(new Date(d.extendedDueAt ?? d.dueAt)).date === today),
        'some are due today',
      );
      assert.ok(
        all.some((d) => d.extendedDueAt !== null),
        'some were apologised and re-appointed',
      );
      assert.ok(
        all.some((d) => d.supplementCount > 1),
        'one was supplemented twice',
      );
      assert.ok(
        all.some((d) => d.sameDay && d.status === 10),
        'same-day dossiers were returned',
      );
      const returned = all.filter((d) => d.status === 10);
      const verdicts = await Promise.all(
        returned.map(async (d) => (await getDossier(t.deps, SYSTEM_ACTOR, d.code)).dossier.verdict),
      );
      assert.ok(
        verdicts.includes('late') && (verdicts.includes('on_time') || verdicts.includes('early')),
        verdicts.join(','),
      );
    } finally {
      await t.close();
    }
  });
}
