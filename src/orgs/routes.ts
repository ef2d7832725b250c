// GET /api/orgs: the unit directory — every unit the visible documents name, with the documents and
// clauses that name it. Mentions inside clauses an administrator marked non-public are withheld from
// those who may not see them, like the clauses themselves.
import type { FastifyInstance } from 'fastify';
import { authorize } from '../access/guard.ts';
import { can, visibleDisclosures } from '../access/policy.ts';
import { restrictedByDocument } from '../access/restrictions.ts';
import { isCovered } from '../documents/visibility.ts';
import { listDirectory } from './store.ts';

export async function orgRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;
  app.get(
    '/api/orgs',
    { schema: { tags: ['单位名录'], summary: '单位名录：文件中点名的每个单位，及点名它的文件与条款' } },
    async (request) => {
      await authorize(request, 'document:list');
      const actor = request.actor;
      const entries = await listDirectory(ctx.db, ctx.tenant, visibleDisclosures(actor));
      const marks = await restrictedByDocument(ctx.db, ctx.tenant);
      const orgs = entries
        .map((e) => ({
          ...e,
          mentions: e.mentions.filter((m) => {
            const marked = marks.get(String(m.documentId));
            if (!marked || m.eId === null || !isCovered(marked, m.eId)) return true;
            return can(actor, 'clause:read', { kind: 'clause', disclosure: m.disclosure, restricted: true }).allowed;
          }),
        }))
        .filter((e) => e.mentions.length > 0);
      return { orgs };
    },
  );
}
