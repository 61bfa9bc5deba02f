/** The API's zod schemas of the positionnement (kept out of ./positionnement.ts, which workflows import). */
import { z } from 'zod';
import { AVIS, MAX_COMMENT, REFUSAL_REASONS, type Decision, type PositionnementResults, type RefusalReason } from './positionnement';

export const PositionnementResultsSchema = z.object({
  /** Scores of the tests, by test name (e.g. "francais", "calcul", "psychomoteur"), 0–100. */
  scores: z.record(z.string().min(1).max(40), z.number().int().min(0).max(100)).default({}),
  avis: z.enum(AVIS),
  commentaire: z.string().max(MAX_COMMENT).optional(),
}) satisfies z.ZodType<PositionnementResults, unknown>;

export const DecisionSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('admis') }),
  z.object({
    outcome: z.literal('reoriente'),
    /** Another session of the catalogue (the case follows it) … */
    sessionId: z.string().uuid().optional(),
    /** … or another scheme outside it (the case closes, handed over). */
    dispositif: z.string().min(2).max(200).optional(),
    commentaire: z.string().max(MAX_COMMENT).optional(),
  }).refine((d) => Boolean(d.sessionId) !== Boolean(d.dispositif), {
    message: 'une réorientation vise soit une autre session (sessionId), soit un autre dispositif',
    path: ['sessionId'],
  }),
  z.object({
    outcome: z.literal('refuse'),
    reason: z.enum(Object.keys(REFUSAL_REASONS) as [RefusalReason, ...RefusalReason[]]),
    commentaire: z.string().max(MAX_COMMENT).optional(),
  }),
]) satisfies z.ZodType<Decision, unknown>;
