/**
 * Codec endpoint for the Temporal Web UI (remote codec): decodes payloads for ops so they can read a
 * workflow's inputs and results. Only the ops role, except on a developer's machine where
 * CODEC_ALLOW_ANONYMOUS lets the local UI call it without a token.
 */
import express, { type Request, type Response, type NextFunction } from 'express';
import { JSONToPayload, payloadToJSON, type JSONPayload } from '@temporalio/common/lib/proto-utils';
import { codecFromSpec } from '../../platform/codec';
import type { Config } from '../../platform/config';
import { authenticate, principalOf } from '../auth';
import { forbidden, HttpError } from '../errors';

type Payloads = { payloads: JSONPayload[] };

export function codecRouter(config: Config): express.Router {
  const codec = codecFromSpec(config.TEMPORAL_CODEC_KEYS);
  const origins = config.CODEC_CORS_ORIGINS.split(',').map((o) => o.trim());
  const router = express.Router();
  router.use((req, res, next) => {
    const origin = req.headers.origin;
    if (origin && origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Namespace');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method === 'OPTIONS') return void res.sendStatus(204);
    next();
  });
  if (config.CODEC_ALLOW_ANONYMOUS !== 'true') {
    router.use(authenticate(config.AUTH_JWT_SECRET), (req: Request, _res: Response, next: NextFunction) => {
      next(principalOf(req).role === 'ops' ? undefined : forbidden('le décodage est réservé aux opérateurs'));
    });
  }
  const handle = (op: 'encode' | 'decode') => async (req: Request, res: Response) => {
    const body = req.body as Payloads;
    if (!Array.isArray(body?.payloads)) throw new HttpError(400, 'payloads attendus');
    const payloads = body.payloads.map(JSONToPayload);
    const result = await codec[op](payloads);
    res.json({ payloads: result.map(payloadToJSON) });
  };
  router.post('/encode', handle('encode'));
  router.post('/decode', handle('decode'));
  return router;
}
