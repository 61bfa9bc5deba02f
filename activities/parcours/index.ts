/** The trainee journey's own activities: its records (positionnement, seat, contract) and its pay. */
import type { ActivityDeps } from '../deps';
import { parcoursDossierActivities } from './dossier';
import { remunerationActivities } from './remuneration/remuneration';

export function parcoursActivities(deps: ActivityDeps) {
  return {
    ...parcoursDossierActivities(deps),
    ...remunerationActivities(deps),
  };
}

export { parcoursModule } from './module';
