/**
 * Evidence files of the plan, the register and the facility checklist: checked by their first
 * bytes and stored content-addressed under <DATA_DIR>/uploads exactly like dossier attachments
 * (one store, one set of rules: src/features/dossiers/attachments/attachments.ts).
 */
import type { Deps } from '../../core/deps.ts';
import {
  checkFile,
  contentDisposition,
  fileName,
  putBlob,
  readBlob,
  uploadsDir,
  type ContentType,
} from '../dossiers/index.ts';

export { contentDisposition, type ContentType };

export interface StoredFile {
  name: string;
  contentType: ContentType;
  bytes: number;
  sha256: string;
  key: string;
}

/** Checks (400 empty, 413 over 5 MB, 415 not PDF/JPEG/PNG by content) and stores an upload. */
export async function storeUpload(
  deps: Deps,
  file: unknown,
  rawName: unknown,
  fallbackName: string,
): Promise<StoredFile> {
  const { bytes, contentType } = checkFile(file);
  const { sha256, key } = await putBlob(uploadsDir(deps), bytes);
  return { name: fileName(rawName, contentType, fallbackName), contentType, bytes: bytes.length, sha256, key };
}

export function readStored(deps: Deps, key: string, sha256: string): Promise<Buffer> {
  return readBlob(uploadsDir(deps), key, sha256);
}

/** Width and height of a PNG or JPEG (for thumbnails in documents); null when unknown. */
export function imageSize(b: Buffer): { width: number; height: number } | null {
  if (b.length > 24 && b[0] === 0x89 && b.subarray(1, 4).toString('latin1') === 'PNG')
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      i += 2 + len;
    }
  }
  return null;
}
