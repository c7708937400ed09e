/** The register's pure rules for its console pages. */

/** The list page's filter as the form sent it: each field a string of at most 100 characters ('' when absent). */
export interface RegisterFilter {
  year: string;
  direction: string;
  status: string;
  q: string;
}

export function registerFilterOf(query: Record<string, unknown>): RegisterFilter {
  const s = (k: string) => {
    const v = query[k];
    return typeof v === 'string' ? v.slice(0, 100) : '';
  };
  return { year: s('year'), direction: s('direction'), status: s('status'), q: s('q') };
}

/** A console flash the register pages know. */
export function isRegisterFlash(ok: unknown): ok is 'added' | 'saved' {
  return ok === 'added' || ok === 'saved';
}
