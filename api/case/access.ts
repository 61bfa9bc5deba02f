/**
 * Who may see or act on a case: caseworkers and ops see every case (ops without identities), finance none
 * (it works on payments and files); every other role sees what the case's process allows (a partner the
 * cases it referred, a training provider the cases of its sessions, ...).
 *
 * One load per check once the case's process is known: the process's satellite with the case and its person (one
 * query for the journey and the bursary). A case never changes process, so each API process remembers the kinds it
 * has seen (issue 9 §3: every case route and every statement's reception pays this check, and an ORM load costs the
 * API's CPU several times what it costs PostgreSQL).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth';
import { forbidden, notFound } from '../errors';
import { processApiOf } from '../processes';
import type { CaseRecord, ProcessApi } from './process-api';

export interface LoadedCase<Sat = unknown> {
  dossier: CaseRecord;
  process: ProcessApi<Sat>;
  satellite: Sat;
}

/** caseId → process kind, for the cases this process has seen (oldest forgotten first past the bound). */
const KNOWN_KINDS_MAX = 200_000;
const knownKinds = new Map<string, string>();

async function processKindOf(em: EntityManager, caseId: string): Promise<string | null> {
  const known = knownKinds.get(caseId);
  if (known) return known;
  const [row] = await em.execute<{ process_kind: string }[]>('select process_kind from dossier where id = ?', [caseId]);
  if (!row) return null;
  if (knownKinds.size >= KNOWN_KINDS_MAX) knownKinds.delete(knownKinds.keys().next().value!);
  knownKinds.set(caseId, row.process_kind);
  return row.process_kind;
}

export async function loadCaseFor<Sat = unknown>(em: EntityManager, principal: Principal, caseId: string): Promise<LoadedCase<Sat>> {
  const kind = await processKindOf(em, caseId);
  if (!kind) throw notFound('dossier');
  const process = processApiOf(kind) as unknown as ProcessApi<Sat>;
  const satellite = await process.loadSatellite(em, caseId);
  if (satellite === null) throw notFound('dossier');
  if (!mayAccess(principal, process, satellite)) throw forbidden('ce dossier ne relève pas de votre organisation');
  return { dossier: process.dossierOf(satellite), process, satellite };
}

function mayAccess<Sat>(principal: Principal, process: ProcessApi<Sat>, satellite: Sat): boolean {
  switch (principal.role) {
    case 'caseworker':
    case 'ops':
      return true;
    case 'finance':
      return false;
    default:
      return process.mayAccess(principal, satellite);
  }
}
