/**
 * Worked examples of the trainee pay rules (décret 2021-522 figures). Each test name carries its reasoning.
 * Amounts in cents; statement lines are compared with plain spaces (the module writes no-break spaces).
 *
 * The examples run on the décret 2021-522 rows ONLY, whatever the dates: they show the arithmetic (case,
 * proration, rounding, deductions), which must not change each time a 1 April uprating row is added. The
 * real uprating rows are tested in remuneration-revalorisation.test.ts.
 */
import {
  DEFAULT_REMUNERATION_PARAMETERS as DEFAULTS,
  RemunerationInputError,
  aidInForce,
  computeMonthlyRemuneration,
  determineBareme,
  formatEuros,
  fullTimeMonthlyAmount,
  type BaremeDecision,
  type MonthInput,
  type RemunerationParameters,
  type StagiaireProfile,
} from '../../domain/remuneration';

const plain = (s: string): string => s.replace(/\u00a0/g, ' ');

const DECRET_2021_522 = '2021-05-01';
/** The default parameters without the 1 April upratings: décret 2021-522 figures on every date. */
const P: RemunerationParameters = {
  ...DEFAULTS,
  rates: DEFAULTS.rates.filter((r) => r.effectiveFrom === DECRET_2021_522),
  rqthSalaryBounds: DEFAULTS.rqthSalaryBounds.filter((r) => r.effectiveFrom === DECRET_2021_522),
};

function profile(over: Partial<StagiaireProfile> = {}): StagiaireProfile {
  return {
    birthDate: '2006-06-15', entryDate: '2025-09-01',
    priorWork: { monthsInLast12: 0, monthsInLast24: 0 }, situation: {}, rqth: false, ...over,
  };
}

function month(decision: BaremeDecision, over: Partial<MonthInput> = {}): MonthInput {
  return {
    month: '2025-09', decision, trainingStart: '2025-09-01', trainingEnd: '2026-06-30', rythme: 'temps_plein',
    scheduledMinutes: 140 * 60, unjustifiedAbsenceMinutes: 0, indemnitesJournalieresCents: 0, ...over,
  };
}

/** FICTITIOUS uprating, for tests only: the real 1 April figures are rows to add from the published text. */
const WITH_TEST_UPRATING: RemunerationParameters = {
  ...P,
  rates: [
    ...P.rates,
    { category: 'jeune_18_25', effectiveFrom: '2026-04-01', monthlyCents: 520_00 },
    { category: 'rqth', effectiveFrom: '2026-04-01', monthlyCents: 712_00 },
  ],
};

describe('barème: case decided at the date of entry', () => {
  it('19 at entry, full time, whole month: 500 €', () => {
    const d = determineBareme(profile(), P);
    expect([d.category, d.ageAtEntry]).toEqual(['jeune_18_25', 19]);
    const b = computeMonthlyRemuneration(month(d), P);
    expect(b.netCents).toBe(500_00);
    expect(b.lines.map(plain)).toEqual([
      'Montant pour un mois complet à temps plein : 500,00 €.',
      'Vous aviez 19 ans le jour de votre entrée en formation.',
      'Vous recevez : 500,00 €.',
    ]);
  });

  it('17 at entry: 200 €', () => {
    const d = determineBareme(profile({ birthDate: '2008-03-10', entryDate: '2025-09-01' }), P);
    expect(d.category).toBe('mineur_16_17');
    expect(fullTimeMonthlyAmount(d, '2025-09-01', P).monthlyCents).toBe(200_00);
  });

  it('turns 18 mid-course: still 200 € after the birthday (age at entry)', () => {
    const d = determineBareme(profile({ birthDate: '2008-03-10', entryDate: '2025-09-01' }), P);
    expect(computeMonthlyRemuneration(month(d, { month: '2026-04' }), P).netCents).toBe(200_00);
  });

  it('turns 26 mid-course: still 500 € (age at entry)', () => {
    const d = determineBareme(profile({ birthDate: '1999-10-20', entryDate: '2025-09-01' }), P);
    expect(d.ageAtEntry).toBe(25);
    expect(computeMonthlyRemuneration(month(d, { month: '2025-11' }), P).netCents).toBe(500_00);
  });

  it('entry on the 26th birthday: 26 and over, 685 €; the day before: 500 €', () => {
    expect(determineBareme(profile({ birthDate: '1999-09-01', entryDate: '2025-09-01' }), P).category).toBe('adulte_26_plus');
    expect(determineBareme(profile({ birthDate: '1999-09-02', entryDate: '2025-09-01' }), P).category).toBe('jeune_18_25');
  });

  it('born 29 February: 18 on 1 March of a common year, not on 28 February', () => {
    expect(determineBareme(profile({ birthDate: '2008-02-29', entryDate: '2026-02-28' }), P).category).toBe('mineur_16_17');
    expect(determineBareme(profile({ birthDate: '2008-02-29', entryDate: '2026-03-01' }), P).category).toBe('jeune_18_25');
  });

  it('under 16 at entry: no trainee pay, refused as an input error', () => {
    expect(() => determineBareme(profile({ birthDate: '2010-01-01', entryDate: '2025-09-01' }), P)).toThrow(RemunerationInputError);
  });
});

describe('barème: the 685 € statuses for under-26s', () => {
  const full = (p: StagiaireProfile): number => fullTimeMonthlyAmount(determineBareme(p, P), p.entryDate, P).monthlyCents;

  it('20, 6 months of paid work in the last 12: 685 €', () => {
    expect(full(profile({ priorWork: { monthsInLast12: 6, monthsInLast24: 6 } }))).toBe(685_00);
  });
  it('20, 12 months of paid work in the last 24 (only 4 in the last 12): 685 €', () => {
    expect(full(profile({ priorWork: { monthsInLast12: 4, monthsInLast24: 12 } }))).toBe(685_00);
  });
  it('20, 5 months in 12 and 11 in 24: not enough, 500 €', () => {
    expect(full(profile({ priorWork: { monthsInLast12: 5, monthsInLast24: 11 } }))).toBe(500_00);
  });
  it.each([
    ['single parent', { parentIsole: true }],
    ['pregnant single woman', { femmeSeuleEnceinte: true }],
    ['3 children', { troisEnfantsACharge: true }],
    ['divorced, widowed or separated for less than 3 years', { separationMoinsDe3Ans: true }],
  ])('17 and %s: 685 € (not 200 €)', (_label, situation) => {
    const p = profile({ birthDate: '2008-03-10', situation });
    expect(determineBareme(p, P).category).toBe('jeune_situation_familiale');
    expect(full(p)).toBe(685_00);
  });
  it('the statement line does not name the family situation (mails can be read by others)', () => {
    expect(determineBareme(profile({ situation: { femmeSeuleEnceinte: true } }), P).reasonFr).not.toMatch(/enceinte|parent|enfant/i);
  });
});

describe('barème: RQTH', () => {
  const rqth = (salary: number | null, months = 12): BaremeDecision =>
    determineBareme(profile({ rqth: true, priorWork: { monthsInLast12: months, monthsInLast24: months }, previousMonthlySalaryCents: salary }), P);

  it('RQTH without enough prior work: 685 €, even at 19', () => {
    const d = rqth(null, 2);
    expect([d.category, fullTimeMonthlyAmount(d, '2025-09-01', P).monthlyCents]).toEqual(['rqth', 685_00]);
  });
  it('RQTH with prior work, previous salary 1 500 €: 1 500 €', () => {
    expect(rqth(1_500_00).fixedMonthlyCents).toBe(1_500_00);
  });
  it('RQTH with prior work, previous salary 500 €: raised to the 685 € floor', () => {
    expect(rqth(500_00).fixedMonthlyCents).toBe(685_00);
  });
  it('RQTH with prior work, previous salary 2 500 €: capped at 1 932,52 €', () => {
    const d = rqth(2_500_00);
    expect(d.fixedMonthlyCents).toBe(1_932_52);
    expect(plain(formatEuros(d.fixedMonthlyCents ?? 0))).toBe('1 932,52 €');
  });
  it('RQTH with prior work but no salary given: input error, the caseworker must enter it', () => {
    expect(() => rqth(null)).toThrow(RemunerationInputError);
  });
});

describe('1 April upratings: rows, not code', () => {
  const d = determineBareme(profile(), WITH_TEST_UPRATING);

  it('March uses the row in force on 1 March (500 €), April the new row (test figure 520 €)', () => {
    expect(computeMonthlyRemuneration(month(d, { month: '2026-03' }), WITH_TEST_UPRATING).netCents).toBe(500_00);
    const april = computeMonthlyRemuneration(month(d, { month: '2026-04' }), WITH_TEST_UPRATING);
    expect([april.netCents, april.rateEffectiveFrom]).toEqual([520_00, '2026-04-01']);
  });
  it('entry on 15 April: the row in force on the first paid day (15 April) is the new one', () => {
    const late = determineBareme(profile({ entryDate: '2026-04-15' }), WITH_TEST_UPRATING);
    const b = computeMonthlyRemuneration(month(late, { month: '2026-04', trainingStart: '2026-04-15', trainingEnd: '2026-12-18' }), WITH_TEST_UPRATING);
    expect(b.baseCents).toBe(520_00);
  });
  it('RQTH salary-based amount is not uprated: same 1 500 € in March and April', () => {
    const s = determineBareme(profile({ rqth: true, priorWork: { monthsInLast12: 8, monthsInLast24: 8 }, previousMonthlySalaryCents: 1_500_00 }), WITH_TEST_UPRATING);
    for (const m of ['2026-03', '2026-04']) {
      expect(computeMonthlyRemuneration(month(s, { month: m }), WITH_TEST_UPRATING).netCents).toBe(1_500_00);
    }
  });
  it('two rows of the same case starting the same day: refused (the amount would depend on load order)', () => {
    const dup: RemunerationParameters = { ...P, rates: [...P.rates, { category: 'jeune_18_25', effectiveFrom: '2021-05-01', monthlyCents: 1 }] };
    expect(() => fullTimeMonthlyAmount(d, '2025-09-01', dup)).toThrow(RemunerationInputError);
  });
  it('a date before any row: refused, never a silent zero', () => {
    expect(() => fullTimeMonthlyAmount(d, '2021-04-30', P)).toThrow(RemunerationInputError);
  });
});

describe('first and last months: calendar days of the month inside the training', () => {
  const d19 = determineBareme(profile(), P);
  const d30 = determineBareme(profile({ birthDate: '1995-01-01' }), P);

  it('entry on the 16th of a 30-day month: 15 days out of 30, 500 × 15/30 = 250 €', () => {
    const b = computeMonthlyRemuneration(month(d19, { trainingStart: '2025-09-16', scheduledMinutes: 77 * 60 }), P);
    expect(b.prorata).toEqual({ kind: 'jours_calendaires', daysInTraining: 15, daysInMonth: 30 });
    expect(b.netCents).toBe(250_00);
    expect(b.lines.map(plain)).toContain('Cela fait 15 jours sur les 30 jours du mois, soit 250,00 €.');
    expect(b.lines.map(plain)).toContain('Vous étiez en formation du 16 septembre 2025 au 30 septembre 2025.');
  });
  it('exit on the 10th of a 31-day month, 685 €: 685 × 10/31 = 220,967… rounded half up to 220,97 €', () => {
    const b = computeMonthlyRemuneration(month(d30, { month: '2025-10', trainingEnd: '2025-10-10', scheduledMinutes: 56 * 60 }), P);
    expect(b.netCents).toBe(220_97);
  });
  it('a month with no training day: input error (the caller asked for the wrong month)', () => {
    expect(() => computeMonthlyRemuneration(month(d19, { month: '2025-08' }), P)).toThrow(RemunerationInputError);
  });
});

describe('part time: each hour paid monthly / 151.67', () => {
  const d19 = determineBareme(profile(), P);
  const d30 = determineBareme(profile({ birthDate: '1995-01-01' }), P);
  const partTime = (d: BaremeDecision, minutes: number) =>
    computeMonthlyRemuneration(month(d, { rythme: 'temps_partiel', scheduledMinutes: minutes }), P);

  it('75 h 50 min, just under half of 151.67 h (half is 75.835 h = 75 h 50 min 6 s): 500 × 75.8333/151.67 = 249,9945 → 249,99 €', () => {
    expect(partTime(d19, 75 * 60 + 50).netCents).toBe(249_99);
  });
  it('100 h at 685 €: 685 × 100/151.67 = 451,638… → 451,64 €', () => {
    const b = partTime(d30, 100 * 60);
    expect(b.netCents).toBe(451_64);
    expect(b.lines.map(plain)).toContain('Vous êtes à temps partiel : 100 heures de formation prévues ce mois-ci.');
  });
  it('more than 151.67 h scheduled: capped at the full-time amount (part time never pays more)', () => {
    expect(partTime(d19, 160 * 60).netCents).toBe(500_00);
  });
  it('part time in a first month: the hours already count only the days in training, no second proration', () => {
    const b = computeMonthlyRemuneration(month(d30, { rythme: 'temps_partiel', trainingStart: '2025-09-16', scheduledMinutes: 100 * 60 }), P);
    expect(b.netCents).toBe(451_64);
  });
});

describe('deductions', () => {
  const d19 = determineBareme(profile(), P);
  const d30 = determineBareme(profile({ birthDate: '1995-01-01' }), P);

  it('7 h unjustified absence out of 140 h scheduled: 500 × 7/140 = -25 €, so 475 €', () => {
    const b = computeMonthlyRemuneration(month(d19, { unjustifiedAbsenceMinutes: 7 * 60 }), P);
    expect([b.deductions.absencesNonJustifiees.cents, b.netCents]).toEqual([25_00, 475_00]);
    expect(b.lines.map(plain)).toContain('Absences non justifiées : 7 heures, soit -25,00 €.');
  });
  it('entry on the 16th and 3 h 30 absent out of 70 h: 250 × 3.5/70 = -12,50 €, so 237,50 €', () => {
    const b = computeMonthlyRemuneration(month(d19, { trainingStart: '2025-09-16', scheduledMinutes: 70 * 60, unjustifiedAbsenceMinutes: 210 }), P);
    expect(b.netCents).toBe(237_50);
    expect(b.lines.map(plain)).toContain('Absences non justifiées : 3 heures 30 minutes, soit -12,50 €.');
  });
  it('rounded once: exit on 10 Oct, 1 h absent of 60 h: 685 × 10/31 × 59/60 = 217,28… → 217,28 € (rounding 220,97 first would give 217,29)', () => {
    const b = computeMonthlyRemuneration(month(d30, { month: '2025-10', trainingEnd: '2025-10-10', scheduledMinutes: 60 * 60, unjustifiedAbsenceMinutes: 60 }), P);
    expect(b.netCents).toBe(217_28);
    expect(b.proratedCents - b.deductions.absencesNonJustifiees.cents).toBe(b.netCents); // the lines add up
  });
  it('IJ of 120 € deducted from a whole month at 685 €: 565 €', () => {
    const b = computeMonthlyRemuneration(month(d30, { indemnitesJournalieresCents: 120_00 }), P);
    expect(b.netCents).toBe(565_00);
    expect(b.lines.map(plain)).toContain('Indemnités journalières de la Sécurité sociale (arrêt maladie) : -120,00 €.');
  });
  it('IJ above the pay: net 0 €, never negative, and the statement says why', () => {
    const b = computeMonthlyRemuneration(month(d19, { indemnitesJournalieresCents: 600_00 }), P);
    expect([b.netCents, b.deductions.indemnitesJournalieres.cents]).toEqual([0, 500_00]);
    expect(b.lines.map(plain)).toContain('Vos indemnités journalières (600,00 €) sont plus élevées que votre rémunération du mois.');
  });
  it('more unjustified absence than scheduled hours: input error', () => {
    expect(() => computeMonthlyRemuneration(month(d19, { unjustifiedAbsenceMinutes: 141 * 60 }), P)).toThrow(RemunerationInputError);
  });
  it('hours as a fraction of a minute or negative IJ: input error (whole units only)', () => {
    expect(() => computeMonthlyRemuneration(month(d19, { scheduledMinutes: 10.5 }), P)).toThrow(RemunerationInputError);
    expect(() => computeMonthlyRemuneration(month(d19, { indemnitesJournalieresCents: -1 }), P)).toThrow(RemunerationInputError);
  });
});

describe('aids (example parameters: the Région amounts are unknown)', () => {
  it('finds the equipment aid row in force', () => {
    expect(aidInForce(P, 'equipement', '2025-09-01')).toMatchObject({ unit: 'par_parcours' });
  });
});
