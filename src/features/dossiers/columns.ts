/**
 * The desk's JSON columns through the one codec (src/core/db/json.ts): a row whose applicant,
 * owner, components or event data does not have the shape its type claims fails loudly, naming
 * the column, instead of travelling on as a wrong type.
 */
import Type from 'typebox';
import { schemaCodec } from '../../core/db/json.ts';
import type { ComponentRequirement } from '../catalog/index.ts';

const ApplicantSchema = Type.Object({
  kind: Type.Union([Type.Literal('citizen'), Type.Literal('organization')]),
  fullName: Type.String(),
  idNumber: Type.String(),
  phone: Type.String(),
  email: Type.String(),
  address: Type.String(),
  orgName: Type.String(),
  taxCode: Type.String(),
});

/** dossier.applicant: who submitted. */
export const applicantJson = schemaCodec('dossier.applicant', ApplicantSchema);
/** dossier.owner: the owner when someone else submitted (nullable column: `decodeNullable`). */
export const ownerJson = schemaCodec('dossier.owner', ApplicantSchema);

const ComponentSchema = Type.Object({
  name: Type.String(),
  requirement: Type.Optional(Type.Unsafe<ComponentRequirement>(Type.String())),
  shown: Type.Optional(Type.Boolean()),
  originals: Type.Number(),
  certifiedCopies: Type.Optional(Type.Number()),
  copies: Type.Number(),
  digitised: Type.Boolean(),
  reused: Type.Boolean(),
});

/** dossier.components: the documents received, with their digitisation flags. */
export const componentsJson = schemaCodec('dossier.components', Type.Array(ComponentSchema));

/** dossier_event.data: the event's own facts (an object; each reader checks the keys it uses). */
export const eventDataJson = schemaCodec('dossier_event.data', Type.Record(Type.String(), Type.Unknown()));
