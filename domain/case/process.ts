/**
 * A process definition, in pure code: its stages, the actions people may take and at which stages, the
 * deadlines it watches, and the words people read for each. The workflow kernel checks actions against it,
 * the API explains a 409 with it and lists what a stage allows.
 */
export interface ActionDefinition<S extends string> {
  /** The action's public name, as people read it in French ("Décider du positionnement"). */
  label: string;
  allowedIn: readonly S[];
}

export interface ProcessDefinition<S extends string = string, A extends string = string> {
  /** The process kind, stored in `dossier.process_kind` and the `SprfpProcess` search attribute. */
  kind: string;
  label: string;
  /** Workflow ids are `<prefix>-<case id>`. */
  workflowIdPrefix: string;
  stages: Readonly<Record<S, string>>;
  initialStage: S;
  /** The stage of a closed case. */
  closedStage: S;
  actions: Readonly<Record<A, ActionDefinition<S>>>;
  /** Deadline kinds and what is expected, in words for the alert mail and the case page. */
  deadlines: Readonly<Record<string, string>>;
}

export const defineProcess = <S extends string, A extends string>(definition: ProcessDefinition<S, A>): ProcessDefinition<S, A> => definition;

export const workflowIdOf = (definition: Pick<ProcessDefinition, 'workflowIdPrefix'>, caseId: string): string =>
  `${definition.workflowIdPrefix}-${caseId}`;

export function isActionAllowed<S extends string, A extends string>(definition: ProcessDefinition<S, A>, action: A, stage: S): boolean {
  return definition.actions[action].allowedIn.includes(stage);
}

/** The actions a stage allows now (the case page shows them as forms). */
export function actionsAllowedIn<S extends string, A extends string>(definition: ProcessDefinition<S, A>, stage: S): A[] {
  return (Object.keys(definition.actions) as A[]).filter((a) => isActionAllowed(definition, a, stage));
}

export function actionNotAllowedMessage<S extends string, A extends string>(definition: ProcessDefinition<S, A>, action: A, stage: S): string {
  const { label, allowedIn } = definition.actions[action];
  return `« ${label} » n'est pas possible à l'étape « ${definition.stages[stage]} » (possible à : ${allowedIn
    .map((s) => definition.stages[s]).join(', ')})`;
}
