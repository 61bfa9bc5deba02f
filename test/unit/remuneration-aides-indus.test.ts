/**
 * Aids with quantities and once-per-course; late corrections (complement, second lowering); the life of an
 * overpayment (recovery by retenue or repayment order, remise) and the retenues planned on a payment.
 * Aid amounts are the EXAMPLE rows (300 € equipment, 100 €/month transport, 20 €/night, 3,50 €/meal).
 */
import { InvalidDateError } from '../../domain/dates';
import {
  AidGrantError,
  DEFAULT_REMUNERATION_PARAMETERS as D,
  DEFAULT_RETENUE_POLICY,
  OverpaymentError,
  RemunerationInputError,
  changeRecoveryPlan,
  decideCorrection,
  defaultRecoveryPlan,
  grantAid,
  nextGrantSeq,
  openOverpayment,
  planRetenues,
  recordRecovery,
  remainingCents,
  remitOverpayment,
  settledNetCents,
  withCorrection,
  type MonthSettlement,
  type Overpayment,
  type RemunerationParameters,
} from '../../domain/remuneration';

const plain = (s: string): string => s.replace(/\u00a0/g, ' ');
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('aids: unit amount × quantity, in whole cents', () => {
  it.each([
    ['equipement', 1, 'par_parcours', 300_00, 'Aide à l’équipement : 300,00 €.'],
    ['mobilite_hebergement', 5, 'par_nuit', 100_00, 'Aide à l’hébergement : 5 nuits × 20,00 € = 100,00 €.'],
    ['mobilite_restauration', 12, 'par_repas', 42_00, 'Aide aux repas : 12 repas × 3,50 € = 42,00 €.'],
    ['mobilite_transport', 3, 'par_mois', 300_00, 'Aide au transport : 3 mois × 100,00 € = 300,00 €.'],
    ['mobilite_hebergement', 1, 'par_nuit', 20_00, 'Aide à l’hébergement : 1 nuit × 20,00 € = 20,00 €.'],
  ] as const)('%s × %i (%s): %i cents', (kind, quantity, unit, cents, line) => {
    const g = grantAid({ kind, quantity, date: '2026-03-12' }, [], D);
    expect(g).toMatchObject({ kind, unit, quantity, amountCents: cents, period: '2026-03', grantSeq: 1, rowVerified: false });
    expect(plain(g.lineFr)).toBe(line);
  });

  it('a once-per-course aid is refused the second time, whatever the date', () => {
    const first = grantAid({ kind: 'equipement', quantity: 1, date: '2026-03-12' }, [], D);
    expect(codeOf(() => grantAid({ kind: 'equipement', quantity: 1, date: '2026-09-01' }, [first], D))).toBe('deja_accordee');
    expect(() => grantAid({ kind: 'equipement', quantity: 1, date: '2026-09-01' }, [first], D)).toThrow(AidGrantError);
    expect(() => grantAid({ kind: 'equipement', quantity: 1, date: '2026-09-01' }, [first], D)).toThrow('une seule fois par parcours');
  });

  it('other aids can be granted again: each grant has the next number of its kind (two in one month are two payments)', () => {
    const a = grantAid({ kind: 'mobilite_hebergement', quantity: 5, date: '2026-03-02' }, [], D);
    const b = grantAid({ kind: 'mobilite_hebergement', quantity: 4, date: '2026-03-20' }, [a], D);
    const meal = grantAid({ kind: 'mobilite_restauration', quantity: 4, date: '2026-03-20' }, [a, b], D);
    expect([a.grantSeq, b.grantSeq, meal.grantSeq]).toEqual([1, 2, 1]);
  });

  it('numbers are never reused: highest + 1, gaps included', () => {
    expect(nextGrantSeq('mobilite_transport', [{ kind: 'mobilite_transport', grantSeq: 1 }, { kind: 'mobilite_transport', grantSeq: 3 }, { kind: 'equipement', grantSeq: 7 }])).toBe(4);
  });

  it('bad quantities: 0, negative, fractional, or more than 1 for a once-per-course aid', () => {
    for (const quantity of [0, -2, 1.5, Number.NaN]) {
      expect(codeOf(() => grantAid({ kind: 'mobilite_hebergement', quantity, date: '2026-03-02' }, [], D))).toBe('quantite_invalide');
    }
    expect(codeOf(() => grantAid({ kind: 'equipement', quantity: 2, date: '2026-03-02' }, [], D))).toBe('quantite_invalide');
  });

  it('the row in force on the grant date sets the unit amount', () => {
    const params: RemunerationParameters = { ...D, aids: [...D.aids, { kind: 'mobilite_hebergement', effectiveFrom: '2026-01-01', amountCents: 25_00, unit: 'par_nuit', source: 'test', verified: true }] };
    expect(grantAid({ kind: 'mobilite_hebergement', quantity: 2, date: '2025-12-31' }, [], params).amountCents).toBe(40_00);
    expect(grantAid({ kind: 'mobilite_hebergement', quantity: 2, date: '2026-01-01' }, [], params)).toMatchObject({ amountCents: 50_00, rowVerified: true });
    expect(() => grantAid({ kind: 'mobilite_hebergement', quantity: 2, date: '2026-02-30' }, [], params)).toThrow(InvalidDateError);
  });
});

describe('late corrections of a paid month', () => {
  const may: MonthSettlement = { period: '2026-05', initialNetCents: 500_00, corrections: [] };

  it('raised: a complement of the difference, number 1, explained in plain French', () => {
    const d = decideCorrection(may, 520_00);
    expect(d).toMatchObject({ kind: 'complement', seq: 1, amountCents: 20_00, previousNetCents: 500_00, newNetCents: 520_00 });
    expect(d.kind !== 'aucune' && d.linesFr.map(plain)).toEqual([
      'Votre rémunération de mai 2026 a été recalculée : 520,00 € au lieu de 500,00 €.',
      'Nous vous versons la différence : 20,00 €.',
    ]);
  });

  it('lowered twice: two indus with their own numbers, the second not refused; then raised: complement 2', () => {
    let s = withCorrection(may, decideCorrection(may, 520_00)); // complement 1: settled 520
    const first = decideCorrection(s, 450_00);
    expect(first).toMatchObject({ kind: 'indu', seq: 1, amountCents: 70_00 });
    s = withCorrection(s, first);
    const second = decideCorrection(s, 430_00);
    expect(second).toMatchObject({ kind: 'indu', seq: 2, amountCents: 20_00, previousNetCents: 450_00 });
    expect(second.kind !== 'aucune' && plain(second.linesFr[1])).toBe('Vous avez reçu 20,00 € de trop. Cette somme est à rembourser.');
    s = withCorrection(s, second);
    expect(decideCorrection(s, 430_00)).toMatchObject({ kind: 'aucune' });
    expect(decideCorrection(s, 440_00)).toMatchObject({ kind: 'complement', seq: 2, amountCents: 10_00 });
    expect(settledNetCents(s)).toBe(430_00);
  });

  it('the indu of the avance recorded on the same month counts: the next indu of the month is number 2', () => {
    const s: MonthSettlement = { period: '2026-07', initialNetCents: 200_00, corrections: [{ kind: 'indu', seq: 1, amountCents: 55_38 }] };
    expect(decideCorrection(s, 100_00)).toMatchObject({ kind: 'indu', seq: 2, amountCents: 44_62 });
  });

  it('amounts must be whole cents', () => {
    expect(() => decideCorrection(may, 10.5)).toThrow(RemunerationInputError);
    expect(() => decideCorrection(may, -1)).toThrow(RemunerationInputError);
  });
});

describe('overpayment (indu): a_recouvrer → recouvre_partiellement → recouvre / remis', () => {
  const indu = (plan: 'retenue' | 'ordre_de_reversement' = 'retenue', amountCents = 100_00): Overpayment =>
    openOverpayment({ period: '2026-05', seq: 1, amountCents, reason: 'correction de l’état de présence', plan });
  const at = (date: string, amountCents: number, method: 'retenue' | 'ordre_de_reversement' = 'retenue') => ({ amountCents, method, date, actor: 'system' });

  it('recovered in two retenues: partly, then fully; each movement kept with amount, method, date, actor', () => {
    const a = indu();
    expect(a.status).toBe('a_recouvrer');
    const b = recordRecovery(a, at('2026-06-05', 30_00));
    expect([b.status, remainingCents(b)]).toEqual(['recouvre_partiellement', 70_00]);
    const c = recordRecovery(b, at('2026-07-05', 70_00, 'ordre_de_reversement'));
    expect(c.status).toBe('recouvre');
    expect(c.movements).toEqual([
      { amountCents: 30_00, method: 'retenue', date: '2026-06-05', actor: 'system' },
      { amountCents: 70_00, method: 'ordre_de_reversement', date: '2026-07-05', actor: 'system' },
    ]);
    expect(codeOf(() => recordRecovery(c, at('2026-08-05', 1)))).toBe('indu_clos');
  });

  it('remise of what remains by a caseworker, with a reason: remis', () => {
    const partly = recordRecovery(indu(), at('2026-06-05', 40_00));
    const r = remitOverpayment(partly, { date: '2026-06-20', actor: 'caseworker:agent-7', motif: 'situation sociale' });
    expect(r.status).toBe('remis');
    expect(r.movements.at(-1)).toEqual({ amountCents: 60_00, method: 'remise', date: '2026-06-20', actor: 'caseworker:agent-7', motif: 'situation sociale' });
  });

  it('partial remise leaves it partly settled; recovering the rest then closes it as remis', () => {
    const r = remitOverpayment(indu(), { date: '2026-06-20', actor: 'caseworker:agent-7', motif: 'remise partielle', amountCents: 20_00 });
    expect([r.status, remainingCents(r)]).toEqual(['recouvre_partiellement', 80_00]);
    expect(recordRecovery(r, at('2026-07-05', 80_00)).status).toBe('remis');
  });

  it('refused: more than what remains, a remise by finance or without a reason, a movement dated before the last', () => {
    expect(codeOf(() => recordRecovery(indu(), at('2026-06-05', 100_01)))).toBe('depasse_le_reste');
    expect(codeOf(() => recordRecovery(indu(), at('2026-06-05', 0)))).toBe('montant_invalide');
    expect(codeOf(() => remitOverpayment(indu(), { date: '2026-06-20', actor: 'finance:f1', motif: 'x' }))).toBe('acteur_non_autorise');
    expect(codeOf(() => remitOverpayment(indu(), { date: '2026-06-20', actor: 'caseworker:a', motif: ' ' }))).toBe('motif_manquant');
    expect(codeOf(() => recordRecovery(recordRecovery(indu(), at('2026-06-05', 1)), at('2026-06-04', 1)))).toBe('date_invalide');
    expect(codeOf(() => openOverpayment({ period: '2026-05', seq: 1, amountCents: 0, reason: 'x', plan: 'retenue' }))).toBe('montant_invalide');
    expect(() => recordRecovery(indu(), at('2026-06-05', 100_01))).toThrow(OverpaymentError);
  });

  it('the plan: retenue while payments are ahead, a repayment order after the exit; changeable until settled', () => {
    expect([defaultRecoveryPlan(true), defaultRecoveryPlan(false)]).toEqual(['retenue', 'ordre_de_reversement']);
    expect(changeRecoveryPlan(indu(), 'ordre_de_reversement').plan).toBe('ordre_de_reversement');
    expect(codeOf(() => changeRecoveryPlan(recordRecovery(indu(), at('2026-06-05', 100_00)), 'retenue'))).toBe('indu_clos');
  });
});

describe('retenues planned on a payment', () => {
  const open = (period: string, amountCents: number, plan: 'retenue' | 'ordre_de_reversement' = 'retenue') =>
    openOverpayment({ period, seq: 1, amountCents, reason: 'x', plan });
  const indus = [open('2026-02', 500_00), open('2026-01', 100_00), open('2026-01', 50_00, 'ordre_de_reversement')];

  it('default [UNSURE]: up to 100 % of the payment, oldest indu first, repayment orders left alone', () => {
    expect(DEFAULT_RETENUE_POLICY).toMatchObject({ maxSharePercent: 100, verified: false });
    expect(planRetenues(300_00, indus)).toEqual({
      retenues: [{ period: '2026-01', seq: 1, amountCents: 100_00 }, { period: '2026-02', seq: 1, amountCents: 200_00 }],
      capCents: 300_00, paidCents: 0,
    });
  });

  it('a quotité of 50 %: at most half of the payment is withheld', () => {
    expect(planRetenues(300_00, indus, { ...DEFAULT_RETENUE_POLICY, maxSharePercent: 50 })).toEqual({
      retenues: [{ period: '2026-01', seq: 1, amountCents: 100_00 }, { period: '2026-02', seq: 1, amountCents: 50_00 }],
      capCents: 150_00, paidCents: 150_00,
    });
  });

  it('nothing to recover: the payment goes out whole; a bad share is refused', () => {
    expect(planRetenues(300_00, [])).toEqual({ retenues: [], capCents: 300_00, paidCents: 300_00 });
    expect(codeOf(() => planRetenues(300_00, indus, { ...DEFAULT_RETENUE_POLICY, maxSharePercent: 0 }))).toBe('montant_invalide');
  });
});
