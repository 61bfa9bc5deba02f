/**
 * `npm run -s token -- --role caseworker --sub agent-1 [--org <uuid>] [--email x] [--ttl 8h]`
 * Prints a bearer token (JWT, HS256) the API accepts, signed with AUTH_JWT_SECRET (the dev default unless set).
 * Development only: in production the Région's identity provider issues the tokens.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { issueToken, ORGANISATION_ROLES, ROLES, type Principal } from '../api/auth';
import { loadConfig } from '../platform/config';

const USAGE = `usage: npm run -s token -- --role <${ROLES.join('|')}> --sub <id> [--org <uuid>] [--email <mail>] [--name <adviser's name>] [--ttl 8h]
  --org    required for ${ORGANISATION_ROLES.join(', ')} (the organisation's id), refused otherwise
  --email  caseworker only (becomes the referent of the cases they create)
  --ttl    lifetime: a number and a unit s, m, h, d or w (default 8h)`;

const Args = z.object({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
  sub: z.string({ error: 'required' }).trim().min(1, 'required'),
  org: z.string().uuid('must be a UUID').optional(),
  email: z.string().email('must be an e-mail address').optional(),
  name: z.string().trim().min(1).max(200).optional(),
  ttl: z.string().regex(/^\d+\s?[smhdw]$/, 'must look like 30m, 8h or 7d').default('8h'),
}).superRefine((a, ctx) => {
  const needsOrg = (ORGANISATION_ROLES as readonly string[]).includes(a.role);
  if (needsOrg && !a.org) ctx.addIssue({ code: 'custom', path: ['org'], message: `required for role ${a.role}` });
  if (!needsOrg && a.org) ctx.addIssue({ code: 'custom', path: ['org'], message: `not allowed for role ${a.role}` });
  if (a.email && a.role !== 'caseworker' && a.role !== 'chef_service') ctx.addIssue({ code: 'custom', path: ['email'], message: 'caseworker only' });
  if (a.name && a.role !== 'caseworker') ctx.addIssue({ code: 'custom', path: ['name'], message: 'caseworker only' });
});

/** The claims of the token, in the exact shape api/auth.ts accepts for the role. */
function claimsOf(a: z.infer<typeof Args>): Principal {
  switch (a.role) {
    case 'caseworker': return { sub: a.sub, role: a.role, ...(a.email ? { email: a.email } : {}), ...(a.name ? { name: a.name } : {}) };
    case 'chef_service': return { sub: a.sub, role: a.role, ...(a.email ? { email: a.email } : {}) };
    case 'ops': case 'finance': case 'commission': return { sub: a.sub, role: a.role };
    default: return { sub: a.sub, role: a.role, org: a.org! };
  }
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      options: { role: { type: 'string' }, sub: { type: 'string' }, org: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, ttl: { type: 'string' } },
      strict: true,
    }).values;
  } catch (err) {
    fail(`error: ${(err as Error).message}`);
  }
  const parsed = Args.safeParse(values);
  if (!parsed.success) fail(parsed.error.issues.map((i) => `error: --${i.path.join('.')}: ${i.message}`).join('\n'));
  console.log(await issueToken(loadConfig().AUTH_JWT_SECRET, claimsOf(parsed.data), parsed.data.ttl));
}

main().catch((err: Error) => fail(`error: ${err.message}`));
