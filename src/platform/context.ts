// What every capability's routes receive: the database, the tenant this server serves, and the
// access configuration. Available as `app.luoshi` / `request.server.luoshi`.
import type { AccessConfig } from '../access/config.ts';
import type { Db } from './db.ts';

export interface AppContext {
  db: Db;
  /** Administrative division code (GB/T 2260), e.g. 140423. */
  tenant: string;
  access: AccessConfig;
}

declare module 'fastify' {
  interface FastifyInstance {
    luoshi: AppContext;
  }
}
