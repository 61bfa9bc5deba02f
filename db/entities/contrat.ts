import { EntitySchema } from '@mikro-orm/core';
import { Dossier } from './dossier';

/** The contrat d'engagements réciproques signed by the Région and the trainee at entry. */
export class ContratEngagement {
  dossier!: Dossier;
  /** Version of the contract text the trainee signed. */
  textVersion!: string;
  signedAt!: Date;
  entryDate!: string;
  confirmedBy!: string;
}

export const ContratEngagementSchema = new EntitySchema<ContratEngagement>({
  class: ContratEngagement,
  tableName: 'contrat_engagement',
  properties: {
    dossier: { kind: '1:1', entity: () => Dossier, primary: true, owner: true },
    textVersion: { type: 'string', length: 20 },
    signedAt: { type: 'datetime' },
    entryDate: { type: 'date' },
    confirmedBy: { type: 'string', length: 120 },
  },
});
