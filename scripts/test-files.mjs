// The test files of `npm test` and the order they start in (shared by run-tests.mjs and
// each-test-alone.mjs). Plain JavaScript: it runs before the TypeScript loader.
import { globSync } from 'node:fs';

/** Every test file: *.test.ts / *.test.tsx under src/ and test/. */
export const DEFAULT_PATTERNS = ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'];

// Longest first, so that no long file starts last and runs on alone while the other workers idle:
// browser tests (a demo centre and a Chromium each), then the integration tests (real processes,
// nginx, builds), the CLI, the API tests (SQLite and PostgreSQL), and last the quick unit tests.
const RANK = [/^test\/browser\//, /^test\/integration\//, /^test\/cli\//, /^test\/api\//];
const rank = (f) => {
  const i = RANK.findIndex((re) => re.test(f));
  return i === -1 ? RANK.length : i;
};

/** The files named by `patterns` (globs or paths), each once, in start order. */
export function testFiles(patterns = DEFAULT_PATTERNS) {
  const files = [...new Set(patterns.flatMap((p) => globSync(p)))].map((f) => f.split('\\').join('/'));
  return files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
