/**
 * Repérage: a trainee journey is opened by a caseworker or by a partner's referral, through the case core's
 * `openCase` (one transaction, workflow started before the commit). A second referral of the same person to
 * the same session, or the same partner reference twice, is a 409 naming the existing case.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { FormationSession, Organisation, ParcoursDossier, PRESCRIBER_KINDS } from '../../db/entities';
import { parcours } from '../../workflows';
import { DEFAULT_DELAYS, parcoursWorkflowId, type ParcoursDelays, type ParcoursInput } from '../../workflows/parcours/messages';
import { duplicateCase, openCase, type OpenCaseCommand, type OpenedCase } from '../case/open-case';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { startCaseWorkflow } from '../case/start';

export interface CreateCaseCommand extends Pick<OpenCaseCommand, 'person' | 'sensitive'> {
  sessionId: string;
  prescripteurId?: string;
  prescripteurReference?: string;
  referentEmail?: string;
  referentName?: string;
  actor: string;
  /** Tests shorten the delays; production uses the defaults. */
  delays?: Partial<ParcoursDelays>;
}

const fieldError = (path: string, message: string): HttpError => new HttpError(400, 'requête invalide', { fields: [{ path, message }] });

export async function createCase(ctx: ApiContext, cmd: CreateCaseCommand): Promise<OpenedCase> {
  const em = ctx.orm.em.fork() as EntityManager;
  const session = await em.findOne(FormationSession, { id: cmd.sessionId }, { populate: ['organisme'] });
  if (!session) throw fieldError('sessionId', 'session inconnue');
  const prescripteur = cmd.prescripteurId ? await em.findOne(Organisation, { id: cmd.prescripteurId }) : null;
  if (cmd.prescripteurId && (!prescripteur || !PRESCRIBER_KINDS.includes(prescripteur.kind))) throw fieldError('prescripteurId', 'prescripteur inconnu');

  return openCase(ctx, {
    person: cmd.person, sensitive: cmd.sensitive, processKind: 'parcours', dedupKey: session.id,
    referentEmail: cmd.referentEmail ?? ctx.config.ALERT_MAILBOX, referentName: cmd.referentEmail ? cmd.referentName : null, createdBy: cmd.actor,
    duplicateMessage: 'cette personne a déjà un dossier ouvert pour cette session',
  }, {
    async rejectDuplicates(tx) {
      if (!cmd.prescripteurId || !cmd.prescripteurReference) return;
      const same = await tx.findOne(ParcoursDossier, { prescripteur: cmd.prescripteurId, prescripteurReference: cmd.prescripteurReference });
      if (same) throw duplicateCase(same.dossier.id, 'cette prescription (même référence) a déjà un dossier');
    },
    writeSatellite(tx, dossier) {
      tx.create(ParcoursDossier, { dossier, session: session.id, prescripteur: prescripteur?.id ?? null, prescripteurReference: cmd.prescripteurReference ?? null });
    },
    start: (caseId) => {
      const input: ParcoursInput = {
        caseId,
        session: { sessionId: session.id, organismeId: session.organisme.id, dispositif: session.dispositif, bassin: session.bassin,
          startDate: session.startDate, endDate: session.endDate },
        prescripteur: prescripteur ? { id: prescripteur.id, kind: prescripteur.kind } : null,
        createdBy: cmd.actor,
        // Resolved and pinned now: a default changed in code later never changes this case (nor its replay).
        delays: { ...DEFAULT_DELAYS, ...ctx.config.PARCOURS_DELAYS, ...cmd.delays },
      };
      return startCaseWorkflow(ctx, parcours, parcoursWorkflowId(caseId), 'parcours', input);
    },
  });
}
