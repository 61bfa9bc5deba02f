/** The pages of the training providers, finance and partners. */
import type { Router } from 'express';
import type { ApiContext } from '../../context';
import { financeRoutes } from './finance';
import { organismeRoutes } from './organisme';
import { partenaireRoutes } from './partenaire';

export function roleRoutes(router: Router, ctx: ApiContext): void {
  organismeRoutes(router, ctx);
  financeRoutes(router, ctx);
  partenaireRoutes(router, ctx);
}
