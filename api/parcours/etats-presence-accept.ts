/**
 * A statement accepted at once (issue 9 §3): checked here against the case as PostgreSQL knows it (its stage and
 * its training dates, projected by the workflow) with the workflow's own rule (domain/parcours/etat-presence.ts),
 * then handed to the workflow as the signal `deposerEtatPresence`, which Temporal keeps durably before it answers.
 * The provider does not wait for the journal, the storage or the payment: they follow in the workflow. A repeated
 * statement changes nothing there; one the case can no longer take (its stage moved in between) is journaled as
 * refused with the reason.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { actionNotAllowedMessage, isActionAllowed } from '../../domain/case/process';
import { statementProblem, type StatementFields } from '../../domain/parcours/etat-presence';
import { PARCOURS, type Stage } from '../../domain/parcours/stages';
import { deposerEtatPresence, parcoursWorkflowId } from '../../workflows/parcours/messages';
import { actorOf, type Principal } from '../auth';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';

export interface EtatPresenceRecu { caseId: string; period: string; outcome: 'recu' }

interface CaseFacts { stage: Stage; entry_date: string; end_date: string }

/** The caller may act on the case (checked by the caller); the statement is complete (the route's schema). */
export async function acceptStatement(ctx: ApiContext, principal: Principal, caseId: string, statement: StatementFields): Promise<EtatPresenceRecu> {
  const em = ctx.orm.em.fork() as EntityManager;
  const [facts] = await em.execute<CaseFacts[]>(`select d.stage, to_char(coalesce(p.entry_date, s.start_date), 'YYYY-MM-DD') as entry_date,
      to_char(coalesce(p.exit_date, s.end_date), 'YYYY-MM-DD') as end_date
    from dossier d join parcours_dossier p on p.dossier_id = d.id join formation_session s on s.id = p.session_id where d.id = ?`, [caseId]);
  if (!facts) throw new HttpError(409, 'cette action ne s’applique qu’à un parcours de stagiaire', { code: 'WrongProcess' });
  if (!isActionAllowed(PARCOURS, 'soumettreEtatPresence', facts.stage)) {
    throw new HttpError(409, actionNotAllowedMessage(PARCOURS, 'soumettreEtatPresence', facts.stage), { code: 'ActionNotAllowed' });
  }
  const problem = statementProblem(statement, { entryDate: facts.entry_date, endDate: facts.end_date }, new Date());
  // The code the workflow's own check gave before (InvalidArgument), with the field.
  if (problem) throw new HttpError(400, `${problem.field} : ${problem.message}`, { code: 'InvalidArgument', fields: [{ path: problem.field, message: problem.message }] });
  // A closed workflow answers 409 (CaseClosed), a server down 503: the API's error mapping (api/errors.ts).
  await ctx.client.workflow.getHandle(parcoursWorkflowId(caseId)).signal(deposerEtatPresence, { actor: actorOf(principal), ...statement });
  return { caseId, period: statement.period, outcome: 'recu' };
}
