/**
 * Suivi emploi: 3 and 6 months after the exit, the follow-up partner is asked the person's situation
 * (a handoff event) and the answer comes back as a partner's or caseworker's entry. The case closes once
 * the 6-month situation is known, or a month after it was due ("non renseigné").
 */
import { setHandler } from '@temporalio/workflow';
import { invalidArgument } from '../../../domain/case/failures';
import { addMonths, dayOf, formatDateFr } from '../../../domain/dates';
import { FOLLOW_UP_OUTCOMES, type FollowUpStep } from '../../../domain/parcours/sortie';
import { acts } from '../../case/activities';
import { waitUntil } from '../../case/deadlines';
import type { ParcoursContext } from '../context';
import { enregistrerSuivi, type FormationState } from '../messages';
import { formationOf } from './formation-state';

export function registerSuiviHandlers(ctx: ParcoursContext): void {
  const { state } = ctx;
  setHandler(enregistrerSuivi, (args) => ctx.exclusive('enregistrerSuivi', async () => {
    const previous = formationOf(state).suivi[args.step];
    formationOf(state).suivi[args.step] = args.outcome;
    await acts.recordFollowUp({ caseId: state.caseId, step: args.step, outcome: args.outcome });
    // A correction is a new entry, with its author and what it replaces: the first answer stays in the journal.
    await ctx.record(previous ? `suivi_${args.step}_corrige` : `suivi_${args.step}`, args.actor,
      { detail: { outcome: args.outcome, ...(previous ? { previous } : {}) } });
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('enregistrerSuivi');
      if (!FOLLOW_UP_OUTCOMES.includes(args.outcome)) throw invalidArgument('outcome: situation inconnue');
      if (args.step !== '3m' && args.step !== '6m') throw invalidArgument('step: 3m ou 6m');
      const months = FOLLOW_UP_MONTHS[args.step as FollowUpStep];
      const due = addMonths(formationOf(state).sortie!.exitDate, months);
      if (dayOf(Date.now()) < due) throw invalidArgument(`step: la situation à ${months} mois se renseigne à partir du ${formatDateFr(due)}`);
    },
  });
}

/** The situation after the exit is asked, and may be recorded, from these months on. */
const FOLLOW_UP_MONTHS: Readonly<Record<FollowUpStep, number>> = { '3m': 3, '6m': 6 };

const at = (date: string): number => Date.parse(`${date}T08:00:00.000Z`);

/** Waits for each follow-up date, asks the partner, and closes the case after the 6-month one. */
export async function followUp(ctx: ParcoursContext, interrupted: () => boolean): Promise<void> {
  const f = formationOf(ctx.state);
  for (const [step, months] of Object.entries(FOLLOW_UP_MONTHS) as [FollowUpStep, number][]) {
    const due = addMonths(f.sortie!.exitDate, months);
    if (!(await waitUntil(at(due), () => Boolean(f.suivi[step]) || interrupted()))) {
      if (interrupted()) return;
      await askPartner(ctx, f, step);
    }
  }
  const closeAt = at(addMonths(f.sortie!.exitDate, 7));
  await waitUntil(closeAt, () => Boolean(f.suivi['6m']) || interrupted());
  if (interrupted()) return;
  for (const step of ['3m', '6m'] as const) {
    if (!f.suivi[step]) {
      f.suivi[step] = 'non_renseigne';
      await acts.recordFollowUp({ caseId: ctx.state.caseId, step, outcome: 'non_renseigne' });
    }
  }
  await ctx.record('cloture', 'system', { stage: 'clos', closure: { reason: 'parcours_termine', detail: f.sortie!.kind } });
}

async function askPartner(ctx: ParcoursContext, f: FormationState, step: FollowUpStep): Promise<void> {
  const target = await acts.followUpTarget({ caseId: ctx.state.caseId, exitDate: f.sortie!.exitDate });
  const entry = await ctx.record(`suivi_${step}_demande`, 'system');
  await ctx.handoff(target, 'suivi.demande_situation', entry.at);
}
