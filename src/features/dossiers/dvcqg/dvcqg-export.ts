/**
 * The DVCQG period export as a file (a task-pool task, decisions 040 and 046): the child reads the
 * period a day at a time (dvcqg-rows.ts), writes `{"HoSo":[…]}` into a temporary file as it goes
 * (waiting for the file to drain), records the export in the audit log and hands the server the
 * path; the server streams the file (src/core/documents/files.ts). Neither process holds the whole
 * answer, so memory stays flat whatever the period.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Deps } from '../../../core/deps.ts';
import type { Center } from '../../../core/db/schema.ts';
import type { Actor } from '../../../core/auth/access.ts';
import { dropExport, exportPath, type ExportFile } from '../../../core/documents/files.ts';
import type { HoSo } from './dvcqg.ts';
import { dossierWindows } from './dvcqg-rows.ts';
import { auditHoSoExport, openHoSoExport } from './dvcqg-service.ts';

/**
 * One HoSo as JSON text, its fields in the order the API's response schema lists them (the order
 * the in-memory answer was serialised in): DSKetNoiCSDL, not in the schema, comes last.
 */
export function hoSoJson(h: HoSo): string {
  const { DSKetNoiCSDL, ...listed } = h;
  return JSON.stringify({ ...listed, DSKetNoiCSDL });
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Writes `{"HoSo":[…]}` of the period into `out` (not ended); returns how many dossiers it holds. */
export async function writeHoSoJson(
  deps: Pick<Deps, 'db'>,
  center: Pick<Center, 'id' | 'name'>,
  from: string,
  to: string,
  out: Writable,
): Promise<number> {
  let count = 0;
  await write(out, '{"HoSo":[');
  for await (const window of dossierWindows(deps, center, from, to))
    for (const build of window) {
      const text = hoSoJson(build());
      await write(out, count ? `,${text}` : text);
      count += 1;
    }
  await write(out, ']}');
  return count;
}

async function close(out: Writable): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(resolve);
  });
}

/**
 * The export of dossiers received from..to (checked as the API states: staff with dossier.read,
 * at most 93 days) written to a temporary file; recorded in the audit log once written.
 */
export async function hoSoExportFile(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  fromRaw: unknown,
  toRaw: unknown,
): Promise<ExportFile & { dossiers: number }> {
  const { center, actor: staff, from, to } = await openHoSoExport(deps, actor, slug, fromRaw, toRaw);
  const path = exportPath('json');
  try {
    const out = createWriteStream(path);
    const dossiers = await writeHoSoJson(deps, center, from, to, out);
    await close(out);
    await auditHoSoExport(deps, staff, center.id, { from, to }, dossiers);
    return { fileName: `dvcqg-${center.slug}-${from}-${to}.json`, path, size: out.bytesWritten, dossiers };
  } catch (e) {
    await dropExport(path);
    throw e;
  }
}
