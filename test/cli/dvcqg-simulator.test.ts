/** `motcua dvcqg-simulator`: starts, offers the sample submissions, keeps its state across a restart, refuses bad options. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('motcua dvcqg-simulator', () => {
  let dir: string;
  const env = () => ({ ...process.env, DATA_DIR: dir, DATABASE_URL: '', DEMO: 'off', LOG_LEVEL: 'silent' });

  /** Starts the simulator and resolves with its address once it prints it. */
  function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ['bin/motcua.mjs', 'dvcqg-simulator', '--port', '0', ...args], {
      env: env(),
    });
    return new Promise((ok, fail) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString('utf8');
        const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (m) ok({ child, url: m[0] });
      });
      child.once('exit', (code) => {
        fail(new Error(`simulator exited (${String(code)}): ${out}`));
      });
    });
  }
  const stop = (child: ChildProcess) =>
    new Promise<void>((ok) => {
      child.once('exit', () => {
        ok();
      });
      child.kill('SIGINT');
    });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-sim-cli-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('serves the portal API with the sample submissions; a restart on the same state file remembers what it took', async () => {
    const state = join(dir, 'portal.jsonl');
    const first = await start(['--submissions', 'data/demo/dvcqg-submissions.json', '--state', state]);
    try {
      const r = await fetch(`${first.url}/api/hoso/truc-tuyen?MaDonVi=H26.99.01`);
      const body = (await r.json()) as { error_code: number; HoSo: { MaHoSo: string; NgayNopHoSo: string }[] };
      assert.equal(body.error_code, 0);
      assert.deepEqual(
        body.HoSo.map((h) => h.MaHoSo),
        ['000.00.99.H26-DEMO-0001', '000.00.99.H26-DEMO-0002'],
      );
      assert.match(body.HoSo[0]?.NgayNopHoSo ?? '', /^\d{14}$/);
      const send = await fetch(`${first.url}/api/hoso/cap-nhat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-idempotency-key': 'H26.99.01-261207-0001:1' },
        body: JSON.stringify({ HoSo: [{ MaHoSo: '000.00.99.H26-DEMO-0001', TrangThaiHoSo: '1' }] }),
      });
      assert.deepEqual(await send.json(), {
        error_code: 0,
        message: 'Thành công',
        MaGiaoDich: 'H26.99.01-261207-0001:1',
      });
      const bad = await fetch(`${first.url}/api/hoso/them-moi`, { method: 'POST', body: '{"HoSo":[{}]}' });
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as { error_code: number }).error_code, 400);
    } finally {
      await stop(first.child);
    }
    const second = await start(['--state', state]);
    try {
      const got = (await (await fetch(`${second.url}/_sim/received`)).json()) as { received: { key: string }[] };
      assert.deepEqual(
        got.received.map((r) => r.key),
        ['H26.99.01-261207-0001:1'],
      );
      // The submission answered before the restart is no longer offered.
      const r = (await (await fetch(`${second.url}/api/hoso/truc-tuyen?MaDonVi=H26.99.01`)).json()) as {
        HoSo: { MaHoSo: string }[];
      };
      assert.deepEqual(
        r.HoSo.map((h) => h.MaHoSo),
        ['000.00.99.H26-DEMO-0002'],
      );
    } finally {
      await stop(second.child);
    }
  });

  test('a bad option is a usage error (exit 2) in both languages', () => {
    const r = spawnSync(process.execPath, ['bin/motcua.mjs', 'dvcqg-simulator', '--fail-rate', '2'], {
      encoding: 'utf8',
      env: env(),
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--fail-rate phải là số từ 0 đến 1 \/ must be a number from 0 to 1/);
  });
});
