/**
 * A trainee's case as the API's case core loads it (the access check of every case route, the case page, each
 * statement's reception): one SQL query read into a plain record, not an ORM load. Issue 9 §3: the populated
 * `findOne` of the satellite with its case, person, session, provider and prescriber cost the API ~3 ms of CPU per
 * request against ~0.4 ms for the same query read into this record (docs/SCALE.md, eighth pass), on the two routes a
 * pay run's burst and its readers hit most.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { timestampOf, type DbTimestamp } from '../../db/raw-values';
import type { CaseRecord } from '../case/process-api';

export interface ParcoursCase {
  dossier: CaseRecord;
  entryDate: string | null;
  session: {
    id: string; title: string; organisme: { id: string; name: string }; bassin: string; dispositif: string; startDate: string; endDate: string;
  };
  prescripteur: { id: string; name: string } | null;
}

interface Row {
  id: string; process_kind: string; stage: string; stage_seq: number; open: boolean; created_at: DbTimestamp;
  incident_since: DbTimestamp | null; incident_workflow_id: string | null; incident_detail: string | null;
  person_id: string; last_name: string; first_name: string; email: string; phone: string | null; birth_date: string | null;
  gender: 'F' | 'M' | 'X' | null; postal_code: string | null; entry_date: string | null;
  session_id: string; title: string; bassin: string; dispositif: string; start_date: string; end_date: string;
  organisme_id: string; organisme_name: string; prescripteur_id: string | null; prescripteur_name: string | null;
}

// Dates as the ORM gives them ('YYYY-MM-DD' strings), whatever the driver's date parser.
const SQL = `select d.id, d.process_kind, d.stage, d.stage_seq, d.open, d.created_at, d.incident_since, d.incident_workflow_id, d.incident_detail,
    p.id as person_id, p.last_name, p.first_name, p.email, p.phone, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.gender,
    p.postal_code, to_char(s.entry_date, 'YYYY-MM-DD') as entry_date,
    fs.id as session_id, fs.title, fs.bassin, fs.dispositif, to_char(fs.start_date, 'YYYY-MM-DD') as start_date,
    to_char(fs.end_date, 'YYYY-MM-DD') as end_date, o.id as organisme_id, o.name as organisme_name,
    pr.id as prescripteur_id, pr.name as prescripteur_name
  from parcours_dossier s
    join dossier d on d.id = s.dossier_id
    join person p on p.id = d.person_id
    join formation_session fs on fs.id = s.session_id
    join organisation o on o.id = fs.organisme_id
    left join organisation pr on pr.id = s.prescripteur_id
  where s.dossier_id = ?`;

export async function loadParcoursCase(em: EntityManager, caseId: string): Promise<ParcoursCase | null> {
  const [row] = await em.execute<Row[]>(SQL, [caseId]);
  return row ? parcoursCaseOf(row) : null;
}

function parcoursCaseOf(r: Row): ParcoursCase {
  return {
    dossier: {
      id: r.id, processKind: r.process_kind, stage: r.stage, stageSeq: r.stage_seq, open: r.open, createdAt: timestampOf(r.created_at),
      incidentSince: r.incident_since === null ? null : timestampOf(r.incident_since), incidentWorkflowId: r.incident_workflow_id,
      incidentDetail: r.incident_detail,
      person: { id: r.person_id, lastName: r.last_name, firstName: r.first_name, email: r.email, phone: r.phone, birthDate: r.birth_date,
        gender: r.gender, postalCode: r.postal_code },
    },
    entryDate: r.entry_date,
    session: { id: r.session_id, title: r.title, organisme: { id: r.organisme_id, name: r.organisme_name }, bassin: r.bassin,
      dispositif: r.dispositif, startDate: r.start_date, endDate: r.end_date },
    prescripteur: r.prescripteur_id ? { id: r.prescripteur_id, name: r.prescripteur_name! } : null,
  };
}
