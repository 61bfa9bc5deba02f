/** The trainee journey's own activities: its records (positionnement, seat, contract) and its pay. */
import type { SendCaseMail } from '../case/mail';
import type { ActivityDeps } from '../deps';
import { parcoursDossierActivities } from './dossier';
import { remunerationActivities } from './remuneration/remuneration';

/** `sendMail`: the case core's, for the payment that sends its relevé itself. */
export function parcoursActivities(deps: ActivityDeps, sendMail: SendCaseMail) {
  return {
    ...parcoursDossierActivities(deps),
    ...remunerationActivities(deps, sendMail),
  };
}

export { parcoursModule } from './module';
