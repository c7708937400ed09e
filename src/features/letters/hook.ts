/**
 * Courtesy letters as a subscriber of the desk's events (registered in src/features/index.ts): the
 * desk publishes inside the transaction of `intake` and `act`, right after the event is appended. A congratulation letter is prepared when
 * a marriage or birth registration is returned; a condolence letter and its follow-up task when a
 * death registration is received (status 2). Which codes count is the centre's configuration.
 *
 * - Same transaction: a letter exists if and only if the dossier event committed.
 * - Idempotent: one letter per dossier and kind (unique key; a second call inserts nothing).
 * - Never fails the dossier action: on PostgreSQL and SQLite the work runs under a SAVEPOINT and
 *   anything unexpected is rolled back to it and logged, the dossier's own writes stay.
 *
 * Light on purpose (no PDF or DOCX code): it is loaded with the desk.
 */
import { sql } from 'kysely';
import type { Deps } from '../../core/deps.ts';
import { CorruptRowError, type JsonCodec } from '../../core/db/json.ts';
import { localDateOf } from '../../core/calendar/index.ts';
import { dossierEventFacts, type DossierEventFacts, type DossierEventMessage } from '../dossiers/index.ts';
import * as repo from './repo.ts';
import { DEFAULT_TRIGGERS, initialNames, letterFor, triggerCodesJson, type Triggers } from './model.ts';

export interface CourtesyEvent {
  centerId: number;
  dossierId: number;
  action: string;
  /** The dossier after the event, as the desk published it (else read in the same transaction). */
  dossier?: DossierEventFacts;
}

const RELEVANT = new Set(['received', 'accept', 'return_result']);

/** A column of codes; a broken value (hand-edited row) means the defaults, so that it never fails a dossier action. */
function codesOr(codec: JsonCodec<string[]>, text: string, fallback: readonly string[]): string[] {
  try {
    return codec.decode(text);
  } catch (e) {
    if (e instanceof CorruptRowError) return [...fallback];
    throw e;
  }
}

export async function triggersOf(db: Deps['db'], centerId: number): Promise<Triggers> {
  const s = await repo.findSettings(db, centerId);
  const d = DEFAULT_TRIGGERS;
  if (!s) return { marriage: [...d.marriage], birth: [...d.birth], death: [...d.death] };
  return {
    marriage: codesOr(triggerCodesJson.marriage, s.marriage_codes, d.marriage),
    birth: codesOr(triggerCodesJson.birth, s.birth_codes, d.birth),
    death: codesOr(triggerCodesJson.death, s.death_codes, d.death),
  };
}

/** Prepares the letter (and follow-up) a dossier event calls for; returns the new letter's id, or null. */
async function prepare(deps: Deps, e: CourtesyEvent): Promise<number | null> {
  const db = deps.db;
  const d = e.dossier ?? (await dossierEventFacts(deps, e.centerId, e.dossierId));
  if (!d) return null;
  const kind = letterFor(await triggersOf(db, e.centerId), d.procedureCode, e.action, d.status);
  if (!kind) return null;
  const names = initialNames(kind, d.applicant, d.owner);
  const now = deps.now();
  const nowIso = now.toISOString();
  const id = await repo.insertLetter(db, {
    center_id: e.centerId,
    dossier_id: e.dossierId,
    dossier_code: d.code,
    procedure_code: d.procedureCode,
    kind,
    status: 'prepared',
    title_a: names.titleA,
    name_a: names.nameA,
    title_b: names.titleB,
    name_b: names.nameB,
    event_date: localDateOf(now),
    number: null,
    number_year: null,
    letter_date: null,
    snapshot: null,
    prepared_at: nowIso,
    printed_at: null,
    printed_by: null,
    print_count: 0,
    handed_over_at: null,
    handed_over_by: null,
    handover_note: null,
    handover_recorded_by: null,
    evidence_key: null,
    evidence_sha256: null,
    evidence_type: null,
    evidence_bytes: null,
    declined_at: null,
    declined_reason: null,
    declined_by: null,
    updated_at: nowIso,
    version: 1,
  });
  if (id !== null && kind === 'condolence') {
    await repo.insertFollowup(db, {
      center_id: e.centerId,
      letter_id: id,
      dossier_id: e.dossierId,
      visit: 1,
      offering: 1,
      assignee: '',
      planned_date: null,
      status: 'open',
      note: '',
      done_at: null,
      done_by: null,
      created_at: nowIso,
      updated_at: nowIso,
    });
  }
  return id;
}

/**
 * Called by the desk inside its transaction (deps.db is the transaction). Returns the id of a
 * newly prepared letter, or null (not a trigger, already prepared, or an error that was logged).
 */
export async function prepareCourtesyForDossierEvent(deps: Deps, e: CourtesyEvent): Promise<number | null> {
  if (!RELEVANT.has(e.action)) return null;
  if (!deps.db.isTransaction) {
    try {
      return await deps.db.transaction().execute((tx) => prepare({ ...deps, db: tx }, e));
    } catch (err) {
      deps.log.error({ err, dossierId: e.dossierId }, 'courtesy letter not prepared');
      return null;
    }
  }
  await sql`SAVEPOINT courtesy_letter`.execute(deps.db);
  try {
    const id = await prepare(deps, e);
    await sql`RELEASE SAVEPOINT courtesy_letter`.execute(deps.db);
    return id;
  } catch (err) {
    await sql`ROLLBACK TO SAVEPOINT courtesy_letter`.execute(deps.db);
    await sql`RELEASE SAVEPOINT courtesy_letter`.execute(deps.db);
    deps.log.error({ err, dossierId: e.dossierId }, 'courtesy letter not prepared');
    return null;
  }
}

/** The subscriber registered with the desk (src/features/index.ts); never fails the dossier action. */
export async function courtesyOnDossierEvent(deps: Deps, e: DossierEventMessage): Promise<void> {
  await prepareCourtesyForDossierEvent(deps, {
    centerId: e.centerId,
    dossierId: e.dossierId,
    action: e.action,
    dossier: e.dossier,
  });
}
