/** Where each month of a bursary's schedule stands, read from the workflow's state (pure). */
import type { Versement } from '../../domain/bourse/calendrier';
import type { BourseState } from './messages';

export type StatutMois = 'verse' | 'indu' | 'retenu' | 'annule' | 'refuse_cumul' | 'a_venir';

export function statutDuMois(state: BourseState, mois: string): StatutMois {
  if (state.indus[mois]) return 'indu';
  if (state.verses[mois]) return 'verse';
  if (state.refusCumul[mois]) return 'refuse_cumul';
  if (state.annules.includes(mois)) return 'annule';
  if (state.etat === 'suspendue' && state.evenement && mois >= state.evenement.date.slice(0, 7)) return 'retenu';
  return 'a_venir';
}

/** Paid and still due: what the suspension rules call "already paid". */
export const moisVerses = (state: BourseState): string[] => Object.keys(state.verses).filter((m) => !state.indus[m]).sort();

/** The instalments the rules still decide on: neither refused for double funding nor cancelled, nor claimed back. */
export const versementsOuverts = (state: BourseState): Versement[] =>
  state.versements.filter((v) => !state.refusCumul[v.mois] && !state.annules.includes(v.mois) && !state.indus[v.mois]);

/** The next instalment to pay, in month order (held ones included: the loop waits while they are held). */
export const prochainVersement = (state: BourseState): Versement | undefined =>
  state.versements.find((v) => statutDuMois(state, v.mois) === 'a_venir' || statutDuMois(state, v.mois) === 'retenu');

/** The instant an instalment is due: the start (00:00 UTC) of its month's first day. */
export const echeanceMs = (v: Pick<Versement, 'echeance'>): number => Date.parse(`${v.echeance}T00:00:00.000Z`);

export const today = (): string => new Date().toISOString().slice(0, 10);

export const montants = (versements: readonly Versement[]) => versements.map((v) => ({ mois: v.mois, montantCents: v.montantCents }));
