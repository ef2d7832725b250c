// The 发文字号 register on SQLite and PostgreSQL: peek writes nothing, assignments follow the highest number
// imported, many concurrent assignments give consecutive numbers without gap or duplicate, bad input writes
// nothing.
import { expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { cliActor } from '../access/audit.ts';
import { parseGazette } from '../gazette/parse.ts';
import { importGazette } from '../platform/importing.ts';
import { databaseFingerprint, forEachDatabase } from '../platform/testing.ts';
import type { AssignInput } from './numbers.ts';
import { assignNumber, knownAgencies, listRegister, peekNext } from './store.ts';

const TENANT = '140423';
const actor = cliActor('tester');
const hasSeed = seedAvailable();
const seed = hasSeed ? seedText() : '';
const seedIssue = hasSeed ? parseGazette(seed) : null;

const draft = (over: Partial<AssignInput> = {}): AssignInput => ({
  agency: '襄政办发',
  year: 2023,
  title: '关于印发襄垣县某某工作方案的通知',
  signedOn: '2023-11-20',
  disclosure: 'public',
  ...over,
});

forEachDatabase('register store', (t) => {
  it('starts at 1 for a configured agency with nothing imported, and peeking writes nothing', async () => {
    const before = await databaseFingerprint(t.db);
    expect((await peekNext(t.db, TENANT, '襄政办发', 2024)).docNumber).toBe('襄政办发〔2024〕1号');
    expect((await peekNext(t.db, TENANT, '襄政办发', 2024)).docNumber).toBe('襄政办发〔2024〕1号');
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it.skipIf(!hasSeed)(
    'follows the highest number imported for the agency and year (襄政办发〔2023〕26号 → 27号)',
    async () => {
      await importGazette(t.db, { tenant: TENANT, issue: seedIssue!, source: seed, sourceName: 'seed.txt' }, actor);
      expect((await peekNext(t.db, TENANT, '襄政办发', 2023)).docNumber).toBe('襄政办发〔2023〕27号');
      expect((await peekNext(t.db, TENANT, '襄政发', 2023)).docNumber).toBe('襄政发〔2023〕11号');
      expect((await peekNext(t.db, TENANT, '襄政办发', 2022)).docNumber).toBe('襄政办发〔2022〕1号');
      const a = await assignNumber(t.db, TENANT, draft(), actor);
      expect(a.docNumber).toBe('襄政办发〔2023〕27号');
      expect(a.issuer).toBe('襄垣县人民政府办公室');
      expect(a.disclosureNote).toBe('（此件公开发布）');
      expect((await peekNext(t.db, TENANT, '襄政办发', 2023)).docNumber).toBe('襄政办发〔2023〕28号');
      const list = await listRegister(t.db, TENANT, { agency: '襄政办发', year: 2023 });
      expect(list.map((e) => e.serial)).toEqual([15, 16, 17, 19, 21, 24, 25, 26, 27]);
      expect(list.at(-1)).toMatchObject({ source: 'register', assignedBy: '命令行:tester', documentId: null });
    },
  );

  it('gives 40 concurrent assignments the numbers 1…40, each once', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, k) =>
        assignNumber(
          t.db,
          TENANT,
          draft({ year: 2024, signedOn: '2024-03-01', title: `并发测试公文第${k + 1}件` }),
          actor,
        ),
      ),
    );
    const serials = results.map((r) => r.serial).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 40 }, (_, k) => k + 1));
    expect(new Set(results.map((r) => r.docNumber)).size).toBe(40);
    expect((await peekNext(t.db, TENANT, '襄政办发', 2024)).serial).toBe(41);
  });

  it('keeps serials per agency and year apart', async () => {
    await assignNumber(t.db, TENANT, draft({ agency: '襄政发', issuer: '襄垣县人民政府' }), actor);
    await assignNumber(t.db, TENANT, draft({ agency: '襄政发', issuer: '襄垣县人民政府' }), actor);
    const o = await assignNumber(t.db, TENANT, draft(), actor);
    expect(o.docNumber).toBe('襄政办发〔2023〕1号');
    expect((await peekNext(t.db, TENANT, '襄政发', 2023)).docNumber).toBe('襄政发〔2023〕3号');
  });

  it('refuses an unknown agency code, a wrong issuer and an invalid date in Chinese, writing nothing', async () => {
    const before = await databaseFingerprint(t.db);
    await expect(assignNumber(t.db, TENANT, draft({ agency: '晋政发' }), actor)).rejects.toThrow(
      /未知的发文机关代字“晋政发”：已知代字为 襄政发、襄政办发/,
    );
    await expect(peekNext(t.db, TENANT, '长政办发', 2023)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(assignNumber(t.db, TENANT, draft({ issuer: '襄垣县人民政府' }), actor)).rejects.toThrow(
      /与代字“襄政办发”不符/,
    );
    await expect(assignNumber(t.db, TENANT, draft({ signedOn: '2023-02-30' }), actor)).rejects.toThrow(/成文日期/);
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('knows agency codes from imported documents as well as the configured list', async () => {
    const codes = (await knownAgencies(t.db, TENANT)).map((a) => a.code);
    expect(codes).toEqual(['襄政发', '襄政办发', '襄政函', '襄政办函']);
    expect((await knownAgencies(t.db, '140400')).map((a) => a.code)).toEqual([]);
  });

  it('records each assignment in the audit trail, in the same transaction', async () => {
    const a = await assignNumber(t.db, TENANT, draft({ disclosure: 'on-request' }), actor);
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'docnumber:assign').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.entity_id).toBe(String(a.id));
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({
      docNumber: '襄政办发〔2023〕1号',
      disclosure: 'on-request',
    });
  });
});
