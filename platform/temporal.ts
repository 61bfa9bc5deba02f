/** The Temporal client every process shares: one per process, created at start-up. */
import { Client, Connection } from '@temporalio/client';
import { dataConverter } from './codec-converter';
import type { Config } from './config';

export async function connectClient(config: Config): Promise<Client> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverter(config.TEMPORAL_CODEC_KEYS) });
}
