/**
 * The bursary of one student for one academic year (bourse des formations sanitaires et sociales), one
 * workflow per case, id `bourse-<case id>`. People act through updates (instruction.ts, evenements.ts); this
 * function computes the échelon, waits for the decision, then pays the instalments month by month until the
 * case closes. A year has at most 10 instalments and a few events: a few hundred history events, so one run
 * suffices (no continue-as-new).
 */
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { createBourseContext } from './context';
import { registerEvenementHandlers } from './evenements';
import { calculer, instruire, registerInstructionHandlers } from './instruction';
import { initialState } from './journal';
import { bourseEtatQuery, DEFAULT_BOURSE_DELAYS, type BourseInput, type BourseState } from './messages';
import { verser } from './versements';

export async function bourse(input: BourseInput): Promise<BourseState> {
  const delays = { ...DEFAULT_BOURSE_DELAYS, ...input.delays };
  const state = input.resume ?? initialState(input);
  const ctx = createBourseContext(state, delays);
  setHandler(bourseEtatQuery, () => state);
  registerInstructionHandlers(ctx);
  registerEvenementHandlers(ctx);

  if (input.resume) {
    ctx.publishSearchAttributes();
  } else {
    await ctx.record('creation', input.createdBy, { detail: { annee: input.annee, source: input.source } });
    await ctx.locked(async () => {
      await calculer(ctx);
      const projected = ctx.project(); // the échelon on the case page: no journal entry follows the computation
      if (projected) await projected;
    });
  }
  await instruire(ctx);
  await verser(ctx);
  await condition(allHandlersFinished);
  return state;
}
