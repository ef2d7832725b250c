// Kysely table types. Each capability adds its tables here together with its migration.
// (Documents tables are added by the documents capability.)
// biome-ignore lint/complexity/noBannedTypes: filled in by capabilities
export type Database = {};
