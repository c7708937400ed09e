/** Table types: catalogue review (who confirmed a procedure's fees and limits, when) and the per-centre search guidance (issue 12, owner: search-paper). */
import type { Generated } from 'kysely';

export interface ProcedureConfirmationTable {
  id: Generated<number>;
  center_id: number;
  /** National procedure code. */
  code: string;
  /** The published version the controller looked at. */
  version_id: number;
  /**
   * sha256 of the confirmed values (fees, time limit, codes, announcement) as canonical JSON: a
   * later version with other values is not covered by this confirmation.
   */
  values_hash: string;
  confirmed_by: number | null;
  /** Name of the person at the time (the account may be renamed or removed later). */
  confirmed_by_name: string;
  /** ISO instant. */
  confirmed_at: string;
  /** What was checked against (e.g. the province's announcement decision), optional. */
  source: string;
}

export interface SearchGuidanceTable {
  center_id: number;
  /** JSON: the centre's "not here" topics (format motcua-not-here/1, the topics array). */
  topics: string;
  updated_by: number | null;
  updated_at: string;
}

export interface CatalogReviewTables {
  procedure_confirmation: ProcedureConfirmationTable;
  search_guidance: SearchGuidanceTable;
}
