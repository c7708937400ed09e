/** The `motcua` command as an administrator uses it: clear errors, no stack traces. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

describe('motcua CLI', () => {
  let dir: string;
  const run = (args: string[], input?: string, env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, ['bin/motcua.mjs', ...args], {
      input: input ?? '',
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', DEMO: 'auto', LOG_LEVEL: 'silent', ...env },
    });
    const all = r.stdout + r.stderr;
    assert.doesNotMatch(all, /^\s+at .+:\d+:\d+\)?$/m, `stack trace printed for ${args.join(' ')}:\n${all}`);
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-cli-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('--help lists the commands in Vietnamese and English', () => {
    const r = run(['--help']);
    assert.equal(r.code, 0);
    for (const c of ['serve', 'migrate', 'demo', 'user add', 'token create', 'backup', 'restore'])
      assert.ok(r.out.includes(c), c);
  });

  test('an unknown command or option is a usage error (exit 2)', () => {
    const r = run(['fly']);
    assert.equal(r.code, 2);
    assert.match(r.err, /Lệnh không hợp lệ \/ unknown command: fly/);
    const o = run(['migrate', '--bogus']);
    assert.equal(o.code, 2);
  });

  test('invalid configuration is reported clearly', () => {
    const r = run(['migrate'], '', { PORT: 'abc' });
    assert.equal(r.code, 1);
    assert.match(r.err, /Cấu hình không hợp lệ \/ Invalid configuration/);
    assert.match(r.err, /PORT/);
    const u = run(['migrate'], '', { DATABASE_URL: 'mysql://x' });
    assert.equal(u.code, 1);
  });

  test('migrate, then demo loads the demo centre once', () => {
    assert.equal(run(['migrate']).code, 0);
    assert.match(run(['migrate', '--status']).out, /up to date/);
    const d = run(['demo']);
    assert.equal(d.code, 0);
    assert.match(d.out, /demo centre loaded/);
    assert.match(run(['demo']).out, /already exists/);
  });

  test('user add takes the password on stdin and validates everything', () => {
    const ok = run(
      [
        'user',
        'add',
        '--center',
        'cam-giang',
        '--username',
        'thu.nghiem',
        '--role',
        'receiver',
        '--role',
        'clerk',
        '--full-name',
        'Trần Thị Thử',
        '--password-stdin',
      ],
      'mot-mat-khau-dai\n',
    );
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /created user thu.nghiem/);
    const dup = run(
      ['user', 'add', '--center', 'cam-giang', '--username', 'thu.nghiem', '--role', 'receiver', '--password-stdin'],
      'mot-mat-khau-dai',
    );
    assert.equal(dup.code, 1);
    assert.match(dup.err, /USERNAME_TAKEN/);
    assert.match(dup.err, /Tên đăng nhập đã được sử dụng/);
    const role = run(
      ['user', 'add', '--center', 'cam-giang', '--username', 'u.khac', '--role', 'boss', '--password-stdin'],
      'mot-mat-khau-dai',
    );
    assert.equal(role.code, 1);
    assert.match(role.err, /Unknown role: boss/);
    const short = run(
      ['user', 'add', '--center', 'cam-giang', '--username', 'u.khac', '--role', 'clerk', '--password-stdin'],
      'ngan',
    );
    assert.equal(short.code, 1);
    assert.match(short.err, /at least 10 characters/);
    const centre = run(
      ['user', 'add', '--center', 'khong-co', '--username', 'u.khac', '--role', 'clerk', '--password-stdin'],
      'mot-mat-khau-dai',
    );
    assert.equal(centre.code, 1);
    assert.match(centre.err, /CENTER_NOT_FOUND/);
    const noStdin = run(['user', 'add', '--center', 'cam-giang', '--username', 'u.khac', '--role', 'clerk']);
    assert.equal(noStdin.code, 2);
  });

  test('token create prints a bearer token; an unknown user is an error', () => {
    const ok = run(['token', 'create', '--username', 'admin', '--name', 'tích hợp']);
    assert.equal(ok.code, 0);
    assert.match(ok.out.trim(), /^mct_[\w-]{40,}$/);
    const bad = run(['token', 'create', '--username', 'nobody']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /USER_NOT_FOUND/);
  });

  test('backup makes a consistent copy; restore brings it back and keeps the previous file', () => {
    const backup = join(dir, 'sao-luu.sqlite');
    const b = run(['backup', backup]);
    assert.equal(b.code, 0, b.err);
    assert.ok(existsSync(backup));
    assert.match(run(['backup', backup]).err, /exists, not overwritten/);
    // The uploads (the demo's evidence photos) are copied beside the database copy.
    const uploads = join(dir, 'uploads');
    const files = readdirSync(uploads, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
    assert.ok(files.length > 0, 'the demo stored uploads');
    assert.match(b.out, new RegExp(`uploads: ${files.length} →`));
    const one = files[0]!;
    assert.deepEqual(readFileSync(join(`${backup}.uploads`, relative(uploads, one))), readFileSync(one));
    rmSync(one); // a lost file…
    // A change after the backup…
    assert.equal(
      run(
        ['user', 'add', '--center', 'cam-giang', '--username', 'sau.sao.luu', '--role', 'clerk', '--password-stdin'],
        'mot-mat-khau-dai',
      ).code,
      0,
    );
    // …is gone after the restore, and the pre-restore file is kept.
    const r = run(['restore', backup]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /previous copy kept/);
    assert.ok(existsSync(one), '…is back after the restore');
    assert.match(r.out, /uploads put back: 1$/m);
    const again = run(
      ['user', 'add', '--center', 'cam-giang', '--username', 'sau.sao.luu', '--role', 'clerk', '--password-stdin'],
      'mot-mat-khau-dai',
    );
    assert.equal(again.code, 0, 'the user added after the backup no longer exists');
    const junk = join(dir, 'rac.sqlite');
    writeFileSync(junk, 'not a database');
    const bad = run(['restore', junk]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /not a valid SQLite database|damaged|cannot open/);
    assert.equal(run(['restore', join(dir, 'missing.sqlite')]).code, 1);
  });

  test('catalog import: dry run shows the diff, a real import makes a draft, --publish publishes', () => {
    const dry = run([
      'catalog',
      'import',
      'data/catalog/cam-giang-modified.json',
      '--center',
      'cam-giang',
      '--dry-run',
    ]);
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /Thay đổi \/ changes: 2 mới\/new, 3 sửa\/changed, 2 bãi bỏ\/abolished/);
    assert.match(dry.out, /dry run, nothing written/);
    assert.match(dry.err, /\[#{30}\]/, 'a progress bar');
    const draft = run(['catalog', 'import', 'data/catalog/cam-giang-modified.json', '--center', 'cam-giang']);
    assert.equal(draft.code, 0, draft.err);
    assert.match(draft.out, /draft #\d+ — .*\/console\/catalog\/imports\/\d+/);
    const pub = run([
      'catalog',
      'import',
      'data/catalog/cam-giang-modified.json',
      '--center',
      'cam-giang',
      '--publish',
    ]);
    assert.equal(pub.code, 0, pub.err);
    assert.match(pub.out, /published 7/);
    const again = run([
      'catalog',
      'import',
      'data/catalog/cam-giang-modified.json',
      '--center',
      'cam-giang',
      '--dry-run',
    ]);
    assert.match(again.out, /0 mới\/new, 0 sửa\/changed, 0 bãi bỏ\/abolished/);
    const csv = run([
      'catalog',
      'import',
      'data/catalog/cam-giang-sample.csv',
      '--center',
      'cam-giang',
      '--dry-run',
      '--partial',
    ]);
    assert.equal(csv.code, 0, csv.err);
    assert.match(csv.out, /\(CSV\)/);
    const bad = join(dir, 'hong.json');
    writeFileSync(bad, '{"procedures":[{"code":"abc"}]}');
    const b = run(['catalog', 'import', bad, '--center', 'cam-giang']);
    assert.equal(b.code, 1);
    assert.match(b.err, /VALIDATION_FAILED/);
    assert.match(b.err, /1\.000656/);
    assert.equal(run(['catalog', 'import', join(dir, 'none.json'), '--center', 'cam-giang']).code, 2);
  });

  test('backup refuses PostgreSQL with a pointer to pg_dump', () => {
    const r = run(['backup', join(dir, 'x.sqlite')], '', { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db' });
    assert.equal(r.code, 1);
    assert.match(r.err, /pg_dump/);
  });
});
