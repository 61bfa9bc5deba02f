/**
 * Positionnement outcomes and refusal reasons. Neutrality principle of the SPRFP: disability, justice or
 * RSA status must never drive a refusal, so the reason is chosen from this closed list, which has none.
 */
import { z } from 'zod';

export const REFUSAL_REASONS = {
  prerequis_non_atteints: 'Les prérequis de la formation ne sont pas encore atteints',
  projet_non_confirme: 'Le projet professionnel n’est pas encore confirmé',
  absence_au_positionnement: 'Absence au rendez-vous de positionnement',
  inaptitude_psychomotrice: 'Tests d’aptitude psychomotrice (transport routier) non validés',
  formation_complete_sans_alternative: 'Plus de place et pas d’autre session adaptée',
  autre: 'Autre motif (précisé dans le commentaire)',
} as const;
export type RefusalReason = keyof typeof REFUSAL_REASONS;

export const PositionnementResultsSchema = z.object({
  /** Scores of the tests, by test name (e.g. "francais", "calcul", "psychomoteur"), 0–100. */
  scores: z.record(z.string().min(1).max(40), z.number().int().min(0).max(100)).default({}),
  avis: z.enum(['favorable', 'reserve', 'defavorable']),
  commentaire: z.string().max(2000).optional(),
});
export type PositionnementResults = z.infer<typeof PositionnementResultsSchema>;

export const DecisionSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('admis') }),
  z.object({
    outcome: z.literal('reoriente'),
    /** Another session of the catalogue (the case follows it) … */
    sessionId: z.string().uuid().optional(),
    /** … or another scheme outside it (the case closes, handed over). */
    dispositif: z.string().min(2).max(200).optional(),
    commentaire: z.string().max(2000).optional(),
  }).refine((d) => Boolean(d.sessionId) !== Boolean(d.dispositif), {
    message: 'une réorientation vise soit une autre session (sessionId), soit un autre dispositif',
    path: ['sessionId'],
  }),
  z.object({
    outcome: z.literal('refuse'),
    reason: z.enum(Object.keys(REFUSAL_REASONS) as [RefusalReason, ...RefusalReason[]]),
    commentaire: z.string().max(2000).optional(),
  }),
]);
export type Decision = z.infer<typeof DecisionSchema>;
