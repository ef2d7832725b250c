// Test helpers for rankings and 通报: items of any unit driven through the real lifecycle on chosen dates.
// Used by tests only.
import { draftItem } from './lifecycle.ts';
import { actors, apply, at, must } from './testkit.ts';
import {
  DEFAULT_SETTINGS,
  type Rating,
  type SupervisionActor,
  type SupervisionItem,
  type SupervisionSettings,
} from './types.ts';

export function liaisonOf(unit: string): SupervisionActor {
  return { id: `u-${unit}`, name: `${unit}联络员`, role: 'liaison', unit };
}

export interface Plan {
  id: string;
  lead: string;
  supports?: string[];
  /** Assignment date (YYYY-MM-DD); default 2023-06-01. */
  assignedOn?: string;
  dueOn: string;
  /** Signed, deployed (and supporting units reported) on this date; default the assignment date. */
  workOn?: string;
  /** Extension: requested on `on` (≤ dueOn), granted up to `to` by the leader the same day. */
  extend?: { on: string; to: string };
  /** Closure applications, in order; every one but the last is returned (退回) by the office. */
  apply?: { on: string; returnOn?: string }[];
  /** 办结销号 on this date with this rating (after the last application). */
  close?: { on: string; rating: Rating };
  settings?: SupervisionSettings;
}

/** An item following `plan` through the lifecycle (every step validated by transition()). */
export function build(plan: Plan): SupervisionItem {
  const s = plan.settings ?? DEFAULT_SETTINGS;
  const assignedOn = plan.assignedOn ?? '2023-06-01';
  const supports = plan.supports ?? [];
  let item = must(
    draftItem(
      { id: plan.id, title: `督办事项${plan.id}`, category: 'ordinary', lead: plan.lead, supports, dueOn: plan.dueOn },
      actors.office,
      at(assignedOn, '08:00'),
      s,
    ),
  );
  item = apply(item, { type: 'assign' }, actors.office, at(assignedOn, '08:30'), s);
  const workOn = plan.workOn ?? assignedOn;
  const lead = liaisonOf(plan.lead);
  item = apply(item, { type: 'acknowledge' }, lead, at(workOn, '09:00'), s);
  item = apply(item, { type: 'deploy', summary: '研究部署' }, lead, at(workOn, '09:30'), s);
  for (const u of supports) {
    item = apply(item, { type: 'acknowledge' }, liaisonOf(u), at(workOn, '10:00'), s);
    item = apply(item, { type: 'support_report', summary: '配合报送' }, liaisonOf(u), at(workOn, '10:30'), s);
  }
  if (plan.extend) {
    item = apply(
      item,
      { type: 'request_extension', reason: '需等待上级批复', newCloseBy: plan.extend.to },
      lead,
      at(plan.extend.on, '11:00'),
      s,
    );
    item = apply(item, { type: 'approve_extension' }, actors.leader, at(plan.extend.on, '11:30'), s);
  }
  for (const a of plan.apply ?? []) {
    item = apply(
      item,
      { type: 'request_closure', summary: '已完成', evidence: [{ name: '办结报告.pdf', ref: 'files/x.pdf' }] },
      lead,
      at(a.on, '15:00'),
      s,
    );
    if (a.returnOn)
      item = apply(item, { type: 'return', reasons: '佐证材料不足' }, actors.office, at(a.returnOn, '16:00'), s);
  }
  if (plan.close) {
    item = apply(
      item,
      {
        type: 'close',
        rating: plan.close.rating,
        ...(plan.close.rating === '不合格' ? { comment: '质量不达标' } : {}),
      },
      actors.office,
      at(plan.close.on, '17:00'),
      s,
    );
  }
  return item;
}
