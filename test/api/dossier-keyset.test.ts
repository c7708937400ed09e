/**
 * Keyset paging of the dossier list (decision 039): every dossier exactly once across pages,
 * forwards and back, with equal receipt instants, with filters and search, while new dossiers
 * arrive; an altered cursor is a clear 400.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';
import { testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { intake } from '../../src/features/dossiers/service.ts';
import { encodeCursor } from '../../src/core/db/keyset.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const PROC = CATALOG.find((x) => x.timeLimit.unit === 'working_days' && (x.timeLimit.amount ?? 0) >= 3);
const NAMES = ['Trần Thị Bình', 'Lê Văn Cường', 'Nguyễn Ngọc Ánh'];

interface Item {
  code: string;
  status: number;
  receivedAt: string;
  applicant: { fullName: string };
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  prevCursor: string | null;
}

for (const { name, fresh } of DATABASES) {
  describe(`dossier list by keyset (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let clock = new Date('2026-11-25T02:00:00Z');
    const tokens: Record<string, string> = {};
    const get = (url: string, who = 'receiver') =>
      app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens[who] ?? ''}` } });
    const list = (query: string) => `/api/v1/centers/${slug}/dossiers?${query}`;
    const page = async (query: string): Promise<Page> => {
      const r = await get(list(query));
      assert.equal(r.statusCode, 200, r.body);
      return r.json<Page>();
    };
    /** Follows nextCursor from the first page; returns the pages' codes. */
    const walk = async (query: string): Promise<{ pages: string[][]; last: Page }> => {
      const pages: string[][] = [];
      let p = await page(query);
      for (;;) {
        pages.push(p.items.map((d) => d.code));
        if (!p.nextCursor) return { pages, last: p };
        p = await page(`${query}&cursor=${p.nextCursor}`);
      }
    };
    /** The oracle: the old OFFSET read of the whole filtered list in one page. */
    const everything = async (query: string) => (await page(`${query}&limit=500&offset=0`)).items.map((d) => d.code);

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      tokens.receiver = await makeToken(t.deps, (await makeUser(t.deps, c.id, ['receiver'])).username);
      const other = await makeCenter(t.deps);
      tokens.other = await makeToken(t.deps, (await makeUser(t.deps, other.id, ['receiver'])).username);
      assert.ok(PROC);
      // 60 dossiers: three bursts of 15 received at the same instant (ties broken by id), and 15 spread out.
      let i = 0;
      const take = async () => {
        const d = await intake(t.deps, SYSTEM_ACTOR, slug, {
          procedureCode: PROC.code,
          applicant: {
            fullName: `${NAMES[i % 3] ?? ''} ${String(i)}`,
            idNumber: `0310860${String(10000 + i)}`,
            phone: '0912345678',
            address: 'Thôn Đông',
          },
        });
        i++;
        return d.code;
      };
      for (const at of ['2026-11-23T02:00:00Z', '2026-11-23T03:00:00Z', '2026-11-24T02:00:00Z']) {
        clock = new Date(at);
        for (let k = 0; k < 15; k++) await take();
      }
      for (let k = 0; k < 15; k++) {
        clock = new Date(Date.parse('2026-11-24T04:00:00Z') + k * 60_000);
        const code = await take();
        // Every other one handed off (status 4), for the status filter.
        if (k % 2 === 0) await intakeHandoff(code);
      }
      clock = new Date('2026-11-25T02:00:00Z');
    });
    const intakeHandoff = async (code: string) => {
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${code}/actions`,
        headers: { authorization: `Bearer ${tokens.receiver ?? ''}` },
        payload: { action: 'handoff', to: 'Công chức Tư pháp – Hộ tịch' },
      });
      assert.equal(r.statusCode, 200, r.body);
    };
    after(async () => {
      await app.close();
      await t.close();
    });

    test('forwards: every dossier exactly once, in the OFFSET order, across ties of received_at', async () => {
      const all = await everything('');
      assert.equal(all.length, 60);
      for (const size of [7, 15, 16, 60]) {
        const { pages } = await walk(`limit=${String(size)}`);
        assert.deepEqual(pages.flat(), all, `pages of ${String(size)}`);
        assert.ok(pages.slice(0, -1).every((p) => p.length === size));
        assert.ok((pages.at(-1)?.length ?? 0) > 0, 'no empty last page');
      }
      const first = await page('limit=7');
      assert.equal(first.prevCursor, null, 'the first page has no previous');
    });

    test('backwards from the last page gives the same pages in reverse, and the first page full', async () => {
      const { pages, last } = await walk('limit=7');
      const back: string[][] = [last.items.map((d) => d.code)];
      let p = last;
      while (p.prevCursor) {
        p = await page(`limit=7&cursor=${p.prevCursor}`);
        back.unshift(p.items.map((d) => d.code));
      }
      assert.deepEqual(back, pages);
      assert.equal(p.prevCursor, null);
    });

    test('filters and search combine with the cursor (status, name without diacritics, code part)', async () => {
      for (const q of [
        'status=4',
        'q=tran%20thi%20binh',
        `q=${encodeURIComponent('Trần Thị Bình')}`,
        'q=-2611',
        'status=2&q=cuong',
      ]) {
        const all = await everything(q);
        assert.ok(all.length > 0, q);
        const { pages } = await walk(`${q}&limit=4`);
        assert.deepEqual(pages.flat(), all, q);
      }
      const handed = await everything('status=4');
      assert.equal(handed.length, 8);
      assert.equal((await everything('q=tran%20thi%20binh')).length, 20);
    });

    test('dossiers received while paging neither repeat nor shift the pages already reached', async () => {
      const before = await everything('');
      const p1 = await page('limit=10');
      clock = new Date('2026-11-25T05:00:00Z');
      for (let k = 0; k < 3; k++)
        await intake(t.deps, SYSTEM_ACTOR, slug, {
          procedureCode: PROC?.code ?? '',
          applicant: {
            fullName: `Phạm Văn Đức ${String(k)}`,
            idNumber: `03108600${String(9000 + k)}`,
            phone: '0912345678',
          },
        });
      const seen = p1.items.map((d) => d.code);
      let p = p1;
      let second: Page | null = null;
      while (p.nextCursor) {
        p = await page(`limit=10&cursor=${p.nextCursor}`);
        second ??= p;
        seen.push(...p.items.map((d) => d.code));
      }
      assert.deepEqual(seen, before, 'the walk started before the new ones sees exactly the old list');
      // "Previous" from page 2 is still the page 1 the officer saw; the first page now starts with the new ones.
      const back = await page(`limit=10&cursor=${second?.prevCursor ?? ''}`);
      assert.deepEqual(
        back.items.map((d) => d.code),
        p1.items.map((d) => d.code),
      );
      assert.ok(back.prevCursor, 'and it knows newer ones came');
      assert.equal((await page('limit=10')).items.filter((d) => d.applicant.fullName.startsWith('Phạm')).length, 3);
    });

    test('an altered or impossible cursor is a clear 400 (never a 500); offset with cursor is 400', async () => {
      const b64 = (s: string) => Buffer.from(s).toString('base64url');
      for (const bad of [
        'not a cursor',
        'x'.repeat(130),
        b64('hello'),
        b64('n|2026-11-24T02:00:00.000Z'),
        b64('q|2026-11-24T02:00:00.000Z|5'),
        b64('n|yesterday|5'),
        b64("n|2026-11-24' OR 1=1 --|5"),
        b64('n|2026-11-24T02:00:00.000Z|0'),
        b64('n|2026-11-24T02:00:00.000Z|99999999999'),
        b64('n|2026-11-24T02:00:00.000Z|-3'),
      ]) {
        const r = await get(list(`limit=5&cursor=${encodeURIComponent(bad)}`));
        assert.equal(r.statusCode, 400, bad);
        const e = r.json<{ error: { code: string; details?: { field?: string; messageVi: string }[] } }>().error;
        assert.equal(e.code, 'VALIDATION_FAILED');
        if (bad.length <= 120) assert.equal(e.details?.[0]?.field, 'cursor', bad);
      }
      const p = await page('limit=5');
      assert.equal((await get(list(`limit=5&offset=5&cursor=${p.nextCursor ?? ''}`))).statusCode, 400);
      // A well-formed cursor past the end is an empty page, not an error.
      const end = await page(`limit=5&cursor=${encodeCursor('after', { at: '2000-01-01T00:00:00.000Z', id: 1 })}`);
      assert.deepEqual(end.items, []);
      assert.equal(end.nextCursor, null);
    });

    test('a cursor does not open another centre: its staff still see only their own (empty) list', async () => {
      const p = await page('limit=5');
      const r = await get(list(`limit=5&cursor=${p.nextCursor ?? ''}`), 'other');
      assert.ok([403, 404].includes(r.statusCode), String(r.statusCode));
    });
  });
}
