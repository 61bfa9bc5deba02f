import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';
import { AideUrgenceDossierSchema } from './bourse-aide-urgence';
import { Dossier } from './dossier';
import { Organisation } from './organisation';

const cents = { type: new BigIntType('number'), columnType: 'bigint' } as const;

/**
 * What a bursary (bourse FSS) adds to its case: the CROUS's DSE number (unique per academic year), the
 * institute, the programme, the training months, the result of the échelon computation and the decision.
 * Names and incomes are not here: the person is the core's, the income and points elements are in
 * `bourse_demande`, read by caseworkers only.
 */
export class BourseDossier {
  [OptionalProps]?: 'crous' | 'echelon' | 'points' | 'plafondEuros' | 'annuelCents' | 'mensualiteCents' | 'calcul' | 'calculErreur'
    | 'decision' | 'motifRefus' | 'decidedAt' | 'decidedBy' | 'etatVersements' | 'evenementDate' | 'precedent';
  dossier!: Dossier;
  /** Numéro du dossier social étudiant (CROUS). */
  dse!: string;
  /** Academic year "2026-2027": one case per student and year. */
  annee!: string;
  institut!: Organisation;
  /** The CROUS that sent the application and hears of the decisions (null: entered by a caseworker, no CROUS known). */
  crous: Organisation | null = null;
  formation!: string;
  premierMois!: string;
  nombreMois!: number;
  source!: 'crous' | 'agent';
  echelon: string | null = null;
  points: number | null = null;
  plafondEuros: number | null = null;
  annuelCents: number | null = null;
  mensualiteCents: number | null = null;
  /** The computation as the caseworker reads it (domain/bourse CalculEchelon: lines, sources, verified). */
  calcul: Record<string, unknown> | null = null;
  /** Why the échelon could not be computed (the year's barème is not loaded...). */
  calculErreur: string | null = null;
  decision: 'attribuee' | 'refusee' | null = null;
  motifRefus: string | null = null;
  decidedAt: Date | null = null;
  decidedBy: string | null = null;
  /** Projection of the instalments' state for lists and indicators: en_cours, suspendue, arretee, sortie, terminee. */
  etatVersements: string | null = null;
  evenementDate: string | null = null;
  /** The same student's case of the latest earlier academic year. */
  precedent: Dossier | null = null;
}

/**
 * The application's income and points elements: personal and, for the disability element, sensitive data
 * (GDPR art. 9). Read by caseworkers only, every read audited; never in a workflow, a log or an event.
 */
export class BourseDemande {
  [OptionalProps]?: 'pointsDetails' | 'updatedAt';
  dossier!: Dossier;
  revenuBrutGlobalEuros!: number;
  distanceKm!: number;
  enfantsACharge!: number;
  enfantsEnseignementSuperieur!: number;
  handicapReconnuCdaph!: boolean;
  prochesAides!: number;
  /** computePointsDeCharge's breakdown (names the elements: caseworkers only). */
  pointsDetails: Record<string, unknown>[] | null = null;
  updatedBy!: string;
  updatedAt: Date = new Date();
}

/** A remission (remise gracieuse) granted by a caseworker on an overpayment of a bursary: what is no longer claimed. */
export class BourseRemise {
  [OptionalProps]?: 'decidedAt';
  overpaymentReference!: string;
  dossier!: Dossier;
  amountCents!: number;
  decidedBy!: string;
  decidedAt: Date = new Date();
}

export const BourseDossierSchema = new EntitySchema<BourseDossier>({
  class: BourseDossier,
  tableName: 'bourse_dossier',
  uniques: [{ properties: ['dse', 'annee'], name: 'bourse_dossier_dse_annee_unique' }],
  properties: {
    dossier: { kind: '1:1', entity: () => Dossier, primary: true, owner: true },
    dse: { type: 'string', length: 20 },
    annee: { type: 'string', length: 9, index: true },
    institut: { kind: 'm:1', entity: () => Organisation, index: true },
    crous: { kind: 'm:1', entity: () => Organisation, nullable: true, index: true },
    formation: { type: 'string', length: 60 },
    premierMois: { type: 'string', columnType: 'char(7)', length: 7 },
    nombreMois: { type: 'integer' },
    source: { type: 'string', length: 10 },
    echelon: { type: 'string', length: 4, nullable: true },
    points: { type: 'integer', nullable: true },
    plafondEuros: { type: 'integer', nullable: true },
    annuelCents: { ...cents, nullable: true },
    mensualiteCents: { ...cents, nullable: true },
    calcul: { type: 'json', nullable: true },
    calculErreur: { type: 'string', length: 500, nullable: true },
    decision: { type: 'string', length: 20, nullable: true },
    motifRefus: { type: 'string', length: 40, nullable: true },
    decidedAt: { type: 'datetime', nullable: true },
    decidedBy: { type: 'string', length: 120, nullable: true },
    etatVersements: { type: 'string', length: 20, nullable: true },
    evenementDate: { type: 'date', nullable: true },
    precedent: { kind: 'm:1', entity: () => Dossier, nullable: true },
  },
});

export const BourseDemandeSchema = new EntitySchema<BourseDemande>({
  class: BourseDemande,
  tableName: 'bourse_demande',
  properties: {
    dossier: { kind: '1:1', entity: () => Dossier, primary: true, owner: true },
    revenuBrutGlobalEuros: { type: 'integer' },
    distanceKm: { type: 'integer' },
    enfantsACharge: { type: 'integer', fieldName: 'enfants_a_charge' },
    enfantsEnseignementSuperieur: { type: 'integer' },
    handicapReconnuCdaph: { type: 'boolean' },
    prochesAides: { type: 'integer' },
    pointsDetails: { type: 'json', nullable: true },
    updatedBy: { type: 'string', length: 120 },
    updatedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

export const BourseRemiseSchema = new EntitySchema<BourseRemise>({
  class: BourseRemise,
  tableName: 'bourse_remise',
  properties: {
    overpaymentReference: { type: 'string', length: 35, primary: true },
    dossier: { kind: 'm:1', entity: () => Dossier, index: true },
    amountCents: { ...cents },
    decidedBy: { type: 'string', length: 120 },
    decidedAt: { type: 'datetime', onCreate: () => new Date() },
  },
});

/** Every table of the bursaries and their emergency aids, registered in db/entities/index.ts. */
export const BOURSE_ENTITIES = [BourseDossierSchema, BourseDemandeSchema, BourseRemiseSchema, AideUrgenceDossierSchema];
