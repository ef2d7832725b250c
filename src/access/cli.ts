// `luoshi user add|list`: create the first administrator and other accounts from the command line.
import { readFileSync } from 'node:fs';
import { openDbFromFlags } from '../documents/cli.ts';
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { tenantFrom } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { ROLE_LABELS, type Role } from './roles.ts';
import { createUser, listUsers, newUserSchema } from './users.ts';
import { zodToAppError } from '../platform/validate.ts';

const ROLE_ALIASES: Record<string, Role> = { 管理员: 'admin', 领导: 'leader', 单位联络员: 'liaison', 联络员: 'liaison', admin: 'admin', leader: 'leader', liaison: 'liaison' };

export const accessCommands: Command[] = [
  {
    name: 'user',
    usage:
      'luoshi user add --username <用户名> --role <管理员|领导|单位联络员> [--unit <单位>] [--name <姓名>] (--password <密码> | --password-stdin) [--db <路径>]\n       luoshi user list [--db <路径>] [--json]',
    summary: '管理账户：创建（第一个管理员也用它创建）和列出。',
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      db: { type: 'string' },
      tenant: { type: 'string' },
    },
    async run(args: string[], flags: Flags, io: CliIO) {
      const sub = args[0];
      const tenant = tenantFrom(flags.tenant);
      if (sub === 'list') {
        const db = await openDbFromFlags(flags);
        try {
          const users = await listUsers(db, tenant);
          if (flags.json) io.out(JSON.stringify({ users }));
          else for (const u of users) io.out(`${u.username}\t${ROLE_LABELS[u.role]}\t${u.unit ?? ''}\t${u.disabled ? '已停用' : ''}`);
          return 0;
        } finally {
          await db.close();
        }
      }
      if (sub !== 'add') throw new AppError('BAD_INPUT', `未知子命令“${sub ?? ''}”。用法：${this.usage}`);
      const roleText = typeof flags.role === 'string' ? flags.role : '';
      const role = ROLE_ALIASES[roleText];
      if (!role) throw new AppError('BAD_INPUT', `角色“${roleText}”无效：可选 管理员、领导、单位联络员。`, { field: 'role' });
      const password = flags['password-stdin'] ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : typeof flags.password === 'string' ? flags.password : process.env.LUOSHI_PASSWORD;
      const input = {
        username: typeof flags.username === 'string' ? flags.username : '',
        password: password ?? '',
        role,
        unit: typeof flags.unit === 'string' ? flags.unit : undefined,
        displayName: typeof flags.name === 'string' ? flags.name : undefined,
      };
      const parsed = newUserSchema.safeParse(input);
      if (!parsed.success) throw zodToAppError(parsed.error);
      const db = await openDbFromFlags(flags);
      try {
        const user = await createUser(db, tenant, input);
        if (flags.json) io.out(JSON.stringify({ user }));
        else io.out(`已创建账户 ${user.username}（${ROLE_LABELS[user.role]}${user.unit ? `，${user.unit}` : ''}）。`);
        return 0;
      } finally {
        await db.close();
      }
    },
  },
];
