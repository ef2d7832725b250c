// Missed-deadline detection over the clocks (pure): due soon, missed, and nothing for done or distant clocks.
import { describe, expect, it } from 'vitest';
import { type Alarm, DUE_SOON_MS, detectAlarms } from './alarms.ts';
import { clocks } from './clocks.ts';
import type { Incident } from './incident.ts';

const JUDGED = Date.parse('2026-07-03T06:00:00Z');
const MIN = 60_000;
const incident = (over: Partial<Incident> = {}): Incident => ({
  id: '1',
  judgedAt: new Date(JUDGED).toISOString(),
  level: '一般',
  reports: [],
  tracking: [],
  ...over,
});
const at = (min: number) => JUDGED + min * MIN;
const kinds = (a: Alarm[]) => a.map((x) => `${x.clockId}:${x.kind}`);

describe('detectAlarms', () => {
  it('nothing while every clock has more than 10 minutes left', () => {
    expect(detectAlarms(clocks(incident(), at(19)), at(19))).toEqual([]);
  });
  it('due soon at 10 minutes left (inclusive), missed one millisecond past due', () => {
    expect(kinds(detectAlarms(clocks(incident(), at(20)), at(20)))).toEqual([
      'energy-bureau-phone:due-soon',
      'tracking-1:due-soon',
    ]);
    const past = at(30) + 1;
    expect(kinds(detectAlarms(clocks(incident(), past), past))).toEqual([
      'energy-bureau-phone:missed',
      'tracking-1:missed',
    ]);
    expect(kinds(detectAlarms(clocks(incident(), at(30)), at(30)))).toEqual([
      'energy-bureau-phone:due-soon',
      'tracking-1:due-soon',
    ]);
  });
  it('a duty done (on time or late) raises nothing; the next tracking clock takes over', () => {
    const done = incident({
      reports: [
        {
          kind: 'first',
          channel: 'phone',
          from: 'county-energy-bureau',
          to: ['city-energy-bureau', 'county-government'],
          at: new Date(at(45)).toISOString(),
        },
      ],
      tracking: [new Date(at(25)).toISOString()],
    });
    const a = detectAlarms(clocks(done, at(50)), at(50));
    expect(kinds(a)).toEqual(['tracking-2:due-soon', 'energy-bureau-written:due-soon']);
    expect(a[1]?.clause).toMatch(/^§4\.3/);
  });
  it('the 2-hour county clock, below 一般 none; the threshold can be changed', () => {
    expect(kinds(detectAlarms(clocks(incident(), at(115)), at(115)))).toContain('county-to-city:due-soon');
    expect(kinds(detectAlarms(clocks(incident({ level: null }), at(115)), at(115)))).not.toContain(
      'county-to-city:due-soon',
    );
    expect(detectAlarms(clocks(incident(), at(5)), at(5), 25 * MIN).map((x) => x.clockId)).toEqual([
      'energy-bureau-phone',
      'tracking-1',
    ]);
    expect(DUE_SOON_MS).toBe(10 * MIN);
  });
});
