/**
 * The quarterly report as a file (PDF, DOCX or the evidence ZIP), read and rendered in one
 * function so that the task pool (src/features/tasks.ts) runs it in a child process: the evidence
 * files (up to 60 MB) and the renderers (pdfkit, docx, fflate) never load in the server. The file
 * is written to a temporary export (src/core/documents/files.ts) that the server streams.
 */
import { writeFile } from 'node:fs/promises';
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import { dropExport, exportPath, type ExportFile } from '../../core/documents/files.ts';
import { reportData, type ReportQuery } from './report-data.ts';

const TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
} as const;

export async function planReportFile(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  q: ReportQuery,
  ext: 'pdf' | 'docx' | 'zip',
): Promise<ExportFile & { contentType: string }> {
  const data = await reportData(deps, actor, slug, q, { archive: ext === 'zip' });
  const r = await import('./report.ts');
  const base = deps.config.publicUrl;
  const bytes =
    ext === 'pdf'
      ? await r.reportPdf(data, base)
      : ext === 'docx'
        ? await r.reportDocx(data, base)
        : await r.evidenceZip(data, base);
  const path = exportPath(ext);
  try {
    await writeFile(path, bytes);
  } catch (e) {
    await dropExport(path);
    throw e;
  }
  return {
    fileName:
      ext === 'zip'
        ? `ho-so-minh-chung-quy-${data.quarter}-${data.year}-${data.center.slug}.zip`
        : `${data.fileBase}.${ext}`,
    path,
    size: bytes.length,
    contentType: TYPES[ext],
  };
}
