/**
 * The citizen's lookup, without I/O (issue 12, decision 026): what a person types is normalised
 * (case, spaces, dashes typed as other characters), the dossier's events become plain steps in
 * time order (each once), and a supplement request is read back as the list of papers asked for.
 */
import { SECRET_ALPHABET } from '../model.ts';

/** Characters people (and phone keyboards, Word, Zalo) type instead of a hyphen-minus. */
const DASHES = /[\u2010-\u2015\u2212\u2043\uFE58\uFE63\uFF0D_~·•/\\]/g;

/**
 * A dossier code as printed: `{agencyCode}-{yyMMdd}-{0001}`, e.g. `H26.99.01-261125-0001`.
 * Accepts lower case, full-width characters, spaces instead of dashes or around them, en/em
 * dashes, a comma for a dot in the agency code, and no separators at all before the 10 digits.
 * Returns '' for something that cannot be a code (the caller answers "not found").
 */
export function normaliseDossierCode(input: string): string {
  const s = input.normalize('NFKC').toUpperCase().replace(DASHES, '-').replace(/,/g, '.').replace(/\s+/g, ' ').trim();
  if (!s || s.length > 60) return '';
  // From the end: 4 digits (number), 6 digits (day), and the agency code before them, whatever
  // separates them (spaces, dashes, nothing). The agency code keeps its own dots and dashes.
  const m = /^(?<agency>.*?\S)[\s-]*(?<day>\d{6})[\s-]*(?<seq>\d{4})$/.exec(s)?.groups;
  if (!m?.agency || !m.day || !m.seq) return s.replace(/\s*-\s*/g, '-').replace(/ /g, '-');
  return `${m.agency.replace(/\s+/g, '').replace(/-+$/, '')}-${m.day}-${m.seq}`;
}

/** The receipt's lookup secret: upper case, without spaces or dashes; look-alikes O→0 never occur in it. */
export function normaliseSecret(input: string): string {
  const s = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212.]/g, '');
  // The alphabet has no I, O, 0 or 1: nothing to guess there, the comparison simply fails.
  return s.length <= 16 ? s : '';
}

export { SECRET_ALPHABET };

/** A step as the citizen reads it. */
export type StepKey =
  | 'submitted'
  | 'received'
  | 'refused'
  | 'processing'
  | 'supplement_requested'
  | 'supplement_done'
  | 'payment_requested'
  | 'payment_done'
  | 'reappointed'
  | 'ready'
  | 'returned'
  | 'withdrawn'
  | 'stopped';

export interface PublicStep {
  key: StepKey;
  at: string;
  /** For 'reappointed': the new appointment (ISO). */
  newDueAt?: string;
}

export interface StepEvent {
  seq: number;
  action: string;
  toStatus: number | null;
  at: string;
  data: Record<string, unknown>;
}

function stepKey(e: StepEvent): StepKey | null {
  switch (e.action) {
    case 'received':
      return e.toStatus === 1 ? 'submitted' : e.toStatus === 3 ? 'refused' : 'received';
    case 'accept':
      return 'received';
    case 'refuse':
    case 'guide':
      return 'refused';
    case 'handoff':
      return 'processing';
    case 'request_supplement':
      return 'supplement_requested';
    case 'complete_supplement':
      return 'supplement_done';
    case 'request_payment':
      return 'payment_requested';
    case 'confirm_payment':
      return 'payment_done';
    case 'extend':
      return 'reappointed';
    case 'mark_processed':
      return 'ready';
    case 'return_result':
      return 'returned';
    case 'withdraw':
      return 'withdrawn';
    case 'stop':
      return 'stopped';
    default:
      return null; // internal work (attachments, reuse, notes) is not a step for the citizen
  }
}

/**
 * The steps in time order (ties by the order they were recorded), each once: a step that repeats
 * the one before it (received then accepted at the desk, two hand-offs between officers) is shown
 * once, at its first time. A re-appointment carries its new date.
 */
export function publicSteps(events: readonly StepEvent[]): PublicStep[] {
  const sorted = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
  const out: PublicStep[] = [];
  for (const e of sorted) {
    const key = stepKey(e);
    if (!key) continue;
    const prev = out[out.length - 1];
    if (key !== 'reappointed' && prev?.key === key) continue;
    if (key === 'received' && out.some((s) => s.key === 'received')) continue;
    const step: PublicStep = { key, at: e.at };
    if (key === 'reappointed' && typeof e.data.after === 'string') step.newDueAt = e.data.after;
    out.push(step);
  }
  return out;
}

/** The open supplement request: when it was made, the papers asked for and the reason. */
export interface SupplementRequest {
  requestedAt: string;
  papers: string[];
  reason: string;
}

export function openSupplement(events: readonly StepEvent[], status: number): SupplementRequest | null {
  if (status !== 5) return null;
  const last = [...events]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq))
    .filter((e) => e.action === 'request_supplement')
    .pop();
  if (!last) return null;
  const papers = Array.isArray(last.data.components)
    ? last.data.components.filter((x): x is string => typeof x === 'string' && x.trim() !== '')
    : [];
  const reason = typeof last.data.reason === 'string' ? last.data.reason : '';
  return { requestedAt: last.at, papers, reason };
}
