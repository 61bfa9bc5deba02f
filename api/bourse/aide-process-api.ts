/**
 * The emergency aids as the API's case core sees them. The commission sees an aid once it was sent to it,
 * never the identity: an anonymous number, the programme, the amounts, the social assessment (written
 * without a name) and the limits check.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AideUrgenceDossier } from '../../db/entities';
import { AIDE_URGENCE } from '../../domain/bourse/aide-urgence-process';
import { formationLabel } from '../../domain/bourse/formations';
import { aideEtatQuery, type AideState } from '../../workflows/aide-urgence/messages';
import type { Principal } from '../auth';
import { defineProcessApi } from '../case/process-api';
import { aideRoutes } from './aide-routes';
import { BourseViewShape } from './schemas';

const load = async (em: EntityManager, caseId: string) => {
  const aide = await em.findOne(AideUrgenceDossier, { dossier: caseId }, { populate: ['dossier.person'] });
  if (!aide) return null;
  const [b] = await em.execute(`select formation from bourse_dossier where dossier_id = ?`, [aide.bourse.id]);
  return { aide, formation: formationLabel(b?.formation ?? '') };
};
type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

function view(principal: Principal, { aide, formation }: Loaded, state: AideState) {
  const anonymous = {
    numero: aide.numero, annee: aide.annee, formation, montantDemandeCents: aide.montantDemandeCents, avance: aide.avance,
    evaluation: aide.evaluation, propositionCents: state.evaluation?.propositionCents ?? null, controle: state.controle, decision: state.decision,
  };
  switch (principal.role) {
    case 'caseworker':
      return { aideUrgence: { ...anonymous, bourseCaseId: aide.bourse.id, situation: aide.situation, versement: state.versement } };
    case 'commission':
      return { aideUrgence: anonymous };
    case 'ops':
      return { aideUrgence: { numero: aide.numero, annee: aide.annee } };
    default:
      return {};
  }
}

export const aideUrgenceApi = defineProcessApi<Loaded, AideState>({
  definition: AIDE_URGENCE,
  stateQuery: aideEtatQuery,
  satelliteTable: 'aide_urgence_dossier',
  loadSatellite: load,
  dossierOf: ({ aide }) => aide.dossier,
  mayAccess: (principal, { aide }) => principal.role === 'commission' && aide.evaluation !== null,
  listScope: () => null,
  // The trainee journey's filters (session, bassin...) match no aid; without them caseworkers and ops list every aid.
  listFilter: (query) => (['sessionId', 'bassin', 'dispositif', 'organismeId', 'prescripteurId'].some((f) => query[f] !== undefined) ? null
    : { where: 'true', params: [] }),
  identity: (principal) => (principal.role === 'caseworker' ? 'full' : 'none'),
  view: async (_em, principal, loaded, state) => view(principal, loaded, state),
  viewShape: BourseViewShape.pick({ aideUrgence: true }),
  routes: aideRoutes,
});
