// 后期处置 (襄政办发〔2023〕15号 §7; the issue calls it §6, the plan numbers it 7 — §6 is 应急保障), pure.
//
//   7.1 评估总结  应急响应终止后，县指挥部要及时组织对事件处置工作进行评估……形成评估报告。
//   7.2 事件调查  ……成立调查组，查明事件原因、性质、影响范围、经济损失等情况，提出防范、整改措施和处理处置建议。
//   7.3 善后处置  及时组织制订善后工作方案并组织实施。保险机构要及时开展相关理赔工作。
//   7.4 恢复重建  应急响应终止后，需对电网网架结构和设备设施进行修复或重建的，按照相关规定和实际需要组织编制恢复重建规划。
//
// Decisions (docs/emergency.md §9.2): the steps are recorded after the response is terminated (§7.1 and §7.4
// say so; §7.2 says “事件发生后”, but its findings are recorded with the others). Each step is recorded once,
// by a named person with a summary. 恢复重建 applies only “需对电网网架结构和设备设施进行修复或重建的”: it is
// either recorded or declared not needed, with the reason. The incident is closed when all four are settled.
import { AppError } from '../platform/errors.ts';
import { parseInstant, toUtcIso } from './time.ts';

export const AFTERMATH_STEPS = {
  evaluation: { label: '评估总结', clause: '§7.1', needs: '评估报告' },
  investigation: {
    label: '事件调查',
    clause: '§7.2',
    needs: '调查结论（原因、性质、影响范围、经济损失、防范整改措施）',
  },
  aftercare: { label: '善后处置', clause: '§7.3', needs: '善后工作方案及实施情况' },
  reconstruction: { label: '恢复重建', clause: '§7.4', needs: '恢复重建规划，或不需修复重建的理由' },
} as const;
export type AftermathStep = keyof typeof AFTERMATH_STEPS;
export const AFTERMATH_ORDER = Object.keys(AFTERMATH_STEPS) as AftermathStep[];

export interface AftermathRecord {
  step: AftermathStep;
  at: string;
  by: string;
  summary: string;
  /** Only for reconstruction: the grid needs no repair or rebuilding (§7.4 “需……的”). */
  notNeeded?: boolean;
}

export interface AftermathInput {
  step: string;
  summary: string;
  notNeeded?: boolean;
  at: string;
}

function bad(message: string, field: string): never {
  throw new AppError('BAD_INPUT', message, { field });
}

/**
 * Checks one 后期处置 step against the incident's phase and the steps already recorded; returns the record.
 * `terminatedAt` is the §5.4.2 termination (null = not terminated).
 */
export function recordAftermath(
  done: AftermathRecord[],
  terminatedAt: string | null,
  input: AftermathInput,
  by: string,
): AftermathRecord {
  if (!Object.hasOwn(AFTERMATH_STEPS, input.step)) {
    bad(
      `后期处置步骤“${String(input.step)}”无效：应为 ${AFTERMATH_ORDER.map((s) => `${s}（${AFTERMATH_STEPS[s].label}）`).join('、')}（§7）。`,
      'step',
    );
  }
  const step = input.step as AftermathStep;
  const spec = AFTERMATH_STEPS[step];
  if (terminatedAt === null) bad(`应急响应尚未终止，不能记录${spec.label}（${spec.clause}：应急响应终止后）。`, 'step');
  const at = toUtcIso(parseInstant(input.at, `${spec.label}时间`, 'at'));
  if (Date.parse(at) < Date.parse(terminatedAt)) bad(`${spec.label}时间不能早于响应终止时间。`, 'at');
  if (done.some((d) => d.step === step)) bad(`${spec.label}已记录，不能重复记录（${spec.clause}）。`, 'step');
  if (input.notNeeded !== undefined && typeof input.notNeeded !== 'boolean')
    bad('notNeeded 应为 true 或 false。', 'notNeeded');
  if (input.notNeeded && step !== 'reconstruction')
    bad(`只有恢复重建可以声明不需要（§7.4），${spec.label}不可。`, 'notNeeded');
  const summary = typeof input.summary === 'string' ? input.summary.trim() : '';
  if (!summary) bad(`须填写${spec.label}的内容：${spec.needs}（${spec.clause}）。`, 'summary');
  if (summary.length > 4000) bad(`${spec.label}内容过长（最多 4000 字）。`, 'summary');
  return { step, at, by, summary, ...(input.notNeeded ? { notNeeded: true } : {}) };
}

/** The steps still open (in §7 order); empty = the incident can be closed. */
export function openSteps(done: AftermathRecord[]): AftermathStep[] {
  return AFTERMATH_ORDER.filter((s) => !done.some((d) => d.step === s));
}

/** Refuses closing while a §7 step is open, naming them. */
export function checkClose(done: AftermathRecord[], terminatedAt: string | null): void {
  if (terminatedAt === null) bad('应急响应尚未终止，不能关闭事件（§5.4.2、§7）。', 'state');
  const open = openSteps(done);
  if (open.length > 0) {
    bad(
      `后期处置尚未完成，不能关闭事件：${open.map((s) => `${AFTERMATH_STEPS[s].label}（${AFTERMATH_STEPS[s].clause}）`).join('、')}。`,
      'aftermath',
    );
  }
}
