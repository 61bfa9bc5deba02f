/**
 * The 1 April upratings as shipped in the default rows (DOMAIN.md's table), their boundaries, the trainees
 * who entered before one, the RQTH bounds (uprated) against the fixed salary-based amount (not uprated),
 * the avance, the provenance flags, the migration's frozen copy, and the row-status view for finance.
 */
import {
  ASS_AMOUNT_ROWS, UPRATING_BOUNDS_ROWS, UPRATING_RATE_ROWS,
} from '../../db/migrations/Migration20261205000200';
import {
  DEFAULT_REMUNERATION_PARAMETERS as D,
  avanceAtEntry,
  computeMonthlyRemuneration,
  determineBareme,
  fullTimeMonthlyAmount,
  parameterStatus,
  upratedCents,
  upratingChain,
  UPRATINGS,
  type BaremeDecision,
  type MonthInput,
  type RateCategory,
  type RemunerationParameters,
  type StagiaireProfile,
} from '../../domain/remuneration';

function profile(over: Partial<StagiaireProfile> = {}): StagiaireProfile {
  return { birthDate: '2002-06-15', entryDate: '2023-01-09', priorWork: { monthsInLast12: 0, monthsInLast24: 0 }, situation: {}, rqth: false, ...over };
}

function month(decision: BaremeDecision, m: string, over: Partial<MonthInput> = {}): MonthInput {
  return {
    month: m, decision, trainingStart: decision.entryDate, trainingEnd: '2027-12-31', rythme: 'temps_plein',
    scheduledMinutes: 140 * 60, unjustifiedAbsenceMinutes: 0, indemnitesJournalieresCents: 0, ...over,
  };
}

const scale = (category: RateCategory, date: string): number =>
  fullTimeMonthlyAmount({ category, entryDate: '2021-05-01', ageAtEntry: 30, fixedMonthlyCents: null, reasonFr: '' }, date, D).monthlyCents;

const ADULT_CASES: RateCategory[] = ['adulte_26_plus', 'jeune_activite_anterieure', 'jeune_situation_familiale', 'rqth'];

describe('uprating rows: DOMAIN.md table, every 685 € case moving together', () => {
  it.each([
    ['2021-05-01', 200_00, 500_00, 685_00],
    ['2023-04-01', 211_20, 528_00, 723_36],
    ['2024-04-01', 220_92, 552_29, 756_63],
    ['2025-04-01', 224_68, 561_68, 769_49],
  ])('from %s: 16–17 %i, 18–25 %i, 26+ and the other 685 € cases %i', (date, mineur, jeune, adulte) => {
    expect(scale('mineur_16_17', date)).toBe(mineur);
    expect(scale('jeune_18_25', date)).toBe(jeune);
    for (const c of ADULT_CASES) expect(scale(c, date)).toBe(adulte);
  });

  it('2026: no row yet, the 1 April 2025 row still applies', () => {
    expect(scale('jeune_18_25', '2026-11-30')).toBe(561_68);
  });

  it('each row is the previous ROUNDED row × the coefficient, half up to the cent (chained)', () => {
    const coefficients = UPRATINGS.map((u) => u.coefficient);
    expect(upratingChain(200_00, coefficients)).toEqual([211_20, 220_92, 224_68]);
    expect(upratingChain(500_00, coefficients)).toEqual([528_00, 552_29, 561_68]);
    expect(upratingChain(685_00, coefficients)).toEqual([723_36, 756_63, 769_49]);
    // Compounding from 2021 would give 769,50 € (685 × 1,056 × 1,046 × 1,017 = 769,497…): not the rule.
    expect(upratingChain(1_932_52, coefficients)).toEqual([2_040_74, 2_134_61, 2_170_90]); // RQTH maximum
    expect(upratedCents(723_36, '1.046')).toBe(756_63); // 756,634…
    expect(() => upratedCents(685_00, '1,046')).toThrow();
  });

  it.each([
    ['2024-03-31', 'jeune_18_25', 528_00],
    ['2024-04-01', 'jeune_18_25', 552_29],
    ['2025-03-31', 'adulte_26_plus', 756_63],
    ['2025-04-01', 'adulte_26_plus', 769_49],
    ['2023-03-31', 'mineur_16_17', 200_00],
    ['2023-04-01', 'mineur_16_17', 211_20],
  ] as const)('boundary: on %s the %s row is %i', (date, category, cents) => {
    expect(scale(category, date)).toBe(cents);
  });

  it('a whole month: March 2024 at the 2023 row, April 2024 at the 2024 row', () => {
    const d = determineBareme(profile({ entryDate: '2024-01-08' }), D);
    const march = computeMonthlyRemuneration(month(d, '2024-03'), D);
    const april = computeMonthlyRemuneration(month(d, '2024-04'), D);
    expect([march.netCents, march.rateEffectiveFrom]).toEqual([528_00, '2023-04-01']);
    expect([april.netCents, april.rateEffectiveFrom]).toEqual([552_29, '2024-04-01']);
  });
});

describe('a trainee who entered before an uprating is paid each month at the row in force that month', () => {
  const d = determineBareme(profile(), D); // 20 on 9 January 2023: 18–25

  it('entered 2023-01: March 2023 at 500 €, April 2023 at 528 €, May 2024 at the 2024 rate 552,29 €', () => {
    expect(d.category).toBe('jeune_18_25');
    expect(computeMonthlyRemuneration(month(d, '2023-03'), D).netCents).toBe(500_00);
    expect(computeMonthlyRemuneration(month(d, '2023-04'), D).netCents).toBe(528_00);
    const may2024 = computeMonthlyRemuneration(month(d, '2024-05'), D);
    expect([may2024.netCents, may2024.rateEffectiveFrom]).toEqual([552_29, '2024-04-01']);
  });

  it('the first month is the entry month: its row is the one in force on the entry day (January 2023: 500 €)', () => {
    const first = computeMonthlyRemuneration(month(d, '2023-01'), D);
    expect(first.baseCents).toBe(500_00);
    expect(first.prorata).toEqual({ kind: 'jours_calendaires', daysInTraining: 23, daysInMonth: 31 });
  });
});

describe('RQTH salary-based amount: bounds uprated, the amount fixed at entry not', () => {
  const rqth = (entryDate: string, salary: number): BaremeDecision =>
    determineBareme(profile({ entryDate, rqth: true, priorWork: { monthsInLast12: 12, monthsInLast24: 12 }, previousMonthlySalaryCents: salary }), D);

  it.each([
    ['2021-05-03', 1_932_52, 685_00],
    ['2023-04-03', 2_040_74, 723_36],
    ['2024-04-02', 2_134_61, 756_63],
    ['2025-04-01', 2_170_90, 769_49],
  ])('entry %s: clamped to max %i and min %i', (entry, max, min) => {
    expect(rqth(entry, 5_000_00).fixedMonthlyCents).toBe(max);
    expect(rqth(entry, 100_00).fixedMonthlyCents).toBe(min);
  });

  it('boundary: entry on 31 March 2024 uses the 2023 bounds (2 040,74 €), on 1 April 2024 the 2024 ones', () => {
    expect(rqth('2024-03-31', 3_000_00).fixedMonthlyCents).toBe(2_040_74);
    expect(rqth('2024-04-01', 3_000_00).fixedMonthlyCents).toBe(2_134_61);
  });

  it('capped at 2 134,61 € on entry in May 2024: still 2 134,61 € in May 2025, not the 2025 maximum', () => {
    const d = rqth('2024-05-06', 2_500_00);
    const may2025 = computeMonthlyRemuneration(month(d, '2025-05'), D);
    expect([may2025.netCents, may2025.rateEffectiveFrom]).toEqual([2_134_61, null]);
  });

  it('raised to the 756,63 € floor in 2024: stays 756,63 € in 2025 while the 685 € cases moved to 769,49 €', () => {
    const d = rqth('2024-05-06', 600_00);
    expect(computeMonthlyRemuneration(month(d, '2025-05'), D).netCents).toBe(756_63);
    expect(scale('rqth', '2025-05-01')).toBe(769_49);
  });
});

describe('the avance follows the uprating with no row of its own', () => {
  const jeune = (entryDate: string) => determineBareme(profile({ entryDate }), D);

  it('50 % of the row in force on the entry date, rounded down to the cent', () => {
    expect(avanceAtEntry(jeune('2024-03-15'), D, 50)).toEqual({ amountCents: 264_00, rateEffectiveFrom: '2023-04-01' });
    expect(avanceAtEntry(jeune('2024-04-15'), D, 50)).toEqual({ amountCents: 276_14, rateEffectiveFrom: '2024-04-01' }); // 276,145
    const adult = determineBareme(profile({ birthDate: '1980-01-01', entryDate: '2025-09-01' }), D);
    expect(avanceAtEntry(adult, D, 50).amountCents).toBe(384_74); // 769,49 / 2 = 384,745
  });

  it('salary-based: a share of the amount fixed at entry', () => {
    const d = determineBareme(profile({ entryDate: '2024-05-06', rqth: true, priorWork: { monthsInLast12: 12, monthsInLast24: 12 }, previousMonthlySalaryCents: 3_000_00 }), D);
    expect(avanceAtEntry(d, D, 50)).toEqual({ amountCents: 1_067_30, rateEffectiveFrom: null });
  });
});

describe('provenance: every default row says where it comes from and whether it was checked', () => {
  it('scale rows: 2021 and 2024 verified, 2023 and 2025 not', () => {
    const flags = Object.fromEntries(D.rates.map((r) => [r.effectiveFrom, r.verified]));
    expect(flags).toEqual({ '2021-05-01': true, '2023-04-01': false, '2024-04-01': true, '2025-04-01': false });
    for (const r of [...D.rates, ...D.rqthSalaryBounds, ...D.aids, ...(D.ass ?? [])]) {
      expect(typeof r.source).toBe('string');
      expect(r.source!.length).toBeGreaterThan(5);
      expect(typeof r.verified).toBe('boolean');
    }
  });

  it('uprated RQTH bounds are unverified (no published maximum); the example aids are unverified', () => {
    expect(D.rqthSalaryBounds.filter((b) => b.verified).map((b) => b.effectiveFrom)).toEqual(['2021-05-01']);
    expect(D.aids.every((a) => a.verified === false && a.source === 'exemple, montants de la Région inconnus')).toBe(true);
  });

  it('the migration inserts exactly the default rows (frozen copy)', () => {
    const after2021 = <T extends { effectiveFrom: string }>(rows: readonly T[]) => rows.filter((r) => r.effectiveFrom > '2021-05-01');
    const sortKey = (r: { effectiveFrom: string; category?: string }) => `${r.effectiveFrom}|${r.category ?? ''}`;
    const sorted = <T extends { effectiveFrom: string; category?: string }>(rows: readonly T[]) => [...rows].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    expect(sorted(UPRATING_RATE_ROWS)).toEqual(sorted(after2021(D.rates)));
    expect(UPRATING_BOUNDS_ROWS).toEqual(after2021(D.rqthSalaryBounds));
    expect(ASS_AMOUNT_ROWS).toEqual(D.ass);
  });
});

describe('row-status view for finance', () => {
  it('10 May 2026: the 1 April 2026 uprating is missing, said once per table with a stable key', () => {
    const view = parameterStatus(D, '2026-05-10');
    expect(view.missingUpratings.map((n) => n.key)).toEqual([
      'revalorisation-2026-04-01-remuneration_rate', 'revalorisation-2026-04-01-rqth_salary_bounds', 'revalorisation-2026-04-01-ass_amount',
    ]);
    expect(view.messagesFr[0]).toBe("la revalorisation du 1er avril 2026 n'est pas encore saisie : le barème du 1er avril 2025 s'applique");
    expect(view.messagesFr).toContain("la revalorisation du 1er avril 2026 de l'ASS n'est pas encore saisie : le montant du 1er avril 2025 s'applique");
    expect(view.messagesFr.some((m) => m.startsWith('ligne non vérifiée : le barème du 1er avril 2025'))).toBe(true);
  });

  it('lists every row in force with its source and flag', () => {
    const view = parameterStatus(D, '2026-05-10', [{ key: 'avance_percent', effectiveFrom: '2021-05-01', value: 50, source: 'hypothèse', verified: false }]);
    expect(view.rows.find((r) => r.table === 'remuneration_rate' && r.key === 'jeune_18_25'))
      .toMatchObject({ effectiveFrom: '2025-04-01', values: { monthlyCents: 561_68 }, verified: false });
    expect(view.rows.find((r) => r.table === 'ass_amount')).toMatchObject({ effectiveFrom: '2025-04-01', values: { dailyCents: 19_33 }, verified: true });
    expect(view.rows.find((r) => r.table === 'remuneration_setting')).toMatchObject({ key: 'avance_percent', values: { value: 50 }, verified: false });
    expect(view.rows.filter((r) => r.table === 'remuneration_rate')).toHaveLength(6);
    expect(view.rows.filter((r) => r.table === 'aid_amount')).toHaveLength(4);
  });

  it('31 March 2026: the latest 1 April (2025) is entered, nothing missing', () => {
    expect(parameterStatus(D, '2026-03-31').missingUpratings).toEqual([]);
    expect(parameterStatus(D, '2025-04-01').missingUpratings).toEqual([]);
  });

  it('an uprating entered for one case only: the others are named', () => {
    const partial: RemunerationParameters = { ...D, rates: [...D.rates, { category: 'jeune_18_25', effectiveFrom: '2026-04-01', monthlyCents: 570_00 }] };
    const [notice] = parameterStatus(partial, '2026-04-01').missingUpratings;
    expect(notice.seriesMissing).toEqual(['adulte_26_plus', 'jeune_activite_anterieure', 'jeune_situation_familiale', 'mineur_16_17', 'rqth']);
    expect(notice.messageFr).toMatch(/^la revalorisation du 1er avril 2026 n'est saisie que pour une partie du barème : pour adulte_26_plus, /);
  });

  it('rows loaded without provenance columns count as not verified', () => {
    const bare: RemunerationParameters = { ...D, rates: D.rates.map(({ source: _s, verified: _v, ...r }) => r) };
    const view = parameterStatus(bare, '2024-06-01');
    expect(view.rows.find((r) => r.table === 'remuneration_rate')).toMatchObject({ source: null, verified: false });
    expect(view.messagesFr).toContain('ligne non vérifiée : le barème du 1er avril 2024 (source : inconnue)');
  });

  it('before the first uprating (2023) no scale uprating is expected', () => {
    expect(parameterStatus(D, '2022-12-01').missingUpratings.map((n) => n.table)).toEqual([]);
  });
});
