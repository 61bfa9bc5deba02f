/**
 * What the stage handlers of one order share: the case kernel over the sur-mesure definition, its input and
 * delays, its typed mails, its partner handoffs, its parameters, and `durably` for its own steps.
 */
import { ActivityFailure, ApplicationFailure, sleep } from '@temporalio/workflow';
import type { HandoffTarget } from '../../activities/case/handoff';
import { actionNotAllowed, isFailureType } from '../../domain/case/failures';
import { dayOf } from '../../domain/dates';
import type { SurMesureParameters } from '../../domain/sur-mesure/parametres';
import { SUR_MESURE, type SurMesureAction, type SurMesureStage } from '../../domain/sur-mesure/process';
import { startHandoff } from '../case/handoff';
import { createKernel, type CaseKernel } from '../case/kernel';
import { caseMailer, type Mailer } from '../case/mail';
import { surMesureSearchAttributes } from './journal';
import type { SurMesureMails, SurMesureRecipient } from './mails';
import type { SurMesureDelays, SurMesureInput, SurMesureState } from './messages';

export interface SurMesureContext extends CaseKernel<SurMesureState, SurMesureStage, SurMesureAction> {
  input: SurMesureInput;
  delays: SurMesureDelays;
  mail: Mailer<SurMesureMails, SurMesureRecipient>;
  handoff(target: HandoffTarget, type: string, occurredAt: string): Promise<void>;
  /** The parameters in force on the order's date (loaded when the workflow starts). */
  params(): SurMesureParameters;
  /** Today, by the workflow's clock (YYYY-MM-DD). */
  today(): string;
  /**
   * Runs one of the order's own steps until it succeeds: its activity's bounded retries, then one alert to
   * the referent, a pause and another round. A business failure is a bug here: it is not retried.
   */
  durably<R>(what: string, step: () => Promise<R>): Promise<R>;
}

const isBusiness = (err: unknown): boolean =>
  err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && isFailureType(err.cause.type);

export function createContext(state: SurMesureState, input: SurMesureInput, delays: SurMesureDelays): SurMesureContext {
  const kernel = createKernel(SUR_MESURE, state, surMesureSearchAttributes);
  const mail = caseMailer<SurMesureMails, SurMesureRecipient>(state.caseId);
  return {
    ...kernel,
    input,
    delays,
    mail,
    handoff: (target, type, occurredAt) => startHandoff(state.caseId, delays, target, type, occurredAt),
    params: () => {
      if (!state.parametres) throw actionNotAllowed('les paramètres de la commande ne sont pas encore chargés');
      return state.parametres;
    },
    today: () => dayOf(Date.now()),
    async durably(what, step) {
      for (let round = 1; ; round += 1) {
        try {
          return await step();
        } catch (err) {
          if (!(err instanceof ActivityFailure) || isBusiness(err)) throw err;
          if (round === 1) {
            await mail('alerte_delai', 'referent', { what: `une étape échoue et sera reprise automatiquement : ${what}`, since: new Date().toISOString() },
              kernel.mailKey(`incident:${what}`));
          }
          await sleep(delays.retryAfterFailure);
        }
      }
    },
  };
}
