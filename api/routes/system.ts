/** Health of the API's dependencies, the OpenAPI document and its human-readable page. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import express from 'express';
import swaggerUi from 'swagger-ui-express';
import { Dossier } from '../../db/entities';
import type { ApiContext } from '../context';
import type { Transporter } from 'nodemailer';

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
    info: { title: 'SPRFP Normandie – gestion des parcours', version: '1.0.0',
      description: 'API des chargés de parcours, des partenaires prescripteurs et des organismes de formation.' },
    servers: [{ url: baseUrl }],
  });
}

export function systemRouter(ctx: ApiContext, registry: OpenAPIRegistry, mailer: Transporter | null): express.Router {
  const router = express.Router();
  let document: ReturnType<typeof openApiDocument> | null = null;
  const doc = () => (document ??= openApiDocument(registry, ctx.config.PUBLIC_BASE_URL));
  router.get('/health', async (_req, res) => {
    const result = await health(ctx, mailer);
    res.status(result.status === 'ok' ? 200 : 503).json(result);
  });
  router.get('/openapi.json', (_req, res) => void res.json(doc()));
  router.use('/docs', swaggerUi.serve, (req: express.Request, res: express.Response, next: express.NextFunction) =>
    swaggerUi.setup(doc())(req, res, next));
  return router;
}
