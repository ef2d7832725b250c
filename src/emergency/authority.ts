// Who inside the 指挥部 may start, adjust and terminate which response level (襄政办发〔2023〕15号 §5.2, §5.4), pure.
//
//   §5.2.1 三级 …由县指挥部办公室主任决定启动三级响应
//   §5.2.2 二级 …由县指挥部办公室主任向县指挥部报告，建议县指挥长启动二级响应，县指挥长签发启动
//   §5.2.3 一级 …建议县指挥长启动一级响应，县指挥长签发启动
//   §5.4.1 指挥部或其办公室依据事态发展变化，结合救援情况调整响应级别。
//   §5.4.2 同时满足以下条件时，启动响应的组织发布终止响应
//
// Decisions (docs/emergency.md §9.7): the level decided (or adjusted to) sets who signs: 三级 the 办公室主任 — or the
// 指挥长, who heads the 指挥部 the office serves (附件2: 决定启动和终止停电事件应急响应 is the 指挥部's duty); 二级 and 一级
// the 指挥长 only (副指挥长 do not sign: the text names the 指挥长). Termination follows the level in force
// (“启动响应的组织”): 三级 → 办公室 (主任) or 指挥长, 二级/一级 → 指挥长; with no level decided, either.
import { AppError } from '../platform/errors.ts';
import type { CommandPost } from './command/structure.ts';
import type { ResponseLevel } from './types.ts';

export type ResponseAct = 'start' | 'terminate';

const CLAUSE: Record<ResponseLevel, string> = { 三级: '§5.2.1', 二级: '§5.2.2', 一级: '§5.2.3' };

/** The posts that may take the act at the level (null = no level decided yet). */
export function postsAllowed(level: ResponseLevel | null, _act: ResponseAct): CommandPost[] {
  return level === '二级' || level === '一级' ? ['commander'] : ['office-director', 'commander'];
}

/** Throws FORBIDDEN (Chinese, naming the clause) unless one of `posts` may take the act at the level. */
export function checkAuthority(level: ResponseLevel | null, act: ResponseAct, posts: CommandPost[]): void {
  const allowed = postsAllowed(level, act);
  if (allowed.some((p) => posts.includes(p))) return;
  const what = act === 'start' ? `决定${level ? `启动或调整为${level}响应` : '响应'}` : `终止${level ?? ''}响应`;
  const who = allowed.length === 1 ? '县指挥长' : '县指挥部办公室主任或指挥长';
  const clause =
    act === 'terminate' ? `§5.4.2 启动响应的组织${level ? `；${CLAUSE[level]}` : ''}` : level ? CLAUSE[level] : '§5.2';
  throw new AppError('FORBIDDEN', `${what}须由${who}进行（${clause}）：请在“指挥机构”中为您的账号指定相应职务。`, {
    field: 'level',
  });
}
