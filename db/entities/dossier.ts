import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { Stage } from '../../domain/parcours/stages';
import { FormationSession } from './formation-session';
import { Organisation } from './organisation';
import { Person } from './person';

/**
 * The case (dossier). Its id is pseudonymous (a UUID) and names the workflow. The workflow owns the
 * stage; `stage` and `stageSeq` here are its projection, written only by the workflow's activities, in
 * order (a retried or late write with a lower seq never overwrites a newer one).
 */
export class Dossier {
  [OptionalProps]?: 'stage' | 'stageSeq' | 'open' | 'closedReason' | 'createdAt' | 'updatedAt' | 'entryDate' | 'exitKind'
    | 'exitDate' | 'certification' | 'outcome3m' | 'outcome6m';
  id!: string;
  person!: Person;
  session!: FormationSession;
  prescripteur: Organisation | null = null;
  /** The prescriber's own reference of its referral (prescription). */
  prescripteurReference: string | null = null;
  /** Mailbox of the caseworker in charge (référent), alerted on deadlines. */
  referentEmail!: string;
  createdBy!: string;
  stage: Stage = 'reperage';
  stageSeq = 0;
  open = true;
  closedReason: string | null = null;
  entryDate: string | null = null;
  exitKind: string | null = null;
  exitDate: string | null = null;
  certification: string | null = null;
  outcome3m: string | null = null;
  outcome6m: string | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const DossierSchema = new EntitySchema<Dossier>({
  class: Dossier,
  tableName: 'dossier',
  uniques: [{ properties: ['prescripteur', 'prescripteurReference'], name: 'dossier_prescription_unique' }],
  properties: {
    id: { type: 'uuid', primary: true },
    person: { kind: 'm:1', entity: () => Person, index: true },
    session: { kind: 'm:1', entity: () => FormationSession, index: true },
    prescripteur: { kind: 'm:1', entity: () => Organisation, nullable: true, index: true },
    prescripteurReference: { type: 'string', length: 100, nullable: true },
    referentEmail: { type: 'string', length: 320 },
    createdBy: { type: 'string', length: 120 },
    stage: { type: 'string', length: 30, index: true },
    stageSeq: { type: 'integer' },
    open: { type: 'boolean' },
    closedReason: { type: 'string', length: 200, nullable: true },
    entryDate: { type: 'date', nullable: true },
    exitKind: { type: 'string', length: 20, nullable: true },
    exitDate: { type: 'date', nullable: true },
    certification: { type: 'string', length: 20, nullable: true },
    outcome3m: { type: 'string', length: 30, nullable: true, fieldName: 'outcome_3m' },
    outcome6m: { type: 'string', length: 30, nullable: true, fieldName: 'outcome_6m' },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
    updatedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});
