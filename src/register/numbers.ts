// 发文字号 (document numbers) and the 附注 of issued documents. Pure.
//
// A 发文字号 is 发文机关代字 + 〔年份〕 + 序号 + 号: 襄政办发〔2023〕27号 (《党政机关公文格式》 GB/T 9704: year in
// 六角括号 〔〕, serial without leading zeros and without 第). Serials run per agency code and year from 1, with no gap
// and no duplicate; the next serial follows the highest one known — assigned in the register or already printed
// in an imported gazette (a number printed in the gazette was issued, whether or not it went through here).
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import type { RegisterDisclosure } from './schema.ts';

export interface Agency {
  /** 发文机关代字, e.g. 襄政办发. */
  code: string;
  /** 发文机关 printed in the header and signature, e.g. 襄垣县人民政府办公室. */
  issuer: string;
}

/** The agency codes a tenant is configured with, before any gazette is imported (GB/T 2260 tenant code). */
export const CONFIGURED_AGENCIES: Record<string, readonly Agency[]> = {
  '140423': [
    { code: '襄政发', issuer: '襄垣县人民政府' },
    { code: '襄政办发', issuer: '襄垣县人民政府办公室' },
    { code: '襄政函', issuer: '襄垣县人民政府' },
    { code: '襄政办函', issuer: '襄垣县人民政府办公室' },
  ],
};

/**
 * The configured agencies of a tenant: the built-in list plus LUOSHI_AGENCIES (代字=发文机关, separated by ; or
 * newlines, e.g. "襄政字=襄垣县人民政府;襄政办字=襄垣县人民政府办公室").
 */
export function configuredAgencies(tenant: string, env: string | undefined = process.env.LUOSHI_AGENCIES): Agency[] {
  const out = [...(CONFIGURED_AGENCIES[tenant] ?? [])];
  for (const part of (env ?? '').split(/[;\n；]/)) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S.*?)\s*$/.exec(part);
    if (m && AGENCY_RE.test(m[1] as string) && !out.some((a) => a.code === m[1])) {
      out.push({ code: m[1] as string, issuer: m[2] as string });
    }
  }
  return out;
}

/** The shape of an agency code (the same the gazette parser anchors documents on). */
export const AGENCY_RE = /^[\u4e00-\u9fa5]{1,10}(?:发|函|字)$/;

export function formatDocNumber(agency: string, year: number, serial: number): string {
  return `${agency}〔${year}〕${serial}号`;
}

export const DISCLOSURE_NOTES: Record<RegisterDisclosure, string> = {
  public: '（此件公开发布）',
  'on-request': '（此件依申请公开）',
  'not-public': '（此件不予公开）',
};

export const DISCLOSURE_LABELS: Record<RegisterDisclosure, string> = {
  public: '此件公开发布',
  'on-request': '依申请公开',
  'not-public': '不予公开',
};

export const REGISTER_DISCLOSURES = ['public', 'on-request', 'not-public'] as const;

/** 此件公开发布 / 公开发布 / 主动公开 → public; 依申请公开 → on-request; 不予公开 / 不公开 → not-public. */
export function disclosureOf(s: string): RegisterDisclosure | null {
  const t = s.replace(/[\s（）()]/g, '').replace(/^此件/, '');
  if ((REGISTER_DISCLOSURES as readonly string[]).includes(t)) return t as RegisterDisclosure;
  if (/^(公开发布|主动公开|公开)$/.test(t)) return 'public';
  if (/^依申请公开$/.test(t)) return 'on-request';
  if (/^(不予公开|不公开)$/.test(t)) return 'not-public';
  return null;
}

export const MIN_DOC_YEAR = 1949;
export const MAX_DOC_YEAR = 2199;

const yearSchema = z.coerce
  .number({ error: '年份应为整数' })
  .int('年份应为整数')
  .min(MIN_DOC_YEAR, `年份应在 ${MIN_DOC_YEAR}—${MAX_DOC_YEAR} 之间`)
  .max(MAX_DOC_YEAR, `年份应在 ${MIN_DOC_YEAR}—${MAX_DOC_YEAR} 之间`);

export const agencySchema = z
  .string({ error: '请填写发文机关代字（agency），如 襄政办发' })
  .trim()
  .regex(AGENCY_RE, '发文机关代字应为 1—10 个汉字并以“发”“函”或“字”结尾，如 襄政办发');

export const peekSchema = z.object({ agency: agencySchema, year: yearSchema });

export const assignSchema = z
  .object({
    agency: agencySchema,
    year: yearSchema,
    title: z
      .string({ error: '请填写公文标题（title）' })
      .trim()
      .min(4, '公文标题至少 4 个字')
      .max(200, '公文标题最多 200 字'),
    issuer: z.string().trim().min(2, '发文机关至少 2 个字').max(50, '发文机关最多 50 字').optional(),
    signedOn: z
      .string({ error: '请填写成文日期（signedOn），格式 YYYY-MM-DD' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, '成文日期应为 YYYY-MM-DD 格式'),
    disclosure: z.enum(REGISTER_DISCLOSURES, {
      error: '公开属性（disclosure）应为 public（此件公开发布）、on-request（依申请公开）或 not-public（不予公开）',
    }),
  })
  .refine((v) => Number(v.signedOn.slice(0, 4)) === v.year, {
    message: '成文日期的年份应与发文字号的年份一致',
    path: ['signedOn'],
  });

export type AssignInput = z.output<typeof assignSchema>;

/** The next serial after every serial already used (0 when none: the first is 1). */
export function nextSerial(used: Iterable<number>): number {
  let max = 0;
  for (const n of used) if (Number.isInteger(n) && n > max) max = n;
  return max + 1;
}

export function unknownAgency(code: string, known: readonly Agency[]): AppError {
  return new AppError(
    'BAD_INPUT',
    `未知的发文机关代字“${code}”：已知代字为 ${known.map((a) => a.code).join('、') || '（无）'}。代字来自已导入的公报和配置（LUOSHI_AGENCIES），请先导入或配置。`,
    { field: 'agency' },
  );
}
