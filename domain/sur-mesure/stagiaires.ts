/**
 * An order's trainees as the order sees them: where each stands (from its linked trainee journey), which
 * posts still have a place, who may be selected, and what an exit means for the hiring check. Pure.
 */
import type { SortieStagiaire } from './embauche';

/** What the order knows of a linked trainee journey: its stage and, once out, how it ended. */
export type StatutStagiaire = 'admis' | 'en_formation' | 'sorti' | 'desiste';

/** Exit kinds of the trainee journey (domain/parcours/sortie.ts) and a withdrawal before the first day. */
export type FinParcours = 'terminee' | 'emploi' | 'abandon' | 'exclusion' | 'desistement';

export interface StagiaireCommande {
  poste: number;
  statut: StatutStagiaire;
  fin: FinParcours | null;
}

/** A drop-out (or a withdrawal) frees the place: it may be replaced while the replacement deadline runs. */
export const isDropOut = (fin: FinParcours | null): boolean => fin === 'abandon' || fin === 'exclusion' || fin === 'desistement';

/** Whether the trainee still holds a place of its post. */
export const holdsPlace = (s: StagiaireCommande): boolean => !isDropOut(s.fin);

/** Places left per post (index = post rank). */
export function placesLibres(postes: readonly { count: number }[], stagiaires: readonly StagiaireCommande[]): number[] {
  return postes.map((p, i) => p.count - stagiaires.filter((s) => s.poste === i && holdsPlace(s)).length);
}

/** A trainee journey has ended its training: exited (any way) or withdrawn before the first day. */
export const hasLeft = (s: StagiaireCommande): boolean => s.statut === 'sorti' || s.statut === 'desiste';

/** The training of the order is over once every trainee has left it (and there is at least one). */
export const allLeft = (stagiaires: readonly StagiaireCommande[]): boolean => stagiaires.length > 0 && stagiaires.every(hasLeft);

/** How the hiring check reads a trainee's end: leaving early for a job is a completed training for the company. */
export function sortieStagiaire(fin: FinParcours): SortieStagiaire {
  switch (fin) {
    case 'terminee':
    case 'emploi':
      return 'formation_terminee';
    case 'exclusion':
      return 'exclusion';
    case 'abandon':
    case 'desistement':
      return 'abandon';
  }
}

/** The provider's positionnement of a candidate, and the psychomotor test when the programme requires one. */
export interface Positionnement {
  avis: 'favorable' | 'reserve' | 'defavorable';
  psychotechnique: 'apte' | 'inapte' | null;
}

/** Why a candidate cannot be retained yet, in plain French; null when the provider's positionnement allows it. */
export function selectionProblem(p: Positionnement | null, psychotechniqueRequise: boolean): string | null {
  if (!p) return 'le positionnement du candidat par l’organisme doit être enregistré avant le choix de l’entreprise';
  if (p.avis !== 'favorable') return 'l’avis de l’organisme sur ce candidat n’est pas favorable';
  if (psychotechniqueRequise && p.psychotechnique !== 'apte') return 'les tests psychotechniques exigés par le programme ne sont pas validés';
  return null;
}
