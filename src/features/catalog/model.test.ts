import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  abolitionDate,
  isAbolished,
  showsSameDayBox,
  canDecideImport,
  isMissingFromFile,
  isStaleWarning,
  showsFieldChanges,
  diffCatalog,
  parseProcedure,
  ProcedureValidationError,
  summarize,
  timeLimitText,
  type ProcedureData,
} from './model.ts';

const base = (over: Record<string, unknown> = {}): ProcedureData =>
  parseProcedure({
    code: '1.000656',
    name: 'Đăng ký khai tử',
    field: 'Hộ tịch',
    timeLimit: { amount: 1, unit: 'working_days' },
    ...over,
  });

test('parseProcedure normalises, fills defaults and derives the portal link', () => {
  const p = parseProcedure({
    code: '1.000656',
    name: '  Đăng ky\u0301 khai tử ',
    field: 'Hộ tịch',
    timeLimit: { unit: 'same_day', cutoff: true },
  });
  assert.equal(p.name, 'Đăng ký khai tử');
  assert.equal(p.timeLimit.amount, 1);
  assert.equal(p.level, 'commune');
  assert.equal(p.status, 'in_force');
  assert.deepEqual(p.channels, ['direct']);
  assert.match(p.portalUrl, /ma_thu_tuc=1\.000656$/);
});

test('parseProcedure lists every problem with its path', () => {
  try {
    parseProcedure({
      code: 'abc',
      field: 'Hộ tịch',
      timeLimit: { amount: 2.5, unit: 'weeks' },
      fees: [{ amount: -1 }],
    });
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof ProcedureValidationError);
    const paths = e.problems.map((p) => p.path);
    for (const p of ['code', 'name', 'timeLimit.unit', 'fees[0].name', 'fees[0].amount'])
      assert.ok(paths.includes(p), `${p} in ${paths.join(',')}`);
    assert.ok(e.problems.every((p) => p.vi && p.en));
  }
});

test('diff: new, changed with the fields, abolished explicitly and by absence, unchanged', () => {
  const a = base();
  const b = base({ code: '2.000815', name: 'Chứng thực bản sao', field: 'Chứng thực' });
  const c = base({ code: '2.000908', name: 'Cấp bản sao từ sổ gốc' });
  const current = new Map([
    [a.code, a],
    [b.code, b],
    [c.code, c],
  ]);
  const incoming = [
    { ...a, timeLimit: { ...a.timeLimit, amount: 3 } },
    { ...b, status: 'abolished' as const },
    base({ code: '1.001193', name: 'Đăng ký khai sinh' }),
  ];
  const items = diffCatalog(current, incoming, true);
  const byCode = new Map(items.map((i) => [i.code, i]));
  assert.equal(byCode.get('1.000656')!.kind, 'changed');
  assert.deepEqual(byCode.get('1.000656')!.changedFields, ['timeLimit']);
  assert.equal(byCode.get('2.000815')!.kind, 'abolished');
  assert.equal(byCode.get('1.001193')!.kind, 'new');
  assert.equal(byCode.get('2.000908')!.kind, 'abolished');
  assert.equal(byCode.get('2.000908')!.missing, true);
  assert.deepEqual(summarize(items), { new: 1, changed: 1, abolished: 2, unchanged: 0 });
  // A partial file never abolishes what it does not mention.
  assert.equal(diffCatalog(current, [a], false).length, 1);
  assert.equal(diffCatalog(current, [a], false)[0]!.kind, 'unchanged');
});

test('time limit in words', () => {
  assert.equal(timeLimitText({ amount: 3, unit: 'working_days', cutoff: false, note: '' }, 'vi'), '3 ngày làm việc');
  assert.equal(timeLimitText({ amount: 1, unit: 'working_days', cutoff: false, note: '' }, 'en'), '1 working day');
  assert.equal(
    timeLimitText({ amount: 1, unit: 'same_day', cutoff: true, note: '' }, 'vi'),
    'Trong ngày (nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)',
  );
  assert.equal(
    timeLimitText({ amount: null, unit: 'working_days', cutoff: false, note: 'Ngay khi nhận đủ hồ sơ' }, 'vi'),
    'Ngay khi nhận đủ hồ sơ',
  );
});

test('review page rules: who decides a draft, which items show a table, a stale warning, a missing note', () => {
  assert.equal(canDecideImport('draft', true), true);
  assert.equal(canDecideImport('draft', false), false, 'a manager who may not publish');
  assert.equal(canDecideImport('published', true), false);
  const before = base();
  const item = (kind: 'new' | 'changed' | 'abolished', changedFields: string[], stale = false) => ({
    kind,
    changedFields,
    before: kind === 'new' ? null : before,
    stale,
  });
  assert.equal(showsFieldChanges(item('changed', ['fees'])), true);
  assert.equal(showsFieldChanges(item('new', [])), false);
  assert.equal(showsFieldChanges(item('abolished', ['status'])), false, 'only its status changed');
  assert.equal(showsFieldChanges(item('abolished', ['status', 'fees'])), true);
  assert.equal(isMissingFromFile(item('abolished', ['status'])), true);
  assert.equal(isMissingFromFile({ ...item('abolished', ['status']), before: null }), false);
  assert.equal(isStaleWarning(item('changed', ['fees'], true), 'draft'), true);
  assert.equal(isStaleWarning(item('changed', ['fees'], true), 'published'), false, 'decided: no warning');
  assert.equal(isStaleWarning(item('changed', ['fees'], false), 'draft'), false);
});

test('procedure page rules: abolished, its date, the same-day box', () => {
  const history = [
    { changeKind: 'abolished', publishedAt: '2026-03-01T02:00:00.000Z' },
    { changeKind: 'initial', publishedAt: '2025-01-01T02:00:00.000Z' },
  ];
  assert.equal(isAbolished(base({ status: 'abolished' })), true);
  assert.equal(isAbolished(base()), false);
  assert.equal(abolitionDate(base({ status: 'abolished' }), history), '2026-03-01T02:00:00.000Z');
  assert.equal(abolitionDate(base({ status: 'abolished' }), history.slice(1)), null);
  assert.equal(abolitionDate(base(), history), null, 'in force: no abolition date');
  assert.equal(showsSameDayBox(base({ sameDayEligible: true })), true);
  assert.equal(showsSameDayBox(base({ sameDayEligible: true, status: 'abolished' })), false);
  assert.equal(showsSameDayBox(base({ sameDayEligible: false })), false);
});
