/**
 * Handoff events sent to partners: versioned JSON with a stable id. The payload is built once from the
 * database and stored in the outbox (`partner_event`), so every retry sends the same bytes.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { businessFailure } from '../errors';

export const PARTNER_EVENT_TYPES = ['parcours.entree_formation', 'parcours.sortie', 'suivi.demande_situation'] as const;
export type PartnerEventType = (typeof PARTNER_EVENT_TYPES)[number];
export const EVENT_VERSION = 1;

export interface PartnerEventEnvelope {
  id: string;
  type: PartnerEventType;
  version: number;
  occurredAt: string;
  source: 'sprfp-normandie';
  data: Record<string, unknown>;
}

/** Data a partner needs to match the person in its own files and act: identity, not sensitive data. */
export async function buildEventData(em: EntityManager, caseId: string, occurredAt: string): Promise<Record<string, unknown>> {
  const [row] = await em.getConnection().execute(
    `select d.id, d.prescripteur_reference, p.last_name, p.first_name, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date,
            s.id as session_id, s.title, o.name as organisme, to_char(s.end_date, 'YYYY-MM-DD') as end_date,
            to_char(c.entry_date, 'YYYY-MM-DD') as entry_date, d.exit_kind, to_char(d.exit_date, 'YYYY-MM-DD') as exit_date, d.certification
     from dossier d join person p on p.id = d.person_id join formation_session s on s.id = d.session_id
     join organisation o on o.id = s.organisme_id left join contrat_engagement c on c.dossier_id = d.id
     where d.id = ?`,
    [caseId],
  );
  if (!row) throw businessFailure('NotFound', `dossier ${caseId} introuvable`);
  return {
    dossierId: row.id,
    referencePrescripteur: row.prescripteur_reference,
    personne: { nom: row.last_name, prenom: row.first_name, dateNaissance: row.birth_date },
    formation: {
      sessionId: row.session_id,
      intitule: row.title,
      organisme: row.organisme,
      dateEntree: row.entry_date ?? occurredAt.slice(0, 10),
      dateFinPrevue: row.end_date,
    },
    ...(row.exit_kind ? { sortie: { motif: row.exit_kind, date: row.exit_date, certification: row.certification } } : {}),
  };
}
