// The one place that talks HTTP. Errors become ApiError with the server's Chinese message
// ({error:{code,message}}) or a precise Chinese message of our own when the server could not answer.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The server's `error.details` (e.g. every problem of a refused import), when it sent any. */
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;

/** Remember the CSRF token of the current session (from GET /api/auth/me or the login answer). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function fallbackMessage(status: number): string {
  if (status === 401) return '请先登录。';
  if (status === 403) return '当前账户无权进行此操作。';
  if (status === 404) return '未找到该内容：它不存在，或您无权查看。';
  if (status === 429) return '请求过于频繁，请稍后再试。';
  if (status >= 500) return `服务器出错（HTTP ${status}），请稍后再试或联系管理员。`;
  return `请求失败（HTTP ${status}）。`;
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = fallbackMessage(res.status);
  let details: unknown;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (body.error && typeof body.error.message === 'string' && body.error.message) message = body.error.message;
    if (body.error && typeof body.error.code === 'string') code = body.error.code;
    details = body.error?.details;
  } catch {
    // Not JSON (e.g. a proxy error page): keep the fallback message.
  }
  return new ApiError(res.status, code, message, details);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试。');
  }
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Build a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// Requests started before React mounts (see main.tsx), taken over by the first useApi for the same path,
// so that the page's data is on its way while the bundle initialises.
const early = new Map<string, Promise<unknown>>();

export function prefetch(path: string): void {
  if (early.has(path)) return;
  const p = api<unknown>(path);
  p.catch(() => {}); // the taker sees the error
  early.set(path, p);
}

/** The early request for `path`, once (later mounts fetch afresh). */
export function takePrefetched<T>(path: string): Promise<T> | null {
  const p = early.get(path);
  if (!p) return null;
  early.delete(path);
  return p as Promise<T>;
}
