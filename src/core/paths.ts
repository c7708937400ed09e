/** The project's root folder, found from this module whether it runs from src/ or from the dist/ bundle. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'mot-cua-than-thien')
      return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`project root not found above ${start}`);
    dir = up;
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const ASSETS_DIR = join(ROOT, 'src', 'core', 'http', 'assets');

/**
 * Run-time data used to live in `./data`, next to the repository's reference data (catalogue,
 * demo, holidays, plan). It now lives in `./var` (DATA_DIR). When the default `./var` has no
 * database yet but `./data/motcua.sqlite` exists, starting would silently create a new empty
 * database: say how to move the old one instead (null when there is nothing to say).
 */
export function oldDataDirMessage(dataDir: string, databaseUrl: string, cwd = process.cwd()): string | null {
  const varDir = resolve(cwd, 'var');
  if (dataDir !== varDir || databaseUrl !== `sqlite:${join(varDir, 'motcua.sqlite')}`) return null;
  if (existsSync(join(varDir, 'motcua.sqlite'))) return null;
  const old = join(cwd, 'data', 'motcua.sqlite');
  if (!existsSync(old)) return null;
  return [
    `Tìm thấy cơ sở dữ liệu cũ tại / found an old database at ${old}.`,
    'Dữ liệu chạy nay nằm trong ./var (DATA_DIR); ./data chỉ giữ dữ liệu tham chiếu của phần mềm. /',
    'Run-time data now lives in ./var (DATA_DIR); ./data only holds the product’s reference data.',
    'Chuyển một lần / move it once (server stopped):',
    '  mkdir -p var && for f in data/motcua.sqlite* data/uploads data/backups data/outbox; do [ -e "$f" ] && mv "$f" var/; done',
    'hoặc giữ chỗ cũ / or keep the old place: DATA_DIR=./data',
  ].join('\n');
}
