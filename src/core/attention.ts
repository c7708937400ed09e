/**
 * The contract between features and the console's "needs attention" list: each feature that has
 * pending work exports `…Attention(deps, center, actor, lang)` from its index.ts, which checks the
 * actor's access itself and answers one line (counts only, no personal data) or null.
 */
import type { Deps } from './deps.ts';
import type { Actor } from './auth/access.ts';
import type { Center } from './db/schema.ts';
import type { Lang } from './http/i18n.ts';

export interface AttentionItem {
  key: string;
  count: number;
  text: string;
  href: string;
  urgent: boolean;
}

export type AttentionSource = (deps: Deps, center: Center, actor: Actor, lang: Lang) => Promise<AttentionItem | null>;

/** Vietnamese or English. */
export const inLang = (lang: Lang, vi: string, en: string): string => (lang === 'en' ? en : vi);
