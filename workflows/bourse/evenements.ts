/**
 * Attendance, as the institute reports it (domain/bourse/suspension.ts decides, an activity reads the dated
 * justification delay): an unjustified absence or a missed first exam session holds the instalments from its
 * month and the student is told; a justification within the delay resumes them and pays the held ones; no
 * justification by the delay stops the bursary and the instalments paid for later months become an
 * overpayment (indu) with a repayment order; an exit stops everything after its month, later paid months are
 * undue. The caseworker may then grant a remission. The CROUS hears of a stop.
 */
import { setHandler } from '@temporalio/workflow';
import type { DecisionSuspension, EvenementBourse } from '../../domain/bourse/suspension';
import { EVENEMENTS, isTypeEvenement } from '../../domain/bourse/process';
import { actionNotAllowed, invalidArgument } from '../../domain/case/failures';
import { isIsoDate } from '../../domain/dates';
import { bourseActs, boursePayActs } from './activities';
import type { BourseContext } from './context';
import { montants, moisVerses, today, versementsOuverts } from './etat';
import { accorderRemise, declarerSortieBourse, justifierAbsence, signalerEvenement, type BourseState } from './messages';
import { payerMensualite } from './versements';

const decide = (ctx: BourseContext, evenement: EvenementBourse) => bourseActs.deciderSuspensionBourse({
  versements: versementsOuverts(ctx.state), moisVerses: moisVerses(ctx.state), evenement, dateDecision: today(),
});

/** A date of the training year, not in the future. */
function checkDate(state: BourseState, date: string, field: string): void {
  if (!isIsoDate(date)) throw invalidArgument(`${field} : date AAAA-MM-JJ attendue`);
  const [first, last] = [state.moisFormation[0], state.moisFormation[state.moisFormation.length - 1]];
  if (date.slice(0, 7) < first || date.slice(0, 7) > last) throw invalidArgument(`${field} : la date doit être dans les mois de formation (${first} à ${last})`);
  if (date > today()) throw invalidArgument(`${field} : une date à venir ne peut pas être déclarée`);
}

export function registerEvenementHandlers(ctx: BourseContext): void {
  const { state } = ctx;

  setHandler(signalerEvenement, (args) => ctx.exclusive('signalerEvenement', async () => {
    const decision = await decide(ctx, { type: args.type, date: args.date, justifieLe: null });
    await appliquer(ctx, decision, { type: args.type, date: args.date }, args.actor);
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('signalerEvenement');
      if (!isTypeEvenement(args.type)) throw invalidArgument(`type : ${Object.keys(EVENEMENTS).join(' ou ')} attendu`);
      checkDate(state, args.date, 'date');
    },
  });

  setHandler(justifierAbsence, (args) => ctx.exclusive('justifier', async () => {
    const { type, date } = state.evenement!;
    const decision = await decide(ctx, { type, date, justifieLe: args.justifieLe });
    await appliquer(ctx, decision, { type, date }, args.actor);
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('justifier');
      if (!isIsoDate(args.justifieLe) || args.justifieLe > today()) throw invalidArgument('justifieLe : date AAAA-MM-JJ attendue, pas à venir');
      if (state.evenement && args.justifieLe < state.evenement.date) throw invalidArgument('justifieLe : le justificatif ne peut pas précéder l’événement');
    },
  });

  setHandler(declarerSortieBourse, (args) => ctx.exclusive('declarerSortie', async () => {
    // A pending absence never justified before the exit: its held months are not paid either.
    if (state.etat === 'suspendue' && state.evenement) {
      const held = versementsOuverts(state).filter((v) => !state.verses[v.mois] && v.mois >= state.evenement!.date.slice(0, 7));
      state.annules.push(...held.map((v) => v.mois));
    }
    const decision = await decide(ctx, { type: 'abandon', date: args.date });
    await appliquer(ctx, decision, { type: 'abandon', date: args.date }, args.actor);
    return state;
  }), { validator: (args) => void (ctx.assertAllowed('declarerSortie'), checkDate(state, args.date, 'date')) });

  setHandler(accorderRemise, (args) => ctx.exclusive('accorderRemise', async () => {
    const references = Object.keys(state.indus).sort().map((m) => state.indus[m].reference);
    const { remiseCents, resteCents } = await bourseActs.accorderRemiseBourse({ caseId: state.caseId, references, montantCents: args.montantCents, actor: args.actor });
    state.remiseCents = remiseCents;
    const entry = await ctx.record('remise_accordee', args.actor, { stage: 'clos', closure: { reason: state.etat ?? 'arretee', detail: 'remise' },
      detail: { remiseCents, resteCents } });
    await ctx.mail('remise_accordee', 'personne', { montantCents: remiseCents, resteCents }, ctx.mailKey('remise', entry.seq));
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('accorderRemise');
      const total = Object.values(state.indus).reduce((sum, v) => sum + v.montantCents, 0);
      if (args.montantCents !== undefined && (!Number.isSafeInteger(args.montantCents) || args.montantCents < 1 || args.montantCents > total)) {
        throw invalidArgument(`montantCents : entre 1 et ${total} centimes (le total de l’indu)`);
      }
    },
  });
}

/** The justification delay is over and nothing came: the bursary stops (called by the loop, under the lock). */
export async function arreterFauteDeJustificatif(ctx: BourseContext): Promise<void> {
  const { state } = ctx;
  if (state.etat !== 'suspendue' || !state.evenement) return;
  const { type, date } = state.evenement;
  await appliquer(ctx, await decide(ctx, { type, date, justifieLe: null }), { type, date }, 'system');
}

type Evenement = { type: EvenementBourse['type']; date: string };

async function appliquer(ctx: BourseContext, d: DecisionSuspension, e: Evenement, actor: string): Promise<void> {
  switch (d.etat) {
    case 'suspendue': return suspendre(ctx, d, e, actor);
    case 'reprise': return reprendre(ctx, d, actor);
    default: return arreter(ctx, d, e, actor);
  }
}

async function suspendre(ctx: BourseContext, d: DecisionSuspension, e: Evenement, actor: string): Promise<void> {
  const { state } = ctx;
  if (e.type === 'abandon') throw actionNotAllowed('une sortie ne suspend pas : elle arrête la bourse');
  state.etat = 'suspendue';
  state.evenement = { type: e.type, date: e.date, dateLimite: d.dateLimiteJustification! };
  const entry = await ctx.record('mensualites_suspendues', actor, { stage: 'suspendue', detail: { type: e.type, date: e.date, dateLimite: state.evenement.dateLimite } });
  await bourseActs.projeterEtatBourse({ caseId: state.caseId, etat: 'suspendue', evenementDate: e.date });
  await ctx.mail('versements_suspendus', 'personne', { evenement: e.type, date: e.date, dateLimite: state.evenement.dateLimite },
    ctx.mailKey('suspension', entry.seq));
}

async function reprendre(ctx: BourseContext, d: DecisionSuspension, actor: string): Promise<void> {
  const { state } = ctx;
  state.etat = 'en_cours';
  state.evenement = null;
  const entry = await ctx.record('mensualites_reprises', actor, { stage: 'attribuee' });
  const dus = d.aVerser.filter((v) => v.echeance <= today());
  for (const v of dus) await payerMensualite(ctx, v);
  await bourseActs.projeterEtatBourse({ caseId: state.caseId, etat: 'en_cours', evenementDate: null });
  const verses = montants(dus.filter((v) => state.verses[v.mois]));
  await ctx.mail('versements_repris', 'personne', { verses }, ctx.mailKey('reprise', entry.seq));
}

/** Stopped (no justification in time) or exit: later months cancelled, later paid months claimed back. */
async function arreter(ctx: BourseContext, d: DecisionSuspension, e: Evenement, actor: string): Promise<void> {
  const { state } = ctx;
  const etat = d.etat === 'sortie' ? 'sortie' : 'arretee';
  state.etat = etat;
  state.evenement = null;
  state.annules.push(...[...d.annules, ...d.retenus].map((v) => v.mois).filter((m) => !state.annules.includes(m)));
  const reason = etat === 'sortie' ? `sortie de formation le ${e.date}` : `${EVENEMENTS[e.type as keyof typeof EVENEMENTS]} du ${e.date} non justifiée dans le délai`;
  if (d.indus.length > 0) {
    Object.assign(state.indus, await boursePayActs.enregistrerIndusBourse({ caseId: state.caseId, indus: montants(d.indus), motif: reason }));
  }
  const stage = d.indus.length > 0 ? 'indu' : 'clos';
  const entry = await ctx.record(etat === 'sortie' ? 'sortie' : 'bourse_arretee', actor, {
    stage, ...(stage === 'clos' ? { closure: { reason: etat } } : {}),
    detail: { type: e.type, date: e.date, induCents: d.totalInduCents },
  });
  await bourseActs.projeterEtatBourse({ caseId: state.caseId, etat, evenementDate: e.date });
  const indus = montants(d.indus);
  if (etat === 'sortie') await ctx.mail('sortie_enregistree', 'personne', { date: e.date, indus }, ctx.mailKey('sortie', entry.seq));
  else await ctx.mail('bourse_arretee', 'personne', { evenement: e.type, date: e.date, indus }, ctx.mailKey('arret', entry.seq));
  await ctx.tellCrous('bourse.arret', entry.at);
}
