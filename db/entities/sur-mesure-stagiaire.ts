import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { Dossier } from './dossier';
import { Organisation } from './organisation';
import { SurMesureCandidat } from './sur-mesure-recrutement';

/**
 * The link between an order and the trainee journey of each selected candidate, with the hiring check of
 * that trainee (what the company declared, the outcome) and the check 6 months after the hiring.
 */
export class SurMesureStagiaire {
  [OptionalProps]?: 'embaucheOutcome' | 'embaucheContrat' | 'embaucheRaisons' | 'embaucheAt' | 'suivi6mDue' | 'suivi6mStatut' | 'suivi6mRaison' | 'suivi6mAt';
  parcoursDossier!: Dossier;
  commande!: Dossier;
  candidat!: SurMesureCandidat;
  poste!: number;
  embaucheOutcome: string | null = null;
  embaucheContrat: Record<string, unknown> | null = null;
  embaucheRaisons: string[] | null = null;
  embaucheAt: Date | null = null;
  suivi6mDue: string | null = null;
  suivi6mStatut: string | null = null;
  suivi6mRaison: string | null = null;
  suivi6mAt: Date | null = null;
}

/** A breach (manquement) of a company's hiring commitment: shown on its next need (breach policy). */
export class SurMesureManquement {
  [OptionalProps]?: 'id' | 'stagiaire';
  id!: string;
  entreprise!: Organisation;
  commande!: Dossier;
  stagiaire: Dossier | null = null;
  date!: string;
  outcome!: string;
}

export const SurMesureStagiaireSchema = new EntitySchema<SurMesureStagiaire>({
  class: SurMesureStagiaire,
  tableName: 'sur_mesure_stagiaire',
  properties: {
    parcoursDossier: { kind: '1:1', entity: () => Dossier, primary: true, owner: true, fieldName: 'parcours_dossier_id' },
    commande: { kind: 'm:1', entity: () => Dossier, fieldName: 'commande_id', index: true },
    candidat: { kind: '1:1', entity: () => SurMesureCandidat, owner: true, unique: 'sur_mesure_stagiaire_candidat_unique' },
    poste: { type: 'integer' },
    embaucheOutcome: { type: 'string', length: 40, nullable: true },
    embaucheContrat: { type: 'json', nullable: true },
    embaucheRaisons: { type: 'json', nullable: true },
    embaucheAt: { type: 'datetime', nullable: true },
    suivi6mDue: { type: 'date', nullable: true, fieldName: 'suivi_6m_due' },
    suivi6mStatut: { type: 'string', length: 10, nullable: true, fieldName: 'suivi_6m_statut' },
    suivi6mRaison: { type: 'string', length: 300, nullable: true, fieldName: 'suivi_6m_raison' },
    suivi6mAt: { type: 'datetime', nullable: true, fieldName: 'suivi_6m_at' },
  },
});

export const SurMesureManquementSchema = new EntitySchema<SurMesureManquement>({
  class: SurMesureManquement,
  tableName: 'sur_mesure_manquement',
  uniques: [{ properties: ['commande', 'stagiaire', 'outcome'], name: 'sur_mesure_manquement_unique' }],
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    entreprise: { kind: 'm:1', entity: () => Organisation, index: true },
    commande: { kind: 'm:1', entity: () => Dossier, fieldName: 'commande_id' },
    stagiaire: { kind: 'm:1', entity: () => Dossier, nullable: true, fieldName: 'stagiaire_id' },
    date: { type: 'date' },
    outcome: { type: 'string', length: 40 },
  },
});
