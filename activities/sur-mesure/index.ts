/** The sur-mesure orders' own activities: their records, their trainees' journeys, the provider's payment. */
import type { ActivityDeps } from '../deps';
import { commandeActivities } from './commande';
import { prestationActivities } from './prestation';
import { stagiaireActivities } from './stagiaires';

export function surMesureActivities(deps: ActivityDeps) {
  return {
    ...commandeActivities(deps),
    ...stagiaireActivities(deps),
    ...prestationActivities(deps),
  };
}

export { surMesureModule } from './module';
