/**
 * The HTTP API: translates requests into database reads and Temporal client calls. Public: health,
 * OpenAPI, docs and the hosted badges (public verification); the codec endpoint has its own guard; everything
 * else needs a bearer token. Every route is in the app's route table (api/route.ts), read by the 405 answers
 * and by the authorisation test.
 */
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express from 'express';
import type { Transporter } from 'nodemailer';
import { authenticate } from './auth';
import type { ApiContext } from './context';
import type { Config } from '../platform/config';
import { rejectNulCharacters, methodGuard } from './edge';
import { errorMiddleware, HttpError } from './errors';
import { declareProcessRoutes, declareRoute, routeTableOf, type RouteRecord } from './route';
import { caseRoutes } from './case/routes';
import { badgePublicRoutes } from './parcours/badges';
import { PROCESS_APIS } from './processes';
import { codecRouter } from './routes/codec';
import { partnerRoutes } from './routes/partners';
import { paymentFileRoutes } from './routes/payment-files';
import { parametreRoutes } from './finance/parametres-routes';
import { systemRouter } from './routes/system';
import { consoleRouter } from './console';
import { measureRequests } from '../platform/metrics/http';

export function createApp(ctx: ApiContext, mailer: Transporter | null = null): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // First: every request is timed, those refused early (400, 401, 404, 405, 413) too.
  app.use(measureRequests);
  // The Web UI sends whole histories' payloads to the codec: a larger body than any API request.
  app.use('/codec', express.json({ limit: '8mb' }), rejectNulCharacters, codecRouter(ctx.config));
  app.use(express.json({ limit: '100kb' }));
  app.use(rejectNulCharacters);

  const registry = new OpenAPIRegistry();
  app.locals.routeTable = routeTableOf(registry);
  for (const op of ['encode', 'decode']) {
    declareRoute(registry, { method: 'post', path: `/codec/${op}`, documented: false, responses: {},
      access: ctx.config.CODEC_ALLOW_ANONYMOUS === 'true' ? 'public' : { roles: ['ops'] } });
  }
  const api = express.Router();
  caseRoutes(api, registry, ctx);
  for (const process of PROCESS_APIS) declareProcessRoutes(registry, process.definition.kind, () => process.routes(api, registry, ctx));
  partnerRoutes(api, registry, ctx);
  paymentFileRoutes(api, registry, ctx);
  parametreRoutes(api, registry, ctx);

  app.use(systemRouter(ctx, registry, mailer));
  // The web console: its own session cookie, pages and forms (api/console), on the same services as the API.
  app.use('/console', consoleRouter(ctx, mailer));
  // Open Badges documents (issuer, BadgeClass, Assertion) are public: hosted verification.
  app.use(badgePublicRoutes(ctx, registry));
  // A known path with another method: 405, before authentication (the document says which methods exist).
  app.use(methodGuard(registry));
  app.use(authenticate(ctx.config.AUTH_JWT_SECRET), api);
  app.use((_req, _res, next) => next(new HttpError(404, 'ressource introuvable')));
  app.use(errorMiddleware);
  return app;
}

/** The routes of an app made by createApp (its route table, api/route.ts). */
export const routeTableOfApp = (app: express.Express): readonly RouteRecord[] => app.locals.routeTable as RouteRecord[];

/**
 * The route table alone, without serving anything (the handlers' database and Temporal client are never
 * reached: any use throws): what tools and generated tests read before a system runs.
 */
export function describeRoutes(config: Config): readonly RouteRecord[] {
  const unused = new Proxy({}, { get: (_target, property) => { throw new Error(`describeRoutes serves no request (${String(property)})`); } });
  return routeTableOfApp(createApp({ orm: unused, client: unused, config } as unknown as ApiContext));
}
