/**
 * Opening an emergency aid on a student's bursary case: its own case (same person, found again by its key),
 * so that its payment has its own ledger reference, linked to the bursary case of the year; the student's
 * situation stays in PostgreSQL, the workflow gets the amounts.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AideUrgenceDossier, BankAccount, BourseDossier, Dossier } from '../../db/entities';
import { AIDE_URGENCE } from '../../domain/bourse/aide-urgence-process';
import { aideUrgence } from '../../workflows';
import { aideUrgenceWorkflowId, type AideDelays, type AideInput } from '../../workflows/aide-urgence/messages';
import { openCase } from '../case/open-case';
import { startCaseWorkflow } from '../case/start';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';

export interface AideCommand {
  montantDemandeCents: number;
  situation: string;
  avance: boolean;
  actor: string;
  delays?: Partial<AideDelays>;
}

export async function createAide(ctx: ApiContext, bourseCaseId: string, cmd: AideCommand): Promise<{ caseId: string }> {
  const em = ctx.orm.em.fork() as EntityManager;
  const bourse = await em.findOne(BourseDossier, { dossier: bourseCaseId });
  if (!bourse) throw new HttpError(409, 'une aide d’urgence s’ouvre sur le dossier de bourse de l’étudiant');
  const { person: p, referentEmail } = await em.findOneOrFail(Dossier, { id: bourseCaseId }, { populate: ['person'] });
  // A student always has them (the CROUS file or the caseworker gives them): the same person is found again.
  const person = { lastName: p.lastName, firstName: p.firstName, birthDate: p.birthDate!, gender: p.gender!, email: p.email, postalCode: p.postalCode!,
    ...(p.phone ? { phone: p.phone } : {}) };
  return openCase(ctx, { person, processKind: AIDE_URGENCE.kind, dedupKey: null, referentEmail, createdBy: cmd.actor, duplicateMessage: '' }, {
    async writeSatellite(tx, aide) {
      tx.create(AideUrgenceDossier, { dossier: aide, bourse: bourseCaseId, annee: bourse.annee, montantDemandeCents: cmd.montantDemandeCents,
        avance: cmd.avance, situation: cmd.situation });
      // Paid to the student's account of the bursary: the payment file reads the aid's own case.
      const account = await tx.findOne(BankAccount, { dossier: bourseCaseId });
      if (account) tx.create(BankAccount, { dossier: aide, iban: account.iban, bic: account.bic, holderName: account.holderName, recordedBy: cmd.actor });
    },
    start(caseId) {
      const input: AideInput = { caseId, annee: bourse.annee, bourseCaseId, montantDemandeCents: cmd.montantDemandeCents, avance: cmd.avance,
        createdBy: cmd.actor, delays: cmd.delays };
      return startCaseWorkflow(ctx, aideUrgence, aideUrgenceWorkflowId(caseId), AIDE_URGENCE.kind, input);
    },
  });
}
