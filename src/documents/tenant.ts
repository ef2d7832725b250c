// Tenant codes: GB/T 2260 administrative division codes (six digits, e.g. 140423 = 襄垣县).
import { AppError } from '../platform/errors.ts';

const TENANT = /^\d{6}$/;

/** Throws BAD_INPUT unless `tenant` is a six-digit GB/T 2260 code. Search tokens rely on the format. */
export function assertTenant(tenant: string): void {
  if (!TENANT.test(tenant)) {
    throw new AppError('BAD_INPUT', `租户代码“${tenant}”无效：应为 6 位行政区划代码（GB/T 2260），例如 140423。`, {
      field: 'tenant',
    });
  }
}
