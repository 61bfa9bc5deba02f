/**
 * All activities, built from their dependencies: the case core's (journal, mail, handoffs) over the modules
 * of the processes, the shared payment ledger, and each process's own. Workflows proxy `Activities`
 * (import type only).
 */
import { caseActivities } from './case';
import type { ActivityDeps } from './deps';
import { paymentActivities } from './paiements/ledger';
import { parcoursActivities, parcoursModule } from './parcours';
import { surMesureActivities, surMesureModule } from './sur-mesure';
import { aideUrgenceModule, bourseActivities, bourseModule } from './bourse';

/** The processes the worker runs, as the case core sees them (mails, partner events). */
export const PROCESS_MODULES = [parcoursModule, surMesureModule, bourseModule, aideUrgenceModule];

export function createActivities(deps: ActivityDeps) {
  const core = caseActivities(deps, PROCESS_MODULES);
  return {
    ...core,
    ...paymentActivities(deps),
    ...parcoursActivities(deps, core.sendMail),
    ...surMesureActivities(deps),
    ...bourseActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps';
