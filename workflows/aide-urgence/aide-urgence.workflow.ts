/**
 * One emergency aid (aide ponctuelle d'urgence), id `aide-urgence-<case id>`: the social worker's assessment
 * sends it to the commission (which sees no identity), or the caseworker grants an urgent advance alone;
 * every grant is checked against the limits (per aid, per academic year, advance, age); the aid is issued in
 * the ledger (kind AIDE_URGENCE, its own case, so its own reference) and must leave in a payment file within
 * n working days of the decision (dated parameter, 5 by default): the workflow checks each day and alerts
 * the referent on the last day. The CROUS hears of the decision.
 */
import { allHandlersFinished, condition, setHandler, sleep } from '@temporalio/workflow';
import { AIDE_URGENCE, isMotifRefusAide, type AideAction, type AideStage } from '../../domain/bourse/aide-urgence-process';
import { actionNotAllowed, invalidArgument } from '../../domain/case/failures';
import type { Deadline } from '../../domain/case/journal';
import { addDaysToDate, DAY_MS } from '../../domain/dates';
import { bourseActs, boursePayActs } from '../bourse/activities';
import { waitRemindAlert } from '../case/deadlines';
import { startHandoff } from '../case/handoff';
import { createKernel, type CaseKernel } from '../case/kernel';
import { caseMailer } from '../case/mail';
import { SA_STAGE } from '../search-attributes';
import type { AideMails, AideRecipient } from './mails';
import {
  accorderAvance, aideEtatQuery, DEFAULT_AIDE_DELAYS, deciderCommission, enregistrerEvaluation, type AideDelays, type AideInput, type AideState,
} from './messages';

type Kernel = CaseKernel<AideState, AideStage, AideAction>;
interface AideContext extends Kernel { delays: AideDelays }

const today = (): string => new Date().toISOString().slice(0, 10);
const mail = (ctx: AideContext) => caseMailer<AideMails, AideRecipient>(ctx);

export async function aideUrgence(input: AideInput): Promise<AideState> {
  const delays = { ...DEFAULT_AIDE_DELAYS, ...input.delays };
  const state: AideState = {
    caseId: input.caseId, stage: 'demande', closure: null, history: [], deadlines: [], annee: input.annee, bourseCaseId: input.bourseCaseId,
    montantDemandeCents: input.montantDemandeCents, avance: input.avance, evaluation: null, controle: null, decision: null, versement: null,
  };
  const ctx: AideContext = { ...createKernel(AIDE_URGENCE, state, (s) => [{ key: SA_STAGE, value: s.stage }], { ownChanges: true }), delays };
  setHandler(aideEtatQuery, () => state);
  registerHandlers(ctx);

  await ctx.record('demande', input.createdBy, { detail: { annee: input.annee, montantDemandeCents: input.montantDemandeCents, avance: input.avance } });
  await condition(() => state.stage !== 'demande');
  if (state.stage === 'commission') {
    const since = state.history[state.history.length - 1];
    await waitRemindAlert(ctx, 'commission', () => state.stage !== 'commission', [{
      dueAtMs: Date.parse(since.at) + delays.commissionAlerteJours * DAY_MS,
      notify: () => mail(ctx)('alerte_delai', 'referent', { what: 'décision de la commission sur une aide d’urgence', since: since.at },
        ctx.mailKey('alerte_commission', since.seq)),
    }]);
  }
  if (state.stage === 'accordee') await suivreVersement(ctx);
  await condition(allHandlersFinished);
  return state;
}

function registerHandlers(ctx: AideContext): void {
  const { state } = ctx;
  setHandler(enregistrerEvaluation, (args) => ctx.exclusive('enregistrerEvaluation', async () => {
    state.evaluation = { propositionCents: args.propositionCents ?? null, at: new Date().toISOString() };
    await ctx.record('evaluation_sociale', args.actor, { stage: 'commission', detail: { propositionCents: args.propositionCents ?? null } });
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('enregistrerEvaluation');
      if (args.propositionCents !== undefined && !(Number.isSafeInteger(args.propositionCents) && args.propositionCents > 0)) {
        throw invalidArgument('propositionCents : nombre entier de centimes positif attendu');
      }
    },
  });

  setHandler(accorderAvance, (args) => ctx.exclusive('accorderAvance', () => accorder(ctx, args.montantCents, args.actor, 'avance')), {
    validator: (args) => {
      ctx.assertAllowed('accorderAvance');
      if (!state.avance) throw actionNotAllowed('cette demande n’est pas une avance en urgence : elle passe par la commission');
      checkMontant(args.montantCents);
    },
  });

  setHandler(deciderCommission, (args) => ctx.exclusive('deciderCommission', () => (args.decision.outcome === 'accordee'
    ? accorder(ctx, args.decision.montantCents, args.actor, 'commission')
    : refuser(ctx, args.decision.motif, args.actor))), {
    validator: ({ decision }) => {
      ctx.assertAllowed('deciderCommission');
      if (decision?.outcome === 'accordee') checkMontant(decision.montantCents);
      else if (decision?.outcome !== 'refusee' || !isMotifRefusAide(decision.motif)) throw invalidArgument('decision : accordee (montantCents) ou refusee (motif) attendu');
    },
  });
}

function checkMontant(montantCents: number): void {
  if (!Number.isSafeInteger(montantCents) || montantCents <= 0) throw invalidArgument('montantCents : nombre entier de centimes positif attendu');
}

async function accorder(ctx: AideContext, montantCents: number, actor: string, par: 'commission' | 'avance'): Promise<AideState> {
  const { state } = ctx;
  const controle = await bourseActs.controlerAideUrgence({ caseId: state.caseId, montantCents, avanceSansCommission: par === 'avance' });
  state.controle = { conforme: controle.conforme, regles: controle.reglesNonRespectees };
  if (!controle.conforme) {
    const projected = ctx.project(); // the failed check on the case page: a refused grant writes no journal entry
    if (projected) await projected;
    throw actionNotAllowed(`aide impossible : ${controle.reglesNonRespectees.join(' ')}`);
  }
  const at = new Date().toISOString();
  const paid = await boursePayActs.verserAideUrgence({ caseId: state.caseId, montantCents, dateDecision: today(), actor, at });
  state.versement = { reference: paid.reference, montantCents, dateLimite: paid.dateLimite, fichier: null };
  const entry = await ctx.record('aide_accordee', actor, { stage: 'accordee', detail: { montantCents, par, dateLimite: paid.dateLimite } });
  state.decision = { outcome: 'accordee', montantCents, motif: null, par, at: entry.at };
  await mail(ctx)('aide_accordee', 'personne', { montantCents, dateLimite: paid.dateLimite, avance: par === 'avance' }, ctx.mailKey('decision', entry.seq));
  await tellCrous(ctx, entry.at);
  return state;
}

async function refuser(ctx: AideContext, motif: string, actor: string): Promise<AideState> {
  const { state } = ctx;
  const entry = await ctx.record('aide_refusee', actor, { stage: 'clos', closure: { reason: 'refusee', detail: motif }, detail: { motif } });
  state.decision = { outcome: 'refusee', montantCents: null, motif, par: 'commission', at: entry.at };
  await bourseActs.enregistrerDecisionAide({ caseId: state.caseId, outcome: 'refusee', motif, actor, at: entry.at });
  await mail(ctx)('aide_refusee', 'personne', { motif }, ctx.mailKey('decision', entry.seq));
  await tellCrous(ctx, entry.at);
  return state;
}

async function tellCrous(ctx: AideContext, occurredAt: string): Promise<void> {
  const target = await bourseActs.crousDeLaBourse({ caseId: ctx.state.bourseCaseId });
  if (target) await startHandoff(ctx.state.caseId, ctx.delays, target, 'aide_urgence.decision', occurredAt);
}

/**
 * Checks each morning that the aid left in a payment file; on the last day allowed, the referent is alerted
 * once; a month later the checks become weekly (the case stays open until the payment leaves).
 */
async function suivreVersement(ctx: AideContext): Promise<void> {
  const { state, delays } = ctx;
  const v = state.versement!;
  const deadline = { kind: 'versement', dueAt: `${v.dateLimite}T${String(delays.heureVerification).padStart(2, '0')}:00:00.000Z`, status: 'pending' } as Deadline;
  state.deadlines = [deadline];
  const projected = ctx.project();
  if (projected) await projected;
  for (let day = today(); ;) {
    const fichier = await bourseActs.fichierDuVersement({ reference: v.reference });
    if (fichier) {
      v.fichier = fichier;
      state.deadlines = [];
      await ctx.record('versement_transmis', 'system', { stage: 'clos', closure: { reason: 'versee' },
        detail: { fichier: fichier.id, executionDate: fichier.executionDate, dansLeDelai: fichier.executionDate <= v.dateLimite } });
      return;
    }
    if (day >= v.dateLimite && deadline.status === 'pending') {
      deadline.status = 'alerted';
      await mail(ctx)('alerte_delai', 'referent', { what: `verser l’aide d’urgence au plus tard le ${v.dateLimite} (inclure le paiement ${v.reference} dans un fichier)`,
        since: state.decision!.at }, ctx.mailKey('alerte_versement'));
    }
    const next = addDaysToDate(day, day > addDaysToDate(v.dateLimite, 30) ? 7 : 1);
    await sleep(Math.max(Date.parse(`${next}T${String(delays.heureVerification).padStart(2, '0')}:00:00.000Z`) - Date.now(), 1));
    day = next;
  }
}
