/**
 * En formation: the caseworker establishes the pay file (barème at entry), the organisme certifies each
 * month's attendance (a correction is accepted until the month is paid; a later one is a late correction:
 * ./corrections.ts), aids are granted (./aides.ts), the training may be suspended and resumed, and the
 * organisme declares the exit. The pay itself runs in ../apres-entree.ts.
 */
import { setHandler } from '@temporalio/workflow';
import { actionNotAllowed, businessFailure, invalidArgument } from '../../../domain/case/failures';
import type { HistoryEntry } from '../../../domain/case/journal';
import { dayOf, isIsoDate, periodOf } from '../../../domain/dates';
import { sameStatement, statementRefusal, statementUnchanged } from '../../../domain/parcours/etat-presence';
import { EXIT_KINDS } from '../../../domain/parcours/sortie';
import { acts } from '../../case/activities';
import type { ParcoursContext } from '../context';
import {
  accorderAide, certifierEtatPresence, declarerSortie, etablirRemuneration, reprendre, soumettreEtatPresence, suspendre,
  type EtatPresence, type EtatPresenceAccepte, type SoumettreEtatPresence,
} from '../messages';
import { grantAid, validateAid } from './aides';
import { lateCorrection } from './corrections';
import { formationOf } from './formation-state';

export { formationOf };

export function registerFormationHandlers(ctx: ParcoursContext): void {
  const { state } = ctx;

  setHandler(etablirRemuneration, (args) => ctx.exclusive('etablirRemuneration', async () => {
    const f = formationOf(state);
    const decision = await acts.decideBareme({ caseId: state.caseId, entryDate: f.entryDate, profile: args.profile });
    f.remuneration = { decision, rythme: args.rythme, eligibleASS: args.profile.eligibleASS === true };
    f.indemniseARE = args.indemniseARE;
    // The referent's alert of a missing pay file (apres-entree.ts) is met: cleared with this entry, which the read model sees.
    state.deadlines = state.deadlines.filter((d) => d.kind !== 'remuneration');
    await ctx.record('remuneration_etablie', args.actor, { detail: { category: decision.category, rythme: args.rythme, indemniseARE: args.indemniseARE } });
    return state;
  }), { validator: (_args) => void (ctx.assertAllowed('etablirRemuneration'), formationOf(state)) });

  setHandler(soumettreEtatPresence, (args) => ctx.exclusive('soumettreEtatPresence', async () => {
    const f = formationOf(state);
    const { actor, ...statement } = args;
    const entry = await recordStatement(ctx, f.statements[args.period] ? 'etat_presence_corrige' : 'etat_presence', actor, statement);
    if (f.paid[args.period]) await lateCorrection(ctx, f, args.period, entry.seq);
    return state;
  }), { validator: (args) => validateStatement(ctx, args) });

  // Issue 9 §3: the same statement, answered with a summary (not the state) once journaled and stored; the
  // payment follows in the loop. A repeated statement changes nothing.
  setHandler(certifierEtatPresence, (args) => ctx.exclusive('soumettreEtatPresence', () => certify(ctx, args)),
    { validator: (args) => validateStatementFields(ctx, args) });

  setHandler(accorderAide, (args) => ctx.exclusive('accorderAide', () => grantAid(ctx, args)), { validator: (args) => validateAid(ctx, args) });

  setHandler(suspendre, (args) => ctx.exclusive('suspendre', async () => {
    const f = formationOf(state);
    if (f.suspendedSince) throw actionNotAllowed('la formation est déjà suspendue');
    f.suspendedSince = new Date().toISOString();
    await ctx.record('suspension', args.actor, { detail: { motif: args.motif } });
    return state;
  }), { validator: (_args) => void ctx.assertAllowed('suspendre') });

  setHandler(reprendre, (args) => ctx.exclusive('reprendre', async () => {
    const f = formationOf(state);
    if (!f.suspendedSince) throw actionNotAllowed('la formation n’est pas suspendue');
    f.suspendedSince = null;
    await ctx.record('reprise', args.actor);
    return state;
  }), { validator: (_args) => void ctx.assertAllowed('reprendre') });

  setHandler(declarerSortie, (args) => ctx.exclusive('declarerSortie', async () => {
    const f = formationOf(state);
    f.sortie = { kind: args.kind, exitDate: args.exitDate, certification: args.certification ?? null };
    f.endDate = args.exitDate;
    f.suspendedSince = null;
    const entry = await ctx.record('sortie', args.actor, { stage: 'suivi', detail: { kind: args.kind, exitDate: args.exitDate } });
    await acts.recordExit({ caseId: state.caseId, kind: args.kind, exitDate: args.exitDate, certification: f.sortie.certification });
    const target = await acts.followUpTarget({ caseId: state.caseId, exitDate: args.exitDate });
    await ctx.handoff(target, 'parcours.sortie', entry.at);
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('declarerSortie');
      const f = formationOf(state);
      if (!EXIT_KINDS.includes(args.kind)) throw invalidArgument('kind: motif de sortie inconnu');
      if (!isIsoDate(args.exitDate) || args.exitDate < f.entryDate) throw invalidArgument('exitDate: date de sortie avant l’entrée');
      if (args.exitDate > dayOf(Date.now())) throw invalidArgument('exitDate: une sortie ne se déclare pas à l’avance');
      if (periodOf(args.exitDate) < f.nextPeriod) throw invalidArgument('exitDate: ce mois est déjà payé ; corrigez d’abord ses états de présence');
    },
  });
}

async function certify(ctx: ParcoursContext, args: SoumettreEtatPresence): Promise<EtatPresenceAccepte> {
  const { state } = ctx;
  const f = formationOf(state);
  const { actor, ...statement } = args;
  const summary = { caseId: state.caseId, period: args.period };
  if (statementUnchanged(f, args)) return { ...summary, outcome: 'inchange', seq: state.history.length };
  const corrected = Boolean(f.statements[args.period]);
  const entry = await recordStatement(ctx, corrected ? 'etat_presence_corrige' : 'etat_presence', actor, statement);
  if (f.paid[args.period]) await lateCorrection(ctx, f, args.period, entry.seq);
  return { ...summary, outcome: corrected ? 'corrige' : 'enregistre', seq: entry.seq };
}

/** The statement's journal entry and its row, in one activity since WRITES_2026_PATCH (the kernel's recordWith). */
async function recordStatement(ctx: ParcoursContext, action: string, actor: string, statement: EtatPresence): Promise<HistoryEntry> {
  const f = formationOf(ctx.state);
  const { entry } = await ctx.recordWith(action, actor,
    { detail: { period: statement.period }, settles: 'etat_presence', change: () => void (f.statements[statement.period] = statement) },
    (e, transition) => acts.recordStatement({ caseId: ctx.state.caseId, statement, actor, at: e.at, version: e.seq, transition }));
  return entry;
}

function validateStatement(ctx: ParcoursContext, args: SoumettreEtatPresence): void {
  validateStatementFields(ctx, args);
  const f = formationOf(ctx.state);
  const paid = f.paid[args.period];
  if (paid && !f.sortie && sameStatement(f.statements[args.period], args)) {
    throw actionNotAllowed(`le mois ${args.period} est déjà payé avec cet état de présence`);
  }
}

/** What a statement must be, whatever the case did with the month already (the API's inbox asks the same). */
function validateStatementFields(ctx: ParcoursContext, args: SoumettreEtatPresence): void {
  const refusal = statementRefusal(ctx.state.stage, ctx.state.formation, args, new Date());
  if (refusal) throw businessFailure(refusal.type, refusal.message);
}
