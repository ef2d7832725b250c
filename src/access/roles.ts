// Roles and the actor making a request. Pure data.
import type { Role } from './schema.ts';

export type { Role } from './schema.ts';

/** The roles of signed-in users plus 公众 (the anonymous public). */
export type ActorRole = Role | 'public';

export const ROLES: readonly Role[] = ['admin', 'leader', 'liaison'];

export const ROLE_LABELS: Record<ActorRole, string> = {
  admin: '管理员',
  leader: '领导',
  liaison: '单位联络员',
  public: '公众',
};

export interface Actor {
  /** users.id, or null for the anonymous public. */
  id: number | null;
  username: string | null;
  displayName: string;
  role: ActorRole;
  /** The unit a liaison is bound to; null otherwise. */
  unit: string | null;
}

export const ANONYMOUS: Actor = Object.freeze({
  id: null,
  username: null,
  displayName: '公众',
  role: 'public',
  unit: null,
});

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
