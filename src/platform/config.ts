// Deployment settings from the environment, with the defaults of a single-county install.
export const DEFAULT_TENANT = '140423'; // GB/T 2260: 山西省长治市襄垣县

export function tenantFrom(flag?: string | boolean): string {
  const t = (typeof flag === 'string' && flag) || process.env.LUOSHI_TENANT || DEFAULT_TENANT;
  if (!/^\d{6}$/.test(t)) throw new Error(`租户代码“${t}”无效：应为 6 位行政区划代码（GB/T 2260），如 140423。`);
  return t;
}

export function portFrom(flag?: string | boolean): number {
  const p = Number((typeof flag === 'string' && flag) || process.env.PORT || 8080);
  if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error(`端口“${String(flag)}”无效。`);
  return p;
}
