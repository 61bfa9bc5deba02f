/**
 * Positionnement outcomes and refusal reasons. Neutrality principle of the SPRFP: disability, justice or
 * RSA status must never drive a refusal, so the reason is chosen from this closed list, which has none.
 *
 * No validation library here: workflows import this module, and zod in the workflow bundle cost ~0.7 MB per
 * cached workflow (docs/SCALE.md). The API's zod schemas are in ./positionnement-schemas.ts; the plain checks
 * below accept what those schemas accept.
 */

export const REFUSAL_REASONS = {
  prerequis_non_atteints: 'Les prérequis de la formation ne sont pas encore atteints',
  projet_non_confirme: 'Le projet professionnel n’est pas encore confirmé',
  absence_au_positionnement: 'Absence au rendez-vous de positionnement',
  inaptitude_psychomotrice: 'Tests d’aptitude psychomotrice (transport routier) non validés',
  formation_complete_sans_alternative: 'Plus de place et pas d’autre session adaptée',
  autre: 'Autre motif (précisé dans le commentaire)',
} as const;
export type RefusalReason = keyof typeof REFUSAL_REASONS;

export const AVIS = ['favorable', 'reserve', 'defavorable'] as const;
export const MAX_COMMENT = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PositionnementResults {
  /** Scores of the tests, by test name (e.g. "francais", "calcul", "psychomoteur"), 0–100. */
  scores: Record<string, number>;
  avis: (typeof AVIS)[number];
  commentaire?: string;
}

export type Decision =
  | { outcome: 'admis' }
  /** Another session of the catalogue (the case follows it) or another scheme outside it (the case closes). */
  | { outcome: 'reoriente'; sessionId?: string; dispositif?: string; commentaire?: string }
  | { outcome: 'refuse'; reason: RefusalReason; commentaire?: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalText = (v: unknown, min: number, max: number): boolean => v === undefined || (typeof v === 'string' && v.length >= min && v.length <= max);
const isScore = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 100;

export function isPositionnementResults(v: unknown): v is PositionnementResults {
  if (!isRecord(v) || !AVIS.includes(v.avis as never) || !optionalText(v.commentaire, 0, MAX_COMMENT)) return false;
  if (v.scores === undefined) return true;
  return isRecord(v.scores) && Object.entries(v.scores).every(([name, score]) => name.length >= 1 && name.length <= 40 && isScore(score));
}

export function isDecision(v: unknown): v is Decision {
  if (!isRecord(v)) return false;
  switch (v.outcome) {
    case 'admis': return true;
    case 'reoriente':
      return optionalText(v.dispositif, 2, 200) && optionalText(v.commentaire, 0, MAX_COMMENT)
        && (v.sessionId === undefined || (typeof v.sessionId === 'string' && UUID.test(v.sessionId)))
        && Boolean(v.sessionId) !== Boolean(v.dispositif);
    case 'refuse':
      return typeof v.reason === 'string' && v.reason in REFUSAL_REASONS && optionalText(v.commentaire, 0, MAX_COMMENT);
    default: return false;
  }
}
