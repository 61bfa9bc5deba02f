/**
 * Points de charge of a bursary application (national higher-education scale, D4151-18 makes it the floor):
 * - home–institute distance: 30 to 249 km → 1 point, 250 km or more → 2 points;
 * - each other dependent child of the family not in higher education → 2 points; in higher education → 4;
 * - student with a disability recognised by the CDAPH → 4 points;
 * - carer of a disabled relative → 4 points per relative cared for.
 * The French lines are read by the student: they never name a disability (GDPR art. 9), only "une situation
 * reconnue"; the structured `details` keep the element for the caseworker.
 */
import { BourseInputError } from './errors';
import { pointsFr } from './format';

export interface ElementsDeCharge {
  /** Distance from the family home to the institute, whole km. */
  distanceKm: number;
  /** Other dependent children of the family (not the student), not in higher education. */
  enfantsACharge: number;
  /** Other dependent children of the family (not the student), in higher education. */
  enfantsEnseignementSuperieur: number;
  /** Disability of the student recognised by the CDAPH. */
  handicapReconnuCdaph: boolean;
  /** Disabled relatives the student cares for (aidant familial). */
  prochesAides: number;
}

export type ElementCharge = 'distance' | 'enfants' | 'enfants_superieur' | 'handicap' | 'aidant';

export interface DetailPoints {
  element: ElementCharge;
  points: number;
  ligneFr: string;
}

export interface PointsDeCharge {
  points: number;
  /** Only the elements that give points. */
  details: DetailPoints[];
  lignesFr: string[];
}

export const POINTS = {
  distanceProche: 1, distanceLointaine: 2, enfant: 2, enfantSuperieur: 4, handicap: 4, aidant: 4,
} as const;
export const DISTANCE_KM = { proche: 30, lointaine: 250 } as const;

/** Bounds that catch typing errors, not rules: no place is farther than 20 000 km along the Earth. */
const MAX = { distanceKm: 20_000, enfants: 20, prochesAides: 10 } as const;

function wholeNumber(value: number, max: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new BourseInputError(`${what} : nombre entier entre 0 et ${max} attendu, reçu ${value}`);
  }
  return value;
}

function distancePoints(km: number): number {
  if (km >= DISTANCE_KM.lointaine) return POINTS.distanceLointaine;
  return km >= DISTANCE_KM.proche ? POINTS.distanceProche : 0;
}

const enfantsFr = (n: number): string => `${n} autre${n > 1 ? 's' : ''} enfant${n > 1 ? 's' : ''} à charge`;

function details(e: ElementsDeCharge): DetailPoints[] {
  const distance = distancePoints(e.distanceKm);
  const all: DetailPoints[] = [
    { element: 'distance', points: distance, ligneFr: `Distance entre le domicile familial et l'institut : ${e.distanceKm} km → ${pointsFr(distance)}.` },
    { element: 'enfants', points: e.enfantsACharge * POINTS.enfant, ligneFr: `${enfantsFr(e.enfantsACharge)}, hors études supérieures → ${pointsFr(e.enfantsACharge * POINTS.enfant)}.` },
    { element: 'enfants_superieur', points: e.enfantsEnseignementSuperieur * POINTS.enfantSuperieur, ligneFr: `${enfantsFr(e.enfantsEnseignementSuperieur)}, en études supérieures → ${pointsFr(e.enfantsEnseignementSuperieur * POINTS.enfantSuperieur)}.` },
    { element: 'handicap', points: e.handicapReconnuCdaph ? POINTS.handicap : 0, ligneFr: `Situation personnelle reconnue → ${pointsFr(POINTS.handicap)}.` },
    { element: 'aidant', points: e.prochesAides * POINTS.aidant, ligneFr: `Aide apportée à ${e.prochesAides} proche${e.prochesAides > 1 ? 's' : ''} → ${pointsFr(e.prochesAides * POINTS.aidant)}.` },
  ];
  return all.filter((d) => d.points > 0);
}

/** Points de charge and their breakdown. Throws BourseInputError on a count that is not a plausible whole number. */
export function computePointsDeCharge(elements: ElementsDeCharge): PointsDeCharge {
  wholeNumber(elements.distanceKm, MAX.distanceKm, 'distance domicile–institut (km)');
  wholeNumber(elements.enfantsACharge, MAX.enfants, 'enfants à charge hors études supérieures');
  wholeNumber(elements.enfantsEnseignementSuperieur, MAX.enfants, 'enfants à charge en études supérieures');
  wholeNumber(elements.prochesAides, MAX.prochesAides, 'proches aidés');
  if (typeof elements.handicapReconnuCdaph !== 'boolean') throw new BourseInputError('handicap reconnu par la CDAPH : oui ou non attendu');
  const d = details(elements);
  const points = d.reduce((sum, x) => sum + x.points, 0);
  const total = `Total : ${pointsFr(points)} de charge.`;
  return { points, details: d, lignesFr: d.length === 0 ? ['Aucun point de charge.', total] : [...d.map((x) => x.ligneFr), total] };
}
