/**
 * Signing in. Development: a page that issues the development token of a role (api/auth.ts issueToken, the
 * same as `npm run token`), verifies it as the API does, and opens a session with its principal. Production:
 * the Région's identity provider (OpenID Connect, ./oidc.ts). Either way the browser only ever holds the
 * session cookie.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { issueToken, ORGANISATION_ROLES, ROLE_LABELS, ROLES, verifyToken, type Principal } from '../auth';
import type { ApiContext } from '../context';
import { ErrorSummary, Page } from './layout';
import { oidcConfigured } from './oidc';
import { sendPage } from './render';
import { openSession, purgeExpired } from './session';

const isOrgRole = (role: string): boolean => (ORGANISATION_ROLES as readonly string[]).includes(role);

const DevSignIn = z.object({
  role: z.enum(ROLES, { error: 'choisissez un rôle' }),
  sub: z.string().trim().min(1, 'indiquez un identifiant').max(60, '60 caractères au plus'),
  org: z.string().optional(),
  email: z.string().trim().optional(),
}).superRefine((v, c) => {
  if (isOrgRole(v.role) && !z.string().uuid().safeParse(v.org).success) c.addIssue({ code: 'custom', path: ['org'], message: 'choisissez l’organisation pour ce rôle' });
  if (v.email && !z.string().email().safeParse(v.email).success) c.addIssue({ code: 'custom', path: ['email'], message: 'adresse électronique invalide' });
});

const claimsOf = (v: z.infer<typeof DevSignIn>): Principal => (isOrgRole(v.role)
  ? { sub: v.sub, role: v.role, org: v.org }
  : { sub: v.sub, role: v.role, ...(v.role === 'caseworker' && v.email ? { email: v.email } : {}) }) as Principal;

interface Org { id: string; name: string; kind: string }

export function signInRoutes(router: Router, ctx: ApiContext): void {
  const dev = ctx.config.CONSOLE_DEV_SIGNIN === 'true';

  router.get('/connexion', async (_req, res) => {
    sendPage(res, <SignInPage dev={dev} oidc={oidcConfigured(ctx.config)} orgs={dev ? await orgsOf(ctx) : []} errors={[]} />);
  });

  router.post('/connexion/dev', async (req, res) => {
    if (!dev || !sameOrigin(req)) return void res.status(403).type('text/plain').send('connexion de développement indisponible');
    const parsed = DevSignIn.safeParse(req.body);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: `connexion-${String(i.path[0])}`, message: i.message }));
      return sendPage(res, <SignInPage dev oidc={oidcConfigured(ctx.config)} orgs={await orgsOf(ctx)} errors={errors} />, 400);
    }
    // The same token the API accepts, verified the same way: the session holds exactly its principal.
    const principal = await verifyToken(ctx.config.AUTH_JWT_SECRET, await issueToken(ctx.config.AUTH_JWT_SECRET, claimsOf(parsed.data)));
    await signedIn(ctx, res, principal, req.secure);
  });
}

export async function signedIn(ctx: ApiContext, res: Response, principal: Principal, secure: boolean): Promise<void> {
  await purgeExpired(ctx.orm);
  await openSession(ctx.orm, res, principal, secure);
  res.redirect(303, '/console');
}

/** A sign-in form posted from elsewhere is refused (login CSRF): the Origin, when sent, must be ours. */
export function sameOrigin(req: Request): boolean {
  const origin = req.get('origin');
  return !origin || origin === `${req.protocol}://${req.get('host')}`;
}

const orgsOf = (ctx: ApiContext): Promise<Org[]> =>
  (ctx.orm.em.fork() as EntityManager).execute<Org[]>('select id, name, kind from organisation order by kind, name limit 500');

function SignInPage({ dev, oidc, orgs, errors }: { dev: boolean; oidc: boolean; orgs: Org[]; errors: { field?: string; message: string }[] }) {
  return (
    <Page title="Connexion à la console">
      <ErrorSummary errors={errors} />
      {oidc && <p><a href="/console/connexion/oidc">Se connecter avec le compte de la Région</a></p>}
      {!oidc && !dev && <p>La connexion n’est pas configurée (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET).</p>}
      {dev && (
        <form method="post" action="/console/connexion/dev">
          <h2>Connexion de développement</h2>
          <p class="aide">Délivre le jeton de développement du rôle choisi (comme <code>npm run token</code>). Absente en production.</p>
          <div class="champ"><label for="connexion-role">Rôle</label>
            <select id="connexion-role" name="role">{ROLES.map((r) => <option value={r}>{ROLE_LABELS[r]}</option>)}</select></div>
          <div class="champ"><label for="connexion-sub">Identifiant</label>
            <input id="connexion-sub" name="sub" required autocomplete="username" value="agent-1" /></div>
          <div class="champ"><label for="connexion-org">Organisation (partenaire, organisme…)</label>
            <select id="connexion-org" name="org" aria-describedby="connexion-org-aide"><option value="">Aucune</option>
              {orgs.map((o) => <option value={o.id}>{`${o.name} (${o.kind})`}</option>)}</select>
            <p class="aide" id="connexion-org-aide">Obligatoire pour les rôles qui agissent pour une organisation.</p></div>
          <div class="champ"><label for="connexion-email">Courriel (chargé·e de parcours, facultatif)</label>
            <input id="connexion-email" name="email" type="email" autocomplete="email" /></div>
          <button type="submit">Se connecter</button>
        </form>
      )}
    </Page>
  );
}
