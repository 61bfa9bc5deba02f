import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { Dossier } from './dossier';

/** The pay file of a trainee (dossier de rémunération): the caseworker's profile and the barème decided at entry. */
export class RemunerationDossier {
  [OptionalProps]?: 'bareme' | 'recordedAt';
  dossier!: Dossier;
  rythme!: string;
  profile!: Record<string, unknown>;
  bareme: Record<string, unknown> | null = null;
  recordedBy!: string;
  recordedAt: Date = new Date();
}

export const RemunerationDossierSchema = new EntitySchema<RemunerationDossier>({
  class: RemunerationDossier,
  tableName: 'remuneration_dossier',
  properties: {
    dossier: { kind: '1:1', entity: () => Dossier, primary: true, owner: true },
    rythme: { type: 'string', length: 20 },
    profile: { type: 'json' },
    bareme: { type: 'json', nullable: true },
    recordedBy: { type: 'string', length: 120 },
    recordedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});
