// Clocks and signing authority of 襄政发〔2023〕7号 第二十八、三十一、三十三条.
import { describe, expect, it } from 'vitest';
import { checkSigning, countersignClock, issuedAsOf, signerOf, upperDraftClock } from './rules.ts';

describe('countersign clock (第三十一条: 7 个工作日, 逾期不回复视为无不同意见)', () => {
  // 2023-09-28 + 7 working days crosses 中秋 and 国庆 (9-29 … 10-06 off; 10-07 and 10-08 are 调休 working days)
  it('counts 7 working days over the National Day holiday', () => {
    const c = countersignClock({ sentOn: '2023-09-28', asOf: '2023-09-28' });
    expect(c.dueOn).toBe('2023-10-13');
    expect(c.status).toBe('pending');
    expect(c.workdaysLeft).toBe(7);
    expect(c.official).toBe(true);
  });

  it('is pending on the due day and becomes no objection the day after', () => {
    expect(countersignClock({ sentOn: '2023-09-28', asOf: '2023-10-13' }).status).toBe('pending');
    const silent = countersignClock({ sentOn: '2023-09-28', asOf: '2023-10-14' });
    expect(silent.status).toBe('no-objection');
    expect(silent.message).toContain('视为无不同意见');
  });

  it('records a reply on time, and a late reply as already counted as no objection', () => {
    expect(countersignClock({ sentOn: '2023-09-28', repliedOn: '2023-10-13', asOf: '2023-11-01' }).status).toBe(
      'replied',
    );
    expect(countersignClock({ sentOn: '2023-09-28', repliedOn: '2023-10-16', asOf: '2023-11-01' }).status).toBe(
      'replied-late',
    );
  });

  it("takes the lead department's own limit or an agreed date instead of 7", () => {
    expect(countersignClock({ sentOn: '2023-09-28', workdays: 3, asOf: '2023-09-28' }).dueOn).toBe('2023-10-09');
    expect(countersignClock({ sentOn: '2023-09-28', agreedDueOn: '2023-10-20', asOf: '2023-10-16' }).status).toBe(
      'pending',
    );
  });

  it('refuses bad dates and limits with Chinese messages', () => {
    expect(() => countersignClock({ sentOn: '2023-02-30', asOf: '2023-03-01' })).toThrow(/发出会签日期/);
    expect(() => countersignClock({ sentOn: '2023-09-28', workdays: 0, asOf: '2023-09-28' })).toThrow(/工作日/);
    expect(() => countersignClock({ sentOn: '2023-09-28', repliedOn: '2023-09-01', asOf: '2023-09-28' })).toThrow(
      /早于发出日期/,
    );
  });

  it('marks a clock reaching a year without an official schedule', () => {
    expect(countersignClock({ sentOn: '2026-12-28', asOf: '2026-12-28' }).official).toBe(false);
  });
});

describe('drafts for upper levels (第二十八条: 15 日 / 10 日, calendar days)', () => {
  it('is due 15 days before for the party committee and government, 10 for the government', () => {
    expect(upperDraftClock({ upperDeadline: '2023-06-30', name: 'party-and-government' }).dueOn).toBe('2023-06-15');
    expect(upperDraftClock({ upperDeadline: '2023-06-30', name: 'government' }).dueOn).toBe('2023-06-20');
  });

  it('says how late a draft is', () => {
    const late = upperDraftClock({ upperDeadline: '2023-06-30', name: 'government', submittedOn: '2023-06-23' });
    expect(late.onTime).toBe(false);
    expect(late.daysLate).toBe(3);
    expect(late.message).toContain('3 日');
    expect(upperDraftClock({ upperDeadline: '2023-06-30', name: 'government', submittedOn: '2023-06-20' }).onTime).toBe(
      true,
    );
  });
});

describe('signing authority (第三十三条)', () => {
  it('reads signer and issuer names', () => {
    expect(signerOf('县长')).toBe('mayor');
    expect(signerOf('常务副县长')).toBe('deputy');
    expect(signerOf('分管领导')).toBe('deputy');
    expect(signerOf('县政府办主任')).toBe('office-director');
    expect(signerOf('县财政局局长')).toBe('other');
    expect(issuedAsOf('襄垣县人民政府')).toBe('government');
    expect(issuedAsOf('县人民政府办公室')).toBe('office');
    expect(issuedAsOf('县财政局')).toBeNull();
  });

  it('reserves 决定、命令、规范性文件 and 议案 to the 县长 (第一款)', () => {
    expect(checkSigning({ issuedAs: 'government', type: '决定', signer: 'deputy', mayorAgreed: true }).allowed).toBe(
      false,
    );
    expect(
      checkSigning({ issuedAs: 'government', type: '通知', normative: true, signer: 'deputy', mayorAgreed: true })
        .allowed,
    ).toBe(false);
    expect(checkSigning({ issuedAs: 'government', type: '议案', signer: 'mayor' }).allowed).toBe(true);
    expect(checkSigning({ issuedAs: 'government', type: '命令', signer: 'mayor' }).message).toContain('第一款');
  });

  it('lets a deputy sign in the government name only with the 县长’s agreement (第二款)', () => {
    expect(checkSigning({ issuedAs: 'government', type: '通知', signer: 'deputy' }).allowed).toBe(false);
    expect(checkSigning({ issuedAs: 'government', type: '通知', signer: 'deputy', mayorAgreed: true }).allowed).toBe(
      true,
    );
    expect(checkSigning({ issuedAs: 'government', type: '通知', signer: 'office-director' }).allowed).toBe(false);
    expect(checkSigning({ issuedAs: 'government', type: '通知', signer: 'mayor' }).allowed).toBe(true);
  });

  it('lets the deputy or the office director sign in the office name, and only the 县长 an important one (第三款)', () => {
    expect(checkSigning({ issuedAs: 'office', type: '通知', signer: 'office-director' }).allowed).toBe(true);
    expect(checkSigning({ issuedAs: 'office', type: '通知', signer: 'deputy' }).allowed).toBe(true);
    expect(checkSigning({ issuedAs: 'office', type: '通知', signer: 'other' }).allowed).toBe(false);
    expect(checkSigning({ issuedAs: 'office', type: '通知', signer: 'office-director', important: true }).allowed).toBe(
      false,
    );
    expect(checkSigning({ issuedAs: 'office', type: '通知', signer: 'mayor', important: true }).allowed).toBe(true);
  });
});
