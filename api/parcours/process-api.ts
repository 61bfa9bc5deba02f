/** The trainee journey as the API's case core sees it: its satellite, who sees its cases, what each role sees. */
import { PARCOURS } from '../../domain/parcours/stages';
import { etatQuery, type ParcoursState } from '../../workflows/parcours/messages';
import type { Principal } from '../auth';
import { defineProcessApi } from '../case/process-api';
import { badgeRoutes } from './badges';
import { loadParcoursCase, type ParcoursCase } from './case-row';
import { formationRoutes } from './formation-routes';
import { indicatorRoutes } from './indicators/routes';
import { induRoutes } from './indus-routes';
import { parcoursRoutes } from './routes';
import { sessionRoutes } from './sessions-routes';
import { ParcoursViewShape } from './schemas';

export const parcoursApi = defineProcessApi<ParcoursCase, ParcoursState>({
  definition: PARCOURS,
  stateQuery: etatQuery,
  satelliteTable: 'parcours_dossier',
  loadSatellite: loadParcoursCase,
  dossierOf: (p) => p.dossier,
  // A partner sees the cases it referred, a training provider the cases of its sessions.
  mayAccess: (principal, p) => (principal.role === 'partner' && p.prescripteur?.id === principal.org)
    || (principal.role === 'organisme' && p.session.organisme.id === principal.org),
  listScope(principal) {
    if (principal.role === 'partner') return { where: 's.prescripteur_id = ?', params: [principal.org] };
    if (principal.role === 'organisme') {
      return { where: 'exists (select 1 from formation_session fs where fs.id = s.session_id and fs.organisme_id = ?)', params: [principal.org] };
    }
    return null;
  },
  listFilter(query, principal) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: string, value: unknown): void => void (value !== undefined && (where.push(condition), params.push(value)));
    add('s.session_id = ?', query.sessionId);
    add('s.prescripteur_id = ?', principal.role === 'partner' ? undefined : query.prescripteurId);
    // `in (...)` rather than a correlated exists: the planner hashes the few matching sessions once (a work queue
    // filtered by bassin at 100,000 cases, test/console.queue.bench.ts).
    const session = (column: string) => `s.session_id in (select fs.id from formation_session fs where fs.${column} = ?)`;
    add(session('bassin'), query.bassin);
    add(session('dispositif'), query.dispositif);
    add(session('organisme_id'), principal.role === 'organisme' ? undefined : query.organismeId);
    return { where: where.length ? where.join(' and ') : 'true', params };
  },
  identity: (principal: Principal) => (principal.role === 'ops' ? 'none' : principal.role === 'organisme' ? 'contact' : 'full'),
  async view(_em, principal, p, state) {
    return {
      session: {
        id: p.session.id, title: p.session.title, organisme: p.session.organisme.name, bassin: p.session.bassin,
        dispositif: p.session.dispositif, startDate: p.session.startDate, endDate: p.session.endDate,
      },
      prescripteur: p.prescripteur ? { id: p.prescripteur.id, name: p.prescripteur.name } : null,
      ...formationView(principal, state),
    };
  },
  viewShape: ParcoursViewShape,
  routes(router, registry, ctx) {
    parcoursRoutes(router, registry, ctx);
    sessionRoutes(router, registry, ctx);
    formationRoutes(router, registry, ctx);
    induRoutes(router, registry, ctx);
    badgeRoutes(router, registry, ctx);
    indicatorRoutes(router, registry, ctx);
  },
});

/** Pay progress: the caseworker sees all of it, the organisme which statements it has certified. */
function formationView(principal: Principal, { formation }: ParcoursState) {
  if (!formation) return {};
  if (principal.role === 'caseworker') return { formation };
  if (principal.role === 'organisme') {
    return { formation: { entryDate: formation.entryDate, endDate: formation.endDate, statements: formation.statements,
      suspendedSince: formation.suspendedSince, sortie: formation.sortie } };
  }
  return {};
}
