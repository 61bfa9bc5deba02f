/**
 * One way to declare an endpoint: its schemas validate the request AND describe it in the OpenAPI
 * document; its roles are checked before anything is read; and it is written in the app's route table,
 * which the 405 answers and the authorisation test (test/api.authorization.test.ts) read. A route whose
 * handler must be written by hand (an answer that is not JSON, a status that depends on the outcome, a
 * public document) is declared with `declareRoute`, so it is in the document and the table all the same.
 */
import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import { z, type ZodType } from 'zod';
import { principalOf, ROLE_LABELS, type Principal, type Role } from './auth';
import { ERROR_CODES, forbidden, type ErrorStatus } from './errors';
import { errorResponseOf } from './schemas';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * What a path parameter can designate. `owned`: an organisation owns it (a partner its referrals' cases,
 * a provider its sessions' cases, an organisation the events addressed to it); another organisation of the
 * same role gets 403, as for any object it may not see (docs/DECISIONS.md, 403 vs 404).
 */
export const OBJECT_KINDS = {
  /** A case of the process that declares the route (the route table says which). */
  case: { owned: true, description: 'un dossier du processus de la route' },
  partner_event: { owned: true, description: 'une notification adressée à une organisation' },
  session: { owned: false, description: 'une session du catalogue de formation' },
  payment_file: { owned: false, description: 'un fichier de paiement' },
  badge_class: { owned: false, description: 'un badge du catalogue' },
  badge_assertion: { owned: false, description: 'une attribution de badge' },
  // The objects below belong to a case, named by another parameter of the same route: its owner is the case's.
  overpayment: { owned: false, description: 'un indu d’un dossier' },
  sur_mesure_candidate: { owned: false, description: 'un candidat proposé pour une commande sur-mesure' },
  sur_mesure_trainee: { owned: false, description: 'un stagiaire d’une commande sur-mesure (son dossier de parcours)' },
  pay_parameter_notice: { owned: false, description: 'un avis de revalorisation manquante' },
  pay_parameter_proposal: { owned: false, description: 'une proposition de paramètre de rémunération' },
} as const satisfies Record<string, { owned: boolean; description: string }>;
export type ObjectKind = keyof typeof OBJECT_KINDS;

/** By convention a path parameter of this name designates this kind (a route may say otherwise). */
const CONVENTIONAL_KINDS: Readonly<Record<string, ObjectKind>> = { caseId: 'case', sessionId: 'session' };

export interface RouteSpec<B extends ZodType, Q extends ZodType, P extends ZodType> {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  roles: readonly Role[];
  body?: B;
  query?: Q;
  params?: P;
  ok: { status: number; schema: ZodType; description: string };
  /**
   * A request body as a caller would send it: the document's example (every route with a body has one).
   * Without it, the body schema's own (`.meta({ example })`) is used.
   */
  example?: z.input<B>;
  /**
   * Statuses this route may answer beyond those of every route (400, 401, 403, 503; 404 with a path
   * parameter; 413 with a body), with what they mean here: e.g. `{ 409: 'étape qui ne le permet pas' }`.
   */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** What each path parameter designates, when its name does not say it (`caseId` is a case). */
  designates?: Readonly<Record<string, ObjectKind>>;
  /** More for the document than the summary says. */
  description?: string;
}

export interface RouteContext<B extends ZodType, Q extends ZodType, P extends ZodType> {
  body: z.infer<B>;
  query: z.infer<Q>;
  params: z.infer<P>;
  principal: Principal;
  req: Request;
  res: Response;
}

/** One route as the app knows it: what the 405 answers and the authorisation test are generated from. */
export interface RouteRecord {
  method: HttpMethod;
  /** Express form: `/cases/:caseId/decision`. */
  path: string;
  /** Who may call it; `public`: no token at all. */
  access: { roles: readonly Role[] } | 'public';
  /** What each path parameter designates; a parameter missing here is a route the test cannot cover. */
  params: readonly string[];
  designates: Readonly<Record<string, ObjectKind>>;
  schemas: { params?: ZodType; query?: ZodType; body?: ZodType };
  example?: unknown;
  /** The statuses the document gives it. */
  statuses: readonly number[];
  /** False for the routes outside the OpenAPI document (the Web UI's codec). */
  documented: boolean;
  /** The process whose routes these are (`parcours`, `sur_mesure`...): its cases are what `case` designates here. */
  process?: string;
}

const tables = new WeakMap<OpenAPIRegistry, RouteRecord[]>();
const declaringProcess = new WeakMap<OpenAPIRegistry, string>();

/** The routes declared with this registry: one app's route table. */
export function routeTableOf(registry: OpenAPIRegistry): RouteRecord[] {
  let table = tables.get(registry);
  if (!table) tables.set(registry, (table = []));
  return table;
}

/** Declares a process's routes (`declare`), each recorded as that process's. */
export function declareProcessRoutes(registry: OpenAPIRegistry, processKind: string, declare: () => void): void {
  declaringProcess.set(registry, processKind);
  try {
    declare();
  } finally {
    declaringProcess.delete(registry);
  }
}

function record(registry: OpenAPIRegistry, route: Omit<RouteRecord, 'process'>): void {
  const process = declaringProcess.get(registry);
  routeTableOf(registry).push({ ...route, ...(process ? { process } : {}) });
}

export const pathParamsOf = (path: string): string[] => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');
const operationId = (method: string, path: string): string => method + path.split(/[/-]/).filter(Boolean)
  .map((part) => part.replace(/^:/, 'by-')).map((part) => part.split(/[^A-Za-z0-9]+/).map((w) => w[0].toUpperCase() + w.slice(1)).join('')).join('');

/** The example a schema carries in its metadata (`.meta({ example })`), if any. */
const metaExampleOf = (schema: ZodType | undefined): unknown => (schema?.meta() as { example?: unknown } | undefined)?.example;

const designationsOf = (path: string, declared: Readonly<Record<string, ObjectKind>> = {}): Record<string, ObjectKind> =>
  Object.fromEntries(pathParamsOf(path).flatMap((p) => {
    const kind = declared[p] ?? CONVENTIONAL_KINDS[p];
    return kind ? [[p, kind]] : [];
  }));

const ERROR_DESCRIPTIONS: Readonly<Record<ErrorStatus, string>> = {
  400: 'Requête invalide : les champs refusés et pourquoi',
  401: 'Non authentifié : jeton absent, invalide ou expiré',
  403: 'Rôle non autorisé, ou objet d’une autre organisation',
  404: 'Introuvable',
  405: 'Méthode non permise sur ce chemin (en-tête Allow)',
  409: 'Conflit',
  413: 'Corps de requête trop volumineux (100 ko au plus)',
  500: 'Erreur interne',
  503: 'Service momentanément indisponible : réessayer après Retry-After secondes',
};

/** What a 409 means on a route that changes a case (any of them: the case core's rule). */
const CASE_CONFLICT = 'L’étape du dossier ne permet pas cette action, ou le dossier est clos';

/** A route that changes a case: the stage may refuse it (409), whatever the process. */
const changesACase = (method: HttpMethod, designates: Record<string, ObjectKind>): boolean =>
  method !== 'get' && Object.values(designates).includes('case');

/** The error statuses of a route: those of every route, then its own. */
function errorStatusesOf(opts: { public: boolean; path: string; body: boolean; own?: Partial<Record<ErrorStatus, string>>; changesACase?: boolean }): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>([400, 503]);
  if (!opts.public) [401, 403].forEach((s) => statuses.add(s as ErrorStatus));
  if (pathParamsOf(opts.path).length) statuses.add(404);
  if (opts.body) statuses.add(413);
  if (opts.changesACase) statuses.add(409);
  for (const s of Object.keys(opts.own ?? {})) statuses.add(Number(s) as ErrorStatus);
  return [...statuses].sort((a, b) => a - b);
}

function errorResponses(statuses: ErrorStatus[], own: Partial<Record<ErrorStatus, string>> = {}): Record<number, ResponseConfig> {
  return Object.fromEntries(statuses.map((status) => [status, {
    description: `${own[status] ?? ERROR_DESCRIPTIONS[status]} — codes : ${ERROR_CODES[status].join(', ')}`,
    ...(status === 503 ? { headers: z.object({ 'Retry-After': z.string().describe('Secondes avant de réessayer') }) } : {}),
    content: { 'application/json': { schema: errorResponseOf(status) } },
  }]));
}

export function defineRoute<B extends ZodType = ZodType, Q extends ZodType = ZodType, P extends ZodType = ZodType>(
  router: Router,
  registry: OpenAPIRegistry,
  spec: RouteSpec<B, Q, P>,
  handler: (ctx: RouteContext<B, Q, P>) => Promise<unknown>,
): void {
  spec = { ...spec, example: spec.example ?? (metaExampleOf(spec.body) as z.input<B> | undefined) };
  const designates = designationsOf(spec.path, spec.designates);
  const onCase = changesACase(spec.method, designates);
  const statuses = errorStatusesOf({ public: false, path: spec.path, body: Boolean(spec.body), own: spec.errors, changesACase: onCase });
  record(registry, {
    method: spec.method, path: spec.path, access: { roles: spec.roles }, params: pathParamsOf(spec.path),
    designates, schemas: { params: spec.params, query: spec.query, body: spec.body },
    example: spec.example, statuses: [spec.ok.status, ...statuses], documented: true,
  });
  registry.registerPath(openApiOf({ ...spec, errors: { ...(onCase ? { 409: CASE_CONFLICT } : {}), ...spec.errors } }, statuses));
  router[spec.method](spec.path, async (req, res) => {
    const principal = principalOf(req);
    if (!spec.roles.includes(principal.role)) throw forbidden(`votre rôle (${ROLE_LABELS[principal.role]}) ne permet pas : « ${spec.summary} »`);
    const ctx = {
      body: spec.body ? spec.body.parse(req.body ?? {}) : undefined,
      query: spec.query ? spec.query.parse(req.query) : undefined,
      params: spec.params ? spec.params.parse(req.params) : undefined,
      principal,
      req,
      res,
    } as RouteContext<B, Q, P>;
    const result = await handler(ctx);
    res.status(spec.ok.status).json(result);
  });
}

function openApiOf<B extends ZodType, Q extends ZodType, P extends ZodType>(spec: RouteSpec<B, Q, P>, statuses: ErrorStatus[]): RouteConfig {
  return {
    method: spec.method,
    path: openApiPath(spec.path),
    operationId: operationId(spec.method, spec.path),
    summary: spec.summary,
    tags: [spec.tag],
    description: [spec.description, `Rôles : ${spec.roles.join(', ')}`].filter(Boolean).join('\n\n'),
    security: [{ bearer: [] }],
    'x-roles': [...spec.roles],
    request: {
      ...(spec.body ? { body: { required: true, content: { 'application/json': { schema: spec.body,
        ...(spec.example === undefined ? {} : { example: spec.example }) } } } } : {}),
      ...(spec.query ? { query: spec.query as never } : {}),
      ...(spec.params ? { params: spec.params as never } : {}),
    },
    responses: {
      [spec.ok.status]: { description: spec.ok.description, content: { 'application/json': { schema: spec.ok.schema } } },
      ...errorResponses(statuses, spec.errors),
    },
  };
}

/** `defineRoute` bound to one router and one OpenAPI registry. */
export function routeDefiner(router: Router, registry: OpenAPIRegistry) {
  return <B extends ZodType = ZodType, Q extends ZodType = ZodType, P extends ZodType = ZodType>(
    spec: RouteSpec<B, Q, P>,
    handler: (ctx: RouteContext<B, Q, P>) => Promise<unknown>,
  ): void => defineRoute(router, registry, spec, handler);
}

/** A route whose handler is written by hand: its document (zod-to-openapi's RouteConfig) and its access. */
export type HandDeclaredRoute = Omit<RouteConfig, 'method' | 'path'> & {
  method: HttpMethod;
  /** Express form (`/payment-files/:id/csv`); the document gets `{id}`. */
  path: string;
  /** Who may call it (the handler checks it), or `public`. */
  access: { roles: readonly Role[] } | 'public';
  designates?: Readonly<Record<string, ObjectKind>>;
  example?: unknown;
  /** False: in the route table, not in the OpenAPI document. */
  documented?: boolean;
};

/**
 * Declares a route whose handler is written by hand: writes it in the route table and, unless told
 * otherwise, in the document, where the error answers every route may give are added to its own.
 */
export function declareRoute(registry: OpenAPIRegistry, route: HandDeclaredRoute): void {
  const { access, designates, documented = true, method, path, ...config } = route;
  const isPublic = access === 'public';
  const body = config.request?.body;
  const bodySchema = body?.content['application/json'] as { schema?: ZodType } | undefined;
  const example = route.example ?? (bodySchema?.schema instanceof z.ZodType ? metaExampleOf(bodySchema.schema) : undefined);
  const designations = designationsOf(path, designates);
  const statuses = errorStatusesOf({ public: isPublic, path, body: Boolean(body), changesACase: changesACase(method, designations) });
  const own = Object.keys(config.responses ?? {}).map(Number);
  record(registry, {
    method, path, access, params: pathParamsOf(path), designates: designations,
    schemas: { params: config.request?.params as ZodType | undefined, query: config.request?.query as ZodType | undefined,
      body: bodySchema?.schema instanceof z.ZodType ? bodySchema.schema : undefined },
    example, statuses: [...new Set([...own, ...statuses])].sort((a, b) => a - b), documented,
  });
  if (!documented) return;
  const withExample = body && example !== undefined
    ? { ...config.request, body: { ...body, required: true, content: Object.fromEntries(Object.entries(body.content)
      .map(([type, media]) => [type, { ...media, example }])) } }
    : config.request && body ? { ...config.request, body: { ...body, required: true } } : config.request;
  registry.registerPath({
    ...config,
    method,
    path: openApiPath(path),
    operationId: config.operationId ?? operationId(method, path),
    security: isPublic ? [] : [{ bearer: [] }],
    'x-roles': isPublic ? [] : [...access.roles],
    ...(withExample ? { request: withExample } : {}),
    responses: { ...errorResponses(statuses.filter((s) => !own.includes(s)), { 409: CASE_CONFLICT }), ...config.responses },
  });
}
