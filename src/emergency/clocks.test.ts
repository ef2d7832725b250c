// Report clocks of §4.3 / §4.5: due times, states, recorded reports, tracking, Beijing-time display.
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { isAppError } from '../platform/errors.ts';
import { CLOCK_CLAUSES, type Clock, clocks, describeClock } from './clocks.ts';
import { addReport, addTracking, type Incident, type ReportRecord, terminate } from './incident.ts';

// 初判发生 14:00 Beijing time (06:00Z); the 县能源局 receives the company's report at 14:10 (06:10Z).
const inc: Incident = {
  id: 'XY-2023-07',
  judgedAt: '2023-07-03T06:00:00Z',
  reportReceivedAt: '2023-07-03T06:10:00Z',
  level: '一般',
  reports: [],
  tracking: [],
};
const byId = (cs: Clock[]) => Object.fromEntries(cs.map((c) => [c.id, c]));
const report = (at: string, over: Partial<ReportRecord> = {}): ReportRecord => ({
  kind: 'first',
  channel: 'phone',
  from: 'county-energy-bureau',
  to: ['city-energy-bureau', 'county-government'],
  at,
  ...over,
});

describe('clocks of a 一般 event', () => {
  it('lists the §4.3 and §4.5 clocks with due times counted from the right instant', () => {
    const cs = clocks(inc, '2023-07-03T06:20:00Z');
    expect(cs.map((c) => [c.id, c.dueAt, c.state, c.remainingMs])).toEqual([
      ['energy-bureau-phone', '2023-07-03T06:40:00.000Z', 'pending', 20 * 60_000], // 接到信息报告 + 30 min
      ['tracking-1', '2023-07-03T06:40:00.000Z', 'pending', 20 * 60_000], // 每30分钟跟踪一次
      ['energy-bureau-written', '2023-07-03T07:10:00.000Z', 'pending', 50 * 60_000], // + 1 h
      ['county-to-city', '2023-07-03T08:00:00.000Z', 'pending', 100 * 60_000], // 初判发生 + 2 h
    ]);
    const c = byId(cs);
    expect(c['energy-bureau-phone']?.label).toBe('县能源局电话报告市能源局及县人民政府（应立即报告，最迟30分钟）');
    expect(c['energy-bureau-phone']?.clause).toContain('30分钟内电话报告市能源局及县人民政府');
    expect(c['energy-bureau-phone']?.clause).toContain('接到较大、一般及以上的大面积停电事件信息报告应立即报告');
    expect(c['county-to-city']?.clause).toBe(
      '§4.3 较大、一般及以上的大面积停电事件，县人民政府在2小时内报告市人民政府。',
    );
    expect(c['tracking-1']?.clause).toBe(CLOCK_CLAUSES.tracking30);
    for (const x of cs) expect(x.label).toMatch(/[\u4e00-\u9fff]/);
  });

  it('counts from 初判发生 when the receipt of the report is not recorded', () => {
    const { reportReceivedAt: _, ...noReceipt } = inc;
    expect(byId(clocks(noReceipt, '2023-07-03T06:20:00Z'))['energy-bureau-phone']?.dueAt).toBe(
      '2023-07-03T06:30:00.000Z',
    );
  });

  it('a phone report to both recipients in time marks the phone clock met; one recipient is not enough', () => {
    let i = addReport(inc, report('2023-07-03T06:25:00Z', { to: ['city-energy-bureau'] }));
    expect(byId(clocks(i, '2023-07-03T06:30:00Z'))['energy-bureau-phone']?.state).toBe('pending');
    i = addReport(i, report('2023-07-03T06:35:00Z', { to: ['county-government'] }));
    const phone = byId(clocks(i, '2023-07-03T07:00:00Z'))['energy-bureau-phone'];
    expect(phone?.state).toBe('met');
    expect(phone?.doneAt).toBe('2023-07-03T06:35:00.000Z'); // when the last of the two was told
    // a phone call does not satisfy the written report
    expect(byId(clocks(i, '2023-07-03T07:00:00Z'))['energy-bureau-written']?.state).toBe('pending');
  });

  it('exactly at the due time is met; a late report is missed with its time; no report past due is missed', () => {
    const onTime = addReport(inc, report('2023-07-03T06:40:00Z'));
    expect(byId(clocks(onTime, '2023-07-03T09:00:00Z'))['energy-bureau-phone']?.state).toBe('met');
    const late = addReport(inc, report('2023-07-03T07:15:00Z', { channel: 'written' }));
    const c = byId(clocks(late, '2023-07-03T09:00:00Z'));
    expect(c['energy-bureau-written']).toMatchObject({ state: 'missed', doneAt: '2023-07-03T07:15:00.000Z' });
    expect(c['energy-bureau-phone']?.state).toBe('missed'); // the written report came after the 30 minutes too
    expect(c['county-to-city']).toMatchObject({ state: 'missed', doneAt: null, remainingMs: -60 * 60_000 });
  });

  it('the county government’s report to the city government meets the 2-hour clock', () => {
    let i = addReport(inc, report('2023-07-03T06:20:00Z'));
    i = addReport(i, {
      kind: 'first',
      channel: 'written',
      from: 'county-government',
      to: ['city-government'],
      at: '2023-07-03T07:50:00Z',
    });
    expect(byId(clocks(i, '2023-07-03T09:00:00Z'))['county-to-city']?.state).toBe('met');
  });

  it('tracking is rolling: each within 30 minutes of the previous; stops at termination', () => {
    let i = addTracking(inc, '2023-07-03T06:35:00Z');
    i = addTracking(i, '2023-07-03T07:10:00Z'); // 35 minutes after the previous: late
    const t = clocks(i, '2023-07-03T07:20:00Z').filter((c) => c.id.startsWith('tracking'));
    expect(t.map((c) => [c.id, c.dueAt, c.state])).toEqual([
      ['tracking-1', '2023-07-03T06:40:00.000Z', 'met'],
      ['tracking-2', '2023-07-03T07:05:00.000Z', 'missed'],
      ['tracking-3', '2023-07-03T07:40:00.000Z', 'pending'],
    ]);
    expect(t[0]?.label).toBe('县能源局第1次跟踪处置进展（每30分钟）');
    const ended = terminate(
      i,
      {
        gridRestored: true,
        lostLoadRestoredPct: 95,
        keyAreasRestoredPct: 100,
        hazardsEliminated: true,
        secondaryIncidentsHandled: true,
      },
      '2023-07-03T07:30:00Z',
    );
    expect(
      clocks(ended, '2023-07-03T09:00:00Z')
        .filter((c) => c.id.startsWith('tracking'))
        .map((c) => c.id),
    ).toEqual(['tracking-1', 'tracking-2']);
  });
});

describe('events below 一般 (§4.5) and special cases', () => {
  it('below 一般 with no judged impact: only the 县能源局 report clocks, no 2-hour clock, no tracking', () => {
    const ids = clocks({ ...inc, level: null }, '2023-07-03T06:20:00Z').map((c) => c.id);
    expect(ids).toEqual(['energy-bureau-phone', 'energy-bureau-written']);
    expect(byId(clocks({ ...inc, level: null }, '2023-07-03T06:20:00Z'))['energy-bureau-phone']?.label).toBe(
      '县能源局电话报告市能源局及县人民政府（30分钟内）',
    );
  });

  it('below 一般 with 较大影响 on society: tracking every hour', () => {
    const t = byId(clocks({ ...inc, level: null, largerSocialImpact: true }, '2023-07-03T06:20:00Z'))['tracking-1'];
    expect(t).toMatchObject({ dueAt: '2023-07-03T07:10:00.000Z', clause: CLOCK_CLAUSES.tracking60 });
    expect(t?.label).toContain('每1小时');
  });

  it('较大 and above: same clocks as 一般 (较大、一般及以上)', () => {
    expect(clocks({ ...inc, level: '特别重大' }, '2023-07-03T06:20:00Z').map((c) => c.id)).toEqual(
      clocks(inc, '2023-07-03T06:20:00Z').map((c) => c.id),
    );
  });

  it('dam safety adds the power company’s 1-hour written report to 县水利局', () => {
    const i = addReport(
      { ...inc, damSafety: true },
      {
        kind: 'first',
        channel: 'written',
        from: 'power-company',
        to: ['county-water-bureau', 'county-energy-bureau'],
        at: '2023-07-03T06:50:00Z',
      },
    );
    expect(byId(clocks(i, '2023-07-03T07:30:00Z'))['dam-written']).toMatchObject({
      state: 'met',
      dueAt: '2023-07-03T07:00:00.000Z',
      clause: CLOCK_CLAUSES.dam,
    });
  });

  it('refuses a bad now', () => {
    try {
      clocks(inc, '2023-07-03 14:00');
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.location.field === 'now').toBe(true);
    }
  });
});

describe('display in Beijing time', () => {
  it('describes pending, met and missed clocks in Chinese', () => {
    const i = addReport(inc, report('2023-07-03T06:30:00Z'));
    const c = byId(clocks(i, '2023-07-03T07:20:00Z'));
    expect(describeClock(c['energy-bureau-phone'] as Clock)).toBe(
      '县能源局电话报告市能源局及县人民政府（应立即报告，最迟30分钟）：截止 2023-07-03 14:40（北京时间），已于 2023-07-03 14:30 完成',
    );
    expect(describeClock(c['energy-bureau-written'] as Clock)).toBe(
      '县能源局书面报告市能源局及县人民政府（1小时内）：截止 2023-07-03 15:10（北京时间），已逾期 10 分钟',
    );
    expect(describeClock(c['county-to-city'] as Clock)).toBe(
      '县人民政府报告市人民政府（2小时内）：截止 2023-07-03 16:00（北京时间），剩余 40 分钟',
    );
  });
});

describe.skipIf(!seedAvailable())('clock clauses quoted from the gazette', () => {
  it.each(Object.entries(CLOCK_CLAUSES))('%s', (_n, clause) =>
    expect(seedText()).toContain(clause.replace(/^§4\.[35] /, '')),
  );
});
