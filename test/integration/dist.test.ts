/** `npm start` runs the dist bundle: build it, start it, and use it like a citizen and a clerk. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('the bundle built for npm start serves the product with its demo data', async () => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
  const dir = mkdtempSync(join(tmpdir(), 'motcua-dist-'));
  const server = spawn(process.execPath, ['bin/serve.mjs'], {
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO: 'auto',
      LOG_LEVEL: 'silent',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        // The start-up banner ends with the "Ctrl+C" line.
        const m = /is running at: (http:\/\/localhost:\d+)[\s\S]*Ctrl\+C/.exec(out);
        if (m) resolve(m[1]!);
      });
      server.once('exit', (code) => {
        reject(new Error(`server exited ${code}: ${out}`));
      });
    });
    assert.match(out, /Mật khẩu \/ Password: camgiang-demo-2026/);
    assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { status: 'ok', database: 'sqlite' });
    const home = await fetch(`${url}/cam-giang`);
    assert.match(await home.text(), /Cẩm Giàng/);
    const css = await fetch(`${url}/assets/app.css`);
    assert.equal(css.status, 200);
    assert.match(await css.text(), /@media print/);
    const login = await fetch(`${url}/console/login`);
    assert.match(await login.text(), /Đăng nhập trang quản trị/);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});
