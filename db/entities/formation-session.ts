import { EntitySchema } from '@mikro-orm/core';
import { Organisation } from './organisation';

/** A training session of the regional offer: a formation run by an organisme in a bassin d'emploi. */
export class FormationSession {
  id!: string;
  title!: string;
  organisme!: Organisation;
  /** Scheme (dispositif) of the 7 règlements d'intervention, e.g. "qualif", "preparatoire". */
  dispositif!: string;
  /** Employment area (bassin d'emploi), e.g. "caen", "le-havre". */
  bassin!: string;
  startDate!: string;
  endDate!: string;
  totalHours!: number;
  hoursPerWeek!: number;
  seats!: number;
}

export const FormationSessionSchema = new EntitySchema<FormationSession>({
  class: FormationSession,
  tableName: 'formation_session',
  properties: {
    id: { type: 'uuid', primary: true },
    title: { type: 'string', length: 300 },
    organisme: { kind: 'm:1', entity: () => Organisation, index: true },
    dispositif: { type: 'string', length: 40 },
    bassin: { type: 'string', length: 60 },
    startDate: { type: 'date' },
    endDate: { type: 'date' },
    totalHours: { type: 'integer' },
    hoursPerWeek: { type: 'integer' },
    seats: { type: 'integer' },
  },
});
