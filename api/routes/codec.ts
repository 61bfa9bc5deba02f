/**
 * Codec endpoint for the Temporal Web UI (remote codec): decodes payloads for ops so they can read a
 * workflow's inputs and results. Only the ops role, except on a developer's machine where
 * CODEC_ALLOW_ANONYMOUS lets the local UI call it without a token.
 */
import express, { type Request, type Response, type NextFunction } from 'express';
import type { Payload } from '@temporalio/common';
import { codecFromSpec } from '../../platform/codec';
import type { Config } from '../../platform/config';
import { authenticate, principalOf } from '../auth';
import { forbidden, HttpError } from '../errors';

/** A payload as the remote codec protocol carries it (proto3 JSON: bytes in base64). */
export interface WirePayload {
  metadata?: Record<string, string>;
  data?: string;
}

const b64 = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString('base64');
export const toWire = (p: Payload): WirePayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
  data: b64(p.data),
});
const fromWire = (p: WirePayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});

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
    const body = req.body as { payloads?: WirePayload[] };
    if (!Array.isArray(body?.payloads)) throw new HttpError(400, 'payloads attendus');
    const payloads = body.payloads.map(fromWire);
    const result = await codec[op](payloads);
    res.json({ payloads: result.map(toWire) });
  };
  router.post('/encode', handle('encode'));
  router.post('/decode', handle('decode'));
  return router;
}
