// Validation at the HTTP edge: zod parses, failures become AppError BAD_INPUT naming the field.
// JSON Schemas generated from the same zod schemas document the routes in OpenAPI; Fastify does
// not validate with them (see buildServer), so there is exactly one validator.
import { z } from 'zod';
import { AppError } from './errors.ts';

// Chinese messages for zod's built-in checks (explicit messages in schemas still win).
z.config(z.locales.zhCN());

export type InputPart = 'query' | 'params' | 'body';

const PART_LABELS: Record<InputPart, string> = { query: '查询参数', params: '路径参数', body: '请求体' };

export interface FieldIssue {
  field: string;
  message: string;
}

export function zodToAppError(error: z.ZodError, part?: InputPart): AppError {
  const issues: FieldIssue[] = error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  const where = part ? PART_LABELS[part] : '输入';
  if (!first) return new AppError('BAD_INPUT', `${where}不正确`);
  const message = first.field ? `${where}“${first.field}”不正确：${first.message}` : `${where}不正确：${first.message}`;
  return new AppError(
    'BAD_INPUT',
    message,
    first.field ? { field: first.field } : {},
    issues.length > 1 ? { issues } : undefined,
  );
}

/** Parse one part of a request; throws AppError BAD_INPUT (HTTP 400) naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: InputPart): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw zodToAppError(result.error, part);
}

/** OpenAPI 3.0 JSON Schema of a zod schema (documentation only). */
export function openapi(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}

/** A numeric id in a path (documents, items, incidents): a positive 32-bit integer, Chinese messages. */
export const idSchema = z.coerce
  .number({ error: '编号应为正整数' })
  .int('编号应为正整数')
  .positive('编号应为正整数')
  .max(2 ** 31 - 1, '编号过大');

export const idParams = z.object({ id: idSchema });
