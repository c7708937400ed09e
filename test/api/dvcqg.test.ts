/** DVCQG exchange through the API: export a period and one dossier as HoSo, import online submissions, access. */
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
import { getCenter } from '../../src/features/centers/service.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const citizen = {
  fullName: 'Nguyễn Văn An',
  idNumber: '031086001234',
  phone: '0912 345 678',
  address: 'Thôn Đông, xã Cẩm Giàng',
};

for (const { name, fresh } of DATABASES) {
  describe(`DVCQG exchange (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let otherSlug: string;
    let agency: string;
    let clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00 in Vietnam
    const tokens: Record<string, string> = {};
    const auth = (who?: string) => (who ? { authorization: `Bearer ${tokens[who]}` } : {});
    const post = (url: string, who: string | undefined, payload: object) =>
      app.inject({ method: 'POST', url, headers: auth(who), payload });
    const get = (url: string, who?: string) => app.inject({ method: 'GET', url, headers: auth(who) });
    const p = CATALOG.find((x) => x.timeLimit.unit === 'working_days' && (x.timeLimit.amount ?? 0) >= 3)!;
    const q = CATALOG.find((x) => x.code !== p.code)!;
    const submission = (over: Record<string, unknown> = {}) => ({
      MaHoSo: 'G22.99-261124-00012',
      MaTTHC: `${p.code}.000.00.00.H26`,
      TenTTHC: p.name,
      KenhThucHien: '2',
      TrangThaiHoSo: '1',
      LoaiDoiTuong: '1',
      ChuHoSo: 'Phạm Thị Dung',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '031190007788' }],
      SoDienThoai: '0912000111',
      Email: 'dung@example.vn',
      TrichYeuHoSo: 'Nộp trực tuyến trên Cổng Dịch vụ công quốc gia',
      NgayNopHoSo: '20261124213000',
      TaiKhoanDuocXacThucVoiVNeID: '1',
      TaiLieuNop: [{ TenTepDinhKem: 'Tờ khai', DuocSoHoa: '1', DuocTaiSuDung: '0' }],
      ...over,
    });
    const countDossiers = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('dossier')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps, { sameDayWeekdays: [2, 5] });
      slug = c.slug;
      agency = (await getCenter(t.deps, slug)).agency_code;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      for (const role of ['receiver', 'specialist', 'volunteer'] as const)
        tokens[role] = await makeToken(t.deps, (await makeUser(t.deps, c.id, [role])).username);
      const other = await makeCenter(t.deps);
      otherSlug = other.slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, otherSlug, 'test', CATALOG);
      tokens.otherReceiver = await makeToken(t.deps, (await makeUser(t.deps, other.id, ['receiver'])).username);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('export of a period: the dossiers received in it, as HoSo, with portal dates and process steps', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const a = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', { procedureCode: p.code, applicant: citizen })
      ).json();
      clock = new Date('2026-11-25T03:15:30Z');
      const b = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', {
          procedureCode: q.code,
          applicant: { ...citizen, fullName: 'Lê Thị Hoa', idNumber: '' },
          channel: 'postal',
        })
      ).json();
      clock = new Date('2026-11-26T02:00:00Z');
      await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', { procedureCode: p.code, applicant: citizen });
      const act = (code: string, body: object) => post(`/api/v1/dossiers/${code}/actions`, 'receiver', body);
      await act(a.code, { action: 'handoff', to: 'Công chức Tư pháp – Hộ tịch' });
      clock = new Date('2026-11-26T08:00:00Z');
      await act(a.code, { action: 'mark_processed', result: 'Đã ký' });
      clock = new Date('2026-11-27T01:00:00Z');
      await act(a.code, { action: 'return_result', method: 'desk' });

      const res = await get(`/api/v1/centers/${slug}/dvcqg/dossiers?from=2026-11-25&to=2026-11-25`, 'specialist');
      assert.equal(res.statusCode, 200, res.body);
      const list = res.json().HoSo as (Record<string, unknown> & { QuaTrinhXuLy: Record<string, string>[] })[];
      assert.deepEqual(
        list.map((h) => h.MaHoSo),
        [a.code, b.code],
      );
      const [ha, hb] = list as [(typeof list)[0], (typeof list)[0]];
      assert.equal(ha.MaTTHC, p.code);
      assert.equal(ha.KenhThucHien, '1');
      assert.equal(ha.TrangThaiHoSo, '10');
      assert.equal(ha.ChuHoSo, 'Nguyễn Văn An');
      assert.equal(ha.SoGiayToChuHoSo, '031086001234');
      assert.deepEqual(ha.DinhDanhCHS, [{ LoaiDinhDanh: '1', SoDinhDanh: '031086001234' }]);
      assert.equal(ha.SoDienThoai, '0912345678');
      assert.equal(ha.NgayNopHoSo, '20261125090000');
      assert.equal(ha.NgayTiepNhan, '20261125090000');
      assert.equal(ha.NgayHenTra, a.dueAt.slice(0, 19).replace(/\D/g, ''), 'the appointment, in +07:00 wall time');
      assert.equal(ha.NgayKetThucXuLy, '20261126150000');
      assert.equal(ha.NgayTra, '20261127080000');
      assert.equal(ha.HinhThuc, '0');
      assert.deepEqual(
        ha.QuaTrinhXuLy.map((s) => s.TrangThai),
        ['2', '4', '9', '10'],
      );
      assert.deepEqual(
        ha.QuaTrinhXuLy.map((s) => s.ThoiDiemXuLy),
        ['20261125090000', '20261126090000', '20261126150000', '20261127080000'],
      );
      assert.equal(hb.KenhThucHien, '3');
      assert.equal(hb.NgayNopHoSo, '20261125101530');
      assert.deepEqual(hb.DinhDanhCHS, []);
      assert.ok(!res.body.includes(a.lookupSecret) && !res.body.includes(b.lookupSecret), 'no lookup secret');
      assert.equal(res.headers['cache-control'], 'no-store');
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'dossier.dvcqg.export')
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.subject, '2026-11-25..2026-11-25');

      const one = await get(`/api/v1/dossiers/${a.code}/dvcqg`, 'receiver');
      assert.equal(one.statusCode, 200);
      assert.deepEqual(one.json(), ha);
    });

    test('the period: at most 93 days, real dates, in order', async () => {
      assert.equal(
        (await get(`/api/v1/centers/${slug}/dvcqg/dossiers?from=2026-10-01&to=2026-12-31`, 'receiver')).statusCode,
        200,
        '92 days',
      );
      assert.equal(
        (await get(`/api/v1/centers/${slug}/dvcqg/dossiers?from=2026-10-01&to=2027-01-01`, 'receiver')).statusCode,
        200,
        '93 days',
      );
      const long = await get(`/api/v1/centers/${slug}/dvcqg/dossiers?from=2026-10-01&to=2027-01-02`, 'receiver');
      assert.equal(long.statusCode, 400);
      assert.equal(long.json().error.code, 'RANGE_TOO_LARGE');
      assert.equal(
        (await get(`/api/v1/centers/${slug}/dvcqg/dossiers?from=2026-02-30&to=2026-03-01`, 'receiver')).statusCode,
        400,
      );
      assert.equal(
        (await get(`/api/v1/centers/${slug}/dvcqg/dossiers?from=2026-12-01&to=2026-11-01`, 'receiver')).statusCode,
        400,
      );
      assert.equal((await get(`/api/v1/centers/${slug}/dvcqg/dossiers?from=2026-12-01`, 'receiver')).statusCode, 400);
    });

    test('import of two online submissions: status-1 dossiers the desk then accepts; a repeated import skips them', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const before = await countDossiers();
      const payload = {
        HoSo: [
          submission(),
          submission({
            MaHoSo: 'G22.99-261124-00013',
            MaTTHC: q.code,
            ChuHoSo: 'Công ty TNHH Hương Quê',
            LoaiDoiTuong: 2,
            SoGiayToChuHoSo: '0801234567',
            DinhDanhCHS: [],
            NgayNopHoSo: '20261125081500',
            TaiLieuNop: undefined,
          }),
        ],
      };
      const res = await post(`/api/v1/centers/${slug}/dvcqg/dossiers`, 'receiver', payload);
      assert.equal(res.statusCode, 201, res.body);
      const { imported, skipped } = res.json() as {
        imported: { portalCode: string; code: string; status: number }[];
        skipped: unknown[];
      };
      assert.deepEqual(skipped, []);
      assert.deepEqual(
        imported.map((i) => [i.portalCode, i.status]),
        [
          ['G22.99-261124-00012', 1],
          ['G22.99-261124-00013', 1],
        ],
      );
      assert.match(
        imported[0]!.code,
        new RegExp(`^${agency.replace(/\./g, '\\.')}-261124-\\d{4}$`),
        'numbered on the day it was submitted',
      );
      assert.equal(await countDossiers(), before + 2);

      const d = (await get(`/api/v1/dossiers/${imported[0]!.code}`, 'receiver')).json();
      assert.equal(d.status, 1);
      assert.equal(d.channel, 'online');
      assert.equal(d.receivedAt, '2026-11-24T21:30:00+07:00');
      assert.equal(d.applicant.idNumber, '031190007788');
      assert.equal(d.flags.vneidVerified, true);
      assert.equal(d.flags.digitised, true);
      assert.deepEqual(
        d.components.map((c: { name: string }) => c.name),
        ['Tờ khai'],
      );
      const org = (await get(`/api/v1/dossiers/${imported[1]!.code}`, 'receiver')).json();
      assert.equal(org.applicant.kind, 'organization');
      assert.equal(org.applicant.taxCode, '0801234567');
      assert.equal(org.components.length, q.components.length, 'no TaiLieuNop: the procedure’s own list');

      clock = new Date('2026-11-25T03:00:00Z');
      const accepted = await post(`/api/v1/dossiers/${imported[0]!.code}/actions`, 'receiver', { action: 'accept' });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal(accepted.json().status, 2);
      const h = (await get(`/api/v1/dossiers/${imported[0]!.code}/dvcqg`, 'receiver')).json();
      assert.equal(h.KenhThucHien, '2');
      assert.equal(h.NgayNopHoSo, '20261124213000');
      assert.equal(h.NgayTiepNhan, '20261125100000');
      assert.equal(h.TaiKhoanDuocXacThucVoiVNeID, '1');
      assert.deepEqual(
        h.QuaTrinhXuLy.map((s: { TrangThai: string }) => s.TrangThai),
        ['1', '2'],
      );

      const again = await post(`/api/v1/centers/${slug}/dvcqg/dossiers`, 'receiver', payload);
      assert.equal(again.statusCode, 201);
      assert.deepEqual(again.json().imported, []);
      assert.deepEqual(
        again.json().skipped.map((s: { portalCode: string; code: string }) => [s.portalCode, s.code]),
        imported.map((i) => [i.portalCode, i.code]),
      );
      assert.equal(await countDossiers(), before + 2);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('subject')
        .where('action', '=', 'dossier.dvcqg.import')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.subject),
        ['2 imported, 0 skipped', '0 imported, 2 skipped'],
      );
    });

    test('a bad payload is refused as a whole with every problem and its path; nothing is written', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const before = await countDossiers();
      const res = await post(`/api/v1/centers/${slug}/dvcqg/dossiers`, 'receiver', {
        HoSo: [
          submission({ MaHoSo: 'ok-1', NgayNopHoSo: '20261125080000' }),
          submission({ MaHoSo: 'bad-1', MaTTHC: '9.999999', SoDienThoai: '12', NgayNopHoSo: '25/11/2026' }),
          submission({ MaHoSo: 'bad-2', ChuHoSo: '', KenhThucHien: 1, NgayNopHoSo: '20261231090000' }),
        ],
      });
      assert.equal(res.statusCode, 400, res.body);
      const err = res.json().error;
      assert.equal(err.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        err.details.map((d: { field: string }) => d.field),
        [
          'HoSo[1].MaTTHC',
          'HoSo[1].SoDienThoai',
          'HoSo[1].NgayNopHoSo',
          'HoSo[2].KenhThucHien',
          'HoSo[2].ChuHoSo',
          'HoSo[2].NgayNopHoSo',
        ],
      );
      assert.ok(err.details.every((d: { messageVi: string; messageEn: string }) => d.messageVi && d.messageEn));
      assert.equal(await countDossiers(), before);

      const unknown = await post(`/api/v1/centers/${slug}/dvcqg/dossiers`, 'receiver', {
        HoSo: [
          submission({ MaHoSo: 'x-1', NgayNopHoSo: '20261125080000' }),
          submission({ MaHoSo: 'x-2', MaTTHC: '9.999999' }),
        ],
      });
      assert.equal(unknown.statusCode, 400);
      assert.deepEqual(
        unknown.json().error.details.map((d: { field: string }) => d.field),
        ['HoSo[1].MaTTHC'],
      );
      assert.equal((await post(`/api/v1/centers/${slug}/dvcqg/dossiers`, 'receiver', { HoSo: 'x' })).statusCode, 400);
      assert.equal((await post(`/api/v1/centers/${slug}/dvcqg/dossiers`, 'receiver', { HoSo: [] })).statusCode, 400);
      assert.equal(await countDossiers(), before);
    });

    test('access: 401 without a token, 403 without the permission, another centre sees nothing', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const d = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', { procedureCode: p.code, applicant: citizen })
      ).json();
      const body = { HoSo: [submission({ MaHoSo: 'acc-1', NgayNopHoSo: '20261125081000' })] };
      const period = `/api/v1/centers/${slug}/dvcqg/dossiers?from=2026-11-25&to=2026-11-25`;
      assert.equal((await get(period)).statusCode, 401);
      assert.equal((await get(`/api/v1/dossiers/${d.code}/dvcqg`)).statusCode, 401);
      assert.equal((await post(`/api/v1/centers/${slug}/dvcqg/dossiers`, undefined, body)).statusCode, 401);
      assert.equal((await get(period, 'volunteer')).statusCode, 403, 'a volunteer reads no dossiers');
      assert.equal((await get(`/api/v1/dossiers/${d.code}/dvcqg`, 'volunteer')).statusCode, 403);
      assert.equal(
        (await post(`/api/v1/centers/${slug}/dvcqg/dossiers`, 'specialist', body)).statusCode,
        403,
        'a specialist does not take dossiers',
      );
      // Another centre: its staff cannot read our dossier (404, like a missing one) nor use our centre's exchange.
      assert.equal((await get(`/api/v1/dossiers/${d.code}/dvcqg`, 'otherReceiver')).statusCode, 404);
      assert.equal((await get(period, 'otherReceiver')).statusCode, 403);
      assert.equal((await post(`/api/v1/centers/${slug}/dvcqg/dossiers`, 'otherReceiver', body)).statusCode, 403);
      assert.equal((await get(`/api/v1/dossiers/${agency}-000000-9999/dvcqg`, 'receiver')).statusCode, 404);
      assert.equal(
        (await get(`/api/v1/centers/no-such-centre/dvcqg/dossiers?from=2026-11-25&to=2026-11-25`, 'receiver'))
          .statusCode,
        404,
      );
      // The other centre's own export does not contain our dossiers.
      const theirs = await get(
        `/api/v1/centers/${otherSlug}/dvcqg/dossiers?from=2026-11-01&to=2026-11-30`,
        'otherReceiver',
      );
      assert.equal(theirs.statusCode, 200);
      assert.deepEqual(theirs.json().HoSo, []);
    });

    test('the OpenAPI document lists the exchange operations', async () => {
      const doc = (await get('/api/v1/openapi.json')).json();
      assert.equal(doc.paths['/api/v1/centers/{slug}/dvcqg/dossiers'].get.operationId, 'exportDvcqgDossiers');
      assert.equal(doc.paths['/api/v1/centers/{slug}/dvcqg/dossiers'].post.operationId, 'importDvcqgDossiers');
      assert.equal(doc.paths['/api/v1/dossiers/{code}/dvcqg'].get.operationId, 'getDvcqgDossier');
    });
  });
}
