import { EntitySchema } from '@mikro-orm/core';
import { Dossier } from './dossier';

/** The positionnement of a case: when it was planned, its results and its decision (one row per case). */
export class Positionnement {
  dossier!: Dossier;
  scheduledAt: Date | null = null;
  results: Record<string, unknown> | null = null;
  outcome: 'admis' | 'reoriente' | 'refuse' | null = null;
  outcomeDetail: Record<string, unknown> | null = null;
  decidedBy: string | null = null;
  decidedAt: Date | null = null;
}

export const PositionnementSchema = new EntitySchema<Positionnement>({
  class: Positionnement,
  tableName: 'positionnement',
  properties: {
    dossier: { kind: '1:1', entity: () => Dossier, primary: true, owner: true },
    scheduledAt: { type: 'datetime', nullable: true },
    results: { type: 'json', nullable: true },
    outcome: { type: 'string', length: 20, nullable: true },
    outcomeDetail: { type: 'json', nullable: true },
    decidedBy: { type: 'string', length: 120, nullable: true },
    decidedAt: { type: 'datetime', nullable: true },
  },
});
