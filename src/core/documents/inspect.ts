/**
 * A few facts read back from a PDF we produced, without a PDF parser: the header, the pages and
 * their sizes, the embedded font names. For tests and diagnostics (`motcua` checks), not for
 * arbitrary PDFs (object streams and compressed dictionaries are not followed).
 */
export interface PdfFacts {
  version: string | null;
  pages: number;
  /** MediaBox [width, height] of each page, in points, in page order. */
  pageSizes: [number, number][];
  /** BaseFont names without the subset prefix, e.g. "Tinos-Bold". */
  fonts: string[];
  lang: string | null;
}

export function inspectPdf(pdf: Uint8Array): PdfFacts {
  const s = Buffer.from(pdf).toString('latin1');
  const version = /^%PDF-(\d\.\d)/.exec(s)?.[1] ?? null;
  const pageSizes: [number, number][] = [];
  for (const m of s.matchAll(
    /\/Type \/Page\b(?!s)[\s\S]*?\/MediaBox \[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g,
  )) {
    pageSizes.push([Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])]);
  }
  const fonts = [
    ...new Set([...s.matchAll(/\/BaseFont \/(?:[A-Z]{6}\+)?([A-Za-z0-9-]+)/g)].map((m) => m[1] ?? '')),
  ].sort();
  const lang = /\/Lang \(([^)]*)\)/.exec(s)?.[1] ?? null;
  return { version, pages: pageSizes.length, pageSizes, fonts, lang };
}
