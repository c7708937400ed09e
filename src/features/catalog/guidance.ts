/**
 * "Not here" guidance for the procedure search (issue 12, BRIEF §18.4): matters the commune centre
 * does not handle (identity cards, passports, residence: the police; social insurance; tax; the
 * land registry office) and things that no longer exist (the household book, abolished from
 * 01/01/2023). When a query names one, the search shows a box above the results: a short
 * explanation, where to go, and the related procedures the centre does handle.
 *
 * Pure: the seeded table (data/catalog/not-here.json), its validation (the console edits a centre's
 * own copy) and the matching. Matching works on the search's folded query words, so "sổ hộ khẩu",
 * "so ho khau" and "sor hooj khaau" (Telex) all match the trigger "so ho khau".
 */
import { jsonCodec } from '../../core/db/json.ts';
import seed from '../../../data/catalog/not-here.json' with { type: 'json' };
import { invalid } from '../../core/http/errors.ts';
import { queryWords } from './search.ts';

export const GUIDANCE_KINDS = ['elsewhere', 'abolished', 'partly'] as const;
export type GuidanceKind = (typeof GUIDANCE_KINDS)[number];

export interface GuidanceTopic {
  /** Stable id (a-z, 0-9, dashes). */
  id: string;
  /** elsewhere: another agency handles it; abolished: no longer exists; partly: the commune handles only a part. */
  kind: GuidanceKind;
  /** Phrases that show the box, as typed or folded ("sổ hộ khẩu" = "so ho khau"). */
  triggers: string[];
  /** Phrases that, present in the query, hide the box ("công chứng căn cước" is a certified copy). */
  unlessWords: string[];
  title: string;
  text: string;
  /** Where to go instead. */
  where: string;
  /** Codes of the centre's own procedures that relate (shown under the box when published). */
  related: string[];
  /** The box is not shown when the centre publishes one of these (it receives them, e.g. on the police's behalf). */
  unlessCatalogHas: string[];
}

const LIMITS = { topics: 60, triggers: 40, phrase: 80, title: 200, text: 1200, where: 600, codes: 20 } as const;
const CODE = /^\d\.\d{6}$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function str(o: Record<string, unknown>, key: string, path: string, max: number, required = true): string {
  const v = Object.hasOwn(o, key) ? o[key] : undefined;
  if (v === undefined && !required) return '';
  if (typeof v !== 'string') throw invalid(`${path}.${key}`, 'Phải là một đoạn chữ.', 'Must be a string.');
  const s = v.normalize('NFC').trim();
  if (required && !s) throw invalid(`${path}.${key}`, 'Không được để trống.', 'Must not be empty.');
  if (s.length > max) throw invalid(`${path}.${key}`, `Tối đa ${max} ký tự.`, `At most ${max} characters.`);
  return s;
}

function list(o: Record<string, unknown>, key: string, path: string, max: number, item: RegExp | null): string[] {
  const v = Object.hasOwn(o, key) ? o[key] : undefined;
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > max)
    throw invalid(`${path}.${key}`, `Phải là danh sách tối đa ${max} mục.`, `Must be a list of at most ${max} items.`);
  return v.map((x: unknown, i) => {
    if (typeof x !== 'string' || !x.trim() || x.length > LIMITS.phrase || (item && !item.test(x.trim())))
      throw invalid(
        `${path}.${key}[${i}]`,
        item ? 'Mã thủ tục không hợp lệ (ví dụ 1.000656).' : `Cụm từ không hợp lệ (tối đa ${LIMITS.phrase} ký tự).`,
        item ? 'Invalid procedure code (e.g. 1.000656).' : `Invalid phrase (at most ${LIMITS.phrase} characters).`,
      );
    return x.normalize('NFC').trim();
  });
}

/** Validates a table of topics (the console's JSON or the seed); clear 400 errors with the path. */
export function parseTopics(input: unknown): GuidanceTopic[] {
  if (!Array.isArray(input) || input.length > LIMITS.topics)
    throw invalid(
      'topics',
      `Phải là danh sách tối đa ${LIMITS.topics} mục.`,
      `Must be a list of at most ${LIMITS.topics} topics.`,
    );
  const ids = new Set<string>();
  return input.map((raw: unknown, i) => {
    const path = `topics[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw invalid(path, 'Mỗi mục phải là một đối tượng JSON.', 'Each topic must be a JSON object.');
    const o = raw as Record<string, unknown>;
    const id = str(o, 'id', path, 60);
    if (!ID.test(id)) throw invalid(`${path}.id`, 'Chỉ dùng a-z, 0-9 và dấu gạch ngang.', 'Use a-z, 0-9 and dashes.');
    if (ids.has(id)) throw invalid(`${path}.id`, 'Mã mục bị trùng.', 'Duplicate id.');
    ids.add(id);
    const kind = str(o, 'kind', path, 20);
    if (!(GUIDANCE_KINDS as readonly string[]).includes(kind))
      throw invalid(`${path}.kind`, 'Loại: elsewhere, abolished hoặc partly.', 'Kind: elsewhere, abolished or partly.');
    const triggers = list(o, 'triggers', path, LIMITS.triggers, null);
    if (triggers.length === 0 || triggers.every((t) => queryWords(t).length === 0))
      throw invalid(`${path}.triggers`, 'Cần ít nhất một cụm từ.', 'At least one phrase is needed.');
    return {
      id,
      kind: kind as GuidanceKind,
      triggers,
      unlessWords: list(o, 'unlessWords', path, LIMITS.triggers, null),
      title: str(o, 'title', path, LIMITS.title),
      text: str(o, 'text', path, LIMITS.text),
      where: str(o, 'where', path, LIMITS.where),
      related: list(o, 'related', path, LIMITS.codes, CODE),
      unlessCatalogHas: list(o, 'unlessCatalogHas', path, LIMITS.codes, CODE),
    };
  });
}

/** The seeded table every centre starts with (data/catalog/not-here.json). */
export const DEFAULT_TOPICS: readonly GuidanceTopic[] = parseTopics(seed.topics);

function contains(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    let ok = true;
    for (let j = 0; j < phrase.length && ok; j++) ok = words[i + j] === phrase[j];
    if (ok) return true;
  }
  return false;
}

/**
 * The topics a query names, in table order, leaving out those the centre handles itself
 * (`unlessCatalogHas` names a published procedure) or that the query rules out (`unlessWords`).
 */
export function matchGuidance(
  query: string,
  topics: readonly GuidanceTopic[],
  published: { has(code: string): boolean },
): GuidanceTopic[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  return topics.filter(
    (t) =>
      t.triggers.some((p) => contains(words, queryWords(p))) &&
      !t.unlessWords.some((p) => contains(words, queryWords(p))) &&
      !t.unlessCatalogHas.some((c) => published.has(c)),
  );
}

/** search_guidance.topics: a centre's own guidance table, through the same rule as its editor. */
export const topicsJson = jsonCodec('search_guidance.topics', parseTopics);
