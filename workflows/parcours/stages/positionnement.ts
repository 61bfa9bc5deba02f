/**
 * Positionnement: a caseworker plans the interview/tests, records their results, then decides: admitted
 * (a seat is held), redirected (another session, or another scheme outside the catalogue) or refused
 * with a reason. The person and the prescriber are told by mail.
 */
import { ActivityFailure, ApplicationFailure, setHandler } from '@temporalio/workflow';
import { DecisionSchema, PositionnementResultsSchema, type Decision } from '../../../domain/parcours/positionnement';
import { acts } from '../../activities';
import { assertAllowed, invalidArgument, type ParcoursContext } from '../context';
import { publishSearchAttributes, record, mailKey } from '../journal';
import {
  deciderPositionnement,
  enregistrerPositionnement,
  planifierPositionnement,
  type HistoryEntry,
  type ParcoursState,
} from '../messages';

export function registerPositionnementHandlers(ctx: ParcoursContext): void {
  const { state } = ctx;

  setHandler(planifierPositionnement, ({ actor, scheduledAt }) => ctx.exclusive('planifierPositionnement', async () => {
    await acts.savePositionnementPlan({ caseId: state.caseId, scheduledAt });
    state.positionnement.scheduledAt = scheduledAt;
    const entry = await record(state, 'positionnement_planifie', actor, { stage: 'positionnement', detail: { scheduledAt } });
    await acts.sendMail({ key: mailKey(state, 'positionnement_planifie', entry.seq), caseId: state.caseId,
      template: 'positionnement_planifie', to: 'personne', params: { scheduledAt } });
    return state;
  }), {
    validator: ({ scheduledAt }) => {
      assertAllowed(state, 'planifierPositionnement');
      if (Number.isNaN(Date.parse(scheduledAt))) throw invalidArgument('scheduledAt: date invalide');
    },
  });

  setHandler(enregistrerPositionnement, ({ actor, results }) => ctx.exclusive('enregistrerPositionnement', async () => {
    await acts.savePositionnementResults({ caseId: state.caseId, results });
    state.positionnement.resultsRecorded = true;
    await record(state, 'positionnement_resultats', actor, { detail: { avis: results.avis } });
    return state;
  }), {
    validator: ({ results }) => {
      assertAllowed(state, 'enregistrerPositionnement');
      if (!PositionnementResultsSchema.safeParse(results).success) throw invalidArgument('results: résultats invalides');
    },
  });

  setHandler(deciderPositionnement, ({ actor, decision }) => ctx.exclusive('deciderPositionnement', async () => {
    if (!state.positionnement.resultsRecorded) throw resultsMissing();
    const entry = await applyDecision(state, decision, actor);
    await acts.saveDecision({ caseId: state.caseId, decision, actor, at: entry.at });
    await tellPersonAndPrescriber(state, decision, entry);
    return state;
  }), {
    validator: ({ decision }) => {
      assertAllowed(state, 'deciderPositionnement');
      if (!state.positionnement.resultsRecorded) throw resultsMissing();
      if (!DecisionSchema.safeParse(decision).success) throw invalidArgument('decision: décision invalide');
    },
  });
}

function resultsMissing(): ApplicationFailure {
  return ApplicationFailure.nonRetryable('les résultats du positionnement doivent être enregistrés avant la décision', 'ActionNotAllowed');
}

async function applyDecision(state: ParcoursState, decision: Decision, actor: string): Promise<HistoryEntry> {
  switch (decision.outcome) {
    case 'admis':
      await holdSeat(state, state.session.sessionId);
      return record(state, 'decision_admis', actor, { stage: 'admis' });
    case 'reoriente':
      if (decision.sessionId) {
        await holdSeat(state, decision.sessionId);
        return record(state, 'decision_reoriente', actor, { stage: 'admis', detail: { sessionId: decision.sessionId } });
      }
      await acts.releaseSeat({ caseId: state.caseId });
      return record(state, 'decision_reoriente', actor, {
        stage: 'clos', closure: { reason: 'reoriente', detail: decision.dispositif }, detail: { dispositif: decision.dispositif ?? null },
      });
    case 'refuse':
      await acts.releaseSeat({ caseId: state.caseId });
      return record(state, 'decision_refuse', actor, {
        stage: 'clos', closure: { reason: 'refuse', detail: decision.reason }, detail: { reason: decision.reason },
      });
  }
}

/** A full session or an unknown one fails the update (HTTP 409 / 404), and the case stays where it was. */
async function holdSeat(state: ParcoursState, sessionId: string): Promise<void> {
  try {
    state.session = await acts.reserveSeat({ caseId: state.caseId, sessionId });
    publishSearchAttributes(state);
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
      throw ApplicationFailure.nonRetryable(err.cause.message, err.cause.type ?? 'ActivityFailed');
    }
    throw err;
  }
}

async function tellPersonAndPrescriber(state: ParcoursState, decision: Decision, entry: HistoryEntry): Promise<void> {
  const template = `decision_${decision.outcome}` as const;
  const params: Record<string, string> = {};
  if (decision.outcome === 'refuse') params.reason = decision.reason;
  if (decision.outcome === 'reoriente' && decision.dispositif) params.dispositif = decision.dispositif;
  for (const to of ['personne', 'prescripteur'] as const) {
    await acts.sendMail({ key: mailKey(state, `${template}:${to}`, entry.seq), caseId: state.caseId, template, to, params });
  }
}
