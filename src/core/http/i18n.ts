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

/**
 * Picks the language of a public page: ?lang=, then the `lang` cookie (an explicit choice made
 * with the switch); otherwise Vietnamese. Accept-Language is deliberately ignored: cheap PCs, TV
 * boxes and many Vietnamese phones are set to English (decision 025).
 */
export function pickLang(query: unknown, cookie: string | undefined): Lang {
  const q =
    typeof query === 'object' && query !== null && 'lang' in query ? (query as { lang?: unknown }).lang : undefined;
  if (q === 'vi' || q === 'en') return q;
  if (cookie === 'vi' || cookie === 'en') return cookie;
  return 'vi';
}

/** The language given explicitly with ?lang= on this request, if any. */
export function explicitLang(query: unknown): Lang | null {
  const q =
    typeof query === 'object' && query !== null && 'lang' in query ? (query as { lang?: unknown }).lang : undefined;
  return q === 'vi' || q === 'en' ? q : null;
}

export function isLang(v: unknown): v is Lang {
  return v === 'vi' || v === 'en';
}
