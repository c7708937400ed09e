/**
 * The stored rows of the DVCQG export read as the mapping's input (`sourceOf`, `eventOf`), and a
 * period read a day at a time with the events of each week in one query per 500 dossiers
 * (`hoSoWindows`): a year of a busy centre is never held at once.
 */
import type { Selectable } from 'kysely';
import type { Deps } from '../../../core/deps.ts';
import type { Center, DossierEventTable, DossierTable } from '../../../core/db/schema.ts';
import type { DossierEvent } from '../service.ts';
import { addDays } from '../../../core/calendar/index.ts';
import { applicantJson, componentsJson, eventDataJson, ownerJson } from '../columns.ts';
import type { Channel, Status } from '../model.ts';
import * as deskRepo from '../repo.ts';
import { toHoSo, type HoSo, type HoSoSource } from './dvcqg.ts';
import { eventsOfDossiers } from './dvcqg-repo.ts';

/** Days read at once: a day of a busy centre is a few hundred dossiers. */
export const WINDOW_DAYS = 1;

/** The mapping's input from a stored row (the same fields the staff view presents). */
export function sourceOf(d: Selectable<DossierTable>): HoSoSource {
  return {
    code: d.code,
    status: d.status as Status,
    procedureCode: d.procedure_code,
    procedureName: d.procedure_name,
    field: d.field,
    channel: d.channel as Channel,
    applicant: applicantJson.decode(d.applicant),
    owner: ownerJson.decodeNullable(d.owner),
    subject: d.subject,
    components: componentsJson.decode(d.components),
    receivedAt: d.received_at,
    dueAt: d.due_at,
    processedAt: d.processed_at,
    returnedAt: d.returned_at,
    returnMethod: d.return_method,
    endedAt: d.ended_at,
    flags: {
      digitised: d.digitised === 1,
      reused: d.reused === 1,
      electronicResult: d.electronic_result === 1,
      vneidVerified: d.vneid_verified === 1,
      citizenStore: d.citizen_store === 1,
      populationData: d.population_db === 1,
    },
  };
}

export function eventOf(e: Selectable<DossierEventTable>): DossierEvent {
  return {
    seq: e.seq,
    action: e.action,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    actor: e.actor_name,
    at: e.at,
    data: eventDataJson.decode(e.data),
  };
}

/**
 * The dossiers received from `from` to `to` (both included), a day at a time, in receipt order,
 * each with a function building its HoSo: a writer builds one, writes it and lets it go, so only a
 * day's rows stay alive (decision 046: building a window's objects at once doubled the peak).
 */
export async function* dossierWindows(
  deps: Pick<Deps, 'db'>,
  center: Pick<Center, 'id' | 'name'>,
  from: string,
  to: string,
): AsyncGenerator<(() => HoSo)[]> {
  for (let day = from; day <= to; day = addDays(day, WINDOW_DAYS)) {
    const last = addDays(day, WINDOW_DAYS - 1);
    const rows = await deskRepo.receivedBetween(deps.db, center.id, day, last < to ? last : to);
    if (!rows.length) continue;
    const events = new Map<number, Selectable<DossierEventTable>[]>();
    for (const e of await eventsOfDossiers(
      deps.db,
      rows.map((r) => r.id),
    )) {
      const list = events.get(e.dossier_id);
      if (list) list.push(e);
      else events.set(e.dossier_id, [e]);
    }
    yield rows.map((r) => () => toHoSo(sourceOf(r), (events.get(r.id) ?? []).map(eventOf), center));
  }
}

/** The HoSo objects of the dossiers received from `from` to `to` (both included), a day at a time, in receipt order. */
export async function* hoSoWindows(
  deps: Pick<Deps, 'db'>,
  center: Pick<Center, 'id' | 'name'>,
  from: string,
  to: string,
): AsyncGenerator<HoSo[]> {
  for await (const window of dossierWindows(deps, center, from, to)) yield window.map((build) => build());
}
