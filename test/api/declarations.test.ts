/**
 * Declaration forms (issue 12): the blank forms the catalogue links to (public PDFs), and the
 * pre-filled declaration printed from a dossier at the desk (applicant data filled in, access as the
 * dossier's, 404 with the reason for a procedure whose form the desk does not know).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';
import { testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { inspectPdf } from '../../src/core/documents/inspect.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
function textOf(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-decl-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return spawnSync('pdftotext', [join(dir, 'f.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const citizen = {
  kind: 'citizen',
  fullName: 'Phạm Thị Thu Trang',
  idNumber: '034190001234',
  phone: '0912345678',
  address: 'Thôn Bình Long, xã Cẩm Giàng, thành phố Hải Phòng',
};

for (const { name, fresh } of DATABASES) {
  describe(`declaration forms (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug = '';
    const tokens: Record<string, string> = {};
    const codes: Record<string, string> = {};

    before(async () => {
      t = await fresh();
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      const procedures = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', procedures);
      tokens.receiver = await makeToken(t.deps, (await makeUser(t.deps, c.id, ['receiver'])).username);
      const other = await makeCenter(t.deps);
      tokens.other = await makeToken(t.deps, (await makeUser(t.deps, other.id, ['receiver'])).username);
      for (const p of ['1.001193', '1.000656', '1.000894', '2.001035', '2.000815']) {
        const res: LightMyRequestResponse = await app.inject({
          method: 'POST',
          url: `/api/v1/centers/${slug}/dossiers`,
          headers: { authorization: `Bearer ${tokens.receiver}` },
          payload: { procedureCode: p, applicant: citizen },
        });
        assert.equal(res.statusCode, 201, res.body);
        codes[p] = res.json<{ code: string }>().code;
      }
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    const get = (url: string, who?: string) =>
      app.inject({ url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });

    test('the procedure page links the blank form; the form is a public A4 PDF', async () => {
      const page = await get(`/${slug}/thu-tuc/1.001193`);
      assert.match(page.body, new RegExp(`href="/${slug}/in/to-khai-khai-sinh.pdf"`));
      for (const f of ['to-khai-khai-sinh', 'to-khai-khai-tu', 'to-khai-ket-hon', 'phieu-yeu-cau-chung-thuc']) {
        const r = await get(`/${slug}/in/${f}.pdf`);
        assert.equal(r.statusCode, 200, f);
        assert.equal(r.headers['content-type'], 'application/pdf');
        const facts = inspectPdf(r.rawPayload);
        assert.equal(facts.pages, 1, `${f}: ${facts.pages} pages`);
        assert.deepEqual(facts.pageSizes[0]?.map(Math.round), [595, 842]);
      }
      assert.equal((await get(`/${slug}/in/to-khai-khong-co.pdf`)).statusCode, 404);
    });

    test('from a dossier: the declaration carries the applicant; no-store; one page', async (t2) => {
      for (const [proc, title] of [
        ['1.001193', 'TỜ KHAI ĐĂNG KÝ KHAI SINH'],
        ['1.000656', 'TỜ KHAI ĐĂNG KÝ KHAI TỬ'],
        ['1.000894', 'TỜ KHAI ĐĂNG KÝ KẾT HÔN'],
        ['2.001035', 'PHIẾU YÊU CẦU CHỨNG THỰC HỢP ĐỒNG, GIAO DỊCH'],
      ] as const) {
        const r = await get(`/console/dossiers/${codes[proc] ?? ''}/to-khai.pdf`, 'receiver');
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(r.headers['cache-control'], 'no-store');
        assert.equal(inspectPdf(r.rawPayload).pages, 1);
        if (!hasPoppler) {
          t2.skip('pdftotext (poppler-utils) not installed');
          continue;
        }
        const text = textOf(r.rawPayload);
        assert.ok(text.includes(title), `${proc}: ${text.slice(0, 200)}`);
        assert.ok(text.includes(citizen.fullName), proc);
        assert.ok(text.includes(citizen.idNumber), proc);
        assert.ok(text.includes(codes[proc] ?? '?'), proc);
      }
    });

    test('no form known for the procedure: 404 with the reason; another centre’s dossier: 404; signed out: sign in first', async () => {
      const none = await get(`/console/dossiers/${codes['2.000815'] ?? ''}/to-khai.pdf`, 'receiver');
      assert.equal(none.statusCode, 404);
      assert.match(none.body, /khai sinh, khai tử, kết hôn/);
      assert.equal((await get(`/console/dossiers/${codes['1.001193'] ?? ''}/to-khai.pdf`, 'other')).statusCode, 404);
      const anon = await get(`/console/dossiers/${codes['1.001193'] ?? ''}/to-khai.pdf`);
      assert.ok([302, 401].includes(anon.statusCode), String(anon.statusCode));
    });
  });
}
