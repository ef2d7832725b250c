// Test fixtures of the meetings capability: a roster of the county leadership and actors. Not used at run time.
import type { MeetingContext, PlanInput } from './lifecycle.ts';
import type { Official } from './rules.ts';
import type { MeetingActor } from './types.ts';

export const ROSTER: readonly Official[] = [
  { id: 'head', name: '王县长', post: 'county_head', oversees: ['县审计局'] },
  { id: 'exec', name: '李常务', post: 'executive_deputy', oversees: ['县财政局', '县发展和改革局'] },
  { id: 'dep', name: '张副县长', post: 'deputy', oversees: ['县教育局', '县卫生健康和体育局'] },
  { id: 'dir', name: '赵主任', post: 'office_director', oversees: [] },
  { id: 'ddir', name: '钱副主任', post: 'office_deputy', oversees: [] },
  { id: 'party', name: '孙成员', post: 'party_member', oversees: [] },
];

const o = (id: string) => ROSTER.find((x) => x.id === id) as Official;

export const OFFICE: MeetingActor = { kind: 'office', id: '1', name: '县政府办' };
export const HEAD: MeetingActor = { kind: 'official', id: '2', name: '王县长', official: o('head') };
export const EXEC: MeetingActor = { kind: 'official', id: '3', name: '李常务', official: o('exec') };
export const DEP: MeetingActor = { kind: 'official', id: '4', name: '张副县长', official: o('dep') };
export const DIR: MeetingActor = { kind: 'official', id: '5', name: '赵主任', official: o('dir') };
export const LEADER_NO_POST: MeetingActor = { kind: 'leader', id: '6', name: '某领导' };
export const FINANCE: MeetingActor = { kind: 'unit', id: '7', name: '财政联络员', unit: '县财政局' };
export const EDUCATION: MeetingActor = { kind: 'unit', id: '8', name: '教育联络员', unit: '县教育局' };
export const JUSTICE: MeetingActor = { kind: 'unit', id: '9', name: '司法联络员', unit: '县司法局' };

export const ACTORS: Record<string, MeetingActor> = {
  OFFICE,
  HEAD,
  EXEC,
  DEP,
  DIR,
  LEADER_NO_POST,
  FINANCE,
  EDUCATION,
  JUSTICE,
};

/** 2023-03-15 is a Wednesday (a working day). */
export const MEETING_DAY = '2023-03-15';

export function ctxAt(instant: string): MeetingContext {
  return { now: instant, roster: ROSTER };
}

export const BEFORE = ctxAt('2023-03-10T02:00:00.000Z'); // Friday before the meeting
export const ON_DAY = ctxAt('2023-03-15T08:00:00.000Z');

export function planInput(over: Partial<PlanInput> = {}): PlanInput {
  return {
    kind: 'executive',
    title: '县政府第5次常务会议',
    date: MEETING_DAY,
    convenerId: 'head',
    participants: [{ name: '周局长', title: '县财政局局长', unit: '县财政局', role: 'attendee' }],
    ...over,
  };
}
