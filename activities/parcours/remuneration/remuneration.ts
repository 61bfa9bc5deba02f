/**
 * Pay activities: each computes an amount with the pure rules (domain/remuneration) over the parameter rows
 * in force, then issues it in the ledger under its unique reference. Re-running one after a crash finds the
 * ledger row and pays nothing twice.
 */
import { existsSync, writeFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  aidInForce, avanceAmount, computeMonthlyRemuneration, determineBareme, formatEuros, fullTimeMonthlyAmount, lastDayOf, periodOf,
  RemunerationInputError, settleAvance, type AidKind, type BaremeDecision, type Rythme,
} from '../../../domain/remuneration';
import { ParcoursDossier, RemunerationDossier } from '../../../db/entities';
import { businessFailure } from '../../../domain/case/failures';
import { InvalidDateError } from '../../../domain/dates';
import type { PaymentKind } from '../../../domain/paiements/reference';
import { followUpPartnerKind } from '../../../domain/parcours/sortie';
import type { EtatPresence, ProfilRemuneration } from '../../../workflows/parcours/messages';
import type { HandoffTarget } from '../../case/handoff';
import type { ActivityDeps } from '../../deps';
import { paymentActivities } from '../../paiements/ledger';
import { loadPayParameters } from './parameters';

export interface PayMonthInput {
  caseId: string;
  decision: BaremeDecision;
  rythme: Rythme;
  trainingStart: string;
  trainingEnd: string;
  statement: EtatPresence;
  avanceRemainingCents: number;
}

export interface PayMonthResult {
  reference: string;
  netCents: number;
  paidCents: number;
  recoveredCents: number;
  lines: string[];
}

/** Invalid pay inputs cannot succeed on a retry: fail the activity for good, with the reason. */
async function pure<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RemunerationInputError || err instanceof InvalidDateError) throw businessFailure('InvalidPayInput', err.message);
    throw err;
  }
}

async function computeMonth(em: EntityManager, input: PayMonthInput) {
  const period = input.statement.period;
  const params = await loadPayParameters(em, lastDayOf(period));
  const breakdown = await pure(() => computeMonthlyRemuneration({
    month: period, decision: input.decision, trainingStart: input.trainingStart, trainingEnd: input.trainingEnd, rythme: input.rythme,
    scheduledMinutes: input.statement.scheduledMinutes, unjustifiedAbsenceMinutes: input.statement.unjustifiedAbsenceMinutes,
    indemnitesJournalieresCents: input.statement.indemnitesJournalieresCents,
  }, params));
  const settlement = settleAvance(breakdown.netCents, input.avanceRemainingCents);
  const lines = settlement.recoveredCents > 0
    ? [...breakdown.lines, `Retenue pour l'avance déjà versée : -${formatEuros(settlement.recoveredCents)}.`,
      `Virement de ce mois : ${formatEuros(settlement.paidCents)}.`]
    : breakdown.lines;
  return { breakdown, settlement, lines };
}

/**
 * Fault injection for the crash test (test/crash.test.ts): when SPRFP_FAULT_CRASH_AFTER_PAYMENT names a file
 * that does not exist yet, the worker process dies (SIGKILL) right after the payment is committed and before
 * the activity reports, once. Never set in production.
 */
function crashAfterPaymentWriteIfAsked(): void {
  const marker = process.env.SPRFP_FAULT_CRASH_AFTER_PAYMENT;
  if (!marker || existsSync(marker)) return;
  writeFileSync(marker, String(process.pid));
  process.kill(process.pid, 'SIGKILL');
}

export function remunerationActivities(deps: ActivityDeps) {
  const em = (): EntityManager => deps.orm.em.fork() as EntityManager;
  const ledger = paymentActivities(deps);

  return {
    /** The case (barème) at the date of entry, from the birth date in the database and the caseworker's file. */
    async decideBareme(args: { caseId: string; entryDate: string; profile: ProfilRemuneration }): Promise<BaremeDecision> {
      const manager = em();
      const [row] = await manager.getConnection().execute(
        `select to_char(p.birth_date, 'YYYY-MM-DD') as birth_date from dossier d join person p on p.id = d.person_id where d.id = ?`, [args.caseId]);
      if (!row) throw businessFailure('NotFound', `dossier ${args.caseId} introuvable`);
      const params = await loadPayParameters(manager, args.entryDate);
      const decision = await pure(() => determineBareme({ ...args.profile, birthDate: row.birth_date, entryDate: args.entryDate }, params));
      await manager.nativeUpdate(RemunerationDossier, { dossier: args.caseId }, { bareme: decision as unknown as Record<string, unknown> });
      return decision;
    },

    async payAvance(args: { caseId: string; decision: BaremeDecision }): Promise<{ reference: string; amountCents: number }> {
      const params = await loadPayParameters(em(), args.decision.entryDate);
      const { monthlyCents } = await pure(() => fullTimeMonthlyAmount(args.decision, args.decision.entryDate, params));
      const amountCents = avanceAmount(monthlyCents, params.avancePercent);
      const issued = await ledger.issuePayment({ caseId: args.caseId, period: periodOf(args.decision.entryDate), kind: 'AVANCE', amountCents,
        breakdown: { lines: [`Avance de début de formation : ${formatEuros(amountCents)} (${params.avancePercent} % d'un mois).`] } });
      return { reference: issued.reference, amountCents };
    },

    /** The month's amount as it would be paid, without paying it (late corrections). */
    async previewMonth(input: PayMonthInput): Promise<PayMonthResult> {
      const { breakdown, settlement, lines } = await computeMonth(em(), input);
      return { reference: '', netCents: breakdown.netCents, paidCents: settlement.paidCents, recoveredCents: settlement.recoveredCents, lines };
    },

    /** The month's amount, minus what the avance still has to recover, issued once. */
    async payMonth(input: PayMonthInput): Promise<PayMonthResult> {
      const { breakdown, settlement, lines } = await computeMonth(em(), input);
      const issued = await ledger.issuePayment({ caseId: input.caseId, period: input.statement.period, kind: 'MENSUEL', amountCents: settlement.paidCents,
        breakdown: { ...breakdown, lines, avanceRecoveredCents: settlement.recoveredCents } });
      crashAfterPaymentWriteIfAsked();
      return { reference: issued.reference, netCents: breakdown.netCents, paidCents: settlement.paidCents, recoveredCents: settlement.recoveredCents, lines };
    },

    async payAid(args: { caseId: string; kind: AidKind; date: string }): Promise<{ reference: string; amountCents: number }> {
      const params = await loadPayParameters(em(), args.date);
      const row = await pure(() => aidInForce(params, args.kind, args.date));
      const kind: PaymentKind = args.kind === 'equipement' ? 'AIDE_EQUIPEMENT' : 'AIDE_MOBILITE';
      const issued = await ledger.issuePayment({ caseId: args.caseId, period: periodOf(args.date), kind, amountCents: row.amountCents,
        breakdown: { lines: [`Aide (${args.kind}) : ${formatEuros(row.amountCents)}.`] } });
      return { reference: issued.reference, amountCents: row.amountCents };
    },

    async recordStatement(args: { caseId: string; statement: EtatPresence; actor: string; at: string; version: number }): Promise<void> {
      const s = args.statement;
      await em().getConnection().execute(
        `insert into attendance_statement (dossier_id, period, scheduled_minutes, unjustified_absence_minutes, ij_cents, certified_by, certified_at, version)
         values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (dossier_id, period) do update set scheduled_minutes = excluded.scheduled_minutes,
           unjustified_absence_minutes = excluded.unjustified_absence_minutes, ij_cents = excluded.ij_cents, certified_by = excluded.certified_by,
           certified_at = excluded.certified_at, version = excluded.version where attendance_statement.version < excluded.version`,
        [args.caseId, s.period, s.scheduledMinutes, s.unjustifiedAbsenceMinutes, s.indemnitesJournalieresCents, args.actor, args.at, args.version]);
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
      const [row] = await em().getConnection().execute(
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
