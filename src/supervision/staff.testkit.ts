// The people of the supervision route tests: the office (督查室), a county leader, and the liaisons of the lead
// unit, the supporting unit and a unit that has nothing to do with the item. Tests only.
import type { TestUser } from '../platform/testing.ts';

export const LEAD = '县发改局';
export const SUPPORT = '县财政局';
export const OTHER = '县教育局';

/** admin, leader, fgj (LEAD), czj (SUPPORT), jyj (OTHER), created in this order. */
export const STAFF: readonly TestUser[] = [
  { username: 'admin', role: 'admin', displayName: '督查室张敏' },
  { username: 'leader', role: 'leader', displayName: '李副县长' },
  { username: 'fgj', role: 'liaison', unit: LEAD, displayName: '发改局王磊' },
  { username: 'czj', role: 'liaison', unit: SUPPORT, displayName: '财政局赵云' },
  { username: 'jyj', role: 'liaison', unit: OTHER, displayName: '教育局周强' },
];

/** admin (the office), leader, and slj, the liaison of 县水利局, created in this order. */
export const WATER_STAFF: readonly TestUser[] = [
  { username: 'admin', role: 'admin', displayName: '督查室张敏' },
  { username: 'leader', role: 'leader' },
  { username: 'slj', role: 'liaison', unit: '县水利局' },
];
