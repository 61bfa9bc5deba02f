/**
 * The processes the API serves, as the case core sees them (api/case/process-api.ts): one line per process.
 * The core's routes, access checks and views look a case's process up here by its kind.
 */
import { z } from 'zod';
import type { ProcessApi } from './case/process-api';
import { parcoursApi } from './parcours/process-api';
import { surMesureApi } from './sur-mesure/process-api';
import { BOURSE_APIS } from './bourse';
import { CaseStateSchema, PersonSchema, SensitiveSchema } from './schemas';

export const PROCESS_APIS: readonly ProcessApi[] = [parcoursApi as unknown as ProcessApi, surMesureApi as unknown as ProcessApi, ...BOURSE_APIS];

export function processApiOf(kind: string): ProcessApi {
  const found = PROCESS_APIS.find((p) => p.definition.kind === kind);
  if (!found) throw new Error(`no API for process ${kind}`);
  return found;
}

/** The case page's OpenAPI shape: the core part, then each process's own, told apart by `process`. */
export function processViewSchema() {
  const views = PROCESS_APIS.map((p) => CaseStateSchema.extend({
    process: z.literal(p.definition.kind),
    stageLabel: z.string(),
    allowedActions: z.array(z.object({ action: z.string(), label: z.string() })).describe('Ce que l’étape permet maintenant'),
    incident: z.object({ since: z.string(), detail: z.string() }).nullable()
      .describe('Une opération du dossier échoue malgré les essais : le dossier attend la reprise par l’exploitation'),
    person: PersonSchema.partial().optional(),
    sensitive: SensitiveSchema.optional(),
  }).extend(p.viewShape.shape));
  return (views.length === 1 ? views[0] : z.discriminatedUnion('process', views as never)).meta({ id: 'Dossier' });
}
