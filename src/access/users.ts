// Users: creation (CLI `luoshi user add` and the admin API), listing, enabling/disabling, and the
// bookkeeping of failed logins. Passwords are hashed with argon2id (@node-rs/argon2 defaults:
// m=19456 KiB, t=2, p=1 — the OWASP minimum) and never leave this module.
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { accessDb, type DbLike, isUniqueViolation } from './db.ts';
import { ROLES, type Role } from './roles.ts';
import type { UsersTable } from './schema.ts';

export const MIN_PASSWORD_LENGTH = 10;

export interface User {
  id: number;
  tenant: string;
  username: string;
  displayName: string;
  role: Role;
  unit: string | null;
  disabled: boolean;
  /** UTC ISO instant until which sign-in is refused, or null. */
  lockedUntil: string | null;
  createdAt: string;
}

export const newUserSchema = z
  .object({
    username: z
      .string({ error: '请填写用户名' })
      .trim()
      .min(2, '用户名至少 2 个字符')
      .max(64, '用户名最多 64 个字符')
      .regex(/^[\p{L}\p{N}_.@-]+$/u, '用户名只能包含字母、数字、汉字和 _ . @ -'),
    password: z
      .string({ error: '请填写密码' })
      .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`)
      .max(256, '密码最多 256 个字符'),
    role: z.enum(ROLES as [Role, ...Role[]], {
      error: '角色必须是 admin（管理员）、leader（领导）或 liaison（单位联络员）',
    }),
    unit: z.string().trim().min(1, '单位名称不能为空').max(100, '单位名称最多 100 个字符').optional(),
    displayName: z.string().trim().min(1, '姓名不能为空').max(64, '姓名最多 64 个字符').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.role === 'liaison' && !value.unit) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: '单位联络员必须绑定一个单位（--unit）' });
    }
    if (value.role !== 'liaison' && value.unit) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: '只有单位联络员需要绑定单位，管理员和领导不填写单位' });
    }
    if (value.password.trim().toLowerCase() === value.username.toLowerCase()) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: '密码不能与用户名相同' });
    }
  });

export type NewUser = z.input<typeof newUserSchema>;

function toUser(row: Omit<UsersTable, 'id' | 'failed_attempts'> & { id: number }): User {
  return {
    id: row.id,
    tenant: row.tenant,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unit: row.unit,
    disabled: row.disabled_at !== null,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 defaults to argon2id (Algorithm.Argon2id, a const enum we cannot import under isolatedModules).
  return hash(password);
}

// A real hash of a random password, verified against when the username does not exist so that
// unknown and known usernames take the same time.
let dummyHash: Promise<string> | null = null;

/** Verify a password against a stored hash, or spend the same time when there is none. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hash(`luoshi-dummy-${Math.random()}`);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** Validate and create a user. Throws AppError BAD_INPUT (naming the field) or CONFLICT. */
export async function createUser(db: DbLike, tenant: string, input: NewUser, now: Date = new Date()): Promise<User> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || undefined;
    throw new AppError('BAD_INPUT', issue?.message ?? '用户信息不正确', field ? { field } : {});
  }
  const value = parsed.data;
  const row = {
    tenant,
    username: value.username,
    display_name: value.displayName ?? value.username,
    role: value.role,
    unit: value.role === 'liaison' ? (value.unit ?? null) : null,
    password_hash: await hashPassword(value.password),
    locked_until: null,
    disabled_at: null,
    created_at: now.toISOString(),
  };
  try {
    const inserted = await accessDb(db).insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
    return toUser({ ...row, id: inserted.id });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', `用户名“${value.username}”已存在，请换一个用户名`, { field: 'username' });
    }
    throw error;
  }
}

const USER_COLUMNS = [
  'id',
  'tenant',
  'username',
  'display_name',
  'role',
  'unit',
  'password_hash',
  'locked_until',
  'disabled_at',
  'created_at',
] as const;

export async function listUsers(db: DbLike, tenant: string): Promise<User[]> {
  const rows = await accessDb(db)
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('tenant', '=', tenant)
    .orderBy('id')
    .execute();
  return rows.map(toUser);
}

export async function getUser(db: DbLike, tenant: string, id: number): Promise<User | null> {
  const row = await accessDb(db)
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/** The user with its password hash and failure counter, for sign-in only. */
export async function findUserForLogin(
  db: DbLike,
  tenant: string,
  username: string,
): Promise<(User & { passwordHash: string; failedAttempts: number }) | null> {
  const row = await accessDb(db)
    .selectFrom('users')
    .select([...USER_COLUMNS, 'failed_attempts'])
    .where('tenant', '=', tenant)
    .where('username', '=', username)
    .executeTakeFirst();
  return row ? { ...toUser(row), passwordHash: row.password_hash, failedAttempts: row.failed_attempts } : null;
}

/**
 * Count a failed sign-in. Returns the lock expiry when this failure locked the account.
 * The increment happens in SQL, so concurrent failures are all counted.
 */
export async function registerLoginFailure(
  db: DbLike,
  userId: number,
  now: Date,
  maxFailedAttempts: number,
  lockoutMinutes: number,
): Promise<string | null> {
  const kdb = accessDb(db);
  const row = await kdb
    .updateTable('users')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_attempts')
    .executeTakeFirst();
  if (!row || row.failed_attempts < maxFailedAttempts) return null;
  const lockedUntil = new Date(now.getTime() + lockoutMinutes * 60_000).toISOString();
  await kdb
    .updateTable('users')
    .set({ failed_attempts: 0, locked_until: lockedUntil })
    .where('id', '=', userId)
    .execute();
  return lockedUntil;
}

export async function registerLoginSuccess(db: DbLike, userId: number): Promise<void> {
  await accessDb(db)
    .updateTable('users')
    .set({ failed_attempts: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

/** Disable (true) or re-enable (false, also clearing any lockout). Returns the user before and after. */
export async function setUserDisabled(
  db: DbLike,
  tenant: string,
  id: number,
  disabled: boolean,
  now: Date = new Date(),
): Promise<{ before: User; after: User } | null> {
  const before = await getUser(db, tenant, id);
  if (!before) return null;
  if (disabled && before.disabled) return { before, after: before };
  await accessDb(db)
    .updateTable('users')
    .set(disabled ? { disabled_at: now.toISOString() } : { disabled_at: null, failed_attempts: 0, locked_until: null })
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .execute();
  const after = await getUser(db, tenant, id);
  return after ? { before, after } : null;
}
