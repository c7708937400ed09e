/** The console's forms parsed without I/O, and the deadline monitor's counts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  actionFieldId,
  apologyDraftOf,
  approvedDueOf,
  intakeFormOf,
  intakeInputOf,
  payloadOf,
  submittedValues,
  versionOf,
} from './console-forms.ts';
import { deadlineCounts, statusFilter } from './view-models.ts';
import type { ProcedureData } from '../catalog/index.ts';
import type { Monitor, MonitorItem } from './service.ts';

test('action payloads: reasons, lists by line, amounts typed with separators, a bad extension date as a field error', () => {
  assert.deepEqual(payloadOf('refuse', { reason: ' Thiếu tờ khai ' }, 'vi').payload, { reason: 'Thiếu tờ khai' });
  assert.deepEqual(
    payloadOf('request_supplement', { reason: 'r', what: ['A', 'B'], other: 'C\r\n\n D ' }, 'vi').payload,
    {
      reason: 'r',
      components: ['A', 'B', 'C', 'D'],
    },
  );
  assert.deepEqual(payloadOf('request_payment', { amount: '1.500.000 đ' }, 'vi').payload, {
    amount: 1500000,
    note: '',
  });
  assert.ok(Number.isNaN(payloadOf('request_payment', { amount: 'abc' }, 'vi').payload.amount));
  assert.deepEqual(payloadOf('confirm_payment', { method: 'online', gateway: 'dvcqg' }, 'vi').payload, {
    method: 'online',
    gateway: 'dvcqg',
    reference: '',
    note: '',
  });
  const bad = payloadOf('extend', { reason: 'r', date: '2026-13-01', time: '17:00' }, 'en');
  assert.deepEqual(
    bad.errors.map((e) => e.field),
    ['extend-date'],
  );
  const ok = payloadOf('extend', { reason: 'r', date: '2026-12-10', time: '17:00' }, 'vi');
  assert.deepEqual(ok.payload, { reason: 'r', newDueAt: '2026-12-10T10:00:00.000Z' });
  assert.deepEqual(payloadOf('handoff', { toUserId: '' }, 'vi').payload, { toUserId: undefined, to: '', note: '' });
});

test('form values, version and field ids of an action form', () => {
  assert.deepEqual(submittedValues({ _csrf: 'x', reason: 'r', what: ['a', 1, 'b'], n: 3 }), {
    reason: 'r',
    what: ['a', 'b'],
  });
  assert.equal(versionOf({ version: '4' }), 4);
  assert.equal(versionOf({ version: '0' }), null);
  assert.equal(versionOf({}), null);
  assert.equal(actionFieldId('mark_processed', 'electronicResult'), 'mark_processed-electronic');
  assert.equal(actionFieldId('extend', 'newDueAt'), 'extend-date');
  assert.equal(actionFieldId('refuse', 'action'), undefined);
  assert.equal(actionFieldId('refuse', 'reason'), 'refuse-reason');
});

test('apology forms: the proposed date in Vietnam time, empty for the engine’s, unreadable marked invalid', () => {
  assert.equal(
    apologyDraftOf({ reason: 'r', proposedDate: '2026-12-10', proposedTime: '' }).proposedDueAt,
    '2026-12-10T10:00:00.000Z',
  );
  assert.equal(apologyDraftOf({ reason: 'r' }).proposedDueAt, undefined);
  assert.equal(
    apologyDraftOf({ reason: 'r', proposedDate: '2026-12-10', proposedTime: '25:00' }).proposedDueAt,
    'invalid',
  );
  assert.equal(approvedDueOf({ newDueAt: '2026-12-10T08:30' }), '2026-12-10T08:30:00+07:00');
  assert.equal(approvedDueOf({ newDueAt: 'tomorrow' }), undefined);
});

const procedure = {
  code: '1.001',
  name: 'Đăng ký khai sinh',
  fees: [{ name: 'Lệ phí', amount: 8000, per: 'bản' }],
} as unknown as ProcedureData;

test('the intake form: counts that are not numbers are field errors; unticked components become what is missing', () => {
  const body = {
    fullName: 'Nguyễn Văn An',
    c0_name: 'Tờ khai',
    c0_got: '1',
    c0_o: '1',
    c1_name: 'Giấy chứng sinh',
    c1_o: 'x',
    fee_q0: '2',
    fee_status: 'paid',
  };
  const { form, errors } = intakeFormOf(body, procedure, 'vi');
  assert.deepEqual(
    errors.map((e) => e.field),
    ['c1_o'],
  );
  const input = intakeInputOf(form, body, procedure, '');
  assert.deepEqual(input.components, [{ name: 'Tờ khai', shown: false, originals: 1, certifiedCopies: 0, copies: 0 }]);
  assert.deepEqual((input.fee as { items: unknown }).items, [{ item: 0, quantity: 2 }]);
  const refused = intakeInputOf(form, { ...body, reason: 'Không đủ điều kiện' }, procedure, 'refuse');
  assert.equal(refused.outcome, 'refuse');
  assert.equal(refused.fee, undefined);
  assert.deepEqual(refused.missing, ['Giấy chứng sinh']);
  const guided = intakeInputOf(form, { ...body, missing: 'Bản sao CCCD\n' }, procedure, 'guide');
  assert.equal(guided.outcome, undefined);
  assert.deepEqual(guided.missing, ['Bản sao CCCD']);
});

test('the list’s status filter and the monitor’s counts per field and holder, worst first', () => {
  assert.deepEqual(statusFilter('open'), [2, 4, 5, 6]);
  assert.deepEqual(statusFilter('9'), [9]);
  assert.equal(statusFilter(''), undefined);
  assert.equal(statusFilter('11'), undefined);
  const item = (field: string, holder: string | null) => ({ field, holder }) as MonitorItem;
  const buckets = {
    overdue: [item('Hộ tịch', 'An')],
    dueToday: [item('Chứng thực', null)],
    dueNextWorkingDay: [],
    awaitingAcceptance: [item('Hộ tịch', null)],
    paused: [item('Hộ tịch', 'An')],
    later: [item('Chứng thực', null)],
  } as Monitor;
  const c = deadlineCounts(buckets, 'Bộ phận Một cửa');
  assert.equal(c.totalOpen, 4);
  assert.deepEqual(c.byField, [
    { name: 'Hộ tịch', open: 2, overdue: 1, today: 0, next: 0 },
    { name: 'Chứng thực', open: 2, overdue: 0, today: 1, next: 0 },
  ]);
  assert.deepEqual(c.byHolder, [
    { name: 'An', open: 2, overdue: 1, today: 0, next: 0 },
    { name: 'Bộ phận Một cửa', open: 2, overdue: 0, today: 1, next: 0 },
  ]);
});
