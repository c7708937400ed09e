/** Apology and re-appointment (form 04): draft → director's approval with a number → re-appointed; the at-risk watch. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { form, signIn, testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { draftForAtRisk } from '../../src/features/dossiers/apologies/apologies.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const citizen = { fullName: 'Trần Thị Bình', phone: '0987654321' };
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;

/** The text of a PDF through poppler's pdftotext, spaces folded (as in intake-paper.test.ts). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'apology-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    const r = spawnSync('pdftotext', [join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout
      .normalize('NFC')
      .replace(/\u00a0/g, ' ')
      .replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const { name, fresh } of DATABASES) {
  describe(`apologies (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00
    const tokens: Record<string, string> = {};
    const usernames: Record<string, string> = {};
    const post = (url: string, who: string, payload: object = {}) =>
      app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${tokens[who]}` }, payload });
    const threeDays = CATALOG.find(
      (x) => x.timeLimit.unit === 'working_days' && x.timeLimit.amount === 3 && !x.sameDayEligible,
    )!;

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      for (const role of ['receiver', 'specialist', 'director'] as const) {
        usernames[role] = (await makeUser(t.deps, c.id, [role])).username;
        tokens[role] = await makeToken(t.deps, usernames[role]);
      }
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('draft → approve: numbered …/PXL, re-appointed to the proposed date, original appointment kept', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const d = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', {
          procedureCode: threeDays.code,
          applicant: citizen,
        })
      ).json();
      assert.equal(
        (await post(`/api/v1/dossiers/${d.code}/apologies`, 'specialist', {})).statusCode,
        400,
        'a reason is required',
      );
      const draft = await post(`/api/v1/dossiers/${d.code}/apologies`, 'specialist', {
        reason: 'Cần xác minh với cơ quan khác',
      });
      assert.equal(draft.statusCode, 201, draft.body);
      assert.equal(draft.json().status, 'draft');
      // Proposed: 3 working days after the current appointment (Mon 30/11 17:00 → Thu 03/12 17:00).
      assert.equal(new Date(draft.json().proposedDueAt).toISOString(), '2026-12-03T10:00:00.000Z');
      assert.equal(
        (await post(`/api/v1/dossiers/${d.code}/apologies`, 'specialist', { reason: 'again' })).statusCode,
        409,
      );
      assert.equal(
        (await post(`/api/v1/dossiers/${d.code}/apologies/approve`, 'specialist')).statusCode,
        403,
        'only the director approves',
      );
      const ok = await post(`/api/v1/dossiers/${d.code}/apologies/approve`, 'director');
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().number, '01/PXL');
      const after = (
        await app.inject({
          method: 'GET',
          url: `/api/v1/dossiers/${d.code}`,
          headers: { authorization: `Bearer ${tokens.receiver}` },
        })
      ).json();
      assert.equal(after.extendedDueAt, '2026-12-03T17:00:00+07:00');
      assert.equal(after.dueAt, d.dueAt);
      const extend = after.events.find((e: { action: string }) => e.action === 'extend');
      assert.equal(extend.data.number, '01/PXL');
      const pdf = await app.inject({
        method: 'GET',
        url: `/console/dossiers/${d.code}/forms/04.pdf`,
        headers: { authorization: `Bearer ${tokens.receiver}` },
      });
      assert.equal(pdf.statusCode, 200);
      const delivered = await post(`/api/v1/dossiers/${d.code}/apologies/deliver`, 'receiver', { channel: 'desk' });
      assert.equal(delivered.json().deliveryChannel, 'desk');
      // A second letter gets the next number of the year.
      const d2 = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', {
          procedureCode: threeDays.code,
          applicant: citizen,
        })
      ).json();
      await post(`/api/v1/dossiers/${d2.code}/apologies`, 'specialist', { reason: 'Chờ kết quả xác minh' });
      assert.equal((await post(`/api/v1/dossiers/${d2.code}/apologies/approve`, 'director')).json().number, '02/PXL');
      assert.equal(
        (await post(`/api/v1/dossiers/${d2.code}/apologies`, 'specialist', { reason: 'lần hai' })).statusCode,
        409,
        'one re-appointment',
      );
    });

    test('the responsible body and the signer go from the draft through the approval onto form 04', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const d = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', {
          procedureCode: threeDays.code,
          applicant: citizen,
        })
      ).json();
      const reason = 'Chờ Công an xã xác minh nơi cư trú của người yêu cầu';
      // A signer's name without a title is refused, in Vietnamese and English.
      const noTitle = await post(`/api/v1/dossiers/${d.code}/apologies`, 'specialist', {
        reason,
        signerName: 'Vũ Văn Hùng',
      });
      assert.equal(noTitle.statusCode, 400, noTitle.body);
      assert.match(noTitle.body, /signerTitle/);
      const draft = await post(`/api/v1/dossiers/${d.code}/apologies`, 'specialist', {
        reason,
        responsibleUnit: 'Phòng Văn hóa - Xã hội',
      });
      assert.equal(draft.statusCode, 201, draft.body);
      assert.equal(draft.json().responsibleUnit, 'Phòng Văn hóa - Xã hội');
      assert.equal(draft.json().signerTitle, null);
      // The holder states the body and the signer on the pending draft (PUT …/apologies/draft).
      const revised = await app.inject({
        method: 'PUT',
        url: `/api/v1/dossiers/${d.code}/apologies/draft`,
        headers: { authorization: `Bearer ${tokens.specialist}` },
        payload: {
          reason,
          responsibleUnit: '  Công an xã   Cẩm Giàng ',
          signerTitle: 'Trưởng Công an xã',
          signerName: 'Vũ Văn Hùng',
        },
      });
      assert.equal(revised.statusCode, 200, revised.body);
      assert.equal(revised.json().responsibleUnit, 'Công an xã Cẩm Giàng');
      assert.equal(revised.json().signerName, 'Vũ Văn Hùng');
      const ok = await post(`/api/v1/dossiers/${d.code}/apologies/approve`, 'director');
      assert.equal(ok.statusCode, 200, ok.body);
      const after = (
        await app.inject({
          method: 'GET',
          url: `/api/v1/dossiers/${d.code}`,
          headers: { authorization: `Bearer ${tokens.receiver}` },
        })
      ).json();
      const extend = after.events.find((e: { action: string }) => e.action === 'extend');
      assert.equal(extend.data.responsibleUnit, 'Công an xã Cẩm Giàng');
      assert.equal(extend.data.signerTitle, 'Trưởng Công an xã');
      assert.equal(extend.data.signerName, 'Vũ Văn Hùng');
      const pdf = await app.inject({
        method: 'GET',
        url: `/console/dossiers/${d.code}/forms/04.pdf`,
        headers: { authorization: `Bearer ${tokens.receiver}` },
      });
      assert.equal(pdf.statusCode, 200);
      if (hasPoppler) {
        const text = pdfText(pdf.rawPayload);
        assert.match(text, /Lưu: VT, Công an xã Cẩm Giàng\./);
        assert.match(text, /TRƯỞNG CÔNG AN XÃ/);
        assert.match(text, /Vũ Văn Hùng/);
        assert.match(text, new RegExp(`Lý do: ${reason}\\.`));
      }
      // The dossier page shows them on the letter.
      const page = await app.inject({
        method: 'GET',
        url: `/console/dossiers/${d.code}`,
        headers: { authorization: `Bearer ${tokens.specialist}` },
      });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Công an xã Cẩm Giàng/);
      assert.match(page.body, /Người ký: Trưởng Công an xã Vũ Văn Hùng/);
    });

    test('the dossier page form takes the responsible body and the signer; a name without a title is refused', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const d = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', {
          procedureCode: threeDays.code,
          applicant: citizen,
        })
      ).json();
      const s = await signIn(app, usernames.specialist ?? '', TEST_PASSWORD);
      const page = await app.inject({
        method: 'GET',
        url: `/console/dossiers/${d.code}`,
        headers: { cookie: s.cookie },
      });
      assert.match(page.body, /name="responsibleUnit"/);
      assert.match(page.body, /name="signerTitle"/);
      assert.match(page.body, /name="signerName"/);
      const reason = 'Chờ Văn phòng đăng ký đất đai trả lời phiếu chuyển';
      const drafted = await app.inject({
        method: 'POST',
        url: `/console/dossiers/${d.code}/apologies`,
        ...form(s, {
          reason,
          proposedDate: '',
          responsibleUnit: 'Văn phòng đăng ký đất đai',
          signerTitle: 'Phó Giám đốc',
          signerName: 'Lê Thị Mai',
        }),
      });
      assert.equal(drafted.statusCode, 303, drafted.body.slice(0, 1500));
      const items = () =>
        app
          .inject({
            method: 'GET',
            url: `/api/v1/dossiers/${d.code}/apologies`,
            headers: { authorization: `Bearer ${tokens.specialist}` },
          })
          .then((r) => r.json().items[0]);
      let a = await items();
      assert.equal(a.responsibleUnit, 'Văn phòng đăng ký đất đai');
      assert.equal(a.signerTitle, 'Phó Giám đốc');
      assert.equal(a.signerName, 'Lê Thị Mai');
      // The revise form shows them again; clearing the title while keeping a name is refused.
      const shown = await app.inject({
        method: 'GET',
        url: `/console/dossiers/${d.code}`,
        headers: { cookie: s.cookie },
      });
      assert.match(shown.body, /name="signerTitle"[^>]*value="Phó Giám đốc"/);
      const bad = await app.inject({
        method: 'POST',
        url: `/console/dossiers/${d.code}/apologies/revise`,
        ...form(s, { reason, responsibleUnit: '', signerTitle: '', signerName: 'Lê Thị Mai' }),
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Ghi chức vụ của người ký/);
      a = await items();
      assert.equal(a.signerTitle, 'Phó Giám đốc', 'a refused edit changes nothing');
      // Emptied: the centre and its leader again.
      const cleared = await app.inject({
        method: 'POST',
        url: `/console/dossiers/${d.code}/apologies/revise`,
        ...form(s, { reason, responsibleUnit: '', signerTitle: '', signerName: '' }),
      });
      assert.equal(cleared.statusCode, 303);
      a = await items();
      assert.equal(a.responsibleUnit, null);
      assert.equal(a.signerTitle, null);
    });

    test('reject leaves the appointment unchanged', async () => {
      const d = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', {
          procedureCode: threeDays.code,
          applicant: citizen,
        })
      ).json();
      await post(`/api/v1/dossiers/${d.code}/apologies`, 'specialist', {
        reason: 'Chờ Công an xã xác minh nơi cư trú',
      });
      assert.equal((await post(`/api/v1/dossiers/${d.code}/apologies/reject`, 'director')).json().status, 'rejected');
      const after = (
        await app.inject({
          method: 'GET',
          url: `/api/v1/dossiers/${d.code}`,
          headers: { authorization: `Bearer ${tokens.receiver}` },
        })
      ).json();
      assert.equal(after.extendedDueAt, null);
    });

    test('the at-risk watch drafts once for dossiers due by the next working day, and never twice', async () => {
      clock = new Date('2026-12-02T02:00:00Z'); // Wednesday 09:00: due Monday 07/12 17:00
      const soon = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', {
          procedureCode: threeDays.code,
          applicant: citizen,
        })
      ).json();
      clock = new Date('2026-12-07T02:00:00Z'); // Monday 09:00: due Thursday 10/12
      const later = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', {
          procedureCode: threeDays.code,
          applicant: citizen,
        })
      ).json();
      const first = await draftForAtRisk(t.deps);
      assert.ok(first >= 1);
      assert.equal(await draftForAtRisk(t.deps), 0, 'idempotent');
      const list = async (c: string) =>
        (
          await app.inject({
            method: 'GET',
            url: `/api/v1/dossiers/${c}/apologies`,
            headers: { authorization: `Bearer ${tokens.receiver}` },
          })
        ).json().items;
      const drafts = await list(soon.code);
      assert.equal(drafts.length, 1);
      assert.equal(drafts[0].auto, true);
      assert.equal((await list(later.code)).length, 0, 'not at risk yet');
    });
  });
}
