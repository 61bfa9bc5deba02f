/**
 * Consistency checks of loaded tables, run before they are trusted (at migration time, in tests). The
 * échelon rule only stays fair if the barème is ordered: within a row, a higher échelon has a lower ceiling;
 * down a column, more points never lower a ceiling (otherwise one more child could cost a bursary).
 */
import { anneeDebut } from './annee';
import {
  CLES_PARAMETRES,
  ECHELONS,
  POINTS_MAX_BAREME,
  type BourseTables,
  type MontantRow,
  type ParametreRow,
  type PlafondRow,
} from './parametres';

const isWhole = (n: number, min: number): boolean => Number.isSafeInteger(n) && n >= min;

function validYear(annee: string): boolean {
  try {
    anneeDebut(annee);
    return true;
  } catch {
    return false;
  }
}

function duplicates<T>(rows: readonly T[], key: (row: T) => string): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const k of rows.map(key)) (seen.has(k) ? twice : seen).add(k);
  return [...twice];
}

function checkPlafondsOfYear(annee: string, rows: readonly PlafondRow[]): string[] {
  const problems: string[] = [];
  const cell = new Map(rows.map((r) => [`${r.points}/${r.echelon}`, r.plafondEuros]));
  for (let points = 0; points <= POINTS_MAX_BAREME; points++) {
    ECHELONS.forEach((e, i) => {
      const value = cell.get(`${points}/${e}`);
      const lowerEchelon = i > 0 ? cell.get(`${points}/${ECHELONS[i - 1]}`) : undefined;
      const fewerPoints = cell.get(`${points - 1}/${e}`);
      if (value === undefined) {
        problems.push(`plafonds ${annee} : ${points} points, échelon ${e} manquant`);
      } else if (lowerEchelon !== undefined && value >= lowerEchelon) {
        problems.push(`plafonds ${annee} : ${points} points, échelon ${e} (${value}) n'est pas inférieur à l'échelon ${ECHELONS[i - 1]}`);
      } else if (fewerPoints !== undefined && value < fewerPoints) {
        problems.push(`plafonds ${annee} : échelon ${e}, ${points} points (${value}) est inférieur à ${points - 1} points`);
      }
    });
  }
  return problems;
}

function checkPlafonds(plafonds: readonly PlafondRow[]): string[] {
  const problems = duplicates(plafonds, (r) => `${r.annee} ${r.points} points échelon ${r.echelon}`).map((d) => `plafond en double : ${d}`);
  for (const r of plafonds) {
    if (!isWhole(r.points, 0) || r.points > POINTS_MAX_BAREME) problems.push(`plafonds ${r.annee} : points hors barème (${r.points})`);
    if (!isWhole(r.plafondEuros, 0)) problems.push(`plafonds ${r.annee} : plafond non entier ou négatif (${r.plafondEuros})`);
  }
  for (const annee of new Set(plafonds.map((r) => r.annee))) {
    if (!validYear(annee)) problems.push(`plafonds : année universitaire invalide ${annee}`);
    problems.push(...checkPlafondsOfYear(annee, plafonds.filter((r) => r.annee === annee)));
  }
  return problems;
}

function checkMontants(montants: readonly MontantRow[]): string[] {
  const problems = duplicates(montants, (r) => `${r.annee} échelon ${r.echelon}`).map((d) => `montant en double : ${d}`);
  for (const annee of new Set(montants.map((r) => r.annee))) {
    if (!validYear(annee)) problems.push(`montants : année universitaire invalide ${annee}`);
    const amounts = ECHELONS.map((e) => montants.find((r) => r.annee === annee && r.echelon === e)?.annuelCents);
    ECHELONS.forEach((e, i) => {
      const value = amounts[i];
      const lower = i > 0 ? amounts[i - 1] : undefined;
      if (value === undefined) problems.push(`montants ${annee} : échelon ${e} manquant`);
      else if (!isWhole(value, 1)) problems.push(`montants ${annee} : échelon ${e} non entier ou nul (${value})`);
      else if (lower !== undefined && value <= lower) problems.push(`montants ${annee} : échelon ${e} n'est pas supérieur à l'échelon ${ECHELONS[i - 1]}`);
    });
  }
  return problems;
}

function checkParametres(parametres: readonly ParametreRow[]): string[] {
  const problems = duplicates(parametres, (r) => `${r.key} au ${r.effectiveFrom}`).map((d) => `paramètre en double : ${d}`);
  for (const r of parametres) {
    if (!(CLES_PARAMETRES as readonly string[]).includes(r.key)) problems.push(`paramètre inconnu : ${r.key}`);
    if (!isWhole(r.value, 0)) problems.push(`paramètre ${r.key} au ${r.effectiveFrom} : valeur non entière ou négative (${r.value})`);
  }
  return problems;
}

/** Every problem found, in French (empty: the tables can be used). */
export function checkBourseTables(tables: BourseTables): string[] {
  return [...checkPlafonds(tables.plafonds), ...checkMontants(tables.montants), ...checkParametres(tables.parametres)];
}
