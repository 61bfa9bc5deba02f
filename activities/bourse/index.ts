/** The bursaries' own activities (instruction, instalments, emergency aids) and their modules for the case core. */
import type { ActivityDeps } from '../deps';
import { aideUrgenceActivities } from './aide-urgence';
import { bourseInstructionActivities } from './instruction';
import { bourseVersementActivities } from './versements';

export function bourseActivities(deps: ActivityDeps) {
  return {
    ...bourseInstructionActivities(deps),
    ...bourseVersementActivities(deps),
    ...aideUrgenceActivities(deps),
  };
}

export { aideUrgenceModule, bourseModule } from './module';
