/**
 * Run as its own process (test/integration/server-loads-no-renderer.test.ts): starts the server as
 * `npm start` does, on the demo centre of a fresh database in DATA_DIR, opens a few pages and prints
 * the file URLs of every module this process loaded, one JSON array on stdout.
 */
import { registerHooks } from 'node:module';

const loaded = new Set<string>();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});

const { start } = await import('../../src/main.ts');
const { loadConfig } = await import('../../src/config.ts');
const dir = process.env.DATA_DIR;
if (!dir) throw new Error('DATA_DIR is required');
const r = await start(loadConfig({ LOG_LEVEL: 'silent', DEMO: 'auto', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir }), {
  quiet: true,
});
try {
  for (const path of ['/', '/console/login', '/healthz']) await (await fetch(`${r.url}${path}`)).arrayBuffer();
} finally {
  await r.stop();
}
process.stdout.write(JSON.stringify([...loaded]));
