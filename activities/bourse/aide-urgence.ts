/**
 * Emergency aid activities: the limits checked over the student's aids of the year and the dated parameters
 * (domain/bourse/aide-urgence.ts), the aid issued in the ledger (kind AIDE_URGENCE, its own case: its own
 * reference) with the last day it must be paid (n working days after the decision), and whether it has left
 * in a payment file yet. Age and disability are read here: the workflow only learns the rules' verdict.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AideUrgenceDossier } from '../../db/entities';
import { checkAideUrgence, dateLimiteVersement, formatEuros, type ControleAideUrgence } from '../../domain/bourse';
import { businessFailure } from '../../domain/case/failures';
import { monthOf } from '../../domain/dates';
import type { ActivityDeps } from '../deps';
import { paymentActivities } from '../paiements/ledger';
import { rule } from './rules';
import { loadParametres } from './tables';

interface AideRow {
  annee: string;
  person_id: string;
  birth_date: string;
  handicap: boolean | null;
}

async function aideOf(em: EntityManager, caseId: string): Promise<AideRow> {
  const [row] = await em.execute<AideRow[]>(
    `select a.annee, d.person_id, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, bd.handicap_reconnu_cdaph as handicap
     from aide_urgence_dossier a join dossier d on d.id = a.dossier_id join person p on p.id = d.person_id
     left join bourse_demande bd on bd.dossier_id = a.bourse_id where a.dossier_id = ?`, [caseId]);
  if (!row) throw businessFailure('NotFound', `aide d'urgence ${caseId} introuvable`);
  return row;
}

export function aideUrgenceActivities(deps: ActivityDeps) {
  const em = (): EntityManager => deps.orm.em.fork() as EntityManager;
  const ledger = paymentActivities(deps);

  return {
    async controlerAideUrgence(a: { caseId: string; montantCents: number; avanceSansCommission: boolean }): Promise<ControleAideUrgence> {
      const manager = em();
      const aide = await aideOf(manager, a.caseId);
      const accordees = await manager.execute(
        `select a.montant_accorde_cents from aide_urgence_dossier a join dossier d on d.id = a.dossier_id
         where d.person_id = ? and a.annee = ? and a.decision = 'accordee' and a.dossier_id <> ?`, [aide.person_id, aide.annee, a.caseId]);
      const parametres = await loadParametres(manager);
      return rule(() => checkAideUrgence({
        annee: aide.annee, montantCents: a.montantCents, avanceSansCommission: a.avanceSansCommission, dateNaissance: aide.birth_date,
        handicapReconnuCdaph: aide.handicap ?? false, aidesAccordeesCents: accordees.map((r) => Number(r.montant_accorde_cents)),
      }, parametres));
    },

    /** Issues the aid once (ledger reference of its own case and the decision's month) and records the grant. */
    async verserAideUrgence(a: { caseId: string; montantCents: number; dateDecision: string; actor: string; at: string }): Promise<{ reference: string; dateLimite: string }> {
      const manager = em();
      const parametres = await loadParametres(manager);
      const limite = rule(() => dateLimiteVersement(a.dateDecision, parametres));
      const issued = await ledger.issuePayment({ caseId: a.caseId, period: monthOf(a.dateDecision), kind: 'AIDE_URGENCE', amountCents: a.montantCents,
        breakdown: { lines: [`Aide ponctuelle d'urgence de la Région : ${formatEuros(a.montantCents)}.`], dateLimiteVersement: limite } });
      await manager.nativeUpdate(AideUrgenceDossier, { dossier: a.caseId }, {
        decision: 'accordee', montantAccordeCents: a.montantCents, dateLimiteVersement: limite, decidedBy: a.actor, decidedAt: new Date(a.at),
      });
      return { reference: issued.reference, dateLimite: limite };
    },

    async enregistrerDecisionAide(a: { caseId: string; outcome: 'refusee'; motif: string; actor: string; at: string }): Promise<void> {
      await em().nativeUpdate(AideUrgenceDossier, { dossier: a.caseId }, { decision: a.outcome, motifRefus: a.motif, decidedBy: a.actor, decidedAt: new Date(a.at) });
    },

    /** The payment file that carries the payment, once finance has built it; null before. */
    async fichierDuVersement({ reference }: { reference: string }): Promise<{ id: string; executionDate: string } | null> {
      const [row] = await em().execute(`select f.id, to_char(f.execution_date, 'YYYY-MM-DD') as execution_date from payment p
        join payment_file f on f.id = p.payment_file_id where p.reference = ?`, [reference]);
      return row ? { id: row.id, executionDate: row.execution_date } : null;
    },
  };
}
