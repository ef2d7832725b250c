import { describe, expect, it } from 'vitest';
import { type Action, can, type Resource, visibleDisclosures } from './policy.ts';
import { type Actor, ANONYMOUS } from './roles.ts';

const admin: Actor = { id: 1, username: 'admin', displayName: '县政府办', role: 'admin', unit: null };
const leader: Actor = { id: 2, username: 'leader', displayName: '王县长', role: 'leader', unit: null };
const liaison: Actor = { id: 3, username: 'fgj', displayName: '发改局联络员', role: 'liaison', unit: '县发改局' };
const anon = ANONYMOUS;

const system: Resource = { kind: 'system' };
const publicDoc: Resource = { kind: 'document', disclosure: 'public' };
const partialDoc: Resource = { kind: 'document', disclosure: 'partial' };
const restrictedDoc: Resource = { kind: 'document', disclosure: 'restricted' };
const openClause: Resource = { kind: 'clause', disclosure: 'partial', restricted: false };
const markedClause: Resource = { kind: 'clause', disclosure: 'partial', restricted: true };
const ownUnit: Resource = { kind: 'unit', unit: '县发改局' };
const otherUnit: Resource = { kind: 'unit', unit: '县财政局' };

type Row = [string, Actor, Action, Resource, number];

// [label, actor, action, resource, expected status (200 = allowed)]
const TABLE: Row[] = [
  ['anyone reads issues', anon, 'issue:read', system, 200],
  ['anyone lists documents', anon, 'document:list', system, 200],
  ['anyone searches', anon, 'search', system, 200],
  ['anyone reads findings', anon, 'findings:read', system, 200],
  ['public reads public doc', anon, 'document:read', publicDoc, 200],
  ['public reads partial doc', anon, 'document:read', partialDoc, 200],
  ['public: restricted doc is not found', anon, 'document:read', restrictedDoc, 404],
  ['liaison (staff) reads restricted doc', liaison, 'document:read', restrictedDoc, 200],
  ['leader reads restricted doc', leader, 'document:read', restrictedDoc, 200],
  ['admin reads restricted doc', admin, 'document:read', restrictedDoc, 200],
  ['public reads open clause', anon, 'clause:read', openClause, 200],
  ['public: marked clause is not found', anon, 'clause:read', markedClause, 404],
  ['liaison (staff) reads marked clause', liaison, 'clause:read', markedClause, 200],
  ['leader reads marked clause', leader, 'clause:read', markedClause, 200],
  [
    'public: clause of restricted doc not found',
    anon,
    'clause:read',
    { kind: 'clause', disclosure: 'restricted', restricted: false },
    404,
  ],
  ['public must sign in for audit', anon, 'audit:read', system, 401],
  ['liaison may not read audit', liaison, 'audit:read', system, 403],
  ['leader reads audit', leader, 'audit:read', system, 200],
  ['admin exports audit', admin, 'audit:export', system, 200],
  ['leader exports audit', leader, 'audit:export', system, 200],
  ['liaison may not export audit', liaison, 'audit:export', system, 403],
  ['admin manages users', admin, 'user:manage', system, 200],
  ['leader may not manage users', leader, 'user:manage', system, 403],
  ['liaison may not manage users', liaison, 'user:manage', system, 403],
  ['public must sign in to manage users', anon, 'user:manage', system, 401],
  ['admin imports', admin, 'import', system, 200],
  ['leader may not import', leader, 'import', system, 403],
  ['leader approves', leader, 'approve', system, 200],
  ['admin does not approve (separation of duties)', admin, 'approve', system, 403],
  ['liaison does not approve', liaison, 'approve', system, 403],
  ['admin marks clauses non-public', admin, 'restriction:manage', system, 200],
  ['leader may not mark clauses', leader, 'restriction:manage', system, 403],
  ['leader sees the marks', leader, 'restriction:read', system, 200],
  ['liaison does not see the marks', liaison, 'restriction:read', system, 403],
  ['liaison acts for own unit', liaison, 'unit:act', ownUnit, 200],
  ['liaison may not act for another unit', liaison, 'unit:act', otherUnit, 403],
  ['liaison reads own unit', liaison, 'unit:read', ownUnit, 200],
  ['liaison may not read another unit', liaison, 'unit:read', otherUnit, 403],
  ['admin acts for any unit', admin, 'unit:act', otherUnit, 200],
  ['leader reads any unit', leader, 'unit:read', otherUnit, 200],
  ['leader does not act for a unit', leader, 'unit:act', otherUnit, 403],
  ['public must sign in to act for a unit', anon, 'unit:act', ownUnit, 401],
  ['public must sign in to read commitments', anon, 'commitment:read', system, 401],
  ['liaison reads commitments', liaison, 'commitment:read', system, 200],
  ['leader reads commitments', leader, 'commitment:read', system, 200],
  ['admin reads commitments', admin, 'commitment:read', system, 200],
  ['admin (county office) reviews commitments', admin, 'commitment:review', system, 200],
  ['leader may not review commitments', leader, 'commitment:review', system, 403],
  ['liaison may not review commitments', liaison, 'commitment:review', system, 403],
  ['public must sign in to read supervision items', anon, 'supervision:read', system, 401],
  ['liaison reads supervision items', liaison, 'supervision:read', system, 200],
  ['leader reads supervision items', leader, 'supervision:read', system, 200],
  ['admin (county office) assigns supervision items', admin, 'supervision:assign', system, 200],
  ['leader does not register supervision items', leader, 'supervision:assign', system, 403],
  ['liaison does not register supervision items', liaison, 'supervision:assign', system, 403],
  ['liaison acts on supervision items (unit checked by unit:act)', liaison, 'supervision:act', system, 200],
  ['leader acts on supervision items (extensions, 催办)', leader, 'supervision:act', system, 200],
  ['public must sign in to act on supervision items', anon, 'supervision:act', system, 401],
  ['admin (county office) saves the supervision settings', admin, 'supervision:settings', system, 200],
  ['leader does not change the supervision settings', leader, 'supervision:settings', system, 403],
  ['liaison does not change the supervision settings', liaison, 'supervision:settings', system, 403],
  ['public must sign in to change the supervision settings', anon, 'supervision:settings', system, 401],
  ['public must sign in to review commitments', anon, 'commitment:review', system, 401],
  ['public must sign in to read incidents', anon, 'incident:read', system, 401],
  ['liaison reads incidents', liaison, 'incident:read', system, 200],
  ['leader reads incidents', leader, 'incident:read', system, 200],
  ['admin reads incidents', admin, 'incident:read', system, 200],
  ['admin (duty office) records incidents', admin, 'incident:act', system, 200],
  ['leader does not record incidents', leader, 'incident:act', system, 403],
  ['liaison does not record incidents', liaison, 'incident:act', system, 403],
  ['public must sign in to record incidents', anon, 'incident:act', system, 401],
  ['leader (指挥部) decides the response', leader, 'incident:decide', system, 200],
  ['admin does not decide the response', admin, 'incident:decide', system, 403],
  ['liaison does not decide the response', liaison, 'incident:decide', system, 403],
  ['public must sign in to decide', anon, 'incident:decide', system, 401],
  ['wrong resource kind is denied', admin, 'document:read', system, 403],
  ['unit action on a document is denied', admin, 'unit:act', publicDoc, 403],
];

describe('policy.can', () => {
  it.each(TABLE)('%s', (_label, actor, action, resource, status) => {
    const d = can(actor, action, resource);
    expect(d.status).toBe(status);
    expect(d.allowed).toBe(status === 200);
    expect(d.reason).toMatch(/[\u4e00-\u9fff]/); // a Chinese explanation, always
  });

  it('audits the denials that matter and only those', () => {
    expect(can(anon, 'document:read', restrictedDoc).audit).toBe(true);
    expect(can(liaison, 'unit:act', otherUnit).audit).toBe(true);
    expect(can(anon, 'audit:read', system).audit).toBe(false);
    expect(can(admin, 'document:read', publicDoc).audit).toBe(false);
  });

  it('names the liaison unit in a cross-unit denial', () => {
    expect(can(liaison, 'unit:act', otherUnit).reason).toContain('县发改局');
  });

  it('a liaison without a unit acts for no unit', () => {
    expect(can({ ...liaison, unit: null }, 'unit:act', ownUnit).status).toBe(403);
  });
});

describe('policy.visibleDisclosures', () => {
  it.each([
    [anon, ['public', 'partial']],
    [liaison, ['public', 'partial', 'restricted']],
    [leader, ['public', 'partial', 'restricted']],
    [admin, ['public', 'partial', 'restricted']],
  ] as const)('%o', (actor, expected) => {
    expect(visibleDisclosures(actor)).toEqual(expected);
  });

  it('agrees with document:read for every role and disclosure', () => {
    for (const actor of [anon, liaison, leader, admin]) {
      for (const disclosure of ['public', 'partial', 'restricted'] as const) {
        expect(visibleDisclosures(actor).includes(disclosure)).toBe(
          can(actor, 'document:read', { kind: 'document', disclosure }).allowed,
        );
      }
    }
  });
});
