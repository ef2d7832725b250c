import { describe, expect, it } from 'vitest';
import { extractMini } from './testkit.ts';

describe('phases', () => {
  it('NAME阶段（PERIOD） headings (9号 三、时间安排 第1388—1396行)', () => {
    const plan = `### 三、时间安排

#### (一) 启动实施阶段（2023年12月底前）

全面启动我县土壤普查工作。

#### (二) 土壤普查阶段（2024年1月—2024年12月底）

2024年11月底前完成全部外业调查采样工作。

#### (三) 整理验收阶段（2025年12月底前）

完成普查成果验收。`;
    const r = extractMini(plan, { signedOn: '2023-09-04' });
    expect(r.phases.map((p) => [p.name, p.start, p.end])).toEqual([
      ['启动实施阶段', null, '2023-12-31'],
      ['土壤普查阶段', '2024-01-01', '2024-12-31'],
      ['整理验收阶段', null, '2025-12-31'],
    ]);
  });
  it('a period without a year takes the document year (21号 第2551行 style)', () => {
    const r = extractMini('## 二、工作步骤\n\n## （二）创建实施阶段（8月中旬—10月上旬）\n\n落实工作任务。', {
      signedOn: '2023-07-21',
    });
    expect(r.phases.map((p) => [p.start, p.end])).toEqual([['2023-08-11', '2023-10-10']]);
  });
});
