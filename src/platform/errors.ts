// One error type for the whole application. Every failure the user can cause carries a stable
// code; one table maps the code to an HTTP status and a CLI exit code. Messages are Chinese and
// say what was wrong, where (file, line, row, field) and what to do.

export const ERROR_CODES = {
  BAD_INPUT: { http: 400, exit: 2 },
  BAD_ENCODING: { http: 400, exit: 3 },
  PARSE_FAILED: { http: 422, exit: 4 },
  UNAUTHENTICATED: { http: 401, exit: 5 },
  FORBIDDEN: { http: 403, exit: 5 },
  NOT_FOUND: { http: 404, exit: 6 },
  CONFLICT: { http: 409, exit: 7 },
  RATE_LIMITED: { http: 429, exit: 8 },
  CSRF: { http: 403, exit: 5 },
  INTERNAL: { http: 500, exit: 1 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorLocation {
  file?: string;
  line?: number;
  row?: number;
  field?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.location = location;
    this.details = details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...this.location,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Prefix a message with its location in the form users expect: 文件 x 第 n 行：… */
export function locate(loc: ErrorLocation, message: string): string {
  const parts: string[] = [];
  if (loc.file) parts.push(`文件 ${loc.file}`);
  if (loc.line !== undefined) parts.push(`第 ${loc.line} 行`);
  if (loc.row !== undefined) parts.push(`第 ${loc.row} 行数据`);
  if (loc.field) parts.push(`字段“${loc.field}”`);
  return parts.length ? `${parts.join(' ')}：${message}` : message;
}
