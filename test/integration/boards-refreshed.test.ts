/**
 * A kept board goes stale when what it prints changes: a change of the centre's settings (here a
 * new phone number, saved through the console's form over HTTP) renders the centre's boards
 * again in the task pool, in the background, and the next request is served from the new file;
 * a new day renders again only the boards that print the date. A background rendering that fails
 * never fails the save (decision 053). SQLite and PostgreSQL, real task pool, real PDFs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDeps, start, type Running } from '../../src/main.ts';
import type { Deps } from '../../src/core/deps.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { localDateOf } from '../../src/core/calendar/index.ts';
import { placeDateLine } from '../../src/core/documents/pdf.ts';
import { taskPoolOf } from '../../src/features/tasks.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { catalogOf, publishImport, stageImport } from '../../src/features/catalog/service.ts';
import { keptPrintable, type PrintOptions } from '../../src/features/boards/service.ts';
import { boardsRenderedAhead, renderDatedBoardsAhead } from '../../src/features/boards/ahead.ts';
import { boardsToPrerender } from '../../src/features/boards/model.ts';
import { getCenter, updateSettings } from '../../src/features/centers/index.ts';
import { DATABASES, testConfig, type TestDb } from '../support/db.ts';
import { makeCenter, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { signIn } from '../support/http.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;

const settingsForm = (phone: string) => ({
  s1: '07:30',
  e1: '11:30',
  s2: '13:30',
  e2: '17:00',
  cutoff: '15:00',
  weekday: '2',
  maxReappointments: '1',
  apologyWarningHours: '8',
  guidanceTakesCode: '0',
  leaderName: 'Nguyễn Thị Hà',
  leaderTitle: 'Giám đốc',
  address: 'Trụ sở UBND xã',
  email: 'motcua@example.gov.vn',
  phones: `Bộ phận Một cửa | ${phone}`,
});

/** The text of a PDF file, whitespace folded (pdftotext, as the other PDF tests read them). */
function textOf(file: string): string {
  return spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
}

/** A started server (its own task pool) on a fresh database of `name`, with its data folder. */
async function serve(name: string, fresh: () => Promise<TestDb>) {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-refresh-'));
  const t = name === 'postgres' ? await fresh() : null;
  const config = testConfig({ DATA_DIR: dir, DEMO: 'off', ...(t ? { DATABASE_URL: t.config.databaseUrl } : {}) });
  const r = await start(config, { quiet: true });
  const deps = makeDeps(config, r.database, quiet);
  const close = async () => {
    await r.stop();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { r, deps, dir, close };
}

/** Saves the settings form over HTTP as the centre's director; the answer's status. */
async function saveSettings(r: Running, deps: Deps, centerId: number, phone: string): Promise<number> {
  const director = await makeUser(deps, centerId, ['director']);
  const s = await signIn(r.app, director.username, TEST_PASSWORD);
  const res = await fetch(`${r.url}/console/settings`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.cookie },
    body: new URLSearchParams({ _csrf: s.csrf, ...settingsForm(phone) }).toString(),
  });
  return res.status;
}

async function publishSome(deps: Deps, slug: string, origin: string): Promise<void> {
  const { procedures } = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json'));
  const fields = [...new Set(procedures.map((p) => p.field))].slice(0, 2);
  const some = fields.flatMap((f) => procedures.filter((p) => p.field === f).slice(0, 2));
  const staged = await stageImport(deps, SYSTEM_ACTOR, slug, {
    sourceName: 't',
    format: 'json',
    procedures: some,
    full: true,
  });
  await publishImport(deps, SYSTEM_ACTOR, slug, staged.importId, { origin });
}

for (const { name, fresh } of DATABASES) {
  test(`(${name}) a settings change renders the kept boards again; the next requests get the new files`, async () => {
    const { r, deps, close } = await serve(name, fresh);
    try {
      const pool = taskPoolOf(deps);
      assert.ok(pool);
      const rendered = () => pool.answered.get('printable') ?? 0;
      const c = await makeCenter(deps);
      await publishSome(deps, c.slug, r.url);
      await boardsRenderedAhead();
      // A citizen asks for the fee table and the QR sheet: rendered on demand, then kept.
      for (const f of ['bang-phi.pdf', 'ma-qr.pdf'])
        assert.equal((await fetch(`${r.url}/${c.slug}/in/${f}`)).status, 200);
      const center0 = await getCenter(deps, c.slug);
      const fields = (await catalogOf(deps, center0)).fields;
      assert.equal(fields.length, 2);
      const posting = boardsToPrerender(fields);
      const before = rendered();

      // The director saves a new phone number: the save answers at once, the boards follow.
      assert.equal(await saveSettings(r, deps, c.id, '0220 3999 888'), 303);
      await boardsRenderedAhead();
      assert.equal(rendered() - before, posting.length + 2, 'every kept board rendered again, in the pool');
      const center = await getCenter(deps, c.slug);
      const whole = await keptPrintable(deps, center, 'bang-niem-yet', {}, r.url);
      assert.ok(typeof whole === 'string', 'the new posting board is kept as a file');
      if (hasPdftotext) {
        assert.match(textOf(whole), /Bộ phận Một cửa: 0220 3999 888/, 'the new phone is printed');
      }
      // The next requests are the kept files: nothing is rendered on demand.
      const asked: [string, PrintOptions][] = [
        ['bang-niem-yet.pdf', {}],
        [`bang-niem-yet.pdf?linh-vuc=${fields[1]?.slug ?? ''}&kho=A4`, { field: fields[1]?.slug ?? '' }],
        ['bang-phi.pdf', {}],
        ['ma-qr.pdf', {}],
      ];
      const after = rendered();
      for (const [url, opts] of asked) {
        const res = await fetch(`${r.url}/${c.slug}/in/${url}`);
        assert.equal(res.status, 200);
        const kind = url.replace(/\.pdf.*$/, '');
        const file = await keptPrintable(deps, center, kind, opts, r.url);
        assert.ok(typeof file === 'string', `${url} kept`);
        assert.deepEqual(Buffer.from(await res.arrayBuffer()), readFileSync(file), `${url} served from its file`);
      }
      assert.equal(rendered(), after, 'served from the kept files, not rendered again');

      // A setting no board prints (the at-risk window) leaves every kept file good: nothing rendered.
      await updateSettings(deps, SYSTEM_ACTOR, c.slug, { apologyWarningHours: 12 });
      await boardsRenderedAhead();
      assert.equal(rendered(), after, 'nothing printed changed, nothing rendered');

      // The next day: only the boards that print the date are rendered again for it.
      const tomorrowDeps: Deps = { ...deps, now: () => new Date(Date.now() + 86_400_000) };
      await renderDatedBoardsAhead(tomorrowDeps);
      assert.equal(rendered() - after, posting.length + 1, 'posting boards and fee table, not the QR sheet');
      const tomorrow = localDateOf(tomorrowDeps.now());
      const next = await keptPrintable(tomorrowDeps, center, 'bang-niem-yet', {}, r.url);
      assert.ok(typeof next === 'string', 'the posting board of the new day is kept');
      assert.ok(
        (await keptPrintable(tomorrowDeps, center, 'ma-qr', {}, r.url)) !== null,
        'the QR sheet kept across days',
      );
      if (hasPdftotext) assert.ok(textOf(next).includes(placeDateLine('X', tomorrow).slice(3)), 'dated the new day');
    } finally {
      await close();
    }
  });

  test(`(${name}) a background rendering that fails never fails the settings save`, async () => {
    const { r, deps, dir, close } = await serve(name, fresh);
    try {
      const pool = taskPoolOf(deps);
      assert.ok(pool);
      const c = await makeCenter(deps);
      // The boards' folder cannot be made (a file is in its place): every board ahead fails to be kept.
      writeFileSync(join(dir, 'printables'), 'not a folder');
      assert.equal(await saveSettings(r, deps, c.id, '0220 3777 666'), 303, 'saved');
      await boardsRenderedAhead();
      assert.ok((pool.answered.get('printable') ?? 0) >= 1, 'the board was rendered in the pool');
      const center = await getCenter(deps, c.slug);
      assert.equal(await keptPrintable(deps, center, 'bang-niem-yet', {}, r.url), null, 'but could not be kept');
      assert.match(center.phones, /0220 3777 666/, 'the settings were saved');
      const page = await fetch(`${r.url}/${c.slug}`);
      assert.equal(page.status, 200, 'the server goes on');
    } finally {
      await close();
    }
  });
}
