/**
 * What each role sees of an order on its case page. Caseworkers and the head of service: everything. The
 * company: its need, the decision, the candidates as far as choosing needs (names and the provider's
 * opinion, never contact details, birth dates or sensitive data), its trainees' progress and hiring checks.
 * The provider: its design, the candidates it positions (with contact), the trainees. A partner: the posts
 * and its own candidates. Ops: ids and codes.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Organisation, SurMesureCandidat, SurMesurePoste } from '../../db/entities';
import type { SurMesureState } from '../../workflows/sur-mesure/messages';
import type { Principal } from '../auth';
import type { LoadedCommande } from './access';
import { manquementsAffiches } from '../../activities/sur-mesure/commande';

type View = Record<string, unknown>;

async function postesOf(em: EntityManager, caseId: string, withTutors: boolean) {
  const postes = await em.find(SurMesurePoste, { commande: caseId }, { orderBy: { rang: 'asc' } });
  return postes.map((p) => ({ rang: p.rang, intitule: p.intitule, romeCode: p.romeCode, nombre: p.nombre,
    contrat: { type: p.contratType, dureeMois: p.dureeMois, heuresHebdo: p.heuresHebdo, dateEmbauchePrevue: p.dateEmbauchePrevue },
    ...(withTutors ? { tuteur: p.tuteur } : {}) }));
}

function commandeOf({ commande: c }: LoadedCommande, state: SurMesureState, postes: unknown[], withTutors: boolean): View {
  const afest = c.afest && !withTutors ? { ...c.afest, tuteur: c.afest.tuteur ? 'désigné' : null } : c.afest;
  return {
    entreprise: { id: c.entreprise.id, raisonSociale: c.entreprise.name, siret: c.entreprise.siret, nafCode: c.nafCode, nafSection: c.nafSection },
    site: { adresse: c.siteAdresse, codePostal: c.siteCodePostal, bassin: c.bassin },
    dateBesoin: c.orderDate, postes,
    organisme: c.organisme ? { id: c.organisme.id, nom: c.organisme.name } : null,
    formation: state.conception ? { programme: c.programme, heuresCentre: c.heuresCentre, heuresEntreprise: c.heuresEntreprise, dateDebut: c.dateDebut,
      dateFin: c.dateFin, psychotechnique: c.psychotechnique, afest, sessionId: state.session?.sessionId ?? null } : null,
    financement: state.engagement ? { montantCents: state.engagement.amountCents, reference: state.engagement.reference } : null,
  };
}

async function candidatesOf(em: EntityManager, caseId: string) {
  return em.find(SurMesureCandidat, { commande: caseId }, { populate: ['person', 'partenaire'], orderBy: { proposedAt: 'asc', id: 'asc' } });
}

function traineesOf(state: SurMesureState, names: Map<string, { prenom: string; nom: string }>) {
  return Object.entries(state.stagiaires).map(([id, t]) => ({
    stagiaireId: id, ...(names.get(id) ?? {}), poste: t.poste, statut: t.statut, fin: t.fin, dateEntree: t.entryDate, dateSortie: t.exitDate,
    embauche: t.embauche ? { resultat: t.embauche.outcome, manquement: t.embauche.manquement, raisons: t.embauche.reasons, debutContrat: t.embauche.hiringStart } : null,
    suivi6Mois: t.suivi6m,
  }));
}

const nameOf = (c: SurMesureCandidat) => ({ prenom: c.person.firstName, nom: c.person.lastName });

export async function commandeView(em: EntityManager, principal: Principal, loaded: LoadedCommande, state: SurMesureState): Promise<View> {
  const caseId = loaded.commande.dossier.id;
  if (principal.role === 'ops') {
    return { commande: { nafSection: loaded.commande.nafSection, bassin: loaded.commande.bassin, postes: loaded.commande.postesTotal } };
  }
  const staff = principal.role === 'caseworker' || principal.role === 'chef_service';
  const withTutors = principal.role !== 'partner';
  const commande = commandeOf(loaded, state, await postesOf(em, caseId, withTutors), withTutors);
  const candidates = await candidatesOf(em, caseId);
  const names = new Map(candidates.filter((c) => c.parcoursDossier).map((c) => [c.parcoursDossier!.id, nameOf(c)]));
  const reunion = state.recrutement.reunion;
  if (principal.role === 'partner') {
    return { commande, recrutement: { reunion }, candidats: candidates.filter((c) => c.partenaire.id === principal.org)
      .map((c) => ({ candidatId: c.id, reference: c.reference, ...nameOf(c), choix: c.choix })) };
  }
  const candidats = candidates.map((c) => ({
    candidatId: c.id, ...nameOf(c), positionnement: state.candidats[c.id]?.positionnement ?? null, choix: c.choix, stagiaireId: c.parcoursDossier?.id ?? null,
    ...(staff || principal.role === 'organisme' ? { email: c.person.email, telephone: c.person.phone } : {}),
    ...(staff ? { partenaire: { id: c.partenaire.id, nom: c.partenaire.name }, reference: c.reference } : {}),
  }));
  const common = { commande, candidats, stagiaires: traineesOf(state, names), serviceFait: state.serviceFait };
  if (principal.role === 'organisme') return { ...common, recrutement: { reunion } };
  const manquementsAnterieurs = await manquementsAffiches(em, loaded.commande.entreprise.id, loaded.commande.orderDate);
  const previous = manquementsAnterieurs.filter((m) => m.reference !== caseId);
  if (principal.role === 'entreprise') {
    return { ...common, recrutement: { reunion }, instruction: { decision: state.visa?.outcome ?? null }, manquementsAnterieurs: previous };
  }
  const partenaires = await em.find(Organisation, { id: { $in: loaded.partenaires } });
  return {
    ...common,
    instruction: { qualification: state.qualification, ecartCompetences: loaded.commande.ecartCompetences, derogation: state.derogation,
      eligibilite: state.eligibilite, visa: state.visa, engagement: state.engagement, parametresNonVerifies: state.parametresNonVerifies },
    recrutement: { reunion, partenaires: partenaires.map((p) => ({ id: p.id, nom: p.name, kind: p.kind })) },
    manquementsAnterieurs: previous,
  };
}
