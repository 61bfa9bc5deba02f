/**
 * A sur-mesure order (commande), one workflow per order, id `sur-mesure-<case id>`. People act through
 * updates (stages/*); this function only waits: for the qualification (reminding, then alerting the
 * referent), for the training to be over (its trainees' journeys tell it), then for each trainee's hiring
 * check and 6-month check and for the provider's service fait, and closes the order with its outcome.
 */
import { ActivityFailure, allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { DAY_MS } from '../../domain/dates';
import { allLeft } from '../../domain/sur-mesure/stagiaires';
import { waitRemindAlert } from '../case/deadlines';
import { smStartActs } from './activities';
import { createContext, type SurMesureContext } from './context';
import { initialState, totalPostes } from './journal';
import { DEFAULT_SUR_MESURE_DELAYS, etatCommandeQuery, type SurMesureInput, type SurMesureState } from './messages';
import { registerEmbaucheHandlers, traineeAfterTraining } from './stages/embauche';
import { registerInstructionHandlers } from './stages/instruction';
import { registerRecrutementHandlers } from './stages/recrutement';
import { awaitServiceFait, registerServiceFaitHandler } from './stages/service-fait';
import { registerStagiaireSignals } from './stages/stagiaires';
import { registerVisaHandlers } from './stages/visa';

export async function surMesure(input: SurMesureInput): Promise<SurMesureState> {
  const delays = { ...DEFAULT_SUR_MESURE_DELAYS, ...input.delays };
  const state = initialState(input);
  const ctx = createContext(state, input, delays);
  setHandler(etatCommandeQuery, () => state);
  registerInstructionHandlers(ctx);
  registerVisaHandlers(ctx);
  registerRecrutementHandlers(ctx);
  registerStagiaireSignals(ctx);
  registerEmbaucheHandlers(ctx);
  registerServiceFaitHandler(ctx);

  if (!(await loadOrder(ctx))) return state;
  const entry = await ctx.record('creation', input.createdBy, { detail: { postes: totalPostes(state), nafSection: input.nafSection } });
  await ctx.mail('besoin_recu', 'entreprise', {}, ctx.mailKey('besoin_recu', entry.seq));
  await awaitQualification(ctx);
  await condition(() => state.stage === 'clos' || (state.stage === 'formation' && allLeft(Object.values(state.stagiaires))));
  if (state.stage !== 'clos') await afterTraining(ctx);
  await condition(allHandlersFinished);
  return state;
}

/**
 * The parameters in force on the order's date. The API commits the order's rows just after starting this
 * workflow; if they never appear (the creation was rolled back), there is no order: the run ends.
 */
async function loadOrder(ctx: SurMesureContext): Promise<boolean> {
  try {
    const loaded = await smStartActs.chargerCommande({ caseId: ctx.state.caseId, orderDate: ctx.input.orderDate });
    ctx.state.parametres = loaded.parametres;
    ctx.state.parametresNonVerifies = loaded.nonVerifies;
    return true;
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    ctx.state.closure = { reason: 'creation_annulee' };
    return false;
  }
}

async function awaitQualification(ctx: SurMesureContext): Promise<void> {
  const { state, delays } = ctx;
  const since = state.history[0];
  const qualified = (): boolean => state.stage !== 'besoin';
  const sinceMs = Date.parse(since.at);
  await waitRemindAlert(ctx, 'qualification', qualified, [
    { dueAtMs: sinceMs + delays.qualificationReminderDays * DAY_MS,
      notify: () => ctx.mail('rappel_qualification', 'referent', { since: since.at }, ctx.mailKey('rappel_qualification', since.seq)) },
    { dueAtMs: sinceMs + delays.qualificationAlertDays * DAY_MS,
      notify: () => ctx.mail('alerte_delai', 'referent', { what: 'qualifier le besoin de l’entreprise', since: since.at }, ctx.mailKey('alerte:qualification', since.seq)) },
  ]);
}

/** Hiring checks, 6-month checks and the service fait run side by side; the order closes when all are done. */
async function afterTraining(ctx: SurMesureContext): Promise<void> {
  const { state } = ctx;
  const ids = Object.keys(state.stagiaires).sort();
  const end = ids.map((id) => state.stagiaires[id].exitDate!).sort().at(-1)!;
  await ctx.locked(() => ctx.record('formation_terminee', 'system', { stage: 'embauche', detail: { fin: end } }));
  const allChecked = (): boolean => ids.every((id) => state.stagiaires[id].embauche !== null);
  await Promise.all([
    ...ids.map((id) => traineeAfterTraining(ctx, id)),
    awaitServiceFait(ctx, end),
    condition(allChecked).then(() => ctx.locked(() => ctx.record('controle_embauche_termine', 'system', { stage: 'suivi' }))),
  ]);
  await ctx.locked(() => close(ctx));
}

async function close(ctx: SurMesureContext): Promise<void> {
  const trainees = Object.values(ctx.state.stagiaires);
  const conformes = trainees.filter((t) => t.embauche?.outcome === 'embauche_conforme').length;
  const manquements = trainees.filter((t) => t.embauche?.manquement || t.suivi6m?.manquement).length;
  const bilan = `${conformes} stagiaire(s) sur ${trainees.length} embauché(s) comme prévu ; ${manquements} manquement(s) enregistré(s).`;
  const entry = await ctx.record('cloture', 'system', { stage: 'clos',
    closure: { reason: manquements > 0 ? 'engagement_non_tenu' : 'engagement_tenu', detail: bilan }, detail: { conformes, manquements } });
  await ctx.mail('commande_close', 'entreprise', { bilan }, ctx.mailKey('cloture', entry.seq));
}
