// The formal text of an issued document: the draft under its number, signed by the issuer, with its 附注 — read
// back by the parser as one complete document.
import { describe, expect, it } from 'vitest';
import { documentOfFormal, formalText } from './formal.ts';

const DRAFT = [
  '关于做好冬季供暖工作的通知',
  '',
  '各镇人民政府，县直各有关单位：',
  '',
  '为做好今冬明春供暖工作，确保群众温暖过冬，现就有关事项通知如下。',
  '一、加强组织领导。各镇要成立供暖工作专班。',
  '二、强化安全保障。县住建局牵头，2023年11月15日前完成管网检修。',
  '',
  '襄垣县住房和城乡建设管理局',
  '2023年11月10日',
].join('\n');

const ENTRY = {
  docNumber: '襄政办发〔2023〕27号',
  issuer: '襄垣县人民政府办公室',
  title: '关于做好冬季供暖工作的通知',
  signedOn: '2023-11-20',
  disclosure: 'public' as const,
};

describe('formal text', () => {
  it('puts the draft under its number and the issuer’s signature; the parser reads it back', () => {
    const text = formalText(DRAFT, ENTRY);
    expect(text).not.toContain('襄垣县住房和城乡建设管理局'); // the drafting unit's signature gives way
    const d = documentOfFormal(text);
    expect(d.docNumber.text).toBe('襄政办发〔2023〕27号');
    expect([d.issuer, d.title, d.signedOn, d.disclosure, d.disclosureNote]).toEqual([
      '襄垣县人民政府办公室',
      '关于做好冬季供暖工作的通知',
      '2023-11-20',
      'public',
      '（此件公开发布）',
    ]);
    expect(d.addressees).toEqual(['各镇人民政府', '县直各有关单位']);
    expect(d.body.map((c) => c.num)).toEqual([null, '一、', '二、']);
  });

  it('refuses a draft without a body and a text that is not one complete document', () => {
    expect(() => formalText('关于某事的通知\n\n各镇人民政府：\n', ENTRY)).toThrow(/没有正文/);
    expect(() => documentOfFormal('随便写的一段话。', 'x.txt')).toThrow(/x.txt 不是一件完整的公文/);
  });
});
