// Incident lifecycle (pure): 首报 / 续报 / 终报 order (§4.1), tracking records, termination (§5.4.2).
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { type AppError, isAppError } from '../platform/errors.ts';
import {
  addReport,
  addTracking,
  type Incident,
  type ReportRecord,
  TERMINATION_CLAUSES,
  type TerminationConditions,
  terminate,
  unmetTerminationConditions,
  withReports,
} from './incident.ts';

const base: Incident = { id: 'T-1', judgedAt: '2023-07-03T06:00:00Z', level: '一般', reports: [], tracking: [] };
const rep = (
  kind: ReportRecord['kind'],
  at: string,
  from: ReportRecord['from'] = 'county-energy-bureau',
): ReportRecord => ({
  kind,
  channel: 'phone',
  from,
  to: ['city-energy-bureau', 'county-government'],
  at,
});
const allMet: TerminationConditions = {
  gridRestored: true,
  lostLoadRestoredPct: 80,
  keyAreasRestoredPct: 90,
  hazardsEliminated: true,
  secondaryIncidentsHandled: true,
};

function refused(f: () => unknown, message: RegExp, field?: string): AppError {
  try {
    f();
  } catch (e) {
    expect(isAppError(e)).toBe(true);
    const err = e as AppError;
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(message);
    if (field) expect(err.location.field).toBe(field);
    return err;
  }
  throw new Error('expected a refusal');
}

describe('reports: 首报 → 续报 → 终报', () => {
  it('accepts the order of §4.1 and keeps reports in time order, as UTC', () => {
    let inc = addReport(base, rep('first', '2023-07-03T14:20:00+08:00'));
    inc = addReport(inc, rep('final', '2023-07-03T10:00:00Z'));
    inc = addReport(inc, rep('follow-up', '2023-07-03T07:00:00Z'));
    expect(inc.reports.map((r) => [r.kind, r.at])).toEqual([
      ['first', '2023-07-03T06:20:00.000Z'],
      ['follow-up', '2023-07-03T07:00:00.000Z'],
      ['final', '2023-07-03T10:00:00.000Z'],
    ]);
    expect(base.reports).toEqual([]); // pure
  });

  it('refuses 续报 before 首报 — per reporting unit', () => {
    refused(() => addReport(base, rep('follow-up', '2023-07-03T06:30:00Z')), /县能源局尚未首报，不能续报/, 'kind');
    const companyFirst = addReport(base, {
      ...rep('first', '2023-07-03T06:05:00Z', 'power-company'),
      to: ['county-energy-bureau'],
    });
    refused(() => addReport(companyFirst, rep('follow-up', '2023-07-03T06:30:00Z')), /县能源局尚未首报/);
  });

  it('refuses a 续报 dated before the 首报, and 终报 before 首报', () => {
    const inc = addReport(base, rep('first', '2023-07-03T06:20:00Z'));
    refused(() => addReport(inc, rep('follow-up', '2023-07-03T06:10:00Z')), /尚未首报，不能续报/);
    refused(() => addReport(base, rep('final', '2023-07-03T06:10:00Z')), /尚未首报，不能终报/);
  });

  it('nothing after the 终报, no second 终报, 终报 must be last', () => {
    let inc = addReport(base, rep('first', '2023-07-03T06:20:00Z'));
    inc = addReport(inc, rep('follow-up', '2023-07-03T07:00:00Z'));
    refused(() => addReport(inc, rep('final', '2023-07-03T06:50:00Z')), /终报必须是最后一次报告/);
    inc = addReport(inc, rep('final', '2023-07-03T09:00:00Z'));
    refused(() => addReport(inc, rep('follow-up', '2023-07-03T09:30:00Z')), /已于 .* 终报，之后不能再报告/);
    refused(() => addReport(inc, rep('final', '2023-07-03T08:00:00Z')), /不能重复终报/);
  });

  it('validates a stored history by replaying it in time order', () => {
    const ok = withReports(base, [rep('follow-up', '2023-07-03T07:00:00Z'), rep('first', '2023-07-03T06:20:00Z')]);
    expect(ok.reports.map((r) => r.kind)).toEqual(['first', 'follow-up']);
    refused(
      () => withReports(base, [rep('follow-up', '2023-07-03T06:10:00Z'), rep('first', '2023-07-03T06:20:00Z')]),
      /尚未首报/,
    );
  });

  it('refuses bad records in Chinese', () => {
    refused(() => addReport(base, rep('first', '2023-07-03T05:59:00Z')), /早于初判发生时间/, 'at');
    refused(() => addReport(base, rep('first', '2023-07-03 14:00')), /不是带时区的时间/, 'at');
    refused(
      () => addReport(base, { ...rep('first', '2023-07-03T06:20:00Z'), kind: 'second' as 'first' }),
      /报告类型“second”无效/,
      'kind',
    );
    refused(
      () => addReport(base, { ...rep('first', '2023-07-03T06:20:00Z'), channel: 'fax' as 'phone' }),
      /报告方式“fax”无效/,
      'channel',
    );
    refused(() => addReport(base, { ...rep('first', '2023-07-03T06:20:00Z'), to: [] }), /至少有一个接收单位/, 'to');
    refused(
      () => addReport(base, { ...rep('first', '2023-07-03T06:20:00Z'), to: ['county-energy-bureau'] }),
      /不能是报告单位自己/,
      'to',
    );
    refused(
      () => addReport(base, { ...rep('first', '2023-07-03T06:20:00Z'), from: 'mayor' as 'power-company' }),
      /报告单位“mayor”无效/,
      'from',
    );
    refused(
      () => addReport({ ...base, level: '巨大' as '一般' }, rep('first', '2023-07-03T06:20:00Z')),
      /事件级别“巨大”无效/,
      'level',
    );
    refused(
      () => addReport({ ...base, judgedAt: 'now' }, rep('first', '2023-07-03T06:20:00Z')),
      /初判发生时间/,
      'judgedAt',
    );
  });
});

describe('termination (§5.4.2): all four conditions, or refused naming the unmet ones', () => {
  it('terminates when all hold — 80% and 90% exactly count (以上 includes the number)', () => {
    const inc = terminate(base, allMet, '2023-07-03T20:00:00+08:00');
    expect(inc.termination?.at).toBe('2023-07-03T12:00:00.000Z');
    expect(inc.termination?.conditions).toEqual(allMet);
  });

  it('names each unmet condition with its number', () => {
    const err = refused(
      () => terminate(base, { ...allMet, lostLoadRestoredPct: 79.9, gridRestored: false }, '2023-07-03T12:00:00Z'),
      /不能终止响应：§5\.4\.2 要求同时满足四项条件/,
      'termination',
    );
    expect(err.message).toContain('(1) 电网主干网架尚未基本恢复正常');
    expect(err.message).toContain('(2) 减供负荷恢复 79.9%，未达到 80% 以上');
    expect(err.message).not.toContain('(3)');
    expect((err.details as { unmet: { item: number }[] }).unmet.map((u) => u.item)).toEqual([1, 2]);
    expect(unmetTerminationConditions({ ...allMet, keyAreasRestoredPct: 89 })[0]?.message).toContain(
      '重点区域、重要负荷恢复 89%，未达到 90% 以上',
    );
    expect(
      unmetTerminationConditions({ ...allMet, hazardsEliminated: false, secondaryIncidentsHandled: false }).map(
        (u) => u.item,
      ),
    ).toEqual([3, 4]);
  });

  it('refuses percentages outside 0–100, a second termination, a termination before the event', () => {
    refused(
      () => terminate(base, { ...allMet, lostLoadRestoredPct: 120 }, '2023-07-03T12:00:00Z'),
      /减供负荷恢复比例.*0 到 100/,
      'lostLoadRestoredPct',
    );
    refused(
      () => terminate(base, { ...allMet, keyAreasRestoredPct: -1 }, '2023-07-03T12:00:00Z'),
      /重点区域.*0 到 100/,
      'keyAreasRestoredPct',
    );
    refused(
      () => terminate(base, { ...allMet, gridRestored: 'yes' as unknown as boolean }, '2023-07-03T12:00:00Z'),
      /gridRestored/,
    );
    const done = terminate(base, allMet, '2023-07-03T12:00:00Z');
    refused(() => terminate(done, allMet, '2023-07-03T13:00:00Z'), /响应已于 .* 终止/);
    refused(() => terminate(base, allMet, '2023-07-03T05:00:00Z'), /终止时间早于初判发生时间/);
  });

  it('tracking: not before the report was received, not after termination', () => {
    const inc = { ...base, reportReceivedAt: '2023-07-03T06:10:00Z' };
    refused(() => addTracking(inc, '2023-07-03T06:05:00Z'), /跟踪时间早于/);
    expect(addTracking(inc, '2023-07-03T06:30:00Z').tracking).toEqual(['2023-07-03T06:30:00.000Z']);
    const done = terminate(inc, allMet, '2023-07-03T07:00:00Z');
    refused(() => addTracking(done, '2023-07-03T07:30:00Z'), /响应已终止/);
  });
});

describe.skipIf(!seedAvailable())('§5.4.2 quoted from the gazette', () => {
  it.each(Object.entries(TERMINATION_CLAUSES))('(%s)', (_n, t) => expect(seedText()).toContain(t));
});
