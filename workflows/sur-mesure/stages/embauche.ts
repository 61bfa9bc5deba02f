/**
 * The hiring check, per trainee, once the training is over: the company declares the contract (reminders
 * before the due date; at the due date without a declaration the referent is alerted and the outcome is
 * recorded as not hired by the company), the outcome is classified (domain/sur-mesure/embauche.ts) and a
 * breach recorded; a drop-out's outcome is recorded at once. Six months after a hiring the company is
 * asked whether the contract still runs (reminder, then alert; no answer: "inconnu", no breach).
 */
import { setHandler } from '@temporalio/workflow';
import { actionNotAllowed, invalidArgument } from '../../../domain/case/failures';
import { addDaysToDate, DAY_MS, isIsoDate } from '../../../domain/dates';
import { CONTRACT_KINDS } from '../../../domain/sur-mesure/contrat';
import {
  classifyHiring, classifySixMonthCheck, hiringDeclarationSchedule, sixMonthCheckDate, type DeclarationEmbauche, type HiringCheck,
} from '../../../domain/sur-mesure/embauche';
import { isDropOut, sortieStagiaire } from '../../../domain/sur-mesure/stagiaires';
import { smActs } from '../activities';
import type { SurMesureContext } from '../context';
import { morningOf, watchDeadline } from '../deadlines';
import { declarerEmbauche, declarerSuivi6Mois, type DeclarerEmbauche, type StagiaireState } from '../messages';

export function stagiaireOf(ctx: SurMesureContext, stagiaireId: string): StagiaireState {
  const t = ctx.state.stagiaires[stagiaireId];
  if (!t) throw invalidArgument(`stagiaire ${stagiaireId} inconnu pour cette commande`);
  return t;
}

function classify(ctx: SurMesureContext, t: StagiaireState, declaration: DeclarationEmbauche): HiringCheck {
  const poste = ctx.state.commande.postes[t.poste];
  return classifyHiring({ committed: { ...poste.contrat, tuteur: null }, sortie: sortieStagiaire(t.fin ?? 'terminee'), declaration }, ctx.params());
}

/** The activity first (a failure changes nothing), then the state and the journal entry. */
async function recordHiring(ctx: SurMesureContext, id: string, check: HiringCheck, actor: string, declaration: DeclarationEmbauche): Promise<void> {
  const { state } = ctx;
  const at = new Date().toISOString();
  const hiringStart = declaration.embauche ? declaration.contrat.startDate : null;
  await smActs.enregistrerEmbauche({ commandeId: state.caseId, stagiaireId: id,
    outcome: check.outcome, contrat: declaration.embauche ? { ...declaration.contrat } : null, raisons: check.reasons, at,
    manquement: check.manquement ? check.outcome : null });
  stagiaireOf(ctx, id).embauche = { outcome: check.outcome, manquement: check.manquement, reasons: check.reasons, hiringStart, declaredBy: actor, at };
  const entry = await ctx.record('embauche_controlee', actor, { detail: { stagiaire: id, outcome: check.outcome, manquement: check.manquement } });
  if (check.manquement && actor !== 'system') {
    await ctx.mail('manquement_enregistre', 'entreprise', { stagiaireId: id, raisons: check.reasons.join(' ; ') }, ctx.mailKey(`manquement:${id}`, entry.seq));
  }
}

function validateDeclaration(ctx: SurMesureContext, args: DeclarerEmbauche): void {
  ctx.assertAllowed('declarerEmbauche');
  const t = stagiaireOf(ctx, args.stagiaireId);
  if (t.embauche) throw actionNotAllowed('le contrôle de l’embauche de ce stagiaire est déjà enregistré');
  if (isDropOut(t.fin)) throw actionNotAllowed('ce stagiaire n’a pas terminé la formation : son résultat est déjà connu');
  const d = args.declaration;
  if (!d.embauche) return;
  if (!CONTRACT_KINDS.includes(d.contrat.kind)) throw invalidArgument('contrat.kind : type de contrat inconnu');
  if (!isIsoDate(d.contrat.startDate)) throw invalidArgument('contrat.startDate : date AAAA-MM-JJ attendue');
  if (d.contrat.durationMonths !== null && !(Number.isInteger(d.contrat.durationMonths) && d.contrat.durationMonths > 0)) {
    throw invalidArgument('contrat.durationMonths : nombre de mois entier attendu');
  }
  if (!(d.contrat.weeklyHours > 0 && d.contrat.weeklyHours <= 48)) throw invalidArgument('contrat.weeklyHours : entre 0 et 48 heures');
}

export function registerEmbaucheHandlers(ctx: SurMesureContext): void {
  setHandler(declarerEmbauche, (args) => ctx.exclusive('declarerEmbauche', async () => {
    validateDeclaration(ctx, args);
    const t = stagiaireOf(ctx, args.stagiaireId);
    await recordHiring(ctx, args.stagiaireId, classify(ctx, t, args.declaration), args.actor, args.declaration);
    return ctx.state;
  }), { validator: (args) => validateDeclaration(ctx, args) });

  setHandler(declarerSuivi6Mois, (args) => ctx.exclusive('declarerSuivi6Mois', async () => {
    const t = stagiaireOf(ctx, args.stagiaireId);
    const check = classifySixMonthCheck({ hiringStart: t.embauche!.hiringStart!, stillEmployed: args.stillEmployed, rupture: args.rupture }, ctx.params());
    await recordSixMonths(ctx, args.stagiaireId, check.stillEmployed, check.reason, check.manquement, args.actor);
    return ctx.state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('declarerSuivi6Mois');
      const check = stagiaireOf(ctx, args.stagiaireId).suivi6m;
      if (!check) throw actionNotAllowed('ce stagiaire n’a pas de contrôle à 6 mois (pas d’embauche déclarée)');
      if (check.stillEmployed) throw actionNotAllowed('la situation à 6 mois est déjà enregistrée');
      if (ctx.today() < check.dueDate) throw actionNotAllowed(`la situation à 6 mois se déclare à partir du ${check.dueDate}`);
      if (args.rupture && (!isIsoDate(args.rupture.date) || args.rupture.date > ctx.today())) throw invalidArgument('rupture.date : date passée attendue');
    },
  });
}

async function recordSixMonths(ctx: SurMesureContext, id: string, stillEmployed: 'oui' | 'non' | 'inconnu', reason: string, manquement: boolean,
  actor: string): Promise<void> {
  const check = stagiaireOf(ctx, id).suivi6m!;
  await smActs.enregistrerSuivi6Mois({ commandeId: ctx.state.caseId, stagiaireId: id, dueDate: check.dueDate,
    statut: stillEmployed, raison: reason, at: new Date().toISOString(), manquement });
  Object.assign(check, { stillEmployed, reason, manquement });
  await ctx.record('suivi_6_mois', actor, { detail: { stagiaire: id, stillEmployed, manquement } });
}

/** One trainee, from the end of the training to its last check. */
export async function traineeAfterTraining(ctx: SurMesureContext, id: string): Promise<void> {
  const t = stagiaireOf(ctx, id);
  if (!t.embauche) {
    if (isDropOut(t.fin)) {
      const declaration: DeclarationEmbauche = { embauche: false, refusParLeStagiaire: false };
      await ctx.locked(() => recordHiring(ctx, id, classify(ctx, t, declaration), 'system', declaration));
    } else {
      await awaitDeclaration(ctx, id, t);
    }
  }
  if (t.embauche?.hiringStart) await sixMonthCheck(ctx, id, t);
}

async function awaitDeclaration(ctx: SurMesureContext, id: string, t: StagiaireState): Promise<void> {
  const { dueDate, reminders } = hiringDeclarationSchedule(t.exitDate!, ctx.params());
  const declared = (): boolean => t.embauche !== null;
  const steps = [
    ...reminders.map((day) => ({ dueAtMs: morningOf(day),
      notify: () => ctx.mail('rappel_embauche', 'entreprise', { stagiaireId: id, dueDate }, ctx.mailKey(`rappel_embauche:${id}:${day}`)) })),
    // The due date is the last day to declare: the next morning the referent is alerted and the outcome recorded.
    { dueAtMs: morningOf(addDaysToDate(dueDate, 1)), notify: () => ctx.mail('alerte_delai', 'referent',
      { what: `déclaration de l'embauche du stagiaire ${id} par l'entreprise (due le ${dueDate})`, since: t.exitDate! }, ctx.mailKey(`alerte_embauche:${id}`)) },
  ];
  if (await watchDeadline(ctx, `embauche:${id}`, declared, steps)) return;
  await ctx.locked(async () => {
    if (declared()) return;
    const declaration: DeclarationEmbauche = { embauche: false, refusParLeStagiaire: false };
    const check = classify(ctx, t, declaration);
    await recordHiring(ctx, id, { ...check, reasons: [`l'entreprise n'a pas déclaré l'embauche avant le ${dueDate}`] }, 'system', declaration);
    await ctx.mail('embauche_non_declaree', 'entreprise', { stagiaireId: id }, ctx.mailKey(`embauche_non_declaree:${id}`));
  });
}

async function sixMonthCheck(ctx: SurMesureContext, id: string, t: StagiaireState): Promise<void> {
  const dueDate = sixMonthCheckDate(t.embauche!.hiringStart!, ctx.params());
  t.suivi6m ??= { dueDate, stillEmployed: null, manquement: false, reason: null };
  const answered = (): boolean => t.suivi6m!.stillEmployed !== null;
  const dueMs = morningOf(dueDate);
  const steps = [
    { dueAtMs: dueMs, notify: () => ctx.mail('suivi_6_mois_demande', 'entreprise', { stagiaireId: id, dueDate }, ctx.mailKey(`suivi6m:${id}`)) },
    { dueAtMs: dueMs + ctx.delays.suiviReminderDays * DAY_MS,
      notify: () => ctx.mail('rappel_suivi_6_mois', 'entreprise', { stagiaireId: id, dueDate }, ctx.mailKey(`rappel_suivi6m:${id}`)) },
    { dueAtMs: dueMs + ctx.delays.suiviAlertDays * DAY_MS, notify: () => ctx.mail('alerte_delai', 'referent',
      { what: `situation à 6 mois du stagiaire ${id} (contrat toujours en cours ?)`, since: dueDate }, ctx.mailKey(`alerte_suivi6m:${id}`)) },
  ];
  if (await watchDeadline(ctx, `suivi_6_mois:${id}`, answered, steps)) return;
  await ctx.locked(async () => {
    if (!answered()) await recordSixMonths(ctx, id, 'inconnu', "l'entreprise n'a pas répondu", false, 'system');
  });
}
