/**
 * The dossier's rows as intake writes them: one builder for the desk's `receive` and the demo's
 * history generator (issue 16: the demo no longer repeats the intake row builder), and the facts a
 * desk event carries, read back from a row (for callers outside the event, e.g. a letter prepared
 * again by hand).
 */
import type { Selectable } from 'kysely';
import type { Deps } from '../../../core/deps.ts';
import type { DossierTable } from '../../../core/db/schema.ts';
import { toLocal } from '../../../core/calendar/index.ts';
import { searchTextOf, type Applicant, type Status } from '../model.ts';
import type { DossierFee } from './fees.ts';
import type { DossierEventFacts } from '../hooks.ts';
import * as repo from '../repo.ts';
import {
  applicantJson,
  componentsJson,
  eventDataJson,
  feeLinesJson,
  ownerJson,
  type ReceivedComponent,
} from '../columns.ts';

export type DossierRowValues = Omit<Selectable<DossierTable>, 'id'>;
/** A 'received' event row without its dossier id (the demo adds it after a multi-row insert). */
export interface ReceivedEventValues {
  center_id: number;
  seq: number;
  action: string;
  from_status: number | null;
  to_status: number;
  actor_user_id: number | null;
  actor_name: string;
  at: string;
  data: string;
}

export interface NewDossier {
  centerId: number;
  code: string;
  procedure: { id: number; versionId: number; code: string; name: string; field: string };
  status: Status;
  channel: string;
  applicant: Applicant;
  owner: Applicant | null;
  subject: string;
  sets: number;
  /** The components as received (digitised/reused set the dossier's flags). */
  components: readonly ReceivedComponent[];
  receivedAt: Date;
  appointment: { dueAt: Date; sameDay: boolean };
  lookupSecret: string;
  vneidVerified: boolean;
  citizenStore?: boolean;
  populationData?: boolean;
  createdBy: number | null;
  /** ISO instant the row is written (intake: now; the demo's history: the receipt). */
  createdAt: string;
  portalCode?: string | null;
  fee?: DossierFee | null;
}

/** The fee columns of a dossier row (all null when no fee was recorded). */
export function feeColumns(
  fee: DossierFee | null,
): Pick<DossierRowValues, 'fee_amount' | 'fee_status' | 'fee_method' | 'fee_receipt' | 'fee_lines'> {
  return {
    fee_amount: fee ? fee.total : null,
    fee_status: fee ? fee.status : null,
    fee_method: fee?.method ?? null,
    fee_receipt: fee && fee.receipt !== '' ? fee.receipt : null,
    fee_lines: fee ? feeLinesJson.encode({ lines: fee.lines, capped: fee.capped }) : null,
  };
}

/** The row of a dossier just received (status 1 online or 2 accepted, version 1). */
export function dossierRow(n: NewDossier): DossierRowValues {
  return {
    center_id: n.centerId,
    code: n.code,
    procedure_id: n.procedure.id,
    procedure_version_id: n.procedure.versionId,
    procedure_code: n.procedure.code,
    procedure_name: n.procedure.name,
    field: n.procedure.field,
    status: n.status,
    channel: n.channel,
    applicant: applicantJson.encode(n.applicant),
    owner: n.owner ? ownerJson.encode(n.owner) : null,
    subject: n.subject,
    sets: n.sets,
    components: componentsJson.encode([...n.components]),
    received_at: n.receivedAt.toISOString(),
    local_day: toLocal(n.receivedAt).date,
    due_at: n.appointment.dueAt.toISOString(),
    extended_due_at: null,
    same_day: n.appointment.sameDay ? 1 : 0,
    lookup_secret: n.lookupSecret,
    supplement_count: 0,
    holder: null,
    assigned_user_id: null,
    search_text: searchTextOf(n.code, n.applicant, n.owner),
    ended_at: null,
    processed_at: null,
    returned_at: null,
    return_method: null,
    result_note: null,
    digitised: n.components.some((c) => c.digitised) ? 1 : 0,
    reused: n.components.some((c) => c.reused) ? 1 : 0,
    electronic_result: 0,
    vneid_verified: n.vneidVerified ? 1 : 0,
    citizen_store: n.citizenStore === true ? 1 : 0,
    population_db: n.populationData === true ? 1 : 0,
    created_by: n.createdBy,
    created_at: n.createdAt,
    updated_at: n.createdAt,
    version: 1,
    portal_code: n.portalCode ?? null,
    ...feeColumns(n.fee ?? null),
  };
}

/** The data of a 'received' event: the channel and the appointment as computed (and why). */
export function receivedEventData(
  channel: string,
  appointment: { dueAt: Date; sameDay: boolean; rule: string },
): { channel: string; dueAt: string; sameDay: boolean; rule: string } {
  return {
    channel,
    dueAt: appointment.dueAt.toISOString(),
    sameDay: appointment.sameDay,
    rule: appointment.rule,
  };
}

/** The first event of a dossier (seq 1, 'received'), without its dossier id. */
export function receivedEvent(e: {
  centerId: number;
  status: Status;
  actorUserId: number | null;
  actorName: string;
  at: string;
  data: Readonly<Record<string, unknown>>;
}): ReceivedEventValues {
  return {
    center_id: e.centerId,
    seq: 1,
    action: 'received',
    from_status: null,
    to_status: e.status,
    actor_user_id: e.actorUserId,
    actor_name: e.actorName,
    at: e.at,
    data: eventDataJson.encode(e.data),
  };
}

/** The facts a desk event carries, read from the dossier row in `deps.db` (null: no such dossier in that centre). */
export async function dossierEventFacts(
  deps: Pick<Deps, 'db'>,
  centerId: number,
  dossierId: number,
): Promise<DossierEventFacts | null> {
  const d = await repo.findById(deps.db, dossierId);
  if (d?.center_id !== centerId) return null;
  return {
    code: d.code,
    status: d.status as Status,
    procedureCode: d.procedure_code,
    procedureName: d.procedure_name,
    applicant: applicantJson.decode(d.applicant),
    owner: ownerJson.decodeNullable(d.owner),
    dueAt: d.due_at,
    extendedDueAt: d.extended_due_at,
    lookupSecret: d.lookup_secret,
  };
}
