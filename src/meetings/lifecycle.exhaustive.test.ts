// Exhaustive: every action × every actor × every reachable stage of a meeting. Nothing throws; every refusal
// is Chinese; the authority rules hold whatever the stage (only the 县长 — or the convener of a 专题会议 — signs,
// only a 分管 leader agrees a topic, only the office writes minutes, records attendance and issues).
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES, type MeetingAction, type MeetingActionType, planMeeting, transition } from './lifecycle.ts';
import { ACTORS, BEFORE, EXEC, FINANCE, HEAD, JUSTICE, OFFICE, ON_DAY, planInput } from './testkit.ts';
import type { Meeting, MeetingActor } from './types.ts';

function must(m: Meeting, a: MeetingAction, actor: MeetingActor, ctx = ON_DAY): Meeting {
  const r = transition(m, a, actor, ctx);
  if (!r.ok) throw new Error(`${a.type}: ${r.error.message}`);
  return r.meeting;
}

function stages(): Record<string, Meeting> {
  const p = planMeeting(planInput(), OFFICE, BEFORE);
  if (!p.ok) throw new Error(p.error.message);
  const out: Record<string, Meeting> = { planned: p.meeting };
  let m = must(p.meeting, { type: 'propose_topic', title: '追加预算150万元', unit: '县财政局' }, FINANCE, BEFORE);
  out.proposed = m;
  m = must(m, { type: 'agree_topic', topicId: 'T1' }, EXEC, BEFORE);
  out.agreed = m;
  m = must(m, { type: 'set_topic', topicId: 'T1' }, HEAD, BEFORE);
  out.set = m;
  m = must(m, { type: 'send_materials', topicId: 'T1' }, OFFICE, BEFORE);
  out.materials = m;
  m = must(m, { type: 'hold', present: m.participants.map((x) => x.id) }, OFFICE);
  out.held = m;
  m = must(m, { type: 'record_outcome', topicId: 'T1', result: 'approved', documents: ['方案'] }, OFFICE);
  out.outcome = m;
  m = must(m, { type: 'draft_minutes', text: '纪要', decisions: [{ text: '拨付', lead: '县财政局' }] }, OFFICE);
  out.drafted = m;
  m = must(m, { type: 'agree_minutes' }, EXEC);
  out.minutesAgreed = m;
  m = must(m, { type: 'review_minutes', passed: true, reviewer: '县司法局', opinion: '合法' }, JUSTICE);
  out.reviewed = m;
  m = must(m, { type: 'sign_minutes' }, HEAD);
  out.signed = m;
  out.cancelled = must(p.meeting, { type: 'cancel', reason: '改期' }, OFFICE, BEFORE);
  return out;
}

function sample(type: MeetingActionType, m: Meeting): MeetingAction {
  const pid = m.participants.find((p) => p.officialId === 'dep')?.id ?? 'P1';
  switch (type) {
    case 'propose_topic':
      return { type, title: '新议题', unit: '县财政局' };
    case 'decline_topic':
      return { type, topicId: 'T1', reason: '不成熟' };
    case 'request_leave':
      return { type, participantId: pid, reason: '出差', approvedBy: '王县长' };
    case 'file_leave':
      return { type, participantId: pid };
    case 'hold':
      return { type, present: m.participants.map((p) => p.id) };
    case 'cancel':
      return { type, reason: '改期' };
    case 'record_outcome':
      return { type, topicId: 'T1', result: 'approved' };
    case 'draft_minutes':
      return { type, text: '纪要', decisions: [] };
    case 'review_minutes':
      return { type, passed: true, reviewer: '县司法局', opinion: '合法' };
    case 'record_issued':
      return { type, topicId: 'T1', index: 0, docNumber: '襄政发〔2023〕9号', issuedOn: '2023-03-15' };
    case 'agree_minutes':
    case 'sign_minutes':
    case 'confirm_minutes':
      return { type };
    default:
      return { type, topicId: 'T1' } as MeetingAction;
  }
}

const OFFICE_ONLY: MeetingActionType[] = [
  'send_materials',
  'file_leave',
  'hold',
  'cancel',
  'record_outcome',
  'draft_minutes',
  'record_issued',
];

describe('every action × actor × stage', () => {
  const all = stages();
  for (const [stage, m] of Object.entries(all)) {
    it(`stage ${stage}`, () => {
      for (const type of ACTION_TYPES) {
        for (const [name, actor] of Object.entries(ACTORS)) {
          const a = sample(type, m);
          const r = transition(m, a, actor, ON_DAY);
          if (!r.ok) {
            expect(r.error.message, `${stage} ${type} ${name}`).toMatch(/[\u4e00-\u9fff]/);
            continue;
          }
          // the authority rules, whatever the stage
          if (type === 'sign_minutes') expect(name).toBe('HEAD');
          if (type === 'confirm_minutes') expect(name).toBe('HEAD');
          if (type === 'agree_topic' || type === 'decline_topic' || type === 'agree_minutes') expect(name).toBe('EXEC');
          if (type === 'set_topic') expect(name).toBe('HEAD');
          if (OFFICE_ONLY.includes(type)) expect(name).toBe('OFFICE');
          if (type === 'review_minutes') expect(['OFFICE', 'JUSTICE']).toContain(name);
          expect(r.meeting.version).toBe(m.version + 1);
          expect(r.meeting.history).toHaveLength(m.history.length + 1);
          if (stage === 'cancelled') throw new Error(`${type} accepted on a cancelled meeting`);
        }
      }
    });
  }
  it('signed minutes accept no further minutes action', () => {
    const m = all.signed as Meeting;
    for (const type of ['draft_minutes', 'agree_minutes', 'review_minutes', 'sign_minutes', 'confirm_minutes'] as const)
      for (const actor of Object.values(ACTORS)) expect(transition(m, sample(type, m), actor, ON_DAY).ok).toBe(false);
  });
});
