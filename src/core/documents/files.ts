/**
 * Exports that go through a file instead of memory: a task-pool child writes a long document
 * (a year's tracking book) to a temporary file as it is produced, hands the server the path,
 * and the server streams the file to the client — neither process ever holds the whole
 * document. The file is unlinked as soon as the server opens it (the open handle keeps it
 * readable), so nothing is left behind, even if the client goes away.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An exported file waiting to be sent: where it is and how big it is. */
export interface ExportFile {
  fileName: string;
  path: string;
  size: number;
}

const DIR = join(tmpdir(), 'motcua-exports');

/** Older than this, a file in the folder is a leftover: no task runs longer (the pool abandons one after 180 s). */
const STALE_MS = 60 * 60 * 1000;
let swept = false;

/**
 * Removes leftovers of exports whose writer was killed mid-way (a task past its time limit, a
 * crash): once per process, before its first export.
 */
function sweepStale(now = Date.now()): void {
  swept = true;
  for (const name of readdirSync(DIR)) {
    const path = join(DIR, name);
    try {
      if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // Gone meanwhile (another process swept or sent it).
    }
  }
}

/** A fresh path for an export being written (`ext` without the dot). */
export function exportPath(ext: string): string {
  mkdirSync(DIR, { recursive: true, mode: 0o700 });
  if (!swept) sweepStale();
  return join(DIR, `${String(process.pid)}-${randomBytes(8).toString('hex')}.${ext}`);
}

/** Opens an export for sending and removes its name at once: the handle reads it, then it is gone. */
export async function takeExport(path: string): Promise<{ file: FileHandle; size: number }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    await rm(path, { force: true });
    return { file: fh, size };
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/** Removes an export that will not be sent (an error after it was written). */
export async function dropExport(path: string): Promise<void> {
  await rm(path, { force: true });
}
