/**
 * What the stage handlers of one parcours share: the case kernel (state, journal, lock, action checks) over
 * the parcours definition, its delays, its typed mails and its partner handoffs.
 */
import type { HandoffTarget } from '../../activities/case/handoff';
import { PARCOURS, type ParcoursAction, type Stage } from '../../domain/parcours/stages';
import { startHandoff } from '../case/handoff';
import { createKernel, type CaseKernel } from '../case/kernel';
import type { LinkedCase } from '../case/linked';
import { caseMailer, type Mailer } from '../case/mail';
import { parcoursSearchAttributes } from './journal';
import type { ParcoursMails, ParcoursRecipient } from './mails';
import type { ParcoursDelays, ParcoursState } from './messages';

export interface ParcoursContext extends CaseKernel<ParcoursState, Stage, ParcoursAction> {
  delays: ParcoursDelays;
  mail: Mailer<ParcoursMails, ParcoursRecipient>;
  handoff(target: HandoffTarget, type: string, occurredAt: string): Promise<void>;
}

export function createContext(state: ParcoursState, delays: ParcoursDelays, notify?: LinkedCase): ParcoursContext {
  const kernel = createKernel(PARCOURS, state, parcoursSearchAttributes, { notify });
  return {
    ...kernel,
    delays,
    mail: caseMailer<ParcoursMails, ParcoursRecipient>(kernel),
    handoff: (target, type, occurredAt) => startHandoff(state.caseId, delays, target, type, occurredAt),
  };
}
