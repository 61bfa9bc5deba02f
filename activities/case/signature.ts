/**
 * Signature of the events sent to partners: HMAC-SHA256 over "<timestamp>.<body>" with the partner's key,
 * sent as `X-Sprfp-Signature: v1=<hex>` beside `X-Sprfp-Timestamp`, so the receiver can check origin,
 * integrity and freshness (docs/PARTNERS.md).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-sprfp-signature';
export const TIMESTAMP_HEADER = 'x-sprfp-timestamp';
export const EVENT_ID_HEADER = 'x-sprfp-event-id';

export function sign(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verify(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
