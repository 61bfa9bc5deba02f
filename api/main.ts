/** The API process: one ORM, one Temporal client, one Express app on PORT. */
import { openOrm } from '../db/orm';
import { loadConfig } from '../platform/config';
import { logger } from '../platform/logger';
import { createMailer } from '../platform/mailer';
import { connectClient } from '../platform/temporal';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const orm = await openOrm(config.DATABASE_URL);
  const client = await connectClient(config);
  const app = createApp({ orm, client, config }, createMailer(config.SMTP_URL));
  const server = app.listen(config.PORT, () => logger.info({ port: config.PORT }, 'API listening'));
  const stop = (): void => {
    server.close(() => void Promise.all([orm.close(), client.connection.close()]).then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  logger.error({ err }, 'API stopped on error');
  process.exit(1);
});
