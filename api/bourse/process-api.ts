/** The bursaries as the API's case core sees them: the satellite, who of the partner-side roles sees a case, what each role sees. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { BourseDossier } from '../../db/entities';
import { BOURSE } from '../../domain/bourse/process';
import { bourseEtatQuery, type BourseState } from '../../workflows/bourse/messages';
import { defineProcessApi } from '../case/process-api';
import { bourseIndicatorRoute } from './indicators';
import { aideOpeningRoute } from './aide-routes';
import { importRoute } from './import-route';
import { bourseListRoute } from './list-route';
import { bourseRoutes } from './routes';
import { BourseViewShape } from './schemas';
import { bourseView } from './view';

const load = (em: EntityManager, caseId: string) => em.findOne(BourseDossier, { dossier: caseId }, { populate: ['dossier.person', 'institut', 'crous'] });
type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

/** Filters of GET /cases that only the trainee journey has: no bursary matches them. */
const PARCOURS_FILTERS = ['sessionId', 'bassin', 'dispositif', 'organismeId', 'prescripteurId'];

export const bourseApi = defineProcessApi<Loaded, BourseState>({
  definition: BOURSE,
  stateQuery: bourseEtatQuery,
  satelliteTable: 'bourse_dossier',
  loadSatellite: load,
  dossierOf: (b) => b.dossier,
  // An institute sees its own students; a CROUS the applications it sent.
  mayAccess: (principal, s) => (principal.role === 'institut' && s.institut.id === principal.org)
    || (principal.role === 'crous' && s.crous?.id === principal.org),
  listScope(principal) {
    if (principal.role === 'institut') return { where: 's.institut_id = ?', params: [principal.org] };
    if (principal.role === 'crous') return { where: 's.crous_id = ?', params: [principal.org] };
    return null;
  },
  listFilter: (query) => (PARCOURS_FILTERS.some((f) => query[f] !== undefined) ? null : { where: 'true', params: [] }),
  identity: (principal) => (principal.role === 'ops' || principal.role === 'commission' ? 'none' : principal.role === 'institut' ? 'contact' : 'full'),
  view: bourseView,
  viewShape: BourseViewShape.pick({ bourse: true }),
  routes(router, registry, ctx) {
    importRoute(router, registry, ctx);
    bourseListRoute(router, registry, ctx);
    bourseIndicatorRoute(router, registry, ctx);
    bourseRoutes(router, registry, ctx);
    aideOpeningRoute(router, registry, ctx);
  },
});
