// Kysely table types of the stored county supervision settings (migration 0008_supervision_settings).
// Merged into the platform `Database` type by intersection (see src/platform/schema.ts).
import type { Generated } from 'kysely';

export interface SupervisionSettingsTable {
  /** One row per tenant. */
  tenant: string;
  /** json: SupervisionSettings (types.ts), incl. the calendar overrides. */
  settings_json: string;
  /** 1 for the first save, +1 for every save. */
  version: number;
  updated_at: string;
  /** Display name of who saved the current version. */
  updated_by: string;
}

export interface SupervisionSettingsVersionsTable {
  id: Generated<number>;
  tenant: string;
  version: number;
  /** json: SupervisionSettings as saved in this version. */
  settings_json: string;
  saved_at: string;
  saved_by: string;
}

export interface SupervisionSettingsTables {
  supervision_settings: SupervisionSettingsTable;
  supervision_settings_versions: SupervisionSettingsVersionsTable;
}
