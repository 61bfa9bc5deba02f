/**
 * Service fait: once the training is over, the provider declares the hours delivered to each trainee who
 * entered; the amount owed (domain/sur-mesure providerPayment, rule in force on the order's date, on the
 * committed amount) is issued in the ledger (kind PRESTATION) and goes out with the next payment file.
 * Without it, the provider is reminded, then the referent alerted, and the order waits.
 */
import { setHandler } from '@temporalio/workflow';
import { actionNotAllowed, invalidArgument } from '../../../domain/case/failures';
import { DAY_MS, periodOf } from '../../../domain/dates';
import { formatEuros } from '../../../domain/remuneration/money';
import { smPayActs } from '../activities';
import type { SurMesureContext } from '../context';
import { watchDeadline } from '../deadlines';
import { totalPostes } from '../journal';
import { declarerServiceFait, type DeclarerServiceFait } from '../messages';

const enteredTrainees = (ctx: SurMesureContext): string[] =>
  Object.entries(ctx.state.stagiaires).filter(([, t]) => t.entryDate !== null).map(([id]) => id).sort();

function validate(ctx: SurMesureContext, args: DeclarerServiceFait): void {
  ctx.assertAllowed('declarerServiceFait');
  if (ctx.state.serviceFait) throw actionNotAllowed('le service fait de cette commande est déjà déclaré');
  const declared = args.stagiaires.map((s) => s.stagiaireId).sort();
  if (declared.join() !== enteredTrainees(ctx).join()) throw invalidArgument('stagiaires : une ligne par stagiaire entré en formation, ni plus ni moins');
  if (args.stagiaires.some((s) => !Number.isSafeInteger(s.deliveredMinutes) || s.deliveredMinutes < 0)) {
    throw invalidArgument('deliveredMinutes : nombre entier de minutes positif attendu');
  }
}

export function registerServiceFaitHandler(ctx: SurMesureContext): void {
  const { state } = ctx;
  setHandler(declarerServiceFait, (args) => ctx.exclusive('declarerServiceFait', async () => {
    validate(ctx, args);
    const c = state.conception!;
    const paid = await smPayActs.payerPrestation({
      caseId: state.caseId, period: periodOf(ctx.today()), engagedCents: state.engagement!.amountCents, seats: totalPostes(state),
      plannedMinutesPerTrainee: (c.heuresCentre + c.heuresEntreprise) * 60,
      trainees: args.stagiaires.map((s) => ({ id: s.stagiaireId, deliveredMinutes: s.deliveredMinutes })), rule: ctx.params().provider_payment_rule,
    });
    state.serviceFait = { reference: paid.reference, totalCents: paid.totalCents, at: new Date().toISOString() };
    const entry = await ctx.record('service_fait', args.actor, { detail: { reference: paid.reference, montantCents: paid.totalCents, plafonne: paid.cappedAtQuote } });
    await ctx.mail('prestation_payee', 'organisme', {
      montant: formatEuros(paid.totalCents), lignes: paid.lines.map((l) => ({ stagiaireId: l.id, montant: formatEuros(l.cents) })),
    }, ctx.mailKey('prestation_payee', entry.seq));
    return state;
  }), { validator: (args) => validate(ctx, args) });
}

/** Waits for the service fait from the end of the training (`since`), reminding then alerting. */
export async function awaitServiceFait(ctx: SurMesureContext, since: string): Promise<void> {
  const done = (): boolean => ctx.state.serviceFait !== null;
  const sinceMs = Date.parse(`${since}T08:00:00.000Z`);
  await watchDeadline(ctx, 'service_fait', done, [
    { dueAtMs: sinceMs + ctx.delays.serviceFaitReminderDays * DAY_MS,
      notify: () => ctx.mail('rappel_service_fait', 'organisme', { since }, ctx.mailKey('rappel_service_fait')) },
    { dueAtMs: sinceMs + ctx.delays.serviceFaitAlertDays * DAY_MS,
      notify: () => ctx.mail('alerte_delai', 'referent', { what: 'déclaration du service fait par l’organisme', since }, ctx.mailKey('alerte_service_fait')) },
  ], true);
}
