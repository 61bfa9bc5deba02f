/**
 * What a bursary case page shows, by role: the caseworker everything (the computation, the application's
 * income and points elements: an audited read, the schedule month by month, overpayments, remissions, the
 * previous years); the CROUS the decision and the schedule; the institute its student's months and events,
 * no amount; ops the codes only.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { writeAudit } from '../../activities/case/audit';
import { BourseDemande, type BourseDossier } from '../../db/entities';
import { formationLabel } from '../../domain/bourse/formations';
import { MOTIFS_REFUS, type MotifRefus } from '../../domain/bourse/process';
import { statutDuMois } from '../../workflows/bourse/etat';
import type { BourseState } from '../../workflows/bourse/messages';
import { actorOf, type Principal } from '../auth';

const base = (s: BourseDossier, state: BourseState) => ({
  dse: s.dse, annee: s.annee, institut: { id: s.institut.id, name: s.institut.name },
  formation: { code: s.formation, label: formationLabel(s.formation) }, moisFormation: state.moisFormation, etatVersements: state.etat,
});

const echeancier = (state: BourseState, amounts: boolean) => state.versements.map((v) => ({
  rang: v.rang, mois: v.mois, echeance: v.echeance, statut: statutDuMois(state, v.mois),
  ...(amounts ? { montantCents: v.montantCents, motifRefus: state.refusCumul[v.mois] } : {}),
}));

async function caseworkerView(em: EntityManager, principal: Principal, s: BourseDossier, state: BourseState) {
  const demande = await em.findOne(BourseDemande, { dossier: s.dossier.id });
  await writeAudit(em, { operation: 'lecture_donnees_sensibles', actor: actorOf(principal), dossierId: s.dossier.id, detail: { donnees: 'ressources_bourse' } });
  const annees = await em.execute(`select b.dossier_id as "caseId", b.annee, b.decision from bourse_dossier b join dossier d on d.id = b.dossier_id
    where d.person_id = (select person_id from dossier where id = ?) and b.dossier_id <> ? order by b.annee`, [s.dossier.id, s.dossier.id]);
  const remises = await em.execute(`select overpayment_reference as reference, amount_cents::int as "montantCents" from bourse_remise where dossier_id = ?`, [s.dossier.id]);
  return {
    ...base(s, state),
    calcul: s.calcul ? { echelon: s.echelon, points: s.points, plafondEuros: s.plafondEuros, annuelCents: s.annuelCents, mensualiteCents: s.mensualiteCents,
      verified: s.calcul.verified, sources: s.calcul.sources, lignes: [...(s.calcul.pointsLignesFr as string[] ?? []), ...(s.calcul.lignesFr as string[])] } : null,
    calculErreur: s.calculErreur,
    demande: demande && { revenuBrutGlobalEuros: demande.revenuBrutGlobalEuros, elementsDeCharge: { distanceKm: demande.distanceKm,
      enfantsACharge: demande.enfantsACharge, enfantsEnseignementSuperieur: demande.enfantsEnseignementSuperieur,
      handicapReconnuCdaph: demande.handicapReconnuCdaph, prochesAides: demande.prochesAides } },
    pieces: state.pieces,
    decision: state.decision && { ...state.decision, motifLabel: state.decision.motif ? MOTIFS_REFUS[state.decision.motif as MotifRefus] : null },
    cumulConflit: state.cumulConflit,
    evenement: state.evenement,
    echeancier: echeancier(state, true),
    indus: Object.entries(state.indus).map(([mois, v]) => ({ mois, ...v })),
    remises,
    autresAnnees: annees,
  };
}

export async function bourseView(em: EntityManager, principal: Principal, s: BourseDossier, state: BourseState) {
  switch (principal.role) {
    case 'caseworker':
      return { bourse: await caseworkerView(em, principal, s, state) };
    case 'crous':
      return { bourse: { ...base(s, state), decision: state.decision, echelon: s.echelon, annuelCents: s.annuelCents, echeancier: echeancier(state, true) } };
    case 'institut':
      return { bourse: { ...base(s, state), evenement: state.evenement, echeancier: echeancier(state, false) } };
    case 'ops':
      return { bourse: { annee: s.annee, institutId: s.institut.id, etatVersements: state.etat } };
    default:
      return {};
  }
}
