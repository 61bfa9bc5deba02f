/** All activities, built from their dependencies. Workflows proxy `Activities` (import type only). */
import type { ActivityDeps } from './deps';
import { dossierActivities } from './dossier';
import { mailActivities } from './mail/send-mail';
import { handoffActivities } from './partners/handoff';

export function createActivities(deps: ActivityDeps) {
  return {
    ...dossierActivities(deps),
    ...mailActivities(deps),
    ...handoffActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps';
