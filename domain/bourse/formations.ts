/** The health & social programmes whose students may hold a Région bursary (DOMAIN.md § 3), by code. */
export const FORMATIONS = {
  infirmier: 'Diplôme d’État d’infirmier (IFSI)',
  aide_soignant: 'Diplôme d’État d’aide-soignant',
  auxiliaire_puericulture: 'Diplôme d’État d’auxiliaire de puériculture',
  ambulancier: 'Diplôme d’État d’ambulancier',
  accompagnant_educatif_social: 'Diplôme d’État d’accompagnant éducatif et social',
  moniteur_educateur: 'Diplôme d’État de moniteur éducateur',
  educateur_specialise: 'Diplôme d’État d’éducateur spécialisé',
  educateur_jeunes_enfants: 'Diplôme d’État d’éducateur de jeunes enfants',
  assistant_service_social: 'Diplôme d’État d’assistant de service social',
  technicien_intervention_sociale_familiale: 'Diplôme d’État de technicien de l’intervention sociale et familiale',
  sage_femme: 'Diplôme d’État de sage-femme',
  masseur_kinesitherapeute: 'Diplôme d’État de masseur-kinésithérapeute',
  ergotherapeute: 'Diplôme d’État d’ergothérapeute',
  psychomotricien: 'Diplôme d’État de psychomotricien',
  manipulateur_radiologie: 'Diplôme d’État de manipulateur d’électroradiologie médicale',
} as const;
export type FormationCode = keyof typeof FORMATIONS;
export const FORMATION_CODES = Object.keys(FORMATIONS) as [FormationCode, ...FormationCode[]];
export const formationLabel = (code: string): string => (FORMATIONS as Record<string, string>)[code] ?? code;
