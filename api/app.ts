/**
 * The HTTP API: translates requests into database reads and Temporal client calls. Public: health,
 * OpenAPI, docs and the hosted badges (public verification); the codec endpoint has its own guard; everything
 * else needs a bearer token.
 */
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express from 'express';
import type { Transporter } from 'nodemailer';
import { authenticate } from './auth';
import type { ApiContext } from './context';
import { errorMiddleware, HttpError } from './errors';
import { caseRoutes } from './case/routes';
import { badgePublicRoutes } from './parcours/badges';
import { PROCESS_APIS } from './processes';
import { codecRouter } from './routes/codec';
import { partnerRoutes } from './routes/partners';
import { paymentFileRoutes } from './routes/payment-files';
import { parametreRoutes } from './finance/parametres-routes';
import { systemRouter } from './routes/system';

export function createApp(ctx: ApiContext, mailer: Transporter | null = null): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // The Web UI sends whole histories' payloads to the codec: a larger body than any API request.
  app.use('/codec', express.json({ limit: '8mb' }), codecRouter(ctx.config));
  app.use(express.json({ limit: '100kb' }));

  const registry = new OpenAPIRegistry();
  const api = express.Router();
  caseRoutes(api, registry, ctx);
  for (const process of PROCESS_APIS) process.routes(api, registry, ctx);
  partnerRoutes(api, registry, ctx);
  paymentFileRoutes(api, registry, ctx);
  parametreRoutes(api, registry, ctx);

  app.use(systemRouter(ctx, registry, mailer));
  // Open Badges documents (issuer, BadgeClass, Assertion) are public: hosted verification.
  app.use(badgePublicRoutes(ctx, registry));
  app.use(authenticate(ctx.config.AUTH_JWT_SECRET), api);
  app.use((_req, _res, next) => next(new HttpError(404, 'ressource introuvable')));
  app.use(errorMiddleware);
  return app;
}
