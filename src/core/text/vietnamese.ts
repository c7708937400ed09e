/**
 * Vietnamese text helpers shared by every feature: normalisation (NFC), diacritic stripping and
 * search folding, weekday names and money as the centre writes it.
 */
import type { Lang } from '../http/i18n.ts';

/** Normalises user text to NFC and trims it. */
export function nfc(s: string): string {
  return s.normalize('NFC').trim();
}

/** Vietnamese without diacritics, case kept: "Đăng ký" → "Dang ky" (other characters untouched). */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** Folds Vietnamese for search: lower case, no diacritics, đ → d. */
export function fold(s: string): string {
  return stripDiacritics(s).toLowerCase();
}

const WEEKDAYS_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export function weekdayName(d: number, lang: Lang): string {
  return (lang === 'vi' ? WEEKDAYS_VI : WEEKDAYS_EN)[d] ?? '';
}

/** Money as the centre writes it: 50.000 đ. */
export function formatVnd(amount: number): string {
  const s = Math.round(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${s} đ`;
}
