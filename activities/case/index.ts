/** The case core's activities, given the modules of the processes the worker runs. */
import type { ActivityDeps } from '../deps';
import { handoffActivities } from './handoff';
import { incidentActivities } from './incident';
import { journalActivities } from './journal';
import { mailActivities } from './mail';
import type { CaseProcessModule, PartnerEventDataBuilder } from './process-module';

export function caseActivities(deps: ActivityDeps, modules: readonly CaseProcessModule[]) {
  const byKind = new Map(modules.map((m) => [m.kind, m]));
  const builders = new Map<string, PartnerEventDataBuilder>();
  for (const module of modules) {
    for (const [type, build] of Object.entries(module.partnerEvents)) {
      if (builders.has(type)) throw new Error(`partner event type ${type} declared twice`);
      builders.set(type, build);
    }
  }
  return {
    ...journalActivities(deps),
    ...mailActivities(deps, byKind),
    ...handoffActivities(deps, builders),
    ...incidentActivities(deps, byKind),
  };
}
