// Test helper: sign in the people of the 指挥部 and publish a warning through the 附件7 form
// (填报 → 审核 → 审批 → 发布), as the routes require since issue #7's approval flow.
import type { FastifyInstance } from 'fastify';
import { createUser } from '../access/users.ts';
import type { Db } from '../platform/db.ts';

export const PASSWORD = 'correct-horse-battery';

export interface Session {
  cookies: { luoshi_sid: string };
  headers: { 'x-csrf-token': string };
}

export async function login(app: FastifyInstance, username: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const sid = res.cookies.find((c) => c.name === 'luoshi_sid')?.value ?? '';
  return { cookies: { luoshi_sid: sid }, headers: { 'x-csrf-token': res.json().csrfToken as string } };
}

/** Creates the 办公室主任 (director) and 指挥长 (commander) accounts with their posts, assigned by `duty`. */
export async function createCommand(db: Db, tenant: string, app: FastifyInstance, duty: Session): Promise<void> {
  await createUser(db, tenant, { username: 'director', password: PASSWORD, role: 'leader' });
  await createUser(db, tenant, { username: 'commander', password: PASSWORD, role: 'leader' });
  for (const [username, posts] of [
    ['director', ['office-director']],
    ['commander', ['commander']],
  ] as const) {
    const res = await app.inject({ method: 'PUT', url: '/api/command/posts', ...duty, payload: { username, posts } });
    if (res.statusCode !== 200) throw new Error(`posts ${username}: ${res.body}`);
  }
}

export const FORM = {
  category: 'warning',
  title: '城区电网大面积停电预警',
  submittingUnit: '县能源局',
  submitter: '值班员',
  attachments: ['electronic'],
  content: { nature: '可能发生大面积停电', supplyImpact: '城区负荷可能受影响' },
};

/** Publishes a warning (issue or update) through the whole form; returns the publish response's JSON. */
export async function publishWarning(
  app: FastifyInstance,
  s: { duty: Session; director: Session; commander: Session },
  incidentId: number,
  warning: { action: 'issue' | 'update'; level: string },
): Promise<Record<string, unknown> & { capXml: string; incident: { version: number } }> {
  const base = `/api/incidents/${incidentId}/publications`;
  const drafted = await app.inject({ method: 'POST', url: base, ...s.duty, payload: { ...FORM, warning } });
  if (drafted.statusCode !== 201) throw new Error(`draft: ${drafted.body}`);
  const pub = drafted.json().publication as { id: number; version: number };
  let version = pub.version;
  const act = async (who: Session, payload: Record<string, unknown>) => {
    const res = await app.inject({
      method: 'POST',
      url: `${base}/${pub.id}/actions`,
      ...who,
      payload: { ...payload, version },
    });
    if (res.statusCode !== 200) throw new Error(`${String(payload.action)}: ${res.statusCode} ${res.body}`);
    version = res.json().publication.version;
    return res.json();
  };
  await act(s.director, { action: 'review', agree: true });
  await act(s.commander, { action: 'approve', agree: true });
  return act(s.duty, { action: 'publish', proofreader: '校对员', publisher: '发布员' });
}
