/** Printable PDFs over HTTP: every document, its options, and clear errors. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { signIn, testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { inspectPdf } from '../../src/core/documents/inspect.ts';
import { PAPER_POINTS } from '../../src/core/documents/pdf.ts';

/** The paper name of a page size in points, either orientation. */
function paperOf([w, h]: [number, number]): string {
  for (const [name, [a, b]] of Object.entries(PAPER_POINTS)) {
    if ((Math.abs(w - a) < 1 && Math.abs(h - b) < 1) || (Math.abs(w - b) < 1 && Math.abs(h - a) < 1)) return name;
  }
  return `${w}x${h}`;
}

for (const { name, fresh } of DATABASES) {
  describe(`printables (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let centerId: number;

    before(async () => {
      t = await fresh();
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      centerId = c.id;
      await loadInitialCatalog(
        t.deps,
        SYSTEM_ACTOR,
        slug,
        'test',
        readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures,
      );
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('every printable is a PDF of the right paper size with the Vietnamese font embedded', async () => {
      const cases: [string, string][] = [
        ['bang-niem-yet.pdf?kho=A4', 'A4'],
        ['bang-niem-yet.pdf?kho=A3&linh-vuc=ho-tich', 'A3'],
        ['ma-qr.pdf', 'A4'],
        ['bang-phi.pdf', 'A4'],
        ['danh-ba.pdf', 'A4'],
        ['khau-hieu.pdf?loai=cam-ket&kho=A3', 'A3'],
        ['khau-hieu.pdf?loai=4-tai-cho&kho=A2', 'A2'],
        ['khau-hieu.pdf?loai=noi-quy', 'A3'],
      ];
      for (const [path, paper] of cases) {
        const res = await app.inject({ method: 'GET', url: `/${slug}/in/${path}` });
        assert.equal(res.statusCode, 200, `${path}: ${res.body.slice(0, 200)}`);
        assert.equal(res.headers['content-type'], 'application/pdf');
        const info = inspectPdf(res.rawPayload);
        assert.ok(info.pages >= 1, path);
        assert.ok(
          info.fonts.some((f) => f.includes('Tinos')),
          `${path}: ${info.fonts.join(',')}`,
        );
        assert.ok(
          info.pageSizes.every((s) => paperOf(s) === paper),
          `${path}: ${JSON.stringify(info.pageSizes[0])}`,
        );
      }
    });

    test('bad options get clear 400s; unknown documents and centres 404', async () => {
      assert.equal(
        (await app.inject({ method: 'GET', url: `/${slug}/in/bang-niem-yet.pdf?linh-vuc=khong-co` })).statusCode,
        400,
      );
      assert.equal((await app.inject({ method: 'GET', url: `/${slug}/in/bang-niem-yet.pdf?kho=A0` })).statusCode, 400);
      assert.equal((await app.inject({ method: 'GET', url: `/${slug}/in/khau-hieu.pdf?loai=khac` })).statusCode, 400);
      assert.equal((await app.inject({ method: 'GET', url: `/${slug}/in/bi-mat.pdf` })).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: `/khong-co/in/ma-qr.pdf` })).statusCode, 404);
    });

    test('the console lists every printable for the staff', async () => {
      const u = await makeUser(t.deps, centerId, ['clerk']);
      const s = await signIn(app, u.username, TEST_PASSWORD);
      const page = await app.inject({ method: 'GET', url: '/console/printables', headers: { cookie: s.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`/${slug}/in/bang-niem-yet.pdf\\?linh-vuc=ho-tich&amp;kho=A3`));
      assert.match(page.body, /khau-hieu\.pdf\?loai=noi-quy/);
    });
  });
}
