/**
 * Production sign-in: OpenID Connect with the Région's identity provider (openid-client), authorization code
 * with PKCE, state and nonce. The transaction (verifier, state, nonce) waits in a short httpOnly cookie that is
 * SameSite=Lax (the identity provider's redirect back is a cross-site navigation: a Strict cookie would not be
 * sent). The ID token's claims give the principal, checked against the API's claim shapes (api/auth.ts): the
 * role in OIDC_ROLE_CLAIM, the organisation in `org`. Tokens stay on the server; the browser gets the session
 * cookie only.
 */
import type { Request, Router } from 'express';
import { generators, Issuer, type Client } from 'openid-client';
import { parsePrincipal, type Principal } from '../auth';
import type { ApiContext } from '../context';
import type { Config } from '../../platform/config';
import { logger } from '../../platform/logger';
import { sendErrorPage } from './handler';
import { HttpError } from '../errors';
import { openSession, purgeExpired } from './session';

const TRANSACTION_COOKIE = 'sprfp_oidc';
const CALLBACK = '/console/connexion/oidc/retour';

export const oidcConfigured = (config: Config): boolean => Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET);

/** The principal an ID token names; throws when its claims do not make one of the API's principals. */
export function principalFromClaims(claims: Record<string, unknown>, roleClaim: string): Principal {
  const { sub, email, name, org } = claims;
  return parsePrincipal({ sub, role: claims[roleClaim], org, email, name });
}

export function oidcRoutes(router: Router, ctx: ApiContext): void {
  if (!oidcConfigured(ctx.config)) return;
  let client: Promise<Client> | null = null;
  const clientOf = (): Promise<Client> => (client ??= discover(ctx.config).catch((err: unknown) => { client = null; throw err; }));
  const redirectUri = new URL(CALLBACK, ctx.config.PUBLIC_BASE_URL).toString();

  router.get('/connexion/oidc', async (_req, res) => {
    const transaction = { verifier: generators.codeVerifier(), state: generators.state(), nonce: generators.nonce() };
    const url = (await clientOf()).authorizationUrl({ scope: 'openid email profile', redirect_uri: redirectUri,
      code_challenge: generators.codeChallenge(transaction.verifier), code_challenge_method: 'S256', state: transaction.state, nonce: transaction.nonce });
    res.cookie(TRANSACTION_COOKIE, JSON.stringify(transaction), { httpOnly: true, sameSite: 'lax', secure: redirectUri.startsWith('https:'),
      path: '/console/connexion/oidc', maxAge: 600_000 });
    res.redirect(303, url);
  });

  router.get('/connexion/oidc/retour', async (req, res) => {
    const transaction = transactionOf(req);
    res.clearCookie(TRANSACTION_COOKIE, { path: '/console/connexion/oidc' });
    try {
      if (!transaction) throw new Error('no OIDC transaction cookie');
      const c = await clientOf();
      const tokens = await c.callback(redirectUri, c.callbackParams(req), { code_verifier: transaction.verifier, state: transaction.state, nonce: transaction.nonce });
      const principal = principalFromClaims(tokens.claims() as Record<string, unknown>, ctx.config.OIDC_ROLE_CLAIM);
      await purgeExpired(ctx.orm);
      await openSession(ctx.orm, res, principal, redirectUri.startsWith('https:'));
      // A page, not a redirect: the navigation began at the identity provider (cross-site), and the Strict session
      // cookie is only sent on a navigation that starts here.
      res.type('html').send('<!doctype html><html lang="fr"><head><meta http-equiv="refresh" content="0;url=/console"><title>Connexion</title></head>'
        + '<body><main><p><a href="/console">Continuer vers la console</a></p></main></body></html>');
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'console: OIDC sign-in refused');
      sendErrorPage(res, new HttpError(403, 'la connexion a échoué ou votre compte n’a pas de rôle dans la console'));
    }
  });
}

async function discover(config: Config): Promise<Client> {
  const issuer = await Issuer.discover(config.OIDC_ISSUER!);
  return new issuer.Client({ client_id: config.OIDC_CLIENT_ID!, client_secret: config.OIDC_CLIENT_SECRET!, response_types: ['code'] });
}

function transactionOf(req: Request): { verifier: string; state: string; nonce: string } | null {
  const raw = (req.headers.cookie ?? '').split(';').map((p) => p.trim()).find((p) => p.startsWith(`${TRANSACTION_COOKIE}=`));
  if (!raw) return null;
  try {
    return JSON.parse(decodeURIComponent(raw.slice(TRANSACTION_COOKIE.length + 1))) as { verifier: string; state: string; nonce: string };
  } catch {
    return null;
  }
}
