/**
 * The CSV form of a session's statements: UTF-8, commas, one header line naming the columns (any order), one
 * statement per line. Parsed with csv-parse (quotes, BOM, CRLF); numbers are checked afterwards by the same
 * schema as the JSON lines, so a bad cell refuses its line, not the file.
 */
import { parse } from 'csv-parse/sync';
import { HttpError } from '../errors';

export const CSV_HEADER = ['caseId', 'period', 'scheduledMinutes', 'unjustifiedAbsenceMinutes', 'indemnitesJournalieresCents'] as const;
const REQUIRED = CSV_HEADER.slice(0, 4);
const NUMERIC = new Set<string>(['scheduledMinutes', 'unjustifiedAbsenceMinutes', 'indemnitesJournalieresCents']);

/** Lines numbered as in the file (the header is line 1); each value an object as the JSON form has it. */
export function csvLines(text: string): { ligne: number; valeur: unknown }[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, columns: headerOf, skip_empty_lines: true, trim: true, info: true, relax_column_count: true });
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw new HttpError(400, `CSV illisible : ${(err as Error).message.slice(0, 200)}`);
  }
  return records.map(({ record, info }) => ({ ligne: info.lines, valeur: valuesOf(record) }));
}

function headerOf(header: string[]): string[] {
  const missing = REQUIRED.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !(CSV_HEADER as readonly string[]).includes(c));
  if (missing.length || unknown.length) {
    throw new HttpError(400, `en-tête CSV attendu : ${CSV_HEADER.join(',')} (${[...missing.map((c) => `manque ${c}`), ...unknown.map((c) => `inconnu ${c}`)].join(', ')})`);
  }
  return header;
}

/** Numbers as numbers (an empty cell is absent: the default applies); anything else stays text for the schema to refuse. */
function valuesOf(record: Record<string, string>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '' && v !== undefined)
    .map(([k, v]) => [k, NUMERIC.has(k) && /^-?\d+$/.test(v) ? Number(v) : v]));
}
