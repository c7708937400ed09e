/**
 * Plan tasks and the quarterly report through the API, on SQLite and PostgreSQL: seeding from
 * data/plan, status/progress/notes, evidence files (checked by content) and links (checked
 * against the centre's records), the quarterly deadline from the centre's working calendar
 * (including a local notice), the report as PDF and DOCX with every task and its evidence, the
 * evidence archive, access (volunteer 403, another centre 404) and bilingual errors.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { form, signIn, testApp } from '../support/http.ts';
import { minimalPdf, smallPng } from '../support/files.ts';
import type { Deps } from '../../src/core/deps.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { addDays, type LocalDate } from '../../src/core/calendar/index.ts';
import { getCenter } from '../../src/features/centers/service.ts';
import { calendarOf, recordNotice } from '../../src/features/calendar/service.ts';
import { readPlanFile } from '../../src/features/plan/service.ts';
import { updateSettings } from '../../src/features/centers/service.ts';

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
const PLAN = readPlanFile();

function multipart(
  token: string,
  fields: Record<string, string>,
  file?: { bytes: Buffer; filename?: string; type?: string; field?: string },
) {
  const boundary = '----plan' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename ?? 'anh.png'}"\r\nContent-Type: ${file.type ?? 'image/png'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` },
    payload: Buffer.concat(parts),
  };
}

/** The last working day of a quarter, walking back day by day through the calendar engine. */
function lastWorkingDay(cal: { isWorkingDay(d: LocalDate): boolean }, end: LocalDate): LocalDate {
  let d = end;
  while (!cal.isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

for (const { name, fresh } of DATABASES) {
  describe(`plan tasks and the quarterly report (${name})`, () => {
    let t: TestDb;
    let deps: Deps;
    let app: FastifyInstance;
    let slug: string;
    let otherSlug: string;
    let dataDir: string;
    const clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00 in Vietnam
    const tokens: Record<string, string> = {};
    let directorUser = '';

    const h = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
    const get = (url: string, who = 'director') => app.inject({ method: 'GET', url, headers: h(who) });
    const send = (
      method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
      url: string,
      payload: object | undefined,
      who = 'director',
    ) => app.inject({ method, url, headers: h(who), ...(payload ? { payload } : {}) });
    const base = () => `/api/v1/centers/${slug}/plan`;
    const taskId = async (number: string) =>
      ((await get(`${base()}?year=2026`)).json().tasks as { id: number; number: string }[]).find(
        (x) => x.number === number,
      )!.id;

    before(async () => {
      t = await fresh(() => clock);
      dataDir = mkdtempSync(join(tmpdir(), 'motcua-plan-'));
      deps = { ...t.deps, config: { ...t.deps.config, dataDir } };
      app = await testApp({ ...t, deps });
      const c = await makeCenter(deps);
      slug = c.slug;
      await updateSettings(deps, SYSTEM_ACTOR, slug, { leaderName: 'Nguyễn Thị Hà', leaderTitle: 'Giám đốc' });
      for (const role of ['director', 'tthc_controller', 'volunteer', 'clerk'] as const) {
        const u = await makeUser(deps, c.id, [role]);
        tokens[role] = await makeToken(deps, u.username);
        if (role === 'director') directorUser = u.username;
      }
      const other = await makeCenter(deps);
      otherSlug = other.slug;
      tokens.otherDirector = await makeToken(deps, (await makeUser(deps, other.id, ['director'])).username);
    });
    after(async () => {
      await app.close();
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('seeding the plan for a year: every item of data/plan with its lead, coordinators, product and timeframe; idempotent', async () => {
      const first = await send('POST', `${base()}/seed`, { year: 2026 });
      assert.equal(first.statusCode, 201, first.body);
      assert.deepEqual(first.json(), { added: PLAN.tasks.length, total: PLAN.tasks.length });
      const again = await send('POST', `${base()}/seed`, { year: 2026 });
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().added, 0);
      const list = (await get(`${base()}?year=2026`)).json();
      assert.equal(list.tasks.length, PLAN.tasks.length);
      const facilities = list.tasks.find((x: { number: string }) => x.number === 'III.2.3');
      assert.equal(facilities.section, 'III.2');
      assert.equal(facilities.lead, 'Trung tâm Phục vụ hành chính công');
      assert.equal(facilities.coordinators, 'Phòng Kinh tế');
      assert.equal(facilities.timeframe, 'Năm 2026');
      assert.equal(facilities.status, 'not_started');
      assert.match(facilities.content, /wifi không mật khẩu/);
      const register = list.tasks.find((x: { number: string }) => x.number === 'V.2.5');
      assert.equal(register.lead, 'Công chức phụ trách Văn thư');
      // another year gets its own copy, the year in the timeframe follows
      const y27 = await send('POST', `${base()}/seed`, { year: 2027 });
      assert.equal(y27.statusCode, 201);
      assert.equal(
        (await get(`${base()}?year=2027`)).json().tasks.find((x: { number: string }) => x.number === 'III.2.3')
          .timeframe,
        'Năm 2027',
      );
      assert.deepEqual((await get(`${base()}?year=2026`)).json().years, [2026, 2027]);
    });

    test('access: volunteer and clerk 403, another centre 404 (as if missing), no token 401', async () => {
      assert.equal((await get(`${base()}?year=2026`, 'volunteer')).statusCode, 403);
      assert.equal((await get(`${base()}?year=2026`, 'clerk')).statusCode, 403);
      assert.equal((await get(`${base()}?year=2026`, 'otherDirector')).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: `${base()}?year=2026` })).statusCode, 401);
      const id = await taskId('III.1.1');
      assert.equal(
        (await get(`/api/v1/centers/${otherSlug}/plan/tasks/${id}`, 'otherDirector')).statusCode,
        404,
        'another centre’s task id is not found in mine',
      );
      assert.equal((await send('PATCH', `${base()}/tasks/${id}`, { status: 'done' }, 'volunteer')).statusCode, 403);
      assert.equal((await get(`${base()}?year=2026`, 'tthc_controller')).statusCode, 200);
    });

    test('status, progress and quarterly notes; bad input answers in Vietnamese and English', async () => {
      const id = await taskId('III.1.5');
      const r = await send('PATCH', `${base()}/tasks/${id}`, { status: 'in_progress', progress: 60 });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().status, 'in_progress');
      assert.equal(r.json().progress, 60);
      const done = await send('PATCH', `${base()}/tasks/${id}`, { status: 'done' });
      assert.equal(done.json().progress, 100, 'done means 100 %');
      const bad = await send('PATCH', `${base()}/tasks/${id}`, { status: 'finished' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
      const tooMuch = await send('PATCH', `${base()}/tasks/${id}`, { progress: 150 });
      assert.equal(tooMuch.statusCode, 400);
      const contradiction = await send('PATCH', `${base()}/tasks/${id}`, { status: 'not_started', progress: 30 });
      assert.equal(contradiction.statusCode, 400);
      const d = contradiction.json().error.details[0];
      assert.equal(d.field, 'progress');
      assert.match(d.messageVi, /chưa thực hiện/);
      assert.match(d.messageEn, /not started/);
      const note = await send('PUT', `${base()}/tasks/${id}/notes/4`, {
        note: '  Đã ban hành Kế hoạch kiểm soát TTHC.  ',
      });
      assert.equal(note.statusCode, 200, note.body);
      assert.equal(note.json().notes['4'], 'Đã ban hành Kế hoạch kiểm soát TTHC.');
      assert.equal((await send('PUT', `${base()}/tasks/${id}/notes/5`, { note: 'x' })).statusCode, 400);
      const cleared = await send('PUT', `${base()}/tasks/${id}/notes/4`, { note: '' });
      assert.equal(cleared.json().notes['4'], undefined);
      await send('PUT', `${base()}/tasks/${id}/notes/4`, { note: 'Đã ban hành Kế hoạch kiểm soát TTHC năm 2026.' });
    });

    test('evidence: files checked by content, links checked against the centre’s records', async () => {
      const id = await taskId('III.1.1');
      const photo = smallPng(120, 8);
      const up = await app.inject({
        method: 'POST',
        url: `${base()}/tasks/${id}/evidence/files`,
        ...multipart(
          tokens.director!,
          { quarter: '4', title: 'Ảnh Bảng niêm yết TTHC' },
          { bytes: photo, filename: 'Nguyen Van A - bang.png' },
        ),
      });
      assert.equal(up.statusCode, 201, up.body);
      assert.equal(up.json().contentType, 'image/png');
      assert.equal(up.json().quarter, 4);
      const file = await get(up.json().href);
      assert.equal(file.statusCode, 200);
      assert.deepEqual(file.rawPayload, photo);
      assert.equal((await get(up.json().href, 'otherDirector')).statusCode, 404);
      const fake = await app.inject({
        method: 'POST',
        url: `${base()}/tasks/${id}/evidence/files`,
        ...multipart(
          tokens.director!,
          { quarter: '4' },
          { bytes: Buffer.from('not really a picture'), filename: 'anh.png' },
        ),
      });
      assert.equal(fake.statusCode, 415);
      assert.ok(fake.json().error.details[0].messageVi && fake.json().error.details[0].messageEn);
      const noQuarter = await app.inject({
        method: 'POST',
        url: `${base()}/tasks/${id}/evidence/files`,
        ...multipart(tokens.director!, { quarter: '7' }, { bytes: photo }),
      });
      assert.equal(noQuarter.statusCode, 400);
      const pdf = await app.inject({
        method: 'POST',
        url: `${base()}/tasks/${id}/evidence/files`,
        ...multipart(
          tokens.director!,
          { quarter: '4', title: 'Quyết định công bố TTHC' },
          { bytes: minimalPdf('qd'), filename: 'qd.pdf', type: 'application/pdf' },
        ),
      });
      assert.equal(pdf.statusCode, 201);

      const page = await send('POST', `${base()}/tasks/${id}/evidence/links`, {
        quarter: 4,
        linkKind: 'public_page',
        title: 'Danh mục TTHC công khai',
        url: `/${slug}/thu-tuc`,
      });
      assert.equal(page.statusCode, 201, page.body);
      assert.equal(page.json().url, `/${slug}/thu-tuc`);
      const script = await send('POST', `${base()}/tasks/${id}/evidence/links`, {
        quarter: 4,
        linkKind: 'public_page',
        title: 'x',
        url: 'javascript:alert(1)',
      });
      assert.equal(script.statusCode, 400);
      assert.equal(script.json().error.details[0].field, 'url');
      const noDossier = await send('POST', `${base()}/tasks/${id}/evidence/links`, {
        quarter: 4,
        linkKind: 'dossier',
        title: 'Hồ sơ',
        ref: 'H99.99-000000-0001',
      });
      assert.equal(noDossier.statusCode, 400);
      assert.match(noDossier.json().error.details[0].messageVi, /Không tìm thấy hồ sơ/);
      // a register document of another centre is not evidence here
      const foreign = await app.inject({
        method: 'POST',
        url: `/api/v1/centers/${otherSlug}/register`,
        headers: h('otherDirector'),
        payload: { direction: 'in', date: '2026-10-01', party: 'UBND', abstract: 'Công văn' },
      });
      assert.equal(foreign.statusCode, 201, foreign.body);
      const cross = await send('POST', `${base()}/tasks/${id}/evidence/links`, {
        quarter: 4,
        linkKind: 'register_document',
        title: 'Công văn',
        ref: String(foreign.json().id),
      });
      assert.equal(cross.statusCode, 400);
      const mine = await send('POST', `/api/v1/centers/${slug}/register`, {
        direction: 'in',
        date: '2026-01-30',
        symbol: '56/KH-UBND',
        party: 'UBND xã',
        abstract: 'Kế hoạch “Chính quyền thân thiện”',
      });
      const ok = await send('POST', `${base()}/tasks/${await taskId('V.2.5')}/evidence/links`, {
        quarter: 4,
        linkKind: 'register_document',
        title: 'Công văn đến 56/KH-UBND',
        ref: String(mine.json().id),
      });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().url, `/console/register/${mine.json().id}`);
      // removal
      const extra = await send('POST', `${base()}/tasks/${id}/evidence/links`, {
        quarter: 3,
        linkKind: 'report',
        title: 'Báo cáo tạm',
        url: 'https://example.vn/bao-cao',
      });
      assert.equal(
        (
          await send(
            'DELETE',
            `/api/v1/centers/${otherSlug}/plan/evidence/${extra.json().id}`,
            undefined,
            'otherDirector',
          )
        ).statusCode,
        404,
      );
      assert.equal((await send('DELETE', `${base()}/evidence/${extra.json().id}`, undefined)).statusCode, 204);
      assert.equal((await get(`${base()}/tasks/${id}`)).json().evidence.length, 3);
    });

    test('the quarterly deadline is the last working day of the quarter in the centre’s calendar, notices included', async () => {
      const center = await getCenter(deps, slug);
      const cal = await calendarOf(deps, center);
      for (const q of [1, 2, 3, 4] as const) {
        const end = ({ 1: '2026-03-31', 2: '2026-06-30', 3: '2026-09-30', 4: '2026-12-31' } as const)[q];
        const r = (await get(`${base()}/deadline?year=2026&quarter=${q}`)).json();
        assert.equal(r.deadline, lastWorkingDay(cal, end), `Q${q}`);
      }
      // the next deadline from today (25/11/2026) and the working days left, counted by the engine
      const next = (await get(`${base()}/deadline`)).json();
      assert.equal(next.quarter, 4);
      assert.equal(next.year, 2026);
      let left = 0;
      for (let d = addDays('2026-11-25', 1); d <= next.deadline; d = addDays(d, 1)) if (cal.isWorkingDay(d)) left++;
      assert.equal(next.workingDaysLeft, left);
      assert.ok(left > 20);
      // a local notice makes the quarter's last working day a day off: the deadline moves back
      const before = next.deadline as LocalDate;
      await recordNotice(deps, SYSTEM_ACTOR, slug, {
        date: before,
        working: false,
        reason: 'Nghỉ theo thông báo của UBND xã',
        legalBasis: 'Thông báo số 99/TB-UBND',
      });
      const after = (await get(`${base()}/deadline?year=2026&quarter=4`)).json();
      const cal2 = await calendarOf(deps, await getCenter(deps, slug));
      assert.notEqual(after.deadline, before);
      assert.equal(after.deadline, lastWorkingDay(cal2, before));
      const bad = await get(`${base()}/deadline?year=2026&quarter=5`);
      assert.equal(bad.statusCode, 400);
    });

    test('the Q4 report: PDF and DOCX list every task with status, note and evidence, KPIs, signature; the ZIP holds the report and the evidence', async () => {
      await send('PATCH', `${base()}/tasks/${await taskId('III.4')}`, { status: 'done' });
      const pdf = await get(`${base()}/reports/2026/4.pdf`);
      assert.equal(pdf.statusCode, 200, pdf.body);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      if (hasPoppler) {
        const dir = mkdtempSync(join(tmpdir(), 'plan-pdf-'));
        writeFileSync(join(dir, 'r.pdf'), pdf.rawPayload);
        const text = spawnSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(
          /\s+/g,
          ' ',
        );
        rmSync(dir, { recursive: true, force: true });
        for (const s of [
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
          'BÁO CÁO',
          'Nguyễn Thị Hà',
          'Quý IV năm 2026',
          'Kính gửi:',
          'Nơi nhận:',
          'MC-01',
          'II. CÁC CHỈ SỐ CỦA QUÝ IV NĂM 2026',
          'PHỤ LỤC',
          'Đã ban hành Kế hoạch kiểm soát TTHC năm 2026.',
        ])
          assert.ok(text.includes(s), `PDF has “${s}”`);
        for (const task of PLAN.tasks) assert.ok(text.includes(`${task.number}.`), `PDF lists ${task.number}`);
      }
      const docx = await get(`${base()}/reports/2026/4.docx`);
      assert.equal(docx.statusCode, 200);
      const xml = Buffer.from(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!).toString('utf8');
      for (const s of [
        'BÁO CÁO',
        'Kết quả thực hiện Kế hoạch triển khai mô hình “Chính quyền thân thiện” Quý IV năm 2026',
        'Kính gửi: ',
        'Nơi nhận:',
        'Tình trạng: Hoàn thành (tiến độ 100%).',
        'MC-01',
        'Ảnh Bảng niêm yết TTHC',
        'Tỷ lệ đúng hạn',
        'Nguyễn Thị Hà',
        'PHỤ LỤC',
      ])
        assert.ok(xml.includes(s), `DOCX has “${s}”`);
      for (const task of PLAN.tasks)
        assert.ok(xml.includes(`${task.number}. ${task.title}`), `DOCX lists ${task.number}`);
      assert.ok(
        Object.keys(unzipSync(new Uint8Array(docx.rawPayload))).some((k) => k.startsWith('word/media/')),
        'DOCX embeds the photo thumbnails and the chart',
      );

      const zip = await get(`${base()}/reports/2026/4.zip`);
      assert.equal(zip.statusCode, 200);
      assert.equal(zip.headers['content-type'], 'application/zip');
      const entries = unzipSync(new Uint8Array(zip.rawPayload));
      const names = Object.keys(entries).sort();
      assert.ok(names.some((n) => n.endsWith('.pdf') && !n.startsWith('minh-chung/')));
      assert.ok(names.some((n) => n.endsWith('.docx')));
      assert.ok(names.includes('index.csv'));
      const evidenceFiles = names.filter((n) => n.startsWith('minh-chung/'));
      assert.equal(evidenceFiles.length, 2, 'the PNG and the PDF of Q4');
      assert.ok(
        evidenceFiles.every((n) => /^minh-chung\/MC-\d{2}_[A-Z0-9-]+\.(png|pdf|jpg)$/.test(n)),
        'pseudonymised names',
      );
      assert.ok(!names.some((n) => n.includes('Nguyen')), 'the uploaded name (a person’s) is not used');
      const csv = Buffer.from(entries['index.csv']!).toString('utf8');
      assert.ok(csv.startsWith('\ufeffma,nhiem_vu'));
      assert.match(csv, /MC-01,III\.1\.1,/);
      assert.match(csv, /Công văn đến 56\/KH-UBND/);
      const png = evidenceFiles.find((n) => n.endsWith('.png'))!;
      assert.deepEqual(Buffer.from(entries[png]!), smallPng(120, 8));
      // Q3 has no evidence from above except the removed one: an honest empty list
      const q3 = await get(`${base()}/reports/2026/3.docx`);
      assert.ok(
        Buffer.from(unzipSync(new Uint8Array(q3.rawPayload))['word/document.xml']!)
          .toString('utf8')
          .includes('Chưa có minh chứng trong Quý.'),
      );
      // access and bad input
      assert.equal((await get(`${base()}/reports/2026/4.pdf`, 'volunteer')).statusCode, 403);
      assert.equal((await get(`${base()}/reports/2026/4.pdf`, 'otherDirector')).statusCode, 404);
      assert.equal((await get(`${base()}/reports/2026/5.pdf`)).statusCode, 400);
      const noPlan = await get(`${base()}/reports/2030/1.pdf`);
      assert.equal(noPlan.statusCode, 400);
      assert.match(noPlan.json().error.details[0].messageVi, /Chưa có nhiệm vụ/);
    });

    test('the evidence read for one report is capped: over 60 MB the ZIP answers 413 vi/en before reading the files; the PDF (photos only) still renders', async () => {
      // A recorded size above the cap stands in for 60 MB of uploads (nothing that large is written).
      const rows = await deps.db
        .selectFrom('plan_evidence')
        .select(['id', 'bytes', 'content_type'])
        .where('kind', '=', 'file')
        .where('quarter', '=', 4)
        .execute();
      const pdfRow = rows.find((r) => r.content_type === 'application/pdf')!;
      assert.ok(pdfRow, 'Q4 has a PDF evidence file');
      await deps.db
        .updateTable('plan_evidence')
        .set({ bytes: 61 * 1024 * 1024 })
        .where('id', '=', pdfRow.id)
        .execute();
      try {
        const zip = await get(`${base()}/reports/2026/4.zip`);
        assert.equal(zip.statusCode, 413, zip.body);
        const err = zip.json().error;
        assert.equal(err.code, 'PAYLOAD_TOO_LARGE');
        assert.match(err.details[0].messageVi, /vượt giới hạn 60,0 MB/);
        assert.match(err.details[0].messageEn, /over the 60\.0 MB limit/);
        const pdf = await get(`${base()}/reports/2026/4.pdf`);
        assert.equal(pdf.statusCode, 200, 'the PDF embeds only photos, so the large PDF file is not read');
      } finally {
        await deps.db.updateTable('plan_evidence').set({ bytes: pdfRow.bytes }).where('id', '=', pdfRow.id).execute();
      }
      assert.equal((await get(`${base()}/reports/2026/4.zip`)).statusCode, 200);
    });

    test('console: the plan page shows the deadline banner from the calendar and seeds a year; a task page saves status', async () => {
      const s = await signIn(app, directorUser, TEST_PASSWORD);
      const page = await app.inject({ method: 'GET', url: '/console/plan?year=2026', headers: { cookie: s.cookie } });
      assert.equal(page.statusCode, 200);
      const deadline = (await get(`${base()}/deadline`)).json();
      assert.ok(page.body.includes(`data-deadline="${deadline.deadline}"`));
      assert.ok(page.body.includes(`Còn ${deadline.workingDaysLeft} ngày làm việc đến hạn báo cáo Quý IV năm 2026`));
      const seeded = await app.inject({ method: 'POST', url: '/console/plan/seed', ...form(s, { year: '2028' }) });
      assert.equal(seeded.statusCode, 303);
      assert.equal((await get(`${base()}?year=2028`)).json().tasks.length, PLAN.tasks.length);
      const badYear = await app.inject({ method: 'POST', url: '/console/plan/seed', ...form(s, { year: '1999' }) });
      assert.equal(badYear.statusCode, 400);
      assert.ok(badYear.body.includes('Năm phải từ 2020 đến 2100.'));
      const id = await taskId('III.3.3');
      const saved = await app.inject({
        method: 'POST',
        url: `/console/plan/tasks/${id}`,
        ...form(s, { status: 'in_progress', progress: '45' }),
      });
      assert.equal(saved.statusCode, 303);
      assert.equal((await get(`${base()}/tasks/${id}`)).json().progress, 45);
      const en = await app.inject({
        method: 'GET',
        url: `/console/plan/tasks/${id}?lang=en`,
        headers: { cookie: s.cookie },
      });
      assert.ok(en.body.includes('Status and progress'));
    });
  });
}
