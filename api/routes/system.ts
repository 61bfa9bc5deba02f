/** Health of the API's dependencies, the OpenAPI document and its human-readable page. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import express from 'express';
import swaggerUi from 'swagger-ui-express';
import { z } from 'zod';
import { Dossier } from '../../db/entities';
import type { ApiContext } from '../context';
import type { Transporter } from 'nodemailer';
import { declareRoute } from '../route';

const Up = z.enum(['up', 'down']);
const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  dependencies: z.object({ database: Up, temporal: Up, smtp: z.enum(['up', 'down', 'not-configured']) }),
  openIncidents: z.number().int().nullable().describe('Dossiers en incident (opération qui échoue malgré les essais)'),
}).meta({ id: 'Sante' });

/** The document's front page: who calls what, in which order, and how errors read. */
const GUIDE = `API des chargés de parcours, des partenaires prescripteurs, des organismes de formation, de l’exploitation
et des finances de la Région.

## Le parcours stagiaire, étape par étape
1. **Trouver une session** : \`GET /sessions\` (catalogue).
2. **Repérage** : un partenaire prescrit (\`POST /referrals\`) ou un chargé de parcours crée le dossier
   (\`POST /cases\`). Réponse 201 avec \`caseId\` ; étape \`reperage\`. Une personne déjà connue garde son dossier
   personnel : ce qui est nouveau y est ajouté, et la réponse le dit (\`person\`).
3. **Positionnement** (chargé de parcours) : planifier (\`POST /cases/{caseId}/positionnement\`), enregistrer les
   résultats (\`…/positionnement/resultats\`), décider (\`…/decision\` : admis, réorienté ou refusé).
4. **Entrée** (organisme, à partir du premier jour) : \`POST /cases/{caseId}/entree\` ; étape \`en_formation\`.
5. **Rémunération** (chargé de parcours) : \`POST /cases/{caseId}/remuneration\` (barème, IBAN).
6. **Chaque mois** (organisme) : \`POST /cases/{caseId}/etats-presence\` ; le paiement suit le délai de correction.
   En cours de formation : aides (\`…/aides\`), suspension et reprise (\`…/suspension\`, \`…/reprise\`), badges
   (\`…/badges\`).
7. **Sortie** (organisme) : \`POST /cases/{caseId}/sortie\` ; étape \`suivi\`.
8. **Suivi emploi** à 3 et 6 mois (partenaire ou chargé de parcours) : \`POST /cases/{caseId}/suivi\`.
9. **Finances** : \`POST /payment-files\`, puis \`GET /payment-files/{id}/xml\` (pain.001) et \`…/csv\`.

À tout moment, \`GET /cases/{caseId}\` montre l’étape, l’historique, les échéances et \`allowedActions\` (ce que
l’étape permet maintenant) ; \`POST /cases/{caseId}/retrait\` clôt un dossier avant l’entrée. Les partenaires lisent
et acquittent leurs notifications : \`GET /notifications\`, \`POST /notifications/{eventId}/ack\`.

## Erreurs
Toute erreur est \`{ "error": "…", "code": "…" }\` : \`error\` en français pour la personne, \`code\` stable pour les
programmes (liste par statut dans chaque réponse) ; un 400 nomme les champs refusés (\`fields\`). 401 : jeton
absent ou invalide ; 403 : rôle, ou objet d’une autre organisation ; 404 : identifiant inconnu ; 405 : méthode
absente de ce chemin (en-tête \`Allow\`) ; 409 : étape qui ne permet pas l’action, doublon, dossier clos ;
413 : corps de plus de 100 ko ; 503 : indisponible pour l’instant, réessayer après \`Retry-After\` secondes.`;

export async function health(ctx: ApiContext, mailer: Transporter | null) {
  const check = async (fn: () => Promise<unknown>): Promise<'up' | 'down'> => {
    try {
      await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))]);
      return 'up';
    } catch {
      return 'down';
    }
  };
  const dependencies = {
    database: await check(() => ctx.orm.em.fork().getConnection().execute('select 1')),
    temporal: await check(() => ctx.client.workflowService.getSystemInfo({})),
    smtp: mailer ? await check(() => mailer.verify()) : ('not-configured' as const),
  };
  const ok = dependencies.database === 'up' && dependencies.temporal === 'up';
  // Cases stuck on a failing activity: the API is up, but ops must look (their alert went out too).
  const incidents = dependencies.database === 'up' ? await openIncidents(ctx) : null;
  return { status: ok ? 'ok' : 'degraded', dependencies, openIncidents: incidents };
}

async function openIncidents(ctx: ApiContext): Promise<number> {
  return ctx.orm.em.fork().count(Dossier, { incidentSince: { $ne: null } });
}

export function openApiDocument(registry: OpenAPIRegistry, baseUrl: string) {
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'SPRFP Normandie – gestion des parcours', version: '1.0.0', description: GUIDE },
    servers: [{ url: baseUrl }],
  });
}

export function systemRouter(ctx: ApiContext, registry: OpenAPIRegistry, mailer: Transporter | null): express.Router {
  const router = express.Router();
  let document: ReturnType<typeof openApiDocument> | null = null;
  const doc = () => (document ??= openApiDocument(registry, ctx.config.PUBLIC_BASE_URL));
  declareRoute(registry, { method: 'get', path: '/health', access: 'public', tags: ['Exploitation'],
    summary: 'État de l’API et de ses dépendances (base de données, Temporal, SMTP) ; dossiers en incident',
    responses: {
      200: { description: 'Base de données et Temporal répondent', content: { 'application/json': { schema: HealthSchema } } },
      503: { description: 'Une dépendance indispensable ne répond pas', content: { 'application/json': { schema: HealthSchema } } },
    } });
  declareRoute(registry, { method: 'get', path: '/openapi.json', access: 'public', documented: false, responses: {} });
  router.get('/health', async (_req, res) => {
    const result = await health(ctx, mailer);
    res.status(result.status === 'ok' ? 200 : 503).json(result);
  });
  router.get('/openapi.json', (_req, res) => void res.json(doc()));
  router.use('/docs', swaggerUi.serve, (req: express.Request, res: express.Response, next: express.NextFunction) =>
    swaggerUi.setup(doc())(req, res, next));
  return router;
}
