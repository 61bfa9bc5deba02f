/**
 * The instalments: at the start of each training month, the month's instalment is paid through the ledger
 * (kind BOURSE, one reference per case and month), after checking that no trainee pay of the Région was paid
 * to the same person for that month (else the month is refused, the reason kept on the case and mailed).
 * Held months wait for the justification; an instalment that fails alerts the referent and is tried again.
 * The case closes at the end of its last training month, or after the remission window of an overpayment.
 */
import { ActivityFailure, ApplicationFailure, condition } from '@temporalio/workflow';
import type { Versement } from '../../domain/bourse/calendrier';
import { anneeBounds } from '../../domain/bourse/annee';
import { addDaysToDate, lastDayOf, msUntil } from '../../domain/dates';
import { waitUntil } from '../case/deadlines';
import { bourseActs, boursePayActs } from './activities';
import type { BourseContext } from './context';
import { echeanceMs, prochainVersement, statutDuMois } from './etat';
import { arreterFauteDeJustificatif } from './evenements';

const dayStartMs = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);

/** Runs until the case is closed. */
export async function verser(ctx: BourseContext): Promise<void> {
  const { state } = ctx;
  while (state.stage !== 'clos') {
    const seq = state.history.length;
    const changed = (): boolean => state.history.length !== seq || state.stage === 'clos';
    if (state.etat === 'suspendue' && state.evenement) {
      await attendreJustificatif(ctx, changed);
    } else if (state.stage === 'indu') {
      // The caseworker may grant a remission until the end of the academic year; then the case closes.
      if (!(await waitUntil(dayStartMs(addDaysToDate(anneeBounds(state.annee).last, 1)), changed))) await cloturer(ctx, state.etat ?? 'arretee');
    } else {
      const next = prochainVersement(state);
      if (next) await payerALEcheance(ctx, next, changed);
      else if (!(await waitUntil(dayStartMs(addDaysToDate(lastDayOf(state.moisFormation[state.moisFormation.length - 1]), 1)), changed))) {
        await cloturer(ctx, 'annee_terminee');
      }
    }
  }
}

async function attendreJustificatif(ctx: BourseContext, changed: () => boolean): Promise<void> {
  const { evenement } = ctx.state;
  const dueMs = dayStartMs(addDaysToDate(evenement!.dateLimite, 1));
  ctx.state.deadlines = [{ kind: 'justification', dueAt: new Date(dueMs).toISOString(), status: 'pending' }];
  const shown = ctx.project(); // the deadline on the case page and on the case row (the work queue)
  if (shown) await shown;
  const moved = await waitUntil(dueMs, changed);
  ctx.state.deadlines = [];
  const cleared = ctx.project();
  if (cleared) await cleared;
  if (!moved) await ctx.locked(() => arreterFauteDeJustificatif(ctx));
}

async function payerALEcheance(ctx: BourseContext, v: Versement, changed: () => boolean): Promise<void> {
  if (Date.now() < echeanceMs(v)) {
    await condition(changed, msUntil(echeanceMs(v), Date.now()));
    return;
  }
  if (statutDuMois(ctx.state, v.mois) === 'retenu') {
    await condition(changed); // held until the justification or the stop
    return;
  }
  const paid = await ctx.locked(() => payerMensualite(ctx, v));
  if (!paid) await condition(changed, ctx.delays.incidentReessai);
}

/**
 * Pays one instalment if it is still payable once the lock is held (an event may have come meanwhile).
 * false: the payment failed (the referent is alerted once per month; the loop tries again later).
 */
export async function payerMensualite(ctx: BourseContext, v: Versement): Promise<boolean> {
  const { state } = ctx;
  if (statutDuMois(state, v.mois) !== 'a_venir') return true;
  let result: Awaited<ReturnType<typeof boursePayActs.verserMensualiteBourse>>;
  try {
    result = await boursePayActs.verserMensualiteBourse({ caseId: state.caseId, mois: v.mois, montantCents: v.montantCents, rang: v.rang });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    await signalerIncident(ctx, v, err);
    return false;
  }
  if ('refus' in result) {
    state.refusCumul[v.mois] = result.refus;
    const entry = await ctx.record('mensualite_refusee_cumul', 'system', { detail: { mois: v.mois, motif: result.refus } });
    await ctx.mail('mensualite_refusee_cumul', 'personne', { mois: v.mois, motif: result.refus }, ctx.mailKey(`cumul:${v.mois}`, entry.seq));
    return true;
  }
  state.verses[v.mois] = { reference: result.reference, montantCents: result.montantCents };
  await ctx.record('mensualite_versee', 'system', { detail: { mois: v.mois, montantCents: result.montantCents } });
  return true;
}

async function signalerIncident(ctx: BourseContext, v: Versement, err: ActivityFailure): Promise<void> {
  const { state } = ctx;
  if (state.incidents.includes(v.mois)) return;
  state.incidents.push(v.mois);
  const type = err.cause instanceof ApplicationFailure ? err.cause.type ?? 'erreur' : 'erreur';
  const entry = await ctx.record('incident_versement', 'system', { detail: { mois: v.mois, erreur: type } });
  await ctx.mail('alerte_delai', 'referent', { what: `versement de la mensualité de ${v.mois} (échec : ${type}, nouvel essai automatique)`, since: entry.at },
    ctx.mailKey(`incident:${v.mois}`, entry.seq));
}

async function cloturer(ctx: BourseContext, reason: string): Promise<void> {
  await ctx.locked(async () => {
    if (ctx.state.stage === 'clos') return;
    if (ctx.state.etat === 'en_cours') {
      ctx.state.etat = 'terminee';
      await bourseActs.projeterEtatBourse({ caseId: ctx.state.caseId, etat: 'terminee', evenementDate: null });
    }
    await ctx.record('cloture', 'system', { stage: 'clos', closure: { reason } });
  });
}
