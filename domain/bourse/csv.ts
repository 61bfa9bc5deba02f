/**
 * Pure parsers of the CSV files of db/data/bourses (text in, typed rows out). The migration reads the files
 * with fs and calls these; so do the tests. `sources.csv` says which file gives which academic year, from
 * which legal text, and whether it was verified: the figure files stay exact copies of the published tables.
 */
import { parse } from 'csv-parse/sync';
import { anneeDebut, type AnneeUniversitaire } from './annee';
import { dateParts } from '../dates';
import { BourseTableInvalid } from './errors';
import {
  CLES_PARAMETRES,
  ECHELONS,
  type BourseTables,
  type CleParametre,
  type MontantRow,
  type ParametreRow,
  type PlafondRow,
  type Provenance,
} from './parametres';

export interface CsvRecord {
  /** Physical line number, for messages. */
  line: number;
  fields: string[];
}

/**
 * Records of a CSV text (csv-parse: quoted fields, "" inside quotes, BOM, CRLF); lines starting with '#' are
 * comments, blank lines are skipped; fields are trimmed.
 */
export function parseCsv(text: string): CsvRecord[] {
  try {
    // CRLF made LF first: csv-parse counts \r and \n as two lines in `info.lines`, the line number of messages.
    const rows = parse(text.replace(/\r\n/g, '\n'), { bom: true, comment: '#', skip_empty_lines: true, trim: true, relax_column_count: true, info: true }) as unknown as
      { record: string[]; info: { lines: number } }[];
    return rows.map(({ record, info }) => ({ line: info.lines, fields: record }));
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new BourseTableInvalid(`${line ? `ligne ${line} : ` : ''}CSV illisible (${(err as Error).message})`);
  }
}

/** The records after a header that must be exactly `columns`. */
function body(text: string, file: string, columns: readonly string[]): CsvRecord[] {
  const [header, ...rows] = parseCsv(text);
  if (!header || header.fields.join(',') !== columns.join(',')) {
    throw new BourseTableInvalid(`${file} : en-tête attendu « ${columns.join(',')} »`);
  }
  for (const r of rows) {
    if (r.fields.length !== columns.length) throw new BourseTableInvalid(`${file} ligne ${r.line} : ${columns.length} colonnes attendues`);
  }
  return rows;
}

function wholeNumber(value: string, where: string): number {
  if (!/^\d+$/.test(value)) throw new BourseTableInvalid(`${where} : nombre entier attendu, lu « ${value} »`);
  return Number(value);
}

/** "1084" or "1084.5" euros → 108450 cents, by string operations (no float ever holds an amount). */
function eurosToCents(value: string, where: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) throw new BourseTableInvalid(`${where} : montant en euros attendu, lu « ${value} »`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function booleanField(value: string, where: string): boolean {
  if (value !== 'true' && value !== 'false') throw new BourseTableInvalid(`${where} : true ou false attendu, lu « ${value} »`);
  return value === 'true';
}

const ECHELON_COLUMNS = ECHELONS.map((e) => `echelon_${e}`);

/** The amounts of one academic year, from a file with one line per year (euros). */
export function parseMontantsCsv(text: string, file: string, annee: AnneeUniversitaire, provenance: Provenance): MontantRow[] {
  const rows = body(text, file, ['annee_universitaire', ...ECHELON_COLUMNS]).filter((r) => r.fields[0] === annee);
  if (rows.length !== 1) throw new BourseTableInvalid(`${file} : une ligne attendue pour ${annee}, ${rows.length} trouvée(s)`);
  const { line, fields } = rows[0];
  return ECHELONS.map((echelon, i) => ({
    annee, echelon, annuelCents: eurosToCents(fields[i + 1], `${file} ligne ${line}`), ...provenance,
  }));
}

/** The ceilings of one academic year, from a file with one line per number of points (euros). */
export function parsePlafondsCsv(text: string, file: string, annee: AnneeUniversitaire, provenance: Provenance): PlafondRow[] {
  return body(text, file, ['points', ...ECHELON_COLUMNS]).flatMap(({ line, fields }) => {
    const points = wholeNumber(fields[0], `${file} ligne ${line}`);
    return ECHELONS.map((echelon, i) => ({
      annee, points, echelon, plafondEuros: wholeNumber(fields[i + 1], `${file} ligne ${line}`), ...provenance,
    }));
  });
}

export function parseParametresCsv(text: string, file = 'parametres.csv'): ParametreRow[] {
  return body(text, file, ['key', 'effective_from', 'value', 'source', 'verified']).map(({ line, fields }) => {
    const where = `${file} ligne ${line}`;
    const [key, effectiveFrom, value, source, verified] = fields;
    if (!(CLES_PARAMETRES as readonly string[]).includes(key)) throw new BourseTableInvalid(`${where} : paramètre inconnu « ${key} »`);
    dateParts(effectiveFrom);
    return { key: key as CleParametre, effectiveFrom, value: wholeNumber(value, where), source, verified: booleanField(verified, where) };
  });
}

export interface SourceRow extends Provenance {
  table: 'montants' | 'plafonds';
  annee: AnneeUniversitaire;
  /** File of the same folder holding the figures. */
  fichier: string;
}

export function parseSourcesCsv(text: string, file = 'sources.csv'): SourceRow[] {
  return body(text, file, ['table', 'annee', 'fichier', 'source', 'verified']).map(({ line, fields }) => {
    const where = `${file} ligne ${line}`;
    const [table, annee, fichier, source, verified] = fields;
    if (table !== 'montants' && table !== 'plafonds') throw new BourseTableInvalid(`${where} : table inconnue « ${table} »`);
    anneeDebut(annee);
    return { table, annee, fichier, source, verified: booleanField(verified, where) };
  });
}

/**
 * All tables described by sources.csv, plus the parameters. `readFile` returns the text of a file of the
 * same folder: the caller does the I/O, so this stays pure.
 */
export function bourseTablesFromCsv(sourcesCsv: string, parametresCsv: string, readFile: (fichier: string) => string): BourseTables {
  const sources = parseSourcesCsv(sourcesCsv);
  const provenance = (s: SourceRow): Provenance => ({ source: s.source, verified: s.verified });
  return {
    montants: sources.filter((s) => s.table === 'montants')
      .flatMap((s) => parseMontantsCsv(readFile(s.fichier), s.fichier, s.annee, provenance(s))),
    plafonds: sources.filter((s) => s.table === 'plafonds')
      .flatMap((s) => parsePlafondsCsv(readFile(s.fichier), s.fichier, s.annee, provenance(s))),
    parametres: parseParametresCsv(parametresCsv),
  };
}
