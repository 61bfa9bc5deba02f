/**
 * Bursaries of health & social training (bourses FSS): worked examples at every boundary, and properties.
 * The tables are the CSV files of db/data/bourses, read here and parsed by the domain's pure parser, as the
 * migration does. French lines are compared with plain spaces (the module writes no-break spaces).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  BourseInputError,
  BourseParametreMissing,
  BourseTableInvalid,
  BourseTableMissing,
  ECHELONS,
  anneeBounds,
  anneeOfDate,
  bourseTablesFromCsv,
  checkAideUrgence,
  checkBourseTables,
  computePointsDeCharge,
  cumulConflicts,
  dateLimiteVersement,
  decideSuspension,
  determineEchelon,
  instalmentSchedule,
  mensualiteOf,
  moisDeLAnnee,
  parseCsv,
  parseParametresCsv,
  type BourseTables,
  type DemandeAideUrgence,
  type Echelon,
  type ElementsDeCharge,
  type EvenementBourse,
  type PlafondRow,
} from '../../domain/bourse';
import { easterSunday, frenchPublicHolidays, InvalidDateError, isWorkingDay, workingDaysAfter } from '../../domain/dates';

const DATA = join(__dirname, '..', '..', 'db', 'data', 'bourses');
const read = (file: string): string => readFileSync(join(DATA, file), 'utf8');
const T: BourseTables = bourseTablesFromCsv(read('sources.csv'), read('parametres.csv'), read);
const P = T.parametres;

const plain = (s: string): string => s.replace(/\u00a0/g, ' ');
const plainLines = (lines: readonly string[]): string[] => lines.map(plain);
const ANNEES_BAREME = ['2023-2024', '2024-2025', '2025-2026'];

/** 0bis = 0 ... 7 = 7, no bursary = -1: échelons compared as numbers. */
const rank = (e: Echelon | null): number => (e === null ? -1 : ECHELONS.indexOf(e));
const plafond = (annee: string, points: number, echelon: Echelon): number =>
  (T.plafonds.find((r) => r.annee === annee && r.points === points && r.echelon === echelon) as PlafondRow).plafondEuros;

describe('tables loaded from db/data/bourses', () => {
  it('are complete and ordered: 3 years × 18 points × 8 échelons of ceilings, 4 years × 8 amounts, 6 parameters', () => {
    expect(checkBourseTables(T)).toEqual([]);
    expect([T.plafonds.length, T.montants.length, T.parametres.length]).toEqual([432, 32, 6]);
  });

  it('the published tables are verified, the parameters (assumptions) are not', () => {
    expect([...T.plafonds, ...T.montants].every((r) => r.verified)).toBe(true);
    expect(T.parametres.every((r) => !r.verified)).toBe(true);
    expect(T.plafonds.find((r) => r.annee === '2024-2025')?.source).toMatch(/^arrêté du 4 juillet 2024/);
  });

  it('every published amount is whole euros, so yearly / 10 is exact in cents', () => {
    expect(T.montants.every((r) => mensualiteOf(r.annuelCents).resteCents === 0)).toBe(true);
    const m = T.montants.filter((r) => r.annee === '2025-2026').map((r) => mensualiteOf(r.annuelCents).mensualiteCents);
    expect(m).toEqual([145_40, 216_30, 307_10, 382_80, 458_70, 521_20, 550_60, 633_50]);
    expect(T.montants.filter((r) => r.annee === '2022-2023').map((r) => r.annuelCents))
      .toEqual([1084_00, 1793_00, 2701_00, 3458_00, 4217_00, 4842_00, 5136_00, 5965_00]);
  });

  it('checkBourseTables finds a missing cell, a duplicate, an unordered row or column and a bad amount', () => {
    const at = (points: number, echelon: Echelon) => (r: PlafondRow) => r.annee === '2025-2026' && r.points === points && r.echelon === echelon;
    const without = T.plafonds.filter((r) => !at(5, '3')(r));
    const cell = T.plafonds.find(at(5, '3')) as PlafondRow;
    expect(checkBourseTables({ ...T, plafonds: without })).toEqual(['plafonds 2025-2026 : 5 points, échelon 3 manquant']);
    expect(checkBourseTables({ ...T, plafonds: [...T.plafonds, cell] })).toEqual(['plafond en double : 2025-2026 5 points échelon 3']);
    const unordered = T.plafonds.map((r) => (at(5, '3')(r) ? { ...r, plafondEuros: 40_000 } : r));
    expect(checkBourseTables({ ...T, plafonds: unordered })).toEqual([
      'plafonds 2025-2026 : 5 points, échelon 3 (40000) n\'est pas inférieur à l\'échelon 2',
      'plafonds 2025-2026 : échelon 3, 6 points (28376) est inférieur à 5 points',
    ]);
    const montants = T.montants.map((r) => (r.annee === '2025-2026' && r.echelon === '7' ? { ...r, annuelCents: 100 } : r));
    expect(checkBourseTables({ ...T, montants })).toEqual(['montants 2025-2026 : échelon 7 n\'est pas supérieur à l\'échelon 6']);
  });

  it('parseCsv skips comments and blank lines and reads quoted fields', () => {
    expect(parseCsv('# note\n\na,"b, ""c""",d\r\n')).toEqual([{ line: 3, fields: ['a', 'b, "c"', 'd'] }]);
  });

  it('a file with an unexpected header or an unknown parameter is refused', () => {
    expect(() => parseParametresCsv('key,value\n')).toThrow(BourseTableInvalid);
    expect(() => parseParametresCsv('key,effective_from,value,source,verified\nplafond_magique,2025-09-01,1,x,false\n'))
      .toThrow('parametres.csv ligne 2 : paramètre inconnu « plafond_magique »');
  });
});

describe('points de charge', () => {
  const none: ElementsDeCharge = { distanceKm: 0, enfantsACharge: 0, enfantsEnseignementSuperieur: 0, handicapReconnuCdaph: false, prochesAides: 0 };
  const points = (over: Partial<ElementsDeCharge>): number => computePointsDeCharge({ ...none, ...over }).points;

  it('no element: 0 point, said plainly', () => {
    expect(computePointsDeCharge(none)).toEqual({ points: 0, details: [], lignesFr: ['Aucun point de charge.', 'Total : 0 point de charge.'] });
  });

  it('distance: 29 km → 0, 30 → 1, 249 → 1, 250 → 2', () => {
    expect([29, 30, 249, 250].map((distanceKm) => points({ distanceKm }))).toEqual([0, 1, 1, 2]);
  });

  it('children: 2 each outside higher education, 4 each in it; disability 4; carer 4 per relative', () => {
    expect(points({ enfantsACharge: 3 })).toBe(6);
    expect(points({ enfantsEnseignementSuperieur: 2 })).toBe(8);
    expect(points({ handicapReconnuCdaph: true })).toBe(4);
    expect(points({ prochesAides: 2 })).toBe(8);
  });

  it('worked example: 120 km, 2 children, 1 student sibling, recognised disability, 1 relative cared for → 17 points', () => {
    const r = computePointsDeCharge({ distanceKm: 120, enfantsACharge: 2, enfantsEnseignementSuperieur: 1, handicapReconnuCdaph: true, prochesAides: 1 });
    expect(r.points).toBe(17);
    expect(r.details.map((d) => [d.element, d.points])).toEqual([['distance', 1], ['enfants', 4], ['enfants_superieur', 4], ['handicap', 4], ['aidant', 4]]);
    expect(r.lignesFr).toEqual([
      'Distance entre le domicile familial et l\'institut : 120 km → 1 point.',
      '2 autres enfants à charge, hors études supérieures → 4 points.',
      '1 autre enfant à charge, en études supérieures → 4 points.',
      'Situation personnelle reconnue → 4 points.',
      'Aide apportée à 1 proche → 4 points.',
      'Total : 17 points de charge.',
    ]);
  });

  it('the lines never name a disability', () => {
    const r = computePointsDeCharge({ ...none, handicapReconnuCdaph: true, prochesAides: 1 });
    expect(r.lignesFr.join(' ')).not.toMatch(/handicap|CDAPH/i);
  });

  it('refuses negative, fractional, non-numeric and implausible counts', () => {
    for (const bad of [{ distanceKm: -1 }, { distanceKm: 12.5 }, { enfantsACharge: Number.NaN }, { distanceKm: 20_001 }, { enfantsACharge: 21 }]) {
      expect(() => computePointsDeCharge({ ...none, ...bad })).toThrow(BourseInputError);
    }
  });
});

describe('échelon', () => {
  const echelon = (points: number, revenu: number, annee = '2025-2026'): Echelon | null =>
    determineEchelon({ annee, points, revenuBrutGlobalEuros: revenu }, T).echelon;

  it('every ceiling of every year is inclusive: income = ceiling → that échelon; +1 € → the next lower one (none below 0bis)', () => {
    for (const annee of ANNEES_BAREME) {
      for (let points = 0; points <= 17; points++) {
        ECHELONS.forEach((e, i) => {
          const ceiling = plafond(annee, points, e);
          expect(echelon(points, ceiling, annee)).toBe(e);
          expect(echelon(points, ceiling + 1, annee)).toBe(i === 0 ? null : ECHELONS[i - 1]);
        });
      }
    }
  });

  it('worked example: 3 points, 25 705 € (the échelon 2 ceiling) → échelon 2, 3 071 € a year, 307,10 € a month', () => {
    const r = determineEchelon({ annee: '2025-2026', points: 3, revenuBrutGlobalEuros: 25_705 }, T);
    expect(r).toMatchObject({ echelon: '2', plafondEuros: 25_705, annuelCents: 3071_00, mensualiteCents: 307_10, resteCents: 0, verified: true, pointsBareme: 3 });
    expect(plainLines(r.lignesFr)).toEqual([
      'Année universitaire 2025-2026 : 3 points de charge.',
      'Revenu brut global retenu : 25 705 €.',
      'Plafond de l\'échelon 2 pour 3 points : 25 705 €. Le revenu ne le dépasse pas : échelon 2.',
      'Le plafond de l\'échelon 3 (22 716 €) est dépassé.',
      'Montant annuel : 3 071,00 €, versé en 10 mensualités de 307,10 €.',
    ]);
  });

  it('échelon 7: 0 point and an income of 265 € or less (0 € included) → 6 335 € a year', () => {
    const r = determineEchelon({ annee: '2025-2026', points: 0, revenuBrutGlobalEuros: 0 }, T);
    expect([r.echelon, r.annuelCents, r.mensualiteCents, r.plafondEuros]).toEqual(['7', 6335_00, 633_50, 265]);
    expect(r.lignesFr.some((l) => l.includes('est dépassé'))).toBe(false);
    expect(echelon(0, 265)).toBe('7');
    expect(echelon(0, 266)).toBe('6');
  });

  it('0bis: 35 086 € with 0 point → 1 454 € a year (145,40 € a month); 35 087 € → no bursary', () => {
    const r = determineEchelon({ annee: '2025-2026', points: 0, revenuBrutGlobalEuros: 35_086 }, T);
    expect([r.echelon, r.annuelCents, r.mensualiteCents]).toEqual(['0bis', 1454_00, 145_40]);
    const none = determineEchelon({ annee: '2025-2026', points: 0, revenuBrutGlobalEuros: 35_087 }, T);
    expect([none.echelon, none.annuelCents, none.mensualiteCents, none.plafondEuros]).toEqual([null, 0, 0, 35_086]);
    expect(plain(none.lignesFr[none.lignesFr.length - 1])).toBe('Le revenu dépasse le plafond de l\'échelon 0bis pour 0 point (35 086 €) : pas de bourse.');
  });

  it('more than 17 points: the 17 row (20 points, 101 347 € → 0bis; 101 348 € → none)', () => {
    const r = determineEchelon({ annee: '2025-2026', points: 20, revenuBrutGlobalEuros: 101_347 }, T);
    expect([r.echelon, r.pointsBareme, r.points]).toEqual(['0bis', 17, 20]);
    expect(r.lignesFr[1]).toBe('Au-delà de 17 points, le barème de 17 points s\'applique.');
    expect(echelon(20, 101_348)).toBeNull();
    expect(echelon(17, 4_770)).toBe('7');
    expect(echelon(40, 4_770)).toBe('7');
  });

  it('a year without a barème: BourseTableMissing, with a message a caseworker can read', () => {
    const call = (): unknown => determineEchelon({ annee: '2026-2027', points: 0, revenuBrutGlobalEuros: 0 }, T);
    expect(call).toThrow(BourseTableMissing);
    expect(call).toThrow('le barème de l\'année 2026-2027 n\'est pas encore chargé (plafonds de ressources)');
  });

  it('2022-2023: its amounts are loaded but its ceilings are not', () => {
    expect(() => echelon(0, 0, '2022-2023')).toThrow('le barème de l\'année 2022-2023 n\'est pas encore chargé (plafonds de ressources)');
    const noAmounts = { plafonds: T.plafonds, montants: T.montants.filter((r) => r.annee !== '2024-2025') };
    expect(() => determineEchelon({ annee: '2024-2025', points: 0, revenuBrutGlobalEuros: 0 }, noAmounts))
      .toThrow('le barème de l\'année 2024-2025 n\'est pas encore chargé (montants des bourses)');
  });

  it('an unverified row is flagged, with its source, for finance', () => {
    const montants = T.montants.map((r) => (r.annee === '2025-2026' ? { ...r, verified: false, source: 'projet d\'arrêté' } : r));
    const r = determineEchelon({ annee: '2025-2026', points: 3, revenuBrutGlobalEuros: 25_705 }, { plafonds: T.plafonds, montants });
    expect(r.verified).toBe(false);
    expect(r.lignesFr[r.lignesFr.length - 1]).toMatch(/^Attention : barème non vérifié sur le texte publié \(.*projet d'arrêté\)\.$/);
  });

  it('refuses a negative or fractional income, fractional points and a badly written year', () => {
    expect(() => echelon(0, -1)).toThrow(BourseInputError);
    expect(() => echelon(0, 1000.5)).toThrow(BourseInputError);
    expect(() => echelon(1.5, 0)).toThrow(BourseInputError);
    expect(() => echelon(0, 0, '2025-26')).toThrow(BourseInputError);
  });

  it('property: more income never gives a higher échelon', () => {
    fc.assert(fc.property(fc.constantFrom(...ANNEES_BAREME), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 0, max: 120_000 }),
      (annee, points, a, b) => rank(echelon(points, Math.max(a, b), annee)) <= rank(echelon(points, Math.min(a, b), annee))));
  });

  it('property: more points never give a lower échelon', () => {
    fc.assert(fc.property(fc.constantFrom(...ANNEES_BAREME), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 120_000 }),
      (annee, p, q, revenu) => rank(echelon(Math.max(p, q), revenu, annee)) >= rank(echelon(Math.min(p, q), revenu, annee))));
  });
});

describe('calendrier: academic year and instalments', () => {
  it('"2025-2026" runs from 1 September 2025 to 31 August 2026', () => {
    expect(anneeBounds('2025-2026')).toEqual({ first: '2025-09-01', last: '2026-08-31' });
    expect([anneeOfDate('2026-08-31'), anneeOfDate('2026-09-01')]).toEqual(['2025-2026', '2026-2027']);
    expect(moisDeLAnnee('2025-2026')).toEqual(['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08']);
    expect(() => anneeBounds('2025-2027')).toThrow(BourseInputError);
  });

  it('September to June: 10 instalments of 307,10 € on the 1st of each month, 3 071 € in all', () => {
    const s = instalmentSchedule('2025-2026', 3071_00, { premierMois: '2025-09', nombreMois: 10 });
    expect(s.versements.map((v) => [v.rang, v.echeance, v.montantCents])).toEqual(
      moisDeLAnnee('2025-2026').slice(0, 10).map((m, i) => [i + 1, `${m}-01`, 307_10]));
    expect([s.totalCents, s.moisSansVersement]).toEqual([3071_00, []]);
    expect(plainLines(s.lignesFr)).toEqual([
      '10 mois de formation dans l\'année universitaire 2025-2026.',
      '10 mensualités de 307,10 €, versées au début du mois, de septembre 2025 à juin 2026.',
      'Total pour l\'année : 3 071,00 €.',
    ]);
  });

  it('12 training months: still 10 instalments (the first 10); July and August get none', () => {
    const s = instalmentSchedule('2025-2026', 3071_00, moisDeLAnnee('2025-2026'));
    expect([s.versements.length, s.totalCents, s.moisSansVersement]).toEqual([10, 3071_00, ['2026-07', '2026-08']]);
    expect(plain(s.lignesFr[1])).toBe('La bourse est versée au plus 10 fois par an : pas de mensualité pour juillet 2026, août 2026.');
  });

  it('a shorter training: one instalment per training month (6 months from January: 6 × 307,10 €)', () => {
    const s = instalmentSchedule('2025-2026', 3071_00, { premierMois: '2026-01', nombreMois: 6 });
    expect([s.versements.length, s.totalCents, s.versements[5].mois]).toEqual([6, 1842_60, '2026-06']);
    expect(plain(instalmentSchedule('2025-2026', 3071_00, { premierMois: '2025-10', nombreMois: 9 }).lignesFr[1]))
      .toBe('9 mensualités de 307,10 €, versées au début du mois, d\'octobre 2025 à juin 2026.');
    const one = instalmentSchedule('2025-2026', 1454_00, ['2026-03']);
    expect(plain(one.lignesFr[1])).toBe('1 mensualité de 145,40 €, versée au début du mois, en mars 2026.');
  });

  it('months given out of order are paid in calendar order', () => {
    const s = instalmentSchedule('2025-2026', 1454_00, ['2026-02', '2025-11', '2026-01']);
    expect(s.versements.map((v) => [v.rang, v.mois])).toEqual([[1, '2025-11'], [2, '2026-01'], [3, '2026-02']]);
  });

  it('an amount not divisible by 10 cents: 9 instalments rounded down, the 10th takes the remaining cents', () => {
    expect(mensualiteOf(1234_56)).toEqual({ mensualiteCents: 123_45, resteCents: 6 });
    const s = instalmentSchedule('2025-2026', 1234_56, { premierMois: '2025-09', nombreMois: 10 });
    expect(s.versements.map((v) => v.montantCents)).toEqual([...Array(9).fill(123_45), 123_51]);
    expect(s.totalCents).toBe(1234_56);
    expect(instalmentSchedule('2025-2026', 1234_56, { premierMois: '2025-09', nombreMois: 6 }).totalCents).toBe(6 * 123_45);
  });

  it('refuses a month outside the year, a month twice, a training crossing into the next year, no month', () => {
    expect(() => instalmentSchedule('2025-2026', 3071_00, ['2025-08'])).toThrow('2025-08 n\'est pas un mois de l\'année universitaire 2025-2026');
    expect(() => instalmentSchedule('2025-2026', 3071_00, ['2025-10', '2025-10'])).toThrow(BourseInputError);
    expect(() => instalmentSchedule('2025-2026', 3071_00, { premierMois: '2026-06', nombreMois: 4 })).toThrow(BourseInputError);
    expect(() => instalmentSchedule('2025-2026', 3071_00, [])).toThrow(BourseInputError);
    expect(() => instalmentSchedule('2025-2026', 0, ['2025-10'])).toThrow(BourseInputError);
  });

  it('property: total = min(months, 10) × monthly instalment for every published amount', () => {
    const amounts = [...new Set(T.montants.map((r) => r.annuelCents))];
    fc.assert(fc.property(fc.constantFrom(...amounts), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 12 }), (annuel, start, n) => {
      const count = Math.min(n, 12 - start);
      const s = instalmentSchedule('2025-2026', annuel, { premierMois: moisDeLAnnee('2025-2026')[start], nombreMois: count });
      return s.totalCents === Math.min(count, 10) * (annuel / 10);
    }));
  });

  it('payment deadline: 5 working days after a decision of Friday 19 December 2025 is Monday 29 December (weekend, Christmas)', () => {
    expect(dateLimiteVersement('2025-12-19', P)).toBe('2025-12-29');
  });
});

describe('jours ouvrés', () => {
  it('Easter Sunday by the anonymous Gregorian algorithm, including the earliest and latest possible dates', () => {
    const known: [number, string][] = [
      [1818, '1818-03-22'], [1943, '1943-04-25'], [2000, '2000-04-23'], [2019, '2019-04-21'],
      [2024, '2024-03-31'], [2025, '2025-04-20'], [2026, '2026-04-05'], [2038, '2038-04-25'], [2285, '2285-03-22'],
    ];
    for (const [year, date] of known) expect(easterSunday(year)).toBe(date);
  });

  it('the 11 public holidays of 2026', () => {
    expect(frenchPublicHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25',
      '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25',
    ]);
    expect(frenchPublicHolidays(2026)[4]).toEqual({ date: '2026-05-14', nom: 'Ascension' });
  });

  it('working days skip weekends and holidays', () => {
    expect(['2026-05-07', '2026-05-08', '2026-05-09', '2026-05-10', '2026-05-11'].map(isWorkingDay)).toEqual([true, false, false, false, true]);
    expect(workingDaysAfter('2026-05-07', 1)).toBe('2026-05-11'); // Friday 8 May is a holiday, then the weekend
    expect(workingDaysAfter('2026-05-13', 1)).toBe('2026-05-15'); // Ascension Thursday
    expect(workingDaysAfter('2026-01-03', 1)).toBe('2026-01-05'); // decided on a Saturday
    expect(workingDaysAfter('2025-12-31', 1)).toBe('2026-01-02'); // across the new year and 1 January
    expect(workingDaysAfter('2026-03-04', 0)).toBe('2026-03-04');
  });

  it('refuses a negative or fractional number of days and an impossible date', () => {
    expect(() => workingDaysAfter('2026-03-04', -1)).toThrow(InvalidDateError);
    expect(() => workingDaysAfter('2026-03-04', 1.5)).toThrow(InvalidDateError);
    expect(() => workingDaysAfter('2026-02-30', 1)).toThrow(InvalidDateError);
  });
});

describe('aide ponctuelle d\'urgence', () => {
  const demande = (over: Partial<DemandeAideUrgence> = {}): DemandeAideUrgence => ({
    annee: '2025-2026', montantCents: 1000_00, avanceSansCommission: false, dateNaissance: '2004-05-10',
    handicapReconnuCdaph: false, aidesAccordeesCents: [], ...over,
  });
  const failed = (over: Partial<DemandeAideUrgence>): string[] => plainLines(checkAideUrgence(demande(over), P).reglesNonRespectees);

  it('a request within every limit; the limits in force are shown as unverified defaults', () => {
    const r = checkAideUrgence(demande(), P);
    expect([r.conforme, r.reglesNonRespectees, r.resteAnnuelCents]).toEqual([true, [], 6142_00]);
    expect(r.limites).toEqual({ maxParAideCents: 3071_00, maxParAnneeCents: 6142_00, avanceSansCommissionMaxCents: 500_00, ageInferieurA: 35, verified: false });
  });

  it('at most 3 071 € per aid: 3 071,00 € passes, 3 071,01 € does not', () => {
    expect(failed({ montantCents: 3071_00 })).toEqual([]);
    expect(failed({ montantCents: 3071_01 })).toEqual(['Le montant demandé (3 071,01 €) dépasse le maximum d\'une aide (3 071,00 €).']);
  });

  it('at most 6 142 € per academic year, aids already granted included', () => {
    expect(failed({ montantCents: 3071_00, aidesAccordeesCents: [3071_00] })).toEqual([]);
    expect(failed({ montantCents: 1000_01, aidesAccordeesCents: [3071_00, 2071_00] })).toEqual([
      'Avec les aides déjà accordées cette année (5 142,00 €), le total (6 142,01 €) dépasse le maximum de l\'année universitaire (6 142,00 €).',
    ]);
    expect(checkAideUrgence(demande({ aidesAccordeesCents: [3071_00, 2071_00] }), P).resteAnnuelCents).toBe(1000_00);
  });

  it('an urgent advance without the commission: at most 500 €', () => {
    expect(failed({ avanceSansCommission: true, montantCents: 500_00 })).toEqual([]);
    expect(failed({ avanceSansCommission: true, montantCents: 500_01 })).toEqual([
      'Une avance en urgence sans passage en commission est limitée à 500,00 € (demandé : 500,01 €).',
    ]);
  });

  it('under 35 on 1 September of the year: 34 passes, 35 fails, no limit with a CDAPH disability', () => {
    expect(failed({ dateNaissance: '1990-09-02' })).toEqual([]);
    expect(failed({ dateNaissance: '1990-09-01' })).toEqual([
      'L\'aide est réservée aux étudiants de moins de 35 ans au 1er septembre 2025 (âge à cette date : 35 ans), sauf handicap reconnu par la CDAPH.',
    ]);
    expect(failed({ dateNaissance: '1960-01-01', handicapReconnuCdaph: true })).toEqual([]);
  });

  it('every failed rule is listed at once', () => {
    const r = checkAideUrgence(demande({ montantCents: 4000_00, avanceSansCommission: true, aidesAccordeesCents: [3000_00], dateNaissance: '1980-01-01' }), P);
    expect([r.conforme, r.reglesNonRespectees.length]).toEqual([false, 4]);
  });

  it('a year before the limits were loaded: BourseParametreMissing; a zero or fractional amount: BourseInputError', () => {
    expect(() => checkAideUrgence(demande({ annee: '2022-2023' }), P)).toThrow(BourseParametreMissing);
    expect(() => checkAideUrgence(demande({ montantCents: 0 }), P)).toThrow(BourseInputError);
    expect(() => checkAideUrgence(demande({ aidesAccordeesCents: [10.5] }), P)).toThrow(BourseInputError);
  });
});

describe('cumul with the trainee pay', () => {
  it('finds the months funded twice, in order, with the reason', () => {
    const r = cumulConflicts(['2026-03', '2026-01', '2026-02'], ['2025-12', '2026-01', '2026-03']);
    expect(r.moisEnConflit).toEqual(['2026-01', '2026-03']);
    expect(r.motifFr).toBe('La bourse et la rémunération de stagiaire de la Région ne peuvent pas être versées pour le même mois. Mois concernés : janvier 2026, mars 2026.');
  });

  it('no common month: no conflict', () => {
    expect(cumulConflicts(['2025-06'], ['2025-09'])).toEqual({ moisEnConflit: [], motifFr: null });
    expect(() => cumulConflicts(['2025-13'], [])).toThrow(InvalidDateError);
  });
});

describe('suspension, arrêt et indus', () => {
  /** Échelon 2, September to June: 307,10 € on the 1st of each month. */
  const schedule = instalmentSchedule('2025-2026', 3071_00, { premierMois: '2025-09', nombreMois: 10 }).versements;
  const paidThrough = (last: string): string[] => schedule.map((v) => v.mois).filter((m) => m <= last);
  const decide = (evenement: EvenementBourse, lastPaid: string, dateDecision: string) =>
    decideSuspension({ versements: schedule, moisVerses: paidThrough(lastPaid), evenement, dateDecision }, P);
  const months = (vs: readonly { mois: string }[]): string[] => vs.map((v) => v.mois);
  const absence = (justifieLe: string | null): EvenementBourse => ({ type: 'absence_non_justifiee', date: '2026-03-12', justifieLe });

  it('unjustified absence within the delay: held from the month of the event, 15 days to justify', () => {
    const d = decide(absence(null), '2026-02', '2026-03-20');
    expect([d.etat, d.dateLimiteJustification, months(d.retenus), d.aVerser, d.indus]).toEqual(['suspendue', '2026-03-27', ['2026-03', '2026-04', '2026-05', '2026-06'], [], []]);
    expect(plain(d.lignesFr[0])).toBe('Les mensualités sont suspendues à partir de mars 2026 : l\'absence du 12 mars 2026 n\'est pas encore justifiée. Un justificatif peut être envoyé jusqu\'au 27 mars 2026.');
  });

  it('justified on the last day of the delay: resumes, the held instalments are paid now', () => {
    const d = decide(absence('2026-03-27'), '2026-02', '2026-04-03');
    expect([d.etat, months(d.aVerser), d.retenus, d.annules, d.indus]).toEqual(['reprise', ['2026-03', '2026-04', '2026-05', '2026-06'], [], [], []]);
    expect(plainLines(d.lignesFr)).toEqual([
      'L\'absence du 12 mars 2026 a été justifiée le 27 mars 2026 : la bourse continue.',
      'À verser maintenant : mars 2026 (307,10 €), avril 2026 (307,10 €).',
    ]);
  });

  it('not justified when the delay is over: stopped; the month of the event is kept, a later month already paid is undue', () => {
    const d = decide(absence(null), '2026-04', '2026-04-10');
    expect([d.etat, months(d.annules), months(d.indus), d.totalInduCents, d.aVerser]).toEqual(['arretee', ['2026-05', '2026-06'], ['2026-04'], 307_10, []]);
    expect(plainLines(d.lignesFr)).toEqual([
      'L\'absence du 12 mars 2026 n\'a pas été justifiée au plus tard le 27 mars 2026 : la bourse est arrêtée à partir de mars 2026.',
      'La mensualité d\'avril 2026 (307,10 €) n\'était pas due : elle doit être remboursée.',
      'Total à rembourser : 307,10 €.',
    ]);
  });

  it('the month is elided in French: "à partir d\'avril"', () => {
    const d = decide({ type: 'absence_non_justifiee', date: '2026-04-02', justifieLe: null }, '2026-04', '2026-04-05');
    expect(d.lignesFr[0]).toMatch(/^Les mensualités sont suspendues à partir d'avril 2026 : /);
  });

  it('justified one day late: stopped, as without a justification', () => {
    expect(decide(absence('2026-03-28'), '2026-03', '2026-03-30').etat).toBe('arretee');
  });

  it('missed first exam session: the same rule, named in the letter', () => {
    const d = decide({ type: 'premiere_session_manquee', date: '2026-01-15', justifieLe: null }, '2026-03', '2026-03-02');
    expect([d.etat, months(d.indus), d.totalInduCents, months(d.annules)]).toEqual(['arretee', ['2026-02', '2026-03'], 614_20, ['2026-04', '2026-05', '2026-06']]);
    expect(plain(d.lignesFr[0])).toBe('L\'absence à la première session d\'examen du 15 janvier 2026 n\'a pas été justifiée au plus tard le 30 janvier 2026 : la bourse est arrêtée à partir de janvier 2026.');
  });

  it('exit (abandon): nothing after the month of exit; a later month already paid is undue', () => {
    const d = decide({ type: 'abandon', date: '2026-02-10' }, '2026-03', '2026-03-15');
    expect([d.etat, d.dateLimiteJustification, months(d.indus), months(d.annules), d.aVerser]).toEqual(['sortie', null, ['2026-03'], ['2026-04', '2026-05', '2026-06'], []]);
    expect(plain(d.lignesFr[0])).toBe('Sortie de la formation le 10 février 2026 : aucune mensualité après février 2026.');
  });

  it('exit with the month of exit not yet paid: it is still due', () => {
    const d = decide({ type: 'abandon', date: '2026-01-20' }, '2025-12', '2026-02-03');
    expect([months(d.aVerser), months(d.annules), d.indus]).toEqual([['2026-01'], ['2026-02', '2026-03', '2026-04', '2026-05', '2026-06'], []]);
  });

  it('refuses a paid month outside the schedule, an event after the decision, a justification after the decision', () => {
    expect(() => decideSuspension({ versements: schedule, moisVerses: ['2026-07'], evenement: absence(null), dateDecision: '2026-03-20' }, P)).toThrow(BourseInputError);
    expect(() => decide(absence(null), '2026-02', '2026-03-11')).toThrow(BourseInputError);
    expect(() => decide(absence('2026-03-25'), '2026-02', '2026-03-20')).toThrow(BourseInputError);
  });

  it('property: every unpaid instalment is paid, held or cancelled; every paid one is kept or undue; undue only after the event month', () => {
    const event = fc.oneof(
      fc.record({ type: fc.constant('abandon' as const), day: fc.integer({ min: 0, max: 300 }) }),
      fc.record({ type: fc.constantFrom('absence_non_justifiee' as const, 'premiere_session_manquee' as const), day: fc.integer({ min: 0, max: 300 }), justif: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }) }),
    );
    fc.assert(fc.property(event, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 60 }), (ev, paidCount, wait) => {
      const date = new Date(Date.UTC(2025, 8, 1 + ev.day)).toISOString().slice(0, 10);
      const dateDecision = new Date(Date.UTC(2025, 8, 1 + ev.day + wait + 40)).toISOString().slice(0, 10);
      const evenement: EvenementBourse = ev.type === 'abandon' ? { type: 'abandon', date }
        : { type: ev.type, date, justifieLe: ev.justif === null ? null : new Date(Date.UTC(2025, 8, 1 + ev.day + ev.justif)).toISOString().slice(0, 10) };
      const moisVerses = schedule.slice(0, paidCount).map((v) => v.mois);
      const d = decideSuspension({ versements: schedule, moisVerses, evenement, dateDecision }, P);
      const unpaid = schedule.filter((v) => !moisVerses.includes(v.mois)).map((v) => v.mois);
      const sorted = (xs: string[]): string[] => [...xs].sort();
      return JSON.stringify(sorted([...months(d.aVerser), ...months(d.retenus), ...months(d.annules)])) === JSON.stringify(unpaid)
        && d.indus.every((v) => moisVerses.includes(v.mois) && v.mois > date.slice(0, 7))
        && d.totalInduCents === d.indus.length * 307_10;
    }));
  });
});
