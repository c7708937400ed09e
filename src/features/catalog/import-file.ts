/**
 * Reads a catalogue file (JSON or CSV, format in data/catalog/README.md) into validated
 * procedures. Either every row is valid or nothing is imported: all problems are reported
 * with their row, in Vietnamese and English.
 */
import { AppError, type ErrorDetail } from '../../core/http/errors.ts';
import { csvToProcedureInputs, CsvError } from './csv.ts';
import { duplicateCodes, parseProcedure, ProcedureValidationError, type ProcedureData } from './model.ts';

export type CatalogFormat = 'json' | 'csv';

export const MAX_PROCEDURES = 5000;

export function detectFormat(name: string, text: string): CatalogFormat {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.json$/i.test(name)) return 'json';
  const t = text.replace(/^\uFEFF/, '').trimStart();
  return t.startsWith('{') || t.startsWith('[') ? 'json' : 'csv';
}

function fail(details: ErrorDetail[]): never {
  throw new AppError('VALIDATION_FAILED', details.slice(0, 50));
}

interface Input {
  where: string;
  input: unknown;
}

/** The procedures of a JSON file: a list, or { "procedures": [...] }. */
function jsonInputs(text: string): Input[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    fail([
      {
        field: 'file',
        vi: `JSON không hợp lệ: ${(e as Error).message}`,
        en: `Invalid JSON: ${(e as Error).message}`,
      },
    ]);
  }
  const list = Array.isArray(doc)
    ? doc
    : typeof doc === 'object' && doc !== null && Array.isArray((doc as { procedures?: unknown }).procedures)
      ? (doc as { procedures: unknown[] }).procedures
      : null;
  if (!list)
    fail([
      {
        field: 'file',
        vi: 'JSON phải là danh sách thủ tục hoặc { "procedures": [...] }.',
        en: 'The JSON must be a list of procedures or { "procedures": [...] }.',
      },
    ]);
  return list.map((input: unknown, i) => ({ where: `procedures[${i}]`, input }));
}

/** The procedures of a CSV file, one per row (its line number kept for the messages). */
function csvInputs(text: string): Input[] {
  try {
    return csvToProcedureInputs(text).map((r) => ({ where: `dòng/line ${r.line}`, input: r.input }));
  } catch (e) {
    if (e instanceof CsvError)
      fail([
        { field: `line ${e.line}`, vi: `CSV dòng ${e.line}: ${e.message}`, en: `CSV line ${e.line}: ${e.message}` },
      ]);
    throw e;
  }
}

/** Every input validated; the problems of all of them (and duplicate codes) reported together. */
function parseAll(inputs: Input[], onProgress?: (done: number, total: number) => void): ProcedureData[] {
  const procedures: ProcedureData[] = [];
  const problems: ErrorDetail[] = [];
  for (const [n, { where, input }] of inputs.entries()) {
    onProgress?.(n, inputs.length);
    try {
      procedures.push(parseProcedure(input));
    } catch (e) {
      if (!(e instanceof ProcedureValidationError)) throw e;
      for (const p of e.problems)
        problems.push({
          field: `${where}.${p.path}`,
          vi: `${where}, ${p.path}: ${p.vi}`,
          en: `${where}, ${p.path}: ${p.en}`,
        });
    }
  }
  onProgress?.(inputs.length, inputs.length);
  const dups = duplicateCodes(procedures);
  for (const code of dups)
    problems.push({ field: 'code', vi: `Mã ${code} xuất hiện nhiều lần.`, en: `Code ${code} appears more than once.` });
  if (problems.length) fail(problems);
  return procedures;
}

export function readCatalogFile(
  name: string,
  content: string | Buffer,
  onProgress?: (done: number, total: number) => void,
): { format: CatalogFormat; procedures: ProcedureData[] } {
  const text = (typeof content === 'string' ? content : content.toString('utf8')).normalize('NFC');
  if (text.includes('\uFFFD'))
    fail([
      {
        field: 'file',
        vi: 'Tệp không phải UTF-8 (có ký tự lỗi). Hãy lưu lại tệp với mã hóa UTF-8.',
        en: 'The file is not UTF-8 (it has broken characters). Save it as UTF-8.',
      },
    ]);
  const format = detectFormat(name, text);
  const inputs = format === 'json' ? jsonInputs(text) : csvInputs(text);
  if (inputs.length === 0)
    fail([{ field: 'file', vi: 'Tệp không có thủ tục nào.', en: 'The file has no procedures.' }]);
  if (inputs.length > MAX_PROCEDURES)
    fail([
      {
        field: 'file',
        vi: `Tối đa ${MAX_PROCEDURES} thủ tục mỗi tệp.`,
        en: `At most ${MAX_PROCEDURES} procedures per file.`,
      },
    ]);
  return { format, procedures: parseAll(inputs, onProgress) };
}
