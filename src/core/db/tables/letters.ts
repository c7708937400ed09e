/** Table types: courtesy letters, templates, print queue, handovers (issue 5, owner: letters). Same portable conventions as ../schema.ts. */
import type { Generated } from 'kysely';

/** One courtesy letter per dossier and kind (thư chúc mừng / thư chia buồn), from preparation to handover or decline. */
export interface CourtesyLetterTable {
  id: Generated<number>;
  center_id: number;
  dossier_id: number;
  dossier_code: string;
  procedure_code: string;
  /** 'congratulation-marriage' | 'congratulation-birth' | 'condolence' */
  kind: string;
  /** 'prepared' | 'printed' | 'handed_over' | 'declined' */
  status: string;
  /** Person 1: the couple's first partner, the birth's parent, the bereaved relative (the addressee). */
  title_a: string;
  name_a: string;
  /** Person 2: the other partner, the child (optional), the deceased. */
  title_b: string;
  name_b: string;
  /** The day the event was registered, 'YYYY-MM-DD' (Vietnam). */
  event_date: string;
  /** Yearly number, given at the first print (Decree 30 Art. 15: restarts on 1 January). */
  number: number | null;
  number_year: number | null;
  /** Date on the letter ('YYYY-MM-DD', Vietnam), set at the first print. */
  letter_date: string | null;
  /** The letter as printed (JSON {number, title, addressee, paragraphs, recipients, signer}): reprints are identical. */
  snapshot: string | null;
  prepared_at: string;
  printed_at: string | null;
  printed_by: number | null;
  print_count: number;
  handed_over_at: string | null;
  handed_over_by: string | null;
  handover_note: string | null;
  handover_recorded_by: number | null;
  evidence_key: string | null;
  evidence_sha256: string | null;
  evidence_type: string | null;
  evidence_bytes: number | null;
  declined_at: string | null;
  declined_reason: string | null;
  declined_by: number | null;
  updated_at: string;
  version: number;
}

/** The visit / funeral offering that goes with a condolence letter. */
export interface LetterFollowupTable {
  id: Generated<number>;
  center_id: number;
  letter_id: number;
  dossier_id: number;
  visit: number; // 0/1
  offering: number; // 0/1
  assignee: string;
  planned_date: string | null; // YYYY-MM-DD
  /** 'open' | 'done' | 'cancelled' (the family declined) */
  status: string;
  note: string;
  done_at: string | null;
  done_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A centre's own wording of a letter kind (absent: the shipped default). */
export interface LetterTemplateTable {
  center_id: number;
  kind: string;
  title: string;
  addressee: string;
  body: string;
  recipients: string;
  updated_at: string;
  updated_by: number | null;
}

/** A centre's letter settings: which procedure codes trigger which letter, number symbol, signature. */
export interface LetterSettingsTable {
  center_id: number;
  marriage_codes: string; // JSON string[]
  birth_codes: string; // JSON string[]
  death_codes: string; // JSON string[]
  symbol: string;
  /** '' (auto: "Phó …" signs KT.), 'none', 'TM.', 'KT.' */
  sign_prefix: string;
  sign_authority: string;
  updated_at: string;
  updated_by: number | null;
}

export interface LettersTables {
  courtesy_letter: CourtesyLetterTable;
  letter_followup: LetterFollowupTable;
  letter_template: LetterTemplateTable;
  letter_settings: LetterSettingsTable;
}
