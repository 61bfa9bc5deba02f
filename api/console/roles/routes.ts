/** The pages of the training providers, finance and partners. */
import type { Router } from 'express';
import type { ApiContext } from '../../context';

export function roleRoutes(_router: Router, _ctx: ApiContext): void {
  // filled in below
}
