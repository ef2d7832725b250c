// CAP 1.2 alerts: shape, mapping, escaping, refusals — and every produced document validated against
// the OASIS schema with xmllint-wasm.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../platform/errors.ts';
import {
  buildCapAlert,
  type CapAlertInput,
  escapeXml,
  formatReferences,
  parseReferences,
  SEVERITY_BY_COLOR,
  severityOf,
} from './cap.ts';
import { capSchemaAvailable, capSchemaErrors } from './capSchema.testkit.ts';
import { OUTAGE_LEVELS } from './types.ts';

const base: CapAlertInput = {
  identifier: '140423-OUTAGE-20230703140500-0001',
  sender: 'outage.140423@luoshi',
  sent: '2023-07-03T06:05:00Z',
  status: 'Actual',
  msgType: 'Alert',
  level: '较大',
  areaDesc: '襄垣县古韩镇',
  areaCode: '140423',
};
const ref = {
  sender: 'outage.140423@luoshi',
  identifier: '140423-OUTAGE-20230703140500-0001',
  sent: '2023-07-03T14:05:00+08:00',
};
const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

describe('CAP alert shape and mapping', () => {
  it('an Alert: identifier, sender, sent with +08:00, status, msgType, scope Public, info zh-CN Infra 大面积停电', () => {
    const xml = buildCapAlert(base);
    expect(
      xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'),
    ).toBe(true);
    expect(tag(xml, 'identifier')).toBe(base.identifier);
    expect(tag(xml, 'sender')).toBe(base.sender);
    expect(tag(xml, 'sent')).toBe('2023-07-03T14:05:00+08:00');
    expect(xml).not.toMatch(/\d{2}Z</);
    expect(tag(xml, 'status')).toBe('Actual');
    expect(tag(xml, 'msgType')).toBe('Alert');
    expect(tag(xml, 'scope')).toBe('Public');
    expect(xml).not.toContain('<references>');
    expect(tag(xml, 'language')).toBe('zh-CN');
    expect(tag(xml, 'category')).toBe('Infra');
    expect(tag(xml, 'event')).toBe('大面积停电');
    expect([tag(xml, 'urgency'), tag(xml, 'severity'), tag(xml, 'certainty'), tag(xml, 'responseType')]).toEqual([
      'Expected',
      'Moderate',
      'Likely',
      'Prepare',
    ]);
    expect(tag(xml, 'headline')).toBe('襄垣县古韩镇大面积停电黄色预警（较大）');
    expect(tag(xml, 'description')).toContain('襄政办发〔2023〕15号');
    expect(tag(xml, 'areaDesc')).toBe('襄垣县古韩镇');
    expect(xml).toContain('<valueName>GB/T 2260</valueName>');
    // element order of the schema's sequence
    const order = ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope', 'info'].map((n) =>
      xml.indexOf(`<${n}>`),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('severity from the colour: red→Extreme, orange→Severe, yellow→Moderate, blue→Minor', () => {
    expect(SEVERITY_BY_COLOR).toEqual({ red: 'Extreme', orange: 'Severe', yellow: 'Moderate', blue: 'Minor' });
    expect(OUTAGE_LEVELS.map(severityOf)).toEqual(['Extreme', 'Severe', 'Moderate', 'Minor']);
    expect(tag(buildCapAlert({ ...base, level: '特别重大' }), 'headline')).toBe(
      '襄垣县古韩镇大面积停电红色预警（特别重大）',
    );
  });

  it('Update and Cancel carry references (sender,identifier,sent); Cancel is Past / Unlikely / AllClear', () => {
    const upd = buildCapAlert({ ...base, identifier: 'U-2', msgType: 'Update', references: [ref] });
    expect(tag(upd, 'references')).toBe(
      'outage.140423@luoshi,140423-OUTAGE-20230703140500-0001,2023-07-03T14:05:00+08:00',
    );
    expect(tag(upd, 'headline')).toBe('襄垣县古韩镇大面积停电黄色预警（较大）已调整');
    const cancel = buildCapAlert({ ...base, identifier: 'C-3', msgType: 'Cancel', references: [ref] });
    expect([
      tag(cancel, 'msgType'),
      tag(cancel, 'urgency'),
      tag(cancel, 'certainty'),
      tag(cancel, 'responseType'),
    ]).toEqual(['Cancel', 'Past', 'Unlikely', 'AllClear']);
    expect(tag(cancel, 'description')).toContain('解除');
  });

  it('an Exercise says so in <note> and the headline', () => {
    const xml = buildCapAlert({ ...base, status: 'Exercise' });
    expect(tag(xml, 'status')).toBe('Exercise');
    expect(tag(xml, 'note')).toContain('演练');
    expect(tag(xml, 'headline')).toMatch(/^【演练】/);
  });

  it('escapes XML in every text', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    const xml = buildCapAlert({ ...base, areaDesc: '古韩镇 <北关> & "南关" \'村\'' });
    expect(tag(xml, 'areaDesc')).toBe('古韩镇 &lt;北关&gt; &amp; &quot;南关&quot; &apos;村&apos;');
    expect(xml).not.toContain('<北关>');
  });

  it('references round-trip, several separated by spaces', () => {
    const two = `${formatReferences([ref])} a@b,ID-2,2023-07-03T15:00:00+08:00`;
    expect(parseReferences(two)).toEqual([
      ref,
      { sender: 'a@b', identifier: 'ID-2', sent: '2023-07-03T15:00:00+08:00' },
    ]);
  });
});

describe('refusals (BAD_INPUT, Chinese, naming the field)', () => {
  const cases: [string, () => unknown, string, RegExp][] = [
    [
      'Update without references',
      () => buildCapAlert({ ...base, msgType: 'Update' }),
      'references',
      /调整（Update）消息必须引用/,
    ],
    [
      'Cancel without references',
      () => buildCapAlert({ ...base, msgType: 'Cancel', references: [] }),
      'references',
      /解除（Cancel）消息必须引用/,
    ],
    ['Alert with references', () => buildCapAlert({ ...base, references: [ref] }), 'references', /不应引用/],
    [
      'identifier with a space',
      () => buildCapAlert({ ...base, identifier: 'a b' }),
      'identifier',
      /不能包含空格、逗号/,
    ],
    ['sender with a comma', () => buildCapAlert({ ...base, sender: 'a,b' }), 'sender', /不能包含空格、逗号/],
    ['empty area', () => buildCapAlert({ ...base, areaDesc: '  ' }), 'areaDesc', /影响区域.*不能为空/],
    [
      'control character',
      () => buildCapAlert({ ...base, areaDesc: '古韩\u0001镇' }),
      'areaDesc',
      /XML 不允许的字符（U\+0001）/,
    ],
    ['unknown level', () => buildCapAlert({ ...base, level: '严重' as '一般' }), 'level', /预警级别“严重”无效/],
    [
      'unknown status',
      () => buildCapAlert({ ...base, status: 'Test' as 'Actual' }),
      'status',
      /Actual（正式）或 Exercise（演练）/,
    ],
    ['bad area code', () => buildCapAlert({ ...base, areaCode: '1404' }), 'areaCode', /6 位数字/],
    ['reference with two parts', () => parseReferences('a,b'), 'references', /格式不正确/],
    ['reference sent in Z', () => parseReferences('a,b,2023-07-03T06:05:00Z'), 'references', /不能用 Z/],
    ['sent without zone', () => buildCapAlert({ ...base, sent: '2023-07-03 14:05' }), '', /不是带时区的时间/],
  ];
  it.each(cases)('%s', (_n, f, field, message) => {
    try {
      f();
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code === 'BAD_INPUT').toBe(true);
      if (field) expect((e as { location: { field?: string } }).location.field).toBe(field);
      expect((e as Error).message).toMatch(message);
    }
  });
});

describe.skipIf(!capSchemaAvailable())('valid against the OASIS CAP 1.2 schema (xmllint-wasm)', () => {
  it('every level × status × msgType', async () => {
    const docs: string[] = [];
    for (const level of OUTAGE_LEVELS) {
      for (const status of ['Actual', 'Exercise'] as const) {
        docs.push(buildCapAlert({ ...base, level, status }));
        docs.push(
          buildCapAlert({
            ...base,
            level,
            status,
            msgType: 'Update',
            references: [ref],
            expires: '2023-07-04T06:00:00Z',
          }),
        );
        docs.push(
          buildCapAlert({
            ...base,
            level,
            status,
            msgType: 'Cancel',
            references: [ref, { ...ref, identifier: 'X2' }],
            areaCode: undefined,
          }),
        );
      }
    }
    expect(await capSchemaErrors(docs)).toEqual([]);
  });

  it('any area text (escaped) still validates', async () => {
    const area = fc
      .string({ minLength: 1, maxLength: 40, unit: 'grapheme' })
      .filter((s) => s.trim() !== '' && !/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(s));
    const samples = fc.sample(fc.oneof(area, fc.constantFrom('<>&"\'', ']]>', '&amp;', '襄垣县 <城区> & 郊区')), 60);
    expect(
      await capSchemaErrors(samples.map((a) => buildCapAlert({ ...base, areaDesc: a, headline: `${a}预警` }))),
    ).toEqual([]);
  });

  it('the schema does reject a broken alert (the check is real)', async () => {
    const zulu = buildCapAlert(base).replace('2023-07-03T14:05:00+08:00', '2023-07-03T06:05:00Z');
    const errors = await capSchemaErrors([zulu]);
    expect(errors.join('\n')).toMatch(/sent/);
  });
});
