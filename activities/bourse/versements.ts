/**
 * Payment activities of the bursaries: each instalment issued once in the ledger (kind BOURSE, reference per
 * case and month) after the double-funding check, the suspension rules over the dated delay, the
 * overpayments (indus) with their repayment order, the remissions. Every write is idempotent: a retry after a
 * crash finds its own row and adds nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { decideSuspension, formatEuros, type DecisionSuspension, type SituationBourse } from '../../domain/bourse';
import { formatMonthFr } from '../../domain/dates';
import type { MoisMontant } from '../../workflows/bourse/mails';
import type { Verse } from '../../workflows/bourse/messages';
import type { ActivityDeps } from '../deps';
import { paymentActivities } from '../paiements/ledger';
import { crashAfterWriteIfAsked } from '../case/fault';
import { verifierCumul } from './instruction';
import { rule } from './rules';
import { loadParametres } from './tables';

export interface VerserMensualite {
  caseId: string;
  mois: string;
  montantCents: number;
  rang: number;
}

export function bourseVersementActivities(deps: ActivityDeps) {
  const em = (): EntityManager => deps.orm.em.fork() as EntityManager;
  const ledger = paymentActivities(deps);

  return {
    /** The instalment of a month, or the reason it is refused (trainee pay of the Région for the same month). */
    async verserMensualiteBourse(a: VerserMensualite): Promise<Verse | { refus: string }> {
      const manager = em();
      // Already issued (a retry after a crash): the row stands, whatever the ledger has learnt since.
      const [done] = await manager.execute(`select reference, amount_cents from payment where dossier_id = ? and period = ? and kind = 'BOURSE'`,
        [a.caseId, a.mois]);
      if (done) return { reference: done.reference, montantCents: Number(done.amount_cents) };
      const cumul = await verifierCumul(manager, a.caseId, [a.mois]);
      if (cumul.motifFr) return { refus: cumul.motifFr };
      const issued = await ledger.issuePayment({ caseId: a.caseId, period: a.mois, kind: 'BOURSE', amountCents: a.montantCents,
        breakdown: { lines: [`Bourse de la Région, mensualité ${a.rang} (${formatMonthFr(a.mois)}) : ${formatEuros(a.montantCents)}.`] } });
      crashAfterWriteIfAsked('SPRFP_FAULT_CRASH_AFTER_PAYMENT');
      return { reference: issued.reference, montantCents: issued.amountCents };
    },

    /** domain/bourse/suspension.ts over the justification delay in force. */
    async deciderSuspensionBourse(situation: SituationBourse): Promise<DecisionSuspension> {
      const parametres = await loadParametres(em());
      return rule(() => decideSuspension(situation, parametres));
    },

    /** One overpayment per month paid but not due, each with its repayment order (ordre de reversement). */
    async enregistrerIndusBourse(a: { caseId: string; indus: MoisMontant[]; motif: string }): Promise<Record<string, Verse>> {
      const out: Record<string, Verse> = {};
      for (const { mois, montantCents } of a.indus) {
        const recorded = await ledger.recordOverpayment({ caseId: a.caseId, period: mois, amountCents: montantCents,
          reason: `bourse : mensualité de ${formatMonthFr(mois)} non due (${a.motif})`, recovery: 'ordre_de_reversement' });
        out[mois] = { reference: recorded.reference, montantCents: recorded.amountCents };
      }
      return out;
    },

    /**
     * A remission of the case's overpayments (all of it, or `montantCents` spread over the oldest months
     * first), written once: a retry finds the rows and answers the same totals.
     */
    async accorderRemiseBourse(a: { caseId: string; references: string[]; montantCents?: number; actor: string }): Promise<{ remiseCents: number; resteCents: number }> {
      return em().transactional(async (tx) => {
        const rows = a.references.length === 0 ? [] : await tx.execute(
          `select reference, amount_cents from overpayment where dossier_id = ? and reference in (${a.references.map(() => '?').join(', ')}) order by period`,
          [a.caseId, ...a.references]);
        const total = rows.reduce((sum, r) => sum + Number(r.amount_cents), 0);
        let left = Math.min(a.montantCents ?? total, total);
        for (const r of rows) {
          const part = Math.min(left, Number(r.amount_cents));
          if (part <= 0) break;
          left -= part;
          await tx.execute(`insert into bourse_remise (overpayment_reference, dossier_id, amount_cents, decided_by) values (?, ?, ?, ?)
            on conflict (overpayment_reference) do nothing`, [r.reference, a.caseId, part, a.actor]);
        }
        const [{ remise }] = await tx.execute(`select coalesce(sum(amount_cents), 0)::bigint as remise from bourse_remise where dossier_id = ?`, [a.caseId]);
        return { remiseCents: Number(remise), resteCents: total - Number(remise) };
      });
    },
  };
}
