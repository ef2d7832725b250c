// Server-side sessions. The cookie carries a random 32-byte token; the table stores only its
// SHA-256, so a leaked database does not yield usable sessions. Each session has its own CSRF token.
import { createHash, randomBytes } from 'node:crypto';
import type { AccessConfig } from './config.ts';
import { accessDb, type DbLike } from './db.ts';
import type { Actor } from './roles.ts';
import type { Role } from './schema.ts';

export interface ActiveSession {
  /** SHA-256 of the cookie token (the primary key). */
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export type SessionLookup =
  | { status: 'none' }
  | { status: 'expired' }
  | { status: 'valid'; session: ActiveSession; actor: Actor };

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function createSession(
  db: DbLike,
  tenant: string,
  userId: number,
  ip: string | null,
  config: Pick<AccessConfig, 'absoluteHours' | 'now'>,
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const now = config.now();
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + config.absoluteHours * 3_600_000).toISOString();
  await accessDb(db)
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      tenant,
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      ip,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** Refresh last_seen_at at most this often, so that reads do not turn into a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

/** Resolve a cookie token. Expired sessions are deleted; disabled users have no session. */
export async function resolveSession(
  db: DbLike,
  tenant: string,
  token: string,
  config: Pick<AccessConfig, 'idleMinutes' | 'now'>,
): Promise<SessionLookup> {
  const kdb = accessDb(db);
  const id = hashToken(token);
  const row = await kdb
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as id',
      'sessions.user_id as userId',
      'sessions.csrf_token as csrfToken',
      'sessions.created_at as createdAt',
      'sessions.last_seen_at as lastSeenAt',
      'sessions.expires_at as expiresAt',
      'users.username as username',
      'users.display_name as displayName',
      'users.role as role',
      'users.unit as unit',
      'users.disabled_at as disabledAt',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.tenant', '=', tenant)
    .executeTakeFirst();
  if (!row) return { status: 'none' };
  if (row.disabledAt !== null) {
    await deleteSession(db, id);
    return { status: 'none' };
  }
  const now = config.now();
  const idleDeadline = new Date(row.lastSeenAt).getTime() + config.idleMinutes * 60_000;
  if (now.getTime() >= idleDeadline || now.getTime() >= new Date(row.expiresAt).getTime()) {
    await deleteSession(db, id);
    return { status: 'expired' };
  }
  let lastSeenAt = row.lastSeenAt;
  if (now.getTime() - new Date(row.lastSeenAt).getTime() >= TOUCH_INTERVAL_MS) {
    lastSeenAt = now.toISOString();
    await kdb.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute();
  }
  const role: Role = row.role;
  return {
    status: 'valid',
    session: {
      id,
      userId: row.userId,
      csrfToken: row.csrfToken,
      createdAt: row.createdAt,
      lastSeenAt,
      expiresAt: row.expiresAt,
    },
    actor: { id: row.userId, username: row.username, displayName: row.displayName, role, unit: row.unit },
  };
}

export async function deleteSession(db: DbLike, sessionId: string): Promise<void> {
  await accessDb(db).deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: DbLike, userId: number): Promise<void> {
  await accessDb(db).deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Remove sessions past their absolute expiry or idle for longer than the idle timeout. */
export async function purgeExpiredSessions(
  db: DbLike,
  config: Pick<AccessConfig, 'idleMinutes' | 'now'>,
): Promise<void> {
  const now = config.now();
  const idleCutoff = new Date(now.getTime() - config.idleMinutes * 60_000).toISOString();
  await accessDb(db)
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('last_seen_at', '<=', idleCutoff)]))
    .execute();
}
