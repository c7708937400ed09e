/**
 * Catalogue CSV: an RFC 4180 reader (quotes, doubled quotes, line breaks inside quotes, BOM,
 * comma or semicolon separator as Excel writes it in Vietnamese locales) and the mapping from
 * one row to the procedure input accepted by `parseProcedure`. Format: data/catalog/README.md.
 */

export class CsvError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'CsvError';
    this.line = line;
  }
}

/** Parses CSV text into rows of cells; returns each row with its starting line number. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let quotedCell = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cell.length > 0) throw new CsvError('Dấu ngoặc kép đặt giữa ô / a quote inside an unquoted cell', line);
      inQuotes = true;
      quotedCell = true;
    } else if (ch === sep) {
      cells.push(cell);
      cell = '';
      quotedCell = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.length > 1 || cells[0] !== '' || quotedCell) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      quotedCell = false;
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  if (inQuotes) throw new CsvError('Thiếu dấu ngoặc kép đóng / unterminated quoted cell', rowLine);
  cells.push(cell);
  if (cells.length > 1 || cells[0] !== '' || quotedCell) rows.push({ line: rowLine, cells });
  return rows;
}

export const CSV_COLUMNS = [
  'code',
  'localCode',
  'name',
  'field',
  'level',
  'implementingBody',
  'coordinatingBodies',
  'applicants',
  'timeLimitAmount',
  'timeLimitUnit',
  'timeLimitCutoff',
  'timeLimitNote',
  'fees',
  'components',
  'sets',
  'steps',
  'channels',
  'resultType',
  'onlineLevel',
  'legalBasis',
  'sameDayEligible',
  'status',
  'announcementDecision',
  'announcementDate',
  'effectiveFrom',
  'portalUrl',
  'unverified',
] as const;

const LIST_SEP = /\s+\|\s+|\n/;
const list = (s: string): string[] =>
  s
    .split(LIST_SEP)
    .map((x) => x.trim())
    .filter(Boolean);

function jsonOr<T>(s: string, fallback: () => T, line: number, column: string): T | unknown {
  const t = s.trim();
  if (t.startsWith('[')) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      throw new CsvError(`Cột ${column}: JSON không hợp lệ / column ${column}: invalid JSON`, line);
    }
  }
  return fallback();
}

/** "name:amount:per" → fee item; the name may itself contain colons. */
function feeItem(s: string) {
  const parts = s.split(':');
  if (parts.length < 2) return { name: s.trim(), amount: 0, per: '' };
  if (parts.length === 2) return { name: parts[0]!.trim(), amount: parts[1]!.trim(), per: '' };
  const per = parts.pop()!.trim();
  const amount = parts.pop()!.trim();
  return { name: parts.join(':').trim(), amount, per };
}

/** "name:originals:copies" → component. */
function componentItem(s: string) {
  const parts = s.split(':');
  if (parts.length < 3) return { name: s.trim(), originals: 1, copies: 0 };
  const copies = parts.pop()!.trim();
  const originals = parts.pop()!.trim();
  return { name: parts.join(':').trim(), originals, copies };
}

/** Converts CSV rows (first row = header) to raw procedure objects for `parseProcedure`. */
export function csvToProcedureInputs(text: string): { line: number; input: Record<string, unknown> }[] {
  const rows = parseCsv(text);
  if (rows.length === 0) throw new CsvError('Tệp CSV trống / the CSV file is empty', 1);
  const header = rows[0]!.cells.map((h) => h.trim());
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  if (repeated.length)
    throw new CsvError(`Cột lặp lại / repeated columns: ${[...new Set(repeated)].join(', ')}`, rows[0]!.line);
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) throw new CsvError(`Cột không nhận ra / unknown columns: ${unknown.join(', ')}`, rows[0]!.line);
  for (const required of ['code', 'name', 'field', 'timeLimitUnit']) {
    if (!header.includes(required)) throw new CsvError(`Thiếu cột / missing column: ${required}`, rows[0]!.line);
  }
  return rows.slice(1).map(({ line, cells }) => {
    if (cells.length !== header.length)
      throw new CsvError(
        `Dòng có ${cells.length} ô, tiêu đề có ${header.length} / the row has ${cells.length} cells, the header ${header.length}`,
        line,
      );
    const v: Record<string, string> = {};
    header.forEach((h, i) => (v[h] = cells[i] ?? ''));
    const get = (k: string) => (v[k] ?? '').trim();
    const cutoffRaw = get('timeLimitCutoff').toLowerCase();
    if (!['', 'true', '1', 'x', 'có', 'false', '0', 'không'].includes(cutoffRaw))
      throw new CsvError(
        `timeLimitCutoff phải là true/false / must be true or false: “${get('timeLimitCutoff')}”`,
        line,
      );
    const input: Record<string, unknown> = {
      code: get('code'),
      localCode: get('localCode'),
      name: get('name'),
      field: get('field'),
      level: get('level'),
      implementingBody: get('implementingBody'),
      coordinatingBodies: list(get('coordinatingBodies')),
      applicants: get('applicants'),
      timeLimit: {
        amount: get('timeLimitAmount'),
        unit: get('timeLimitUnit'),
        cutoff: ['true', '1', 'x', 'có'].includes(cutoffRaw),
        note: get('timeLimitNote'),
      },
      fees: get('fees') ? jsonOr(get('fees'), () => list(get('fees')).map(feeItem), line, 'fees') : [],
      components: get('components')
        ? jsonOr(get('components'), () => list(get('components')).map(componentItem), line, 'components')
        : [],
      sets: get('sets'),
      steps: list(get('steps')),
      channels: get('channels') || undefined,
      resultType: get('resultType'),
      onlineLevel: get('onlineLevel'),
      legalBasis: list(get('legalBasis')),
      sameDayEligible: get('sameDayEligible').toLowerCase(),
      status: get('status'),
      announcement:
        get('announcementDecision') || get('announcementDate')
          ? { decision: get('announcementDecision'), date: get('announcementDate') }
          : null,
      effectiveFrom: get('effectiveFrom'),
      portalUrl: get('portalUrl'),
      unverified: list(get('unverified')),
    };
    return { line, input };
  });
}
