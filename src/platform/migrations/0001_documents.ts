import type { DialectMigration } from './index.ts';

export const m0001Documents: DialectMigration = {
  name: '0001_documents',
  build: () => ({ up: async () => {} }),
};
