// GET /api/orgs (单位名录) over HTTP on real databases: the public never learns of restricted documents
// or of clauses marked non-public through the directory; signed-in staff see them.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cliActor } from '../access/audit.ts';
import { addRestriction } from '../access/restrictions.ts';
import { createUser } from '../access/users.ts';
import { sampleIssue } from '../documents/fixtures.ts';
import { buildServer } from '../platform/http.ts';
import { importGazette } from '../platform/importing.ts';
import { forEachDatabase } from '../platform/testing.ts';

const TENANT = '140423';
const PASSWORD = 'correct-horse-battery';

interface OrgsBody {
  orgs: { name: string; kind: string; aliases: string[]; mentions: { docNumber: string; eId: string | null }[] }[];
}

forEachDatabase('GET /api/orgs', (t) => {
  let app: FastifyInstance;
  let restrictedNumber: string;
  let markedDoc: number;

  beforeEach(async () => {
    const issue = sampleIssue();
    restrictedNumber = issue.documents.find((d) => d.disclosure === 'restricted')?.docNumber.text ?? '';
    const r = await importGazette(
      t.db,
      { tenant: TENANT, issue, source: 'x', sourceName: 'sample.txt' },
      cliActor('t'),
    );
    markedDoc = r.documents[0]?.documentId ?? -1;
    await addRestriction(t.db, TENANT, { documentId: markedDoc, eId: 'att_1__num_1__num_2', createdBy: null });
    await createUser(t.db, TENANT, { username: 'leader', password: PASSWORD, role: 'leader' });
    app = await buildServer({ db: t.db, tenant: TENANT });
  });

  afterEach(async () => {
    await app.close();
  });

  const mentionsOf = (body: OrgsBody) => body.orgs.flatMap((o) => o.mentions.map((m) => ({ ...m, name: o.name })));

  it('lists units with the clauses that name them, without restricted documents or marked clauses for the public', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/orgs' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as OrgsBody;
    expect(body.orgs.find((o) => o.name === '县能源局')?.mentions.length).toBeGreaterThan(0);
    const all = mentionsOf(body);
    expect(all.some((m) => m.docNumber === restrictedNumber)).toBe(false);
    expect(all.some((m) => m.eId === 'att_1__num_1__num_2')).toBe(false);
  });

  it('shows staff everything', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leader', password: PASSWORD },
    });
    const sid = login.cookies.find((c) => c.name === 'luoshi_sid')?.value ?? '';
    const res = await app.inject({ method: 'GET', url: '/api/orgs', cookies: { luoshi_sid: sid } });
    const all = mentionsOf(res.json() as OrgsBody);
    expect(all.some((m) => m.docNumber === restrictedNumber)).toBe(true);
    expect(all.some((m) => m.eId === 'att_1__num_1__num_2' && m.name === '县能源局')).toBe(true);
  });
});
