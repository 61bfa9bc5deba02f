import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { Dossier } from './dossier';
import { Organisation } from './organisation';
import { Person } from './person';

/** A partner of the Réseau pour l'Emploi asked to recruit for an order: it sees the order and refers candidates. */
export class SurMesurePartenaire {
  commande!: Dossier;
  organisation!: Organisation;
}

/**
 * A candidate referred to an order by a partner, with the provider's positionnement and the company's
 * choice. Once selected, `parcoursDossier` is the trainee journey opened for them.
 */
export class SurMesureCandidat {
  [OptionalProps]?: 'proposedAt' | 'avis' | 'psychotechnique' | 'commentaire' | 'choix' | 'poste' | 'parcoursDossier';
  id!: string;
  commande!: Dossier;
  person!: Person;
  partenaire!: Organisation;
  /** The partner's own reference of its referral. */
  reference!: string;
  proposedAt: Date = new Date();
  avis: string | null = null;
  psychotechnique: string | null = null;
  commentaire: string | null = null;
  choix: string | null = null;
  poste: number | null = null;
  parcoursDossier: Dossier | null = null;
}

export const SurMesurePartenaireSchema = new EntitySchema<SurMesurePartenaire>({
  class: SurMesurePartenaire,
  tableName: 'sur_mesure_partenaire',
  properties: {
    commande: { kind: 'm:1', entity: () => Dossier, primary: true, fieldName: 'dossier_id' },
    organisation: { kind: 'm:1', entity: () => Organisation, primary: true, index: true },
  },
});

export const SurMesureCandidatSchema = new EntitySchema<SurMesureCandidat>({
  class: SurMesureCandidat,
  tableName: 'sur_mesure_candidat',
  uniques: [
    { properties: ['commande', 'person'], name: 'sur_mesure_candidat_person_unique' },
    { properties: ['commande', 'partenaire', 'reference'], name: 'sur_mesure_candidat_reference_unique' },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    commande: { kind: 'm:1', entity: () => Dossier, fieldName: 'dossier_id', index: true },
    person: { kind: 'm:1', entity: () => Person },
    partenaire: { kind: 'm:1', entity: () => Organisation },
    reference: { type: 'string', length: 100 },
    proposedAt: { type: 'datetime', onCreate: () => new Date() },
    avis: { type: 'string', length: 20, nullable: true },
    psychotechnique: { type: 'string', length: 10, nullable: true },
    commentaire: { type: 'text', nullable: true },
    choix: { type: 'string', length: 20, nullable: true },
    poste: { type: 'integer', nullable: true },
    parcoursDossier: { kind: 'm:1', entity: () => Dossier, nullable: true, fieldName: 'parcours_dossier_id' },
  },
});
