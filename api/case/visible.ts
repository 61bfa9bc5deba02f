/**
 * Which cases a caller may see in a list, as one SQL condition over `dossier d`: each process contributes its
 * cases within its scope for the caller (api/case/process-api.ts) and its own filters (session, bassin...).
 * The API's GET /cases and the console's work queue both build on it: one rule for both.
 */
import type { Principal } from '../auth';
import { PROCESS_APIS } from '../processes';
import type { ListScope, ProcessApi } from './process-api';

export interface VisibleFilters {
  process?: string;
  stage?: string;
  [processFilter: string]: unknown;
}

export function visibleCasesWhere(principal: Principal, query: VisibleFilters): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const process of PROCESS_APIS) {
    if (query.process && query.process !== process.definition.kind) continue;
    const scope = scopeOf(principal, process);
    // No listFilter: the process has no filter of its own; a null one: none of its cases match the query's filters.
    const filter = process.listFilter ? process.listFilter(query, principal) : { where: 'true', params: [] };
    if (!scope || !filter) continue;
    // Nothing to check in the satellite (a caseworker's list without a process filter): the kind alone says it,
    // and the 100,000-case work queue needs no probe per row.
    if (scope.where === 'true' && filter.where === 'true') {
      parts.push('d.process_kind = ?');
      params.push(process.definition.kind);
      continue;
    }
    parts.push(`(d.process_kind = ? and d.id in (select s.dossier_id from ${process.satelliteTable} s where (${scope.where}) and (${filter.where})))`);
    params.push(process.definition.kind, ...scope.params, ...filter.params);
  }
  const where = [parts.length ? `(${parts.join(' or ')})` : 'false', ...(query.stage ? ['d.stage = ?'] : [])].join(' and ');
  if (query.stage) params.push(query.stage);
  return { where, params };
}

function scopeOf(principal: Principal, process: ProcessApi): ListScope | null {
  if (principal.role === 'caseworker' || principal.role === 'ops') return { where: 'true', params: [] };
  if (principal.role === 'finance') return null;
  return process.listScope(principal);
}
