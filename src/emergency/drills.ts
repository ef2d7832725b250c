// §8.1 预案管理: “每年应当至少开展1次演练” — which years are covered by recorded drills (pure).
// A drill is an exercise: its record, and any CAP message sent during it, carries status Exercise.
import { AppError } from '../platform/errors.ts';
import { parseDate } from './time.ts';
import { PLAN_EFFECTIVE_ON } from './types.ts';

/** The forms §8.1 names, plus any other. */
export const DRILL_FORMS = ['电力迎峰度夏（冬）反事故演习', '桌面推演', '实战演练', '其他'] as const;
export type DrillForm = (typeof DRILL_FORMS)[number];

export interface Drill {
  id?: string;
  /** YYYY-MM-DD (Beijing date). */
  heldOn: string;
  form: DrillForm;
  /** Always Exercise (CAP status of a drill). */
  status: 'Exercise';
  title?: string;
}

export const DRILL_CLAUSE =
  '§8.1 本预案实施后，县指挥部办公室会同县直有关单位组织预案宣传、培训和演练，并采取电力迎峰度夏（冬）反事故演习、桌面推演、实战演练等多种形式，每年应当至少开展1次演练。';

export type YearState = 'covered' | 'missing' | 'open';

export interface YearCoverage {
  year: number;
  /** covered: at least one drill; missing: the year is over without one; open: the year is not over and has none yet. */
  state: YearState;
  covered: boolean;
  drills: Drill[];
  /** The part of the year the plan was in force (the first year starts on its effective date). */
  from: string;
  to: string;
}

export function checkDrill(d: Drill, index = 0): Drill {
  const where = `第 ${index + 1} 条演练记录`;
  if (!d || typeof d !== 'object') throw new AppError('BAD_INPUT', `${where}无效。`, { row: index + 1 });
  parseDate(d.heldOn, `${where}的日期`, 'heldOn');
  if (!(DRILL_FORMS as readonly string[]).includes(d.form)) {
    throw new AppError('BAD_INPUT', `${where}的形式“${String(d.form)}”无效：应为 ${DRILL_FORMS.join('、')} 之一。`, {
      row: index + 1,
      field: 'form',
    });
  }
  if (d.status !== 'Exercise') {
    throw new AppError(
      'BAD_INPUT',
      `${where}的状态为“${String(d.status)}”：演练必须标记为 Exercise（演练），不能作为正式（Actual）事件。`,
      {
        row: index + 1,
        field: 'status',
      },
    );
  }
  return d;
}

/**
 * Per year from the plan's effective date to `today` (inclusive), whether §8.1 is met.
 * Drills before the plan took effect do not count; drills after `today` are refused (not yet held).
 */
export function drillCoverage(drills: Drill[], today: string, since: string = PLAN_EFFECTIVE_ON): YearCoverage[] {
  parseDate(today, '今天', 'today');
  parseDate(since, '预案实施日期', 'since');
  if (today < since) return [];
  drills.forEach((d, i) => {
    checkDrill(d, i);
    if (d.heldOn > today)
      throw new AppError(
        'BAD_INPUT',
        `第 ${i + 1} 条演练记录的日期 ${d.heldOn} 晚于今天 ${today}：只记录已开展的演练。`,
        { row: i + 1, field: 'heldOn' },
      );
  });
  const first = Number(since.slice(0, 4));
  const last = Number(today.slice(0, 4));
  const years: YearCoverage[] = [];
  for (let year = first; year <= last; year++) {
    const from = year === first ? since : `${year}-01-01`;
    const to = `${year}-12-31`;
    const held = drills
      .filter((d) => d.heldOn >= from && d.heldOn <= to)
      .sort((a, b) => a.heldOn.localeCompare(b.heldOn));
    const state: YearState = held.length > 0 ? 'covered' : today >= to ? 'missing' : 'open';
    years.push({ year, state, covered: held.length > 0, drills: held, from, to });
  }
  return years;
}
