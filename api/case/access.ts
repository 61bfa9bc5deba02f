/**
 * Who may see or act on a case: caseworkers and ops see every case (ops without identities), finance none
 * (it works on payments and files); every other role sees what the case's process allows (a partner the
 * cases it referred, a training provider the cases of its sessions, ...).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Dossier } from '../../db/entities';
import type { Principal } from '../auth';
import { forbidden, notFound } from '../errors';
import { processApiOf } from '../processes';
import type { ProcessApi } from './process-api';

export interface LoadedCase<Sat = unknown> {
  dossier: Dossier;
  process: ProcessApi<Sat>;
  satellite: Sat;
}

export async function loadCaseFor<Sat = unknown>(em: EntityManager, principal: Principal, caseId: string): Promise<LoadedCase<Sat>> {
  const dossier = await em.findOne(Dossier, { id: caseId }, { populate: ['person'] });
  if (!dossier) throw notFound('dossier');
  const process = processApiOf(dossier.processKind) as unknown as ProcessApi<Sat>;
  const satellite = await process.loadSatellite(em, caseId);
  if (satellite === null) throw notFound('dossier');
  if (!mayAccess(principal, process, satellite)) throw forbidden('ce dossier ne relève pas de votre organisation');
  return { dossier, process, satellite };
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
