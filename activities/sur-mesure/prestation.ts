/**
 * The provider's payment for an order (service fait): the amount of the pure rule (domain/sur-mesure,
 * providerPayment) issued once in the ledger under the reference (order, month, PRESTATION). The provider's
 * bank details are the order's `bank_account` (holder: the provider), so the payment files carry it beside
 * the trainees' pay. Re-running after a crash finds the ledger row and pays nothing twice.
 */
import { formatEuros } from '../../domain/remuneration/money';
import { providerPayment, type ProviderPaymentRule } from '../../domain/sur-mesure';
import type { ActivityDeps } from '../deps';
import { paymentActivities } from '../paiements/ledger';
import { pure } from './parametres';
import { crashAfterWriteIfAsked } from '../case/fault';

export interface PayerPrestationInput {
  caseId: string;
  /** YYYY-MM: the month the service fait was declared. */
  period: string;
  /** The committed amount: what the Région funds for the whole session. */
  engagedCents: number;
  seats: number;
  plannedMinutesPerTrainee: number;
  trainees: { id: string; deliveredMinutes: number }[];
  rule: ProviderPaymentRule;
}

export interface PrestationPayee {
  reference: string;
  totalCents: number;
  lines: { id: string; cents: number }[];
  cappedAtQuote: boolean;
}

export function prestationActivities(deps: ActivityDeps) {
  const ledger = paymentActivities(deps);
  return {
    async payerPrestation(input: PayerPrestationInput): Promise<PrestationPayee> {
      const paid = await pure(() => providerPayment({
        quoteCents: input.engagedCents, seats: input.seats, plannedMinutesPerTrainee: input.plannedMinutesPerTrainee, trainees: input.trainees,
      }, input.rule));
      const issued = await ledger.issuePayment({
        caseId: input.caseId, period: input.period, kind: 'PRESTATION', amountCents: paid.totalCents,
        breakdown: {
          rule: input.rule, engagedCents: input.engagedCents, seats: input.seats, plannedMinutesPerTrainee: input.plannedMinutesPerTrainee,
          trainees: input.trainees, lines: paid.lines, cappedAtQuote: paid.cappedAtQuote,
          text: [`Service fait de l'organisme : ${formatEuros(paid.totalCents)}${paid.cappedAtQuote ? ' (plafonné au montant engagé)' : ''}.`],
        },
      });
      crashAfterWriteIfAsked('SPRFP_FAULT_CRASH_AFTER_PRESTATION');
      return { reference: issued.reference, totalCents: paid.totalCents, lines: paid.lines, cappedAtQuote: paid.cappedAtQuote };
    },
  };
}
