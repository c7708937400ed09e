/**
 * Courtesy letters, use cases: the print queue (list, correct names, print with a yearly number,
 * record the handover with optional evidence, decline), the condolence follow-up tasks, the
 * centre's templates and trigger settings. Every call checks access (letters.manage,
 * letters.templates); another centre's letters answer exactly like missing ones (404). Writes are
 * audited; so is every read of one letter (names of families, deaths are sensitive).
 */
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { parseId } from '../../core/http/ids.ts';
import { nfc } from '../../core/text/index.ts';
import { actorId, can, type Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import type { Action } from '../../core/auth/roles.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { isLocalDate, localDateOf, parseLocalDate } from '../../core/calendar/index.ts';
import { getCenterById } from '../centers/index.ts';
import { placeOf } from '../boards/index.ts';
import { checkFile, procedureNameOfDossier, putBlob, readBlob, uploadsDir } from '../dossiers/index.ts';
import * as repo from './repo.ts';
import { triggersOf } from './hook.ts';
import {
  DEFAULT_SYMBOL,
  DEFAULT_TEMPLATES,
  LETTER_KINDS,
  LETTER_STATUSES,
  SIGN_PREFIXES,
  cleanName,
  composeLetter,
  isKind,
  isWaitingToPrint,
  missingNames,
  numberText,
  parseCodes,
  parseTitle,
  signerOf,
  snapshotJson,
  triggerCodesJson,
  validateTemplate,
  varsOf,
  type LetterContent,
  type LetterKind,
  type LetterStatus,
  type Names,
  type Template,
  type Title,
  type Triggers,
} from './model.ts';

// ---- Access ----

/** The centre of `slug` when the actor may do `action` there; another centre answers 404 like a missing one. */
const centerFor = async (deps: Deps, actor: Actor, slug: string, action: Action): Promise<Center> =>
  (await authorizeCenter(deps, actor, slug, action)).center;

async function letterFor(
  deps: Deps,
  actor: Actor,
  slug: string,
  id: unknown,
  action: Action = 'letters.manage',
): Promise<{ center: Center; letter: repo.LetterRow }> {
  const center = await centerFor(deps, actor, slug, action);
  const n = parseId(id);
  const letter = n !== null ? await repo.findLetter(deps.db, n) : undefined;
  if (!letter || letter.center_id !== center.id)
    throw new AppError('NOT_FOUND', [{ vi: 'Không tìm thấy thư.', en: 'No such letter.' }]);
  return { center, letter };
}

async function audit(
  deps: Deps,
  actor: Actor,
  centerId: number,
  action: string,
  subject: string,
  detail: unknown = null,
): Promise<void> {
  if (actor.via === 'system') return;
  await insertAudit(deps.db, {
    center_id: centerId,
    actor_user_id: actor.userId,
    action,
    subject,
    detail: detail === null ? null : JSON.stringify(detail),
    at: deps.now().toISOString(),
  });
}

// ---- Settings and templates ----

export interface LetterSettings {
  triggers: Triggers;
  symbol: string;
  signPrefix: string;
  signAuthority: string;
}

export async function settingsFor(deps: Deps, centerId: number): Promise<LetterSettings> {
  const s = await repo.findSettings(deps.db, centerId);
  return {
    triggers: await triggersOf(deps.db, centerId),
    symbol: s?.symbol || DEFAULT_SYMBOL,
    signPrefix: s?.sign_prefix ?? '',
    signAuthority: s?.sign_authority ?? '',
  };
}

export async function templateFor(
  deps: Deps,
  centerId: number,
  kind: LetterKind,
): Promise<Template & { custom: boolean }> {
  const t = await repo.findTemplate(deps.db, centerId, kind);
  return t
    ? { title: t.title, addressee: t.addressee, body: t.body, recipients: t.recipients, custom: true }
    : { ...DEFAULT_TEMPLATES[kind], custom: false };
}

export async function getSettings(deps: Deps, actor: Actor, slug: string) {
  const center = await centerFor(deps, actor, slug, 'letters.manage');
  return { center, settings: await settingsFor(deps, center.id), canEdit: can(actor, 'letters.templates', center.id) };
}

export async function saveTriggers(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: Record<string, unknown>,
): Promise<Triggers> {
  const center = await centerFor(deps, actor, slug, 'letters.templates');
  const triggers: Triggers = {
    marriage: parseCodes(input.marriage, 'marriage'),
    birth: parseCodes(input.birth, 'birth'),
    death: parseCodes(input.death, 'death'),
  };
  const all = [...triggers.marriage, ...triggers.birth, ...triggers.death];
  const dup = all.find((c, i) => all.indexOf(c) !== i);
  if (dup) throw invalid('triggers', `Mã ${dup} nằm ở hai loại thư.`, `Code ${dup} is listed for two kinds of letter.`);
  await saveAll(deps, actor, center, { triggers });
  return triggers;
}

export async function saveLetterSettings(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: Record<string, unknown>,
): Promise<LetterSettings> {
  const center = await centerFor(deps, actor, slug, 'letters.templates');
  const symbol = typeof input.symbol === 'string' ? nfc(input.symbol).toLocaleUpperCase('vi') : '';
  if (!/^[A-ZĐ0-9][A-ZĐ0-9-]{0,29}$/u.test(symbol))
    throw invalid(
      'symbol',
      'Ký hiệu: chữ in hoa, số và dấu gạch ngang, tối đa 30 ký tự (ví dụ TTPVHCC).',
      'Symbol: upper-case letters, digits and hyphens, at most 30 (e.g. TTPVHCC).',
    );
  const prefix = typeof input.signPrefix === 'string' ? input.signPrefix : '';
  if (!(SIGN_PREFIXES as readonly string[]).includes(prefix))
    throw invalid(
      'signPrefix',
      'Thẩm quyền ký: tự động, không, TM. hoặc KT.',
      'Signing authority: auto (""), none, TM. or KT.',
    );
  const authority = typeof input.signAuthority === 'string' ? nfc(input.signAuthority).slice(0, 120) : '';
  await saveAll(deps, actor, center, { symbol, signPrefix: prefix, signAuthority: authority });
  return settingsFor(deps, center.id);
}

async function saveAll(deps: Deps, actor: Actor, center: Center, patch: Partial<LetterSettings>): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const d = { ...deps, db: tx };
    const cur = await settingsFor(d, center.id);
    const next = { ...cur, ...patch };
    await repo.saveSettings(tx, {
      center_id: center.id,
      marriage_codes: triggerCodesJson.marriage.encode(next.triggers.marriage),
      birth_codes: triggerCodesJson.birth.encode(next.triggers.birth),
      death_codes: triggerCodesJson.death.encode(next.triggers.death),
      symbol: next.symbol,
      sign_prefix: next.signPrefix,
      sign_authority: next.signAuthority,
      updated_at: deps.now().toISOString(),
      updated_by: actorId(actor),
    });
    await audit(d, actor, center.id, 'letter.settings', center.slug, patch);
  });
}

export function parseKind(v: unknown): LetterKind {
  if (isKind(v)) return v;
  throw new AppError('NOT_FOUND', [
    { field: 'kind', vi: `Loại thư: ${LETTER_KINDS.join(', ')}.`, en: `Letter kind: ${LETTER_KINDS.join(', ')}.` },
  ]);
}

export async function listTemplates(deps: Deps, actor: Actor, slug: string) {
  const center = await centerFor(deps, actor, slug, 'letters.manage');
  const out: (Template & { kind: LetterKind; custom: boolean })[] = [];
  for (const kind of LETTER_KINDS) out.push({ kind, ...(await templateFor(deps, center.id, kind)) });
  return { center, templates: out, canEdit: can(actor, 'letters.templates', center.id) };
}

export async function saveTemplate(
  deps: Deps,
  actor: Actor,
  slug: string,
  kindRaw: unknown,
  input: Record<string, unknown>,
) {
  const kind = parseKind(kindRaw);
  const center = await centerFor(deps, actor, slug, 'letters.templates');
  const t = validateTemplate(input);
  await inTransaction(deps.db, async (tx) => {
    await repo.saveTemplate(tx, {
      center_id: center.id,
      kind,
      ...t,
      updated_at: deps.now().toISOString(),
      updated_by: actorId(actor),
    });
    await audit({ ...deps, db: tx }, actor, center.id, 'letter.template', kind, t);
  });
  return { kind, ...t, custom: true };
}

export async function resetTemplate(deps: Deps, actor: Actor, slug: string, kindRaw: unknown) {
  const kind = parseKind(kindRaw);
  const center = await centerFor(deps, actor, slug, 'letters.templates');
  await inTransaction(deps.db, async (tx) => {
    await repo.deleteTemplate(tx, center.id, kind);
    await audit({ ...deps, db: tx }, actor, center.id, 'letter.template.reset', kind);
  });
  return { kind, ...DEFAULT_TEMPLATES[kind], custom: false };
}

/** Sample names for a template preview. */
const SAMPLE: Record<LetterKind, Names> = {
  'congratulation-marriage': { titleA: 'anh', nameA: 'Nguyễn Văn Hùng', titleB: 'chị', nameB: 'Trần Thị Thu Hằng' },
  'congratulation-birth': { titleA: 'chị', nameA: 'Lê Thị Hương', titleB: 'cháu', nameB: 'Phạm Minh Khôi' },
  condolence: { titleA: 'ông', nameA: 'Đặng Văn Dũng', titleB: 'bà', nameB: 'Vũ Thị Lựu' },
};

/** The content of a template filled with sample names (the live preview); unsaved text may be given. */
export async function previewTemplate(
  deps: Deps,
  actor: Actor,
  slug: string,
  kindRaw: unknown,
  draft?: Record<string, unknown>,
): Promise<{ center: Center; content: LetterContent }> {
  const kind = parseKind(kindRaw);
  const center = await centerFor(deps, actor, slug, 'letters.manage');
  const t = draft ? validateTemplate(draft) : await templateFor(deps, center.id, kind);
  const s = await settingsFor(deps, center.id);
  const today = localDateOf(deps.now());
  return {
    center,
    content: compose(center, s, t, SAMPLE[kind], {
      number: null,
      date: today,
      eventDate: today,
      dossierCode: 'H26.99.01-261125-0001',
      procedureName: '',
    }),
  };
}

function compose(
  center: Center,
  s: LetterSettings,
  t: Template,
  names: Names,
  o: { number: number | null; date: string; eventDate: string; dossierCode: string; procedureName: string },
): LetterContent {
  const place = placeOf({ parentBody: center.parent_body, name: center.name, province: center.province });
  const vars = varsOf({
    names,
    centerName: center.name,
    parentBody: center.parent_body,
    place,
    eventDate: o.eventDate,
    dossierCode: o.dossierCode,
    procedureName: o.procedureName,
  });
  const signer = signerOf(
    { name: center.leader_name, title: center.leader_title, parentBody: center.parent_body },
    { prefix: s.signPrefix, authority: s.signAuthority },
  );
  return composeLetter(t, vars, { number: numberText(o.number, s.symbol), date: o.date, place, signer });
}

// ---- Letters ----

function namesOf(l: repo.LetterRow): Names {
  return { titleA: l.title_a as Title, nameA: l.name_a, titleB: l.title_b as Title, nameB: l.name_b };
}

export interface FollowupView {
  id: number;
  visit: boolean;
  offering: boolean;
  assignee: string;
  plannedDate: string | null;
  status: string;
  note: string;
  doneAt: string | null;
}

function presentFollowup(f: repo.FollowupRow): FollowupView {
  return {
    id: f.id,
    visit: f.visit === 1,
    offering: f.offering === 1,
    assignee: f.assignee,
    plannedDate: f.planned_date,
    status: f.status,
    note: f.note,
    doneAt: f.done_at,
  };
}

export type LetterView = ReturnType<typeof present>;

function present(l: repo.LetterRow, symbol: string, followUp: repo.FollowupRow | undefined) {
  const kind = l.kind as LetterKind;
  return {
    id: l.id,
    kind,
    status: l.status as LetterStatus,
    dossierCode: l.dossier_code,
    procedureCode: l.procedure_code,
    names: namesOf(l),
    missing: missingNames(kind, { nameA: l.name_a, nameB: l.name_b }),
    eventDate: l.event_date,
    number:
      l.number === null ? null : l.snapshot ? snapshotJson.decode(l.snapshot).number : numberText(l.number, symbol),
    numberYear: l.number_year,
    letterDate: l.letter_date,
    preparedAt: l.prepared_at,
    printedAt: l.printed_at,
    printCount: l.print_count,
    handedOverAt: l.handed_over_at,
    handedOverBy: l.handed_over_by,
    handoverNote: l.handover_note,
    evidence: l.evidence_key ? { contentType: l.evidence_type, bytes: l.evidence_bytes } : null,
    declinedAt: l.declined_at,
    declinedReason: l.declined_reason,
    followUp: followUp ? presentFollowup(followUp) : null,
    version: l.version,
  };
}

async function view(deps: Deps, l: repo.LetterRow, symbol?: string) {
  const s = symbol ?? (await settingsFor(deps, l.center_id)).symbol;
  return present(l, s, l.kind === 'condolence' ? await repo.followupOfLetter(deps.db, l.id) : undefined);
}

export async function listLetters(
  deps: Deps,
  actor: Actor,
  slug: string,
  f: { status?: unknown; kind?: unknown; limit?: unknown } = {},
) {
  const center = await centerFor(deps, actor, slug, 'letters.manage');
  const status = typeof f.status === 'string' && f.status ? f.status : undefined;
  if (status && !(LETTER_STATUSES as readonly string[]).includes(status))
    throw invalid('status', `Trạng thái: ${LETTER_STATUSES.join(', ')}.`, `Status: ${LETTER_STATUSES.join(', ')}.`);
  const kind = typeof f.kind === 'string' && f.kind ? f.kind : undefined;
  if (kind && !isKind(kind))
    throw invalid('kind', `Loại thư: ${LETTER_KINDS.join(', ')}.`, `Kind: ${LETTER_KINDS.join(', ')}.`);
  const limit = typeof f.limit === 'number' && Number.isInteger(f.limit) ? Math.min(Math.max(f.limit, 1), 500) : 200;
  const s = await settingsFor(deps, center.id);
  const rows = await repo.listLetters(deps.db, center.id, { status, kind, limit });
  const items = [];
  for (const r of rows) items.push(await view(deps, r, s.symbol));
  return { center, items, counts: await repo.countByStatus(deps.db, center.id) };
}

export async function getLetter(deps: Deps, actor: Actor, slug: string, id: unknown) {
  const { center, letter } = await letterFor(deps, actor, slug, id);
  await audit(deps, actor, center.id, 'letter.read', letter.dossier_code, { id: letter.id });
  return { center, letter: await view(deps, letter) };
}

const conflict = (vi: string, en: string) => new AppError('CONFLICT', [{ vi, en }]);

/** Staff correct the names and kinship terms before printing (also after a print: the next print uses them, same number). */
export async function updateNames(deps: Deps, actor: Actor, slug: string, id: unknown, input: Record<string, unknown>) {
  return inTransaction(deps.db, async (tx) => {
    const d = { ...deps, db: tx };
    const { center, letter } = await letterFor(d, actor, slug, id);
    if (letter.status === 'declined' || letter.status === 'handed_over')
      throw conflict(
        'Thư đã trao hoặc gia đình đã từ chối: không sửa được tên.',
        'The letter was handed over or declined: names cannot change.',
      );
    if (input.version !== undefined && Number(input.version) !== letter.version)
      throw conflict(
        'Thư vừa được người khác cập nhật, hãy tải lại.',
        'The letter was just changed by someone else; reload it.',
      );
    const set = {
      title_a: input.titleA === undefined ? letter.title_a : parseTitle(input.titleA, 'titleA'),
      name_a: input.nameA === undefined ? letter.name_a : cleanName(input.nameA),
      title_b: input.titleB === undefined ? letter.title_b : parseTitle(input.titleB, 'titleB'),
      name_b: input.nameB === undefined ? letter.name_b : cleanName(input.nameB),
    };
    for (const k of ['nameA', 'nameB'] as const) {
      const v = input[k];
      if (v !== undefined && (typeof v !== 'string' || v.length > 120))
        throw invalid(k, 'Họ và tên tối đa 120 ký tự.', 'A full name has at most 120 characters.');
      if (typeof v === 'string' && /[<>{}[\]\\]|\d/.test(v))
        throw invalid(
          k,
          'Họ và tên không chứa chữ số hay ký tự đặc biệt.',
          'A full name has no digits or special characters.',
        );
    }
    if (
      !(await repo.updateLetter(tx, letter.id, letter.version, {
        ...set,
        snapshot: null,
        updated_at: deps.now().toISOString(),
      }))
    )
      throw conflict(
        'Thư vừa được người khác cập nhật, hãy tải lại.',
        'The letter was just changed by someone else; reload it.',
      );
    await audit(d, actor, center.id, 'letter.names', letter.dossier_code, { id: letter.id, ...set });
    return view(d, (await repo.findLetter(tx, letter.id))!);
  });
}

/** What a letter says now: as printed (snapshot), else composed from the template (preview: blank number). */
async function contentOf(deps: Deps, center: Center, l: repo.LetterRow): Promise<LetterContent> {
  if (l.snapshot) return snapshotJson.decode(l.snapshot);
  const s = await settingsFor(deps, center.id);
  const t = await templateFor(deps, center.id, l.kind as LetterKind);
  const procedureName = await procedureNameOfDossier(deps, l.dossier_id);
  return compose(center, s, t, namesOf(l), {
    number: l.number,
    date: l.letter_date ?? localDateOf(deps.now()),
    eventDate: l.event_date,
    dossierCode: l.dossier_code,
    procedureName,
  });
}

/** The letter's content for the PDF/DOCX renderers (audited read). `draft` when it has no number yet. */
export async function letterDocument(deps: Deps, actor: Actor, slug: string, id: unknown) {
  const { center, letter } = await letterFor(deps, actor, slug, id);
  await audit(deps, actor, center.id, 'letter.read', letter.dossier_code, { id: letter.id, document: true });
  return {
    center,
    letter: await view(deps, letter),
    content: await contentOf(deps, center, letter),
    draft: letter.number === null,
  };
}

/**
 * Prints letters: each gets its number of the year at its first print (restarting on 1 January,
 * Vietnam time), its date, and a frozen copy of its text; prepared → printed. Declined and
 * incomplete letters are skipped with the reason; one transaction.
 */
export async function printLetters(deps: Deps, actor: Actor, slug: string, ids: unknown[]) {
  const center = await centerFor(deps, actor, slug, 'letters.manage');
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 200)
    throw invalid('ids', 'Chọn từ 1 đến 200 thư.', 'Choose between 1 and 200 letters.');
  return inTransaction(deps.db, async (tx) => {
    const d = { ...deps, db: tx };
    const printed: LetterView[] = [];
    const skipped: { id: number; vi: string; en: string }[] = [];
    const now = deps.now();
    const today = localDateOf(now);
    const year = parseLocalDate(today).y;
    for (const raw of ids) {
      const { letter } = await letterFor(d, actor, slug, raw);
      if (letter.status === 'declined') {
        skipped.push({ id: letter.id, vi: 'Gia đình đã từ chối nhận thư.', en: 'The family declined the letter.' });
        continue;
      }
      const missing = missingNames(letter.kind as LetterKind, { nameA: letter.name_a, nameB: letter.name_b });
      if (missing.length) {
        skipped.push({
          id: letter.id,
          vi: 'Cần bổ sung họ tên trước khi in.',
          en: 'Names must be completed before printing.',
        });
        continue;
      }
      const number = letter.number ?? (await repo.nextNumber(tx, center.id, year));
      const numberYear = letter.number_year ?? year;
      const letterDate = letter.letter_date ?? today;
      const content = letter.snapshot
        ? snapshotJson.decode(letter.snapshot)
        : await contentOf(d, center, { ...letter, number, letter_date: letterDate });
      const ok = await repo.updateLetter(tx, letter.id, letter.version, {
        number,
        number_year: numberYear,
        letter_date: letterDate,
        snapshot: snapshotJson.encode(content),
        status: letter.status === 'prepared' ? 'printed' : letter.status,
        printed_at: letter.printed_at ?? now.toISOString(),
        printed_by: letter.printed_by ?? actorId(actor),
        print_count: letter.print_count + 1,
        updated_at: now.toISOString(),
      });
      if (!ok)
        throw conflict(
          'Thư vừa được người khác cập nhật, hãy tải lại.',
          'The letter was just changed by someone else; reload it.',
        );
      await audit(d, actor, center.id, 'letter.print', letter.dossier_code, { id: letter.id, number: content.number });
      printed.push(await view(d, (await repo.findLetter(tx, letter.id))!));
    }
    return { printed, skipped };
  });
}

export async function printOne(deps: Deps, actor: Actor, slug: string, id: unknown) {
  const r = await printLetters(deps, actor, slug, [id]);
  const s = r.skipped[0];
  if (s) throw new AppError('CONFLICT', [{ vi: s.vi, en: s.en }]);
  return r.printed[0]!;
}

/** The ids of every letter waiting to be printed (prepared, names complete). */
export async function waitingIds(deps: Deps, actor: Actor, slug: string): Promise<number[]> {
  const center = await centerFor(deps, actor, slug, 'letters.manage');
  const rows = await repo.listLetters(deps.db, center.id, { status: 'prepared', limit: 200 });
  return rows
    .filter((r) => isWaitingToPrint({ kind: r.kind as LetterKind, status: r.status, nameA: r.name_a, nameB: r.name_b }))
    .map((r) => r.id)
    .reverse();
}

/** The batch print: the given letters, or by default every letter waiting; nothing to print answers empty lists. */
export async function printBatch(deps: Deps, actor: Actor, slug: string, ids?: unknown[]) {
  const list = ids ?? (await waitingIds(deps, actor, slug));
  if (!list.length) return { printed: [] as LetterView[], skipped: [] as { id: number; vi: string; en: string }[] };
  return printLetters(deps, actor, slug, list);
}

/** Contents of several letters (batch print), in the given order. */
export async function letterDocuments(deps: Deps, actor: Actor, slug: string, ids: number[]) {
  const center = await centerFor(deps, actor, slug, 'letters.manage');
  const out: LetterContent[] = [];
  for (const id of ids) {
    const { letter } = await letterFor(deps, actor, slug, id);
    if (letter.status === 'declined') continue;
    out.push(await contentOf(deps, center, letter));
  }
  await audit(deps, actor, center.id, 'letter.read', center.slug, { ids, document: true });
  return { center, contents: out };
}

function parseWhen(v: unknown, now: Date): string {
  if (v === undefined || v === null || v === '') return now.toISOString();
  const s = typeof v === 'string' ? v.trim() : '';
  // a local "YYYY-MM-DDTHH:mm" (the console's datetime-local) is Vietnam time
  const d = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s) ? new Date(`${s}:00+07:00`) : new Date(s);
  if (!s || Number.isNaN(d.getTime()) || d.getTime() > now.getTime() + 60_000 || d.getFullYear() < 2000)
    throw invalid(
      'at',
      'Thời điểm trao thư không hợp lệ (không được ở tương lai).',
      'The handover time is not valid (it cannot be in the future).',
    );
  return d.toISOString();
}

/** Records that the printed letter was handed to the family: when, by whom, optional note and evidence (photo or scan). */
export async function recordHandover(
  deps: Deps,
  actor: Actor,
  slug: string,
  id: unknown,
  input: { at?: unknown; by?: unknown; note?: unknown; file?: unknown },
) {
  const { letter } = await letterFor(deps, actor, slug, id);
  if (letter.status === 'declined') throw conflict('Gia đình đã từ chối nhận thư.', 'The family declined the letter.');
  if (letter.status === 'prepared')
    throw conflict('Hãy in thư trước khi ghi nhận việc trao.', 'Print the letter before recording its handover.');
  if (letter.status === 'handed_over') throw conflict('Thư đã được trao.', 'The letter was already handed over.');
  const at = parseWhen(input.at, deps.now());
  const by = typeof input.by === 'string' && nfc(input.by) ? nfc(input.by).slice(0, 120) : actor.fullName;
  const note = typeof input.note === 'string' ? nfc(input.note).slice(0, 500) : '';
  const hasFile = Buffer.isBuffer(input.file)
    ? input.file.length > 0
    : input.file !== undefined && input.file !== null && input.file !== '';
  const file = hasFile ? checkFile(input.file) : null;
  // The file is stored before the row (a rollback leaves at most an unreferenced file).
  const blob = file ? await putBlob(uploadsDir(deps), file.bytes) : null;
  return inTransaction(deps.db, async (tx) => {
    const d = { ...deps, db: tx };
    const { center, letter: cur } = await letterFor(d, actor, slug, id);
    const ok = await repo.updateLetter(tx, cur.id, letter.version, {
      status: 'handed_over',
      handed_over_at: at,
      handed_over_by: by,
      handover_note: note || null,
      handover_recorded_by: actorId(actor),
      evidence_key: blob?.key ?? null,
      evidence_sha256: blob?.sha256 ?? null,
      evidence_type: file?.contentType ?? null,
      evidence_bytes: file ? file.bytes.length : null,
      updated_at: deps.now().toISOString(),
    });
    if (!ok)
      throw conflict(
        'Thư vừa được người khác cập nhật, hãy tải lại.',
        'The letter was just changed by someone else; reload it.',
      );
    await audit(d, actor, center.id, 'letter.handover', cur.dossier_code, { id: cur.id, at, by, evidence: !!blob });
    return view(d, (await repo.findLetter(tx, cur.id))!);
  });
}

export async function readEvidence(deps: Deps, actor: Actor, slug: string, id: unknown) {
  const { center, letter } = await letterFor(deps, actor, slug, id);
  if (!letter.evidence_key || !letter.evidence_sha256)
    throw new AppError('NOT_FOUND', [{ vi: 'Thư không có ảnh minh chứng.', en: 'The letter has no evidence file.' }]);
  await audit(deps, actor, center.id, 'letter.evidence.read', letter.dossier_code, { id: letter.id });
  const bytes = await readBlob(uploadsDir(deps), letter.evidence_key, letter.evidence_sha256);
  const ext = letter.evidence_type === 'application/pdf' ? 'pdf' : letter.evidence_type === 'image/png' ? 'png' : 'jpg';
  return {
    bytes,
    contentType: letter.evidence_type ?? 'application/octet-stream',
    name: `minh-chung-thu-${letter.id}.${ext}`,
  };
}

/** The family declines: no letter is printed or handed over and the follow-up is cancelled. The reason is kept. */
export async function declineLetter(deps: Deps, actor: Actor, slug: string, id: unknown, input: { reason?: unknown }) {
  const reason = typeof input.reason === 'string' ? nfc(input.reason).slice(0, 500) : '';
  if (!reason)
    throw invalid('reason', 'Ghi lại lý do hoặc lời của gia đình.', 'Record the reason or the family’s words.');
  return inTransaction(deps.db, async (tx) => {
    const d = { ...deps, db: tx };
    const { center, letter } = await letterFor(d, actor, slug, id);
    if (letter.status === 'handed_over')
      throw conflict('Thư đã được trao, không thể ghi từ chối.', 'The letter was already handed over.');
    if (letter.status === 'declined') throw conflict('Gia đình đã từ chối trước đó.', 'Already declined.');
    const now = deps.now().toISOString();
    if (
      !(await repo.updateLetter(tx, letter.id, letter.version, {
        status: 'declined',
        declined_at: now,
        declined_reason: reason,
        declined_by: actorId(actor),
        updated_at: now,
      }))
    ) {
      throw conflict(
        'Thư vừa được người khác cập nhật, hãy tải lại.',
        'The letter was just changed by someone else; reload it.',
      );
    }
    const f = await repo.followupOfLetter(tx, letter.id);
    if (f && f.status === 'open') await repo.updateFollowup(tx, f.id, { status: 'cancelled', updated_at: now });
    await audit(d, actor, center.id, 'letter.decline', letter.dossier_code, { id: letter.id, reason });
    return view(d, (await repo.findLetter(tx, letter.id))!);
  });
}

// ---- Follow-ups ----

export async function listFollowups(deps: Deps, actor: Actor, slug: string, status?: unknown) {
  const center = await centerFor(deps, actor, slug, 'letters.manage');
  const st = typeof status === 'string' && status ? status : undefined;
  if (st && !['open', 'done', 'cancelled'].includes(st))
    throw invalid('status', 'Trạng thái: open, done, cancelled.', 'Status: open, done, cancelled.');
  const rows = await repo.listFollowups(deps.db, center.id, st);
  return rows.map((r) => ({
    ...presentFollowup(r),
    letterId: r.letter_id,
    dossierCode: r.dossier_code,
    family: r.name_a ? [r.title_a, r.name_a].filter(Boolean).join(' ') : '',
    deceased: r.name_b ? [r.title_b, r.name_b].filter(Boolean).join(' ') : '',
  }));
}

export async function updateFollowup(
  deps: Deps,
  actor: Actor,
  slug: string,
  id: unknown,
  input: Record<string, unknown>,
) {
  const center = await centerFor(deps, actor, slug, 'letters.manage');
  const n = parseId(id);
  return inTransaction(deps.db, async (tx) => {
    const f = n !== null ? await repo.findFollowup(tx, n) : undefined;
    if (!f || f.center_id !== center.id)
      throw new AppError('NOT_FOUND', [{ vi: 'Không tìm thấy việc thăm hỏi.', en: 'No such follow-up.' }]);
    if (f.status === 'cancelled')
      throw conflict('Gia đình đã từ chối: không thăm hỏi.', 'The family declined: no follow-up.');
    const bool = (v: unknown, k: string) => {
      if (v === undefined) return undefined;
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (v === '1' || v === 'on' || v === 'true') return 1;
      if (v === '0' || v === 'false' || v === '') return 0;
      throw invalid(k, 'Giá trị có/không.', 'A yes/no value.');
    };
    const planned = input.plannedDate;
    if (
      planned !== undefined &&
      planned !== null &&
      planned !== '' &&
      !(typeof planned === 'string' && isLocalDate(planned))
    )
      throw invalid('plannedDate', 'Ngày đi thăm dạng YYYY-MM-DD.', 'The visit date is YYYY-MM-DD.');
    const now = deps.now().toISOString();
    const done = input.done === true || input.done === '1' || input.done === 'on' || input.done === 'true';
    const set = {
      visit: bool(input.visit, 'visit') ?? f.visit,
      offering: bool(input.offering, 'offering') ?? f.offering,
      assignee: typeof input.assignee === 'string' ? nfc(input.assignee).slice(0, 200) : f.assignee,
      planned_date: planned === undefined ? f.planned_date : planned === '' || planned === null ? null : planned,
      note: typeof input.note === 'string' ? nfc(input.note).slice(0, 1000) : f.note,
      status: done ? 'done' : f.status,
      done_at: done ? (f.done_at ?? now) : f.done_at,
      done_by: done ? (f.done_by ?? actorId(actor)) : f.done_by,
      updated_at: now,
    };
    if (done && !set.assignee) throw invalid('assignee', 'Ghi người đã đi thăm hỏi.', 'Record who went.');
    await repo.updateFollowup(tx, f.id, set);
    await audit({ ...deps, db: tx }, actor, center.id, 'letter.followup', String(f.letter_id), set);
    return presentFollowup((await repo.findFollowup(tx, f.id))!);
  });
}

export { getCenterById };
