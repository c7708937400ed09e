/** Notification rules and texts: plans per event, backoff, recipients, the unaccented SMS. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  channelsFor,
  composeFull,
  composeSms,
  contactsOf,
  gsmLength,
  isOptedOut,
  lookupLink,
  maskRecipient,
  nextAttemptAt,
  parseRecipient,
  planFor,
  unaccent,
  when,
  type Compose,
  type DossierFacts,
  type Kind,
  type NotificationChannel,
} from './model.ts';

const dossier: DossierFacts = {
  code: 'H26.99.01-261125-0007',
  status: 4,
  procedureName: 'Đăng ký khai sinh',
  applicant: {
    kind: 'citizen',
    fullName: 'Nguyễn Văn An',
    orgName: '',
    phone: '0912345678',
    email: 'an.nguyen@example.vn',
  },
  dueAt: '2026-11-27T10:00:00.000Z',
  extendedDueAt: null,
  lookupSecret: 'K7MQ2P',
};
const center = {
  name: 'Trung tâm Phục vụ hành chính công xã Cẩm Giàng',
  shortName: 'Trung tâm PVHCC xã Cẩm Giàng',
  address: 'Trụ sở UBND xã Cẩm Giàng',
  phone: '0220 3000 001',
  slug: 'cam-giang',
};
const BASE = 'https://motcua.camgiang.gov.vn';

function compose(
  kind: Kind,
  over: Partial<Compose['plan']> = {},
  base: string | null = BASE,
  d: DossierFacts = dossier,
): Compose {
  return {
    center,
    dossier: d,
    plan: { kind, appointment: '2026-11-27T10:00:00.000Z', ...over },
    lookupLink: base ? lookupLink(base, center.slug, d.code, d.lookupSecret) : null,
    optOutLink: base ? `${base}/cam-giang/tu-choi-nhan-tin` : null,
  };
}

test('each dossier event maps to its message kind; other events and online registrations to none', () => {
  assert.equal(
    planFor({ ...dossier, status: 2 }, { action: 'received', data: { dueAt: '2026-11-27T10:00:00.000Z' } })?.kind,
    'receipt',
  );
  assert.equal(
    planFor({ ...dossier, status: 1 }, { action: 'received', data: {} }),
    null,
    'an online registration is not yet received',
  );
  assert.equal(planFor({ ...dossier, status: 2 }, { action: 'accept', data: {} })?.kind, 'receipt');
  const s = planFor(
    { ...dossier, status: 5 },
    { action: 'request_supplement', data: { reason: 'Thiếu bản sao', components: ['Tờ khai'] } },
  );
  assert.deepEqual([s?.kind, s?.reason, s?.components], ['supplement', 'Thiếu bản sao', ['Tờ khai']]);
  assert.equal(planFor({ ...dossier, status: 9 }, { action: 'mark_processed', data: {} })?.kind, 'result_ready');
  const a = planFor(
    { ...dossier, extendedDueAt: '2026-12-30T10:00:00.000Z' },
    {
      action: 'extend',
      data: { reason: 'Cần xác minh', before: '2026-11-27T10:00:00.000Z', after: '2026-12-30T10:00:00.000Z' },
    },
  );
  assert.deepEqual(
    [a?.kind, a?.before, a?.appointment],
    ['apology', '2026-11-27T10:00:00.000Z', '2026-12-30T10:00:00.000Z'],
  );
  for (const action of ['handoff', 'return_result', 'complete_supplement', 'withdraw', 'stop', 'refuse'])
    assert.equal(planFor(dossier, { action, data: {} }), null, action);
});

test('backoff: 1 min, 5 min, 30 min, 2 h, 12 h; none after the last attempt or a permanent error', () => {
  const now = new Date('2026-11-25T02:00:00Z');
  const waits = [1, 2, 3, 4, 5]
    .map((n) => nextAttemptAt(now, n, 6))
    .map((d) => (d ? (d.getTime() - now.getTime()) / 60_000 : null));
  assert.deepEqual(waits, [1, 5, 30, 120, 720]);
  assert.equal(nextAttemptAt(now, 5, 5), null);
  assert.equal(nextAttemptAt(now, 1, 5, true), null);
  assert.equal(nextAttemptAt(now, 9, 10)!.getTime() - now.getTime(), 720 * 60_000, 'the last wait repeats');
});

test('recipients are normalised and masked; the file channel stands in for each contact', () => {
  assert.deepEqual(parseRecipient('+84 912 345 678'), { type: 'phone', value: '0912345678' });
  assert.deepEqual(parseRecipient(' An.Nguyen@Example.VN '), { type: 'email', value: 'an.nguyen@example.vn' });
  assert.equal(parseRecipient('12345'), null);
  assert.equal(parseRecipient('not an email@'), null);
  assert.equal(maskRecipient('0912345678'), '*******678');
  assert.equal(maskRecipient('an.nguyen@example.vn'), 'a***@example.vn');
  assert.deepEqual(contactsOf({ phone: '0912 345 678', email: '' }), [{ type: 'phone', value: '0912345678' }]);
  const all = new Set<NotificationChannel>(['email', 'sms', 'zalo', 'file']);
  assert.deepEqual(channelsFor('phone', all), ['sms', 'zalo', 'file']);
  assert.deepEqual(channelsFor('email', new Set<NotificationChannel>(['sms'])), []);
  assert.ok(isOptedOut([{ recipient: '0912345678', channel: '*' }], '0912345678', 'file'));
  assert.ok(!isOptedOut([{ recipient: '0912345678', channel: 'sms' }], '0912345678', 'zalo'));
});

test('unaccented text keeps case and turns typography into ASCII', () => {
  assert.equal(unaccent('Đăng ký khai sinh – Ủy ban “Cẩm Giàng”…'), 'Dang ky khai sinh - Uy ban "Cam Giang"...');
  assert.equal(unaccent('NGƯỜI ĐẠI DIỆN'), 'NGUOI DAI DIEN');
  assert.equal(gsmLength('abc{}'), 7, 'extension characters count twice');
  assert.equal(gsmLength('ă'), null);
});

test('SMS texts have no diacritics and fit 160 GSM characters for a typical code and address', () => {
  for (const kind of ['receipt', 'supplement', 'result_ready', 'apology'] as const) {
    for (const base of [BASE, 'https://dichvucong.camgiang.haiphong.gov.vn', null]) {
      const sms = composeSms(
        compose(
          kind,
          {
            reason: 'Thiếu bản sao giấy chứng nhận kết hôn của cha mẹ, cần bổ sung bản có chứng thực',
            before: '2026-11-26T10:00:00.000Z',
          },
          base,
        ),
      );
      assert.match(sms, /^[\x20-\x7e]+$/, `${kind}: ASCII only: ${sms}`);
      assert.ok(gsmLength(sms)! <= 160, `${kind} (${base}): ${gsmLength(sms)} > 160: ${sms}`);
      assert.ok(sms.includes('H26.99.01-261125-0007'), `${kind}: the code is in the SMS`);
      if (base)
        assert.ok(
          sms.includes(`${base}/cam-giang/tra-cuu?ma=H26.99.01-261125-0007&bi-mat=K7MQ2P`),
          `${kind}: the lookup link`,
        );
      else assert.ok(sms.includes('K7MQ2P'), `${kind}: the lookup code when there is no public address`);
      if (kind === 'receipt' || kind === 'apology')
        assert.ok(sms.includes('27/11/2026 17:00'), `${kind}: the appointment`);
    }
  }
  // Where it fits, the richer wording (centre, procedure, phone) is used.
  const rich = composeSms(compose('receipt', {}, null));
  assert.ok(rich.startsWith('Trung tam PVHCC xa Cam Giang: da tiep nhan ho so'), rich);
});

test('the full text names the dossier, procedure, appointment, link, phone; the apology both dates and the reason', () => {
  const r = composeFull(compose('receipt'));
  assert.match(r.subject, /^Đã tiếp nhận hồ sơ H26\.99\.01-261125-0007/);
  for (const s of [
    'Kính gửi Ông/Bà Nguyễn Văn An',
    'Mã hồ sơ: H26.99.01-261125-0007',
    'Thủ tục: Đăng ký khai sinh',
    'Ngày hẹn trả kết quả: 27/11/2026 17:00',
    `${BASE}/cam-giang/tra-cuu?ma=H26.99.01-261125-0007&bi-mat=K7MQ2P`,
    '0220 3000 001',
    `${BASE}/cam-giang/tu-choi-nhan-tin`,
  ]) {
    assert.ok(r.body.includes(s), s);
  }
  const a = composeFull(
    compose('apology', {
      before: '2026-11-26T10:00:00.000Z',
      appointment: '2026-12-30T10:00:00.000Z',
      reason: 'Cần xác minh với cơ quan khác',
    }),
  );
  for (const s of [
    'xin lỗi',
    'Ngày hẹn trước: 26/11/2026 17:00',
    'Ngày hẹn lại trả kết quả: 30/12/2026 17:00',
    'Lý do: Cần xác minh với cơ quan khác',
    'Tình trạng: Đang xử lý',
  ])
    assert.ok(a.body.includes(s), s);
  const s = composeFull(compose('supplement', { reason: 'Thiếu tờ khai', components: ['Tờ khai đăng ký khai sinh'] }));
  assert.ok(s.body.includes('Nội dung cần bổ sung: Thiếu tờ khai') && s.body.includes('  - Tờ khai đăng ký khai sinh'));
  const org = composeFull(
    compose('result_ready', {}, BASE, {
      ...dossier,
      applicant: { ...dossier.applicant, kind: 'organization', orgName: 'Hộ kinh doanh Minh Phát' },
    }),
  );
  assert.ok(org.body.startsWith('Kính gửi Hộ kinh doanh Minh Phát,'));
  assert.equal(when('2026-11-27T10:00:00.000Z'), '27/11/2026 17:00');
});

test('the outbox page shows only the flashes it knows', async () => {
  const { okFlash } = await import('./model.ts');
  assert.equal(okFlash('retried'), 'retried');
  assert.equal(okFlash('removed'), 'removed');
  assert.equal(okFlash('constructor'), null);
  assert.equal(okFlash(''), null);
});
