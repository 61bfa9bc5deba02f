/**
 * An SMTP server that keeps only the Message-ID of each mail it receives (no address, no body: the chaos run
 * counts mails, it does not read them). A mail sent twice with the same Message-ID (a worker killed between the
 * SMTP dialogue and the `sent` mark) counts once by id, and the duplicate is counted apart.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface MessageIdSink {
  url: string;
  /** Times each Message-ID was received. */
  received: Map<string, number>;
  close(): Promise<void>;
}

const HEADER_END = '\r\n\r\n';

export async function startMessageIdSink(): Promise<MessageIdSink> {
  const received = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (!head.includes(HEADER_END)) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const id = head.split(HEADER_END)[0].match(/^message-id:\s*(<[^>]+>)/im)?.[1] ?? '(none)';
        received.set(id, (received.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
