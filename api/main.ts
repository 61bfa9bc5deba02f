/**
 * The API process: one ORM, one Temporal client, one Express app on PORT, its metrics on API_METRICS_PORT, and the
 * relay of the statements' inbox.
 */
import { openOrm } from '../db/orm';
import { loadConfig } from '../platform/config';
import { logger } from '../platform/logger';
import { createMailer } from '../platform/mailer';
import { apiRegistries, startMetricsServer } from '../platform/metrics/server';
import { connectClient } from '../platform/temporal';
import { createApp } from './app';
import { startStatementRelay } from './parcours/etats-presence-inbox';

async function main(): Promise<void> {
  const config = loadConfig();
  const orm = await openOrm(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  const client = await connectClient(config);
  const app = createApp({ orm, client, config }, createMailer(config.SMTP_URL));
  const relay = config.STATEMENT_RELAY_IN_FLIGHT > 0 ? startStatementRelay({ orm, client }, { inFlight: config.STATEMENT_RELAY_IN_FLIGHT }) : null;
  const metrics = config.API_METRICS_PORT === 0 ? null
    : await startMetricsServer(apiRegistries(orm), config.API_METRICS_PORT, config.METRICS_HOST);
  const server = app.listen(config.PORT, () => logger.info({ port: config.PORT, metricsPort: metrics?.port ?? null }, 'API listening'));
  const stop = (): void => {
    server.close(() => void relay?.stop()
      .then(() => Promise.all([orm.close(), client.connection.close(), metrics?.close()])).then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  logger.error({ err }, 'API stopped on error');
  process.exit(1);
});
