/**
 * Positionnement: a caseworker plans the interview/tests, records their results, then decides: admitted
 * (a seat is held), redirected (another session, or another scheme outside the catalogue) or refused
 * with a reason. The person and the prescriber are told by mail.
 */
import { ActivityFailure, ApplicationFailure, setHandler } from '@temporalio/workflow';
import { actionNotAllowed, invalidArgument, isFailureType, businessFailure } from '../../../domain/case/failures';
import { isSaneInstant } from '../../../domain/dates';
import { isDecision, isPositionnementResults, type Decision } from '../../../domain/parcours/positionnement';
import { acts } from '../../case/activities';
import type { ParcoursContext } from '../context';
import { deciderPositionnement, enregistrerPositionnement, planifierPositionnement, type HistoryEntry } from '../messages';

export function registerPositionnementHandlers(ctx: ParcoursContext): void {
  const { state } = ctx;

  setHandler(planifierPositionnement, ({ actor, scheduledAt }) => ctx.exclusive('planifierPositionnement', async () => {
    await acts.savePositionnementPlan({ caseId: state.caseId, scheduledAt });
    state.positionnement.scheduledAt = scheduledAt;
    const entry = await ctx.record('positionnement_planifie', actor, { stage: 'positionnement', detail: { scheduledAt } });
    await ctx.mail('positionnement_planifie', 'personne', { scheduledAt }, ctx.mailKey('positionnement_planifie', entry.seq));
    return state;
  }), {
    validator: ({ scheduledAt }) => {
      ctx.assertAllowed('planifierPositionnement');
      if (!isSaneInstant(scheduledAt)) throw invalidArgument('scheduledAt: date et heure ISO 8601 avec fuseau attendues, entre 1900 et 2100');
    },
  });

  setHandler(enregistrerPositionnement, ({ actor, results }) => ctx.exclusive('enregistrerPositionnement', async () => {
    await acts.savePositionnementResults({ caseId: state.caseId, results });
    state.positionnement.resultsRecorded = true;
    await ctx.record('positionnement_resultats', actor, { detail: { avis: results.avis } });
    return state;
  }), {
    validator: ({ results }) => {
      ctx.assertAllowed('enregistrerPositionnement');
      if (!isPositionnementResults(results)) throw invalidArgument('results: résultats invalides');
    },
  });

  setHandler(deciderPositionnement, ({ actor, decision }) => ctx.exclusive('deciderPositionnement', async () => {
    if (!state.positionnement.resultsRecorded) throw resultsMissing();
    const entry = await applyDecision(ctx, decision, actor);
    await acts.saveDecision({ caseId: state.caseId, decision, actor, at: entry.at });
    await tellPersonAndPrescriber(ctx, decision, entry);
    return state;
  }), {
    validator: ({ decision }) => {
      ctx.assertAllowed('deciderPositionnement');
      if (!state.positionnement.resultsRecorded) throw resultsMissing();
      if (!isDecision(decision)) throw invalidArgument('decision: décision invalide');
    },
  });
}

const resultsMissing = (): ApplicationFailure => actionNotAllowed('les résultats du positionnement doivent être enregistrés avant la décision');

async function applyDecision(ctx: ParcoursContext, decision: Decision, actor: string): Promise<HistoryEntry> {
  const { state } = ctx;
  switch (decision.outcome) {
    case 'admis':
      await holdSeat(ctx, state.session.sessionId);
      return ctx.record('decision_admis', actor, { stage: 'admis' });
    case 'reoriente':
      if (decision.sessionId) {
        await holdSeat(ctx, decision.sessionId);
        return ctx.record('decision_reoriente', actor, { stage: 'admis', detail: { sessionId: decision.sessionId } });
      }
      await acts.releaseSeat({ caseId: state.caseId });
      return ctx.record('decision_reoriente', actor, {
        stage: 'clos', closure: { reason: 'reoriente', detail: decision.dispositif }, detail: { dispositif: decision.dispositif ?? null },
      });
    case 'refuse':
      await acts.releaseSeat({ caseId: state.caseId });
      return ctx.record('decision_refuse', actor, {
        stage: 'clos', closure: { reason: 'refuse', detail: decision.reason }, detail: { reason: decision.reason },
      });
  }
}

/** A full session or an unknown one fails the update (HTTP 409 / 400), and the case stays where it was. */
async function holdSeat(ctx: ParcoursContext, sessionId: string): Promise<void> {
  try {
    ctx.state.session = await acts.reserveSeat({ caseId: ctx.state.caseId, sessionId });
    ctx.publishSearchAttributes();
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && isFailureType(err.cause.type)) {
      throw businessFailure(err.cause.type, err.cause.message);
    }
    throw err;
  }
}

async function tellPersonAndPrescriber(ctx: ParcoursContext, decision: Decision, entry: HistoryEntry): Promise<void> {
  const template = `decision_${decision.outcome}` as const;
  const params = decision.outcome === 'refuse' ? { reason: decision.reason }
    : decision.outcome === 'reoriente' && decision.dispositif ? { dispositif: decision.dispositif } : {};
  for (const to of ['personne', 'prescripteur'] as const) {
    await ctx.mail(template, to, params as never, ctx.mailKey(`${template}:${to}`, entry.seq));
  }
}
