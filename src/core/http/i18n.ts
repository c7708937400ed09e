/**
 * UI text: Vietnamese first, English complete. Each room defines its own catalogue with
 * `defineMessages`, whose type forces the English table to have every Vietnamese key.
 */
export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

export interface Catalogue<K extends string> {
  vi: Record<K, string>;
  en: Record<K, string>;
}

export function defineMessages<K extends string>(vi: Record<K, string>, en: Record<NoInfer<K>, string>): Catalogue<K> {
  return { vi, en };
}

/** Returns a translator for one language; `{name}` placeholders are filled from `vars`. */
export function translator<K extends string>(cat: Catalogue<K>, lang: Lang) {
  return (key: K, vars?: Record<string, string | number>): string => {
    const template = cat[lang][key];
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

/** Picks the language: ?lang=, then the `lang` cookie, then Accept-Language; Vietnamese by default. */
export function pickLang(query: unknown, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  const q =
    typeof query === 'object' && query !== null && 'lang' in query ? (query as { lang?: unknown }).lang : undefined;
  if (q === 'vi' || q === 'en') return q;
  if (cookie === 'vi' || cookie === 'en') return cookie;
  if (acceptLanguage) {
    const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
    if (first.startsWith('en')) return 'en';
  }
  return 'vi';
}

/** Normalises user text to NFC and trims it. */
export function nfc(s: string): string {
  return s.normalize('NFC').trim();
}

/** Folds Vietnamese for search: lower case, no diacritics, đ → d. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
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
