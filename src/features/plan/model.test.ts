/** Pure rules of the plan: quarters, the reporting deadline, inputs, the PNG encoder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { createWorkCalendar, defaultCalendarConfig } from '../../core/calendar/index.ts';
import { parseAmount } from '../facilities/model.ts';
import { imageSize } from './files.ts';
import {
  nextReminder,
  parsePlanFile,
  parseUrl,
  quarterDeadline,
  quarterRange,
  sectionOf,
  workingDaysUntil,
} from './model.ts';
import { Raster } from './png.ts';
import { readPlanFile } from './service.ts';

const cal = createWorkCalendar(defaultCalendarConfig());

test('quarter ranges and the last working day of a quarter follow the calendar (weekends, holidays)', () => {
  assert.deepEqual(quarterRange(2026, 1), { from: '2026-01-01', to: '2026-03-31' });
  assert.deepEqual(quarterRange(2024, 1).to, '2024-03-31');
  // 30/06/2024 is a Sunday: the deadline is Friday 28/06/2024
  assert.equal(quarterDeadline(cal, 2024, 2), '2024-06-28');
  // 31/03/2024 is a Sunday: Friday 29/03/2024
  assert.equal(quarterDeadline(cal, 2024, 1), '2024-03-29');
  for (const q of [1, 2, 3, 4] as const) {
    const d = quarterDeadline(cal, 2026, q);
    assert.ok(cal.isWorkingDay(d));
    for (let x = d; x < quarterRange(2026, q).to;) {
      x = new Date(Date.parse(`${x}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      assert.ok(!cal.isWorkingDay(x), `${x} after the deadline is not a working day`);
    }
  }
});

test('working days left and the next reminder', () => {
  const d = quarterDeadline(cal, 2026, 4);
  assert.equal(workingDaysUntil(cal, d, d), 0);
  assert.equal(workingDaysUntil(cal, '2026-12-31', '2026-12-01'), 0);
  const r = nextReminder(cal, d);
  assert.equal(r.quarter, 4);
  assert.equal(r.overdueToday, true);
  // the day after a quarter's deadline points at the next quarter
  const q3 = quarterDeadline(cal, 2026, 3);
  const next = nextReminder(cal, new Date(Date.parse(`${q3}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
  assert.equal(next.quarter, 4);
  assert.equal(next.deadline, d);
  const jan = nextReminder(cal, '2027-01-02');
  assert.equal(jan.quarter, 1);
  assert.equal(jan.year, 2027);
  assert.equal(jan.urgent, false);
});

test('plan file: every item has its fields and a known section', () => {
  const p = readPlanFile();
  assert.equal(p.tasks.length, 20);
  assert.equal(sectionOf('III.3.4.b'), 'III.3');
  assert.equal(sectionOf('III.4'), 'III.4');
  assert.throws(() => parsePlanFile(JSON.stringify({ ...p, tasks: [...p.tasks, p.tasks[0]] })), /twice/);
  assert.throws(() => parsePlanFile(JSON.stringify({ ...p, tasks: [{ ...p.tasks[0], lead: '' }] })), /lead/);
});

test('links: http(s) or a path of this site only', () => {
  assert.equal(parseUrl('/cam-giang/thu-tuc'), '/cam-giang/thu-tuc');
  assert.equal(parseUrl('https://example.vn/a b'), 'https://example.vn/a%20b');
  for (const bad of ['javascript:alert(1)', '//evil.example/x', 'ftp://x', '', 'data:text/html,hi'])
    assert.throws(() => parseUrl(bad), { code: 'VALIDATION_FAILED' } as object);
});

test('amounts in đồng', () => {
  assert.equal(parseAmount('1.234.567'), 1_234_567);
  assert.equal(parseAmount('1 234 567 đ'), 1_234_567);
  assert.equal(parseAmount(5000), 5000);
  for (const bad of ['0', '-1', '1,5', 'abc', 1.5, null]) assert.throws(() => parseAmount(bad));
});

test('the PNG encoder writes a valid image of the given size and pixels', () => {
  const r = new Raster(5, 3, [255, 255, 255]);
  r.fill(1, 1, 2, 1, [10, 20, 30]);
  const png = r.png();
  assert.deepEqual(imageSize(png), { width: 5, height: 3 });
  const idat = png.subarray(png.indexOf('IDAT') + 4, png.indexOf('IEND') - 8);
  const raw = inflateSync(idat);
  assert.equal(raw.length, 3 * (5 * 3 + 1));
  const row1 = raw.subarray(16 + 1, 32);
  assert.deepEqual([...row1.subarray(3, 6)], [10, 20, 30]);
  assert.deepEqual([...row1.subarray(0, 3)], [255, 255, 255]);
});

test('task rules: settled tasks, progress that means something, the quarter a form defaults to', async () => {
  const { isSettled, hasProgress, defaultQuarter } = await import('./model.ts');
  assert.deepEqual(
    (['not_started', 'in_progress', 'done', 'regular'] as const).map((s) => [isSettled(s), hasProgress(s)]),
    [
      [false, true],
      [false, true],
      [true, true],
      [true, false],
    ],
  );
  assert.equal(defaultQuarter(2026, '2026-05-14'), 2);
  assert.equal(defaultQuarter(2026, '2026-12-31'), 4);
  assert.equal(defaultQuarter(2025, '2026-02-01'), 4);
});

test('evidence the report reads: stored files only; photos for PDF/DOCX, every file for the archive', async () => {
  const { isStoredEvidence, evidenceToRead } = await import('./model.ts');
  const photo = { kind: 'file', storage_key: 'ab/cd', sha256: 'x', content_type: 'image/png' };
  const pdf = { ...photo, content_type: 'application/pdf' };
  const link = { kind: 'link', storage_key: null, sha256: null, content_type: null };
  assert.equal(isStoredEvidence(photo), true);
  assert.equal(isStoredEvidence({ ...photo, storage_key: null }), false);
  assert.equal(isStoredEvidence(link), false);
  assert.equal(evidenceToRead(photo, false), true);
  assert.equal(evidenceToRead(pdf, false), false);
  assert.equal(evidenceToRead(pdf, true), true);
  assert.equal(evidenceToRead(link, true), false);
});

test('plan file codec: a file of another shape fails loudly, naming the file', async () => {
  const { planFileCodec } = await import('./model.ts');
  assert.throws(() => planFileCodec.decode('{"format":"motcua-plan/1"}'), /data\/plan.*not a motcua-plan\/1 file/);
  assert.throws(() => planFileCodec.decode('not json'), /corrupt JSON in data\/plan/);
});
