// `luoshi user add|list|disable|enable`: create the first administrator and manage accounts from the
// shell. Passwords come from standard input (--password-stdin) or LUOSHI_PASSWORD, never from the
// command line (visible in process listings). Every change is audited as 命令行:<os user>.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { openDbFromFlags } from '../documents/cli.ts';
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { tenantFrom } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { zodToAppError } from '../platform/validate.ts';
import { cliActor, recordAudit } from './audit.ts';
import { ROLE_LABELS, type Role } from './roles.ts';
import { createUser, listUsers, newUserSchema, setUserDisabled } from './users.ts';

const ROLE_ALIASES: Record<string, Role> = {
  管理员: 'admin',
  领导: 'leader',
  单位联络员: 'liaison',
  联络员: 'liaison',
  admin: 'admin',
  leader: 'leader',
  liaison: 'liaison',
};

const osUser = () => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};

const USAGE = [
  'luoshi user add --username <用户名> --role <管理员|领导|单位联络员> [--unit <单位>] [--name <姓名>] --password-stdin [--db <路径>]',
  '       （密码从标准输入读取，或取环境变量 LUOSHI_PASSWORD；不接受命令行明文密码）',
  '       luoshi user list [--db <路径>] [--json]',
  '       luoshi user disable|enable --username <用户名> [--db <路径>]',
].join('\n');

export const accessCommands: Command[] = [
  {
    name: 'user',
    usage: USAGE,
    summary: '管理账户：创建（第一个管理员也用它创建）、列出、停用、启用。',
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      db: { type: 'string' },
      tenant: { type: 'string' },
    },
    async run(args: string[], flags: Flags, io: CliIO) {
      const sub = args[0];
      const tenant = tenantFrom(flags.tenant);
      const str = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
      if (sub !== 'add' && sub !== 'list' && sub !== 'disable' && sub !== 'enable') {
        throw new AppError('BAD_INPUT', `未知子命令“${sub ?? ''}”。用法：${USAGE}`);
      }
      let input: Parameters<typeof createUser>[2] | null = null;
      if (sub === 'add') {
        const roleText = str('role') ?? '';
        const role = ROLE_ALIASES[roleText];
        if (!role)
          throw new AppError('BAD_INPUT', `角色“${roleText}”无效：可选 管理员、领导、单位联络员。`, { field: 'role' });
        const password = flags['password-stdin']
          ? readFileSync(0, 'utf8').replace(/\r?\n$/, '')
          : process.env.LUOSHI_PASSWORD;
        if (!password)
          throw new AppError(
            'BAD_INPUT',
            '请用 --password-stdin 从标准输入提供密码，或设置环境变量 LUOSHI_PASSWORD。',
            { field: 'password' },
          );
        input = { username: str('username') ?? '', password, role, unit: str('unit'), displayName: str('name') };
        const parsed = newUserSchema.safeParse(input);
        if (!parsed.success) throw zodToAppError(parsed.error);
      }
      const db = await openDbFromFlags(flags);
      try {
        const users = await listUsers(db, tenant);
        if (sub === 'list') {
          if (flags.json) io.out(JSON.stringify({ users }));
          else if (users.length === 0) io.out('还没有账户。用 luoshi user add --role 管理员 … 创建第一个管理员。');
          else
            for (const u of users)
              io.out(`${u.username}\t${ROLE_LABELS[u.role]}\t${u.unit ?? ''}\t${u.disabled ? '已停用' : ''}`);
          return 0;
        }
        if (sub === 'add' && input) {
          const created = input;
          const user = await db.db.transaction().execute(async (trx) => {
            const u = await createUser(trx, tenant, created);
            await recordAudit(trx, {
              tenant,
              actor: cliActor(osUser()),
              action: 'user:create',
              entity: 'user',
              entityId: u.id,
              after: u,
            });
            return u;
          });
          if (flags.json) io.out(JSON.stringify({ user }));
          else io.out(`已创建账户 ${user.username}（${ROLE_LABELS[user.role]}${user.unit ? `，${user.unit}` : ''}）。`);
          return 0;
        }
        const username = str('username');
        const target = users.find((u) => u.username === username);
        if (!target) throw new AppError('NOT_FOUND', `没有用户名为“${username ?? ''}”的账户。`, { field: 'username' });
        const disable = sub === 'disable';
        const change = await db.db.transaction().execute(async (trx) => {
          const c = await setUserDisabled(trx, tenant, target.id, disable);
          if (c)
            await recordAudit(trx, {
              tenant,
              actor: cliActor(osUser()),
              action: disable ? 'user:disable' : 'user:enable',
              entity: 'user',
              entityId: target.id,
              before: c.before,
              after: c.after,
            });
          return c;
        });
        if (flags.json) io.out(JSON.stringify({ user: change?.after ?? target }));
        else io.out(`账户 ${target.username} 已${disable ? '停用' : '启用'}。`);
        return 0;
      } finally {
        await db.close();
      }
    },
  },
];
