/**
 * Instruction: the échelon is computed from the application (an activity reads the income and the dated
 * tables, calls the pure rule, keeps the computation in PostgreSQL); the caseworker may ask the student for
 * documents (a deadline, a reminder to the student, then an alert to the referent), records them (the
 * échelon is computed again), then decides: an award (schedule, no double funding) or a refusal with a
 * reason from a closed list. The student gets a plain-French mail, the CROUS the decision.
 */
import { condition, setHandler } from '@temporalio/workflow';
import { instalmentSchedule } from '../../domain/bourse/calendrier';
import { BourseRuleError } from '../../domain/bourse/errors';
import { isMotifRefus, PIECE_CODES, type DecisionBourse, type PieceCode } from '../../domain/bourse/process';
import { actionNotAllowed, businessFailure, invalidArgument } from '../../domain/case/failures';
import { addDaysToDate, DAY_MS } from '../../domain/dates';
import { waitRemindAlert } from '../case/deadlines';
import { bourseActs } from './activities';
import type { BourseContext } from './context';
import { montants, today } from './etat';
import { deciderBourse, demanderPieces, enregistrerPieces, type BourseState } from './messages';

/** Computes (again) the échelon; a year without its barème leaves the reason on the case instead. */
export async function calculer(ctx: BourseContext): Promise<void> {
  const result = await bourseActs.calculerEchelonBourse({ caseId: ctx.state.caseId });
  if ('erreur' in result) {
    ctx.state.calcul = null;
    ctx.state.calculErreur = result.erreur;
  } else {
    ctx.state.calcul = result.calcul;
    ctx.state.calculErreur = null;
  }
}

export function registerInstructionHandlers(ctx: BourseContext): void {
  const { state } = ctx;

  setHandler(demanderPieces, (args) => ctx.exclusive('demanderPieces', async () => {
    const dateLimite = addDaysToDate(today(), args.delaiJours ?? ctx.delays.piecesDelaiJours);
    // Known before the journal entry wakes the waiting loop, which arms the deadline from it.
    state.pieces = { demandees: args.pieces, dateLimite, seq: state.history.length + 1, recues: false };
    const entry = await ctx.record('pieces_demandees', args.actor, { stage: 'attente_pieces', detail: { pieces: args.pieces.join(','), dateLimite } });
    await ctx.mail('pieces_demandees', 'personne', { pieces: args.pieces, dateLimite }, ctx.mailKey('pieces_demandees', entry.seq));
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('demanderPieces');
      if (!Array.isArray(args.pieces) || args.pieces.length === 0 || !args.pieces.every((p: PieceCode) => PIECE_CODES.includes(p))) {
        throw invalidArgument(`pieces : liste de pièces attendue parmi ${PIECE_CODES.join(', ')}`);
      }
      if (args.delaiJours !== undefined && (!Number.isSafeInteger(args.delaiJours) || args.delaiJours < 1 || args.delaiJours > 90)) {
        throw invalidArgument('delaiJours : entre 1 et 90 jours');
      }
    },
  });

  setHandler(enregistrerPieces, (args) => ctx.exclusive('enregistrerPieces', async () => {
    if (state.pieces) state.pieces.recues = true;
    await calculer(ctx); // the caseworker may have corrected the income or the points elements
    await ctx.record('pieces_recues', args.actor, { stage: 'instruction', detail: { echelon: state.calcul?.echelon ?? null } });
    return state;
  }), { validator: (_args) => ctx.assertAllowed('enregistrerPieces') });

  setHandler(deciderBourse, (args) => ctx.exclusive('decider', () => (args.decision.outcome === 'attribuee'
    ? attribuer(ctx, args.actor)
    : refuser(ctx, args.actor, args.decision.motif))), {
    validator: ({ decision }) => {
      ctx.assertAllowed('decider');
      if (!isDecision(decision)) throw invalidArgument('decision : { outcome: "attribuee" } ou { outcome: "refusee", motif } attendu');
    },
  });
}

const isDecision = (d: DecisionBourse | undefined): boolean =>
  Boolean(d) && (d!.outcome === 'attribuee' || (d!.outcome === 'refusee' && isMotifRefus(d!.motif)));

/** The computation a decision needs: when the barème of the year is missing, nobody can decide (409, why). */
async function calculRequis(ctx: BourseContext) {
  if (!ctx.state.calcul) await calculer(ctx);
  if (!ctx.state.calcul) {
    const projected = ctx.project(); // the computation's error on the case page: a refused decision writes no journal entry
    if (projected) await projected;
    throw businessFailure('ParameterMissing', `décision impossible : ${ctx.state.calculErreur ?? 'échelon non calculé'}`);
  }
  return ctx.state.calcul;
}

async function attribuer(ctx: BourseContext, actor: string): Promise<BourseState> {
  const { state } = ctx;
  const calcul = await calculRequis(ctx);
  if (!calcul.echelon) {
    throw actionNotAllowed('pas de bourse : le revenu dépasse le plafond de l’échelon 0bis ; décidez un refus (motif ressources_superieures_plafond)');
  }
  const versements = schedule(state, calcul.annuelCents);
  const cumul = await bourseActs.verifierCumulBourse({ caseId: state.caseId, mois: versements.map((v) => v.mois) });
  if (cumul.motifFr) {
    state.cumulConflit = { mois: cumul.moisEnConflit, motif: cumul.motifFr };
    await ctx.record('attribution_refusee_cumul', actor, { detail: { mois: cumul.moisEnConflit.join(','), motif: cumul.motifFr } });
    throw businessFailure('DoubleFunding', cumul.motifFr);
  }
  Object.assign(state, { versements, etat: 'en_cours', cumulConflit: null });
  const entry = await ctx.record('attribution', actor, { stage: 'attribuee', detail: { echelon: calcul.echelon, annuelCents: calcul.annuelCents } });
  state.decision = { outcome: 'attribuee', motif: null, at: entry.at };
  await bourseActs.enregistrerDecisionBourse({ caseId: state.caseId, outcome: 'attribuee', motif: null, actor, at: entry.at });
  await ctx.mail('decision_attribution', 'personne', { echelon: calcul.echelon, annuelCents: calcul.annuelCents, versements: montants(versements) },
    ctx.mailKey('decision', entry.seq));
  await ctx.tellCrous('bourse.attribution', entry.at);
  return state;
}

function schedule(state: BourseState, annuelCents: number) {
  try {
    return instalmentSchedule(state.annee, annuelCents, state.moisFormation).versements;
  } catch (err) {
    if (err instanceof BourseRuleError) throw invalidArgument(err.message);
    throw err;
  }
}

async function refuser(ctx: BourseContext, actor: string, motif: string): Promise<BourseState> {
  const { state } = ctx;
  if (motif === 'ressources_superieures_plafond' && (await calculRequis(ctx)).echelon) {
    throw actionNotAllowed(`le calcul donne l’échelon ${state.calcul!.echelon} : ce motif de refus ne s’applique pas`);
  }
  const entry = await ctx.record('refus', actor, { stage: 'clos', closure: { reason: 'refusee', detail: motif }, detail: { motif } });
  state.decision = { outcome: 'refusee', motif, at: entry.at };
  await bourseActs.enregistrerDecisionBourse({ caseId: state.caseId, outcome: 'refusee', motif, actor, at: entry.at });
  await ctx.mail('decision_refus', 'personne', { motif }, ctx.mailKey('decision', entry.seq));
  await ctx.tellCrous('bourse.refus', entry.at);
  return state;
}

/**
 * Waits for the decision. While documents are awaited: at their date the student is reminded, some days
 * later the referent is alerted; a new request starts a new wait.
 */
export async function instruire(ctx: BourseContext): Promise<void> {
  const { state } = ctx;
  const decided = (): boolean => state.stage !== 'instruction' && state.stage !== 'attente_pieces';
  while (!decided()) {
    if (state.stage !== 'attente_pieces' || !state.pieces) {
      const seq = state.history.length;
      await condition(() => decided() || state.history.length !== seq);
      continue;
    }
    const { seq, dateLimite, demandees } = state.pieces;
    const dueMs = Date.parse(`${addDaysToDate(dateLimite, 1)}T00:00:00.000Z`);
    const moved = (): boolean => state.stage !== 'attente_pieces' || state.pieces?.seq !== seq;
    await waitRemindAlert(ctx, 'pieces', moved, [
      { dueAtMs: dueMs, notify: () => ctx.mail('rappel_pieces', 'personne', { pieces: demandees, dateLimite }, ctx.mailKey('rappel_pieces', seq)) },
      { dueAtMs: dueMs + ctx.delays.piecesAlerteJours * DAY_MS, notify: () => ctx.mail('alerte_delai', 'referent',
        { what: 'pièces demandées à l’étudiant pour sa bourse', since: state.history[seq - 1].at }, ctx.mailKey('alerte_pieces', seq)) },
    ]);
  }
}
