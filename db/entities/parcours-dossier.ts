import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { Dossier } from './dossier';
import { FormationSession } from './formation-session';
import { Organisation } from './organisation';

/**
 * What a trainee journey (parcours) adds to its case: the session it aims at, the prescriber and its
 * reference, and the projections of entry, exit and follow-up that lists and indicators read.
 */
export class ParcoursDossier {
  [OptionalProps]?: 'prescripteur' | 'prescripteurReference' | 'entryDate' | 'exitKind' | 'exitDate' | 'certification' | 'outcome3m' | 'outcome6m';
  dossier!: Dossier;
  session!: FormationSession;
  prescripteur: Organisation | null = null;
  /** The prescriber's own reference of its referral (prescription). */
  prescripteurReference: string | null = null;
  entryDate: string | null = null;
  exitKind: string | null = null;
  exitDate: string | null = null;
  certification: string | null = null;
  outcome3m: string | null = null;
  outcome6m: string | null = null;
}

export const ParcoursDossierSchema = new EntitySchema<ParcoursDossier>({
  class: ParcoursDossier,
  tableName: 'parcours_dossier',
  uniques: [{ properties: ['prescripteur', 'prescripteurReference'], name: 'parcours_dossier_prescription_unique' }],
  properties: {
    dossier: { kind: '1:1', entity: () => Dossier, primary: true, owner: true },
    session: { kind: 'm:1', entity: () => FormationSession, index: true },
    prescripteur: { kind: 'm:1', entity: () => Organisation, nullable: true, index: true },
    prescripteurReference: { type: 'string', length: 100, nullable: true },
    entryDate: { type: 'date', nullable: true, index: true },
    exitKind: { type: 'string', length: 20, nullable: true },
    exitDate: { type: 'date', nullable: true, index: true },
    certification: { type: 'string', length: 20, nullable: true },
    outcome3m: { type: 'string', length: 30, nullable: true, fieldName: 'outcome_3m' },
    outcome6m: { type: 'string', length: 30, nullable: true, fieldName: 'outcome_6m' },
  },
});
