/**
 * Aids (equipment, mobility) granted by a caseworker. Since MONEY_2026_PATCH each grant is its own payment,
 * with a quantity (nights, meals, months), and the journal says "granted" only once the ledger has accepted
 * it: a refusal of the rules (a second "once per course" aid, a bad quantity) fails the update and leaves
 * nothing recorded. The validator refuses what the workflow already knows, before anything runs.
 */
import { patched, uuid4 } from '@temporalio/workflow';
import { actionNotAllowed, invalidArgument } from '../../../domain/case/failures';
import { dayOf } from '../../../domain/dates';
import { oncePerCourseRefusal } from '../../../domain/remuneration/aides';
import { payActs } from '../../case/activities';
import type { ParcoursContext } from '../context';
import { MAX_AID_QUANTITY, type AccorderAide, type FormationState, type ParcoursState } from '../messages';
import { MONEY_2026_PATCH } from '../versions';
import { formationOf } from './formation-state';

export function validateAid(ctx: ParcoursContext, args: AccorderAide): void {
  ctx.assertAllowed('accorderAide');
  const f = formationOf(ctx.state);
  const quantity = args.quantity ?? 1;
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_AID_QUANTITY) {
    throw invalidArgument(`quantity : un nombre entier de 1 à ${MAX_AID_QUANTITY} est attendu (nuits, repas ou mois)`);
  }
  if (f.aidGrants?.some((g) => g.kind === args.kind && g.unit === 'par_parcours')) throw actionNotAllowed(oncePerCourseRefusal(args.kind));
}

export async function grantAid(ctx: ParcoursContext, args: AccorderAide): Promise<ParcoursState> {
  const f = formationOf(ctx.state);
  const today = dayOf(Date.now());
  if (!patched(MONEY_2026_PATCH)) return legacyGrant(ctx, f, args, today);
  const grant = await payActs.payAidGrant({ caseId: ctx.state.caseId, kind: args.kind, quantity: args.quantity ?? 1, date: today, decisionKey: `aide:${uuid4()}` });
  const { reference, amountCents, kind, unit, quantity, grantSeq } = grant;
  f.aids.push(reference);
  (f.aidGrants ??= []).push({ kind, unit, quantity, grantSeq, reference, amountCents });
  await ctx.record('aide_accordee', args.actor, { detail: { kind, quantity, amountCents, grantSeq, reference } });
  return ctx.state;
}

/** Before MONEY_2026_PATCH: one unit, one reference per (case, month, kind). */
async function legacyGrant(ctx: ParcoursContext, f: FormationState, args: AccorderAide, today: string): Promise<ParcoursState> {
  const paid = await payActs.payAid({ caseId: ctx.state.caseId, kind: args.kind, date: today });
  f.aids.push(paid.reference);
  await ctx.record('aide_accordee', args.actor, { detail: { kind: args.kind, amountCents: paid.amountCents } });
  return ctx.state;
}
