/**
 * `npm start` on a new database loads the demo in a child process, so the memory used while
 * generating a year of records goes back to the system when the child exits instead of staying
 * in the idle server (decision 001 budget; a worker thread was measured and did not give it back).
 * An in-memory SQLite database cannot be shared with another process: there the demo loads here.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Deps } from '../../core/deps.ts';
import { ROOT } from '../../core/paths.ts';
import { loadDemo, type DemoResult } from './service.ts';

const DEMO_EXISTS_EXIT = 3; // keep in step with ./worker.ts

export async function loadDemoIsolated(deps: Deps): Promise<DemoResult> {
  if (deps.config.databaseUrl === 'sqlite::memory:') return loadDemo(deps);
  // From the sources (tests, npx motcua) the child runs the .ts module with the TSX loader; from the dist bundle, its own entry.
  const args = import.meta.url.endsWith('.ts')
    ? ['--import', join(ROOT, 'bin', 'register.mjs'), join(ROOT, 'src', 'features', 'demo', 'worker.ts')]
    : [join(ROOT, 'dist', 'demo-worker.mjs')];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-semi-space-size=4', ...args], {
      env: { ...process.env, MOTCUA_DEMO_CONFIG: JSON.stringify(deps.config) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code === 0) return { loaded: true };
  if (code === DEMO_EXISTS_EXIT) return { loaded: false, reason: 'exists' };
  throw new Error(`loading the demo centre failed (child process exit code ${code})`);
}
