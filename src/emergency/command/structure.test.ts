// The 指挥部 as data (§2.1.1, 附件2, 附件8): every quoted text is in the gazette word for word, and the
// duty list of who must act follows the phase and the decided level.
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../../test/seed.ts';
import {
  CONTACTS,
  HQ_DUTIES,
  LEADERSHIP,
  MEMBER_UNITS,
  MEMBERS_211_SOURCE,
  WORKING_GROUPS,
  WORKING_GROUPS_SOURCE,
  whoMustAct,
} from './structure.ts';

describe('the data', () => {
  it('has the seven working groups of §2.1.1', () => {
    expect(WORKING_GROUPS).toHaveLength(7);
    for (const g of WORKING_GROUPS) expect(WORKING_GROUPS_SOURCE).toContain(g);
  });
  it('has every member unit §2.1.1 lists among the rows of 附件2, and flags the two only 附件2 has', () => {
    const listed = MEMBERS_211_SOURCE.replace(/^成员单位：|。$/g, '').split('、');
    expect(listed).toHaveLength(20);
    const inAnnex = MEMBER_UNITS.flatMap((u) => u.members);
    for (const u of listed) expect(inAnnex).toContain(u);
    expect(MEMBER_UNITS.filter((u) => !u.listedIn211).map((u) => u.unit)).toEqual(['县人武部', '县商务中心']);
    for (const u of MEMBER_UNITS) {
      expect(u.listedIn211).toBe(u.members.every((m) => listed.includes(m)));
      expect(u.duty).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/);
    }
  });
  it('has the 14 contacts of 附件8 with their duty phones', () => {
    expect(CONTACTS).toHaveLength(14);
    expect(CONTACTS.find((c) => c.unit === '襄垣县能源局')?.dutyPhone).toBe('0355—7291995');
    for (const c of CONTACTS) expect(c.dutyPhone).toMatch(/^0\d{2,3}—\d{7,8}$/);
  });
  it('the office director is the head of 县能源局 (§2.1.1)', () => {
    expect(LEADERSHIP.find((l) => l.post === 'office-director')?.holders).toEqual(['县能源局主要负责人']);
  });
});

describe('who must act now', () => {
  it('three-level start by the office director; 二级/一级 signed by the 指挥长', () => {
    expect(whoMustAct('active', '三级').some((d) => d.who === '县指挥部办公室主任' && d.clause === '§5.2.1')).toBe(
      true,
    );
    expect(whoMustAct('active', '三级').some((d) => d.who === '指挥长')).toBe(false);
    expect(whoMustAct('active', '二级').find((d) => d.who === '指挥长')).toMatchObject({ clause: '§5.2.2' });
    expect(whoMustAct('active', '一级').find((d) => d.who === '指挥长')).toMatchObject({ clause: '§5.2.3' });
  });
  it('the warning phase has the 附件7 review and approval; after termination the §7 aftermath; none once closed', () => {
    expect(whoMustAct('warning', null).map((d) => d.clause)).toContain('附件7');
    expect(whoMustAct('terminated', '二级').map((d) => d.clause)).toEqual(['§7.1', '§7.2', '§7.3', '§7.4']);
    expect(whoMustAct('closed', '二级')).toEqual([]);
  });
});

describe.skipIf(!seedAvailable())('word for word in the gazette', () => {
  it('every source', () => {
    const t = seedText();
    const sources = [
      ...LEADERSHIP.map((l) => l.source),
      HQ_DUTIES.headquarters.source,
      HQ_DUTIES.office.source,
      ...MEMBER_UNITS.map((u) => u.source),
      MEMBERS_211_SOURCE,
      WORKING_GROUPS_SOURCE,
      ...CONTACTS.map((c) => c.source),
    ];
    for (const s of sources) expect(t, s).toContain(s);
  });
});
