/** `npm start` as a new user meets it: demo on a new database, demo login works, restart keeps data. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '../../src/main.ts';
import { testConfig } from '../support/db.ts';
import { DEMO_PASSWORD } from '../../src/features/demo/service.ts';

async function loginOverHttp(url: string, username: string, password: string): Promise<number> {
  const page = await fetch(`${url}/console/login`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${url}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: csrf, username, password }),
  });
  return res.status;
}

test('first start loads the demo centre, the printed login works, a restart keeps the data', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-start-'));
  try {
    const config = testConfig({ DATA_DIR: dir, DEMO: 'auto' });
    const first = await start(config, { quiet: true });
    try {
      assert.ok(existsSync(join(dir, 'motcua.sqlite')), 'the database lives in DATA_DIR');
      const home = await fetch(`${first.url}/cam-giang`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /Trung tâm Phục vụ hành chính công xã Cẩm Giàng/);
      assert.equal(await loginOverHttp(first.url, 'giamdoc', DEMO_PASSWORD), 303);
      assert.equal(await loginOverHttp(first.url, 'giamdoc', 'wrong-password'), 401);
      const page = await fetch(`${first.url}/console/login`);
      assert.match(await page.text(), /camgiang-demo-2026/, 'the login page shows the demo hint');
    } finally {
      await first.stop();
    }
    const second = await start({ ...config, port: 0 }, { quiet: true });
    try {
      const centres = (await (await fetch(`${second.url}/api/v1/centers`)).json()) as {
        centers: { slug: string }[];
      };
      assert.deepEqual(
        centres.centers.map((c) => c.slug),
        ['cam-giang'],
        'no second demo load',
      );
      assert.equal(await loginOverHttp(second.url, 'admin', DEMO_PASSWORD), 303);
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('DEMO=off starts an empty product without default accounts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-start-'));
  try {
    const r = await start(testConfig({ DATA_DIR: dir, DEMO: 'off' }), { quiet: true });
    try {
      const centres = (await (await fetch(`${r.url}/api/v1/centers`)).json()) as { centers: unknown[] };
      assert.equal(centres.centers.length, 0);
      assert.doesNotMatch(await (await fetch(`${r.url}/console/login`)).text(), /demo/i);
    } finally {
      await r.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
