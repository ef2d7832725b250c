// Pre-flight of drafts (襄政发〔2023〕7号 第二十七、二十九、三十二条): each rule with a draft that breaks it and one
// that keeps it.
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import { countChars } from './count.ts';
import { lengthLimit, preflight, readDraft, splitSentences } from './preflight.ts';
import { typeFromTitle } from './types.ts';

const REQUEST_ONE = [
  '襄垣县水利局',
  '关于申请拨付农村饮水安全维修资金的请示',
  '',
  '县人民政府：',
  '',
  '今年汛期，我县部分村庄供水管网受损，群众饮水受到影响。经测算，维修需资金85万元。',
  '为保障群众饮水安全，恳请县人民政府拨付农村饮水安全维修资金85万元。',
  '妥否，请批示。',
  '',
  '襄垣县水利局',
  '2023年7月10日',
].join('\n');

const REQUEST_TWO = [
  '关于申请维修资金和增加人员编制的请示',
  '',
  '县人民政府：',
  '',
  '今年汛期，我县部分村庄供水管网受损。恳请县人民政府拨付农村饮水安全维修资金85万元。',
  '另外，我局人员紧缺，申请增加事业编制5名，用于水资源监测工作。',
  '妥否，请批示。',
].join('\n');

const REPORT_WITH_REQUEST = [
  '关于2023年上半年防汛工作情况的报告',
  '',
  '县人民政府：',
  '',
  '上半年，我局认真落实防汛责任制，完成了河道清障12处。',
  '下半年，我局将继续加强值班值守。',
  '鉴于防汛物资不足，请县政府批准增拨防汛经费30万元。',
  '特此报告。',
].join('\n');

describe('readDraft', () => {
  it('takes the title, the 主送机关 and the body sentences with their lines', () => {
    const d = readDraft(REQUEST_ONE);
    expect(d.title).toBe('襄垣县水利局关于申请拨付农村饮水安全维修资金的请示');
    expect(d.addressees).toEqual(['县人民政府']);
    expect(d.addresseeLine).toBe(4);
    expect(d.body.map((s) => s.line)).toContain(7);
  });

  it('splits sentences after 。！？； and keeps closing quotes with the sentence', () => {
    expect(splitSentences('一是好。二是“更好。”三是')).toEqual(['一是好。', '二是“更好。”', '三是']);
  });
});

describe('type and direction (第二十七条, 条例第八条)', () => {
  it('reads the type from the title when none is declared', () => {
    expect(typeFromTitle('关于召开全县安全生产会议的通知')).toBe('通知');
    expect(typeFromTitle('襄垣县人民政府常务会议纪要')).toBe('纪要');
    expect(typeFromTitle('关于某事的情况说明')).toBeNull();
    const r = preflight({ text: REQUEST_ONE });
    expect(r.type).toBe('请示');
    expect(r.typeFrom).toBe('title');
    expect(r.directions).toEqual(['上行']);
  });

  it('flags a declared type the title contradicts', () => {
    const r = preflight({ text: REQUEST_ONE, type: '报告' });
    expect(r.type).toBe('报告');
    expect(r.findings.map((f) => f.kind)).toContain('type-mismatch');
  });

  it('refuses an unknown type and an undeterminable one with a Chinese message', () => {
    expect(() => preflight({ text: REQUEST_ONE, type: '便函' })).toThrow(
      /不是《党政机关公文处理工作条例》规定的 15 种公文之一/,
    );
    expect(() => preflight({ text: '情况说明\n\n县人民政府：\n\n内容。' })).toThrow(AppError);
  });

  it('flags a 函 sent up to the county government, but not a 代拟稿', () => {
    const text = '关于商请支持的函\n\n县人民政府：\n\n请予支持。';
    expect(preflight({ text }).findings.map((f) => f.kind)).toContain('direction');
    expect(preflight({ text, proxyDraft: true }).findings.map((f) => f.kind)).not.toContain('direction');
  });
});

describe('length limits (第二十九条)', () => {
  it('has the limits of the clause', () => {
    expect(lengthLimit('请示', 'general')).toBe(1500);
    expect(lengthLimit('报告', 'comprehensive')).toBe(5000);
    expect(lengthLimit('报告', 'special')).toBe(3000);
    expect(lengthLimit('通知', 'general')).toBe(5000);
    expect(lengthLimit('通知', 'special')).toBe(4000);
    expect(lengthLimit('意见', 'comprehensive')).toBeNull();
  });

  it('flags a 请示 over 1500字 and names the excess; 1500 exactly passes', () => {
    const head = '关于某事的请示\n\n县人民政府：\n\n';
    const base = countChars(head);
    const exact = `${head}${'甲'.repeat(1500 - base - 1)}。`;
    expect(countChars(exact)).toBe(1500);
    expect(preflight({ text: exact }).findings.filter((f) => f.kind === 'length')).toEqual([]);
    const over = `${head}${'甲'.repeat(1500 - base)}。`;
    const r = preflight({ text: over });
    expect(r.chars).toBe(1501);
    expect(r.limit).toBe(1500);
    const f = r.findings.find((x) => x.kind === 'length');
    expect(f?.message).toContain('1501 字');
    expect(f?.message).toContain('多出 1 字');
    expect(f?.clause).toBe('第二十九条');
  });

  it('uses 专项报告 (3000) for a 报告 unless declared 综合 (5000)', () => {
    const text = `关于工作情况的报告\n\n县人民政府：\n\n${'乙'.repeat(3500)}。`;
    expect(preflight({ text }).findings.some((f) => f.kind === 'length' && f.severity === 'warning')).toBe(true);
    expect(preflight({ text, scope: 'comprehensive' }).findings.some((f) => f.kind === 'length')).toBe(false);
  });

  it('exempts 全局性、综合性 work from a fixed limit and says so', () => {
    const text = `关于全面推进工作的意见\n\n各镇人民政府：\n\n${'丙'.repeat(6000)}。`;
    const r = preflight({ text, scope: 'comprehensive' });
    expect(r.limit).toBeNull();
    expect(r.findings.find((f) => f.kind === 'length')?.severity).toBe('info');
    expect(preflight({ text }).findings.find((f) => f.kind === 'length')?.severity).toBe('warning');
  });
});

describe('请示应当一文一事 (第二十七条)', () => {
  it('accepts one request stated with its closing formula', () => {
    expect(preflight({ text: REQUEST_ONE }).findings).toEqual([]);
  });

  it('finds two different requests and quotes both', () => {
    const r = preflight({ text: REQUEST_TWO });
    const f = r.findings.find((x) => x.kind === 'multiple-requests');
    expect(f).toBeDefined();
    expect(f?.message).toContain('2 项内容不同的请求');
    expect(f?.message).toContain('恳请县人民政府拨付农村饮水安全维修资金85万元');
    expect(f?.message).toContain('申请增加事业编制5名');
    expect(f?.line).toBe(5);
  });

  it('finds requests enumerated in one sentence (一是……二是……)', () => {
    const text =
      '关于有关事项的请示\n\n县人民政府：\n\n为推进工作，一是请县政府拨付资金10万元，二是请协调自然资源局解决用地问题。\n妥否，请批示。';
    const f = preflight({ text }).findings.find((x) => x.kind === 'multiple-requests');
    expect(f?.message).toContain('分项提出了多项请求');
  });
});

describe('报告不得夹带请示事项 (第二十七条)', () => {
  it('quotes the sentence that asks for approval and the phrase that gave it away', () => {
    const r = preflight({ text: REPORT_WITH_REQUEST });
    const f = r.findings.filter((x) => x.kind === 'report-with-request');
    expect(f).toHaveLength(1);
    expect(f[0]?.quote).toBe('鉴于防汛物资不足，请县政府批准增拨防汛经费30万元。');
    expect(f[0]?.message).toContain('请县政府批准');
    expect(f[0]?.line).toBe(7);
  });

  it('lets a report end with 特此报告 or 以上报告，请审阅', () => {
    const text = '关于工作情况的报告\n\n县人民政府：\n\n完成了任务。\n以上报告，请审阅。';
    expect(preflight({ text }).findings).toEqual([]);
  });
});

describe('addressees (第二十七条)', () => {
  it('flags a draft sent to a leader in person', () => {
    const text = '关于某事的请示\n\n张三县长：\n\n恳请批准。';
    expect(preflight({ text }).findings.map((f) => f.kind)).toContain('addressed-to-person');
  });

  it('flags a 请示 sent to several organs (多头报文)', () => {
    const text = '关于某事的请示\n\n县人民政府、县财政局：\n\n恳请批准。';
    expect(preflight({ text }).findings.map((f) => f.kind)).toContain('multiple-addressees');
  });
});

describe('legality review of 行政规范性文件 (第三十二条)', () => {
  const text = '关于印发襄垣县某某管理办法的通知\n\n各镇人民政府：\n\n本办法自2023年8月1日起施行，有效期5年。';

  it('requires the 县司法局 review for a declared 行政规范性文件', () => {
    const f = preflight({ text, normative: true }).findings.find((x) => x.kind === 'legality-review');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('县司法局');
    expect(preflight({ text, normative: true, legalReview: true }).findings.map((x) => x.kind)).not.toContain(
      'legality-review',
    );
  });

  it('suspects one from its wording when not declared, and is silent when declared not normative', () => {
    expect(preflight({ text }).findings.map((x) => x.kind)).toContain('normative-suspected');
    expect(preflight({ text, normative: false }).findings.map((x) => x.kind)).not.toContain('normative-suspected');
  });
});

describe('consultation, directives to the towns, 分工方案 and 配套文件 (第三十、三十四、三十五条)', () => {
  const DEPT_NOTICE = [
    '襄垣县水利局关于开展河道清障工作的通知',
    '',
    '各镇人民政府：',
    '',
    '为保障汛期安全，请各镇于6月底前完成辖区河道清障，县自然资源局、县财政局予以配合。',
    '各镇要结合实际制定配套实施方案，报县水利局备案。',
  ].join('\n');

  it('names the other units a draft involves and reminds of consultation and the 7-working-day 会签', () => {
    const f = preflight({ text: DEPT_NOTICE }).findings.find((x) => x.kind === 'consultation');
    expect(f?.message).toContain('县自然资源局、县财政局');
    expect(f?.message).not.toContain('县水利局、'); // the drafting unit is not “other”
    expect(f?.message).toContain('7 个工作日');
  });

  it('warns a department that sends a directive 通知 to the towns, not a 代拟稿', () => {
    const kinds = preflight({ text: DEPT_NOTICE }).findings.map((x) => x.kind);
    expect(kinds).toContain('directive-to-towns');
    expect(preflight({ text: DEPT_NOTICE, proxyDraft: true }).findings.map((x) => x.kind)).not.toContain(
      'directive-to-towns',
    );
  });

  it('quotes a demand that the towns issue supporting documents', () => {
    const f = preflight({ text: DEPT_NOTICE }).findings.find((x) => x.kind === 'supporting-documents');
    expect(f?.quote).toBe('各镇要结合实际制定配套实施方案，报县水利局备案。');
    expect(f?.line).toBe(6);
  });

  it('flags a 分工方案 issued on its own', () => {
    const text = '关于印发重点工作任务分工方案的通知\n\n县直各有关单位：\n\n现将分工方案印发给你们。';
    expect(preflight({ text }).findings.map((x) => x.kind)).toContain('separate-division-plan');
  });
});
