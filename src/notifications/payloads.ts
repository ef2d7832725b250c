// Pure webhook payload builders and response judges: no network, no database, no clock (the caller passes the
// instant). Formats:
//   json      — {"type":"luoshi.notification", id, tenant, kind, title, body, link, url, source, createdAt};
//               with a secret, header X-Luoshi-Signature: t=<unix ms>,sha256=<hex HMAC-SHA256 of "<t>.<body>">
//   dingtalk  — DingTalk custom robot: {"msgtype":"markdown","markdown":{title,text}}; with a secret (加签) the URL
//               gets &timestamp=<ms>&sign=<urlencoded base64 HmacSHA256(secret, "<ms>\n<secret>")>
//   wecom     — WeCom (企业微信) group robot: {"msgtype":"markdown","markdown":{content}} (WeCom robots are not signed)
// A DingTalk/WeCom robot answers HTTP 200 with {"errcode":0,…} on success and a non-zero errcode otherwise.
import { createHmac } from 'node:crypto';
import type { WebhookFormat } from './schema.ts';

export const WEBHOOK_FORMATS: readonly WebhookFormat[] = ['json', 'dingtalk', 'wecom'];

export const FORMAT_LABELS: Record<WebhookFormat, string> = {
  json: '通用 JSON',
  dingtalk: '钉钉机器人',
  wecom: '企业微信机器人',
};

/** What a webhook carries about one notification. */
export interface NotificationMessage {
  id: number;
  tenant: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  source: { capability: string; id: string };
  createdAt: string;
}

export interface WebhookTarget {
  url: string;
  format: WebhookFormat;
  secret: string | null;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The absolute address of a link (a path of the web app) when a public base URL is configured. */
export function absoluteLink(link: string | null, baseUrl?: string | null): string | null {
  if (!link) return null;
  if (/^https?:\/\//i.test(link)) return link;
  if (!baseUrl) return link;
  return `${baseUrl.replace(/\/+$/, '')}/${link.replace(/^\/+/, '')}`;
}

/** DingTalk 加签: base64(HmacSHA256(key = secret, message = "<timestamp>\n<secret>")), not URL-encoded. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The signed DingTalk URL: the robot URL plus &timestamp=…&sign=… (URL-encoded). */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(dingtalkSign(secret, timestampMs))}`;
}

/** X-Luoshi-Signature of the json format: t=<ms>,sha256=<hex HMAC-SHA256(secret, "<ms>.<body>")>. */
export function jsonSignature(secret: string, timestampMs: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampMs}.${body}`, 'utf8').digest('hex');
  return `t=${timestampMs},sha256=${mac}`;
}

/** Markdown special characters that would break a robot message's layout are kept; only line breaks are normalised. */
function md(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

export function jsonPayload(n: NotificationMessage, baseUrl?: string | null): Record<string, unknown> {
  return {
    type: 'luoshi.notification',
    id: n.id,
    tenant: n.tenant,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    url: absoluteLink(n.link, baseUrl),
    source: n.source,
    createdAt: n.createdAt,
  };
}

export function dingtalkPayload(n: NotificationMessage, baseUrl?: string | null): Record<string, unknown> {
  const url = absoluteLink(n.link, baseUrl);
  const text = [`### ${md(n.title)}`, '', md(n.body), ...(url ? ['', `[查看详情](${url})`] : [])].join('\n');
  return { msgtype: 'markdown', markdown: { title: md(n.title), text } };
}

export function wecomPayload(n: NotificationMessage, baseUrl?: string | null): Record<string, unknown> {
  const url = absoluteLink(n.link, baseUrl);
  const quoted = md(n.body)
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  const content = [`**${md(n.title)}**`, quoted, ...(url ? [`[查看详情](${url})`] : [])].join('\n');
  return { msgtype: 'markdown', markdown: { content } };
}

/** The HTTP request for one delivery (POST, JSON body, UTF-8). */
export function buildWebhookRequest(
  target: WebhookTarget,
  n: NotificationMessage,
  opts: { timestampMs: number; baseUrl?: string | null },
): WebhookRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  switch (target.format) {
    case 'dingtalk': {
      const body = JSON.stringify(dingtalkPayload(n, opts.baseUrl));
      const url = target.secret ? dingtalkSignedUrl(target.url, target.secret, opts.timestampMs) : target.url;
      return { url, headers, body };
    }
    case 'wecom':
      return { url: target.url, headers, body: JSON.stringify(wecomPayload(n, opts.baseUrl)) };
    default: {
      const body = JSON.stringify(jsonPayload(n, opts.baseUrl));
      if (target.secret) headers['x-luoshi-signature'] = jsonSignature(target.secret, opts.timestampMs, body);
      headers['x-luoshi-event'] = n.kind;
      return { url: target.url, headers, body };
    }
  }
}

export interface Verdict {
  ok: boolean;
  /** Chinese reason when not ok. */
  error: string | null;
}

/** Was the delivery accepted? Any 2xx for json; 2xx and errcode 0 for the robots. */
export function judgeResponse(format: WebhookFormat, status: number, bodyText: string): Verdict {
  if (status < 200 || status >= 300) {
    const excerpt = bodyText.trim().slice(0, 200);
    return { ok: false, error: `对方返回 HTTP ${status}${excerpt ? `：${excerpt}` : ''}` };
  }
  if (format === 'json') return { ok: true, error: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return { ok: false, error: `${FORMAT_LABELS[format]}的应答不是 JSON：${bodyText.trim().slice(0, 200)}` };
  }
  const errcode = (parsed as { errcode?: unknown }).errcode;
  if (errcode === 0) return { ok: true, error: null };
  const errmsg = (parsed as { errmsg?: unknown }).errmsg;
  return {
    ok: false,
    error: `${FORMAT_LABELS[format]}拒绝了消息：errcode ${String(errcode)}${typeof errmsg === 'string' ? `（${errmsg}）` : ''}`,
  };
}

/**
 * Retry policy: after the n-th failed attempt wait BACKOFF_MS[n-1] before the next; after MAX_ATTEMPTS the
 * delivery is marked failed (kept in the log, never retried automatically).
 */
export const BACKOFF_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;

/** When to try again after `attempts` failed attempts, or null when the delivery has failed for good. */
export function nextAttemptAt(attempts: number, now: Date): string | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const wait = BACKOFF_MS[Math.max(0, attempts - 1)] ?? (BACKOFF_MS[BACKOFF_MS.length - 1] as number);
  return new Date(now.getTime() + wait).toISOString();
}

/** Does a subscription's kinds filter (null = all; "supervision.*" = a prefix) accept this kind? */
export function kindMatches(filter: readonly string[] | null, kind: string): boolean {
  if (!filter || filter.length === 0) return true;
  return filter.some((f) => (f.endsWith('*') ? kind.startsWith(f.slice(0, -1)) : f === kind));
}
