/**
 * Courtesy letters end to end through the real desk and the real app: a returned marriage puts a
 * congratulation letter in the queue with the couple's names; a received death registration
 * prepares a condolence letter and a visit; names, printing with yearly numbers, handover with
 * evidence, decline; templates and triggers; access (another centre 404, volunteer 403); figures.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { form, signIn, testApp } from '../support/http.ts';
import { smallPng } from '../support/files.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { act, intake } from '../../src/features/dossiers/service.ts';
import { prepareCourtesyForDossierEvent } from '../../src/features/letters/hook.ts';
import { letterFigures } from '../../src/features/letters/figures.ts';
import { inspectPdf } from '../../src/core/documents/inspect.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'letter-'));
  try {
    writeFileSync(join(dir, 'l.pdf'), pdf);
    const r = spawnSync('pdftotext', ['-layout', join(dir, 'l.pdf'), '-'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.normalize('NFC').replace(/\u00a0/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function multipart(bearer: string, fields: Record<string, string>, file?: Buffer) {
  const boundary = '----letters' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="trao-thu.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      file,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${bearer}` },
    payload: Buffer.concat(parts),
  };
}

interface Letter {
  id: number;
  kind: string;
  status: string;
  dossierCode: string;
  number: string | null;
  names: { titleA: string; nameA: string; titleB: string; nameB: string };
  missing: string[];
  followUp: { id: number; status: string } | null;
}

for (const { name, fresh } of DATABASES) {
  describe(`courtesy letters (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let centerId: number;
    let otherSlug: string;
    let clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00 in Vietnam
    const tokens: Record<string, string> = {};
    let receiverName = '';
    const auth = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
    const get = (url: string, who = 'receiver') => app.inject({ method: 'GET', url, headers: auth(who) });
    const post = (url: string, who: string, payload?: object) =>
      app.inject({ method: 'POST', url, headers: auth(who), payload });
    const letters = async (who = 'receiver', qs = ''): Promise<Letter[]> => {
      const r = await get(`/api/v1/centers/${slug}/letters${qs}`, who);
      assert.equal(r.statusCode, 200, r.body);
      return r.json().items as Letter[];
    };
    const letterOf = async (code: string) => (await letters()).filter((l) => l.dossierCode === code);
    const receive = async (
      procedureCode: string,
      applicant: string,
      owner?: string,
      extra: Record<string, unknown> = {},
    ) =>
      intake(t.deps, { ...SYSTEM_ACTOR, fullName: receiverName }, slug, {
        procedureCode,
        applicant: { fullName: applicant },
        owner: owner ? { fullName: owner } : undefined,
        ...extra,
      });
    const returnResult = async (code: string) => {
      await act(t.deps, SYSTEM_ACTOR, code, 'mark_processed', { result: 'Đã ký' });
      return act(t.deps, SYSTEM_ACTOR, code, 'return_result', { method: 'desk' });
    };

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps, { leaderName: 'Nguyễn Thị Hà', leaderTitle: 'Phó Giám đốc' });
      slug = c.slug;
      centerId = c.id;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      for (const role of ['receiver', 'director', 'volunteer', 'specialist'] as const) {
        const u = await makeUser(t.deps, c.id, [role], role === 'receiver' ? { fullName: 'Lê Thị Thu Hương' } : {});
        tokens[role] = await makeToken(t.deps, u.username);
        if (role === 'receiver') {
          receiverName = 'Lê Thị Thu Hương';
          tokens.receiverUser = u.username;
        }
      }
      const other = await makeCenter(t.deps);
      otherSlug = other.slug;
      tokens.other = await makeToken(t.deps, (await makeUser(t.deps, other.id, ['director'])).username);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('a returned marriage registration puts a congratulation letter in the queue with the couple’s names', async () => {
      // The bride registers; the groom is the dossier's other party. NFD input is stored NFC.
      const d = await receive('1.000894', 'Trần Thị Thu Hằng'.normalize('NFD'), 'Nguyễn Văn Hùng');
      assert.deepEqual(await letterOf(d.code), [], 'nothing at intake');
      await act(t.deps, SYSTEM_ACTOR, d.code, 'mark_processed', { result: 'Đã ký' });
      assert.deepEqual(await letterOf(d.code), [], 'nothing before the return');
      await act(t.deps, SYSTEM_ACTOR, d.code, 'return_result', { method: 'desk' });
      const [l, ...more] = await letterOf(d.code);
      assert.equal(more.length, 0);
      assert.ok(l);
      assert.equal(l.kind, 'congratulation-marriage');
      assert.equal(l.status, 'prepared');
      assert.deepEqual(l.names, { titleA: 'anh', nameA: 'Nguyễn Văn Hùng', titleB: 'chị', nameB: 'Trần Thị Thu Hằng' });
      assert.equal(l.names.nameB, l.names.nameB.normalize('NFC'));
      assert.equal(l.number, null, 'numbered at the first print');
      assert.deepEqual(l.missing, []);

      // Idempotent: the hook called again for the same event prepares nothing more.
      const dossierId = Number(
        (await t.deps.db.selectFrom('dossier').select('id').where('code', '=', d.code).executeTakeFirstOrThrow()).id,
      );
      assert.equal(
        await prepareCourtesyForDossierEvent(t.deps, { centerId, dossierId, action: 'return_result' }),
        null,
      );
      assert.equal((await letterOf(d.code)).length, 1);

      // Preview (no number), then print: 01/TTPVHCC, the Decree 30 layout, the signer from the settings.
      const preview = await get(`/api/v1/centers/${slug}/letters/${l.id}/letter.pdf`);
      assert.equal(preview.statusCode, 200);
      assert.equal(preview.headers['content-type'], 'application/pdf');
      const printed = await post(`/api/v1/centers/${slug}/letters/${l.id}/print`, 'receiver');
      assert.equal(printed.statusCode, 200, printed.body);
      assert.equal(printed.json().status, 'printed');
      assert.equal(printed.json().number, '01/TTPVHCC');
      const pdf = await get(`/api/v1/centers/${slug}/letters/${l.id}/letter.pdf`);
      const facts = inspectPdf(pdf.rawPayload);
      assert.equal(facts.pages, 1);
      assert.deepEqual(facts.pageSizes[0]!.map(Math.round), [595, 842]);
      assert.ok(facts.fonts.includes('Tinos-Bold'));
      if (hasPoppler) {
        const text = pdfText(pdf.rawPayload).replace(/\s+/g, ' ');
        for (const s of [
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
          'Độc lập - Tự do - Hạnh phúc',
          'Số: 01/TTPVHCC',
          'ngày 25 tháng 11 năm 2026',
          'THƯ CHÚC MỪNG',
          'Kính gửi: Anh Nguyễn Văn Hùng và chị Trần Thị Thu Hằng',
          'KT. GIÁM ĐỐC',
          'PHÓ GIÁM ĐỐC',
          'Nguyễn Thị Hà',
          'Nơi nhận:',
        ]) {
          assert.ok(text.includes(s), `${s} in: ${text}`);
        }
        if (process.env.LETTERS_PREVIEW_DIR)
          writeFileSync(join(process.env.LETTERS_PREVIEW_DIR, `marriage-${name}.pdf`), pdf.rawPayload);
      }
      const docx = await get(`/api/v1/centers/${slug}/letters/${l.id}/letter.docx`);
      assert.equal(docx.statusCode, 200);
      assert.equal(docx.rawPayload.subarray(0, 2).toString('latin1'), 'PK');

      // Handover with a photo as evidence.
      const photo = smallPng(90, 4);
      const handed = await app.inject({
        method: 'POST',
        url: `/api/v1/centers/${slug}/letters/${l.id}/handover`,
        ...multipart(tokens.receiver!, { note: 'Trao cùng giấy chứng nhận kết hôn' }, photo),
      });
      assert.equal(handed.statusCode, 200, handed.body);
      assert.equal(handed.json().status, 'handed_over');
      assert.equal(handed.json().handedOverBy, 'Lê Thị Thu Hương');
      const ev = await get(`/api/v1/centers/${slug}/letters/${l.id}/evidence`);
      assert.equal(ev.statusCode, 200);
      assert.equal(ev.headers['content-type'], 'image/png');
      assert.ok(ev.rawPayload.equals(photo));
      assert.equal(
        (await post(`/api/v1/centers/${slug}/letters/${l.id}/handover`, 'receiver', {})).statusCode,
        409,
        'once',
      );
      assert.equal(
        (await post(`/api/v1/centers/${slug}/letters/${l.id}/decline`, 'receiver', { reason: 'muộn' })).statusCode,
        409,
        'handed over: too late to decline',
      );
    });

    test('a marriage without the partner’s name waits for staff; names are corrected before printing; numbers follow each other', async () => {
      // A complete letter printed first: the corrected one takes the next number.
      const first = await receive('1.000894', 'Đinh Thị Thảo', 'Tạ Văn Phúc');
      await returnResult(first.code);
      const [f] = await letterOf(first.code);
      assert.ok(f);
      const firstNumber = (await post(`/api/v1/centers/${slug}/letters/${f.id}/print`, 'receiver')).json().number;
      const next = `${String(Number(String(firstNumber).split('/')[0]) + 1).padStart(2, '0')}/TTPVHCC`;
      const d = await receive('1.000894', 'Phạm Văn Long');
      await returnResult(d.code);
      const [l] = await letterOf(d.code);
      assert.ok(l);
      assert.deepEqual(l.missing, ['nameB']);
      const refused = await post(`/api/v1/centers/${slug}/letters/${l.id}/print`, 'receiver');
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json().error.details[0].messageVi, /bổ sung họ tên/);
      const bad = await app.inject({
        method: 'PATCH',
        url: `/api/v1/centers/${slug}/letters/${l.id}`,
        headers: auth('receiver'),
        payload: { titleB: 'cô' },
      });
      assert.equal(bad.statusCode, 400, 'kinship terms are a closed list');
      const digits = await app.inject({
        method: 'PATCH',
        url: `/api/v1/centers/${slug}/letters/${l.id}`,
        headers: auth('receiver'),
        payload: { nameB: 'Lan 123' },
      });
      assert.equal(digits.statusCode, 400);
      const fixed = await app.inject({
        method: 'PATCH',
        url: `/api/v1/centers/${slug}/letters/${l.id}`,
        headers: auth('receiver'),
        payload: { titleB: 'chị', nameB: '  Đỗ   Thị Ngọc Ánh '.normalize('NFD') },
      });
      assert.equal(fixed.statusCode, 200, fixed.body);
      assert.equal(fixed.json().names.nameB, 'Đỗ Thị Ngọc Ánh');
      assert.deepEqual(fixed.json().missing, []);
      const printed = await post(`/api/v1/centers/${slug}/letters/${l.id}/print`, 'receiver');
      assert.equal(printed.json().number, next);
      // A reprint keeps the number.
      assert.equal((await post(`/api/v1/centers/${slug}/letters/${l.id}/print`, 'receiver')).json().number, next);
      // The handover needs a printed letter; a prepared one answers 409.
      const birth = await receive('1.001193', 'Lê Thị Hương', 'Vũ Minh Khôi');
      await returnResult(birth.code);
      const [b] = await letterOf(birth.code);
      assert.equal(b!.kind, 'congratulation-birth');
      assert.deepEqual(b!.names, { titleA: 'chị', nameA: 'Lê Thị Hương', titleB: 'cháu', nameB: 'Vũ Minh Khôi' });
      assert.equal((await post(`/api/v1/centers/${slug}/letters/${b!.id}/handover`, 'receiver', {})).statusCode, 409);
    });

    test('a received death registration prepares a condolence letter and a visit; a decline is respected', async () => {
      const d = await receive('1.000656', 'Đặng Văn Dũng', 'Đặng Thị Lựu');
      const [l] = await letterOf(d.code);
      assert.ok(l);
      assert.equal(l.kind, 'condolence');
      assert.deepEqual(l.names, { titleA: 'ông', nameA: 'Đặng Văn Dũng', titleB: 'bà', nameB: 'Đặng Thị Lựu' });
      assert.equal(l.followUp?.status, 'open');
      const fu = (await get(`/api/v1/centers/${slug}/letter-follow-ups`)).json().items as {
        id: number;
        letterId: number;
        status: string;
        family: string;
        deceased: string;
      }[];
      const mine = fu.find((f) => f.letterId === l.id);
      assert.equal(mine?.deceased, 'bà Đặng Thị Lựu');
      const badDate = await app.inject({
        method: 'PATCH',
        url: `/api/v1/centers/${slug}/letter-follow-ups/${mine.id}`,
        headers: auth('receiver'),
        payload: { plannedDate: '2026-13-40' },
      });
      assert.equal(badDate.statusCode, 400);
      const planned = await app.inject({
        method: 'PATCH',
        url: `/api/v1/centers/${slug}/letter-follow-ups/${mine.id}`,
        headers: auth('receiver'),
        payload: { assignee: 'Nguyễn Thị Hà', plannedDate: '2026-11-26', offering: true },
      });
      assert.equal(planned.statusCode, 200, planned.body);
      assert.equal(planned.json().plannedDate, '2026-11-26');

      // The family declines: the letter is never printed or handed over, the visit is cancelled.
      assert.equal(
        (await post(`/api/v1/centers/${slug}/letters/${l.id}/decline`, 'receiver', { reason: '' })).statusCode,
        400,
      );
      const declined = await post(`/api/v1/centers/${slug}/letters/${l.id}/decline`, 'receiver', {
        reason: 'Gia đình xin không nhận thư',
      });
      assert.equal(declined.statusCode, 200, declined.body);
      assert.equal(declined.json().status, 'declined');
      assert.equal(declined.json().followUp.status, 'cancelled');
      assert.equal((await post(`/api/v1/centers/${slug}/letters/${l.id}/print`, 'receiver')).statusCode, 409);
      assert.equal((await get(`/api/v1/centers/${slug}/letters/${l.id}/letter.pdf`)).statusCode, 409);
      assert.equal((await post(`/api/v1/centers/${slug}/letters/${l.id}/handover`, 'receiver', {})).statusCode, 409);
      assert.equal(
        (
          await app.inject({
            method: 'PATCH',
            url: `/api/v1/centers/${slug}/letter-follow-ups/${mine.id}`,
            headers: auth('receiver'),
            payload: { done: true },
          })
        ).statusCode,
        409,
      );
      const batch = await post(`/api/v1/centers/${slug}/letters/print`, 'receiver', { ids: [l.id] });
      assert.equal(batch.json().printed.length, 0);
      assert.equal(batch.json().skipped[0].id, l.id);
      // A death registration refused at the counter prepares nothing.
      const refused = await intake(t.deps, SYSTEM_ACTOR, slug, {
        procedureCode: '1.000656',
        applicant: { fullName: 'Hoàng Văn Nam' },
        outcome: 'refuse',
        reason: 'Không thuộc thẩm quyền',
      });
      assert.deepEqual(await letterOf(refused.code), []);
    });

    test('the visit is closed with who went', async () => {
      const d = await receive('1.000419', 'Bùi Thị Lan', 'Ngô Văn Bảy');
      const [l] = await letterOf(d.code);
      const id = l!.followUp!.id;
      assert.equal(
        (
          await app.inject({
            method: 'PATCH',
            url: `/api/v1/centers/${slug}/letter-follow-ups/${id}`,
            headers: auth('receiver'),
            payload: { done: true },
          })
        ).statusCode,
        400,
        'who went is required',
      );
      const done = await app.inject({
        method: 'PATCH',
        url: `/api/v1/centers/${slug}/letter-follow-ups/${id}`,
        headers: auth('receiver'),
        payload: { assignee: 'Phạm Minh Đức', done: true },
      });
      assert.equal(done.json().status, 'done');
      assert.ok(done.json().doneAt.endsWith('+07:00'));
    });

    test('access: another centre sees nothing (404), a volunteer cannot open letters (403), templates are for the director', async () => {
      const own = await receive('1.000656', 'Lương Văn Khải', 'Lương Thị Nhàn');
      const [l] = await letterOf(own.code);
      assert.ok(l);
      assert.equal((await get(`/api/v1/centers/${slug}/letters`, 'other')).statusCode, 404);
      assert.equal((await get(`/api/v1/centers/${slug}/letters/${l.id}`, 'other')).statusCode, 404);
      assert.equal(
        (await get(`/api/v1/centers/${otherSlug}/letters/${l.id}`, 'other')).statusCode,
        404,
        'a letter of another centre is missing there',
      );
      assert.equal((await get(`/api/v1/centers/${slug}/letters/${l.id}/letter.pdf`, 'other')).statusCode, 404);
      assert.deepEqual((await get(`/api/v1/centers/${otherSlug}/letters`, 'other')).json().items, []);
      assert.equal((await get(`/api/v1/centers/${slug}/letters`, 'volunteer')).statusCode, 403);
      assert.equal((await get(`/api/v1/centers/${slug}/letters/${l.id}`, 'volunteer')).statusCode, 403);
      assert.equal((await get(`/api/v1/centers/${slug}/letters`, 'specialist')).statusCode, 403);
      assert.equal((await app.inject({ method: 'GET', url: `/api/v1/centers/${slug}/letters` })).statusCode, 401);
      const tpl = { title: 'Thư chúc mừng', addressee: '{Nguoi_1}', body: 'Chúc mừng {nguoi_1}.' };
      assert.equal(
        (
          await app.inject({
            method: 'PUT',
            url: `/api/v1/centers/${slug}/letter-templates/congratulation-birth`,
            headers: auth('receiver'),
            payload: tpl,
          })
        ).statusCode,
        403,
      );
      assert.equal(
        (
          await app.inject({
            method: 'PUT',
            url: `/api/v1/centers/${slug}/letter-triggers`,
            headers: auth('receiver'),
            payload: { marriage: [], birth: [], death: [] },
          })
        ).statusCode,
        403,
      );
      const api = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
      assert.ok(api.paths['/api/v1/centers/{slug}/letters']?.get?.tags?.includes('letters'));
      assert.ok(api.paths['/api/v1/centers/{slug}/letters/{id}/handover']?.post);
      // Every read of one letter is audited.
      assert.equal((await get(`/api/v1/centers/${slug}/letters/${l.id}`)).statusCode, 200);
      const audits = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'subject'])
        .where('action', '=', 'letter.read')
        .where('subject', '=', own.code)
        .execute();
      assert.ok(audits.length > 0);
    });

    test('templates: placeholders checked, own wording used, preview, reset; triggers are configuration', async () => {
      const put = (kind: string, payload: object) =>
        app.inject({
          method: 'PUT',
          url: `/api/v1/centers/${slug}/letter-templates/${kind}`,
          headers: auth('director'),
          payload,
        });
      const unknown = await put('congratulation-birth', {
        title: 'Thư chúc mừng',
        addressee: 'Gia đình {nguoi_1}',
        body: 'Chúc mừng {ten_be}.',
      });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.json().error.details[0].messageVi, /ten_be/);
      assert.equal(
        (await put('congratulation-birth', { title: 'Thư chúc mừng', addressee: 'x', body: 'Chúc [[mừng {nguoi_1}.' }))
          .statusCode,
        400,
      );
      assert.equal((await put('nonsense', { title: 'a', addressee: 'b', body: 'c' })).statusCode, 400);
      const ok = await put('congratulation-birth', {
        title: 'Thư chúc mừng',
        addressee: 'Gia đình {nguoi_1}',
        body: '{Co_quan} chúc mừng gia đình {nguoi_1}[[ và cháu {ho_ten_2}]].\n\nTrân trọng!',
        recipients: '- Như trên;\n- Lưu: VT.',
      });
      assert.equal(ok.statusCode, 200, ok.body);
      const preview = await get(`/api/v1/centers/${slug}/letter-templates/congratulation-birth/preview.pdf`);
      assert.equal(preview.statusCode, 200);
      const draft = await app.inject({
        method: 'POST',
        url: `/api/v1/centers/${slug}/letter-templates/condolence/preview.pdf`,
        headers: auth('receiver'),
        payload: {
          title: 'Thư chia buồn',
          addressee: '{Nguoi_1} và gia quyến',
          body: 'Vô cùng thương tiếc {nguoi_2}.',
        },
      });
      assert.equal(draft.statusCode, 200);
      // A birth letter without the child's name drops the optional part.
      const d = await receive('3.000722', 'Trần Văn Bình');
      await returnResult(d.code);
      const [l] = await letterOf(d.code);
      assert.equal(l!.kind, 'congratulation-birth', 'the linked birth procedure triggers too');
      const pdf = await get(`/api/v1/centers/${slug}/letters/${l!.id}/letter.pdf`);
      if (hasPoppler) {
        const text = pdfText(pdf.rawPayload).replace(/\s+/g, ' ');
        assert.ok(text.includes('chúc mừng gia đình anh Trần Văn Bình.'), text);
        assert.ok(!text.includes('cháu'), text);
      }
      const reset = await app.inject({
        method: 'DELETE',
        url: `/api/v1/centers/${slug}/letter-templates/congratulation-birth`,
        headers: auth('director'),
      });
      assert.equal(reset.json().custom, false);

      // Triggers: without the birth codes a returned birth registration prepares nothing.
      assert.equal(
        (
          await app.inject({
            method: 'PUT',
            url: `/api/v1/centers/${slug}/letter-triggers`,
            headers: auth('director'),
            payload: { marriage: ['1.000894'], birth: ['abc'], death: [] },
          })
        ).statusCode,
        400,
      );
      assert.equal(
        (
          await app.inject({
            method: 'PUT',
            url: `/api/v1/centers/${slug}/letter-triggers`,
            headers: auth('director'),
            payload: { marriage: ['1.000894'], birth: ['1.000894'], death: [] },
          })
        ).statusCode,
        400,
        'a code in two kinds',
      );
      const saved = await app.inject({
        method: 'PUT',
        url: `/api/v1/centers/${slug}/letter-triggers`,
        headers: auth('director'),
        payload: { marriage: ['1.000894'], birth: [], death: ['1.000656'] },
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const b2 = await receive('1.001193', 'Vũ Thị Mai', 'Vũ Gia Bảo');
      await returnResult(b2.code);
      assert.deepEqual(await letterOf(b2.code), []);
      // A broken configuration never fails the dossier action: the defaults apply.
      await t.deps.db
        .updateTable('letter_settings')
        .set({ birth_codes: 'không phải JSON' })
        .where('center_id', '=', centerId)
        .execute();
      const b3 = await receive('1.001193', 'Vũ Thị Mai', 'Vũ Gia Huy');
      const returned = await returnResult(b3.code);
      assert.equal(returned.status, 10);
      assert.equal((await letterOf(b3.code)).length, 1);
      await app.inject({
        method: 'PUT',
        url: `/api/v1/centers/${slug}/letter-triggers`,
        headers: auth('director'),
        payload: {
          marriage: ['1.000894', '2.000806'],
          birth: ['1.001193', '3.000722'],
          death: ['1.000656', '1.000419', '2.002913'],
        },
      });
      // Signature settings.
      assert.equal(
        (
          await app.inject({
            method: 'PUT',
            url: `/api/v1/centers/${slug}/letter-settings`,
            headers: auth('director'),
            payload: { symbol: 'bad symbol!', signPrefix: '' },
          })
        ).statusCode,
        400,
      );
      const s = await app.inject({
        method: 'PUT',
        url: `/api/v1/centers/${slug}/letter-settings`,
        headers: auth('director'),
        payload: { symbol: 'TTPVHCC', signPrefix: 'TM.', signAuthority: 'Ủy ban nhân dân' },
      });
      assert.equal(s.statusCode, 200, s.body);
      const tm = await get(`/api/v1/centers/${slug}/letters/${l!.id}/letter.pdf`);
      if (hasPoppler) assert.ok(pdfText(tm.rawPayload).includes('TM. ỦY BAN NHÂN DÂN'));
      await app.inject({
        method: 'PUT',
        url: `/api/v1/centers/${slug}/letter-settings`,
        headers: auth('director'),
        payload: { symbol: 'TTPVHCC', signPrefix: '' },
      });
    });

    test('batch print numbers every waiting letter; numbering restarts on 1 January', async () => {
      const own = await receive('1.000656', 'Kiều Văn Thành', 'Kiều Thị Hoa');
      const waiting = (await letters('receiver', '?status=prepared')).filter((l) => l.missing.length === 0);
      assert.ok(waiting.some((l) => l.dossierCode === own.code));
      const r = await post(`/api/v1/centers/${slug}/letters/print`, 'receiver', {});
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().printed.length, waiting.length);
      const numbers = (r.json().printed as Letter[]).map((l) => Number(l.number!.split('/')[0]));
      assert.equal(new Set(numbers).size, numbers.length, 'unique numbers');
      clock = new Date('2027-01-04T02:00:00Z');
      const d = await receive('1.000894', 'Lý Văn Sơn', 'Dương Thị Yến');
      await returnResult(d.code);
      const [l] = await letterOf(d.code);
      assert.equal(
        (await post(`/api/v1/centers/${slug}/letters/${l!.id}/print`, 'receiver')).json().number,
        '01/TTPVHCC',
      );
      clock = new Date('2026-11-25T02:00:00Z');
    });

    test('figures count by hand', async () => {
      const nov = { from: '2026-11-01', to: '2026-11-30' };
      const jan = { from: '2027-01-01', to: '2027-01-31' };
      const before = await letterFigures(t.deps, [centerId], nov);
      const janBefore = await letterFigures(t.deps, [centerId], jan);
      // Made here: two deaths (two condolence letters and visits; one declined, the other's visit done),
      // a marriage printed and handed over, and a marriage returned in January 2027.
      const death1 = await receive('1.000656', 'Cao Văn Tâm', 'Cao Thị Nụ');
      const death2 = await receive('1.000656', 'Mai Văn Đức', 'Mai Văn Lộc');
      const [c1] = await letterOf(death1.code);
      const [c2] = await letterOf(death2.code);
      assert.ok(c1 && c2?.followUp);
      const declined = await post(`/api/v1/centers/${slug}/letters/${c1.id}/decline`, 'receiver', {
        reason: 'Gia đình xin không nhận thư',
      });
      assert.equal(declined.statusCode, 200, declined.body);
      const visited = await app.inject({
        method: 'PATCH',
        url: `/api/v1/centers/${slug}/letter-follow-ups/${c2.followUp.id}`,
        headers: auth('receiver'),
        payload: { assignee: 'Phạm Minh Đức', done: true },
      });
      assert.equal(visited.statusCode, 200, visited.body);
      const marriage = await receive('1.000894', 'Trần Thị Mơ', 'Lê Văn Tư');
      await returnResult(marriage.code);
      const [m] = await letterOf(marriage.code);
      assert.ok(m);
      assert.equal((await post(`/api/v1/centers/${slug}/letters/${m.id}/print`, 'receiver')).statusCode, 200);
      const handed = await post(`/api/v1/centers/${slug}/letters/${m.id}/handover`, 'receiver', {});
      assert.equal(handed.statusCode, 200, handed.body);
      clock = new Date('2027-01-05T02:00:00Z');
      try {
        await returnResult((await receive('1.000894', 'Hà Thị Xuân', 'Đoàn Văn Hạ')).code);
      } finally {
        clock = new Date('2026-11-25T02:00:00Z');
      }

      const f = await letterFigures(t.deps, [centerId], nov);
      const delta = Object.fromEntries(
        Object.entries(f).map(([k, v]) => [k, v - before[k as keyof typeof before]]),
      ) as Record<keyof typeof f, number>;
      assert.deepEqual(delta, {
        congratulation: 1,
        condolence: 2,
        handedOver: 1,
        declined: 1,
        followUpsDone: 1,
        congratulationMarriage: 1,
        congratulationBirth: 0,
      });
      // The month's figures agree with the list of letters counted by hand.
      const inNov = (await letters()).filter((l) => !l.dossierCode.includes('-2701'));
      assert.equal(f.congratulation, inNov.filter((l) => l.kind !== 'condolence').length);
      assert.equal(f.condolence, inNov.filter((l) => l.kind === 'condolence').length);
      assert.equal(f.declined, inNov.filter((l) => l.status === 'declined').length);
      const janAfter = await letterFigures(t.deps, [centerId], jan);
      assert.equal(janAfter.congratulationMarriage - janBefore.congratulationMarriage, 1);
      assert.deepEqual(await letterFigures(t.deps, [999_999], nov), {
        congratulation: 0,
        condolence: 0,
        handedOver: 0,
        declined: 0,
        followUpsDone: 0,
        congratulationMarriage: 0,
        congratulationBirth: 0,
      });
    });

    test('a failure inside the hook never fails the intake and leaves no half-prepared letter', async () => {
      await t.deps.db.schema.alterTable('letter_followup').renameTo('letter_followup_away').execute();
      let code = '';
      try {
        const d = await receive('1.000656', 'Trịnh Văn Hải', 'Trịnh Văn Quý');
        assert.equal(d.status, 2, 'the dossier is received');
        code = d.code;
      } finally {
        await t.deps.db.schema.alterTable('letter_followup_away').renameTo('letter_followup').execute();
      }
      assert.deepEqual(await letterOf(code), [], 'the letter was rolled back with its follow-up');
      const row = await t.deps.db.selectFrom('dossier').select('status').where('code', '=', code).executeTakeFirst();
      assert.equal(row?.status, 2);
    });

    test('console: the queue, a letter, names, print, decline through forms', async () => {
      const s = await signIn(app, tokens.receiverUser!, TEST_PASSWORD);
      const d = await receive('1.000894', 'Hoàng Thị Vân', 'Bùi Quang Tuấn');
      await returnResult(d.code);
      const [l] = await letterOf(d.code);
      const queue = await app.inject({ method: 'GET', url: '/console/letters', headers: { cookie: s.cookie } });
      assert.equal(queue.statusCode, 200);
      assert.ok(queue.body.includes('anh Bùi Quang Tuấn – chị Hoàng Thị Vân'));
      // The dossier's page links to its letter.
      const dossierPage = await app.inject({
        method: 'GET',
        url: `/console/dossiers/${encodeURIComponent(d.code)}`,
        headers: { cookie: s.cookie },
      });
      assert.match(
        dossierPage.body,
        new RegExp(
          `data-testid="dossier-letters"[\\s\\S]*href="/console/letters/${l!.id}">Thư chúc mừng \\(kết hôn\\)</a> — chờ in`,
        ),
      );
      const page = await app.inject({
        method: 'GET',
        url: `/console/letters/${l!.id}?lang=en`,
        headers: { cookie: s.cookie },
      });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Names and kinship terms'));
      const names = await app.inject({
        method: 'POST',
        url: `/console/letters/${l!.id}/names`,
        ...form(s, { titleA: 'anh', nameA: 'Bùi Quang Tuấn', titleB: 'chị', nameB: 'Hoàng Thị Thu Vân' }),
      });
      assert.equal(names.statusCode, 303);
      const bad = await app.inject({
        method: 'POST',
        url: `/console/letters/${l!.id}/decline`,
        ...form(s, { reason: '' }),
      });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.includes('Ghi lại lý do'));
      const printed = await app.inject({ method: 'POST', url: `/console/letters/${l!.id}/print`, ...form(s, {}) });
      assert.equal(printed.statusCode, 303);
      const declined = await app.inject({
        method: 'POST',
        url: `/console/letters/${l!.id}/decline`,
        ...form(s, { reason: 'Gia đình không muốn nhận' }),
      });
      assert.equal(declined.statusCode, 303);
      const after = await app.inject({
        method: 'GET',
        url: `/console/letters/${l!.id}`,
        headers: { cookie: s.cookie },
      });
      assert.ok(after.body.includes('Gia đình không muốn nhận'));
      assert.ok(!after.body.includes('data-testid="pdf"'), 'no print link for a declined letter');
      for (const url of ['/console/letters/follow-ups', '/console/letters/templates', '/console/letters/settings']) {
        const r = await app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
        assert.equal(r.statusCode, 200, url);
      }
      const d2 = await signIn(app, (await makeUser(t.deps, centerId, ['director'])).username, TEST_PASSWORD);
      const tpl = {
        title: 'Thư chia buồn',
        addressee: '{Nguoi_1} và gia quyến',
        body: 'Thương tiếc {nguoi_2}.',
        recipients: '- Lưu: VT.',
      };
      const live = await app.inject({
        method: 'POST',
        url: '/console/letters/templates/condolence/preview.pdf',
        ...form(d2, tpl),
      });
      assert.equal(live.statusCode, 200);
      assert.equal(live.headers['content-type'], 'application/pdf');
      const wrong = await app.inject({
        method: 'POST',
        url: '/console/letters/templates/condolence',
        ...form(d2, { ...tpl, body: '{sai}' }),
      });
      assert.equal(wrong.statusCode, 400);
      assert.ok(wrong.body.includes('{sai}'), 'the unsaved text is kept in the form');
      assert.equal(
        (await app.inject({ method: 'POST', url: '/console/letters/templates/condolence', ...form(d2, tpl) }))
          .statusCode,
        303,
      );
      assert.equal(
        (await app.inject({ method: 'POST', url: '/console/letters/templates/condolence', ...form(s, tpl) }))
          .statusCode,
        403,
        'a receiver cannot change templates',
      );
      const other = await app.inject({ method: 'GET', url: '/console/letters/999999', headers: { cookie: s.cookie } });
      assert.equal(other.statusCode, 404);
    });
  });
}
