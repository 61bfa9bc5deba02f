/**
 * The caseworkers' web console, under /console (docs/CONSOLE.md): server-rendered pages (Preact rendered to a
 * string) with htmx for partial updates, on the API's own services and access rules. Its routes use the
 * session cookie, never a bearer token, so they are outside the API's route table and OpenAPI document; the
 * console's tests cover them (test/console.*.test.ts).
 */
import express, { type Router } from 'express';
import type { Transporter } from 'nodemailer';
import type { ApiContext } from '../context';
import { navOf } from './layout';
import { assetRoutes } from './assets';
import { caseRoutes } from './case/routes';
import { oidcRoutes } from './oidc';
import { queueRoutes } from './queue/routes';
import { roleRoutes } from './roles/routes';
import { closeSession, requireSession, sessionOf } from './session';
import { signInRoutes } from './signin';

/** `mailer`: the API's SMTP transport, for the work queue's reminders (null: none configured, a reminder says so). */
export function consoleRouter(ctx: ApiContext, mailer: Transporter | null = null): Router {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 2000 }));
  router.use((_req, res, next) => {
    // Pages of personal data: not framed, not cached, no referrer leaving the site.
    res.set({ 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'same-origin', 'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'" });
    next();
  });
  assetRoutes(router);
  signInRoutes(router, ctx);
  oidcRoutes(router, ctx);

  router.use(requireSession(ctx.orm));
  router.get('/', (req, res) => {
    const home = navOf(sessionOf(req).principal)[0]?.href;
    res.redirect(303, home ?? '/console/connexion');
  });
  router.post('/deconnexion', async (req, res) => {
    await closeSession(ctx.orm, req, res);
    res.redirect(303, '/console/connexion');
  });
  queueRoutes(router, ctx, mailer);
  caseRoutes(router, ctx);
  roleRoutes(router, ctx);
  return router;
}
