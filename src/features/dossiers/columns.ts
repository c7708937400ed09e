/**
 * The desk's JSON text columns, each through the codec of src/core/db/json.ts: a TypeBox schema per
 * column, decoded on read, a row without the shape its type claims fails loudly (CorruptRowError,
 * naming table and column). One decoder per column for every reader of the desk (service, intake
 * rows, reads, console; the other sub-folders may use them too).
 */
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { CorruptRowError, jsonCodec, schemaCodec, type JsonCodec } from '../../core/db/json.ts';
import type { ComponentRequirement } from '../catalog/index.ts';
import type { Applicant } from './model.ts';
import type { FeeLine } from './intake/fees.ts';

export interface ReceivedComponent {
  name: string;
  /** From the catalogue: required, optional (when the case applies) or shown for comparison. */
  requirement?: ComponentRequirement;
  /** Shown for comparison (xuất trình) and handed back: printed as shown, not received. */
  shown?: boolean;
  originals: number;
  /** Certified copies (bản sao có chứng thực). */
  certifiedCopies?: number;
  /** Photocopies (bản photo, bản chụp); before issue 11 all copies were counted here. */
  copies: number;
  digitised: boolean;
  reused: boolean;
}

/** An applicant as stored: kind and name always; the other texts may be absent in rows written before them ('' then). */
const StoredApplicant = Type.Object({
  kind: Type.Union([Type.Literal('citizen'), Type.Literal('organization')]),
  fullName: Type.String(),
  idNumber: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  address: Type.Optional(Type.String()),
  orgName: Type.Optional(Type.String()),
  taxCode: Type.Optional(Type.String()),
});
const storedApplicant = Compile(StoredApplicant);

function applicantCodec(column: string): JsonCodec<Applicant> {
  return jsonCodec(column, (v): Applicant => {
    if (!storedApplicant.Check(v)) {
      const first = storedApplicant.Errors(v)[0];
      throw new CorruptRowError(
        column,
        first ? `${first.instancePath || '(root)'} ${first.message}` : 'not an applicant',
      );
    }
    return {
      ...v,
      kind: v.kind,
      fullName: v.fullName,
      idNumber: v.idNumber ?? '',
      phone: v.phone ?? '',
      email: v.email ?? '',
      address: v.address ?? '',
      orgName: v.orgName ?? '',
      taxCode: v.taxCode ?? '',
    };
  });
}

const Component = Type.Object({
  name: Type.String(),
  requirement: Type.Optional(Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('shown')])),
  shown: Type.Optional(Type.Boolean()),
  originals: Type.Number(),
  certifiedCopies: Type.Optional(Type.Number()),
  copies: Type.Number(),
  digitised: Type.Boolean(),
  reused: Type.Boolean(),
});

/** dossier.applicant: who submitted the dossier. */
export const applicantJson = applicantCodec('dossier.applicant');
/** dossier.owner: whose matter it is, when not the applicant (nullable). */
export const ownerJson = applicantCodec('dossier.owner');
/** dossier.components: the components as received. */
export const componentsJson: JsonCodec<ReceivedComponent[]> = schemaCodec('dossier.components', Type.Array(Component));
/** dossier.fee_lines: the fee's lines and whether a cap applied (nullable: no fee recorded). */
export const feeLinesJson: JsonCodec<{ lines?: FeeLine[]; capped?: boolean }> = schemaCodec(
  'dossier.fee_lines',
  Type.Object({
    lines: Type.Optional(
      Type.Array(
        Type.Object({
          item: Type.Number(),
          name: Type.String(),
          per: Type.String(),
          quantity: Type.Number(),
          unitAmount: Type.Number(),
          amount: Type.Number(),
        }),
      ),
    ),
    capped: Type.Optional(Type.Boolean()),
  }),
);
/** dossier_event.data: the event's facts (an object; each action its own keys, see hooks.ts). */
export const eventDataJson: JsonCodec<Record<string, unknown>> = schemaCodec(
  'dossier_event.data',
  Type.Record(Type.String(), Type.Unknown()),
);

/** counter_guidance.applicant, .components, .missing: the guidance record (form 02). */
export const guidanceApplicantJson = applicantCodec('counter_guidance.applicant');
export const guidanceComponentsJson: JsonCodec<ReceivedComponent[]> = schemaCodec(
  'counter_guidance.components',
  Type.Array(Component),
);
export const guidanceMissingJson: JsonCodec<string[]> = schemaCodec(
  'counter_guidance.missing',
  Type.Array(Type.String()),
);

/** The applicant's display name (the organisation's for an organisation). */
export function applicantName(a: Applicant): string {
  return a.kind === 'organization' ? a.orgName || a.fullName : a.fullName;
}
