import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Config } from '../platform/config';

/** What request handlers use: one ORM and one Temporal client per process. */
export interface ApiContext {
  orm: MikroORM;
  client: Client;
  config: Config;
}
