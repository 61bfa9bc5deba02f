/**
 * The HTTP API: translates requests into database reads and Temporal client calls. Public: health,
 * OpenAPI, docs; the codec endpoint has its own guard; everything else needs a bearer token.
 */
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express from 'express';
import type { Transporter } from 'nodemailer';
import { authenticate } from './auth';
import type { ApiContext } from './context';
import { errorMiddleware, HttpError } from './errors';
import { caseRoutes } from './routes/cases';
import { codecRouter } from './routes/codec';
import { partnerRoutes } from './routes/partners';
import { sessionRoutes } from './routes/sessions';
import { systemRouter } from './routes/system';

export function createApp(ctx: ApiContext, mailer: Transporter | null = null): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));

  const registry = new OpenAPIRegistry();
  const api = express.Router();
  caseRoutes(api, registry, ctx);
  partnerRoutes(api, registry, ctx);
  sessionRoutes(api, registry, ctx);

  app.use(systemRouter(ctx, registry, mailer));
  app.use('/codec', codecRouter(ctx.config));
  app.use(authenticate(ctx.config.AUTH_JWT_SECRET), api);
  app.use((_req, _res, next) => next(new HttpError(404, 'ressource introuvable')));
  app.use(errorMiddleware);
  return app;
}
