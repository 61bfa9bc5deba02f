/**
 * Payment rules: references, bank details, and the paying agent's files (CSV and pain.001.001.09).
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { checksumIBAN } from 'sepa';
import { DuplicateReferenceError, InvalidIbanError, InvalidPaymentLineError, InvalidReferenceInputError } from '../../domain/paiements/errors';
import { messageId, paymentCsv, paymentPain001, type PaymentBatch, type PaymentLine } from '../../domain/paiements/fichier';
import { isValidIban, normalizeIban } from '../../domain/paiements/iban';
import { formatEuros } from '../../domain/paiements/montant';
import { PAYMENT_KINDS, REFERENCE_PATTERN, paymentReference, type PaymentKind } from '../../domain/paiements/reference';
import { sepaText } from '../../domain/paiements/texte-sepa';

const CASE_A = '3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c';
const CASE_B = '0c5b8d21-47f3-4b9a-8e6d-1a2b3c4d5e6f';
const CASE_C = 'a7e4f3d2-1b0c-4d9e-8f7a-6b5c4d3e2f1a';
const IBAN_A = 'FR7630006000011234567890189';
const IBAN_B = 'FR1420041010050500013M02606';
const IBAN_REGION = checksumIBAN('FR0030001007941234567890185');
/** EPC charset for identifiers, as the brief states it. */
const SEPA_ID_CHARS = /^[A-Za-z0-9/\-?:().,'+ ]+$/;

function line(caseId: string, kind: PaymentKind, amountCents: number, over: Partial<PaymentLine> = {}): PaymentLine {
  const period = over.period ?? '2026-05';
  return {
    reference: paymentReference(caseId, period, kind),
    caseId,
    beneficiaryName: 'Hélène Lœuvre',
    iban: IBAN_A,
    amountCents,
    period,
    kind,
    executionDate: '2026-06-05',
    ...over,
  };
}

const LINES: PaymentLine[] = [
  line(CASE_A, 'MENSUEL', 50_000, { bic: 'AGRIFRPPXXX' }),
  line(CASE_B, 'AVANCE', 10, { beneficiaryName: '=HYPERLINK("x"), Zoé', iban: 'FR14 2004 1010 0505 0001 3M02 606', executionDate: '2026-05-20' }),
  line(CASE_C, 'AIDE_MOBILITE', 20, { iban: IBAN_B }),
  line(CASE_A, 'AIDE_EQUIPEMENT', 68_529),
];
const batch = (lines: readonly PaymentLine[] = LINES): PaymentBatch => ({
  debtor: { name: 'Région Normandie', iban: IBAN_REGION, bic: 'BDFEFRPPCCT' },
  createdAt: '2026-06-01T09:30:00',
  lines,
});

/** The XML is one line: a regex per transaction block is enough to read it back. */
function transactions(xml: string): { e2e: string; amount: string }[] {
  return [...xml.matchAll(/<CdtTrfTxInf>.*?<EndToEndId>(.*?)<\/EndToEndId>.*?<InstdAmt Ccy="EUR">(.*?)<\/InstdAmt>.*?<\/CdtTrfTxInf>/g)]
    .map((m) => ({ e2e: m[1], amount: m[2] }));
}
const groupHeader = (xml: string): string => /<GrpHdr>(.*?)<\/GrpHdr>/.exec(xml)?.[1] ?? '';
const tag = (xml: string, name: string): string[] => [...xml.matchAll(new RegExp(`<${name}>(.*?)</${name}>`, 'g'))].map((m) => m[1]);

describe('payment reference', () => {
  const uuid = fc.uuid();
  const period = fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
  const kind = fc.constantFrom(...PAYMENT_KINDS);

  it('fits a SEPA EndToEndId: at most 35 characters of [A-Z0-9-]', () => {
    fc.assert(fc.property(uuid, period, kind, (c, p, k) => {
      const ref = paymentReference(c, p, k);
      expect(ref.length).toBeLessThanOrEqual(35);
      expect(ref).toMatch(/^[A-Z0-9-]+$/);
      expect(ref).toMatch(SEPA_ID_CHARS);
      expect(ref).toMatch(REFERENCE_PATTERN);
    }));
  });

  it('is deterministic, and ignores the case of the UUID', () => {
    fc.assert(fc.property(uuid, period, kind, (c, p, k) => {
      expect(paymentReference(c, p, k)).toBe(paymentReference(c, p, k));
      expect(paymentReference(c.toUpperCase(), p, k)).toBe(paymentReference(c, p, k));
    }));
    expect(paymentReference(CASE_A, '2026-05', 'MENSUEL')).toMatch(/^ME-202605-[0-9A-Z]{20}$/);
  });

  it('differs for every kind and period of one case', () => {
    const periods = ['2025-12', '2026-01', '2026-02', '2027-01'];
    const refs = PAYMENT_KINDS.flatMap((k) => periods.map((p) => paymentReference(CASE_A, p, k)));
    expect(new Set(refs).size).toBe(PAYMENT_KINDS.length * periods.length);
  });

  it('differs for different cases', () => {
    fc.assert(fc.property(uuid, uuid, period, kind, (a, b, p, k) => {
      fc.pre(a.toLowerCase() !== b.toLowerCase());
      expect(paymentReference(a, p, k)).not.toBe(paymentReference(b, p, k));
    }));
  });

  it('refuses a case id that is not a UUID, a bad period, an unknown kind', () => {
    expect(() => paymentReference('12345', '2026-05', 'MENSUEL')).toThrow(InvalidReferenceInputError);
    expect(() => paymentReference(CASE_A, '2026-13', 'MENSUEL')).toThrow(InvalidReferenceInputError);
    expect(() => paymentReference(CASE_A, '2026-5', 'MENSUEL')).toThrow(InvalidReferenceInputError);
    expect(() => paymentReference(CASE_A, '2026-05', 'PRIME' as PaymentKind)).toThrow(InvalidReferenceInputError);
  });

  it('keeps the references already issued (fixed vectors from the first implementation)', () => {
    expect(paymentReference('3f1c2a9e-5b7d-4c21-9e0f-8a6b4d2c1e70', '2026-05', 'MENSUEL')).toBe('ME-202605-AQSRK73P7P2HRRR225TP');
    expect(paymentReference('00000000-0000-4000-8000-000000000000', '2021-12', 'INDU')).toBe('IN-202112-3V4JN4XJDMTR3DFRQQKF');
    expect(paymentReference('ABCDEF01-2345-4678-89AB-CDEF01234567', '2030-01', 'AVANCE')).toBe('AV-203001-7428YWJJ8C9QDTFD5JGY');
  });
});

describe('bank details and amounts', () => {
  it('accepts valid IBANs, typed with spaces or not', () => {
    for (const iban of [IBAN_A, IBAN_B, IBAN_REGION, 'DE89370400440532013000', 'fr76 3000 6000 0112 3456 7890 189']) {
      expect(isValidIban(normalizeIban(iban))).toBe(true);
    }
  });

  it('refuses a wrong digit, two swapped characters, a French IBAN of the wrong length', () => {
    expect(isValidIban('FR7630006000011234567890188')).toBe(false);
    expect(isValidIban('FR7630006000011234567809189')).toBe(false);
    expect(isValidIban('FR76300060000112345678901')).toBe(false);
    expect(isValidIban('')).toBe(false);
  });

  it('formats cents as exact decimal euros', () => {
    expect([0, 5, 10, 100, 123_456, 99_999_999_999].map(formatEuros)).toEqual(['0.00', '0.05', '0.10', '1.00', '1234.56', '999999999.99']);
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) }), (c) => {
      expect(formatEuros(Number(c))).toBe(`${c / 100n}.${String(c % 100n).padStart(2, '0')}`);
    }));
  });

  it('transliterates free text to the SEPA Latin set', () => {
    expect(sepaText('Hélène Lœuvre-Dupré & fils « Ça va »', 70)).toBe('Helene Loeuvre-Dupre fils Ca va');
    expect(sepaText('x'.repeat(80), 70)).toHaveLength(70);
  });
});

describe('CSV for the paying agent', () => {
  it('is byte-identical across runs and input orders', () => {
    const csv = paymentCsv(LINES);
    expect(paymentCsv(LINES)).toBe(csv);
    expect(paymentCsv([...LINES].reverse())).toBe(csv);
  });

  it('has stable columns, sorted rows, dot-decimal amounts, defused formulas', () => {
    const rows = paymentCsv(LINES).trimEnd().split('\n');
    expect(rows[0]).toBe('reference,dossier,beneficiaire,iban,bic,montant_eur,periode,nature,date_execution');
    expect(rows).toHaveLength(LINES.length + 1);
    expect(rows[1]).toBe(`${LINES[1].reference},${CASE_B},"'=HYPERLINK(""x""), Zoé",${IBAN_B},,0.10,2026-05,AVANCE,2026-05-20`);
    const sorted = [...LINES].sort((a, b) => (a.executionDate + a.reference < b.executionDate + b.reference ? -1 : 1));
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(sorted.map((l) => l.reference));
    expect(rows.find((r) => r.startsWith(LINES[3].reference))).toContain(',685.29,');
  });
});

describe('SEPA credit transfer pain.001.001.09', () => {
  const xml = paymentPain001(batch());

  it('is byte-identical across runs and input orders', () => {
    expect(paymentPain001(batch())).toBe(xml);
    expect(paymentPain001(batch([...LINES].reverse()))).toBe(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"')).toBe(true);
  });

  it('is byte-identical whatever the time zone of the machine', () => {
    const script = `process.stdout.write(require('./domain/paiements/fichier').paymentPain001(JSON.parse(process.argv[1])))`;
    const run = (TZ: string): string => execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script, JSON.stringify(batch())], {
      cwd: `${__dirname}/../..`,
      env: { ...process.env, TZ },
      encoding: 'utf8',
    });
    expect(run('Pacific/Kiritimati')).toBe(xml);
    expect(run('America/Los_Angeles')).toBe(xml);
  });

  it('writes the creation time given, and a message id derived from the content', () => {
    const header = groupHeader(xml);
    expect(tag(header, 'CreDtTm')).toEqual(['2026-06-01T09:30:00']);
    const [msgId] = tag(header, 'MsgId');
    expect(msgId).toBe(messageId(batch()));
    expect(msgId).toMatch(/^SPRFP[0-9A-Z]{19}$/);
    expect(paymentPain001({ ...batch(), createdAt: '2026-06-02T08:00:00' })).toContain(`<MsgId>${msgId}</MsgId>`);
    expect(messageId(batch(LINES.slice(1)))).not.toBe(msgId);
    for (const id of [...tag(xml, 'PmtInfId'), ...tag(xml, 'InstrId')]) expect(id.length).toBeLessThanOrEqual(35);
  });

  it('carries each reference as EndToEndId with its exact amount', () => {
    const byRef = new Map(transactions(xml).map((t) => [t.e2e, t.amount]));
    expect(byRef.size).toBe(LINES.length);
    for (const l of LINES) expect(byRef.get(l.reference)).toBe(formatEuros(l.amountCents));
  });

  it('states the number of transactions and the control sum in integer cents', () => {
    const header = groupHeader(xml);
    expect(tag(header, 'NbOfTxs')).toEqual([String(LINES.length)]);
    expect(tag(header, 'CtrlSum')).toEqual(['1185.59']); // 500.00 + 0.10 + 0.20 + 685.29
    // One block per execution date, each with its own count and sum.
    expect(tag(xml, 'Dt')).toEqual(['2026-05-20', '2026-06-05']);
    expect(tag(xml, 'CtrlSum')).toEqual(['1185.59', '0.10', '1185.49']);
  });

  it('keeps control sums exact on many amounts (no float drift)', () => {
    const cases = fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 60, selector: (u) => u.toLowerCase() });
    fc.assert(fc.property(cases, fc.array(fc.integer({ min: 1, max: 99_999_999_999 }), { minLength: 60, maxLength: 60 }), (ids, cents) => {
      const lines = ids.map((id, i) => line(id, 'MENSUEL', cents[i]));
      const out = paymentPain001(batch(lines));
      const total = lines.reduce((s, l) => s + BigInt(l.amountCents), 0n);
      expect(tag(groupHeader(out), 'CtrlSum')).toEqual([`${total / 100n}.${String(total % 100n).padStart(2, '0')}`]);
      expect(transactions(out).map((t) => t.amount).sort()).toEqual(lines.map((l) => formatEuros(l.amountCents)).sort());
    }), { numRuns: 30 });
  });

  it('writes names in the SEPA Latin set', () => {
    expect(tag(xml, 'Nm')).toContain('Helene Loeuvre');
    expect(tag(xml, 'Nm')).toContain('HYPERLINK( x ), Zoe'); // quotes and = are outside the set
    expect(tag(xml, 'Nm')).toContain('Region Normandie');
  });
});

describe('refused lines: the whole file is refused', () => {
  const both = (lines: PaymentLine[]): (() => unknown)[] => [() => paymentCsv(lines), () => paymentPain001(batch(lines))];

  it('a payment listed twice', () => {
    for (const build of both([...LINES, { ...LINES[2] }])) expect(build).toThrow(DuplicateReferenceError);
    for (const build of both([...LINES, { ...LINES[0], amountCents: 1 }])) expect(build).toThrow(DuplicateReferenceError);
  });

  it('an invalid IBAN, without writing the IBAN in the error', () => {
    const bad = line(CASE_C, 'SOLDE', 100, { iban: 'FR7630006000011234567890188' });
    for (const build of both([...LINES, bad])) {
      expect(build).toThrow(InvalidIbanError);
      expect(build).toThrow(bad.reference);
      expect(build).not.toThrow(/FR76/);
    }
    expect(() => paymentCsv([line(CASE_C, 'SOLDE', 100, { bic: 'DEUTDEFFXXX' })])).toThrow(InvalidIbanError); // BIC of another country
    expect(() => paymentPain001({ ...batch(), debtor: { name: 'Région', iban: 'FR00' } })).toThrow(InvalidIbanError);
  });

  it('an amount that is not a positive integer of cents', () => {
    for (const amountCents of [0, -100, 12.5, Number.NaN]) {
      expect(() => paymentCsv([line(CASE_A, 'MENSUEL', amountCents)])).toThrow(InvalidPaymentLineError);
    }
  });

  it('a reference that is not the one of its case, period and kind', () => {
    expect(() => paymentCsv([{ ...LINES[0], period: '2026-04' }])).toThrow(InvalidPaymentLineError);
    expect(() => paymentCsv([{ ...LINES[0], caseId: CASE_B }])).toThrow(InvalidPaymentLineError);
  });

  it('an indu (money owed to the Région is recovered, not transferred)', () => {
    expect(() => paymentCsv([line(CASE_A, 'INDU', 100)])).toThrow(InvalidPaymentLineError);
  });

  it('an empty batch, a bad execution date, a bad creation date-time', () => {
    expect(() => paymentCsv([])).toThrow(InvalidPaymentLineError);
    expect(() => paymentCsv([line(CASE_A, 'MENSUEL', 1, { executionDate: '2026-02-30' })])).toThrow(InvalidPaymentLineError);
    expect(() => paymentPain001({ ...batch(), createdAt: '2026-06-01 09:30' })).toThrow(InvalidPaymentLineError);
  });
});
