// The composed import: documents, the unit directory and the audit record in one transaction, on SQLite
// and (with DATABASE_URL) PostgreSQL.
import { expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { cliActor } from '../access/audit.ts';
import { parseGazette } from '../gazette/parse.ts';
import { listDirectory } from '../orgs/store.ts';
import { importGazette } from './importing.ts';
import { forEachDatabase } from './testing.ts';

const TENANT = '140423';
const hasSeed = seedAvailable();

forEachDatabase('importGazette', (t) => {
  const input = () => ({ tenant: TENANT, issue: parseGazette(seedText()), source: seedText(), sourceName: 'seed.txt' });
  const count = async (table: 'audit_log' | 'org_mentions' | 'documents' | 'commitments') =>
    Number(
      (
        await t.db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it.skipIf(!hasSeed)('writes the unit directory with canonical names and audits the import', async () => {
    const r = await importGazette(t.db, input(), cliActor('tester'));
    expect(r.status).toBe('created');
    const dir = await listDirectory(t.db, TENANT, ['public', 'partial', 'restricted']);
    const health = dir.find((e) => e.name === '县卫体局');
    // 21号 prints 县卫健局 and 县体育局 for the body text's 县卫体局 (docs/commitments.md)
    expect(health?.aliases).toEqual(expect.arrayContaining(['县卫健局']));
    expect(health?.mentions.some((m) => m.docNumber === '襄政办发〔2023〕21号' && m.eId === 'att_3__table_1')).toBe(
      true,
    );
    const energy = dir.find((e) => e.name === '县能源局');
    expect(energy?.mentions.some((m) => m.docNumber === '襄政办发〔2023〕15号')).toBe(true);
    const audit = await t.db.db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'import', entity: 'issue', actor_name: '命令行:tester', outcome: 'ok' });
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ year: 2023, number: 3, status: 'created' });
  });

  it.skipIf(!hasSeed)('re-importing the same issue changes nothing, not even the audit trail', async () => {
    await importGazette(t.db, input(), cliActor('tester'));
    const mentions = await count('org_mentions');
    const commitments = await count('commitments');
    expect(commitments).toBeGreaterThan(400); // extracted in the same transaction
    const r = await importGazette(t.db, input(), cliActor('tester'));
    expect(r.status).toBe('unchanged');
    expect(await count('org_mentions')).toBe(mentions);
    expect(await count('commitments')).toBe(commitments);
    expect(await count('audit_log')).toBe(1);
  });

  it.skipIf(!hasSeed)('a failure midway leaves documents, directory and audit trail as before', async () => {
    await expect(importGazette(t.db, input(), cliActor('tester'), { failAfterDocuments: 5 })).rejects.toThrow();
    expect(await count('documents')).toBe(0);
    expect(await count('org_mentions')).toBe(0);
    expect(await count('commitments')).toBe(0);
    expect(await count('audit_log')).toBe(0);
  });

  it.skipIf(!hasSeed)('hides directory entries of documents the caller may not see', async () => {
    const text = seedText();
    const issue = parseGazette(text);
    await importGazette(t.db, { tenant: TENANT, issue, source: text, sourceName: 'seed.txt' }, cliActor('tester'));
    const publicOnly = await listDirectory(t.db, TENANT, ['public']);
    // 7号 (工作规则) is 部分公开: its units are not listed when only public documents are visible
    expect(publicOnly.every((e) => e.mentions.every((m) => m.docNumber !== '襄政发〔2023〕7号'))).toBe(true);
    expect(await listDirectory(t.db, TENANT, [])).toEqual([]);
  });
});
