/** The sur-mesure orders as the API's case core sees them: their satellite, who sees them, what each role sees. */
import { SUR_MESURE } from '../../domain/sur-mesure/process';
import { etatCommandeQuery, type SurMesureState } from '../../workflows/sur-mesure/messages';
import { defineProcessApi } from '../case/process-api';
import { commandeScope, loadCommande, mayAccessCommande, type LoadedCommande } from './access';
import { indicateurRoutes } from './indicateurs/routes';
import { besoinRoutes } from './routes-besoin';
import { embaucheRoutes } from './routes-embauche';
import { instructionRoutes } from './routes-instruction';
import { recrutementRoutes } from './routes-recrutement';
import { CommandeViewShape } from './schemas';
import { commandeView } from './views';

export const surMesureApi = defineProcessApi<LoadedCommande, SurMesureState>({
  definition: SUR_MESURE,
  stateQuery: etatCommandeQuery,
  satelliteTable: 'sur_mesure_commande',
  loadSatellite: loadCommande,
  dossierOf: ({ commande }) => commande.dossier,
  mayAccess: mayAccessCommande,
  listScope: commandeScope,
  listFilter(query) {
    if (query.sessionId !== undefined || query.dispositif !== undefined || query.prescripteurId !== undefined) return null;
    const filters = [['s.bassin = ?', query.bassin], ['s.organisme_id = ?', query.organismeId]].filter(([, value]) => value !== undefined);
    return { where: ['true', ...filters.map(([condition]) => condition)].join(' and '), params: filters.map(([, value]) => value) };
  },
  // The case's person of an order is the company's contact: the parties who work with it see how to reach it.
  identity: (principal) => (['caseworker', 'chef_service'].includes(principal.role) ? 'full'
    : ['entreprise', 'organisme'].includes(principal.role) ? 'contact' : 'none'),
  view: commandeView,
  viewShape: CommandeViewShape,
  routes(router, registry, ctx) {
    besoinRoutes(router, registry, ctx);
    instructionRoutes(router, registry, ctx);
    recrutementRoutes(router, registry, ctx);
    embaucheRoutes(router, registry, ctx);
    indicateurRoutes(router, registry, ctx);
  },
});
