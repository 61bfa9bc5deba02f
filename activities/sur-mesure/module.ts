/** A sur-mesure order as the case core's activities see it: its mail addresses and context, its partner events. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { SurMesureCandidat, SurMesureCommande, SurMesurePoste, SurMesureStagiaire } from '../../db/entities';
import { businessFailure } from '../../domain/case/failures';
import { CONTRACT_LABELS, type ContractKind } from '../../domain/sur-mesure/contrat';
import { defineProcessModule, type PartnerEventDataBuilder } from '../case/process-module';
import { SUR_MESURE_TEMPLATES, type SurMesureMailContext } from './mails';

async function loadOrder(em: EntityManager, caseId: string) {
  const commande = await em.findOne(SurMesureCommande, { dossier: caseId }, { populate: ['dossier.person', 'entreprise', 'organisme', 'session'] });
  if (!commande) throw businessFailure('NotFound', `commande ${caseId} introuvable`);
  const postes = await em.find(SurMesurePoste, { commande: caseId }, { orderBy: { rang: 'asc' } });
  return { commande, postes };
}

const postesSummary = (postes: SurMesurePoste[]): string =>
  postes.map((p) => `${p.intitule} (${p.nombre} poste${p.nombre > 1 ? 's' : ''})`).join(', ');

const who = (c: SurMesureCandidat) => ({ prenom: c.person.firstName, nom: c.person.lastName });

/** What the partners need to refer candidates: the posts and the training, never a name. */
const recrutementData: PartnerEventDataBuilder = async (em, caseId) => {
  const { commande: c, postes } = await loadOrder(em, caseId);
  return {
    commandeId: caseId,
    entreprise: { raisonSociale: c.entreprise.name, siret: c.entreprise.siret, nafCode: c.nafCode },
    site: { codePostal: c.siteCodePostal, bassin: c.bassin },
    postes: postes.map((p) => ({
      intitule: p.intitule, romeCode: p.romeCode, nombre: p.nombre,
      contrat: { type: p.contratType, libelle: CONTRACT_LABELS[p.contratType as ContractKind], dureeMois: p.dureeMois, heuresHebdo: p.heuresHebdo,
        dateEmbauchePrevue: p.dateEmbauchePrevue },
    })),
    formation: {
      organisme: c.organisme?.name ?? null, dateDebut: c.dateDebut, dateFin: c.dateFin, heuresCentre: c.heuresCentre,
      heuresEntreprise: c.heuresEntreprise, certification: c.certificationCode, testsPsychotechniques: c.psychotechnique,
    },
    reunionInformation: c.reunionAt ? { date: c.reunionAt.toISOString(), lieu: c.reunionLieu } : null,
    candidatures: `POST /sur-mesure/commandes/${caseId}/candidats`,
  };
};

export const SUR_MESURE_EVENT_TYPES = ['sur_mesure.recrutement', 'sur_mesure.reunion_information'] as const;

export const surMesureModule = defineProcessModule<SurMesureMailContext>({
  kind: 'sur_mesure',
  async mailContext(em, caseId) {
    const { commande: c, postes } = await loadOrder(em, caseId);
    const candidats = await em.find(SurMesureCandidat, { commande: caseId }, { populate: ['person'] });
    const stagiaires = await em.find(SurMesureStagiaire, { commande: caseId }, { populate: ['candidat.person'] });
    return {
      recipients: {
        entreprise: c.dossier.person.email,
        organisme: c.organisme?.contactEmail ?? null,
        ...Object.fromEntries(candidats.map((k) => [`candidat:${k.id}`, k.person.email])),
      },
      summary: `Commande sur-mesure : ${c.entreprise.name}, ${postesSummary(postes)}.`,
      context: {
        entreprise: c.entreprise.name,
        organisme: c.organisme?.name ?? null,
        postes: postesSummary(postes),
        formation: c.dateDebut && c.dateFin ? { debut: c.dateDebut, fin: c.dateFin } : null,
        candidats: Object.fromEntries(candidats.map((k) => [k.id, who(k)])),
        stagiaires: Object.fromEntries(stagiaires.map((s) => [s.parcoursDossier.id, who(s.candidat)])),
      },
    };
  },
  templates: SUR_MESURE_TEMPLATES,
  partnerEvents: Object.fromEntries(SUR_MESURE_EVENT_TYPES.map((type) => [type, recrutementData])),
});
