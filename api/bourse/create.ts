/**
 * Opening a bursary case, from a CROUS batch line or a caseworker's form, through the case core's `openCase`:
 * the person, the case, its satellite, the application's income and points elements and the bank account in
 * one transaction, the workflow started before the commit. One case per DSE number and year (a second one is
 * a 409 naming the first), and one open case per student and year (the core's duplicate key). The case is
 * linked to the student's case of the latest earlier year.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { BankAccount, BourseDemande, BourseDossier, type Dossier } from '../../db/entities';
import type { DemandeBourse } from '../../domain/bourse/demande';
import { moisDeFormation } from '../../domain/bourse/demande';
import { BOURSE } from '../../domain/bourse/process';
import { bourse } from '../../workflows';
import { bourseWorkflowId, type BourseDelays, type BourseInput } from '../../workflows/bourse/messages';
import { duplicateCase, openCase } from '../case/open-case';
import { startCaseWorkflow } from '../case/start';
import type { ApiContext } from '../context';

export interface CreateBourseOptions {
  source: 'crous' | 'agent';
  crousId: string | null;
  actor: string;
  referentEmail?: string;
  /** Tests shorten the delays; production uses the defaults. */
  delays?: Partial<BourseDelays>;
}

export const DUPLICATE_STUDENT = 'cet étudiant a déjà un dossier de bourse ouvert pour cette année universitaire';
export const DUPLICATE_DSE = 'ce numéro DSE a déjà un dossier pour cette année universitaire';

/** The case of a DSE number and year, if there is one. */
export async function caseOfDse(em: EntityManager, dse: string, annee: string): Promise<string | null> {
  const found = await em.findOne(BourseDossier, { dse, annee });
  return found?.dossier.id ?? null;
}

async function previousYear(em: EntityManager, dossier: Dossier, annee: string): Promise<string | null> {
  const [row] = await em.execute(`select b.dossier_id from bourse_dossier b join dossier d on d.id = b.dossier_id
    where d.person_id = ? and b.annee < ? order by b.annee desc limit 1`, [dossier.person.id, annee]);
  return row?.dossier_id ?? null;
}

export async function createBourse(ctx: ApiContext, d: DemandeBourse, opts: CreateBourseOptions): Promise<{ caseId: string }> {
  const { elementsDeCharge: e } = d;
  return openCase(ctx, {
    person: d.person, processKind: BOURSE.kind, dedupKey: d.annee, referentEmail: opts.referentEmail ?? ctx.config.ALERT_MAILBOX,
    createdBy: opts.actor, duplicateMessage: DUPLICATE_STUDENT,
  }, {
    async rejectDuplicates(tx) {
      const existing = await caseOfDse(tx, d.dse, d.annee);
      if (existing) throw duplicateCase(existing, DUPLICATE_DSE);
    },
    async writeSatellite(tx, dossier) {
      const precedent = await previousYear(tx, dossier, d.annee);
      tx.create(BourseDossier, {
        dossier, dse: d.dse, annee: d.annee, institut: d.institutId, crous: opts.crousId, formation: d.formation, premierMois: d.premierMois,
        nombreMois: d.nombreMois, source: opts.source, precedent,
      });
      tx.create(BourseDemande, {
        dossier, revenuBrutGlobalEuros: d.revenuBrutGlobalEuros, distanceKm: e.distanceKm, enfantsACharge: e.enfantsACharge,
        enfantsEnseignementSuperieur: e.enfantsEnseignementSuperieur, handicapReconnuCdaph: e.handicapReconnuCdaph, prochesAides: e.prochesAides,
        updatedBy: opts.actor,
      });
      tx.create(BankAccount, { dossier, iban: d.iban, bic: d.bic ?? null, recordedBy: opts.actor });
    },
    start(caseId) {
      const input: BourseInput = {
        caseId, annee: d.annee, institutId: d.institutId, formation: d.formation, moisFormation: moisDeFormation(d), source: opts.source,
        createdBy: opts.actor, delays: opts.delays,
      };
      return startCaseWorkflow(ctx, bourse, bourseWorkflowId(caseId), BOURSE.kind, input);
    },
  });
}
