/** Catalogue review workflow through the console: upload → diff → publish → history; access; conflicts. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { form, signIn, testApp, type Session } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import {
  catalogOf,
  loadInitialCatalog,
  procedureWithHistory,
  recentChanges,
  stageImport,
  publishImport,
} from '../../src/features/catalog/service.ts';
import { getCenter } from '../../src/features/centers/service.ts';

const original = readFileSync('data/catalog/cam-giang.json');
const modified = readFileSync('data/catalog/cam-giang-modified.json');

function multipart(s: Session, file: Buffer, name: string, extra: Record<string, string> = {}) {
  const boundary = '----motcua' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: s.csrf, ...extra }))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: s.cookie },
    payload: Buffer.concat(parts),
  };
}

for (const { name, fresh } of DATABASES) {
  describe(`catalogue workflow (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let controller: Session;
    let receiver: Session;

    before(async () => {
      t = await fresh();
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      await loadInitialCatalog(
        t.deps,
        SYSTEM_ACTOR,
        slug,
        'test',
        readCatalogFile('cam-giang.json', original).procedures,
      );
      const u1 = await makeUser(t.deps, c.id, ['tthc_controller']);
      const u2 = await makeUser(t.deps, c.id, ['receiver']);
      controller = await signIn(app, u1.username, TEST_PASSWORD);
      receiver = await signIn(app, u2.username, TEST_PASSWORD);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('the initial catalogue is published and not listed as recent changes', async () => {
      const center = await getCenter(t.deps, slug);
      const cat = await catalogOf(t.deps, center);
      assert.ok(cat.procedures.length >= 45);
      assert.deepEqual(await recentChanges(t.deps, center), []);
    });

    test('uploading the modified file shows the right diff, publishing updates the catalogue and its history', async () => {
      const expected = (() => {
        const before = new Map(readCatalogFile('a.json', original).procedures.map((p) => [p.code, p]));
        const after = readCatalogFile('b.json', modified).procedures;
        const afterCodes = new Set(after.map((p) => p.code));
        return {
          added: after
            .filter((p) => !before.has(p.code))
            .map((p) => p.code)
            .sort(),
          abolished: [
            ...after
              .filter((p) => p.status === 'abolished' && before.get(p.code)?.status !== 'abolished')
              .map((p) => p.code),
            ...[...before.keys()].filter((c) => !afterCodes.has(c)),
          ].sort(),
        };
      })();
      const up = await app.inject({
        method: 'POST',
        url: '/console/catalog/imports',
        ...multipart(controller, modified, 'cam-giang-modified.json'),
      });
      assert.equal(up.statusCode, 303, up.body.slice(0, 500));
      const reviewUrl = up.headers.location!;
      const review = await app.inject({ method: 'GET', url: reviewUrl, headers: { cookie: controller.cookie } });
      assert.equal(review.statusCode, 200);
      const kinds = (k: string) =>
        [...review.body.matchAll(new RegExp(`data-kind="${k}" data-code="([^"]+)"`, 'g'))].map((m) => m[1]).sort();
      assert.deepEqual(kinds('new'), expected.added);
      assert.deepEqual(kinds('abolished'), expected.abolished);
      assert.equal(kinds('changed').length, 3);
      assert.match(review.body, /Bản nháp — chờ duyệt/);

      // A receiving officer may look at nothing here and publish nothing.
      const id = reviewUrl.split('/').pop()!;
      assert.equal(
        (await app.inject({ method: 'POST', url: `/console/catalog/imports/${id}/publish`, ...form(receiver, {}) }))
          .statusCode,
        403,
      );

      const pub = await app.inject({
        method: 'POST',
        url: `/console/catalog/imports/${id}/publish`,
        ...form(controller, {}),
      });
      assert.equal(pub.statusCode, 303);
      const center = await getCenter(t.deps, slug);
      const cat = await catalogOf(t.deps, center);
      for (const code of expected.added) assert.ok(cat.byCode.has(code), `${code} published`);
      for (const code of expected.abolished) assert.ok(!cat.byCode.has(code), `${code} no longer listed`);
      const changes = await recentChanges(t.deps, center);
      assert.equal(changes.length, expected.added.length + expected.abolished.length + 3);
      const changedCode = kinds('changed')[0]!;
      const h = await procedureWithHistory(t.deps, center, changedCode);
      assert.deepEqual(
        h.history.map((x) => x.version),
        [2, 1],
      );
      assert.equal(h.history[0]!.changeKind, 'changed');

      // Publishing twice is refused.
      const again = await app.inject({
        method: 'POST',
        url: `/console/catalog/imports/${id}/publish`,
        ...form(controller, {}),
      });
      assert.equal(again.statusCode, 409);
    });

    test('a draft made stale by another publication cannot be published', async () => {
      const center = await getCenter(t.deps, slug);
      const p = (await catalogOf(t.deps, center)).procedures[0]!;
      const d1 = await stageImport(t.deps, SYSTEM_ACTOR, slug, {
        sourceName: 'a',
        format: 'console',
        procedures: [{ ...p, applicants: 'Công dân A' }],
        full: false,
      });
      const d2 = await stageImport(t.deps, SYSTEM_ACTOR, slug, {
        sourceName: 'b',
        format: 'console',
        procedures: [{ ...p, applicants: 'Công dân B' }],
        full: false,
      });
      await publishImport(t.deps, SYSTEM_ACTOR, slug, d1.importId);
      await assert.rejects(
        publishImport(t.deps, SYSTEM_ACTOR, slug, d2.importId),
        (e: Error & { code?: string }) => e.code === 'CONFLICT',
      );
    });

    test('a broken file is rejected with every problem listed and nothing staged', async () => {
      const bad = Buffer.from(
        JSON.stringify({ procedures: [{ code: 'x', name: '', field: 'Hộ tịch', timeLimit: { unit: 'weeks' } }] }),
      );
      const res = await app.inject({
        method: 'POST',
        url: '/console/catalog/imports',
        ...multipart(controller, bad, 'bad.json'),
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Mã thủ tục quốc gia có dạng 1\.000656/);
      assert.match(res.body, /timeLimit\.unit/);
    });

    test('editing one procedure in the console makes a one-item draft', async () => {
      const center = await getCenter(t.deps, slug);
      const p = (await catalogOf(t.deps, center)).procedures.find(
        (x) => x.fees.length === 0 && x.components.length > 0,
      )!;
      const page = await app.inject({
        method: 'GET',
        url: `/console/catalog/procedures/${p.code}/edit`,
        headers: { cookie: controller.cookie },
      });
      assert.equal(page.statusCode, 200);
      const fields = Object.fromEntries(
        [...page.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [
          m[1]!,
          m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"'),
        ]),
      );
      const areas = Object.fromEntries(
        [...page.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)].map((m) => [
          m[1]!,
          m[2]!.replace(/&amp;/g, '&'),
        ]),
      );
      const submit = {
        ...fields,
        ...areas,
        name: `${p.name} (sửa)`,
        unit: p.timeLimit.unit,
        level: p.level,
        onlineLevel: p.onlineLevel,
        status: p.status,
      };
      delete (submit as Record<string, string>)._csrf;
      const res = await app.inject({
        method: 'POST',
        url: `/console/catalog/procedures/${p.code}/edit`,
        ...form(controller, submit),
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 800));
      const review = await app.inject({
        method: 'GET',
        url: res.headers.location!,
        headers: { cookie: controller.cookie },
      });
      assert.match(review.body, new RegExp(`data-kind="changed" data-code="${p.code.replace('.', '\\.')}"`));
      assert.match(review.body, /<th scope="row" class="nowrap" data-field="name">/);
    });
  });
}
