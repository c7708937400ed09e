/**
 * Electronic certified copies from originals (chứng thực bản sao điện tử từ bản chính; Decree
 * 23/2015/NĐ-CP, Decree 45/2020/NĐ-CP) — pure rules: the fee and the book's labels.
 */

/**
 * Circular 226/2016/TT-BTC: 2,000 đ per page for the first two pages, 1,000 đ per page from the
 * third, at most 200,000 đ per copy (BRIEF §18.2).
 */
export function certificationFee(pages: number): number {
  if (!Number.isInteger(pages) || pages < 1) throw new RangeError(`pages: ${String(pages)}`);
  return Math.min(200_000, 2_000 * Math.min(pages, 2) + 1_000 * Math.max(0, pages - 2));
}

/** The book's volume label printed on the copy, e.g. "01/2026-SCT/BS". One electronic volume per year. */
export function bookVolume(year: number): string {
  return `01/${String(year)}-SCT/BS`;
}

/** 50.000 đ */
export function money(n: number): string {
  return `${n.toLocaleString('de-DE')} đ`;
}

/** ISO 8601 with the Vietnam offset: 2026-12-07T10:04:05+07:00 (Decree 30 Appendix I). */
export function isoVn(at: Date): string {
  const d = new Date(at.getTime() + 7 * 3_600_000);
  return `${d.toISOString().slice(0, 19)}+07:00`;
}
