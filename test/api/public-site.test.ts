/**
 * The public transparency site and its JSON feeds, on the demo catalogue (56 procedures):
 * every page answers with the right content, without JavaScript and under 50 KB; search ranks
 * "khai tu" → Đăng ký khai tử first; the procedure page carries fees, QR code, portal link and
 * same-day badge; feeds are cached with ETags; only the embed route may be framed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter } from '../support/factories.ts';
import { testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog, publishImport, stageImport } from '../../src/features/catalog/service.ts';
import { saveContact } from '../../src/features/directory/service.ts';

const original = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const modified = readCatalogFile(
  'cam-giang-modified.json',
  readFileSync('data/catalog/cam-giang-modified.json'),
).procedures;

const MAX_BYTES = 50 * 1024;

/** Codes of the result list, in order. */
function resultCodes(html: string): string[] {
  const list = /<ol class="procs" data-testid="results">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li class="proc" data-code="([^"]+)"/g)].map((m) => m[1]!);
}

function assertPublicPage(res: LightMyRequestResponse, what: string) {
  assert.equal(res.statusCode, 200, `${what}: ${res.body.slice(0, 300)}`);
  assert.match(String(res.headers['content-type']), /text\/html/, what);
  assert.ok(!/<script/i.test(res.body), `${what}: no <script> (readable with JavaScript off)`);
  assert.ok(Buffer.byteLength(res.body) < MAX_BYTES, `${what}: ${Buffer.byteLength(res.body)} bytes ≥ 50 KB`);
}

for (const { name, fresh } of DATABASES) {
  describe(`public transparency site (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

    before(async () => {
      t = await fresh();
      app = await testApp(t);
      slug = (await makeCenter(t.deps, { phones: [{ label: 'Bộ phận Một cửa', number: '0220 3000 001' }] })).slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', original);
      await saveContact(t.deps, SYSTEM_ACTOR, slug, null, {
        name: 'Trần Văn Quầy',
        title: 'Công chức Tư pháp – Hộ tịch',
        counter: 'Quầy 1 – Tư pháp, Hộ tịch',
        fields: 'Hộ tịch|Chứng thực',
        phone: '0900 000 011',
        email: 'quay1@example.gov.vn',
        isPublic: true,
        sortOrder: 1,
      });
      await saveContact(t.deps, SYSTEM_ACTOR, slug, null, {
        name: 'Lê Thị Nội Bộ',
        title: 'Kế toán',
        phone: '0900 000 099',
        isPublic: '0',
        sortOrder: 2,
      });
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('every public page answers 200, without JavaScript, under 50 KB, with the centre navigation', async () => {
      const pages: [string, RegExp][] = [
        [`/${slug}`, /Tra cứu thủ tục hành chính/],
        [`/${slug}/thu-tuc`, /56 thủ tục/],
        [`/${slug}/thu-tuc?q=khai+tu`, /Kết quả cho “khai tu”/],
        [`/${slug}/thu-tuc/1.000656`, /Đăng ký khai tử/],
        [`/${slug}/le-phi`, /Bảng phí, lệ phí/],
        [`/${slug}/danh-ba`, /Danh bạ Trung tâm/],
        [`/${slug}/cam-ket`, /“5 không”/],
        [`/${slug}/thay-doi`, /Thủ tục mới, sửa đổi, bãi bỏ/],
        [`/${slug}/man-hinh`, /Hôm nay/],
        [`/${slug}/nhung/thu-tuc`, /Tra cứu thủ tục hành chính/],
      ];
      for (const [url, content] of pages) {
        const res = await get(url);
        assertPublicPage(res, url);
        assert.match(res.body, content, url);
      }
      for (const url of [
        `/${slug}`,
        `/${slug}/thu-tuc`,
        `/${slug}/le-phi`,
        `/${slug}/danh-ba`,
        `/${slug}/cam-ket`,
        `/${slug}/thay-doi`,
      ]) {
        const body = (await get(url)).body;
        for (const [href, label] of [
          ['', 'Trang chủ'],
          ['/thu-tuc', 'Thủ tục'],
          ['/le-phi', 'Lệ phí'],
          ['/danh-ba', 'Danh bạ'],
          ['/cam-ket', 'Cam kết'],
          ['/thay-doi', 'Thay đổi'],
        ]) {
          assert.ok(
            body.includes(`<a href="/${slug}${href}"`) && body.includes(`>${label}</a>`),
            `${url}: nav link ${label}`,
          );
        }
        assert.equal((body.match(/aria-current="page"/g) ?? []).length, 1, `${url}: one current nav item`);
      }
    });

    test('the centre home has a search box that submits to the procedure list, and links to every page', async () => {
      const body = (await get(`/${slug}`)).body;
      assert.match(body, new RegExp(`<form method="get" action="/${slug}/thu-tuc"[^>]*role="search"`));
      assert.match(body, /<input type="search" id="home-q" name="q"/);
      for (const p of ['thu-tuc', 'le-phi', 'danh-ba', 'cam-ket', 'thay-doi'])
        assert.ok(body.includes(`href="/${slug}/${p}"`), p);
    });

    test('search: “khai tu” (no diacritics) finds Đăng ký khai tử (1.000656) first', async () => {
      for (const q of ['khai+tu', 'khai+t%E1%BB%AD', 'KHAI%20TU', '1.000656']) {
        const res = await get(`/${slug}/thu-tuc?q=${q}`);
        assert.equal(res.statusCode, 200);
        assert.equal(resultCodes(res.body)[0], '1.000656', q);
      }
      const body = (await get(`/${slug}/thu-tuc?q=khai+tu`)).body;
      assert.match(body, /value="khai tu"/, 'the query is kept in the box');
    });

    test('a list item shows name, code, field, time limit in words, main fee or “Không thu”, same-day badge', async () => {
      const body = (await get(`/${slug}/thu-tuc?q=chung+thuc+ban+sao+tu+ban+chinh`)).body;
      const item = /<li class="proc" data-code="2\.000815">([\s\S]*?)<\/li>/.exec(body)?.[1] ?? '';
      assert.match(item, /Chứng thực bản sao từ bản chính/);
      assert.match(item, /Mã: 2\.000815/);
      assert.match(item, /Chứng thực/);
      assert.match(item, /Thời hạn: Trong ngày/);
      assert.match(item, /Phí, lệ phí: 2\.000 đ\/trang/);
      assert.match(item, /Giải quyết trong ngày/);
      const khaiTu =
        /<li class="proc" data-code="1\.000656">([\s\S]*?)<\/li>/.exec(
          (await get(`/${slug}/thu-tuc?q=khai+tu`)).body,
        )?.[1] ?? '';
      assert.match(khaiTu, /Phí, lệ phí: Không thu/);
      const khaiSinh =
        /<li class="proc" data-code="1\.001193">([\s\S]*?)<\/li>/.exec(
          (await get(`/${slug}/thu-tuc?q=khai+sinh`)).body,
        )?.[1] ?? '';
      assert.match(khaiSinh, /Phí, lệ phí: 8\.000 đ\/trường hợp \(có trường hợp miễn\)/, 'free on time, 8.000 đ late');
    });

    test('field filter keeps only that field; the field list shows counts', async () => {
      const all = (await get(`/${slug}/thu-tuc`)).body;
      const count = Number(
        /<a href="\/[^"]+\/thu-tuc\?linh-vuc=ho-tich"[^>]*>Hộ tịch<\/a> <span class="muted">\((\d+) thủ tục\)/.exec(
          all,
        )?.[1],
      );
      assert.ok(count >= 10, `Hộ tịch has ${count} procedures`);
      const res = await get(`/${slug}/thu-tuc?linh-vuc=ho-tich`);
      const codes = resultCodes(res.body);
      assert.equal(codes.length, count);
      const hoTich = new Set(original.filter((p) => p.field === 'Hộ tịch').map((p) => p.code));
      assert.ok(
        codes.every((c) => hoTich.has(c)),
        'only Hộ tịch procedures',
      );
      assert.match(res.body, /<option value="ho-tich" selected>/);
      // Query and field together: "chung thuc" inside Hộ tịch does not return the Chứng thực field's procedures.
      const both = resultCodes((await get(`/${slug}/thu-tuc?q=khai+tu&linh-vuc=ho-tich`)).body);
      assert.equal(both[0], '1.000656');
      assert.ok(both.every((c) => hoTich.has(c)));
    });

    test('no result: the page suggests typing without diacritics or fewer words', async () => {
      for (const url of [`/${slug}/thu-tuc?q=zzqxw+vvkjh`, `/${slug}/thu-tuc?linh-vuc=khong-co-linh-vuc-nay`]) {
        const res = await get(url);
        assert.equal(res.statusCode, 200);
        assert.equal(resultCodes(res.body).length, 0);
        assert.match(res.body, /Không tìm thấy thủ tục phù hợp/);
        assert.match(res.body, /không dấu/);
        assert.match(res.body, /bớt vài từ/);
      }
    });

    test('over-long or repeated search parameters are a 400 page, never a 500', async () => {
      for (const url of [
        `/${slug}/thu-tuc?q=${'a'.repeat(1000)}`,
        `/${slug}/thu-tuc?q=a&q=b`,
        `/${slug}/thu-tuc?linh-vuc=${'x'.repeat(300)}`,
        `/${slug}/thu-tuc?trang=abc`,
        `/${slug}/man-hinh?trang=-1`,
        `/${slug}/nhung/thu-tuc?q=${'a'.repeat(1000)}`,
      ]) {
        const res = await get(url);
        assert.equal(res.statusCode, 400, url);
        assert.match(String(res.headers['content-type']), /text\/html/);
      }
    });

    test('procedure page: documents, fees as “2.000 đ”, QR code of its own URL, portal link, same-day days and cut-off', async () => {
      const res = await get(`/${slug}/thu-tuc/2.000815`);
      assertPublicPage(res, '2.000815');
      const b = res.body;
      assert.match(b, /<h1>Chứng thực bản sao từ bản chính/);
      assert.match(b, /<table class="stack-table" data-testid="components">/);
      assert.match(b, /<th scope="col" class="num">Bản chính<\/th>/);
      assert.match(b, /2\.000 đ\/trang/);
      assert.match(b, /1\.000 đ\/trang/);
      assert.match(b, /Tổng mức thu không quá 200\.000 đồng\/bản/);
      assert.match(
        b,
        /<figure class="qr" data-testid="qr"><div class="qr-code"><svg role="img" aria-label="Mã QR dẫn tới http:\/\/localhost:80\/[^"]+\/thu-tuc\/2\.000815"/,
      );
      assert.match(b, /<path[^>]+d="M/);
      assert.match(
        b,
        /href="https:\/\/dichvucong\.gov\.vn\/p\/home\/dvc-chi-tiet-thu-tuc-hanh-chinh\.html\?ma_thu_tuc=2\.000815"[^>]*>Xem trên Cổng Dịch vụ công quốc gia</,
      );
      assert.match(b, /Giải quyết trong ngày<\/span> Vào Thứ Ba và Thứ Sáu hằng tuần, hồ sơ đầy đủ nhận trước 15:00/);
      assert.match(b, /<ol class="steps">/);
      assert.match(b, /Lịch sử cập nhật/);
      assert.match(b, /Công bố lần đầu/);
      assert.match(b, /\d\d\/\d\d\/\d{4}/);
      assert.match(b, /Thông tin đang được đối chiếu/);
      assert.match(b, /mã thủ tục tại địa phương; quyết định công bố/, 'unverified fields in plain words');
    });

    test('the QR code and page URLs use PUBLIC_URL when it is configured', async () => {
      const app2 = await testApp({
        ...t,
        deps: { ...t.deps, config: { ...t.deps.config, publicUrl: 'https://motcua.example.gov.vn' } },
      });
      try {
        const b = (await app2.inject({ url: `/${slug}/thu-tuc/1.000656` })).body;
        assert.match(
          b,
          new RegExp(`aria-label="Mã QR dẫn tới https://motcua\\.example\\.gov\\.vn/${slug}/thu-tuc/1\\.000656"`),
        );
        const feed = (await app2.inject({ url: `/api/v1/centers/${slug}/procedures?q=khai+tu` })).json();
        assert.equal(feed.items[0].url, `https://motcua.example.gov.vn/${slug}/thu-tuc/1.000656`);
      } finally {
        await app2.close();
      }
    });

    test('Đăng ký khai tử: documents, time limit, “Không thu”, same-day badge; English page is complete', async () => {
      const vi = (await get(`/${slug}/thu-tuc/1.000656`)).body;
      assert.match(vi, /Tờ khai đăng ký khai tử/);
      assert.match(vi, /Giấy báo tử/);
      assert.match(vi, /Trong ngày \(nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo\)/);
      assert.match(vi, /data-testid="same-day"/);
      const en = await get(`/${slug}/thu-tuc/1.000656?lang=en`);
      assertPublicPage(en, 'english');
      assert.match(en.body, /<html lang="en">/);
      assert.match(en.body, /Documents to submit/);
      assert.match(en.body, /Same day \(received after 15:00: next working day\)/);
      assert.match(en.body, /Every Tuesday and Friday/);
      assert.match(en.body, /See it on the National Public Service Portal/);
    });

    test('an unknown procedure code is a 404 page with a search box; an unknown centre is a 404', async () => {
      for (const code of ['9.999999', 'abc', 'x'.repeat(150)]) {
        const res = await get(`/${slug}/thu-tuc/${code}`);
        assert.equal(res.statusCode, 404, code);
        assert.match(String(res.headers['content-type']), /text\/html/);
        assert.match(res.body, /Không tìm thấy thủ tục/);
        assert.match(res.body, /name="q"/);
      }
      assert.equal((await get('/khong-co-xa-nay/thu-tuc')).statusCode, 404);
      assert.equal((await get('/khong-co-xa-nay/thu-tuc/1.000656')).statusCode, 404);
    });

    test('fees page: every field with its procedures; amounts formatted; free ones say “Không thu”', async () => {
      const b = (await get(`/${slug}/le-phi`)).body;
      const fields = [...new Set(original.map((p) => p.field))];
      for (const f of fields) assert.ok(b.includes(`>${f}</h2>`), f);
      assert.match(b, /<table class="fee-table" data-testid="fees-chung-thuc">/);
      assert.match(b, /50\.000 đ\/di chúc/);
      assert.match(b, /1\.000\.000 đ\/trường hợp/);
      assert.match(b, /Không thu/);
      assert.equal((b.match(/<tr><td><a href=/g) ?? []).length, original.length, 'every procedure has a row');
    });

    test('directory: public contacts with tel: links, non-public ones hidden', async () => {
      const b = (await get(`/${slug}/danh-ba`)).body;
      assert.match(b, /Trần Văn Quầy/);
      assert.match(b, /Quầy 1 – Tư pháp, Hộ tịch/);
      assert.match(b, /href="tel:0900000011"/);
      assert.match(b, /href="tel:02203000001"/);
      assert.ok(
        !b.includes('Lê Thị Nội Bộ') && !b.includes('0900 000 099'),
        'a contact not marked public stays hidden',
      );
    });

    test('commitments: motto, 4 xin, 4 luôn, 5 không, 4 tại chỗ, rules', async () => {
      const b = (await get(`/${slug}/cam-ket`)).body;
      for (const s of [
        'Trọng dân, gần dân',
        'Xin chào',
        'Luôn mỉm cười',
        'Không cửa quyền',
        'Tiếp nhận tại chỗ',
        'Nội quy làm việc',
        'Hồ sơ chậm hạn phải có văn bản xin lỗi',
      ])
        assert.ok(b.includes(s), s);
    });

    test('after a new catalogue is published: changes page, abolished page, list and feed without it', async () => {
      const empty = (await get(`/${slug}/thay-doi`)).body;
      assert.match(empty, /Chưa có thay đổi nào/);
      const staged = await stageImport(t.deps, SYSTEM_ACTOR, slug, {
        sourceName: 'modified',
        format: 'json',
        procedures: modified,
        full: true,
      });
      await publishImport(t.deps, SYSTEM_ACTOR, slug, staged.importId);

      const changes = await get(`/${slug}/thay-doi`);
      assertPublicPage(changes, 'changes');
      const kinds = [...changes.body.matchAll(/data-kind="(\w+)" data-code="([^"]+)"/g)]
        .map((m) => `${m[1]}:${m[2]}`)
        .sort();
      assert.deepEqual(
        kinds,
        [
          'abolished:1.013992',
          'abolished:2.000942',
          'changed:1.001612',
          'changed:1.004873',
          'changed:2.002913',
          'new:1.000593',
          'new:1.003197',
        ].sort(),
      );
      assert.match(
        changes.body,
        /Thay đổi: [^<]*(thời hạn giải quyết|phí, lệ phí|thành phần hồ sơ|tên thủ tục|căn cứ pháp lý)/,
        'changed fields in plain words',
      );
      assert.match(changes.body, /<time datetime="[^"]+">\d\d\/\d\d\/\d{4}<\/time>/);

      const abolished = await get(`/${slug}/thu-tuc/2.000942`);
      assertPublicPage(abolished, 'abolished');
      assert.match(abolished.body, /đã bãi bỏ/);
      assert.match(abolished.body, /Bãi bỏ/);
      assert.ok(!abolished.body.includes('data-testid="same-day"'));
      assert.ok(!resultCodes((await get(`/${slug}/thu-tuc`)).body).includes('2.000942'), 'not in the list');
      const feed = (await get(`/api/v1/centers/${slug}/procedures`)).json();
      assert.ok(!feed.items.some((i: { code: string }) => i.code === '2.000942'));
      const detail = await get(`/api/v1/centers/${slug}/procedures/2.000942`);
      assert.equal(detail.statusCode, 200);
      assert.equal(detail.json().status, 'abolished');
      assert.deepEqual(
        detail.json().history.map((h: { changeKind: string }) => h.changeKind),
        ['abolished', 'initial'],
      );

      const amended = (await get(`/${slug}/thu-tuc/1.001612`)).body;
      assert.match(amended, /Phiên bản 2: Sửa đổi/);
      assert.match(amended, /Phiên bản 1: Công bố lần đầu/);
    });

    test('TV display: meta refresh to the next slide, every slide fits the budget and the cycle wraps', async () => {
      const first = await get(`/${slug}/man-hinh`);
      assertPublicPage(first, 'tv');
      const m = /<meta http-equiv="refresh" content="(\d+);url=([^"]+)"\/>/.exec(first.body);
      assert.ok(m, 'meta refresh');
      assert.ok(Number(m[1]) >= 5 && Number(m[1]) <= 60);
      assert.equal(m[2], `/${slug}/man-hinh?trang=2`);
      assert.match(first.body, /<body class="tv">/);
      assert.match(first.body, /data-testid="tv-status"/);
      const total = Number(/<p class="tv-counter"[^>]*>1\/(\d+)<\/p>/.exec(first.body)?.[1]);
      assert.ok(total >= 4, `${total} slides`);
      const seen = new Set<string>();
      for (let i = 1; i <= total; i++) {
        const res = await get(`/${slug}/man-hinh?trang=${i}`);
        assertPublicPage(res, `slide ${i}`);
        seen.add(/data-slide="(\w+)"/.exec(res.body)?.[1] ?? '');
        const next = /url=([^"]+)"/.exec(res.body)?.[1];
        assert.equal(next, `/${slug}/man-hinh?trang=${i === total ? 1 : i + 1}`);
      }
      assert.deepEqual([...seen].sort(), ['contacts', 'fees', 'sameDay', 'today']);
      const wrapped = await get(`/${slug}/man-hinh?trang=${total + 1}`);
      assert.match(wrapped.body, /data-slide="today"/);
    });

    test('the embed route may be framed by any site; every other page may not', async () => {
      const embed = await get(`/${slug}/nhung/thu-tuc?q=khai+tu`);
      assertPublicPage(embed, 'embed');
      assert.equal(embed.headers['x-frame-options'], undefined);
      const csp = String(embed.headers['content-security-policy']);
      assert.match(csp, /frame-ancestors \*/);
      assert.match(csp, /script-src 'self'/, 'the rest of the policy stays strict');
      assert.match(embed.body, /<body class="embed">/);
      assert.ok(!embed.body.includes('site-header'), 'minimal chrome');
      assert.match(embed.body, new RegExp(`<a href="/${slug}/thu-tuc/1\\.000656" target="_top">Đăng ký khai tử</a>`));
      for (const url of [
        `/${slug}`,
        `/${slug}/thu-tuc`,
        `/${slug}/thu-tuc/1.000656`,
        `/${slug}/le-phi`,
        `/${slug}/man-hinh`,
      ]) {
        const res = await get(url);
        assert.match(String(res.headers['x-frame-options']), /^(DENY|SAMEORIGIN)$/, url);
        assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, url);
      }
    });

    test('feed: shape, relevance ranking, ETag and 304, public cache', async () => {
      const res = await get(`/api/v1/centers/${slug}/procedures?q=khai%20tu`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'public, max-age=60');
      const etag = String(res.headers.etag);
      assert.match(etag, /^"[\w-]+"$/);
      const body = res.json();
      assert.equal(body.total, body.items.length);
      const top = body.items[0];
      assert.equal(top.code, '1.000656');
      assert.deepEqual(
        Object.keys(top).sort(),
        [
          'code',
          'fees',
          'field',
          'fieldSlug',
          'name',
          'onlineLevel',
          'portalUrl',
          'sameDayEligible',
          'timeLimit',
          'url',
        ].sort(),
      );
      assert.equal(top.name, 'Đăng ký khai tử');
      assert.equal(top.fieldSlug, 'ho-tich');
      assert.deepEqual(top.timeLimit, {
        amount: 1,
        unit: 'same_day',
        text: 'Trong ngày (nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)',
        textEn: 'Same day (received after 15:00: next working day)',
      });
      assert.equal(top.sameDayEligible, true);
      assert.equal(top.url, `http://localhost:80/${slug}/thu-tuc/1.000656`);
      assert.match(top.portalUrl, /^https:\/\/dichvucong\.gov\.vn\//);
      assert.deepEqual(Object.keys(top.fees[0]).sort(), ['amount', 'condition', 'name', 'per']);

      const again = await get(`/api/v1/centers/${slug}/procedures?q=khai%20tu`, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      assert.equal(again.headers.etag, etag);
      assert.equal(
        (await get(`/api/v1/centers/${slug}/procedures?q=khai%20tu`, { 'if-none-match': `W/${etag}, "other"` }))
          .statusCode,
        304,
      );
      const other = await get(`/api/v1/centers/${slug}/procedures?q=ket%20hon`, { 'if-none-match': etag });
      assert.equal(other.statusCode, 200, 'another query has another ETag');

      const all = (await get(`/api/v1/centers/${slug}/procedures`)).json();
      assert.ok(all.total >= 50);
      const field = (await get(`/api/v1/centers/${slug}/procedures?field=ho-tich`)).json();
      assert.ok(field.total > 0 && field.items.every((i: { field: string }) => i.field === 'Hộ tịch'));
      assert.equal(
        (await get(`/api/v1/centers/${slug}/procedures?field=${encodeURIComponent('Hộ tịch')}`)).json().total,
        field.total,
        'the field name works too',
      );
      assert.equal((await get(`/api/v1/centers/${slug}/procedures?field=khong-co`)).json().total, 0);
    });

    test('feed ETag changes when something is published', async () => {
      const a = String((await get(`/api/v1/centers/${slug}/procedures`)).headers.etag);
      const p = original.find((x) => x.code === '1.000656')!;
      const staged = await stageImport(t.deps, SYSTEM_ACTOR, slug, {
        sourceName: 'edit',
        format: 'console',
        procedures: [{ ...p, resultType: p.resultType + ' (sửa)' }],
        full: false,
      });
      await publishImport(t.deps, SYSTEM_ACTOR, slug, staged.importId);
      const res = await get(`/api/v1/centers/${slug}/procedures`, { 'if-none-match': a });
      assert.equal(res.statusCode, 200);
      assert.notEqual(res.headers.etag, a);
    });

    test('feed of one procedure: explicit presenter with history; 404 and 400 from the error catalogue', async () => {
      const res = await get(`/api/v1/centers/${slug}/procedures/2.000815`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'public, max-age=60');
      const d = res.json();
      assert.equal(d.code, '2.000815');
      assert.equal(d.fees[0].amount, 2000);
      assert.equal(d.components.length > 0, true);
      assert.ok(Array.isArray(d.steps) && d.steps.length > 0);
      assert.equal(d.history[0].changeKind, 'initial');
      assert.equal(d.url, `http://localhost:80/${slug}/thu-tuc/2.000815`);
      for (const k of [
        'code',
        'name',
        'field',
        'fieldSlug',
        'level',
        'timeLimit',
        'fees',
        'components',
        'sets',
        'steps',
        'channels',
        'resultType',
        'onlineLevel',
        'legalBasis',
        'sameDayEligible',
        'status',
        'unverified',
        'url',
        'portalUrl',
        'history',
      ])
        assert.ok(k in d, k);
      assert.equal(
        (await get(`/api/v1/centers/${slug}/procedures/2.000815`, { 'if-none-match': String(res.headers.etag) }))
          .statusCode,
        304,
      );

      const missing = await get(`/api/v1/centers/${slug}/procedures/9.999999`, { accept: 'application/json' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'NOT_FOUND');
      const noCenter = await get('/api/v1/centers/khong-co/procedures');
      assert.equal(noCenter.statusCode, 404);
      assert.equal(noCenter.json().error.code, 'CENTER_NOT_FOUND');
    });

    test('feed: over-long parameters are 400 VALIDATION_FAILED with both languages, never 500', async () => {
      for (const url of [
        `/api/v1/centers/${slug}/procedures?q=${'a'.repeat(1000)}`,
        `/api/v1/centers/${slug}/procedures?field=${'a'.repeat(300)}`,
        `/api/v1/centers/${slug}/procedures/${'1'.repeat(100)}`,
        `/api/v1/centers/${slug}/procedures?q=a&q=b`,
      ]) {
        const res = await get(url);
        assert.equal(res.statusCode, 400, url);
        const e = res.json().error;
        assert.equal(e.code, 'VALIDATION_FAILED');
        assert.ok(e.messageVi && e.messageEn && e.requestId);
      }
    });

    test('the feeds are documented in the OpenAPI description', async () => {
      const doc = (await get('/api/v1/openapi.json')).json();
      assert.equal(doc.paths['/api/v1/centers/{slug}/procedures'].get.operationId, 'listProcedures');
      assert.equal(doc.paths['/api/v1/centers/{slug}/procedures/{code}'].get.operationId, 'getProcedure');
      assert.ok(!Object.keys(doc.paths).some((p) => p.includes('thu-tuc')), 'pages are not in the API description');
    });
  });
}
