/**
 * Part time below the ASS (D6341-24-1, second paragraph): for a person flagged eligibleASS, the part-time
 * pay is raised to the monthly ASS (daily × 30). Figures: 2025 rows (18–25: 561,68 €, ASS 19,33 €/day →
 * 579,90 €/month), 2024 rows (552,29 €, ASS 19,01 € → 570,30 €).
 */
import fc from 'fast-check';
import {
  DEFAULT_REMUNERATION_PARAMETERS as D,
  RemunerationInputError,
  assMonthlyCents,
  computeMonthlyRemuneration,
  determineBareme,
  type BaremeDecision,
  type MonthInput,
  type RemunerationParameters,
} from '../../domain/remuneration';

const plain = (s: string): string => s.replace(/\u00a0/g, ' ');

const jeune = determineBareme({ birthDate: '2003-02-10', entryDate: '2025-01-06', priorWork: { monthsInLast12: 0, monthsInLast24: 0 }, situation: {}, rqth: false }, D);
const adulte = determineBareme({ birthDate: '1980-02-10', entryDate: '2025-01-06', priorWork: { monthsInLast12: 0, monthsInLast24: 0 }, situation: {}, rqth: false }, D);

function partTime(decision: BaremeDecision, over: Partial<MonthInput> = {}): MonthInput {
  return {
    month: '2025-05', decision, trainingStart: '2025-01-06', trainingEnd: '2025-12-19', rythme: 'temps_partiel',
    scheduledMinutes: 40 * 60, unjustifiedAbsenceMinutes: 0, indemnitesJournalieresCents: 0, eligibleASS: true, ...over,
  };
}

describe('ASS floor of part-time pay', () => {
  it('monthly ASS = daily × 30: 19,01 € → 570,30 €, 19,33 € → 579,90 € (the decrees\' 30-day month)', () => {
    expect([assMonthlyCents(19_01), assMonthlyCents(19_33)]).toEqual([570_30, 579_90]);
  });

  it('below: 40 h at 561,68 € = 148,13 € is raised to the ASS, 579,90 €, and the statement says why', () => {
    const b = computeMonthlyRemuneration(partTime(jeune), D);
    expect(b.plancherASS).toMatchObject({ effectiveFrom: '2025-04-01', dailyCents: 19_33, monthlyCents: 579_90, partTimeCents: 148_13, floorCents: 579_90, applied: true });
    expect([b.proratedCents, b.netCents]).toEqual([579_90, 579_90]);
    expect(b.lines.map(plain)).toEqual([
      'Montant pour un mois complet à temps plein : 561,68 €.',
      'Vous aviez 21 ans le jour de votre entrée en formation.',
      'Vous êtes à temps partiel : 40 heures de formation prévues ce mois-ci.',
      'Chaque heure est payée le montant complet divisé par 151,67, soit 148,13 € pour le mois.',
      "C'est moins que l'allocation de solidarité spécifique (ASS) que vous pourriez recevoir : 579,90 € pour le mois.",
      'Votre rémunération est donc augmentée à 579,90 €.',
      'Vous recevez : 579,90 €.',
    ]);
  });

  it('the floor may pay more than the full-time amount (text: "au minimum portée au montant" of the ASS)', () => {
    const b = computeMonthlyRemuneration(partTime(jeune), D);
    expect(b.netCents).toBeGreaterThan(b.baseCents);
  });

  it('above: 140 h at 769,49 € = 710,28 € stays, no ASS line', () => {
    const b = computeMonthlyRemuneration(partTime(adulte, { scheduledMinutes: 140 * 60 }), D);
    expect(b.plancherASS).toMatchObject({ partTimeCents: 710_28, floorCents: 579_90, applied: false });
    expect(b.netCents).toBe(710_28);
    expect(b.lines.join(' ')).not.toMatch(/ASS/);
  });

  it('equal: a part-time amount exactly at the floor is not "below": kept, not flagged as raised', () => {
    const params: RemunerationParameters = {
      ...D,
      rates: [{ category: 'jeune_18_25', effectiveFrom: '2021-05-01', monthlyCents: 600_00 }],
      ass: [{ effectiveFrom: '2021-04-01', dailyCents: 20_00 }],
    };
    const b = computeMonthlyRemuneration(partTime(jeune, { scheduledMinutes: 160 * 60 }), params); // capped: 600,00 €
    expect(b.plancherASS).toMatchObject({ partTimeCents: 600_00, floorCents: 600_00, applied: false });
    expect(b.netCents).toBe(600_00);
  });

  it('not flagged eligibleASS (the default), or full time: no floor at all', () => {
    const notFlagged = partTime(jeune);
    delete notFlagged.eligibleASS;
    expect(computeMonthlyRemuneration(notFlagged, D)).toMatchObject({ plancherASS: null, netCents: 148_13 });
    expect(computeMonthlyRemuneration(partTime(jeune, { eligibleASS: false }), D).netCents).toBe(148_13);
    expect(computeMonthlyRemuneration(partTime(jeune, { rythme: 'temps_plein' }), D)).toMatchObject({ plancherASS: null, netCents: 561_68 });
  });

  it('a part month: the floor is prorated by calendar days, entry on 16 May: 579,90 × 16/31 = 299,30 €', () => {
    const b = computeMonthlyRemuneration(partTime(jeune, { trainingStart: '2025-05-16', scheduledMinutes: 20 * 60 }), D);
    expect(b.plancherASS).toMatchObject({ daysInTraining: 16, daysInMonth: 31, partTimeCents: 74_07, floorCents: 299_30, applied: true });
    expect(b.netCents).toBe(299_30);
    expect(b.lines.map(plain)).toContain("C'est moins que l'allocation de solidarité spécifique (ASS) que vous pourriez recevoir : 299,30 € pour vos 16 jours de formation du mois.");
  });

  it('unjustified absences reduce the raised amount: 4 h of 40 h → 579,90 × 36/40 = 521,91 €', () => {
    const b = computeMonthlyRemuneration(partTime(jeune, { unjustifiedAbsenceMinutes: 4 * 60 }), D);
    expect([b.proratedCents, b.deductions.absencesNonJustifiees.cents, b.netCents]).toEqual([579_90, 57_99, 521_91]);
  });

  it('the ASS row is the one in force on the month: March 2025 570,30 €, April 2025 579,90 €', () => {
    expect(computeMonthlyRemuneration(partTime(jeune, { month: '2025-03' }), D).netCents).toBe(570_30);
    expect(computeMonthlyRemuneration(partTime(jeune, { month: '2025-04' }), D).netCents).toBe(579_90);
  });

  it('flagged but no ASS row loaded: input error, never a silent "no floor"', () => {
    const withoutAss: RemunerationParameters = { ...D, ass: undefined };
    expect(() => computeMonthlyRemuneration(partTime(jeune), withoutAss)).toThrow(RemunerationInputError);
    expect(() => computeMonthlyRemuneration(partTime(jeune, { eligibleASS: 'oui' as unknown as boolean }), D)).toThrow(RemunerationInputError);
  });

  it('property: with the floor, never less than without it, and the breakdown still adds up', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 * 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (scheduled, share) => {
      const input = partTime(jeune, { scheduledMinutes: scheduled, unjustifiedAbsenceMinutes: Math.floor(scheduled * share) });
      const floored = computeMonthlyRemuneration(input, D);
      const without = computeMonthlyRemuneration({ ...input, eligibleASS: false }, D);
      const d = floored.deductions;
      return floored.netCents >= without.netCents && floored.proratedCents - d.absencesNonJustifiees.cents - d.indemnitesJournalieres.cents === floored.netCents;
    }));
  });
});
