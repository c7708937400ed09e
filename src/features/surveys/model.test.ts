/** Survey rules without I/O: stage, scores, low-score trigger, device class, the survey address (also in the result-ready message). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CRITERIA, averagePct, deviceOf, lowScoreReason, stageFor, surveyUrl } from './model.ts';
import { composeFull, lookupLink, type Compose } from '../notifications/model.ts';

test('the default criteria: the 9 one-stop indicators and the 8 "4 xin, 4 luôn" items, unique codes', () => {
  assert.equal(DEFAULT_CRITERIA.filter((c) => c.kind === 'indicator').length, 9);
  assert.deepEqual(
    DEFAULT_CRITERIA.filter((c) => c.kind === 'conduct').map((c) => c.code),
    [
      'xin-chao',
      'xin-loi',
      'xin-cam-on',
      'xin-phep',
      'luon-mim-cuoi',
      'luon-nhe-nhang',
      'luon-lang-nghe',
      'luon-giup-do',
    ],
  );
  assert.equal(new Set(DEFAULT_CRITERIA.map((c) => c.code)).size, DEFAULT_CRITERIA.length);
});

test('which stage a response rates', () => {
  assert.deepEqual(stageFor(2, null), { stage: 'receipt' });
  assert.deepEqual(stageFor(4, null), { stage: 'receipt' });
  assert.deepEqual(stageFor(9, null), { stage: 'result' });
  assert.deepEqual(stageFor(10, null), { stage: 'result' });
  assert.deepEqual(stageFor(10, 'receipt'), { stage: 'receipt' });
  assert.deepEqual(stageFor(4, 'result'), { error: 'notReady' });
});

test('scores, the low-score trigger', () => {
  assert.equal(averagePct({}), null);
  assert.equal(averagePct({ a: 2, b: 2 }), 100);
  assert.equal(averagePct({ a: 2, b: 1, c: 0 }), 50);
  assert.equal(lowScoreReason('dissatisfied', 100, 50), 'dissatisfied');
  assert.equal(lowScoreReason('satisfied', 49, 50), 'low_average');
  assert.equal(lowScoreReason('satisfied', 50, 50), null);
  assert.equal(lowScoreReason('very_satisfied', null, 50), null);
});

test('device classes, never the user agent itself', () => {
  assert.equal(deviceOf('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148'), 'phone');
  assert.equal(deviceOf('Mozilla/5.0 (Linux; Android 14; Pixel 7) Chrome/124 Mobile Safari/537.36'), 'phone');
  assert.equal(deviceOf('Mozilla/5.0 (Linux; Android 13; SM-T220) Chrome/124 Safari/537.36'), 'tablet');
  assert.equal(deviceOf('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)'), 'tablet');
  assert.equal(deviceOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124'), 'desktop');
  assert.equal(deviceOf(undefined), 'other');
});

test('the survey address, and the result-ready message carrying it', () => {
  assert.equal(
    surveyUrl('https://motcua.example.gov.vn/', 'cam-giang', 'H26.99.01-261125-0007', 'K7MQ2P', { channel: 'qr' }),
    'https://motcua.example.gov.vn/cam-giang/danh-gia?ma=H26.99.01-261125-0007&bi-mat=K7MQ2P&kenh=qr',
  );
  const c: Compose = {
    center: {
      name: 'Trung tâm Phục vụ hành chính công xã Cẩm Giàng',
      shortName: 'Trung tâm PVHCC xã Cẩm Giàng',
      address: 'Trụ sở UBND xã',
      phone: null,
      slug: 'cam-giang',
    },
    dossier: {
      code: 'H26.99.01-261125-0007',
      status: 9,
      procedureName: 'Đăng ký khai sinh',
      applicant: { kind: 'citizen', fullName: 'Nguyễn Văn An', phone: '0912345678', email: '', orgName: '' },
      dueAt: '2026-11-27T10:00:00.000Z',
      extendedDueAt: null,
      lookupSecret: 'K7MQ2P',
    },
    plan: { kind: 'result_ready', appointment: '2026-11-27T10:00:00.000Z' },
    lookupLink: lookupLink('https://motcua.example.gov.vn', 'cam-giang', 'H26.99.01-261125-0007', 'K7MQ2P'),
    optOutLink: null,
  };
  const body = composeFull(c).body;
  assert.ok(
    body.includes(
      'Đánh giá sự hài lòng về việc giải quyết hồ sơ: https://motcua.example.gov.vn/cam-giang/danh-gia?ma=H26.99.01-261125-0007&bi-mat=K7MQ2P&buoc=tra-ket-qua&kenh=link',
    ),
    body,
  );
  assert.ok(
    !composeFull({ ...c, plan: { kind: 'receipt', appointment: c.plan.appointment } }).body.includes('danh-gia'),
    'only the result-ready message',
  );
  assert.ok(!composeFull({ ...c, lookupLink: null }).body.includes('danh-gia'), 'no address without a public URL');
});

test('console rules: open follow-ups, the month shown, month arithmetic', async () => {
  const { isOpenFollowup, consoleMonth, monthRange, monthsBack, saneDate } = await import('./model.ts');
  assert.equal(isOpenFollowup({ status: 'open' }), true);
  assert.equal(isOpenFollowup({ status: 'assigned' }), true);
  assert.equal(isOpenFollowup({ status: 'resolved' }), false);
  assert.equal(consoleMonth('2026-03', '2026-12-07'), '2026-03');
  assert.equal(consoleMonth('2026-13', '2026-12-07'), '2026-12');
  assert.equal(consoleMonth('1999-12', '2026-12-07'), '2026-12');
  assert.equal(consoleMonth('', '2026-12-07'), '2026-12');
  assert.deepEqual(monthRange('2028-02'), { from: '2028-02-01', to: '2028-02-29' });
  assert.deepEqual(monthRange('2026-12'), { from: '2026-12-01', to: '2026-12-31' });
  assert.equal(monthsBack('2026-03', 11), '2025-04');
  assert.equal(saneDate('2026-02-30'), false);
  assert.equal(saneDate('2101-01-01'), false);
});

test('a results period: real dates, in order, at most 400 days', async () => {
  const { checkResultsPeriod } = await import('./model.ts');
  assert.deepEqual(checkResultsPeriod({ from: '2026-01-01', to: '2026-12-31' }), {
    from: '2026-01-01',
    to: '2026-12-31',
  });
  assert.throws(() => checkResultsPeriod({ from: 'x', to: '2026-01-01' }), { code: 'VALIDATION_FAILED' });
  assert.throws(() => checkResultsPeriod({ from: '2026-02-01', to: '2026-01-01' }), { code: 'VALIDATION_FAILED' });
  assert.throws(() => checkResultsPeriod({ from: '2025-01-01', to: '2026-12-31' }), { code: 'RANGE_TOO_LARGE' });
});

test('the scores column codec: criterion codes to 0, 1 or 2, anything else fails loudly', async () => {
  const { scoresCodec } = await import('./model.ts');
  assert.deepEqual(scoresCodec.decode(scoresCodec.encode({ a: 2, b: 0 })), { a: 2, b: 0 });
  assert.throws(() => scoresCodec.decode('{"a":3}'), /survey_response\.scores/);
});
