/**
 * A partner's real HTTP endpoint the test starts: it checks each event's signature, records it, and
 * answers 503 for the first `failures` calls (Infinity: never acknowledges), 200 after.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verify } from '../../activities/case/signature';

export interface ReceivedEvent {
  eventId: string;
  body: { id: string; type: string; version: number; data: Record<string, unknown> };
  signatureValid: boolean;
  answered: number;
}

export interface PartnerEndpoint {
  url: string;
  received: ReceivedEvent[];
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> => new Promise((resolve) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString()));
});

/** `failureStatus`: what the first `failures` calls answer (503: try again later; 410: never). */
export async function startPartnerEndpoint(secret: string, failures = 0, failureStatus = 503): Promise<PartnerEndpoint> {
  const received: ReceivedEvent[] = [];
  const server = createServer((req, res) => void readBody(req).then((raw) => {
    const answered = received.length < failures ? failureStatus : 200;
    received.push({
      eventId: String(req.headers['x-sprfp-event-id']),
      body: JSON.parse(raw),
      signatureValid: verify(secret, String(req.headers[TIMESTAMP_HEADER]), raw, String(req.headers[SIGNATURE_HEADER])),
      answered,
    });
    res.writeHead(answered).end();
  }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/events`, received, close: () => new Promise((r) => server.close(() => r())) };
}
