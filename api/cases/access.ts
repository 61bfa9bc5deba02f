/**
 * Who may see or act on a case: caseworkers and ops see every case (ops without identities), a partner
 * only the cases it referred, a training provider only the cases of its own sessions, finance none.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Dossier } from '../../db/entities';
import type { Principal } from '../auth';
import { forbidden, notFound } from '../errors';

export async function loadCaseFor(em: EntityManager, principal: Principal, caseId: string): Promise<Dossier> {
  const dossier = await em.findOne(Dossier, caseId, { populate: ['person', 'session', 'session.organisme', 'prescripteur'] });
  if (!dossier) throw notFound('dossier');
  if (!mayAccess(principal, dossier)) throw forbidden('ce dossier ne relève pas de votre organisation');
  return dossier;
}

function mayAccess(principal: Principal, dossier: Dossier): boolean {
  switch (principal.role) {
    case 'caseworker':
    case 'ops':
      return true;
    case 'partner':
      return dossier.prescripteur?.id === principal.org;
    case 'organisme':
      return dossier.session.organisme.id === principal.org;
    case 'finance':
      return false; // finance works on payments and payment files, not on cases
  }
}

/** The filter that scopes a list of cases to what the caller may see. */
export function scopeOf(principal: Principal): Record<string, unknown> {
  if (principal.role === 'partner') return { prescripteur: principal.org };
  if (principal.role === 'organisme') return { session: { organisme: principal.org } };
  return {};
}
