/**
 * Parameter proposals with four eyes: the checks on a proposed dated row and the approval by ANOTHER finance
 * user. Errors are typed (ParameterProposalError, stable `code`) with French messages.
 */
import {
  ParameterProposalError,
  approveProposal,
  proposeRow,
  rejectProposal,
  validateProposedRow,
  type ProposalContext,
  type ProposedRow,
} from '../../domain/remuneration';

const CTX: ProposalContext = { latestPaidPeriod: '2026-03' };
const RATE: ProposedRow = {
  table: 'remuneration_rate', category: 'jeune_18_25', effectiveFrom: '2026-04-01', monthlyCents: 570_00,
  source: 'décret 2026-xxx (JO)', verified: true,
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ParameterProposalError)) throw e;
    return e.code;
  }
  return undefined;
}

describe('checks on a proposed row', () => {
  it('a well-formed row of each table passes', () => {
    const rows: ProposedRow[] = [
      RATE,
      { table: 'rqth_salary_bounds', effectiveFrom: '2026-04-01', minCents: 780_00, maxCents: 2_200_00, source: 'calcul', verified: false },
      { table: 'ass_amount', effectiveFrom: '2026-04-01', dailyCents: 19_50, source: 'décret', verified: true },
      { table: 'aid_amount', kind: 'mobilite_hebergement', unit: 'par_nuit', effectiveFrom: '2026-04-15', amountCents: 25_00, source: 'délibération', verified: true },
      { table: 'remuneration_setting', key: 'avance_percent', effectiveFrom: '2026-05-01', value: 60, source: 'délibération', verified: true },
    ];
    for (const row of rows) expect(() => validateProposedRow(row, CTX)).not.toThrow();
  });

  it('effective date: a real date', () => {
    expect(codeOf(() => validateProposedRow({ ...RATE, effectiveFrom: '2026-02-30' }, CTX))).toBe('date_invalide');
    expect(codeOf(() => validateProposedRow({ ...RATE, effectiveFrom: '1er avril' }, CTX))).toBe('date_invalide');
  });

  it('effective date: the 1st of a month (except aids, granted any day)', () => {
    expect(codeOf(() => validateProposedRow({ ...RATE, effectiveFrom: '2026-04-15' }, CTX))).toBe('pas_un_premier_du_mois');
  });

  it('effective date: not on or before a month already paid', () => {
    expect(codeOf(() => validateProposedRow({ ...RATE, effectiveFrom: '2026-03-01' }, CTX))).toBe('mois_deja_paye');
    expect(codeOf(() => validateProposedRow({ ...RATE, effectiveFrom: '2025-04-01' }, CTX))).toBe('mois_deja_paye');
    const aid: ProposedRow = { table: 'aid_amount', kind: 'equipement', unit: 'par_parcours', effectiveFrom: '2026-03-31', amountCents: 1, source: 's', verified: false };
    expect(codeOf(() => validateProposedRow(aid, CTX))).toBe('mois_deja_paye');
    expect(() => validateProposedRow({ ...RATE, effectiveFrom: '2026-03-01' }, { latestPaidPeriod: null })).not.toThrow();
    expect(() => validateProposedRow({ ...RATE, effectiveFrom: '2026-03-01' }, CTX)).toThrow('déjà payé');
  });

  it('amounts: positive whole cents; bounds not inverted; the avance share a whole percent 1–100', () => {
    for (const monthlyCents of [0, -100, 570.5, Number.NaN]) {
      expect(codeOf(() => validateProposedRow({ ...RATE, monthlyCents }, CTX))).toBe('montant_invalide');
    }
    expect(codeOf(() => validateProposedRow({ table: 'rqth_salary_bounds', effectiveFrom: '2026-04-01', minCents: 900_00, maxCents: 800_00, source: 's', verified: false }, CTX)))
      .toBe('bornes_inversees');
    expect(codeOf(() => validateProposedRow({ table: 'ass_amount', effectiveFrom: '2026-04-01', dailyCents: 0, source: 's', verified: false }, CTX))).toBe('montant_invalide');
    for (const value of [0, 101, 33.3]) {
      expect(codeOf(() => validateProposedRow({ table: 'remuneration_setting', key: 'avance_percent', effectiveFrom: '2026-05-01', value, source: 's', verified: true }, CTX)))
        .toBe('valeur_invalide');
    }
  });

  it('source and verified flag are required; unknown categories or tables are refused', () => {
    expect(codeOf(() => validateProposedRow({ ...RATE, source: '  ' }, CTX))).toBe('source_manquante');
    expect(codeOf(() => validateProposedRow({ ...RATE, verified: undefined as unknown as boolean }, CTX))).toBe('verifie_manquant');
    expect(codeOf(() => validateProposedRow({ ...RATE, category: 'senior' as never }, CTX))).toBe('ligne_inconnue');
    expect(codeOf(() => validateProposedRow({ ...RATE, table: 'payment' } as unknown as ProposedRow, CTX))).toBe('ligne_inconnue');
  });
});

describe('four eyes', () => {
  const proposed = proposeRow(RATE, 'finance:alice', '2026-03-20T10:00:00Z', CTX);

  it('proposed by one finance user, approved by another', () => {
    expect(proposed).toMatchObject({ status: 'proposee', proposedBy: 'finance:alice', decidedBy: null });
    const approved = approveProposal(proposed, 'finance:bob', '2026-03-21T09:00:00Z', CTX);
    expect(approved).toMatchObject({ status: 'approuvee', decidedBy: 'finance:bob', decidedAt: '2026-03-21T09:00:00Z' });
  });

  it('the proposer cannot approve their own row (whatever the letter case)', () => {
    expect(codeOf(() => approveProposal(proposed, 'finance:alice', 'x', CTX))).toBe('meme_personne');
    expect(codeOf(() => approveProposal(proposed, 'finance:ALICE ', 'x', CTX))).toBe('meme_personne');
    expect(() => approveProposal(proposed, 'finance:alice', 'x', CTX)).toThrow('quatre yeux');
  });

  it('only finance proposes and approves', () => {
    expect(codeOf(() => proposeRow(RATE, 'caseworker:carla', 'x', CTX))).toBe('role_finance_requis');
    expect(codeOf(() => approveProposal(proposed, 'ops:olga', 'x', CTX))).toBe('role_finance_requis');
    expect(codeOf(() => approveProposal(proposed, 'finance:', 'x', CTX))).toBe('role_finance_requis');
  });

  it('checked again at approval: a month paid since the proposal makes it too late', () => {
    expect(codeOf(() => approveProposal(proposed, 'finance:bob', 'x', { latestPaidPeriod: '2026-04' }))).toBe('mois_deja_paye');
  });

  it('rejection needs a reason; a decided proposal cannot be decided again; the proposer may withdraw', () => {
    expect(codeOf(() => rejectProposal(proposed, 'finance:bob', 'x', ''))).toBe('motif_manquant');
    const rejected = rejectProposal(proposed, 'finance:bob', '2026-03-21T09:00:00Z', 'montant non publié');
    expect(rejected).toMatchObject({ status: 'rejetee', reason: 'montant non publié', decidedBy: 'finance:bob' });
    expect(codeOf(() => approveProposal(rejected, 'finance:carol', 'x', CTX))).toBe('deja_traitee');
    expect(rejectProposal(proposed, 'finance:alice', 'x', 'retirée').status).toBe('rejetee');
  });
});
