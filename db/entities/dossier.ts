import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { Person } from './person';

/**
 * The case (dossier), whatever its process: who it is about, which process runs it, where it stands, who
 * follows it. Its id is pseudonymous (a UUID) and names the workflow. What a process needs beyond this lives
 * in its own satellite table (parcours_dossier, bourse_dossier, ...), keyed by the case id.
 *
 * The workflow owns the stage; `stage` and `stageSeq` here are its projection, written only by the kernel's
 * `recordTransition`, in order (a retried or late write with a lower seq never overwrites a newer one).
 */
export class Dossier {
  [OptionalProps]?: 'stage' | 'stageSeq' | 'open' | 'closedReason' | 'dedupKey' | 'referentName' | 'incidentSince' | 'incidentWorkflowId' | 'incidentDetail'
    | 'createdAt' | 'updatedAt';
  id!: string;
  person!: Person;
  /** The process that runs the case (domain/<process>: its definition's `kind`). */
  processKind!: string;
  stage = '';
  stageSeq = 0;
  open = true;
  closedReason: string | null = null;
  /** Mailbox of the caseworker in charge (référent), alerted on deadlines; the Reply-To of the person's mails. */
  referentEmail!: string;
  /** Their name, when known (the caseworker's token names them): the mails name the adviser. */
  referentName: string | null = null;
  createdBy!: string;
  /**
   * One open case per person, process and key (the session of a parcours, the academic year of a bourse):
   * a second open case with the same key is a duplicate (unique index).
   */
  dedupKey: string | null = null;
  /** An activity of the case keeps failing (workflows/case/incidents.ts): since when, in which workflow, what. */
  incidentSince: Date | null = null;
  incidentWorkflowId: string | null = null;
  incidentDetail: string | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const DossierSchema = new EntitySchema<Dossier>({
  class: Dossier,
  tableName: 'dossier',
  indexes: [{ properties: ['processKind', 'stage'], name: 'dossier_process_kind_stage_index' }],
  properties: {
    id: { type: 'uuid', primary: true },
    person: { kind: 'm:1', entity: () => Person, index: true },
    processKind: { type: 'string', length: 30 },
    stage: { type: 'string', length: 30, index: true },
    stageSeq: { type: 'integer' },
    open: { type: 'boolean' },
    closedReason: { type: 'string', length: 200, nullable: true },
    referentEmail: { type: 'string', length: 320 },
    referentName: { type: 'string', length: 200, nullable: true },
    createdBy: { type: 'string', length: 120 },
    dedupKey: { type: 'string', length: 100, nullable: true },
    incidentSince: { type: 'datetime', nullable: true },
    incidentWorkflowId: { type: 'string', length: 200, nullable: true },
    incidentDetail: { type: 'string', length: 400, nullable: true },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
    updatedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});
