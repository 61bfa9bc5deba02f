/**
 * One way to declare an endpoint: its schemas validate the request AND describe it in the OpenAPI
 * document; its roles are checked before anything is read.
 */
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import { z, type ZodType } from 'zod';
import { principalOf, type Principal, type Role } from './auth';
import { forbidden } from './errors';
import { ErrorResponse } from './schemas';

export interface RouteSpec<B extends ZodType, Q extends ZodType, P extends ZodType> {
  method: 'get' | 'post' | 'put';
  path: string;
  summary: string;
  tag: string;
  roles: readonly Role[];
  body?: B;
  query?: Q;
  params?: P;
  ok: { status: number; schema: ZodType; description: string };
}

export interface RouteContext<B extends ZodType, Q extends ZodType, P extends ZodType> {
  body: z.infer<B>;
  query: z.infer<Q>;
  params: z.infer<P>;
  principal: Principal;
  req: Request;
  res: Response;
}

const ERRORS = { 400: 'Requête invalide', 401: 'Non authentifié', 403: 'Rôle ou organisation non autorisé', 404: 'Introuvable', 409: 'Conflit (doublon, étape)' };

export function defineRoute<B extends ZodType = ZodType, Q extends ZodType = ZodType, P extends ZodType = ZodType>(
  router: Router,
  registry: OpenAPIRegistry,
  spec: RouteSpec<B, Q, P>,
  handler: (ctx: RouteContext<B, Q, P>) => Promise<unknown>,
): void {
  registry.registerPath(openApiOf(spec));
  router[spec.method](spec.path, async (req, res) => {
    const principal = principalOf(req);
    if (!spec.roles.includes(principal.role)) throw forbidden();
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

function openApiOf<B extends ZodType, Q extends ZodType, P extends ZodType>(spec: RouteSpec<B, Q, P>): RouteConfig {
  const errorResponses = Object.fromEntries(Object.entries(ERRORS).map(([code, description]) =>
    [code, { description, content: { 'application/json': { schema: ErrorResponse } } }]));
  return {
    method: spec.method,
    path: spec.path.replace(/:(\w+)/g, '{$1}'),
    summary: spec.summary,
    tags: [spec.tag],
    description: `Rôles : ${spec.roles.join(', ')}`,
    security: [{ bearer: [] }],
    request: {
      ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
      ...(spec.query ? { query: spec.query as never } : {}),
      ...(spec.params ? { params: spec.params as never } : {}),
    },
    responses: {
      [spec.ok.status]: { description: spec.ok.description, content: { 'application/json': { schema: spec.ok.schema } } },
      ...errorResponses,
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
