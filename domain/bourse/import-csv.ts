/**
 * The CROUS batch as CSV: one header line (exactly CSV_COLUMNS, comma separated, UTF-8), then one line per
 * student and academic year. A line becomes the same object as a JSON line, then goes through the same
 * validation; a line that cannot even be split is reported as such. Pure: text in, objects out.
 */
import { parseCsv } from './csv';

export const CSV_COLUMNS = [
  'dse', 'annee', 'nom', 'prenom', 'date_naissance', 'sexe', 'email', 'telephone', 'code_postal', 'institut_id', 'formation',
  'premier_mois', 'nombre_mois', 'revenu_brut_global', 'distance_km', 'enfants_a_charge', 'enfants_superieur', 'handicap_cdaph',
  'proches_aides', 'iban', 'bic',
] as const;

export interface CsvLine {
  /** Physical line number in the file. */
  ligne: number;
  /** The line as a JSON application, or null with why it could not be read. */
  valeur: Record<string, unknown> | null;
  erreur?: string;
}

/** "12" → 12; anything else stays text so validation names the field ("nombre entier attendu"). */
const nombre = (s: string): unknown => (s === '' ? undefined : /^-?\d+$/.test(s) ? Number(s) : s);
const texte = (s: string): string | undefined => (s === '' ? undefined : s);
function booleen(s: string): unknown {
  const v = s.toLowerCase();
  if (v === '') return undefined;
  if (['oui', 'true', '1'].includes(v)) return true;
  if (['non', 'false', '0'].includes(v)) return false;
  return s;
}

function objet(f: Record<(typeof CSV_COLUMNS)[number], string>): Record<string, unknown> {
  return {
    dse: texte(f.dse), annee: texte(f.annee),
    person: { lastName: texte(f.nom), firstName: texte(f.prenom), birthDate: texte(f.date_naissance), gender: texte(f.sexe),
      email: texte(f.email), ...(f.telephone ? { phone: f.telephone } : {}), postalCode: texte(f.code_postal) },
    institutId: texte(f.institut_id), formation: texte(f.formation), premierMois: texte(f.premier_mois), nombreMois: nombre(f.nombre_mois),
    revenuBrutGlobalEuros: nombre(f.revenu_brut_global),
    elementsDeCharge: { distanceKm: nombre(f.distance_km), enfantsACharge: nombre(f.enfants_a_charge), enfantsEnseignementSuperieur: nombre(f.enfants_superieur),
      handicapReconnuCdaph: booleen(f.handicap_cdaph), prochesAides: nombre(f.proches_aides) },
    iban: texte(f.iban), ...(f.bic ? { bic: f.bic } : {}),
  };
}

export class CsvHeaderError extends Error {
  constructor() {
    super(`en-tête CSV attendu : ${CSV_COLUMNS.join(',')}`);
    this.name = 'CsvHeaderError';
  }
}

/** The lines of a batch; throws CsvHeaderError when the header is not exactly CSV_COLUMNS. */
export function lignesCsv(text: string): CsvLine[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const firstIndex = physical.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (firstIndex < 0 || physical[firstIndex].trim().split(',').map((c) => c.trim()).join(',') !== CSV_COLUMNS.join(',')) throw new CsvHeaderError();
  const lines: CsvLine[] = [];
  physical.forEach((raw, index) => {
    if (index <= firstIndex || raw.trim() === '' || raw.trim().startsWith('#')) return;
    const ligne = index + 1;
    try {
      const [record] = parseCsv(raw);
      if (record.fields.length !== CSV_COLUMNS.length) {
        lines.push({ ligne, valeur: null, erreur: `${CSV_COLUMNS.length} colonnes attendues, ${record.fields.length} lues` });
        return;
      }
      lines.push({ ligne, valeur: objet(Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, record.fields[i]])) as never) });
    } catch (err) {
      lines.push({ ligne, valeur: null, erreur: `ligne illisible : ${(err as Error).message}` });
    }
  });
  return lines;
}
