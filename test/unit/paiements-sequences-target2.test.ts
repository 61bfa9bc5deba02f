/**
 * References of payments that repeat (aid grants, complements, indus), made by the one reference function,
 * and the TARGET2 calendar of execution dates.
 */
import fc from 'fast-check';
import { easterSunday } from '../../domain/dates';
import {
  executionDateFor, isTarget2BusinessDay, nextTarget2BusinessDay, target2ClosingReason,
} from '../../domain/paiements/calendrier-target2';
import { InvalidReferenceInputError, PaymentRuleError } from '../../domain/paiements/errors';
import {
  REFERENCE_PATTERN, aidReference, complementReference, overpaymentReference, paymentReference, referenceDiscriminators, referenceText,
} from '../../domain/paiements/reference';
import type { AidKind } from '../../domain/remuneration';

const CASE = '3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c';
const AID_KINDS: AidKind[] = ['equipement', 'mobilite_transport', 'mobilite_hebergement', 'mobilite_restauration'];

describe('aid grant references', () => {
  it('one per (case, period, aid kind, grant number): 30 characters of [A-Z0-9-], EQ or MO', () => {
    const refs = AID_KINDS.flatMap((aidKind) => ['2026-03', '2026-04'].flatMap((period) => [1, 2, 3].map((grantSeq) =>
      aidReference({ caseId: CASE, period, aidKind, grantSeq }))));
    expect(new Set(refs).size).toBe(AID_KINDS.length * 2 * 3);
    for (const ref of refs) {
      expect(ref).toHaveLength(30);
      expect(ref).toMatch(REFERENCE_PATTERN);
    }
    expect(aidReference({ caseId: CASE, period: '2026-03', aidKind: 'equipement', grantSeq: 1 })).toMatch(/^EQ-202603-/);
    expect(aidReference({ caseId: CASE, period: '2026-03', aidKind: 'mobilite_hebergement', grantSeq: 1 })).toMatch(/^MO-202603-/);
  });

  it('the canonical text it hashes, and the same bytes as the first sequenced implementation (fixed vectors)', () => {
    expect(referenceText(CASE.toUpperCase(), '2026-03', 'AIDE_MOBILITE', referenceDiscriminators({ aidKind: 'mobilite_hebergement', seq: 2 })))
      .toBe(`sprfp/paiement/v1|${CASE}|2026-03|AIDE_MOBILITE|mobilite_hebergement|2`);
    expect(aidReference({ caseId: CASE, period: '2026-03', aidKind: 'equipement', grantSeq: 1 })).toBe('EQ-202603-FF0AYYGX0NYTT6W6D2GV');
    expect(aidReference({ caseId: CASE, period: '2026-03', aidKind: 'mobilite_hebergement', grantSeq: 2 })).toBe('MO-202603-HSZJQBMJCZQX2SZF5NZ7');
  });

  it('never equals the legacy one-per-period reference of the same kind, which a stored row without number keeps', () => {
    expect(aidReference({ caseId: CASE, period: '2026-03', aidKind: 'equipement', grantSeq: 1 }))
      .not.toBe(paymentReference(CASE, '2026-03', 'AIDE_EQUIPEMENT'));
    expect(paymentReference(CASE, '2026-03', 'AIDE_EQUIPEMENT', referenceDiscriminators({ aidKind: 'equipement', seq: null })))
      .toBe(paymentReference(CASE, '2026-03', 'AIDE_EQUIPEMENT'));
  });

  it('refuses a bad grant number, case id, period or discriminator', () => {
    const ok = { caseId: CASE, period: '2026-03', aidKind: 'equipement' as const, grantSeq: 1 };
    expect(() => aidReference({ ...ok, grantSeq: 0 })).toThrow(InvalidReferenceInputError);
    expect(() => aidReference({ ...ok, grantSeq: 1.5 })).toThrow(InvalidReferenceInputError);
    expect(() => aidReference({ ...ok, caseId: '42' })).toThrow(InvalidReferenceInputError);
    expect(() => aidReference({ ...ok, period: '2026-13' })).toThrow(InvalidReferenceInputError);
    expect(() => aidReference({ ...ok, aidKind: 'velo' as AidKind })).toThrow(InvalidReferenceInputError);
    expect(() => paymentReference(CASE, '2026-03', 'MENSUEL', ['Bad|text'])).toThrow(InvalidReferenceInputError);
  });
});

describe('correction references', () => {
  it('indu number 1 keeps the reference the ledger already uses; number 2 is another one', () => {
    const first = overpaymentReference({ caseId: CASE, period: '2026-05', seq: 1 });
    expect(first).toBe(paymentReference(CASE, '2026-05', 'INDU'));
    expect(first).toBe('IN-202605-VXZHNNE547WB3SNB1167');
    const second = overpaymentReference({ caseId: CASE, period: '2026-05', seq: 2 });
    expect(second).toBe('IN-202605-GQT42GHV7CFX2RET2H9F');
  });

  it('complements: code CO, one per number, distinct from the monthly payment', () => {
    const c1 = complementReference({ caseId: CASE, period: '2026-05', seq: 1 });
    const c2 = complementReference({ caseId: CASE, period: '2026-05', seq: 2 });
    expect(c1).toBe('CO-202605-CEX0PNGNAHJ0CKNK26ZT');
    expect(c1).toMatch(REFERENCE_PATTERN);
    expect(new Set([c1, c2, paymentReference(CASE, '2026-05', 'MENSUEL')]).size).toBe(3);
  });
});

describe('TARGET2 calendar', () => {
  it('Easter by the anonymous Gregorian algorithm (2026: 5 April; the extremes 22 March and 25 April)', () => {
    expect([2000, 2019, 2024, 2025, 2026, 2027, 2038, 2285].map(easterSunday))
      .toEqual(['2000-04-23', '2019-04-21', '2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2038-04-25', '2285-03-22']);
  });

  it.each([
    ['2026-04-03', 'vendredi_saint'],
    ['2026-04-06', 'lundi_de_paques'],
    ['2026-05-01', 'fete_du_travail'],
    ['2026-12-25', 'noel'],
    ['2026-12-28', null],
    ['2025-12-26', 'lendemain_de_noel'],
    ['2026-01-01', 'jour_de_l_an'],
    ['2026-04-04', 'samedi'],
    ['2026-04-05', 'dimanche'],
    ['2026-07-14', null], // a French bank holiday, open for TARGET2
    ['2026-05-14', null], // Ascension
    ['2026-04-07', null],
  ])('%s: %s', (date, reason) => {
    expect(target2ClosingReason(date)).toBe(reason);
    expect(isTarget2BusinessDay(date)).toBe(reason === null);
  });

  it('next business day, strictly after: Easter week 2026, Christmas, New Year on a Saturday', () => {
    expect(nextTarget2BusinessDay('2026-04-02')).toBe('2026-04-07');
    expect(nextTarget2BusinessDay('2026-12-24')).toBe('2026-12-28');
    expect(nextTarget2BusinessDay('2027-12-31')).toBe('2028-01-03');
    expect(nextTarget2BusinessDay('2026-06-01')).toBe('2026-06-02');
  });

  it('policy: a closing day moves to the next business day, and the answer says so in French', () => {
    expect(executionDateFor('2026-06-02')).toEqual({ requested: '2026-06-02', executionDate: '2026-06-02', moved: false, reason: null, messageFr: null });
    expect(executionDateFor('2026-04-06')).toEqual({
      requested: '2026-04-06', executionDate: '2026-04-07', moved: true, reason: 'lundi_de_paques',
      messageFr: 'Le 6 avril 2026 est le lundi de Pâques, jour de fermeture de TARGET2 : les virements seront exécutés le 7 avril 2026, jour ouvré suivant.',
    });
    expect(executionDateFor('2026-05-01').executionDate).toBe('2026-05-04');
  });

  it('weekdays agree with the system calendar; the next business day skips only closing days', () => {
    const day = fc.integer({ min: Date.UTC(1990, 0, 1) / 864e5, max: Date.UTC(2100, 11, 31) / 864e5 }).map((n) => new Date(n * 864e5).toISOString().slice(0, 10));
    fc.assert(fc.property(day, (date) => {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      const reason = target2ClosingReason(date);
      expect(reason === 'samedi').toBe(weekday === 6);
      expect(reason === 'dimanche').toBe(weekday === 0);
      const next = nextTarget2BusinessDay(date);
      expect(next > date && isTarget2BusinessDay(next)).toBe(true);
      for (let d = Date.parse(date) + 864e5; d < Date.parse(next); d += 864e5) {
        expect(isTarget2BusinessDay(new Date(d).toISOString().slice(0, 10))).toBe(false);
      }
    }), { numRuns: 500 });
  });

  it('refuses a date that does not exist', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '26-04-06', '']) expect(() => target2ClosingReason(bad)).toThrow(PaymentRuleError);
    expect(target2ClosingReason('2028-02-29')).toBeNull(); // leap day, a Tuesday
  });
});
