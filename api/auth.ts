/**
 * Callers authenticate with a bearer token (JWT, HS256) naming their role and, for partners and training
 * providers, their organisation. The Région's identity provider issues them in production;
 * `npm run token` issues them for development.
 */
import type { NextFunction, Request, Response } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { HttpError } from './errors';

export const ROLES = ['caseworker', 'chef_service', 'partner', 'organisme', 'ops', 'finance', 'institut', 'crous', 'commission', 'entreprise'] as const;
export type Role = (typeof ROLES)[number];

/** Each role as people name it (messages). */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  caseworker: 'chargé·e de parcours',
  chef_service: 'chef·fe de service',
  partner: 'partenaire prescripteur',
  organisme: 'organisme de formation',
  ops: 'exploitation',
  finance: 'finances',
  institut: 'institut de formation',
  crous: 'CROUS',
  commission: 'commission',
  entreprise: 'entreprise',
};

const ClaimsSchema = z.discriminatedUnion('role', [
  /** `name` and `email`: the adviser the trainee's mails name and reply to (when this caseworker follows the case). */
  z.object({ sub: z.string().min(1), role: z.literal('caseworker'), email: z.string().email().optional(), name: z.string().min(1).max(200).optional() }),
  z.object({ sub: z.string().min(1), role: z.literal('ops') }),
  z.object({ sub: z.string().min(1), role: z.literal('finance') }),
  z.object({ sub: z.string().min(1), role: z.literal('partner'), org: z.string().uuid() }),
  z.object({ sub: z.string().min(1), role: z.literal('organisme'), org: z.string().uuid() }),
  /** Head of the caseworkers' service: second-level validations (visa). */
  z.object({ sub: z.string().min(1), role: z.literal('chef_service'), email: z.string().email().optional() }),
  /** A health & social training institute (IFSI, IFAS...). */
  z.object({ sub: z.string().min(1), role: z.literal('institut'), org: z.string().uuid() }),
  /** The CROUS, which sends the students' applications (dossier social étudiant). */
  z.object({ sub: z.string().min(1), role: z.literal('crous'), org: z.string().uuid() }),
  /** A member of the emergency-aid commission: decides without seeing identities. */
  z.object({ sub: z.string().min(1), role: z.literal('commission') }),
  /** A company committing to hire (sur-mesure), identified by its organisation (SIRET). */
  z.object({ sub: z.string().min(1), role: z.literal('entreprise'), org: z.string().uuid() }),
]);

/** Roles that act for an organisation (their token names it). */
export const ORGANISATION_ROLES = ['partner', 'organisme', 'institut', 'crous', 'entreprise'] as const satisfies readonly Role[];
export type Principal = z.infer<typeof ClaimsSchema>;

/** The actor written in histories and the audit log: role and id, never a name. */
export function actorOf(p: Principal): string {
  return 'org' in p ? `${p.role}:${p.org}` : `${p.role}:${p.sub}`;
}

export async function issueToken(secret: string, claims: Principal, ttl = '8h'): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(ttl).sign(key(secret));
}

const key = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/** The principal a token names, if the token is valid (signature, expiry, claims of its role). */
export async function verifyToken(secret: string, token: string): Promise<Principal> {
  const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'] });
  return ClaimsSchema.parse(payload);
}

/** Claims from another source (the console's OpenID Connect sign-in), checked against the same shapes. */
export const parsePrincipal = (claims: unknown): Principal => ClaimsSchema.parse(claims);

export function authenticate(secret: string) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : null;
    if (!token) return next(new HttpError(401, 'authentification requise (Authorization: Bearer <jeton>)'));
    try {
      res_locals(req).principal = await verifyToken(secret, token);
      next();
    } catch {
      next(new HttpError(401, 'jeton invalide ou expiré'));
    }
  };
}

const res_locals = (req: Request): { principal?: Principal } => req as unknown as { principal?: Principal };

export function principalOf(req: Request): Principal {
  const p = res_locals(req).principal;
  if (!p) throw new HttpError(401, 'authentification requise');
  return p;
}
