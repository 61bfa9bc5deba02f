import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';
import { Dossier } from './dossier';

const cents = { type: new BigIntType('number'), columnType: 'bigint' } as const;

/**
 * One emergency aid (aide ponctuelle d'urgence): its own case (so its payment has its own ledger reference),
 * linked to the student's bursary case of the year. `numero` is the anonymous number the commission reads;
 * `situation` (the student's words) is for caseworkers only; `evaluation` is the social worker's assessment,
 * written without identity for the commission.
 */
export class AideUrgenceDossier {
  [OptionalProps]?: 'evaluation' | 'montantAccordeCents' | 'decision' | 'motifRefus' | 'decidedAt' | 'decidedBy' | 'dateLimiteVersement'
    | 'numero' | 'avance';
  dossier!: Dossier;
  bourse!: Dossier;
  annee!: string;
  /** "AU-2027-000042": assigned by a sequence, shown to the commission instead of a name. */
  numero!: string;
  montantDemandeCents!: number;
  /** An urgent advance decided by the caseworker alone (at most the parameter, 500 € by default). */
  avance = false;
  situation!: string;
  evaluation: string | null = null;
  montantAccordeCents: number | null = null;
  decision: 'accordee' | 'refusee' | null = null;
  motifRefus: string | null = null;
  decidedAt: Date | null = null;
  decidedBy: string | null = null;
  /** Last day the aid must be paid (n working days after the decision, dated parameter). */
  dateLimiteVersement: string | null = null;
}

export const AideUrgenceDossierSchema = new EntitySchema<AideUrgenceDossier>({
  class: AideUrgenceDossier,
  tableName: 'aide_urgence_dossier',
  properties: {
    dossier: { kind: '1:1', entity: () => Dossier, primary: true, owner: true },
    bourse: { kind: 'm:1', entity: () => Dossier, index: true },
    annee: { type: 'string', length: 9 },
    numero: { type: 'string', length: 20, unique: 'aide_urgence_dossier_numero_unique',
      defaultRaw: `('AU-' || lpad(nextval('aide_urgence_numero_seq')::text, 6, '0'))` },
    montantDemandeCents: { ...cents },
    avance: { type: 'boolean' },
    situation: { type: 'text' },
    evaluation: { type: 'text', nullable: true },
    montantAccordeCents: { ...cents, nullable: true },
    decision: { type: 'string', length: 20, nullable: true },
    motifRefus: { type: 'string', length: 40, nullable: true },
    decidedAt: { type: 'datetime', nullable: true },
    decidedBy: { type: 'string', length: 120, nullable: true },
    dateLimiteVersement: { type: 'date', nullable: true },
  },
});
