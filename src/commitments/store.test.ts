// Commitments storage and review on SQLite and (with DATABASE_URL) PostgreSQL: extraction saved by the
// import, reviews that survive re-extraction, optimistic concurrency, validation, audit.
import { expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { cliActor } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import { parseGazette } from '../gazette/parse.ts';
import { isAppError } from '../platform/errors.ts';
import { importGazette } from '../platform/importing.ts';
import { forEachDatabase } from '../platform/testing.ts';
import { type Extraction, getCommitment, listCommitments, reviewCommitment, saveExtraction } from './store.ts';

const TENANT = '140423';
const ALL = ['public', 'partial', 'restricted'] as const;
const hasSeed = seedAvailable();
const admin: Actor = { id: 1, username: 'admin', displayName: '县政府办', role: 'admin', unit: null };

async function expectError(p: Promise<unknown>, code: string, text: RegExp | string): Promise<{ field?: string }> {
  try {
    await p;
  } catch (e) {
    if (!isAppError(e)) throw e;
    expect(e.code).toBe(code);
    expect(e.message).toMatch(text);
    return e.location;
  }
  throw new Error('expected an error');
}

forEachDatabase('commitments store', (t) => {
  const text = hasSeed ? seedText() : '';
  const load = () =>
    importGazette(
      t.db,
      { tenant: TENANT, issue: parseGazette(text), source: text, sourceName: 'seed.txt' },
      cliActor('t'),
    );
  const all = () => listCommitments(t.db, TENANT, { disclosures: [...ALL] });
  const firstTask = async () => {
    const tasks = await listCommitments(t.db, TENANT, { kind: 'task', disclosures: [...ALL] });
    const task = tasks.find((c) => c.data.title === '建设精密气象监测系统');
    if (!task) throw new Error('seed task missing');
    return task;
  };

  it.skipIf(!hasSeed)('the import saves every extracted record as pending, with provenance', async () => {
    await load();
    const rows = await all();
    expect(rows.length).toBeGreaterThan(400);
    expect(rows.every((r) => r.status === 'pending' && r.version === 1 && r.goneAt === null)).toBe(true);
    const kinds = new Set(rows.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['group', 'phase', 'project', 'target', 'task']);
    const task = await firstTask();
    expect(task).toMatchObject({
      docNumber: '襄政发〔2023〕10号',
      eId: 'att_1__lvl1_2__lvl2_1__lvl3_1',
      citation: '《襄垣县推进气象高质量发展实施方案》二、（一）1.',
    });
    expect(task.data.lead).toContain('县气象局');
    // groups carry no citation in the contract: the clause's citation is stored
    expect(rows.filter((r) => r.kind === 'group').every((r) => r.citation.includes('《'))).toBe(true);
    // filters
    const targets = await listCommitments(t.db, TENANT, { kind: 'target', status: 'pending', disclosures: [...ALL] });
    expect(targets.length).toBeGreaterThan(100);
    expect(targets.every((r) => r.kind === 'target')).toBe(true);
    const ofDoc = await listCommitments(t.db, TENANT, { documentId: task.documentId, disclosures: [...ALL] });
    expect(ofDoc.every((r) => r.documentId === task.documentId)).toBe(true);
    expect(await listCommitments(t.db, TENANT, { disclosures: [] })).toEqual([]);
  });

  it.skipIf(!hasSeed)('confirm, correct and reject, each audited with before and after', async () => {
    await load();
    const task = await firstTask();
    const confirmed = await reviewCommitment(t.db, TENANT, task.id, {
      action: 'confirm',
      expectedVersion: 1,
      actor: admin,
    });
    expect(confirmed).toMatchObject({ status: 'confirmed', version: 2, reviewedBy: '县政府办', corrected: null });

    const corrected = await reviewCommitment(t.db, TENANT, task.id, {
      action: 'correct',
      corrected: { lead: ['县气象局'], support: ['县财政局'], due: '2025-12-31' },
      note: '牵头单位只有气象局',
      expectedVersion: 2,
      actor: admin,
    });
    expect(corrected.status).toBe('corrected');
    expect(corrected.corrected).toEqual({
      title: '建设精密气象监测系统',
      lead: ['县气象局'],
      support: ['县财政局'],
      due: '2025-12-31',
    });
    expect(corrected.effective).toMatchObject({ lead: ['县气象局'], due: '2025-12-31', source: 'assignment' });
    expect(corrected.data.lead).toContain('县财政局'); // the extraction is kept as read

    const target = (await listCommitments(t.db, TENANT, { kind: 'target', disclosures: [...ALL] }))[0];
    if (!target) throw new Error('no target');
    const rejected = await reviewCommitment(t.db, TENANT, target.id, {
      action: 'reject',
      note: '不是指标',
      expectedVersion: target.version,
      actor: admin,
    });
    expect(rejected).toMatchObject({ status: 'rejected', note: '不是指标' });

    const audit = await t.db.db
      .selectFrom('audit_log')
      .where('entity', '=', 'commitment')
      .orderBy('id')
      .selectAll()
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['commitment:confirm', 'commitment:correct', 'commitment:reject']);
    const correctEntry = audit[1];
    expect(correctEntry?.entity_id).toBe(String(task.id));
    expect(JSON.parse(correctEntry?.before ?? '{}')).toMatchObject({ status: 'confirmed', version: 2 });
    expect(JSON.parse(correctEntry?.after ?? '{}')).toMatchObject({ status: 'corrected', version: 3 });
  });

  it.skipIf(!hasSeed)('re-extraction keeps the review, refreshes the data and marks vanished records', async () => {
    await load();
    const task = await firstTask();
    await reviewCommitment(t.db, TENANT, task.id, {
      action: 'correct',
      corrected: { lead: ['县气象局'] },
      expectedVersion: 1,
      actor: admin,
    });
    const before = await all();
    // a second extraction of the same documents, where the task's text was read differently and one
    // record is no longer found
    const ids = new Map(before.map((r) => [r.docNumber, r.documentId]));
    const extraction: Extraction = { tasks: [], targets: [], groups: [], phases: [], projects: [] };
    for (const r of before) {
      const record = r.id === task.id ? { ...r.data, text: '改写后的条文' } : r.data;
      (extraction[`${r.kind}s` as keyof Extraction] as unknown[]).push(record);
    }
    const dropped = before.find((r) => r.kind === 'phase');
    if (!dropped) throw new Error('no phase');
    extraction.phases = extraction.phases.filter((p) => p !== (dropped.data as unknown));
    const saved = await t.db.db.transaction().execute((trx) => saveExtraction(trx, TENANT, ids, extraction));
    expect(saved).toMatchObject({ created: 0, updated: 1, gone: 1 });

    const after = await getCommitment(t.db, TENANT, task.id);
    expect(after.status).toBe('corrected');
    expect(after.corrected).toMatchObject({ lead: ['县气象局'] });
    expect(after.data.text).toBe('改写后的条文');
    expect(after.version).toBe(3); // review + changed extraction
    const gone = await getCommitment(t.db, TENANT, dropped.id);
    expect(gone.goneAt).not.toBeNull();
    expect((await all()).length).toBe(before.length); // nothing deleted

    // the same gazette imported again is 'unchanged': nothing is touched
    const r = await load();
    expect(r.status).toBe('unchanged');
    expect((await getCommitment(t.db, TENANT, task.id)).corrected).toMatchObject({ lead: ['县气象局'] });
  });

  it.skipIf(!hasSeed)('a stale version answers 409 naming who changed the record', async () => {
    await load();
    const task = await firstTask();
    await reviewCommitment(t.db, TENANT, task.id, { action: 'confirm', expectedVersion: 1, actor: admin });
    await expectError(
      reviewCommitment(t.db, TENANT, task.id, { action: 'reject', note: '重复', expectedVersion: 1, actor: admin }),
      'CONFLICT',
      /县政府办.*已确认.*第 1 版.*第 2 版/,
    );
    expect((await getCommitment(t.db, TENANT, task.id)).status).toBe('confirmed');
  });

  it.skipIf(!hasSeed)('an invalid correction answers 400 naming the field; nothing is written', async () => {
    await load();
    const task = await firstTask();
    const target = (await listCommitments(t.db, TENANT, { kind: 'target', disclosures: [...ALL] }))[0];
    if (!target) throw new Error('no target');
    const review = (id: number, corrected: unknown, version = 1) =>
      reviewCommitment(t.db, TENANT, id, { action: 'correct', corrected, expectedVersion: version, actor: admin });
    expect((await expectError(review(task.id, { lead: [] }), 'BAD_INPUT', /corrected\.lead.*牵头单位/)).field).toBe(
      'corrected.lead',
    );
    await expectError(review(task.id, { due: '2025-13-01' }), 'BAD_INPUT', /corrected\.due.*完成时限/);
    await expectError(review(task.id, { text: 'x' }), 'BAD_INPUT', /corrected\.text.*不可更正/);
    await expectError(
      review(target.id, { target: { year: 2025, op: '≥', value: 1 } }, target.version),
      'BAD_INPUT',
      /corrected\.target\.op/,
    );
    await expectError(
      reviewCommitment(t.db, TENANT, task.id, { action: 'reject', expectedVersion: 1, actor: admin }),
      'BAD_INPUT',
      /理由/,
    );
    expect((await getCommitment(t.db, TENANT, task.id)).status).toBe('pending');
    const audit = await t.db.db.selectFrom('audit_log').where('entity', '=', 'commitment').selectAll().execute();
    expect(audit).toHaveLength(0);
  });
});
