/**
 * The échelon of a bursary: the highest échelon (7 down to 0bis) whose income ceiling, for the student's
 * points de charge, is at least the income (revenu brut global of year N-2, whole euros; the ceiling is
 * inclusive). Above the 0bis ceiling: no bursary. More than 17 points: the 17 row.
 */
import type { AnneeUniversitaire } from './annee';
import { mensualiteOf, NOMBRE_MENSUALITES } from './calendrier';
import { BourseInputError } from './errors';
import { formatEuros, formatEurosEntiers, pointsFr } from './format';
import {
  ECHELONS,
  POINTS_MAX_BAREME,
  montantsPour,
  plafondsPour,
  type BourseTables,
  type Cents,
  type Echelon,
  type Euros,
  type MontantRow,
  type PlafondRow,
  type Provenance,
} from './parametres';

export interface DemandeEchelon {
  annee: AnneeUniversitaire;
  /** Points de charge (see computePointsDeCharge). */
  points: number;
  /** Revenu brut global of year N-2, whole euros (a tax deficit is entered as 0). */
  revenuBrutGlobalEuros: Euros;
}

export interface CalculEchelon {
  annee: AnneeUniversitaire;
  points: number;
  /** Row of the barème used: the points, at most 17. */
  pointsBareme: number;
  revenuBrutGlobalEuros: Euros;
  /** Null: the income is above the 0bis ceiling, no bursary. */
  echelon: Echelon | null;
  /** Ceiling of the échelon granted; with no bursary, the 0bis ceiling the income is above. */
  plafondEuros: Euros;
  /** 0 with no bursary. */
  annuelCents: Cents;
  mensualiteCents: Cents;
  /** Cents added to the 10th instalment (0 for every published amount). */
  resteCents: Cents;
  /** False when a row used was not checked against the published text: finance must be told. */
  verified: boolean;
  sources: string[];
  lignesFr: string[];
}

/** Bounds that catch typing errors: the elements of computePointsDeCharge never give 200 points. */
const MAX_POINTS = 200;

function checkInput(d: DemandeEchelon): void {
  if (!Number.isSafeInteger(d.points) || d.points < 0 || d.points > MAX_POINTS) {
    throw new BourseInputError(`points de charge : nombre entier entre 0 et ${MAX_POINTS} attendu, reçu ${d.points}`);
  }
  if (!Number.isSafeInteger(d.revenuBrutGlobalEuros) || d.revenuBrutGlobalEuros < 0) {
    throw new BourseInputError(`revenu brut global : nombre entier d'euros positif ou nul attendu, reçu ${d.revenuBrutGlobalEuros}`);
  }
}

/** ECHELONS from the highest down: the first one whose ceiling covers the income wins. */
const HIGHEST_FIRST: readonly Echelon[] = [...ECHELONS].reverse();

function provenance(rows: readonly Provenance[]): Pick<CalculEchelon, 'verified' | 'sources'> & { warning: string[] } {
  const sources = [...new Set(rows.map((r) => r.source))];
  const verified = rows.every((r) => r.verified);
  return { verified, sources, warning: verified ? [] : [`Attention : barème non vérifié sur le texte publié (${sources.join(' ; ')}).`] };
}

type Base = Pick<CalculEchelon, 'annee' | 'points' | 'pointsBareme' | 'revenuBrutGlobalEuros'> & { head: string[] };

function sansBourse(b: Base, plafond: PlafondRow): CalculEchelon {
  const { head, ...base } = b;
  const { warning, ...p } = provenance([plafond]);
  return {
    ...base, ...p, echelon: null, plafondEuros: plafond.plafondEuros, annuelCents: 0, mensualiteCents: 0, resteCents: 0,
    lignesFr: [...head, `Le revenu dépasse le plafond de l'échelon 0bis pour ${pointsFr(b.pointsBareme)} (${formatEurosEntiers(plafond.plafondEuros)}) : pas de bourse.`, ...warning],
  };
}

function avecBourse(b: Base, echelon: Echelon, plafonds: Record<Echelon, PlafondRow>, montant: MontantRow): CalculEchelon {
  const { head, ...base } = b;
  const { warning, ...p } = provenance([plafonds[echelon], montant]);
  const { mensualiteCents, resteCents } = mensualiteOf(montant.annuelCents);
  const higher = HIGHEST_FIRST[HIGHEST_FIRST.indexOf(echelon) - 1];
  const derniere = resteCents > 0 ? ` (la dernière : ${formatEuros(mensualiteCents + resteCents)})` : '';
  return {
    ...base, ...p, echelon, plafondEuros: plafonds[echelon].plafondEuros, annuelCents: montant.annuelCents, mensualiteCents, resteCents,
    lignesFr: [
      ...head,
      `Plafond de l'échelon ${echelon} pour ${pointsFr(b.pointsBareme)} : ${formatEurosEntiers(plafonds[echelon].plafondEuros)}. Le revenu ne le dépasse pas : échelon ${echelon}.`,
      ...(higher ? [`Le plafond de l'échelon ${higher} (${formatEurosEntiers(plafonds[higher].plafondEuros)}) est dépassé.`] : []),
      `Montant annuel : ${formatEuros(montant.annuelCents)}, versé en ${NOMBRE_MENSUALITES} mensualités de ${formatEuros(mensualiteCents)}${derniere}.`,
      ...warning,
    ],
  };
}

/** Throws BourseTableMissing when the year's barème is not loaded, BourseInputError on bad input. */
export function determineEchelon(demande: DemandeEchelon, tables: Pick<BourseTables, 'plafonds' | 'montants'>): CalculEchelon {
  checkInput(demande);
  const { annee, points, revenuBrutGlobalEuros: revenu } = demande;
  const pointsBareme = Math.min(points, POINTS_MAX_BAREME);
  const plafonds = plafondsPour(tables.plafonds, annee, pointsBareme);
  const montants = montantsPour(tables.montants, annee);
  const head = [
    `Année universitaire ${annee} : ${pointsFr(points)} de charge.`,
    ...(points > POINTS_MAX_BAREME ? [`Au-delà de ${POINTS_MAX_BAREME} points, le barème de ${POINTS_MAX_BAREME} points s'applique.`] : []),
    `Revenu brut global retenu : ${formatEurosEntiers(revenu)}.`,
  ];
  const base: Base = { annee, points, pointsBareme, revenuBrutGlobalEuros: revenu, head };
  const echelon = HIGHEST_FIRST.find((e) => revenu <= plafonds[e].plafondEuros);
  return echelon === undefined ? sansBourse(base, plafonds['0bis']) : avecBourse(base, echelon, plafonds, montants[echelon]);
}
