/**
 * The funding decision, validated at several levels (domain/sur-mesure/visa.ts): the caseworker proposes
 * (only an eligible order, at most the quote), the head of service validates or refuses, the commission's
 * vote is recorded above the threshold, finance records the commitment; each level may send back with a
 * reason. Every step is a journal entry naming its actor and day. The commitment opens the recruitment.
 */
import { setHandler, uuid4 } from '@temporalio/workflow';
import { actionNotAllowed, businessFailure, invalidArgument } from '../../../domain/case/failures';
import { formatEuros } from '../../../domain/remuneration/money';
import type { SurMesureAction } from '../../../domain/sur-mesure/process';
import { applyVisa, type VisaAction, type VisaErrorCode, type VisaLevel, type VisaRole, type VisaState } from '../../../domain/sur-mesure/visa';
import type { HistoryEntry } from '../../../domain/case/journal';
import { smActs } from '../activities';
import type { SurMesureContext } from '../context';
import { viser, type Viser } from '../messages';

export const VISA_LEVEL_LABELS: Readonly<Record<VisaLevel, string>> = {
  proposition: 'proposition du chargé de mission',
  validation_service: 'validation du chef de service',
  validation_commission: 'vote de la commission',
  engage: 'engagement',
};

const INVALID: readonly VisaErrorCode[] = ['montant_invalide', 'motif_requis', 'commission_incomplete', 'reference_requise'];

/** The head of service records the commission's vote for its secretariat (and may send the file back from there). */
const roleAt = (args: Viser, awaiting: VisaLevel | null): VisaRole =>
  (args.role === 'chef_service' && awaiting === 'validation_commission' ? 'secretariat_commission' : args.role);

const toAction = (args: Viser, awaiting: VisaLevel | null, date: string): VisaAction =>
  ({ ...args.action, by: { id: args.actor, role: roleAt(args, awaiting) }, date } as VisaAction);

/** The visa state after the step, or the failure that answers the request (409, or 400 for a bad content). */
function nextVisa(ctx: SurMesureContext, args: Viser): VisaState {
  const { state } = ctx;
  if (!state.visa) throw actionNotAllowed('la co-construction doit précéder la décision de financement');
  if (args.action.kind === 'proposer') {
    if (!state.eligibilite?.eligible) {
      throw actionNotAllowed(`la commande n'est pas éligible : ${(state.eligibilite?.failed ?? []).map((f) => f.message).join(' ')}`);
    }
    if (args.action.amountCents > (state.conception?.devisCents ?? 0)) throw invalidArgument('montantCents : au plus le montant du devis de l’organisme');
  }
  const result = applyVisa(state.visa, toAction(args, state.visa.awaiting, ctx.today()));
  if (!result.ok) throw businessFailure(INVALID.includes(result.error.code) ? 'InvalidArgument' : 'ActionNotAllowed', result.error.message);
  return result.value;
}

function detailOf(args: Viser, level: VisaLevel, next: VisaState): HistoryEntry['detail'] {
  const a = args.action;
  return {
    niveau: level,
    ...(a.kind === 'proposer' ? { montantCents: a.amountCents } : {}),
    ...(a.kind === 'voter' ? { vote: a.vote, commissionDate: a.commission.date, commissionReference: a.commission.reference } : {}),
    ...(a.kind === 'renvoyer' || a.kind === 'rejeter' ? { motif: a.reason } : {}),
    ...(a.kind === 'renvoyer' ? { renvoyeA: next.steps[next.steps.length - 1].addressedTo ?? null } : {}),
    ...(a.kind === 'engager' ? { reference: a.engagementReference } : {}),
  };
}

export function registerVisaHandlers(ctx: SurMesureContext): void {
  const { state } = ctx;
  setHandler(viser, (args) => ctx.exclusive(args.action.kind as SurMesureAction, async () => {
    const next = nextVisa(ctx, args);
    const level = state.visa!.awaiting as VisaLevel;
    if (args.action.kind === 'engager') return engage(ctx, args, args.action.engagementReference, next, level);
    state.visa = next;
    const entry = await ctx.record(`visa_${args.action.kind}`, args.actor, { detail: detailOf(args, level, next) });
    await afterStep(ctx, args, entry);
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed(args.action.kind as SurMesureAction);
      nextVisa(ctx, args);
    },
  });
}

async function engage(ctx: SurMesureContext, args: Viser, reference: string, next: VisaState, level: VisaLevel) {
  const { state } = ctx;
  const amountCents = next.amountCents!;
  const at = new Date().toISOString();
  state.session = await smActs.enregistrerEngagement({ caseId: state.caseId, sessionId: uuid4(), reference, amountCents, at, conception: state.conception! });
  state.visa = next;
  state.engagement = { reference, amountCents, at };
  const entry = await ctx.record('visa_engager', args.actor, { stage: 'recrutement', detail: { ...detailOf(args, level, next), montantCents: amountCents } });
  for (const to of ['entreprise', 'organisme'] as const) {
    await ctx.mail('financement_accorde', to, { montant: formatEuros(amountCents) }, ctx.mailKey(`financement_accorde:${to}`, entry.seq));
  }
  return state;
}

/** A send-back tells the referent; a refusal (or an unfavourable vote) closes the order and tells the company. */
async function afterStep(ctx: SurMesureContext, args: Viser, entry: HistoryEntry): Promise<void> {
  const { state } = ctx;
  const a = args.action;
  if (a.kind === 'renvoyer') {
    await ctx.mail('renvoi_visa', 'referent', { niveau: VISA_LEVEL_LABELS[state.visa!.awaiting!], motif: a.reason }, ctx.mailKey('renvoi_visa', entry.seq));
    return;
  }
  if (state.visa!.outcome !== 'rejete') return;
  const motif = a.kind === 'rejeter' ? a.reason : `vote défavorable de la commission (${a.kind === 'voter' ? a.commission.reference : ''})`;
  const closing = await ctx.record('financement_refuse', 'system', { stage: 'clos', closure: { reason: 'financement_refuse', detail: motif } });
  await ctx.mail('financement_refuse', 'entreprise', { motif }, ctx.mailKey('financement_refuse', closing.seq));
}
