import { EntitySchema } from '@mikro-orm/core';
import { Dossier } from './dossier';
import { FormationSession } from './formation-session';

/** A seat of a session held by an admitted case (at most one per case; at most `seats` per session). */
export class SeatReservation {
  dossier!: Dossier;
  session!: FormationSession;
  reservedAt: Date = new Date();
}

export const SeatReservationSchema = new EntitySchema<SeatReservation>({
  class: SeatReservation,
  tableName: 'seat_reservation',
  properties: {
    dossier: { kind: '1:1', entity: () => Dossier, primary: true, owner: true },
    session: { kind: 'm:1', entity: () => FormationSession, index: true },
    reservedAt: { type: 'datetime', onCreate: () => new Date() },
  },
});
