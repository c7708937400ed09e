/**
 * Online backup and restore of the embedded SQLite database and the uploaded files.
 * Backup: `VACUUM INTO` a temporary file, then rename — a consistent copy while the server runs;
 * then the uploads (attachments, evidence photos, scans) into `<backup>.uploads/`. Uploads are
 * content-addressed and never change, so a file the database copy names was written before it:
 * copying after the database copy misses nothing.
 * Restore: checks the backup, refuses while a server uses the database, keeps the previous file,
 * and puts back every upload of the backup that is missing (nothing is deleted).
 */
import {
  cpSync,
  existsSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  copyFileSync,
  mkdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Config } from '../config.ts';
import { blobStoreOf, copyBlobs, DiskBlobStore } from '../core/storage/index.ts';

export class BackupError extends Error {}

function sqliteFile(config: Config): string {
  if (!config.databaseUrl.startsWith('sqlite:')) {
    throw new BackupError(
      'backup/restore dành cho SQLite; với PostgreSQL hãy dùng pg_dump / pg_restore. — backup/restore is for SQLite; use pg_dump / pg_restore for PostgreSQL.',
    );
  }
  return resolve(config.databaseUrl.slice('sqlite:'.length));
}

export const lockFileOf = (dbFile: string) => `${dbFile}.server.lock`;

/** Written by the server while it runs on an SQLite file (see src/main.ts). */
export function writeServerLock(dbFile: string): () => void {
  const lock = lockFileOf(dbFile);
  writeFileSync(lock, String(process.pid));
  return () => {
    rmSync(lock, { force: true });
  };
}

function serverRunning(dbFile: string): number | null {
  const lock = lockFileOf(dbFile);
  if (!existsSync(lock)) return null;
  const pid = Number(readFileSync(lock, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // stale lock left by a killed server
  }
}

const uploadsOf = (config: Config) => join(config.dataDir, 'uploads');
export const uploadsBackupOf = (backupFile: string) => `${resolve(backupFile)}.uploads`;

/** Files under `dir`, recursively (0 when it does not exist). */
function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

/** Copies the files of `from` missing in `to` (content-addressed: an existing name is the same content). */
function copyMissing(from: string, to: string): number {
  if (!existsSync(from)) return 0;
  const before = countFiles(to);
  cpSync(from, to, { recursive: true, force: false, errorOnExist: false });
  return countFiles(to) - before;
}

export async function backupSqlite(
  config: Config,
  target: string,
): Promise<{ file: string; bytes: number; uploads: number }> {
  const source = sqliteFile(config);
  if (!existsSync(source)) throw new BackupError(`Không có cơ sở dữ liệu tại / no database at ${source}`);
  const file = resolve(target);
  if (existsSync(file))
    throw new BackupError(`Tệp đích đã tồn tại, không ghi đè / the target file exists, not overwritten: ${file}`);
  if (!existsSync(dirname(file)))
    throw new BackupError(`Thư mục đích không tồn tại / the target folder does not exist: ${dirname(file)}`);
  const tmp = `${file}.partial-${process.pid}`;
  const db = new DatabaseSync(source, { readOnly: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(tmp);
  } finally {
    db.close();
  }
  renameSync(tmp, file);
  if (config.storage.kind === 'disk') copyMissing(uploadsOf(config), uploadsBackupOf(file));
  // From a bucket: every object not yet in the backup's folder, each checked against its hash.
  else await copyBlobs(blobStoreOf(config), new DiskBlobStore(uploadsBackupOf(file)));
  return { file, bytes: statSync(file).size, uploads: countFiles(uploadsBackupOf(file)) };
}

function checkBackup(file: string): void {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file, { readOnly: true });
  } catch (e) {
    throw new BackupError(`Không mở được tệp sao lưu / cannot open the backup: ${(e as Error).message}`);
  }
  try {
    const ok = db.prepare('PRAGMA integrity_check').get() as { integrity_check?: string } | undefined;
    if (ok?.integrity_check !== 'ok')
      throw new BackupError(`Tệp sao lưu bị hỏng / the backup is damaged: ${ok?.integrity_check ?? '?'}`);
    const t = db
      .prepare(
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('center', 'kysely_migration')",
      )
      .get() as { n: number };
    if (t.n !== 2)
      throw new BackupError(
        'Tệp không phải bản sao lưu Một Cửa Thân Thiện / the file is not a Một Cửa Thân Thiện backup',
      );
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(
      `Tệp không phải cơ sở dữ liệu SQLite hợp lệ / not a valid SQLite database: ${(e as Error).message}`,
    );
  } finally {
    db.close();
  }
}

export async function restoreSqlite(
  config: Config,
  source: string,
  opts: { force: boolean },
): Promise<{ file: string; previous: string | null; uploads: number }> {
  const target = sqliteFile(config);
  const from = resolve(source);
  if (!existsSync(from)) throw new BackupError(`Không tìm thấy tệp sao lưu / backup not found: ${from}`);
  checkBackup(from);
  const pid = serverRunning(target);
  if (pid && !opts.force)
    throw new BackupError(
      `Máy chủ đang chạy (pid ${pid}); hãy dừng trước khi khôi phục / a server is running (pid ${pid}); stop it before restoring`,
    );
  const tmp = `${target}.restore-${process.pid}`;
  copyFileSync(from, tmp);
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    // Fold any committed WAL content into the old file before keeping it aside.
    const old = new DatabaseSync(target);
    try {
      old.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      old.close();
    }
    renameSync(target, previous);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  renameSync(tmp, target);
  const uploads =
    config.storage.kind === 'disk'
      ? copyMissing(uploadsBackupOf(from), uploadsOf(config))
      : (await copyBlobs(new DiskBlobStore(uploadsBackupOf(from)), blobStoreOf(config))).copied;
  return { file: target, previous, uploads };
}

/** `<DATA_DIR>/backups/motcua-YYYYMMDD-HHmmss.sqlite` (UTC), the folder created if missing. */
export function defaultBackupFile(config: Config, now: Date): string {
  const dir = join(config.dataDir, 'backups');
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join(dir, `motcua-${stamp}.sqlite`);
}

const BACKUP_NAME = /^motcua-\d{8}-\d{6}\.sqlite$/;

/**
 * Retention of timestamped backups (`motcua backup --keep n`): in the folder of `latest`, keeps
 * the n newest `motcua-YYYYMMDD-HHmmss.sqlite` files (by name, which sorts by time) with their
 * `.uploads/` folders and deletes the rest. Files named otherwise are never touched.
 */
export function pruneBackups(latest: string, keep: number): string[] {
  const dir = dirname(resolve(latest));
  const names = readdirSync(dir)
    .filter((n) => BACKUP_NAME.test(n))
    .sort()
    .reverse();
  const removed: string[] = [];
  for (const n of names.slice(keep)) {
    if (n === basename(latest)) continue;
    rmSync(join(dir, n), { force: true });
    rmSync(join(dir, `${n}.uploads`), { recursive: true, force: true });
    removed.push(n);
  }
  return removed;
}
