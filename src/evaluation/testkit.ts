// Small rubrics for tests: one item per rule, built as plain objects so that a test can break one field
// and see validateRubric name it.
import { type Rubric, type RubricInput, validateRubric } from './rubric.ts';

export function miniRubricInput(): RubricInput {
  return {
    id: 'mini',
    title: '测试细则',
    docNumber: '测试〔2023〕1号',
    source: '测试',
    maxScore: 100,
    assessors: [
      { id: 'self', title: '自查自评', weight: 40, clause: '26号 五（一）1.' },
      { id: 'department', title: '部门评价', weight: 60, clause: '26号 五（一）2.' },
    ],
    categories: [
      {
        id: 'growth',
        title: '贷款增长',
        weight: 60,
        max: 100,
        clause: '附件1 贷款增长',
        items: [
          {
            id: 'increment',
            title: '当年贷款增量排序',
            max: 40,
            clause: '附件1 贷款增长 1',
            input: { label: '当年贷款增量', unit: '万元' },
            rule: { type: 'rank', first: 40, step: 1 },
          },
          {
            id: 'vs-gdp',
            title: '贷款增长达到GDP增幅',
            max: 20,
            clause: '附件1 贷款增长 2',
            input: { label: '贷款增幅', unit: '%' },
            rule: { type: 'proportional' },
          },
          {
            id: 'vs-city',
            title: '增幅不低于全市平均',
            max: 20,
            clause: '附件1 贷款增长 3',
            input: { label: '贷款增幅', unit: '%' },
            rule: { type: 'completion' },
          },
          {
            id: 'disbursed',
            title: '资金到位金额排序（未放款不得分）',
            max: 20,
            clause: '附件1 重点项目 1',
            input: { label: '资金到位金额', unit: '万元', min: 0 },
            rule: { type: 'rank', first: 20, step: 2, eligibleAbove: 0 },
          },
        ],
      },
      {
        id: 'work',
        title: '工作情况',
        weight: 40,
        max: 100,
        clause: '附件1 工作',
        items: [
          {
            id: 'exercise',
            title: '经常参加体育锻炼人口比例',
            max: 30,
            clause: '21号 二、（三）5.',
            input: { label: '锻炼人口比例', unit: '%', min: 0, max: 100 },
            rule: {
              type: 'tiered',
              bands: [
                { min: 40, points: 30 },
                { min: 35, max: 40, points: 20 },
                { max: 35, points: 0 },
              ],
            },
          },
          {
            id: 'training',
            title: '培训次数',
            max: 20,
            clause: '21号 四、（二）1.',
            input: { label: '培训', unit: '次' },
            rule: {
              type: 'count',
              bands: [
                { min: 2, points: 20 },
                { min: 1, max: 2, points: 8 },
                { max: 1, points: 0 },
              ],
            },
          },
          {
            id: 'events',
            title: '宣传活动',
            max: 10,
            clause: '21号 五、（一）3.',
            input: { label: '宣传活动', unit: '次' },
            modifiers: [{ id: 'not-standard', title: '不符合技术规范', effect: 'half' }],
            rule: { type: 'count', per: 2.5, cap: 10 },
          },
          {
            id: 'cooperation',
            title: '配合工作',
            max: 40,
            clause: '附件1 配合',
            rule: { type: 'manual' },
          },
        ],
      },
    ],
    bonuses: {
      cap: 10,
      clause: '26号 五（二）',
      items: [
        {
          id: 'commendation',
          title: '通报表彰',
          clause: '26号 五（二）1.',
          levels: [
            { id: 'national', title: '国家级', points: 5 },
            { id: 'city', title: '市级', points: 2 },
          ],
        },
        {
          id: 'promoted',
          title: '经验推广',
          clause: '26号 五（二）2.',
          levels: [
            { id: 'national', title: '全国', points: 5 },
            { id: 'city', title: '全市', points: 2, minPoints: 1 },
          ],
        },
        {
          id: 'tax',
          title: '缴纳地方税收',
          clause: '26号 五（二）3.',
          levels: [{ id: 'paid', title: '缴纳', points: 2 }],
        },
      ],
    },
    penalties: [
      { id: 'criticism', title: '国家通报批评', per: 10, clause: '26号 五（三）1.' },
      { id: 'non-cooperation', title: '不积极配合', per: 5, minPer: 3, clause: '26号 五（三）2.' },
      { id: 'tax-decline', title: '税收递减', per: 2, maxCount: 1, clause: '26号 五（三）3.' },
    ],
    vetoes: [{ id: 'major-risk', title: '重大金融风险事件', clause: '26号 五（三）5.' }],
    grading: {
      method: 'quota',
      clause: '26号 五（四）',
      grades: [
        { id: 'excellent', title: '优秀', count: 3 },
        { id: 'good', title: '良好', count: 3 },
      ],
    },
    flags: [{ id: 'report', title: '报备市金融办', below: 60, clause: '26号 六、2.' }],
  };
}

export function miniRubric(): Rubric {
  return validateRubric(miniRubricInput());
}

/** A full set of values for the mini rubric; `k` shifts the numbers so entities differ. */
export function miniValues(k: number): Record<string, unknown> {
  return {
    increment: 1000 - 100 * k,
    'vs-gdp': { actual: 4 + k, target: 8 },
    'vs-city': k % 2 === 0,
    disbursed: 100 * k,
    exercise: 30 + 3 * k,
    training: k,
    events: k,
    cooperation: { points: 40 - k, justification: '按时报送' },
  };
}

export function miniEntity(k: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `bank-${k}`,
    name: `银行${k}`,
    assessments: { self: miniValues(k), department: miniValues(k) },
    ...extra,
  };
}
