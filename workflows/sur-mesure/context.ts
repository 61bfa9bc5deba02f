/**
 * What the stage handlers of one order share: the case kernel over the sur-mesure definition, its input and
 * delays, its typed mails, its partner handoffs and its parameters. An activity that keeps failing becomes an
 * incident of the case (workflows/case/incidents.ts): the order waits for it, it never fails for it.
 */
import type { HandoffTarget } from '../../activities/case/handoff';
import { actionNotAllowed } from '../../domain/case/failures';
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
}

export function createContext(state: SurMesureState, input: SurMesureInput, delays: SurMesureDelays): SurMesureContext {
  const kernel = createKernel(SUR_MESURE, state, surMesureSearchAttributes, { ownChanges: true });
  return {
    ...kernel,
    input,
    delays,
    mail: caseMailer<SurMesureMails, SurMesureRecipient>(kernel),
    handoff: (target, type, occurredAt) => startHandoff(state.caseId, delays, target, type, occurredAt),
    params: () => {
      if (!state.parametres) throw actionNotAllowed('les paramètres de la commande ne sont pas encore chargés');
      return state.parametres;
    },
    today: () => dayOf(Date.now()),
  };
}
