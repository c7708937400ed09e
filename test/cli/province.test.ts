/** `motcua center …`, `motcua citizen …` and `motcua backup --keep` as a province's administrator uses them. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

describe('motcua center, citizen and backup --keep', () => {
  let dir: string;
  const run = (args: string[], env: Record<string, string> = {}, input = '') => {
    const r = spawnSync(process.execPath, ['bin/motcua.mjs', ...args], {
      input,
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', DEMO: 'auto', LOG_LEVEL: 'silent', ...env },
    });
    const all = r.stdout + r.stderr;
    assert.doesNotMatch(all, /^\s+at .+:\d+:\d+\)?$/m, `stack trace printed for ${args.join(' ')}:\n${all}`);
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const db = () => new DatabaseSync(join(dir, 'motcua.sqlite'));

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-province-'));
    assert.equal(run(['demo']).code, 0);
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('center add creates centres with a catalogue and a settings template; list shows them; errors are clear', () => {
    const a = run([
      'center',
      'add',
      '--slug',
      'xa-an-thanh',
      '--name',
      'Trung tâm Phục vụ hành chính công xã An Thành',
      '--agency-code',
      'H26.39.01',
      '--province',
      'Thành phố Hải Phòng',
      '--from-catalog',
      'data/catalog/cam-giang.json',
      '--settings-from',
      'cam-giang',
    ]);
    assert.equal(a.code, 0, a.err);
    assert.match(a.out, /centre created: xa-an-thanh/);
    assert.match(a.out, /imported and published \d+ thủ tục/);
    assert.match(a.out, /settings copied from cam-giang/);
    const d = db();
    try {
      const c = d.prepare("SELECT * FROM center WHERE slug = 'xa-an-thanh'").get() as Record<string, unknown>;
      const demo = d.prepare("SELECT * FROM center WHERE slug = 'cam-giang'").get() as Record<string, unknown>;
      assert.equal(c.agency_code, 'H26.39.01');
      assert.equal(c.same_day_weekdays, demo.same_day_weekdays);
      const n = d.prepare('SELECT count(*) AS n FROM procedure WHERE center_id = ?').get(c.id as number) as {
        n: number;
      };
      assert.ok(n.n > 10, `only ${n.n} procedures`);
      const audit = d.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'center.create'").get() as {
        n: number;
      };
      assert.equal(audit.n, 1);
    } finally {
      d.close();
    }
    const b = run([
      'center',
      'add',
      '--slug',
      'xa-binh',
      '--name',
      'Trung tâm xã Bình',
      '--agency-code',
      'H26.39.02',
      '--province',
      'Hải Phòng',
    ]);
    assert.equal(b.code, 0, b.err);

    const dup = run([
      'center',
      'add',
      '--slug',
      'xa-binh',
      '--name',
      'X',
      '--agency-code',
      'H26.39.03',
      '--province',
      'HP',
    ]);
    assert.equal(dup.code, 1);
    assert.match(dup.err, /SLUG_TAKEN/);
    assert.match(dup.err, /Mã đường dẫn này đã được một trung tâm khác dùng/);
    const code = run([
      'center',
      'add',
      '--slug',
      'xa-chau',
      '--name',
      'X',
      '--agency-code',
      'h26.39.02',
      '--province',
      'HP',
    ]);
    assert.equal(code.code, 1);
    assert.match(code.err, /AGENCY_CODE_TAKEN/);
    const slug = run([
      'center',
      'add',
      '--slug',
      'Xã Châu',
      '--name',
      'X',
      '--agency-code',
      'H26.39.04',
      '--province',
      'HP',
    ]);
    assert.equal(slug.code, 1);
    assert.match(slug.err, /lower-case letters without accents/);
    const file = run([
      'center',
      'add',
      '--slug',
      'xa-dong',
      '--name',
      'X',
      '--agency-code',
      'H26.39.05',
      '--province',
      'HP',
      '--from-catalog',
      'khong-co.json',
    ]);
    assert.equal(file.code, 1);
    assert.match(file.err, /cannot read khong-co.json/);
    assert.doesNotMatch(run(['center', 'list']).out, /xa-dong/, 'a bad catalogue file leaves no half-made centre');
    assert.equal(run(['center', 'add', '--slug', 'xa-e']).code, 2);

    const list = run(['center', 'list']);
    assert.equal(list.code, 0, list.err);
    for (const s of ['cam-giang', 'xa-an-thanh', 'xa-binh']) assert.match(list.out, new RegExp(`^${s}\\s`, 'm'));
    const json = JSON.parse(run(['center', 'list', '--json']).out) as {
      slug: string;
      dossiers: number;
      staff: number;
    }[];
    const demo = json.find((c) => c.slug === 'cam-giang');
    assert.ok(demo && demo.dossiers > 100 && demo.staff > 3);
    assert.equal(json.find((c) => c.slug === 'xa-binh')?.dossiers, 0);
  });

  test('user add --role province-admin makes a province administrator with no centre role', () => {
    const r = run(
      [
        'user',
        'add',
        '--center',
        'cam-giang',
        '--username',
        'tinh.admin',
        '--role',
        'province-admin',
        '--password-stdin',
      ],
      {},
      'mot-mat-khau-dai\n',
    );
    assert.equal(r.code, 0, r.err);
    const d = db();
    try {
      const u = d.prepare("SELECT id, province_admin FROM app_user WHERE username = 'tinh.admin'").get() as {
        id: number;
        province_admin: number;
      };
      assert.equal(u.province_admin, 1);
      const roles = d.prepare('SELECT count(*) AS n FROM user_role WHERE user_id = ?').get(u.id) as { n: number };
      assert.equal(roles.n, 0);
    } finally {
      d.close();
    }
  });

  test('center settings shows and changes a centre’s settings, refusing bad values', () => {
    const set = run([
      'center',
      'settings',
      'xa-binh',
      '--set',
      'cutoff=14:30',
      '--set',
      'same-day=2,5',
      '--set',
      'sessions=07:00-11:00,13:00-16:30',
    ]);
    assert.equal(set.code, 0, set.err);
    assert.match(set.out, /cutoff=14:30/);
    assert.match(set.out, /same-day=2,5/);
    assert.match(set.out, /sessions=07:00-11:00,13:00-16:30/);
    const bad = run(['center', 'settings', 'xa-binh', '--set', 'cutoff=25:00']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /HH:mm/);
    const unknown = run(['center', 'settings', 'xa-binh', '--set', 'colour=red']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /unknown setting: colour/);
    assert.match(run(['center', 'settings', 'xa-binh']).out, /cutoff=14:30/);
    assert.equal(run(['center', 'settings', 'khong-co']).code, 1);
  });

  test('citizen export lists one person’s dossiers; erase removes contact data but keeps the legal record; both audited', () => {
    const d = db();
    let idNumber: string;
    let code: string;
    try {
      const row = d
        .prepare(
          'SELECT code, applicant FROM dossier WHERE applicant LIKE \'%"idNumber":"0%\' AND applicant LIKE \'%"phone":"0%\' LIMIT 1',
        )
        .get() as { code: string; applicant: string };
      idNumber = (JSON.parse(row.applicant) as { idNumber: string }).idNumber;
      code = row.code;
      // A message about that dossier, to see it wiped.
      d.prepare(
        "INSERT INTO notification (center_id, dossier_id, kind, channel, recipient, subject, body, status, attempts, next_attempt_at, created_at) SELECT center_id, id, 'receipt', 'sms', '0912000111', '', 'Ho so ' || code || ' da tiep nhan', 'sent', 1, NULL, '2026-01-05T02:00:00.000Z' FROM dossier WHERE code = ?",
      ).run(code);
    } finally {
      d.close();
    }
    assert.equal(run(['citizen', 'export', '--id', '12345']).code, 1);
    assert.match(run(['citizen', 'export', '--id', '12345']).err, /exactly 12 digits/);
    const out = join(dir, 'xuat.json');
    const ex = run(['citizen', 'export', '--id', idNumber, '--out', out]);
    assert.equal(ex.code, 0, ex.err);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as {
      format: string;
      dossiers: { code: string; applicant: { phone: string } }[];
      messages: { body: string }[];
    };
    assert.equal(doc.format, 'motcua-citizen-export/1');
    assert.ok(doc.dossiers.some((x) => x.code === code));
    assert.ok(doc.messages.some((m) => m.body.includes(code)));

    assert.equal(run(['citizen', 'erase', '--id', idNumber]).code, 2, 'erase needs --yes');
    const er = run(['citizen', 'erase', '--id', idNumber, '--yes']);
    assert.equal(er.code, 0, er.err);
    assert.match(er.out, /name, ID and address stay/);
    const d2 = db();
    try {
      const after = d2.prepare('SELECT applicant FROM dossier WHERE code = ?').get(code) as { applicant: string };
      const a = JSON.parse(after.applicant) as { idNumber: string; phone: string; email: string; fullName: string };
      assert.equal(a.idNumber, idNumber, 'the legal record keeps the ID number');
      assert.ok(a.fullName.length > 3);
      assert.equal(a.phone, '');
      assert.equal(a.email, '');
      const msg = d2
        .prepare('SELECT body, recipient FROM notification WHERE dossier_id = (SELECT id FROM dossier WHERE code = ?)')
        .all(code) as { body: string; recipient: string }[];
      assert.ok(msg.length > 0 && msg.every((m) => m.body === '' && m.recipient === 'erased'));
      const audit = d2
        .prepare("SELECT action, subject, detail FROM audit_log WHERE action IN ('citizen.export', 'citizen.erase')")
        .all() as { action: string; subject: string; detail: string }[];
      assert.ok(audit.some((x) => x.action === 'citizen.export'));
      assert.ok(audit.some((x) => x.action === 'citizen.erase'));
      for (const x of audit) {
        assert.match(x.subject, /^cccd:[0-9a-f]{16}$/);
        assert.ok(!x.detail.includes(idNumber) && !x.subject.includes(idNumber), 'the audit never holds the ID number');
      }
    } finally {
      d2.close();
    }
  });

  test('backup without a file goes to <DATA_DIR>/backups; --keep keeps the n newest', () => {
    const backups = join(dir, 'backups');
    mkdirSync(backups, { recursive: true });
    // Older backups from earlier days, and a file of another name that must never be touched.
    for (const day of ['20261101', '20261102', '20261103']) {
      writeFileSync(join(backups, `motcua-${day}-020000.sqlite`), 'old');
      mkdirSync(join(backups, `motcua-${day}-020000.sqlite.uploads`));
    }
    writeFileSync(join(backups, 'truoc-nang-cap.sqlite'), 'keep me');
    const r = run(['backup', '--keep', '2']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /removed 2/);
    const left = readdirSync(backups).sort();
    assert.ok(left.includes('truoc-nang-cap.sqlite'));
    assert.ok(left.includes('motcua-20261103-020000.sqlite'));
    assert.ok(
      !left.includes('motcua-20261101-020000.sqlite') && !left.includes('motcua-20261101-020000.sqlite.uploads'),
    );
    assert.equal(left.filter((n) => /^motcua-\d{8}-\d{6}\.sqlite$/.test(n)).length, 2);
    assert.equal(run(['backup', '--keep', '0']).code, 2);
  });

  test('an old ./data database is found and the move is explained instead of starting empty', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'motcua-old-'));
    try {
      mkdirSync(join(cwd, 'data'));
      writeFileSync(join(cwd, 'data', 'motcua.sqlite'), '');
      const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/motcua.mjs'), 'serve'], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: '', DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'silent' },
        timeout: 60_000,
      });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /found an old database at .*data\/motcua.sqlite/);
      assert.match(r.stderr, /mkdir -p var && for f in data\/motcua.sqlite\*/);
      assert.ok(!existsSync(join(cwd, 'var', 'motcua.sqlite')), 'no new empty database was made');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
