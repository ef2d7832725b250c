// Early warning (动态化预警, 4号 四、（四） / 儿童规划 四、（三）: “对预计达标困难、波动较大的监测指标及时进行预警”). Pure.
//
//   预计达标困难 — the attainment status is not achieved / on_track; for a binding target (约束性) that is a red
//                 warning, for an expected one (预期性) yellow, and deteriorating is red for both;
//   波动较大     — the change from the previous period lies beyond k standard deviations of the history's
//                 period-to-period changes (needs `minHistory` changes), or beyond x % of the previous value.
// Both thresholds are configurable per indicator; null switches a test off.
import type { AttainmentStatus } from './attainment.ts';

export type Light = 'green' | 'yellow' | 'red' | 'none';

export const LIGHT_LABELS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '无数据' };

export type Attribute = 'binding' | 'expected';

export const ATTRIBUTE_LABELS: Record<Attribute, string> = { binding: '约束性', expected: '预期性' };

/** The traffic light of a status; binding targets off track are red. */
export function lightOf(status: AttainmentStatus | null, attribute: Attribute | null): Light {
  if (status === null) return 'none';
  if (status === 'achieved' || status === 'on_track') return 'green';
  if (status === 'deteriorating' || attribute === 'binding') return 'red';
  return 'yellow';
}

export interface FluctuationConfig {
  /** k: warn when |change − mean change| > k × sd of the history's changes; null = off. */
  sigma: number | null;
  /** x: warn when |change| > x % of the previous value; null = off. */
  percent: number | null;
  /** Changes of history needed before the k-sigma test applies. */
  minHistory: number;
}

export const DEFAULT_FLUCTUATION: FluctuationConfig = { sigma: 3, percent: 30, minHistory: 3 };

export interface Fluctuation {
  warn: boolean;
  /** Chinese reasons, one per test that fired. */
  reasons: string[];
  /** (change − mean change) / sd, or null when not computed. */
  z: number | null;
  /** Change relative to the previous value in percent, or null (no previous value, or it is 0). */
  percentChange: number | null;
}

/** `history`: values of the previous periods in order (oldest first); `value`: the new one. */
export function fluctuation(
  history: readonly number[],
  value: number,
  cfg: FluctuationConfig = DEFAULT_FLUCTUATION,
): Fluctuation {
  const reasons: string[] = [];
  const prev = history[history.length - 1];
  if (prev === undefined) return { warn: false, reasons, z: null, percentChange: null };
  const change = value - prev;
  let percentChange: number | null = null;
  if (prev !== 0) {
    percentChange = (change / Math.abs(prev)) * 100;
    if (cfg.percent !== null && Math.abs(percentChange) > cfg.percent + 1e-9)
      reasons.push(`较上期变化 ${fmt(percentChange)}%，超过 ±${cfg.percent}% 的波动阈值`);
  }
  let z: number | null = null;
  const n = history.length - 1;
  if (cfg.sigma !== null && n >= cfg.minHistory) {
    let sum = 0;
    for (let i = 1; i < history.length; i++) sum += (history[i] as number) - (history[i - 1] as number);
    const mean = sum / n;
    let ss = 0;
    for (let i = 1; i < history.length; i++) {
      const dv = (history[i] as number) - (history[i - 1] as number) - mean;
      ss += dv * dv;
    }
    const sd = Math.sqrt(ss / (n - 1 || 1));
    if (sd > 0) {
      z = (change - mean) / sd;
      if (Math.abs(z) > cfg.sigma)
        reasons.push(`变化量偏离历史平均变化 ${fmt(Math.abs(z))} 个标准差，超过 ${cfg.sigma} 个标准差的阈值`);
    } else if (Math.abs(change - mean) > 1e-9 * Math.max(1, Math.abs(mean))) {
      reasons.push('历史变化完全平稳，本期变化与历史不同');
    }
  }
  return { warn: reasons.length > 0, reasons, z, percentChange };
}

function fmt(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}
