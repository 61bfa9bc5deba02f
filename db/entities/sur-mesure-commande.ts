import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';
import { Dossier } from './dossier';
import { FormationSession } from './formation-session';
import { Organisation } from './organisation';

/** AFEST part of a design as recorded (D6313-3-2); the tutor's name stays here, never in a workflow. */
export interface AfestRecord {
  analyseActivite: boolean;
  tuteur: string | null;
  phasesReflexives: boolean;
  evaluations: boolean;
}

/**
 * What a sur-mesure order (commande) adds to its case: the company and its site, the need as qualified, the
 * provider's design, the commitment and the session opened for the trainees. The case's person is the
 * company's contact for the order. The workflow owns the process; these columns are its records.
 */
export class SurMesureCommande {
  [OptionalProps]?: 'organisme' | 'ecartCompetences' | 'certificationCode' | 'certificationLevel' | 'programme' | 'heuresCentre'
    | 'heuresEntreprise' | 'dateDebut' | 'dateFin' | 'devisCents' | 'psychotechnique' | 'afest' | 'derogationReference'
    | 'engagementReference' | 'engagementCents' | 'engagementAt' | 'session' | 'reunionAt' | 'reunionLieu';
  dossier!: Dossier;
  entreprise!: Organisation;
  organisme: Organisation | null = null;
  nafCode!: string;
  nafSection!: string;
  siteAdresse!: string;
  siteCodePostal!: string;
  bassin!: string;
  /** Day the need was recorded: the parameters in force that day apply to the whole order. */
  orderDate!: string;
  postesTotal!: number;
  ecartCompetences: string | null = null;
  certificationCode: string | null = null;
  certificationLevel: number | null = null;
  programme: string | null = null;
  heuresCentre: number | null = null;
  heuresEntreprise: number | null = null;
  dateDebut: string | null = null;
  dateFin: string | null = null;
  devisCents: number | null = null;
  psychotechnique = false;
  afest: AfestRecord | null = null;
  derogationReference: string | null = null;
  engagementReference: string | null = null;
  engagementCents: number | null = null;
  engagementAt: Date | null = null;
  session: FormationSession | null = null;
  reunionAt: Date | null = null;
  reunionLieu: string | null = null;
}

/** One kind of post of the need: the job (ROME), how many, the contract committed, the tutor. */
export class SurMesurePoste {
  commande!: Dossier;
  rang!: number;
  intitule!: string;
  romeCode!: string;
  nombre!: number;
  contratType!: string;
  dureeMois: number | null = null;
  heuresHebdo!: number;
  dateEmbauchePrevue!: string;
  tuteur: string | null = null;
}

const cents = { type: new BigIntType('number'), columnType: 'bigint', nullable: true } as const;

export const SurMesureCommandeSchema = new EntitySchema<SurMesureCommande>({
  class: SurMesureCommande,
  tableName: 'sur_mesure_commande',
  properties: {
    dossier: { kind: '1:1', entity: () => Dossier, primary: true, owner: true },
    entreprise: { kind: 'm:1', entity: () => Organisation, index: true },
    organisme: { kind: 'm:1', entity: () => Organisation, nullable: true, index: true },
    nafCode: { type: 'string', length: 6 },
    nafSection: { type: 'string', length: 1 },
    siteAdresse: { type: 'string', length: 300 },
    siteCodePostal: { type: 'string', length: 5 },
    bassin: { type: 'string', length: 60 },
    orderDate: { type: 'date' },
    postesTotal: { type: 'integer' },
    ecartCompetences: { type: 'text', nullable: true },
    certificationCode: { type: 'string', length: 12, nullable: true },
    certificationLevel: { type: 'integer', nullable: true },
    programme: { type: 'text', nullable: true },
    heuresCentre: { type: 'integer', nullable: true },
    heuresEntreprise: { type: 'integer', nullable: true },
    dateDebut: { type: 'date', nullable: true },
    dateFin: { type: 'date', nullable: true },
    devisCents: { ...cents },
    psychotechnique: { type: 'boolean' },
    afest: { type: 'json', nullable: true },
    derogationReference: { type: 'string', length: 100, nullable: true },
    engagementReference: { type: 'string', length: 60, nullable: true },
    engagementCents: { ...cents },
    engagementAt: { type: 'datetime', nullable: true },
    session: { kind: 'm:1', entity: () => FormationSession, nullable: true },
    reunionAt: { type: 'datetime', nullable: true },
    reunionLieu: { type: 'string', length: 300, nullable: true },
  },
});

export const SurMesurePosteSchema = new EntitySchema<SurMesurePoste>({
  class: SurMesurePoste,
  tableName: 'sur_mesure_poste',
  properties: {
    commande: { kind: 'm:1', entity: () => Dossier, primary: true, fieldName: 'dossier_id' },
    rang: { type: 'integer', primary: true },
    intitule: { type: 'string', length: 200 },
    romeCode: { type: 'string', length: 5 },
    nombre: { type: 'integer' },
    contratType: { type: 'string', length: 40 },
    dureeMois: { type: 'integer', nullable: true },
    heuresHebdo: { type: 'double' },
    dateEmbauchePrevue: { type: 'date' },
    tuteur: { type: 'string', length: 200, nullable: true },
  },
});
