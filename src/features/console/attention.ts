/**
 * "Needs attention" on the console landing page: one line per kind of pending work the actor may
 * handle in their centre (letters to print, feedback past its time limit, home-service requests to
 * schedule, low satisfaction ratings to follow up, the quarterly report deadline). Each feature
 * answers through its contract (`…Attention` in its index.ts, src/core/attention.ts) and checks the
 * actor's access itself. Counts only: no personal data is read and no audit row per view; a part
 * that fails is left out rather than failing the page.
 */
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import type { Center } from '../../core/db/schema.ts';
import type { Lang } from '../../core/http/i18n.ts';
import type { AttentionItem, AttentionSource } from '../../core/attention.ts';
import { lettersAttention } from '../letters/index.ts';
import { feedbackAttention } from '../feedback/index.ts';
import { homeServiceAttention } from '../home-service/index.ts';
import { surveysAttention } from '../surveys/index.ts';
import { planAttention } from '../plan/index.ts';

export type { AttentionItem } from '../../core/attention.ts';

/** In the order the page lists them. */
const SOURCES: readonly AttentionSource[] = [
  lettersAttention,
  feedbackAttention,
  homeServiceAttention,
  surveysAttention,
  planAttention,
];

export async function attentionItems(deps: Deps, actor: Actor, center: Center, lang: Lang): Promise<AttentionItem[]> {
  const items: AttentionItem[] = [];
  for (const source of SOURCES) {
    try {
      const item = await source(deps, center, actor, lang);
      if (item) items.push(item);
    } catch (e) {
      deps.log.warn({ err: e }, 'console attention item failed');
    }
  }
  return items;
}
