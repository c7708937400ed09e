/**
 * Vietnamese full-text search over the procedure catalogue. Pure: no I/O, no globals mutated.
 *
 * `createSearchIndex(procs)` builds an in-memory index once (≈300 procedures → tens of ms); each
 * `search()` call then costs tens of microseconds. What it tolerates:
 *
 * - diacritics or none ("khai tử" = "khai tu"; đ → d), i/y after a consonant ("đăng kí" = "đăng ký"),
 *   and raw Telex typed without an input method ("dawng kys khai tuwr");
 * - word order ("tu khai"), one typo per word of 4+ letters ("khia tu", "chng thuc"), an unfinished
 *   last word of 2+ letters ("đăng ký kết hô");
 * - codes: "1.000656", "1000656", "000656", the local code "1.000656.000.00.00.H26", a prefix "1.0006";
 * - abbreviations (BHYT, HKD, GPXD, …) and everyday words ("chết" → khai tử, "sổ đỏ" → giấy chứng
 *   nhận quyền sử dụng đất, "công chứng" → chứng thực…): see ABBREVIATIONS and SYNONYMS, curated per
 *   field as data in data/catalog/search-words.json.
 *
 * Ranking: matches in the name beat matches in the field name, which beat matches in other text
 * (components, result, applicants, implementing body); rarer words weigh more (idf); all words in
 * the name and the words in the query's order (phrase) earn bonuses; a variant of a procedure
 * ("đăng ký lại …", "… lưu động", "liên thông …", "gia hạn …") loses a little unless the query asks
 * for it, so "khai tử" finds "Đăng ký khai tử" first. No boost for same-day procedures or anything
 * else outside the text. Abolished procedures are not filtered out: index what should be findable.
 */
import { fold } from '../../core/text/index.ts';
import type { ProcedureData } from './model.ts';
import words from '../../../data/catalog/search-words.json' with { type: 'json' };

export interface SearchOptions {
  /** Only procedures of this field (lĩnh vực); compared without case or diacritics. */
  field?: string;
  /** At most this many results; default: all matches. */
  limit?: number;
}
export interface SearchHit {
  code: string;
  score: number;
}
export interface SearchIndex {
  /** Best first. An empty query returns every procedure (of the field) in catalogue order, score 0. */
  search(query: string, opts?: SearchOptions): SearchHit[];
  readonly size: number;
}

/**
 * Abbreviations, expanded on both the catalogue and the query (folded keys). A Map, never a plain
 * object: the key is what the user typed ("constructor", "__proto__" must find nothing).
 */
export const ABBREVIATIONS: ReadonlyMap<string, string> = new Map(Object.entries(words.abbreviations));

/**
 * Everyday words → the words the procedure names use (folded; applied to the query only, in this
 * order): curated per field in data/catalog/search-words.json.
 */
export const SYNONYMS: readonly (readonly [string, string])[] = words.synonyms.flatMap((g) =>
  g.words.map(([from, to, ...rest]) => {
    if (!from || !to || rest.length) throw new Error(`search-words.json (${g.field}): a pair is [from, to]`);
    return [from, to] as const;
  }),
);

/** Query filler removed when something else remains ("thủ tục … như thế nào", "ở đâu"…). */
const STOP_PHRASES: readonly string[] = [
  'nhu the nao',
  'the nao',
  'lam sao',
  'o dau',
  'bao nhieu tien',
  'bao nhieu',
  'mat bao lau',
  'bao lau',
  'can nhung gi',
  'can gi',
  'giay to gi',
  'ho so gi',
  'thu tuc',
  'cho hoi',
  'xin hoi',
  'le phi',
  'cho con',
  'cho toi',
  'cho em',
  'cho minh',
  'toi muon',
  'em muon',
  'minh muon',
  'muon lam',
  'can lam',
  'phai lam',
  'gi',
  'a',
  'oi',
  'nhe',
  'toi',
  'minh',
  'xin',
  'muon',
  'moi',
  'vua',
  'roi',
  'da',
];

/** Name parts that mark a variant of a base procedure (penalised unless the query contains them). */
const MODIFIERS: readonly string[] = [
  'lai',
  'gia han',
  'dieu chinh',
  'thay doi',
  'cham dut',
  'tam ngung',
  'luu dong',
  'nuoc ngoai',
  'lien thong',
  'ket hop',
  'xoa',
  'cai chinh',
  'thoi huong',
];

const ZONE_FIELD = 0.5;
const ZONE_AUX = 0.3;
const Q_PREFIX = 0.75;
const Q_TYPO = 0.7;
const ACCENT_MISMATCH = 0.9;

interface Token {
  key: string;
  accented: string;
}

const CONSONANT_Y = /^[bcdghklmnpqrstvx]+y$/;

/** Search key of one word: folded, only a–z0–9, final "y" after consonants as "i" (ký = kí). */
export function foldKey(word: string): string {
  const k = fold(word).replace(/[^a-z0-9]/g, '');
  return CONSONANT_Y.test(k) ? `${k.slice(0, -1)}i` : k;
}

/** Words of a text with their search keys; abbreviations expanded. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const raw of text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    if (!raw) continue;
    const key = foldKey(raw);
    if (!key) continue;
    const abbr = ABBREVIATIONS.get(key);
    if (abbr) for (const w of abbr.split(' ')) out.push({ key: foldKey(w), accented: w });
    else out.push({ key, accented: raw });
  }
  return out;
}

/** Undoes Telex typed without an input method: "dawng" → "dang", "kys" → "ky", "tuwr" → "tu". */
export function untelex(key: string): string {
  if (key.length < 2 || /\d/.test(key) || ABBREVIATIONS.has(key)) return key;
  let k = key;
  if (/[aeiouy][a-z]*[sfrxj]$/.test(k) && k.length > 2) k = k.slice(0, -1);
  k = k
    .replace(/dd/g, 'd')
    .replace(/aa|aw/g, 'a')
    .replace(/ee/g, 'e')
    .replace(/oo|ow/g, 'o')
    .replace(/uw/g, 'u')
    .replace(/w/g, 'u');
  return CONSONANT_Y.test(k) ? `${k.slice(0, -1)}i` : k;
}

function replacePhrases(keys: string[], accents: string[], from: string[], to: string[] | null): void {
  for (let i = 0; i + from.length <= keys.length; i++) {
    let ok = true;
    for (let j = 0; j < from.length; j++)
      if (keys[i + j] !== from[j]) {
        ok = false;
        break;
      }
    if (!ok) continue;
    const repl = to ?? [];
    keys.splice(i, from.length, ...repl);
    accents.splice(i, from.length, ...repl);
    i += repl.length - 1;
  }
}

const SYN_SPLIT = SYNONYMS.map(([a, b]) => [a.split(' '), b.split(' ')] as const);
const STOP_SPLIT = STOP_PHRASES.map((s) => s.split(' '));

export interface ParsedQuery {
  /** Unique query words in order: search key and, when typed with diacritics, the accented form. */
  terms: { key: string; accented: string | null }[];
  /**
   * Digits of procedure codes: `exact` = a whole code ("1.000656", "1000656", or a local code);
   * `suffix` = six digits ("000656"); `prefix` = the start of a code ("1.0006", "10006").
   */
  codes: { exact: string[]; suffix: string[]; prefix: string[] };
}

const CODE_IN_QUERY = /(?<![\d.])(\d)[.,]?(\d{6})(?:\.\d{3}\.\d{2}\.\d{2}(?:\.[a-z]\d{2}(?:\.\d+)?)?)?(?![\d])/gi;
const CODE_PREFIX = /^(\d)(?:[.,](\d{1,5})|(\d{3,5}))$/;

/** Splits a query into search words (filler removed, everyday words mapped) and procedure codes. */
export function parseQuery(query: string): ParsedQuery {
  const codes: ParsedQuery['codes'] = { exact: [], suffix: [], prefix: [] };
  const text = query.normalize('NFC').replace(CODE_IN_QUERY, (_m, a: string, b: string) => {
    codes.exact.push(a + b);
    return ' ';
  });
  const keys: string[] = [];
  const accents: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}.,]+/u)) {
    const w = raw.replace(/^[.,]+|[.,]+$/g, '');
    if (!w) continue;
    if (/^\d{6}$/.test(w)) {
      codes.suffix.push(w);
      continue;
    }
    const pm = CODE_PREFIX.exec(w);
    if (pm) {
      codes.prefix.push(pm[1]! + (pm[2] ?? pm[3] ?? ''));
      continue;
    }
    for (const part of w.split(/[.,]+/)) {
      if (!part) continue;
      const plain = fold(part) === part;
      let key = foldKey(part);
      if (!key) continue;
      if (plain) key = untelex(key);
      const abbr = ABBREVIATIONS.get(key);
      if (abbr)
        for (const x of abbr.split(' ')) {
          keys.push(x);
          accents.push(x);
        }
      else {
        keys.push(key);
        accents.push(plain ? key : part);
      }
    }
  }
  // Everyday words → catalogue words ("xin phép xây" before "xin" goes), then filler out.
  for (const [from, to] of SYN_SPLIT) replacePhrases(keys, accents, from, to);
  const before = keys.slice();
  const beforeAcc = accents.slice();
  for (const s of STOP_SPLIT) replacePhrases(keys, accents, s, null);
  if (keys.length === 0) {
    keys.push(...before);
    accents.push(...beforeAcc);
  }
  const seen = new Set<string>();
  const terms: ParsedQuery['terms'] = [];
  keys.forEach((key, i) => {
    if (seen.has(key)) return;
    seen.add(key);
    const acc = accents[i] ?? key;
    terms.push({ key, accented: acc !== key && fold(acc) !== acc ? acc : null });
  });
  return { terms, codes };
}

/**
 * The folded words of a query as the search reads them before everyday words are mapped: Telex
 * undone, abbreviations expanded ("CCCD" → can cuoc). What the "not here" guidance matches on.
 */
export function queryWords(query: string): string[] {
  const out: string[] = [];
  for (const raw of query
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    if (!raw) continue;
    let key = foldKey(raw);
    if (!key) continue;
    if (fold(raw) === raw) key = untelex(key);
    const abbr = ABBREVIATIONS.get(key);
    if (abbr) out.push(...abbr.split(' '));
    else out.push(key);
  }
  return out;
}

/** True when a and b differ by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  if (la === lb) {
    let i = 0;
    while (i < la && a[i] === b[i]) i++;
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [s, l] = la < lb ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}

interface Doc {
  code: string;
  codeDigits: string;
  fieldKey: string;
  /** Word ids of the name. */
  name: Int32Array;
  /** Word ids of the name outside parentheses: what counts for the length penalty. */
  nameCore: Int32Array;
  nameAccented: Set<string>;
  /** Variant markers in the head of the name, as word ids. */
  modifiers: Int32Array[];
}
interface Candidate {
  id: number;
  quality: number;
}

/** At most this many distinct words of a query are used (bit mask per word). */
const MAX_TERMS = 24;

/** The index: the catalogue's words (ids), their postings per zone, document frequencies and documents. */
interface Index {
  ids: Map<string, number>;
  words: string[];
  postName: number[][];
  postField: number[][];
  postAux: number[][];
  df: number[];
  docs: Doc[];
  /** Words without digits (only those may match with a typo or as a prefix). */
  fuzzyWords: { w: string; id: number }[];
  fuzzyCache: Map<string, Candidate[]>;
  /** Bit ti set for the words that match query word ti; reset after each query. */
  mask: Int32Array;
}

const keysOf = (text: string) => tokenize(text).map((t) => t.key);
const MODIFIER_WORDS = MODIFIERS.map((m) => m.split(' '));

function wordId(ix: Index, key: string): number {
  let id = ix.ids.get(key);
  if (id === undefined) {
    id = ix.words.length;
    ix.ids.set(key, id);
    ix.words.push(key);
    ix.postName.push([]);
    ix.postField.push([]);
    ix.postAux.push([]);
    ix.df.push(0);
  }
  return id;
}

/** Indexes procedure `i`: its words posted per zone (name, field, other text), counted once each for idf. */
function indexDoc(ix: Index, p: ProcedureData, i: number): Doc {
  const idOf = (k: string) => wordId(ix, k);
  const nameToks = tokenize(p.name);
  const fieldKeys = keysOf(p.field);
  const auxKeys = keysOf(
    [p.applicants, p.resultType, p.implementingBody, ...p.coordinatingBodies, ...p.components.map((c) => c.name)].join(
      ' \n ',
    ),
  );
  const any = new Set<number>();
  for (const [keys, post] of [
    [nameToks.map((t) => t.key), ix.postName],
    [fieldKeys, ix.postField],
    [auxKeys, ix.postAux],
  ] as const) {
    const seen = new Set<number>();
    for (const k of keys) {
      const id = idOf(k);
      if (seen.has(id)) continue;
      seen.add(id);
      post[id]!.push(i);
      if (!any.has(id)) {
        any.add(id);
        ix.df[id]!++;
      }
    }
  }
  // A variant shows in the head of the name ("Đăng ký lại khai tử", "Cấp lại, đổi thẻ…"); later clauses
  // list what the procedure covers ("Thực hiện, điều chỉnh, thôi hưởng…", "Liên thông …, xóa đăng ký…").
  const head = ` ${keysOf(p.name.split(/[,:;(]/)[0] ?? '').join(' ')} `;
  return {
    code: p.code,
    codeDigits: p.code.replace(/\D/g, ''),
    fieldKey: fieldKeys.join(' '),
    name: Int32Array.from(nameToks, (t) => idOf(t.key)),
    nameCore: Int32Array.from(keysOf(p.name.replace(/\([^)]*\)/g, ' ')), idOf),
    nameAccented: new Set(nameToks.map((t) => t.accented)),
    modifiers: MODIFIER_WORDS.filter((m) => head.includes(` ${m.join(' ')} `)).map((m) => Int32Array.from(m, idOf)),
  };
}

const idfOf = (ix: Index, id: number): number => Math.log(1 + ix.docs.length / (1 + (ix.df[id] ?? 0)));

/** Catalogue words a query word may stand for: itself, words it begins (last word), words one typo away. */
function candidatesFor(ix: Index, key: string, isLast: boolean): Candidate[] {
  const ck = `${isLast ? 1 : 0}${key}`;
  const cached = ix.fuzzyCache.get(ck);
  if (cached) return cached;
  const out: Candidate[] = [];
  const exact = ix.ids.get(key);
  if (exact !== undefined) out.push({ id: exact, quality: 1 });
  if (!/\d/.test(key)) {
    for (const { w, id } of ix.fuzzyWords) {
      if (id === exact) continue;
      if (isLast && key.length >= 2 && w.startsWith(key)) out.push({ id, quality: Q_PREFIX });
      else if (exact === undefined && key.length >= 4 && w.length >= 4 && withinOneEdit(key, w))
        out.push({ id, quality: Q_TYPO });
    }
  }
  if (ix.fuzzyCache.size > 5000) ix.fuzzyCache.clear();
  ix.fuzzyCache.set(ck, out);
  return out;
}

interface Term {
  key: string;
  accented: string | null;
  cands: Candidate[];
}

/** What a query's words matched: per document and word, the best match quality and whether in the name. */
interface Matches {
  T: number;
  best: Float64Array;
  inName: Uint8Array;
  isTouched: Uint8Array;
  touched: number[];
  /** Word ids whose mask bits were set (reset after the query). */
  marked: number[];
}

function touch(m: Matches, d: number): void {
  if (!m.isTouched[d]) {
    m.isTouched[d] = 1;
    m.touched.push(d);
  }
}

function matchTerms(ix: Index, terms: Term[]): Matches {
  const N = ix.docs.length;
  const T = terms.length;
  const m: Matches = {
    T,
    best: new Float64Array(N * T),
    inName: new Uint8Array(N * T),
    isTouched: new Uint8Array(N),
    touched: [],
    marked: [],
  };
  const best = m.best;
  const mask = ix.mask;
  for (let ti = 0; ti < T; ti++) {
    const t = terms[ti]!;
    for (const c of t.cands) {
      if (mask[c.id] === 0) m.marked.push(c.id);
      mask[c.id]! |= 1 << ti;
      for (const d of ix.postName[c.id]!) {
        let v = c.quality;
        if (t.accented !== null && !ix.docs[d]!.nameAccented.has(t.accented)) v *= ACCENT_MISMATCH;
        const at = d * T + ti;
        if (v > best[at]!) best[at] = v;
        m.inName[at] = 1;
        touch(m, d);
      }
      for (const [list, zone] of [
        [ix.postField[c.id]!, ZONE_FIELD],
        [ix.postAux[c.id]!, ZONE_AUX],
      ] as const) {
        const v = c.quality * zone;
        for (const d of list) {
          const at = d * T + ti;
          if (v > best[at]!) best[at] = v;
          touch(m, d);
        }
      }
    }
  }
  return m;
}

function codeScore(q: ParsedQuery, d: Doc): number {
  if (q.codes.exact.some((c) => c === d.codeDigits)) return 5;
  if (q.codes.suffix.some((s) => d.codeDigits.endsWith(s))) return 4;
  if (q.codes.prefix.some((s) => d.codeDigits.startsWith(s))) return 1.5;
  return 0;
}

/**
 * Phrase: neighbouring query words that are neighbours in the name (half credit with one or two
 * words between), and the whole query as one run. Adds to `score` in the order it always did.
 */
function withPhraseBonus(score: number, name: Int32Array, mask: Int32Array, T: number): number {
  const L = name.length;
  let pairs = 0;
  let longest = 1;
  let run = 1;
  for (let ti = 0; ti + 1 < T; ti++) {
    const a = 1 << ti;
    const b = 1 << (ti + 1);
    let adj = 0;
    for (let k = 0; k + 1 < L && adj < 1; k++) {
      if (!(mask[name[k]!]! & a)) continue;
      if (mask[name[k + 1]!]! & b) adj = 1;
      else if ((k + 2 < L && mask[name[k + 2]!]! & b) || (k + 3 < L && mask[name[k + 3]!]! & b)) adj = 0.5;
    }
    pairs += adj;
    if (adj === 1) {
      run++;
      if (run > longest) longest = run;
    } else run = 1;
  }
  score += 0.3 * (pairs / (T - 1));
  if (longest === T) score += 0.15;
  return score;
}

/** A variant of the procedure the query does not ask for loses a little (at most 0.4). */
function modifierPenalty(d: Doc, mask: Int32Array): number {
  let pen = 0;
  for (const m of d.modifiers) {
    let asked = true;
    for (let k = 0; k < m.length; k++)
      if (mask[m[k]!] === 0) {
        asked = false;
        break;
      }
    if (!asked) pen += 0.2;
  }
  return Math.min(pen, 0.4);
}

/** Name bonuses and penalties of a document some query word matched in its name. */
function withNameAdjustments(
  score: number,
  d: Doc,
  ix: Index,
  m: Matches,
  nameW: number,
  nameCount: number,
  totalW: number,
) {
  if (nameCount === m.T) score += 0.3;
  if (m.T >= 2) score = withPhraseBonus(score, d.name, ix.mask, m.T);
  score -= modifierPenalty(d, ix.mask);
  let unmatched = 0;
  const core = d.nameCore;
  for (let k = 0; k < core.length; k++) if (ix.mask[core[k]!] === 0) unmatched++;
  score -= Math.min(0.01 * unmatched, 0.15);
  score += 0.2 * (totalW > 0 ? nameW / totalW : 0);
  return score;
}

/** The score of document `i`: weighted match quality (base), code match, name bonuses. */
function scoreDoc(
  ix: Index,
  d: Doc,
  i: number,
  m: Matches,
  weights: number[],
  totalW: number,
  codeBonus: number,
): { i: number; score: number; base: number } {
  const T = m.T;
  let base = 0;
  let nameW = 0;
  let nameCount = 0;
  for (let ti = 0; ti < T; ti++) {
    base += weights[ti]! * m.best[i * T + ti]!;
    if (m.inName[i * T + ti]) {
      nameW += weights[ti]!;
      nameCount++;
    }
  }
  base = totalW > 0 ? base / totalW : 0;
  let score = base + codeBonus;
  if (nameCount > 0) score = withNameAdjustments(score, d, ix, m, nameW, nameCount, totalW);
  return { i, score, base };
}

/** Hits good enough to show (relative to the best, with enough text matched or a code), best first. */
function finish(ix: Index, hits: { i: number; score: number; base: number }[], limit: number): SearchHit[] {
  if (hits.length === 0) return [];
  let top = 0;
  for (const h of hits) if (h.score > top) top = h.score;
  return hits
    .filter((h) => h.score > 0 && h.score >= 0.15 * top && (h.base >= 0.2 || h.score >= 1.5))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map((h) => ({ code: ix.docs[h.i]!.code, score: Math.round(h.score * 1000) / 1000 }));
}

/** The query's words with their candidates (words unknown to the catalogue are ignored) and idf weights. */
function termsOf(ix: Index, q: ParsedQuery): { terms: Term[]; weights: number[] } {
  const qTerms = q.terms.slice(0, MAX_TERMS);
  const terms = qTerms
    .map((t, i) => ({ ...t, cands: candidatesFor(ix, t.key, i === qTerms.length - 1) }))
    .filter((t) => t.cands.length > 0);
  const weights = terms.map((t) => {
    const id = ix.ids.get(t.key);
    return id !== undefined ? idfOf(ix, id) : Math.max(...t.cands.map((c) => idfOf(ix, c.id)));
  });
  return { terms, weights };
}

function rank(ix: Index, query: string, opts: SearchOptions = {}): SearchHit[] {
  const limit = Math.max(0, opts.limit ?? Infinity);
  const fieldKey = opts.field ? keysOf(opts.field).join(' ') : null;
  const allowed = (d: Doc) => fieldKey === null || d.fieldKey === fieldKey;
  const q = parseQuery(query ?? '');
  const noCodes = q.codes.exact.length + q.codes.suffix.length + q.codes.prefix.length === 0;
  if (q.terms.length === 0 && noCodes) {
    const all: SearchHit[] = [];
    for (const d of ix.docs) if (allowed(d)) all.push({ code: d.code, score: 0 });
    return all.slice(0, limit);
  }
  const { terms, weights } = termsOf(ix, q);
  const totalW = weights.reduce((a, b) => a + b, 0);
  const m = matchTerms(ix, terms);
  if (!noCodes)
    ix.docs.forEach((d, i) => {
      if (codeScore(q, d) > 0) touch(m, i);
    });
  const hits: { i: number; score: number; base: number }[] = [];
  for (const i of m.touched) {
    const d = ix.docs[i]!;
    if (!allowed(d)) continue;
    hits.push(scoreDoc(ix, d, i, m, weights, totalW, noCodes ? 0 : codeScore(q, d)));
  }
  for (const id of m.marked) ix.mask[id] = 0;
  return finish(ix, hits, limit);
}

/**
 * A query that is exactly a field's name ("chứng thực", "ho tich") and whose best match lies in
 * that field browses the field in catalogue order — where the centre lists its most requested
 * procedures first — followed by the other matches.
 */
function search(ix: Index, query: string, opts: SearchOptions = {}): SearchHit[] {
  const { docs } = ix;
  const ranked = rank(ix, query, { ...opts, limit: undefined });
  const limit = Math.max(0, opts.limit ?? Infinity);
  const asField = keysOf(query ?? '').join(' ');
  const top = ranked[0] ? docs.find((d) => d.code === ranked[0]!.code) : undefined;
  if (!top || !asField || top.fieldKey !== asField) return ranked.slice(0, limit);
  const inField = ranked.filter((h) => docs.find((d) => d.code === h.code)?.fieldKey === asField);
  const order = new Map(docs.map((d, i) => [d.code, i]));
  inField.sort((a, b) => order.get(a.code)! - order.get(b.code)!);
  const rest = ranked.filter((h) => !inField.includes(h));
  // Scores stay sorted best first: the field's procedures rank just above the best match.
  const best = ranked[0]!.score;
  const browsed = inField.map((h, i) => ({ code: h.code, score: best + (inField.length - i) * 1e-3 }));
  return [...browsed, ...rest].slice(0, limit);
}

export function createSearchIndex(procs: readonly ProcedureData[]): SearchIndex {
  const ix: Index = {
    ids: new Map(),
    words: [],
    postName: [],
    postField: [],
    postAux: [],
    df: [],
    docs: [],
    fuzzyWords: [],
    fuzzyCache: new Map(),
    mask: new Int32Array(0),
  };
  ix.docs = procs.map((p, i) => indexDoc(ix, p, i));
  ix.fuzzyWords = ix.words.map((w, id) => ({ w, id })).filter((x) => !/\d/.test(x.w));
  ix.mask = new Int32Array(ix.words.length);
  return { search: (query, opts) => search(ix, query, opts), size: ix.docs.length };
}
