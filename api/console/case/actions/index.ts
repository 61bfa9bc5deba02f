/**
 * The actions of a case as forms, one file per process. Each one is the API route's own: the same body schema (so
 * the same checks and French messages), the same workflow update or service (access check, stage check by the
 * workflow, 409 with the definition's message, what the route writes in PostgreSQL). A form only turns its fields
 * into the API's body.
 */
import { AIDE_ACTIONS } from './aide';
import { BOURSE_ACTIONS } from './bourse';
import type { ConsoleAction } from './fields';
import { PARCOURS_ACTIONS } from './parcours';
import { SUR_MESURE_ACTIONS } from './sur-mesure';

export { parisLocalToIso, type Choices, type ConsoleAction, type Form } from './fields';

export const CONSOLE_ACTIONS: readonly ConsoleAction[] = [...PARCOURS_ACTIONS, ...BOURSE_ACTIONS, ...AIDE_ACTIONS, ...SUR_MESURE_ACTIONS];

export const consoleActionOf = (process: string, action: string): ConsoleAction | undefined =>
  CONSOLE_ACTIONS.find((a) => a.process === process && a.action === action);

/** The id of a form field, from the path of a schema's issue (`decision.reason` → `deciderPositionnement-reason`). */
export function fieldIdOf(spec: Pick<ConsoleAction, 'action' | 'fieldOf'>, path: readonly PropertyKey[]): string {
  return `${spec.action}-${spec.fieldOf?.(path) ?? String(path[path.length - 1] ?? 'formulaire')}`;
}
