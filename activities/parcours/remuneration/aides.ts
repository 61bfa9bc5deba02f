/**
 * Aids granted by a caseworker, each its own payment: grantAid (domain/remuneration/aides.ts) decides the
 * amount (unit amount × quantity) and the grant's number from the case's earlier grants in the ledger, and
 * refuses a second "once per course" aid; the payment's reference carries the aid kind and the number.
 * Grant, check and insert run in one transaction under the case lock, so two grants never get one number.
 * The workflow's decision key makes a retry find its row instead of granting again.
 */
import type { AnyEntity, EntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { aidInForce, formatEuros, grantAid, periodOf, type AidKind, type AidUnit, type PreviousAidGrant } from '../../../domain/remuneration';
import { AID_PAYMENT_KINDS } from '../../../domain/paiements/reference';
import { writePayment } from '../../paiements/ledger';
import { lockCaseLedger, lockParametersShared } from '../../paiements/locks';
import { pure } from './failures';
import { loadPayParameters } from './parameters';

export interface PayAidGrantInput {
  caseId: string;
  kind: AidKind;
  quantity: number;
  /** YYYY-MM-DD: the grant's date (its amount row and its period). */
  date: string;
  /** Fixed by the workflow (uuid4): the same grant, whatever the attempt. */
  decisionKey: string;
}

export interface PaidAidGrant {
  reference: string;
  amountCents: number;
  kind: AidKind;
  unit: AidUnit;
  quantity: number;
  grantSeq: number;
  lineFr: string;
}

type Row = EntityData<AnyEntity>;

const storedGrant = (r: Row): PaidAidGrant => ({
  reference: r.reference, amountCents: Number(r.amount_cents), kind: r.aid_kind, unit: r.breakdown.unit, quantity: r.breakdown.quantity,
  grantSeq: r.seq, lineFr: r.breakdown.lines?.[0] ?? '',
});

/** Earlier grants of the case; a grant paid before numbers existed counts as number 0. */
async function previousGrants(tx: EntityManager, caseId: string): Promise<PreviousAidGrant[]> {
  const rows: Row[] = await tx.execute(`select aid_kind, seq from payment where dossier_id = ? and aid_kind is not null`, [caseId]);
  return rows.map((r) => ({ kind: r.aid_kind as AidKind, grantSeq: r.seq ?? 0 }));
}

async function grantIn(tx: EntityManager, input: PayAidGrantInput): Promise<PaidAidGrant> {
  await lockParametersShared(tx);
  await lockCaseLedger(tx, input.caseId);
  const [done] = await tx.execute(`select reference, amount_cents, aid_kind, seq, breakdown from payment where dossier_id = ? and decision_key = ?`,
    [input.caseId, input.decisionKey]);
  if (done) return storedGrant(done);
  const params = await loadPayParameters(tx, input.date);
  const grant = await pure(async () => grantAid({ kind: input.kind, quantity: input.quantity, date: input.date }, await previousGrants(tx, input.caseId), params));
  const issued = await writePayment(tx, {
    caseId: input.caseId, period: grant.period, kind: AID_PAYMENT_KINDS[grant.kind], amountCents: grant.amountCents, aidKind: grant.kind,
    seq: grant.grantSeq, decisionKey: input.decisionKey, breakdown: { ...grant, lines: [grant.lineFr] },
  });
  return { reference: issued.reference, amountCents: grant.amountCents, kind: grant.kind, unit: grant.unit, quantity: grant.quantity,
    grantSeq: grant.grantSeq, lineFr: grant.lineFr };
}

export function aidActivities(em: () => EntityManager) {
  return {
    /** One grant, its own payment. */
    payAidGrant: (input: PayAidGrantInput): Promise<PaidAidGrant> => em().transactional((tx) => grantIn(tx as EntityManager, input)),

    /**
     * The aid as workflows before grant numbers asked for it: one unit, the reference of (case, period, kind)
     * without number, as before, so an activity scheduled by old code and retried now finds its row.
     */
    async payAid(args: { caseId: string; kind: AidKind; date: string }): Promise<{ reference: string; amountCents: number }> {
      const params = await loadPayParameters(em(), args.date);
      const row = await pure(() => aidInForce(params, args.kind, args.date));
      const issued = await writePayment(em(), { caseId: args.caseId, period: periodOf(args.date), kind: AID_PAYMENT_KINDS[args.kind],
        amountCents: row.amountCents, aidKind: args.kind, breakdown: { lines: [`Aide (${args.kind}) : ${formatEuros(row.amountCents)}.`] } });
      return { reference: issued.reference, amountCents: row.amountCents };
    },
  };
}
