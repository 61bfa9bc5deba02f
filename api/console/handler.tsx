/**
 * How a console route runs: the session's principal, then the handler; the API's errors become pages (403 "accès
 * refusé", 404, 503) with the API's French message, never a stack trace. The same HttpError as the API: the
 * access functions (api/case/access.ts) are the API's own.
 */
import type { Request, Response } from 'express';
import type { Principal, Role } from '../auth';
import { forbidden, HttpError, toHttpError } from '../errors';
import { logger } from '../../platform/logger';
import { Page } from './layout';
import { sendPage } from './render';
import { sessionOf } from './session';

export interface ConsoleRequest {
  req: Request;
  res: Response;
  principal: Principal;
  csrf: string;
}

/** A console route for these roles; any other role gets the 403 page. */
export function consoleRoute(roles: readonly Role[], handler: (c: ConsoleRequest) => Promise<void>) {
  return async (req: Request, res: Response): Promise<void> => {
    const { principal, csrf } = sessionOf(req);
    try {
      if (!roles.includes(principal.role)) throw forbidden('votre rôle ne donne pas accès à cette page');
      await handler({ req, res, principal, csrf });
    } catch (err) {
      const known = toHttpError(err);
      if (!known) logger.error({ err, method: req.method, path: req.route?.path }, 'console: unexpected error');
      sendErrorPage(res, known ?? new HttpError(500, 'erreur interne : l’exploitation est prévenue'), principal, csrf);
    }
  };
}

const TITLES: Record<number, string> = { 400: 'Demande invalide', 403: 'Accès refusé', 404: 'Page ou dossier introuvable', 409: 'Action impossible',
  503: 'Service momentanément indisponible', 500: 'Erreur' };

export function sendErrorPage(res: Response, error: HttpError, principal?: Principal, csrf?: string): void {
  sendPage(res, (
    <Page title={TITLES[error.status] ?? 'Erreur'} principal={principal} csrf={csrf}>
      <p>{error.message}</p>
      <p><a href="/console">Retour à l’accueil de la console</a></p>
    </Page>
  ), error.status);
}
