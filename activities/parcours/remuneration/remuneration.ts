/**
 * Pay activities: each computes an amount with the pure rules (domain/remuneration) over the parameter rows
 * in force, then issues it in the ledger under its unique reference. Re-running one after a crash finds the
 * ledger row and pays nothing twice. The monthly pay, the aids and the corrections have files of their own.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { avanceAmount, determineBareme, formatEuros, fullTimeMonthlyAmount, periodOf, type BaremeDecision } from '../../../domain/remuneration';
import { ParcoursDossier, RemunerationDossier } from '../../../db/entities';
import { businessFailure } from '../../../domain/case/failures';
import { followUpPartnerKind } from '../../../domain/parcours/sortie';
import type { EtatPresence, ProfilRemuneration } from '../../../workflows/parcours/messages';
import type { HandoffTarget } from '../../case/handoff';
import { crashAfterWriteIfAsked } from '../../case/fault';
import { writeTransition, type TransitionRecord } from '../../case/journal';
import type { SendCaseMail } from '../../case/mail';
import type { ActivityDeps } from '../../deps';
import { writePayment } from '../../paiements/ledger';
import { lockParametersShared } from '../../paiements/locks';
import { aidActivities } from './aides';
import { correctionActivities } from './corrections';
import { pure } from './failures';
import { monthlyActivities } from './mensuel';
import { loadPayParameters } from './parameters';

export type { PayMonthInput, PayMonthResult } from './mensuel';

async function payAvanceIn(tx: EntityManager, args: { caseId: string; decision: BaremeDecision }): Promise<{ reference: string; amountCents: number }> {
  await lockParametersShared(tx);
  const params = await loadPayParameters(tx, args.decision.entryDate);
  const { monthlyCents } = await pure(() => fullTimeMonthlyAmount(args.decision, args.decision.entryDate, params));
  const amountCents = avanceAmount(monthlyCents, params.avancePercent);
  const issued = await writePayment(tx, { caseId: args.caseId, period: periodOf(args.decision.entryDate), kind: 'AVANCE', amountCents,
    breakdown: { lines: [`Avance de début de formation : ${formatEuros(amountCents)} (${params.avancePercent} % d'un mois).`] } });
  return { reference: issued.reference, amountCents };
}

export function remunerationActivities(deps: ActivityDeps, sendMail: SendCaseMail) {
  const em = (): EntityManager => deps.orm.em.fork() as EntityManager;

  return {
    ...monthlyActivities(em, sendMail),
    ...aidActivities(em),
    ...correctionActivities(em),

    /** The case (barème) at the date of entry, from the birth date in the database and the caseworker's file. */
    async decideBareme(args: { caseId: string; entryDate: string; profile: ProfilRemuneration }): Promise<BaremeDecision> {
      const manager = em();
      const [row] = await manager.execute(
        `select to_char(p.birth_date, 'YYYY-MM-DD') as birth_date from dossier d join person p on p.id = d.person_id where d.id = ?`, [args.caseId]);
      if (!row) throw businessFailure('NotFound', `dossier ${args.caseId} introuvable`);
      const params = await loadPayParameters(manager, args.entryDate);
      const decision = await pure(() => determineBareme({ ...args.profile, birthDate: row.birth_date, entryDate: args.entryDate }, params));
      await manager.nativeUpdate(RemunerationDossier, { dossier: args.caseId }, { bareme: decision as unknown as Record<string, unknown> });
      return decision;
    },

    payAvance: (args: { caseId: string; decision: BaremeDecision }) => em().transactional((tx) => payAvanceIn(tx as EntityManager, args)),

    /** The month's statement as certified (a newer version only), with its journal entry since WRITES_2026_PATCH. */
    async recordStatement(args: { caseId: string; statement: EtatPresence; actor: string; at: string; version: number; transition?: TransitionRecord | null }): Promise<void> {
      const s = args.statement;
      await em().transactional(async (tx) => {
        await tx.execute(
          `insert into attendance_statement (dossier_id, period, scheduled_minutes, unjustified_absence_minutes, ij_cents, certified_by, certified_at, version)
           values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (dossier_id, period) do update set scheduled_minutes = excluded.scheduled_minutes,
             unjustified_absence_minutes = excluded.unjustified_absence_minutes, ij_cents = excluded.ij_cents, certified_by = excluded.certified_by,
             certified_at = excluded.certified_at, version = excluded.version where attendance_statement.version < excluded.version`,
          [args.caseId, s.period, s.scheduledMinutes, s.unjustifiedAbsenceMinutes, s.indemnitesJournalieresCents, args.actor, args.at, args.version]);
        if (args.transition) await writeTransition(tx as EntityManager, args.transition);
      });
      crashAfterWriteIfAsked('SPRFP_FAULT_CRASH_AFTER_STATEMENT');
    },

    /** Projects the exit (and the follow-up outcomes) onto the case row, which the indicators read. */
    async recordExit(args: { caseId: string; kind: string; exitDate: string; certification: string | null }): Promise<void> {
      await em().nativeUpdate(ParcoursDossier, { dossier: args.caseId },
        { exitKind: args.kind, exitDate: args.exitDate, certification: args.certification });
    },

    async recordFollowUp(args: { caseId: string; step: '3m' | '6m'; outcome: string }): Promise<void> {
      await em().nativeUpdate(ParcoursDossier, { dossier: args.caseId }, args.step === '3m' ? { outcome3m: args.outcome } : { outcome6m: args.outcome });
    },

    /**
     * Who follows the person after the exit (domain/parcours/sortie.ts). Age and RQTH are read here, so the
     * workflow only learns the recipient: the prescriber when it is of that kind, else France Travail.
     */
    async followUpTarget(args: { caseId: string; exitDate: string }): Promise<HandoffTarget> {
      const [row] = await em().execute(
        `select date_part('year', age(?::date, p.birth_date))::int as age, coalesce(s.rqth, false) as rqth,
                pr.id as prescripteur_id, pr.kind as prescripteur_kind
         from dossier d join person p on p.id = d.person_id left join person_sensitive s on s.person_id = p.id
         join parcours_dossier pd on pd.dossier_id = d.id left join organisation pr on pr.id = pd.prescripteur_id where d.id = ?`,
        [args.exitDate, args.caseId]);
      const kind = followUpPartnerKind(row.age, row.rqth);
      return kind !== 'france_travail' && row.prescripteur_kind === kind ? { organisationId: row.prescripteur_id } : { kind: 'france_travail' };
    },
  };
}
