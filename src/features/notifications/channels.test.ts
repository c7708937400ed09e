/** Channels against real protocol peers on 127.0.0.1: SMTP conversation, webhook POST, file output. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config.ts';
import {
  ChannelError,
  channelsFromConfig,
  fileChannel,
  sendMail,
  smtpChannel,
  webhookChannel,
  type OutgoingMessage,
} from './channels.ts';
import { startFakeGateway } from '../../../test/support/gateway.ts';
import { decodeMail, startTestSmtp } from '../../../test/support/smtp.ts';

const msg: OutgoingMessage = {
  id: 42,
  kind: 'receipt',
  channel: 'email',
  recipient: 'an.nguyen@example.vn',
  subject: 'Đã tiếp nhận hồ sơ H26.99.01-261125-0007 - Trung tâm PVHCC xã Cẩm Giàng',
  body: 'Kính gửi Ông/Bà Nguyễn Văn An,\n\n.Dòng bắt đầu bằng dấu chấm\nMã hồ sơ: H26.99.01-261125-0007',
  dossierCode: 'H26.99.01-261125-0007',
};
const now = new Date('2026-11-25T02:00:00Z');

let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let dir: string;
before(async () => {
  smtp = await startTestSmtp({ user: 'motcua@camgiang.gov.vn', pass: 'p@ss:/wörd', rejectRcpt: /^nobody@/ });
  dir = mkdtempSync(join(tmpdir(), 'motcua-outbox-'));
});
after(async () => {
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

test('SMTP: AUTH LOGIN, envelope, UTF-8 subject and body arrive intact', async () => {
  const ch = smtpChannel({
    url: `smtp://${encodeURIComponent('motcua@camgiang.gov.vn')}:${encodeURIComponent('p@ss:/wörd')}@127.0.0.1:${smtp.port}`,
    from: 'Trung tâm PVHCC xã Cẩm Giàng <motcua@camgiang.gov.vn>',
  });
  const r = await ch.send(msg, now);
  assert.equal(r.delivered, false);
  assert.match(r.providerId!, /^<n42\.[0-9a-f]+@camgiang\.gov\.vn>$/);
  const mail = smtp.mails.at(-1)!;
  assert.match(mail.auth!, /^(LOGIN|PLAIN) motcua@camgiang\.gov\.vn$/);
  assert.equal(mail.from, 'motcua@camgiang.gov.vn');
  assert.deepEqual(mail.to, ['an.nguyen@example.vn']);
  // Read back as a mail client would: the Vietnamese subject, sender name and body (with a line
  // that starts with a dot) arrive intact, as plain UTF-8 text.
  const m = await decodeMail(mail.raw);
  assert.equal(m.subject, msg.subject);
  assert.equal(m.text.replace(/\r\n/g, '\n').trimEnd(), msg.body);
  assert.equal((m.headers.get('content-type') as { value: string; params: { charset: string } }).value, 'text/plain');
  assert.equal(
    (m.headers.get('content-type') as { params: { charset: string } }).params.charset.toLowerCase(),
    'utf-8',
  );
  assert.equal((m.headers.get('from') as { value: { name: string }[] }).value[0]!.name, 'Trung tâm PVHCC xã Cẩm Giàng');
  assert.equal(m.headers.get('message-id'), r.providerId);
  assert.equal(m.headers.get('auto-submitted'), 'auto-generated');
});

test('SMTP: a refused recipient is a permanent failure; wrong credentials and a dead server are transient', async () => {
  const url = `smtp://${encodeURIComponent('motcua@camgiang.gov.vn')}:${encodeURIComponent('p@ss:/wörd')}@127.0.0.1:${smtp.port}`;
  await assert.rejects(
    sendMail(
      { url, from: 'a@camgiang.gov.vn' },
      { to: 'nobody@example.vn', subject: 's', text: 't', date: now, id: 1 },
    ),
    (e: unknown) => e instanceof ChannelError && e.permanent && e.message.includes('550'),
  );
  await assert.rejects(
    sendMail(
      { url: `smtp://u:wrong@127.0.0.1:${smtp.port}`, from: 'a@camgiang.gov.vn' },
      { to: 'x@example.vn', subject: 's', text: 't', date: now, id: 2 },
    ),
    (e: unknown) => e instanceof ChannelError && !e.permanent && e.message.includes('535'),
  );
  const closed = await startTestSmtp();
  await closed.close();
  await assert.rejects(
    sendMail(
      { url: `smtp://127.0.0.1:${closed.port}`, from: 'a@camgiang.gov.vn', timeoutMs: 2000 },
      { to: 'x@example.vn', subject: 's', text: 't', date: now, id: 3 },
    ),
    (e: unknown) => e instanceof ChannelError && !e.permanent && e.message.includes('ECONNREFUSED'),
  );
});

test('webhook: JSON with the shared secret; the provider id is kept; 4xx is permanent, 5xx transient', async () => {
  const gw = await startFakeGateway((p, n) =>
    p.body.to === '0900000500'
      ? { status: 503, body: { error: 'busy' } }
      : p.body.to === '0900000400'
        ? { status: 422, body: { error: 'bad number' } }
        : { status: 200, body: { messageId: `m-${n}` } },
  );
  try {
    const ch = webhookChannel({ url: gw.url, secret: 'bi-mat-chung-0123456789', channel: 'sms' });
    const r = await ch.send({ ...msg, channel: 'sms', recipient: '0912345678', body: 'Da nhan HS' }, now);
    assert.deepEqual(r, { providerId: 'm-1', delivered: false });
    const p = gw.posts[0]!;
    assert.equal(p.headers['x-webhook-secret'], 'bi-mat-chung-0123456789');
    assert.deepEqual(p.body, {
      reference: '42',
      channel: 'sms',
      kind: 'receipt',
      to: '0912345678',
      toInternational: '84912345678',
      subject: msg.subject,
      text: 'Da nhan HS',
      dossierCode: 'H26.99.01-261125-0007',
    });
    await assert.rejects(
      ch.send({ ...msg, recipient: '0900000500' }, now),
      (e: unknown) => e instanceof ChannelError && !e.permanent && e.message.includes('503'),
    );
    await assert.rejects(
      ch.send({ ...msg, recipient: '0900000400' }, now),
      (e: unknown) => e instanceof ChannelError && e.permanent && e.message.includes('422'),
    );
  } finally {
    await gw.close();
  }
});

test('file channel: one file per message under the Vietnam day, named by id, kind and the channel it stands for', async () => {
  const ch = fileChannel(dir);
  const r = await ch.send({ ...msg, channel: 'file' }, new Date('2026-11-25T18:30:00Z')); // 01:30 on the 26th in Vietnam
  assert.deepEqual(r, { providerId: '2026-11-26/42-receipt-email.txt', delivered: true });
  await ch.send(
    { ...msg, id: 43, channel: 'file', recipient: '0912345678', body: 'Da nhan HS' },
    new Date('2026-11-25T18:30:00Z'),
  );
  assert.deepEqual(readdirSync(join(dir, '2026-11-26')).sort(), ['42-receipt-email.txt', '43-receipt-sms.txt']);
  const text = readFileSync(join(dir, '2026-11-26', '42-receipt-email.txt'), 'utf8');
  assert.ok(
    text.includes('Đến / To: an.nguyen@example.vn') && text.includes(msg.subject) && text.endsWith(`${msg.body}\n`),
  );
});

test('SMTP: STARTTLS when the server offers it, then AUTH inside TLS', async () => {
  const secure = await startTestSmtp({ user: 'u', pass: 'p', starttls: true });
  try {
    await sendMail(
      { url: `smtp://u:p@127.0.0.1:${secure.port}`, from: 'a@camgiang.gov.vn', rejectUnauthorized: false },
      { to: 'x@example.vn', subject: 'Thử', text: 'Nội dung', date: now, id: 5 },
    );
    const mail = secure.mails.at(-1)!;
    assert.ok(mail.auth && mail.authInTls, 'authenticated inside TLS');
    assert.equal((await decodeMail(mail.raw)).text.trim(), 'Nội dung');
  } finally {
    await secure.close();
  }
});

test('configuration: the file channel is off unless NOTIFY_FILE_DIR is set (even in the demo); SMTP needs a sender; unset channels are absent', () => {
  const base = { LOG_LEVEL: 'silent', DATA_DIR: '/srv/motcua' };
  assert.equal(loadConfig({ ...base }).notify.fileDir, null);
  assert.equal(loadConfig({ ...base, DEMO: 'auto' }).notify.fileDir, null);
  assert.equal(loadConfig({ ...base, DEMO: 'off' }).notify.fileDir, null);
  assert.equal(loadConfig({ ...base, NOTIFY_FILE_DIR: 'off' }).notify.fileDir, null);
  assert.equal(loadConfig({ ...base, DEMO: 'off', NOTIFY_FILE_DIR: '/var/outbox' }).notify.fileDir, '/var/outbox');
  assert.throws(
    () => loadConfig({ ...base, SMTP_URL: 'smtp://mail.example.vn:587' }),
    (e: unknown) => e instanceof ConfigError && e.message.includes('SMTP_FROM'),
  );
  assert.throws(() => loadConfig({ ...base, SMTP_URL: 'http://mail.example.vn' }), ConfigError);
  assert.throws(() => loadConfig({ ...base, WEBHOOK_SECRET: 'short' }), ConfigError);
  const c = loadConfig({
    ...base,
    DEMO: 'off',
    SMTP_URL: 'smtps://u:p@mail.example.vn:465',
    SMTP_FROM: 'a@example.vn',
    ZALO_WEBHOOK_URL: 'https://zalo.example.vn/send',
  });
  assert.deepEqual(Object.keys(channelsFromConfig(c)).sort(), ['email', 'zalo']);
  assert.deepEqual([c.notify.intervalSeconds, c.notify.maxAttempts], [30, 5]);
});
