// Pure payload builders: DingTalk / WeCom robot shapes, DingTalk 加签 checked with Web Crypto (an independent
// HMAC implementation), the json format's signature header, response judging, backoff and kinds filters.
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  absoluteLink,
  BACKOFF_MS,
  buildWebhookRequest,
  dingtalkPayload,
  dingtalkSign,
  jsonPayload,
  judgeResponse,
  kindMatches,
  MAX_ATTEMPTS,
  type NotificationMessage,
  nextAttemptAt,
  wecomPayload,
} from './payloads.ts';

const message: NotificationMessage = {
  id: 7,
  tenant: '140423',
  kind: 'supervision.urge',
  title: '催办：编制县域充电基础设施建设方案',
  body: '县发改局研究部署时限 2023-09-26 已过，逾期 1 个工作日。\n请于今日内反馈。',
  link: '/supervision/12',
  source: { capability: 'supervision', id: '12' },
  createdAt: '2023-09-27T01:00:00.000Z',
};

async function webCryptoSign(secret: string, ts: number): Promise<string> {
  const enc = new TextEncoder();
  const key = await webcrypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await webcrypto.subtle.sign('HMAC', key, enc.encode(`${ts}\n${secret}`));
  return Buffer.from(mac).toString('base64');
}

describe('webhook payloads', () => {
  it('builds the DingTalk robot markdown message with an absolute link', () => {
    const p = dingtalkPayload(message, 'https://luoshi.xiangyuan.gov.cn/');
    expect(p).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: message.title,
        text: `### ${message.title}\n\n县发改局研究部署时限 2023-09-26 已过，逾期 1 个工作日。\n请于今日内反馈。\n\n[查看详情](https://luoshi.xiangyuan.gov.cn/supervision/12)`,
      },
    });
  });

  it('builds the WeCom robot markdown message (body quoted line by line)', () => {
    const p = wecomPayload(message, null) as { msgtype: string; markdown: { content: string } };
    expect(p.msgtype).toBe('markdown');
    expect(p.markdown.content).toBe(
      `**${message.title}**\n> 县发改局研究部署时限 2023-09-26 已过，逾期 1 个工作日。\n> 请于今日内反馈。\n[查看详情](/supervision/12)`,
    );
  });

  it('builds the generic JSON payload', () => {
    expect(jsonPayload({ ...message, link: null })).toEqual({
      type: 'luoshi.notification',
      id: 7,
      tenant: '140423',
      kind: 'supervision.urge',
      title: message.title,
      body: message.body,
      link: null,
      url: null,
      source: { capability: 'supervision', id: '12' },
      createdAt: message.createdAt,
    });
    expect(absoluteLink('https://x.example/a', 'https://y.example')).toBe('https://x.example/a');
  });

  it('signs DingTalk requests as the robot documentation says (HmacSHA256 of "timestamp\\nsecret", base64, URL-encoded)', async () => {
    const secret = 'SECe7b1f0b8a3c94d0e9f2a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5';
    const ts = 1695776400000;
    const expected = await webCryptoSign(secret, ts);
    expect(dingtalkSign(secret, ts)).toBe(expected);
    const req = buildWebhookRequest(
      { url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', format: 'dingtalk', secret },
      message,
      { timestampMs: ts },
    );
    const url = new URL(req.url);
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe(String(ts));
    expect(url.searchParams.get('sign')).toBe(expected);
    expect(req.url).toContain(`sign=${encodeURIComponent(expected)}`);
    // unsigned without a secret
    const plain = buildWebhookRequest(
      { url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', format: 'dingtalk', secret: null },
      message,
      { timestampMs: ts },
    );
    expect(plain.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc');
  });

  it('signs the json format with X-Luoshi-Signature over "<t>.<body>"', async () => {
    const req = buildWebhookRequest({ url: 'http://127.0.0.1:9/hook', format: 'json', secret: 'k' }, message, {
      timestampMs: 1000,
    });
    const enc = new TextEncoder();
    const key = await webcrypto.subtle.importKey('raw', enc.encode('k'), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    const mac = Buffer.from(await webcrypto.subtle.sign('HMAC', key, enc.encode(`1000.${req.body}`))).toString('hex');
    expect(req.headers['x-luoshi-signature']).toBe(`t=1000,sha256=${mac}`);
    expect(req.headers['x-luoshi-event']).toBe('supervision.urge');
    expect(JSON.parse(req.body).title).toBe(message.title);
  });

  it('judges answers: any 2xx for json; errcode 0 for the robots; the reason in Chinese otherwise', () => {
    expect(judgeResponse('json', 204, '')).toEqual({ ok: true, error: null });
    expect(judgeResponse('json', 500, 'boom').error).toBe('对方返回 HTTP 500：boom');
    expect(judgeResponse('dingtalk', 200, '{"errcode":0,"errmsg":"ok"}').ok).toBe(true);
    expect(judgeResponse('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}').error).toBe(
      '钉钉机器人拒绝了消息：errcode 310000（sign not match）',
    );
    expect(judgeResponse('wecom', 200, 'not json').error).toContain('企业微信机器人的应答不是 JSON');
  });

  it('backs off 1 min, 5 min, 30 min, 2 h, 6 h and gives up after the sixth attempt', () => {
    const now = new Date('2023-09-27T00:00:00Z');
    const waits = [1, 2, 3, 4, 5].map((n) => Date.parse(nextAttemptAt(n, now) as string) - now.getTime());
    expect(waits).toEqual([...BACKOFF_MS]);
    expect(MAX_ATTEMPTS).toBe(6);
    expect(nextAttemptAt(6, now)).toBeNull();
  });

  it('filters kinds exactly or by prefix; no filter takes everything', () => {
    expect(kindMatches(null, 'supervision.urge')).toBe(true);
    expect(kindMatches([], 'emergency.deadline')).toBe(true);
    expect(kindMatches(['supervision.*'], 'supervision.interview')).toBe(true);
    expect(kindMatches(['supervision.*'], 'emergency.deadline')).toBe(false);
    expect(kindMatches(['supervision.urge'], 'supervision.notice')).toBe(false);
  });
});
