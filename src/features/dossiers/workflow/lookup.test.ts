/** The citizen's lookup without I/O: normalising what people type, plain steps, the papers asked for. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseDossierCode, normaliseSecret, openSupplement, publicSteps, type StepEvent } from './lookup.ts';

test('dossier codes typed as people type them find the printed code', () => {
  const printed = 'H26.99.01-261125-0001';
  for (const typed of [
    printed,
    'h26.99.01-261125-0001',
    ' h26.99.01 261125 0001 ',
    'H26.99.01 - 261125 - 0001',
    'H26.99.01–261125—0001', // en and em dash (Word, phones)
    'H26.99.01−261125‐0001', // minus sign, hyphen
    'H26,99,01-261125-0001', // comma for dot
    'H26.99.01_261125_0001',
    'H26.99.012611250001', // no separators at all
    'Ｈ２６．９９．０１－２６１１２５－０００１', // full-width
  ])
    assert.equal(normaliseDossierCode(typed), printed, typed);
  assert.equal(normaliseDossierCode(''), '');
  assert.equal(normaliseDossierCode('x'.repeat(100)), '');
  assert.equal(normaliseDossierCode('abc def'), 'ABC-DEF', 'something else stays comparable (and is simply not found)');
});

test('secrets: case and spaces do not matter', () => {
  assert.equal(normaliseSecret(' k7m q2x '), 'K7MQ2X');
  assert.equal(normaliseSecret('K7M-Q2X'), 'K7MQ2X');
  assert.equal(normaliseSecret('x'.repeat(20)), '');
});

const ev = (seq: number, action: string, at: string, toStatus: number | null, data: Record<string, unknown> = {}) =>
  ({ seq, action, at, toStatus, data }) satisfies StepEvent;

test('steps: in time order, each once, internal work left out, the new appointment given', () => {
  const steps = publicSteps([
    ev(1, 'received', '2026-11-20T01:00:00Z', 1),
    ev(2, 'accept', '2026-11-20T01:05:00Z', 2),
    ev(4, 'handoff', '2026-11-20T03:00:00Z', 4),
    ev(3, 'handoff', '2026-11-20T02:00:00Z', 4), // recorded later, happened earlier
    ev(5, 'attach', '2026-11-20T03:10:00Z', null),
    ev(6, 'extend', '2026-11-21T02:00:00Z', null, { after: '2026-11-25T09:00:00Z' }),
    ev(7, 'request_supplement', '2026-11-22T02:00:00Z', 5, { components: ['Tờ khai'] }),
  ]);
  assert.deepEqual(
    steps.map((s) => s.key),
    ['submitted', 'received', 'processing', 'reappointed', 'supplement_requested'],
  );
  assert.equal(steps[2]?.at, '2026-11-20T02:00:00Z', 'the first hand-off, at its own time');
  assert.equal(steps[3]?.newDueAt, '2026-11-25T09:00:00Z');
  const desk = publicSteps([ev(1, 'received', '2026-11-20T01:00:00Z', 2), ev(2, 'accept', '2026-11-20T01:00:00Z', 2)]);
  assert.deepEqual(
    desk.map((s) => s.key),
    ['received'],
    'received at the desk is one step',
  );
  const times = steps.map((s) => s.at);
  assert.deepEqual(times, [...times].sort());
});

test('status 5: the last request’s papers, date and reason; nothing in another status', () => {
  const events = [
    ev(1, 'request_supplement', '2026-11-20T02:00:00Z', 5, { reason: 'Thiếu tờ khai', components: ['Tờ khai'] }),
    ev(2, 'complete_supplement', '2026-11-21T02:00:00Z', 4),
    ev(3, 'request_supplement', '2026-11-22T02:00:00Z', 5, {
      reason: 'Cần bản chính để đối chiếu',
      components: ['Bản chính giấy chứng sinh', ' ', 7],
    }),
  ];
  assert.deepEqual(openSupplement(events, 5), {
    requestedAt: '2026-11-22T02:00:00Z',
    papers: ['Bản chính giấy chứng sinh'],
    reason: 'Cần bản chính để đối chiếu',
  });
  assert.equal(openSupplement(events, 4), null);
});
