/**
 * Digitised dossiers through the API and the console: scanned components and results stored once
 * by hash outside the web root, type and size checks, flags and events in step, reuse of the same
 * person's earlier documents, audited downloads, access and tenant isolation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minimalPdf, smallPng } from '../support/files.ts';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { signIn, testApp, type Session } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import type { Deps } from '../../src/core/deps.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { attach } from '../../src/features/dossiers/attachments/attachments.ts';
import { getDossier } from '../../src/features/dossiers/service.ts';
import { AttachmentsSection } from '../../src/features/dossiers/pages/attachments.tsx';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
// Three components received by default (the first three are neither optional nor only shown).
const PROCEDURE = CATALOG.find(
  (p) => p.components.length >= 3 && p.components.slice(0, 3).every((c) => c.requirement === undefined),
)!;
const citizen = {
  fullName: 'Nguyễn Văn An',
  idNumber: '031086001234',
  phone: '0912 345 678',
  address: 'Thôn Đông, xã Cẩm Giàng',
};
const otherCitizen = { fullName: 'Trần Thị Bình', idNumber: '001190004321', address: 'Thôn Tây' };

const pdf = (label: string) => minimalPdf(label);
const png = (shade: number) => smallPng(shade, 4);

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

type Auth = { bearer: string } | { session: Session; csrf?: boolean };

/** A multipart body built by hand: fields, then the file (with a client-claimed name and type). */
function multipart(
  auth: Auth,
  fields: Record<string, string>,
  file?: { bytes: Buffer; filename?: string; type?: string },
) {
  const boundary = '----motcua' + Math.random().toString(16).slice(2);
  const all = 'session' in auth && auth.csrf !== false ? { _csrf: auth.session.csrf, ...fields } : fields;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(all))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename ?? 'scan.pdf'}"\r\nContent-Type: ${file.type ?? 'application/pdf'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  if ('bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
  else headers.cookie = auth.session.cookie;
  return { headers, payload: Buffer.concat(parts) };
}

/** Every stored file under the uploads folder (relative paths). */
function storedFiles(dataDir: string): string[] {
  const root = join(dataDir, 'uploads');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

for (const { name, fresh } of DATABASES) {
  describe(`digitised dossiers (${name})`, () => {
    let t: TestDb;
    let deps: Deps;
    let app: FastifyInstance;
    let slug: string;
    let otherSlug: string;
    let dataDir: string;
    const clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00 in Vietnam
    const tokens: Record<string, string> = {};
    let receiverSession: Session;
    let receiverId: number;

    const bearer = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
    const get = (url: string, who?: string) => app.inject({ method: 'GET', url, headers: who ? bearer(who) : {} });
    const postJson = (url: string, who: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: bearer(who), payload });
    const upload = (
      code: string,
      who: string,
      fields: Record<string, string>,
      file?: { bytes: Buffer; filename?: string; type?: string },
    ) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${code}/attachments`,
        ...multipart({ bearer: tokens[who]! }, fields, file),
      });
    const newDossier = async (applicant: object = citizen, who = 'receiver', centre = slug) => {
      const res = await postJson(`/api/v1/centers/${centre}/dossiers`, who, {
        procedureCode: PROCEDURE.code,
        applicant,
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().code as string;
    };
    const act = async (code: string, who: string, body: object) => {
      const res = await postJson(`/api/v1/dossiers/${code}/actions`, who, body);
      assert.equal(res.statusCode, 200, res.body);
    };
    const eventsOf = async (code: string) =>
      (await get(`/api/v1/dossiers/${code}`, 'receiver')).json().events as {
        action: string;
        data: Record<string, unknown>;
      }[];

    before(async () => {
      t = await fresh(() => clock);
      dataDir = mkdtempSync(join(tmpdir(), 'motcua-data-'));
      deps = { ...t.deps, config: { ...t.deps.config, dataDir } };
      app = await testApp({ ...t, deps });
      const c = await makeCenter(deps);
      slug = c.slug;
      await loadInitialCatalog(deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      for (const role of ['receiver', 'specialist', 'clerk', 'volunteer'] as const) {
        const u = await makeUser(deps, c.id, [role]);
        tokens[role] = await makeToken(deps, u.username);
        if (role === 'receiver') {
          receiverSession = await signIn(app, u.username, TEST_PASSWORD);
          receiverId = u.id;
        }
      }
      const other = await makeCenter(deps);
      otherSlug = other.slug;
      await loadInitialCatalog(deps, SYSTEM_ACTOR, otherSlug, 'test', CATALOG);
      tokens.otherReceiver = await makeToken(deps, (await makeUser(deps, other.id, ['receiver'])).username);
    });
    after(async () => {
      await app.close();
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('a PDF and a PNG: stored once by hash outside the web root, flags and events follow', async () => {
      const code = await newDossier();
      const file = pdf('to-khai');
      const before = storedFiles(dataDir).length;
      const first = await upload(code, 'receiver', { kind: 'component', componentIndex: '0' }, { bytes: file });
      assert.equal(first.statusCode, 201, first.body);
      const a = first.json();
      assert.equal(a.contentType, 'application/pdf');
      assert.equal(a.sha256, sha(file));
      assert.equal(a.bytes, file.length);
      assert.equal(a.componentIndex, 0);
      assert.equal(
        a.name,
        `${PROCEDURE.components[0]!.name.slice(0, 100)}.pdf`,
        'named after the component when no name is given',
      );
      assert.equal(a.uploadedAt, '2026-11-25T09:00:00+07:00');
      assert.equal(a.storageKey, undefined, 'where the file lives is not shown');
      const path = join(dataDir, 'uploads', a.sha256.slice(0, 2), a.sha256);
      assert.deepEqual(readFileSync(path), file);

      const again = await upload(code, 'receiver', { kind: 'component', componentIndex: '0' }, { bytes: file });
      assert.equal(again.statusCode, 200, 'the same file at the same place is not attached twice');
      assert.equal(again.json().id, a.id);
      const elsewhere = await upload(
        code,
        'specialist',
        { kind: 'component', componentIndex: '1', name: 'Bản sao.pdf' },
        { bytes: file },
      );
      assert.equal(elsewhere.statusCode, 201);
      assert.notEqual(elsewhere.json().id, a.id);
      const other = await newDossier(otherCitizen);
      assert.equal(
        (await upload(other, 'receiver', { kind: 'component', componentIndex: '2' }, { bytes: file })).statusCode,
        201,
      );
      assert.equal(storedFiles(dataDir).length, before + 1, 'one content, one stored file');

      const image = png(10);
      const p = await upload(
        code,
        'receiver',
        { kind: 'component', componentIndex: '2', name: 'ảnh chụp.pdf' },
        { bytes: image, filename: 'anh.pdf', type: 'application/pdf' },
      );
      assert.equal(p.statusCode, 201, p.body);
      assert.equal(p.json().contentType, 'image/png', 'the type comes from the bytes, not the client');
      assert.equal(p.json().name, 'ảnh chụp.png');
      assert.equal(storedFiles(dataDir).length, before + 2);

      const list = (await get(`/api/v1/dossiers/${code}/attachments`, 'clerk')).json();
      assert.deepEqual(
        list.components.map((c: { digitised: boolean; reused: boolean }) => [c.digitised, c.reused]).slice(0, 3),
        [
          [true, false],
          [true, false],
          [true, false],
        ],
      );
      assert.equal(list.flags.digitised, true);
      assert.equal(list.flags.reused, false);
      assert.equal(list.flags.electronicResult, false);
      assert.deepEqual(
        list.items.map((i: { componentIndex: number }) => i.componentIndex),
        [0, 1, 2],
      );
      const events = await eventsOf(code);
      const attaches = events.filter((e) => e.action === 'attach');
      assert.equal(attaches.length, 3, 'one event per attachment, none for the repeated upload');
      assert.deepEqual(
        attaches.map((e) => e.data.attachmentId),
        list.items.map((i: { id: number }) => i.id),
      );
      assert.equal(attaches[2]!.data.contentType, 'image/png');
    });

    test('a text file named .pdf is 415, over 5 MB is 413, empty is 400; nothing is recorded', async () => {
      const code = await newDossier();
      const stored = storedFiles(dataDir).length;
      const text = await upload(
        code,
        'receiver',
        { kind: 'component', componentIndex: '0' },
        { bytes: Buffer.from('Đơn đề nghị — chỉ là văn bản'), filename: 'don.pdf', type: 'application/pdf' },
      );
      assert.equal(text.statusCode, 415);
      const e = text.json().error;
      assert.equal(e.code, 'UNSUPPORTED_MEDIA_TYPE');
      assert.match(e.details[0].messageVi, /PDF, JPEG hoặc PNG/);
      assert.match(e.details[0].messageEn, /PDF, JPEG or PNG/);
      const big = Buffer.alloc(6 * 1024 * 1024, 0x20);
      big.write('%PDF-1.4\n');
      const tooBig = await upload(code, 'receiver', { kind: 'component', componentIndex: '0' }, { bytes: big });
      assert.equal(tooBig.statusCode, 413);
      assert.equal(tooBig.json().error.code, 'PAYLOAD_TOO_LARGE');
      const empty = await upload(
        code,
        'receiver',
        { kind: 'component', componentIndex: '0' },
        { bytes: Buffer.alloc(0) },
      );
      assert.equal(empty.statusCode, 400);
      assert.equal(empty.json().error.details[0].field, 'file');
      assert.equal(
        (await upload(code, 'receiver', { kind: 'component', componentIndex: '0' })).statusCode,
        400,
        'no file',
      );
      assert.equal(
        (await upload(code, 'receiver', { kind: 'component', componentIndex: '99' }, { bytes: pdf('x') })).statusCode,
        400,
        'no such component',
      );
      assert.equal(
        (await upload(code, 'receiver', { kind: 'photo', componentIndex: '0' }, { bytes: pdf('x') })).statusCode,
        400,
      );
      assert.equal(storedFiles(dataDir).length, stored);
      assert.equal((await eventsOf(code)).filter((x) => x.action === 'attach').length, 0);
      assert.equal((await get(`/api/v1/dossiers/${code}/attachments`, 'receiver')).json().flags.digitised, false);
    });

    test('access: 401 without a token, 403 for a volunteer and for reading-only staff, another centre sees nothing', async () => {
      const code = await newDossier();
      const file = pdf('access');
      const ok = await upload(code, 'receiver', { kind: 'component', componentIndex: '0' }, { bytes: file });
      const id = ok.json().id as number;
      assert.equal(
        (
          await app.inject({
            method: 'POST',
            url: `/api/v1/dossiers/${code}/attachments`,
            ...multipart({ bearer: '' }, { kind: 'component', componentIndex: '0' }, { bytes: file }),
          })
        ).statusCode,
        401,
      );
      assert.equal((await get(`/api/v1/dossiers/${code}/attachments`)).statusCode, 401);
      assert.equal(
        (await upload(code, 'volunteer', { kind: 'component', componentIndex: '1' }, { bytes: file })).statusCode,
        403,
      );
      assert.equal((await get(`/api/v1/dossiers/${code}/attachments`, 'volunteer')).statusCode, 403);
      assert.equal((await get(`/api/v1/dossiers/${code}/attachments/${id}`, 'volunteer')).statusCode, 403);
      assert.equal(
        (await upload(code, 'clerk', { kind: 'component', componentIndex: '1' }, { bytes: file })).statusCode,
        403,
        'a clerk reads dossiers but does not process them',
      );
      assert.equal((await get(`/api/v1/dossiers/${code}/attachments`, 'clerk')).statusCode, 200);
      for (const res of [
        await upload(code, 'otherReceiver', { kind: 'component', componentIndex: '1' }, { bytes: file }),
        await get(`/api/v1/dossiers/${code}/attachments`, 'otherReceiver'),
        await get(`/api/v1/dossiers/${code}/attachments/${id}`, 'otherReceiver'),
        await get(`/api/v1/dossiers/${code}/attachments/reusable`, 'otherReceiver'),
        await postJson(`/api/v1/dossiers/${code}/attachments/reuse`, 'otherReceiver', {
          componentIndex: 0,
          fromAttachmentId: id,
        }),
      ]) {
        assert.equal(res.statusCode, 404, res.body);
        assert.equal(res.json().error.code, 'NOT_FOUND');
      }
      assert.equal((await get(`/api/v1/dossiers/${code}/attachments`, 'clerk')).json().items.length, 1);
    });

    test('reuse: an earlier document of the same citizen ID marks the component reused; another person’s or centre’s cannot be used', async () => {
      const earlier = await newDossier();
      const result = pdf('giay-khai-sinh');
      const src = (
        await upload(
          earlier,
          'receiver',
          { kind: 'component', componentIndex: '1', name: 'Giấy khai sinh' },
          { bytes: result },
        )
      ).json();
      const now = await newDossier();
      const stranger = await newDossier(otherCitizen);
      const strangerFile = (
        await upload(stranger, 'receiver', { kind: 'component', componentIndex: '0' }, { bytes: pdf('stranger') })
      ).json();
      const away = await newDossier(citizen, 'otherReceiver', otherSlug);
      const awayFile = (
        await upload(away, 'otherReceiver', { kind: 'component', componentIndex: '0' }, { bytes: pdf('away') })
      ).json();

      const reusable = (await get(`/api/v1/dossiers/${now}/attachments/reusable`, 'receiver')).json().items as {
        id: number;
        name: string;
        dossier: { code: string };
        component: string;
      }[];
      const ids = reusable.map((r) => r.id);
      assert.ok(ids.includes(src.id), 'the same person’s earlier document is offered');
      assert.ok(!ids.includes(strangerFile.id), 'not another person’s');
      assert.ok(!ids.includes(awayFile.id), 'not another centre’s');
      const offered = reusable.find((r) => r.id === src.id)!;
      assert.equal(offered.dossier.code, earlier);
      assert.equal(offered.name, 'Giấy khai sinh.pdf');
      assert.equal(offered.component, PROCEDURE.components[1]!.name);
      assert.deepEqual(
        (await get(`/api/v1/dossiers/${stranger}/attachments/reusable`, 'receiver'))
          .json()
          .items.map((r: { id: number }) => r.id)
          .filter((i: number) => i === src.id),
        [],
      );

      const stored = storedFiles(dataDir).length;
      const res = await postJson(`/api/v1/dossiers/${now}/attachments/reuse`, 'specialist', {
        componentIndex: 1,
        fromAttachmentId: src.id,
      });
      assert.equal(res.statusCode, 201, res.body);
      const reused = res.json();
      assert.deepEqual(reused.reusedFrom, { attachmentId: src.id, dossierCode: earlier });
      assert.equal(reused.sha256, src.sha256);
      assert.equal(storedFiles(dataDir).length, stored, 'no new file');
      const list = (await get(`/api/v1/dossiers/${now}/attachments`, 'receiver')).json();
      assert.deepEqual([list.components[1].digitised, list.components[1].reused], [true, true]);
      assert.equal(list.components[0].reused, false);
      assert.equal(list.flags.reused, true);
      assert.equal(list.flags.digitised, true);
      const ev = (await eventsOf(now)).find((e) => e.action === 'reuse')!;
      assert.deepEqual(ev.data.reusedFrom, { attachmentId: src.id, dossierCode: earlier });
      assert.equal(ev.data.attachmentId, reused.id);
      assert.equal(
        (
          await postJson(`/api/v1/dossiers/${now}/attachments/reuse`, 'specialist', {
            componentIndex: 1,
            fromAttachmentId: src.id,
          })
        ).statusCode,
        200,
        'reusing twice changes nothing',
      );

      const download = await get(`/api/v1/dossiers/${now}/attachments/${reused.id}`, 'receiver');
      assert.deepEqual(download.rawPayload, result);

      const wrongPerson = await postJson(`/api/v1/dossiers/${now}/attachments/reuse`, 'receiver', {
        componentIndex: 0,
        fromAttachmentId: strangerFile.id,
      });
      assert.equal(wrongPerson.statusCode, 403);
      assert.match(wrongPerson.json().error.details[0].messageVi, /cùng số căn cước/);
      assert.equal(
        (
          await postJson(`/api/v1/dossiers/${stranger}/attachments/reuse`, 'receiver', {
            componentIndex: 0,
            fromAttachmentId: src.id,
          })
        ).statusCode,
        403,
      );
      assert.equal(
        (
          await postJson(`/api/v1/dossiers/${now}/attachments/reuse`, 'receiver', {
            componentIndex: 0,
            fromAttachmentId: awayFile.id,
          })
        ).statusCode,
        404,
        'another centre’s document is as if missing',
      );
      assert.equal(
        (
          await postJson(`/api/v1/dossiers/${now}/attachments/reuse`, 'receiver', {
            componentIndex: 0,
            fromAttachmentId: 999999,
          })
        ).statusCode,
        404,
      );
      assert.equal(
        (
          await postJson(`/api/v1/dossiers/${earlier}/attachments/reuse`, 'receiver', {
            componentIndex: 0,
            fromAttachmentId: src.id,
          })
        ).statusCode,
        400,
        'not from the dossier itself',
      );
      assert.equal(
        (
          await postJson(`/api/v1/dossiers/${now}/attachments/reuse`, 'clerk', {
            componentIndex: 0,
            fromAttachmentId: src.id,
          })
        ).statusCode,
        403,
      );
      const noId = await newDossier({ fullName: 'Lê Văn Cường' });
      assert.equal(
        (
          await postJson(`/api/v1/dossiers/${noId}/attachments/reuse`, 'receiver', {
            componentIndex: 0,
            fromAttachmentId: src.id,
          })
        ).statusCode,
        400,
        'without a citizen ID there is no “same person”',
      );
      assert.deepEqual((await get(`/api/v1/dossiers/${noId}/attachments/reusable`, 'receiver')).json().items, []);
      assert.equal((await eventsOf(now)).filter((e) => e.action === 'reuse').length, 1);
    });

    test('a download returns the bytes (attachment, no-store) and writes an audit row each time', async () => {
      const code = await newDossier();
      const file = pdf('download');
      const a = (
        await upload(
          code,
          'receiver',
          { kind: 'component', componentIndex: '0', name: 'Tờ khai (bản chính)' },
          { bytes: file },
        )
      ).json();
      const audits = () =>
        t.deps.db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'dossier.attachment.read')
          .where('subject', '=', code)
          .execute();
      assert.equal((await audits()).length, 0, 'uploading is not reading');
      const res = await get(`/api/v1/dossiers/${code}/attachments/${a.id}`, 'receiver');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.rawPayload, file);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.match(
        String(res.headers['content-disposition']),
        /^attachment; filename="To khai _ban chinh_.pdf"; filename\*=UTF-8''T%E1%BB%9D%20khai/,
      );
      await get(`/api/v1/dossiers/${code}/attachments/${a.id}`, 'clerk');
      const rows = await audits();
      assert.equal(rows.length, 2);
      assert.equal(rows[0]!.actor_user_id, receiverId);
      assert.equal(JSON.parse(rows[0]!.detail!).attachmentId, a.id);

      const other = await newDossier();
      assert.equal(
        (await get(`/api/v1/dossiers/${other}/attachments/${a.id}`, 'receiver')).statusCode,
        404,
        'an attachment is read through its own dossier',
      );
      assert.equal((await get(`/api/v1/dossiers/${code}/attachments/abc`, 'receiver')).statusCode, 400);

      writeFileSync(
        join(dataDir, 'uploads', a.sha256.slice(0, 2), a.sha256),
        Buffer.concat([file, Buffer.from('tampered')]),
      );
      const damaged = await get(`/api/v1/dossiers/${code}/attachments/${a.id}`, 'receiver');
      assert.equal(damaged.statusCode, 500, 'a file that no longer matches its hash is never served');
      assert.equal((await audits()).length, 2);
    });

    test('results only once processed; a PDF result is an electronic result; components stop when the dossier ends', async () => {
      const code = await newDossier();
      const early = await upload(code, 'specialist', { kind: 'result' }, { bytes: pdf('ket-qua') });
      assert.equal(early.statusCode, 409);
      assert.equal(early.json().error.code, 'CONFLICT');
      await act(code, 'specialist', { action: 'mark_processed', result: 'Đã ký' });
      assert.equal(
        (await upload(code, 'specialist', { kind: 'result', componentIndex: '0' }, { bytes: pdf('ket-qua') }))
          .statusCode,
        400,
        'a result has no component',
      );
      const photo = await upload(code, 'specialist', { kind: 'result' }, { bytes: png(99) });
      assert.equal(photo.statusCode, 201);
      assert.equal(
        (await get(`/api/v1/dossiers/${code}/attachments`, 'receiver')).json().flags.electronicResult,
        false,
        'a photo of the result is not an electronic result',
      );
      const r = await upload(code, 'specialist', { kind: 'result' }, { bytes: pdf('ket-qua') });
      assert.equal(r.statusCode, 201);
      assert.equal(r.json().name, `Kết quả ${code}.pdf`);
      assert.equal(r.json().componentIndex, null);
      const list = (await get(`/api/v1/dossiers/${code}/attachments`, 'receiver')).json();
      assert.equal(list.flags.electronicResult, true);
      assert.equal(list.flags.digitised, true);
      assert.equal(
        (await get(`/api/v1/dossiers/${code}`, 'receiver')).json().flags.electronicResult,
        true,
        'the dossier itself says so',
      );
      assert.equal((await eventsOf(code)).filter((e) => e.action === 'attach').at(-1)!.data.electronicResult, true);
      await act(code, 'receiver', { action: 'return_result', method: 'desk' });
      assert.equal(
        (await upload(code, 'receiver', { kind: 'component', componentIndex: '0' }, { bytes: pdf('late') })).statusCode,
        409,
      );
      assert.equal(
        (await upload(code, 'receiver', { kind: 'result' }, { bytes: pdf('scan-after-return') })).statusCode,
        201,
        'a result may still be scanned after it is returned',
      );
      const stopped = await newDossier();
      await act(stopped, 'specialist', { action: 'stop', reason: 'Người nộp đề nghị dừng' });
      assert.equal(
        (await upload(stopped, 'receiver', { kind: 'component', componentIndex: '0' }, { bytes: pdf('stopped') }))
          .statusCode,
        409,
      );
    });

    test('uploads to one dossier at once lose no flag', async () => {
      const code = await newDossier();
      const n = PROCEDURE.components.filter((c) => c.requirement !== 'optional').length; // received by default
      const res = await Promise.all(
        Array.from({ length: n * 2 }, (_, i) =>
          upload(
            code,
            i % 2 ? 'receiver' : 'specialist',
            { kind: 'component', componentIndex: String(i % n) },
            { bytes: pdf(`parallel-${i}`) },
          ),
        ),
      );
      assert.deepEqual(
        res.map((r) => r.statusCode),
        res.map(() => 201),
      );
      const list = (await get(`/api/v1/dossiers/${code}/attachments`, 'receiver')).json();
      assert.deepEqual(
        list.components.map((c: { digitised: boolean }) => c.digitised),
        Array.from({ length: n }, () => true),
      );
      const events = await eventsOf(code);
      assert.equal(events.filter((e) => e.action === 'attach').length, n * 2);
      const d = (await get(`/api/v1/dossiers/${code}`, 'receiver')).json();
      assert.equal(d.version, 1 + n * 2, 'each attachment is one change of the dossier');
    });

    test('console: the upload and reuse forms post back to the dossier page, with CSRF; the section shows the badges', async () => {
      const earlier = await newDossier();
      const src = (
        await upload(
          earlier,
          'receiver',
          { kind: 'component', componentIndex: '0', name: 'Căn cước' },
          { bytes: png(42) },
        )
      ).json();
      const code = await newDossier();
      const url = `/console/dossiers/${code}/attachments`;
      const forged = await app.inject({
        method: 'POST',
        url,
        ...multipart(
          { session: receiverSession, csrf: false },
          { kind: 'component', componentIndex: '1' },
          { bytes: pdf('console') },
        ),
      });
      assert.equal(forged.statusCode, 403, 'no CSRF token, no upload');
      const res = await app.inject({
        method: 'POST',
        url,
        ...multipart(
          { session: receiverSession },
          { kind: 'component', componentIndex: '1', name: '' },
          { bytes: pdf('console') },
        ),
      });
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, `/console/dossiers/${code}#attachments`);
      const badBody = multipart(
        { session: receiverSession },
        { kind: 'component', componentIndex: '1' },
        { bytes: Buffer.from('not a scan') },
      );
      const bad = await app.inject({
        method: 'POST',
        url,
        headers: { ...badBody.headers, accept: 'text/html' },
        payload: badBody.payload,
      });
      assert.equal(bad.statusCode, 415);
      assert.match(bad.body, /Chỉ nhận tệp PDF, JPEG hoặc PNG/, 'the error page says why');

      const page = await app.inject({
        method: 'GET',
        url: `/console/dossiers/${code}/attachments/reuse`,
        headers: { cookie: receiverSession.cookie },
      });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Căn cước\.png/);
      assert.match(page.body, new RegExp(`name="fromAttachmentId" value="${src.id}"`));
      const reuse = await app.inject({
        method: 'POST',
        url: `/console/dossiers/${code}/attachments/reuse`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: receiverSession.cookie },
        payload: new URLSearchParams({
          _csrf: receiverSession.csrf,
          componentIndex: '0',
          fromAttachmentId: String(src.id),
        }).toString(),
      });
      assert.equal(reuse.statusCode, 303, reuse.body);
      assert.equal(reuse.headers.location, `/console/dossiers/${code}#attachments`);

      const list = (await get(`/api/v1/dossiers/${code}/attachments`, 'receiver')).json();
      const file = await app.inject({
        method: 'GET',
        url: `/console/dossiers/${code}/attachments/${list.items[0].id}`,
        headers: { cookie: receiverSession.cookie },
      });
      assert.equal(file.statusCode, 200);
      assert.deepEqual(file.rawPayload, pdf('console'));

      const { dossier, events } = await getDossier(deps, SYSTEM_ACTOR, code);
      const html = renderToString(h(AttachmentsSection, { lang: 'vi', csrf: receiverSession.csrf, dossier, events }));
      assert.match(
        html,
        /<li data-component="0"><strong>[^<]+<\/strong> <span class="badge ok" data-badge="digitised">Đã số hóa<\/span> <span class="badge ok" data-badge="reused">Tái sử dụng<\/span>/,
      );
      assert.match(
        html,
        /<li data-component="1"><strong>[^<]+<\/strong> <span class="badge ok" data-badge="digitised">Đã số hóa<\/span> <ul/,
      );
      assert.match(html, new RegExp(`từ hồ sơ ${earlier.replace(/\./g, '\\.')}`));
    });

    test('the service is the same for the CLI and jobs: the system actor may attach', async () => {
      const code = await newDossier();
      const r = await attach(deps, SYSTEM_ACTOR, code, { kind: 'component', componentIndex: 0, file: png(7) });
      assert.equal(r.created, true);
      assert.equal(r.attachment.uploadedBy, null);
      assert.equal((await eventsOf(code)).find((e) => e.action === 'attach')!.data.attachmentId, r.attachment.id);
    });
  });
}
