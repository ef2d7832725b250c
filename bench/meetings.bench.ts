// Meetings benchmark: signing 常务会议 minutes with 20 decisions — one transaction that writes the meeting, its
// event and audit row and opens 20 assigned supervision items — against the baseline measured in the same run:
// the same 20 items created one by one through the supervision store (createItem, 20 transactions). Also the
// 三重一大 classifier per topic, against parsing the amounts alone. SQLite in memory; median of repeated runs.
import type { Actor } from '../src/access/roles.ts';
import { createUser } from '../src/access/users.ts';
import { classifyTopic, parseAmounts, SZ_ITEMS } from '../src/meetings/classify.ts';
import type { MeetingAction } from '../src/meetings/lifecycle.ts';
import { actOnMeeting, createMeeting, saveOfficial } from '../src/meetings/store.ts';
import { openDb } from '../src/platform/db.ts';
import { createItem } from '../src/supervision/store.ts';

const TENANT = '140423';
const DECISIONS = 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const actor = (id: number, username: string, role: Actor['role']): Actor => ({
  id,
  username,
  displayName: username,
  role,
  unit: null,
});

/** A fresh database with a 常务会议 whose minutes (20 decisions) passed the legality review; returns sign(). */
async function prepared() {
  const db = await openDb({ file: ':memory:' });
  const mk = async (username: string, role: 'admin' | 'leader' | 'liaison', unit?: string) =>
    (await createUser(db, TENANT, { username, password: 'bench-pass-2023', role, ...(unit ? { unit } : {}) })).id;
  const admin = actor(await mk('admin', 'admin'), 'admin', 'admin');
  const head = actor(await mk('head', 'leader'), 'head', 'leader');
  const exec = actor(await mk('exec', 'leader'), 'exec', 'leader');
  const czj: Actor = { ...actor(await mk('czj', 'liaison', '县财政局'), 'czj', 'liaison'), unit: '县财政局' };
  const h = await saveOfficial(
    db,
    TENANT,
    null,
    { name: '县长', post: 'county_head', oversees: [], userId: head.id },
    admin,
  );
  await saveOfficial(
    db,
    TENANT,
    null,
    { name: '常务', post: 'executive_deputy', oversees: ['县财政局'], userId: exec.id },
    admin,
  );
  const before = new Date('2023-03-10T02:00:00Z');
  const on = new Date('2023-03-15T08:00:00Z');
  const m = await createMeeting(
    db,
    TENANT,
    { kind: 'executive', title: '常务会议', date: '2023-03-15', convenerId: h.id },
    admin,
    { now: before },
  );
  let version = m.version;
  const act = async (a: MeetingAction, who: Actor, now: Date) => {
    version = (await actOnMeeting(db, TENANT, m.id, { action: a, expectedVersion: version }, who, { now })).version;
  };
  await act({ type: 'propose_topic', title: '追加预算150万元', unit: '县财政局' }, czj, before);
  await act({ type: 'agree_topic', topicId: 'T1' }, exec, before);
  await act({ type: 'set_topic', topicId: 'T1' }, head, before);
  await act({ type: 'send_materials', topicId: 'T1' }, admin, before);
  await act({ type: 'hold', present: m.meeting.participants.map((p) => p.id) }, admin, on);
  await act({ type: 'record_outcome', topicId: 'T1', result: 'approved' }, admin, on);
  const decisions = Array.from({ length: DECISIONS }, (_, k) => ({
    text: `决定事项${k + 1}：县财政局牵头落实第${k + 1}项工作`,
    lead: k % 2 ? '县财政局' : '县教育局',
    supports: ['县发展和改革局'],
    dueOn: '2023-12-31',
  }));
  await act({ type: 'draft_minutes', text: '纪要', decisions }, admin, on);
  await act({ type: 'agree_minutes' }, exec, on);
  await act({ type: 'review_minutes', passed: true, reviewer: '县司法局', opinion: '合法' }, admin, on);
  return {
    db,
    sign: () => act({ type: 'sign_minutes' }, head, on),
    baseline: async () => {
      for (const d of decisions)
        await createItem(
          db,
          TENANT,
          { title: d.text, category: 'ordinary', lead: d.lead, supports: d.supports, dueOn: d.dueOn, assign: true },
          admin,
          { now: on },
        );
    },
  };
}

export async function benchMeetings(opts: { log: (line: string) => void; quick?: boolean }): Promise<void> {
  const runs = opts.quick ? 3 : 7;
  const sign: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const p = await prepared();
    const t0 = performance.now();
    await p.sign();
    const t1 = performance.now();
    await p.baseline();
    const t2 = performance.now();
    await p.db.close();
    if (i === 0) continue; // warm-up
    sign.push(t1 - t0);
    base.push(t2 - t1);
  }
  opts.log(`# meetings: signing minutes with ${DECISIONS} decisions → ${DECISIONS} supervision items (SQLite, memory)`);
  opts.log(`meeting-sign-${DECISIONS}-decisions-median-ms: ${median(sign).toFixed(1)}`);
  opts.log(`supervision-create-${DECISIONS}-items-median-ms: ${median(base).toFixed(1)}`);
  opts.log(`meeting-sign-vs-create-items-ratio: ${(median(sign) / median(base)).toFixed(2)}`);

  const texts = SZ_ITEMS.map((i, k) => `关于${i.text.slice(0, 30)}的议题，涉及资金${(k + 1) * 37}万元`);
  const reps = opts.quick ? 50 : 200;
  let sink = 0;
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) for (const t of texts) sink += classifyTopic(t).matches.length;
  const t1 = performance.now();
  for (let r = 0; r < reps; r++) for (const t of texts) sink += parseAmounts(t).length;
  const t2 = performance.now();
  const n = reps * texts.length;
  opts.log(`meeting-classify-per-topic-us: ${(((t1 - t0) / n) * 1000).toFixed(1)}`);
  opts.log(`meeting-parse-amounts-per-topic-us: ${(((t2 - t1) / n) * 1000).toFixed(1)}`);
  opts.log(`meeting-classify-vs-amounts-ratio: ${((t1 - t0) / (t2 - t1)).toFixed(1)}`);
  if (sink < 0) opts.log(String(sink));
}
