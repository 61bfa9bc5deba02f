/**
 * What the handlers and the instalment loop of one bursary share: the case kernel (state, journal, lock, action
 * checks) over the bursary definition, its delays, its typed mails and its handoffs to the CROUS.
 */
import { BOURSE, type BourseAction, type BourseStage } from '../../domain/bourse/process';
import { startHandoff } from '../case/handoff';
import { createKernel, type CaseKernel } from '../case/kernel';
import { caseMailer, type Mailer } from '../case/mail';
import { bourseActs } from './activities';
import { bourseSearchAttributes } from './journal';
import type { BourseMails, BourseRecipient } from './mails';
import type { BourseDelays, BourseState } from './messages';

export interface BourseContext extends CaseKernel<BourseState, BourseStage, BourseAction> {
  delays: BourseDelays;
  mail: Mailer<BourseMails, BourseRecipient>;
  /** Tells the CROUS of a decision (a signed, acknowledged partner event); nothing when no CROUS is known. */
  tellCrous(type: string, occurredAt: string): Promise<void>;
}

export function createBourseContext(state: BourseState, delays: BourseDelays): BourseContext {
  const kernel = createKernel(BOURSE, state, bourseSearchAttributes, { ownChanges: true });
  return {
    ...kernel,
    delays,
    mail: caseMailer<BourseMails, BourseRecipient>(kernel),
    async tellCrous(type, occurredAt) {
      const target = await bourseActs.crousDeLaBourse({ caseId: state.caseId });
      if (target) await startHandoff(state.caseId, delays, target, type, occurredAt);
    },
  };
}
