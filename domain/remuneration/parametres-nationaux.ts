/**
 * National figures known today, as dated rows with their source and verified flag (DOMAIN.md, "Pay scale").
 * Literal figures, not computed at load: they are what finance reads and what the migration inserts. The unit
 * tests check that each uprating row is the previous one × its coefficient (revalorisation.ts).
 *
 * Unverified rows are the best available figure: they apply (the pay must go out) and are shown to finance
 * as such, to be replaced by the published figure through a four-eyes proposal (propositions.ts).
 */
import type { AssAmountRow, Cents, IsoDate, RateCategory, RateRow, RqthSalaryBoundsRow } from './parameters';

export interface Uprating {
  effectiveFrom: IsoDate;
  /** Coefficient of L161-25 CSS, as a decimal string. */
  coefficient: string;
  source: string;
  verified: boolean;
}

/** The 1 April upratings of trainee pay (R6341-24-8). 2026: unknown (a freeze was debated). */
export const UPRATINGS: readonly Uprating[] = [
  {
    effectiveFrom: '2023-04-01', coefficient: '1.056', verified: false,
    source: 'R6341-24-8 (décret 2022-477), ×1,056 déduit des montants 2024 ; aucun barème publié trouvé',
  },
  {
    effectiveFrom: '2024-04-01', coefficient: '1.046', verified: true,
    source: 'R6341-24-8, ×1,046 ; barème publié (Centre-Val de Loire, janvier 2025)',
  },
  {
    effectiveFrom: '2025-04-01', coefficient: '1.017', verified: false,
    source: 'R6341-24-8, ×1,017 ; aucun barème publié trouvé, arrondi incertain',
  },
];

const DECRET_2021_522 = { effectiveFrom: '2021-05-01', source: 'décret 2021-522', verified: true } as const;

/** The three amounts of a scale row; every 685 € case moves with the 26+ amount. */
interface ScaleFigures { mineur: Cents; jeune: Cents; adulte: Cents }

const ADULT_AMOUNT_CATEGORIES: readonly RateCategory[] = ['adulte_26_plus', 'jeune_activite_anterieure', 'jeune_situation_familiale', 'rqth'];

function scaleRows(p: { effectiveFrom: IsoDate; source: string; verified: boolean }, f: ScaleFigures): RateRow[] {
  const { effectiveFrom, source, verified } = p; // not the coefficient: a rate row is a plain row
  const row = (category: RateCategory, monthlyCents: Cents): RateRow => ({ category, effectiveFrom, monthlyCents, source, verified });
  return [row('mineur_16_17', f.mineur), row('jeune_18_25', f.jeune), ...ADULT_AMOUNT_CATEGORIES.map((c) => row(c, f.adulte))];
}

const uprating = (from: IsoDate): Uprating => UPRATINGS.find((u) => u.effectiveFrom === from)!;

export const NATIONAL_RATE_ROWS: readonly RateRow[] = [
  ...scaleRows(DECRET_2021_522, { mineur: 200_00, jeune: 500_00, adulte: 685_00 }),
  ...scaleRows(uprating('2023-04-01'), { mineur: 211_20, jeune: 528_00, adulte: 723_36 }),
  ...scaleRows(uprating('2024-04-01'), { mineur: 220_92, jeune: 552_29, adulte: 756_63 }),
  ...scaleRows(uprating('2025-04-01'), { mineur: 224_68, jeune: 561_68, adulte: 769_49 }),
];

/**
 * RQTH salary-based amount: the minimum is the 685 € case, the maximum 1 932,52 € (2021) uprated by the
 * same coefficients, chained and rounded half up to the cent. No published maximum was found for any year,
 * so every uprated bounds row is unverified, 2024 included (only its minimum is published).
 */
export const RQTH_BOUNDS_ROWS: readonly RqthSalaryBoundsRow[] = [
  { ...DECRET_2021_522, minCents: 685_00, maxCents: 1_932_52 },
  { effectiveFrom: '2023-04-01', minCents: 723_36, maxCents: 2_040_74, verified: false,
    source: 'minimum = montant 685 € revalorisé ; maximum = 1 932,52 × 1,056 (calculé, arrondi au centime)' },
  { effectiveFrom: '2024-04-01', minCents: 756_63, maxCents: 2_134_61, verified: false,
    source: 'minimum publié (756,63) ; maximum = 2 040,74 × 1,046 (calculé, arrondi au centime, non publié)' },
  { effectiveFrom: '2025-04-01', minCents: 769_49, maxCents: 2_170_90, verified: false,
    source: 'minimum = montant 685 € revalorisé ; maximum = 2 134,61 × 1,017 (calculé, arrondi au centime)' },
];

/**
 * ASS daily amounts (allocation de solidarité spécifique, L5423-1 s.), revalued every 1 April (plus +4 %
 * on 1 July 2022). 2023–2025 from the decrees as reported by the legal press, with their 30-day monthly
 * figure (545,10 / 570,30 / 579,90 €), which confirms the × 30 convention (ass.ts).
 */
export const ASS_ROWS: readonly AssAmountRow[] = [
  { effectiveFrom: '2021-04-01', dailyCents: 16_91, verified: false,
    source: 'revalorisation 2021 de +0,1 % (16,89 × 1,001) ; montant calculé, décret non consulté' },
  { effectiveFrom: '2022-04-01', dailyCents: 17_21, verified: false,
    source: 'décret 2022-493 du 6 avril 2022, +1,8 % ; montant calculé, décret non consulté' },
  { effectiveFrom: '2022-07-01', dailyCents: 17_90, verified: false,
    source: 'revalorisation anticipée de 4 % au 1er juillet 2022 ; 17,90 € selon une publication syndicale' },
  { effectiveFrom: '2023-04-01', dailyCents: 18_17, verified: true, source: 'décret 2023-301 du 22 avril 2023 (montant relevé dans la presse juridique)' },
  { effectiveFrom: '2024-04-01', dailyCents: 19_01, verified: true, source: 'décret 2024-341 du 12 avril 2024 (montant relevé dans la presse juridique)' },
  { effectiveFrom: '2025-04-01', dailyCents: 19_33, verified: true, source: 'décret 2025-302 du 31 mars 2025 (montant relevé dans la presse juridique)' },
];
